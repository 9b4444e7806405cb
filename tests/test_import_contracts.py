"""The layers as import contracts, checked statically by import-linter (pyproject.toml,
``[tool.importlinter]``): tui -> CLI -> core, glossary -> core; the core imports neither the
CLI, the API, glossary, tui nor textual. Function-level (lazy) imports count too. The run-time
checks in ``test_layering.py`` add what a static graph cannot see: what importing costs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ABOVE_THE_CORE = {"cli", "api", "__main__", "__init__"}


def _contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return {c["id"]: c for c in config["contracts"]}


def test_the_contracts_hold() -> None:
    lint = shutil.which("lint-imports")
    if lint is None:
        pytest.fail("import-linter is not installed: pip install -e '.[test]'")
    proc = subprocess.run([lint, "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


def test_the_core_contract_covers_every_core_module() -> None:
    """A module added to align/ is in the core unless it is the CLI or the API: the contract
    must list it, or it would escape the check."""
    on_disk = {
        f"align.{p.stem}"
        for p in (REPO / "align").iterdir()
        if (p.suffix == ".py" or (p / "__init__.py").exists()) and p.stem not in ABOVE_THE_CORE
    }
    listed = set(_contracts()["core"]["source_modules"])  # type: ignore[arg-type]
    assert listed == on_disk


def test_a_broken_contract_fails(tmp_path: Path) -> None:
    """The check can fail: a copy of the tree whose core imports tui breaks it."""
    lint = shutil.which("lint-imports")
    assert lint is not None
    for package in ("align", "glossary", "tui"):
        shutil.copytree(REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    with (tmp_path / "align" / "errors.py").open("a", encoding="utf-8") as handle:
        handle.write("\nimport tui.help  # noqa: E402,F401\n")
    env = {"PYTHONPATH": str(tmp_path), "PATH": str(Path(sys.executable).parent)}
    proc = subprocess.run([lint, "--no-cache"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert proc.returncode != 0
    assert "BROKEN" in proc.stdout

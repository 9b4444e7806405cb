"""The glossary's formats and merge sit on the align core (the layers as a whole are import
contracts: pyproject.toml ``[tool.importlinter]``, tests/test_import_contracts.py)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_formats_and_merge_depend_on_the_core_only() -> None:
    paths = [*(REPO / "glossary" / "formats").glob("*.py"), REPO / "glossary" / "merge.py"]
    for path in paths:
        for module in _imports(path):
            top = module.split(".")[0]
            assert top in sys.stdlib_module_names or top in {"align", "glossary", "lxml"}, (path.name, module)
            assert not module.startswith(
                ("align.cli", "tui", "glossary.extraction", "glossary.candidates")
            ), module


def test_importing_them_is_cheap() -> None:
    code = "import sys, glossary.formats, glossary.merge; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for heavy in ("lxml", "polars", "kiwipiepy", "numpy", "textual", "rich"):
        assert heavy not in loaded, heavy

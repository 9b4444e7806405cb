"""The glossary's formats and merge sit on the align core, and the core never reaches up."""

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


def test_the_align_core_never_imports_glossary() -> None:
    for path in (REPO / "align").rglob("*.py"):
        rel = path.relative_to(REPO / "align")
        if "cli" in rel.parts or rel.parts == ("api.py",):
            continue  # the CLI and the Python API sit above both
        bad = {m for m in _imports(path) if m == "glossary" or m.startswith("glossary.")}
        assert not bad, f"{path.relative_to(REPO)} imports {bad}"


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

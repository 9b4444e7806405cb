"""The registry the CLI and TUI share: names, suffixes, whole-file export and import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from align.errors import UsageError
from align.formats.registry import FORMATS, export_file, format_for_path, get_format, import_file
from align.formats.selection import ExportOptions
from align.model import Bitext


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("a.tmx", "tmx"),
        ("A.TMX", "tmx"),
        ("b.csv", "csv"),
        ("c.tsv", "tsv"),
        ("d.xlf", "xliff"),
        ("e.xliff", "xliff"),
        ("f.beads", "beads"),
    ],
)
def test_suffixes(path: str, name: str) -> None:
    assert format_for_path(path).name == name


def test_explicit_name_wins_and_unknown_names_fail() -> None:
    assert format_for_path("out.txt", "TSV").name == "tsv"
    with pytest.raises(UsageError, match="unknown format 'pdf'"):
        get_format("pdf")
    with pytest.raises(UsageError, match="cannot tell the format"):
        format_for_path("out.docx")


def test_every_format_can_write_and_read(seed_project: Bitext, tmp_path: Path) -> None:
    options = ExportOptions(include_unpaired=True, date="20260101T000000Z")
    for fmt in FORMATS.values():
        assert fmt.writer and fmt.reader, fmt.name
        path = tmp_path / f"seed{fmt.suffixes[0]}"
        assert export_file(seed_project, path, options=options) is fmt
        if fmt.name == "beads":
            continue  # needs the sentence files; tested in test_bead_import
        back = import_file(path)  # tables: languages detected from the text
        assert len(back.beads) == len(seed_project.beads), fmt.name


def test_importing_the_registry_loads_neither_polars_nor_lxml() -> None:
    code = "import sys, align.formats.registry; print('polars' in sys.modules, 'lxml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]

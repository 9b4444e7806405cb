"""The review workbook: opens in openpyxl and polars with the documented columns and layout,
and a sheet a reviewer edited (status, text) comes back with the same beads and the edits."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from align.cli import main
from align.formats.registry import export_file, import_file
from align.formats.xlsx_writer import BEAD_COLUMNS
from align.model import BeadStatus
from align.project import load_project

GOLDEN = Path(__file__).resolve().parents[2] / "golden"


@pytest.fixture()
def exported(tmp_path: Path) -> Path:
    out = tmp_path / "seed.xlsx"
    export_file(load_project(GOLDEN / "seed001.dari.json"), out)
    return out


def test_workbook_opens_in_openpyxl_with_frozen_header_wrapping_and_wide_columns(exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    assert book.sheetnames == ["beads", "about"]
    sheet = book["beads"]
    assert [c.value for c in sheet[1]] == list(BEAD_COLUMNS)
    assert sheet.freeze_panes == "A2"
    (table,) = sheet.tables.values()  # polars writes an Excel table: filter buttons on the header
    assert table.autoFilter is not None
    assert sheet["A2"].alignment.wrap_text and sheet["B2"].alignment.wrap_text
    widths = {}
    for dim in sheet.column_dimensions.values():  # xlsxwriter groups equal widths into one range
        for col in range(dim.min, dim.max + 1):
            widths[col] = dim.width
    assert widths[1] >= 60 and widths[2] >= 60  # the English and the Korean sentences
    assert widths[3] < 20  # bead_type stays narrow
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(load_project(GOLDEN / "seed001.dari.json").beads)
    yongsan = [r for r in rows if r[2] == "1-0"]
    assert len(yongsan) == 2 and all("Yongsan" in r[0] and r[1] is None for r in yongsan)
    names = [r for r in rows if r[5] and "Remzi" in r[5]]
    assert names and "Ramzi" in names[0][0] and "Remzi" in names[0][1]
    assert dict(book["about"].iter_rows(min_row=2, values_only=True))["target_lang"] == "ko"


def test_workbook_reads_in_polars_with_the_documented_columns(exported: Path) -> None:
    frame = pl.read_excel(exported, sheet_name="beads")
    assert frame.columns == list(BEAD_COLUMNS)
    assert frame.schema["score"] == pl.Float64
    assert set(frame["status"].to_list()) <= {"auto", "confirmed", "edited"}


def test_reviewed_sheet_round_trip_keeps_beads_statuses_and_edited_text(
    exported: Path, tmp_path: Path
) -> None:
    original = load_project(GOLDEN / "seed001.dari.json")
    book = openpyxl.load_workbook(exported)
    sheet = book["beads"]
    sheet["E2"] = "confirmed"  # a reviewer confirms the first pair ...
    sheet["E4"] = "edited"  # ... and fixes a translation
    fixed = sheet["B4"].value + " (수정됨)"
    sheet["B4"] = fixed
    reviewed = tmp_path / "reviewed.xlsx"
    book.save(reviewed)

    back = import_file(reviewed)
    assert [(b.src, b.tgt) for b in back.beads] == [(b.src, b.tgt) for b in original.beads]
    expected = [b.status for b in original.beads]
    expected[0], expected[2] = BeadStatus.CONFIRMED, BeadStatus.EDITED
    assert [b.status for b in back.beads] == expected
    assert [round(b.score, 4) for b in back.beads] == [round(b.score, 4) for b in original.beads]
    assert back.target.segments[back.beads[2].tgt[0]].text == fixed
    assert (back.source.lang, back.target.lang) == ("en", "ko")
    assert {f.check for f in back.findings} >= {"name", "missing", "extra"}


def test_cli_export_import_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "seed.dari.json"
    shutil.copy(GOLDEN / "seed001.dari.json", project)
    out = tmp_path / "seed.xlsx"
    assert main(["export", str(project), "-o", str(out)]) == 0
    assert "exported 12 beads as xlsx" in capsys.readouterr().err
    back = tmp_path / "back.dari.json"
    assert main(["import", str(out), "-o", str(back), "-q"]) == 0
    assert [b.status for b in load_project(back).beads] == [b.status for b in load_project(project).beads]
    assert main(["export", str(project), "-o", "-", "--to", "xlsx"]) == 2
    assert "binary format" in capsys.readouterr().err
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["import", str(junk), "-o", str(tmp_path / "j.dari.json")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a readable xlsx workbook" in err[0]


def test_a_multi_sentence_bead_survives_through_lines_in_one_cell(tmp_path: Path) -> None:
    from align.model import Bead

    bitext = load_project(GOLDEN / "seed001.dari.json")
    first, second = bitext.beads[0], bitext.beads[1]
    bitext.beads[0:2] = [Bead(first.src + second.src, first.tgt + second.tgt, 0.8)]
    out = tmp_path / "merged.xlsx"
    export_file(bitext, out)
    back = import_file(out)
    assert back.beads[0].src == (0, 1) and back.beads[0].tgt == (0, 1)
    assert [(b.src, b.tgt) for b in back.beads] == [(b.src, b.tgt) for b in bitext.beads]

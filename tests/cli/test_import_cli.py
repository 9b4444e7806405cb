"""``dari import``: TMX, XLIFF, tables and bead files into project files; round trips; bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from align.cli import main
from align.project import load_project

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
DATE = "20260101T000000Z"


def _error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("dari: error: ")
    return lines[0]


@pytest.mark.parametrize("golden", ["seed001.tmx", "seed001.unpaired-kr.tmx"])
def test_tmx_round_trip_through_the_cli_is_byte_identical(tmp_path: Path, golden: str) -> None:
    tmx = tmp_path / "in.tmx"
    shutil.copy(GOLDEN / golden, tmx)
    project = tmp_path / "back.dari.json"
    assert main(["import", str(tmx), "-o", str(project)]) == 0
    out = tmp_path / "again.tmx"
    extra = ["--include-unpaired"] if "unpaired" in golden else []
    assert main(["export", str(project), "-o", str(out), "--date", DATE, *extra]) == 0
    assert out.read_bytes() == tmx.read_bytes()


def test_xliff_round_trip_through_the_cli(tmp_path: Path) -> None:
    project = tmp_path / "x.dari.json"
    assert main(["import", str(GOLDEN / "seed001.xlf"), "-o", str(project)]) == 0
    out = tmp_path / "again.xlf"
    assert main(["export", str(project), "-o", str(out), "--include-unpaired"]) == 0
    assert out.read_bytes() == (GOLDEN / "seed001.xlf").read_bytes()


def test_tsv_import_detects_languages_or_takes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "tm.tsv"
    table.write_text("note\tko\ten\n-\t안녕하세요.\tHello, how are you?\n", encoding="utf-8")
    project = tmp_path / "tm.dari.json"
    assert main(["import", str(table), "-o", str(project)]) == 2  # first two columns: "note", "ko"
    assert "cannot tell the source language" in _error_line(capsys)
    assert main(["import", str(table), "-o", str(project), "--columns", "en,ko"]) == 0
    bitext = load_project(project)
    assert (bitext.source.lang, bitext.target.lang) == ("en", "ko")
    assert (bitext.source.texts, bitext.target.texts) == (["Hello, how are you?"], ["안녕하세요."])
    argv = [
        "import",
        str(table),
        "-o",
        str(project),
        "--src-lang",
        "en-GB",
        "--tgt-lang",
        "ko",
        "--columns",
        "3,2",
    ]
    assert main(argv) == 0
    assert load_project(project).source.lang == "en-GB"


def test_same_language_on_both_sides_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "same.csv"
    table.write_text("a,b\nThe cat sat.,The dog ran.\n", encoding="utf-8")
    assert main(["import", str(table), "-o", str(tmp_path / "s.dari.json")]) == 2
    assert "both sides look like 'en'" in _error_line(capsys)


def test_bead_file_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "en.txt").write_text("One.\nTwo.\nThree.\n", encoding="utf-8")
    (tmp_path / "ko.txt").write_text("하나. 둘.\n셋.\n", encoding="utf-8")
    (tmp_path / "out.beads").write_text("[0, 1]:[0]:0.7\n[2]:[1]:0.9\n", encoding="utf-8")
    project = tmp_path / "b.dari.json"
    base = ["import", str(tmp_path / "out.beads"), "-o", str(project)]
    assert main(base) == 2
    assert "--src FILE --tgt FILE" in _error_line(capsys)
    assert main([*base, "--src", str(tmp_path / "en.txt"), "--tgt", str(tmp_path / "ko.txt")]) == 0
    bitext = load_project(project)
    assert [b.kind for b in bitext.beads] == ["2-1", "1-1"]
    assert [b.status.value for b in bitext.beads] == ["auto", "auto"]
    assert (bitext.source.lang, bitext.target.lang) == ("en", "ko")  # detected


def test_multilingual_tmx_language_choice(tmp_path: Path) -> None:
    tmx = tmp_path / "multi.tmx"
    tmx.write_text(
        '<tmx version="1.4"><header srclang="de"/><body>'
        '<tu><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="en-GB"><seg>Hello</seg></tuv>'
        '<tuv xml:lang="ko-KR"><seg>안녕</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    project = tmp_path / "m.dari.json"
    assert main(["import", str(tmx), "-o", str(project), "--src-lang", "en", "--tgt-lang", "ko"]) == 0
    bitext = load_project(project)
    assert (bitext.source.lang, bitext.target.lang) == ("en", "ko")
    assert (bitext.source.texts, bitext.target.texts) == (["Hello"], ["안녕"])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.tmx", None, "no such file"),
        ("empty.tmx", b"", "file is empty"),
        ("binary.tmx", b"\x00\x01\x02\x03\xff\xfe\x00", "not a TMX file"),
        (
            "cut.tmx",
            b'<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu><tuv xml:lang="en"><seg>Hel',
            r"cut.tmx:4:",
        ),
        ("page.tmx", b"<html><body>hi</body></html>", "root element is <html>"),
        ("file.docx", b"PK\x03\x04", "cannot tell the format"),
    ],
)
def test_bad_inputs_fail_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    project = tmp_path / "out.dari.json"
    assert main(["import", str(path), "-o", str(project)]) == 2
    assert message in _error_line(capsys)
    assert not project.exists()


def test_import_refuses_to_overwrite_its_input_or_write_nowhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmx = tmp_path / "in.tmx"
    shutil.copy(GOLDEN / "seed001.tmx", tmx)
    assert main(["import", str(tmx), "-o", str(tmx)]) == 2
    assert "refusing to overwrite" in _error_line(capsys)
    assert tmx.read_bytes() == (GOLDEN / "seed001.tmx").read_bytes()
    assert main(["import", str(tmx), "-o", str(tmp_path / "no" / "p.dari.json")]) == 2
    assert "does not exist" in _error_line(capsys)

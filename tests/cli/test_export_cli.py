"""``dari export``: every format from the seed project, options, and every bad input in one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from align.cli import main

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
DATE = "20260101T000000Z"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    path = tmp_path / "seed.dari.json"
    shutil.copy(GOLDEN / "seed001.dari.json", path)
    return path


def _error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("dari: error: ")
    return lines[0]


def test_tmx_export_matches_the_golden_file(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "seed.tmx"
    assert main(["export", str(project), "-o", str(out), "--date", DATE]) == 0
    assert out.read_bytes() == (GOLDEN / "seed001.tmx").read_bytes()
    assert (
        "exported 9 beads as tmx (left out: 3 unpaired 1-0/0-1 beads, which --include-unpaired keeps)"
        in capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("name", "extra", "golden"),
    [
        ("seed.csv", [], "seed001.csv"),
        ("seed.tsv", ["--include-unpaired"], "seed001.tsv"),
        ("seed.xliff", ["--include-unpaired"], "seed001.xlf"),
        ("seed.xlf", ["--include-unpaired"], "seed001.xlf"),
        ("seed.beads", [], "seed001.beads"),
        ("seed.txt", ["--to", "tmx", "--date", DATE], "seed001.tmx"),
        (
            "seed-kr.tmx",
            ["--date", DATE, "--include-unpaired", "--src-lang-tag", "en-US", "--tgt-lang-tag", "ko-KR"],
            "seed001.unpaired-kr.tmx",
        ),
    ],
)
def test_format_from_suffix_or_to(
    project: Path, tmp_path: Path, name: str, extra: list[str], golden: str
) -> None:
    out = tmp_path / name
    assert main(["export", str(project), "-o", str(out), *extra]) == 0
    assert out.read_bytes() == (GOLDEN / golden).read_bytes()


def test_stdout(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(project), "-o", "-", "--to", "tsv", "--min-score", "0.85"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("source\ttarget\tbead_type")
    assert len(lines) == 1 + 4
    assert main(["export", str(project), "-o", "-", "--date", DATE, "-q"]) == 0  # tmx by default
    captured = capsys.readouterr()
    assert captured.out.encode() == (GOLDEN / "seed001.tmx").read_bytes()
    assert captured.err == ""


def test_confirmed_only(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(project), "-o", "-", "--to", "csv", "--confirmed-only"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert len(rows) == 4 and all(",confirmed," in r for r in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/out.docx"], "cannot tell the format"),
        (["-o", "{tmp}/out.tmx", "--to", "pdf"], "unknown format 'pdf'"),
        (["-o", "{tmp}/missing/out.tmx"], "does not exist"),
        (["-o", "{tmp}", "--to", "tmx"], "is a directory"),
        (["-o", "{project}", "--to", "tmx"], "refusing to overwrite the input"),
        (["-o", "{tmp}/out.tmx", "--date", "yesterday"], "YYYYMMDDThhmmssZ"),
        (["-o", "{tmp}/out.tmx", "--min-score", "7"], "outside [0, 1]"),
        (["-o", "{tmp}/out.tmx", "--min-score", "high"], "is not a number"),
        (["-o", "{tmp}/out.tmx", "--tgt-lang-tag", "ko KR"], "BCP-47"),
    ],
)
def test_bad_options_fail_in_one_line(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    argv = [a.format(tmp=tmp_path, project=project) for a in args]
    assert main(["export", str(project), *argv]) == 2
    assert message in _error_line(capsys)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "not a valid dari project file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not a dari project file"),
        (b'{"format": "something-else"}', "not a valid dari project file"),
    ],
)
def test_bad_projects_fail_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    path = tmp_path / "in.dari.json"
    if content is not None:
        path.write_bytes(content)
    assert main(["export", str(path), "-o", str(tmp_path / "out.tmx")]) == 2
    assert message in _error_line(capsys)
    assert not (tmp_path / "out.tmx").exists()


def test_failed_export_leaves_an_existing_output_alone(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "keep.tmx"
    out.write_text("previous", encoding="utf-8")
    assert main(["export", str(tmp_path / "nope.dari.json"), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "previous"


def test_unwritable_output_directory_fails_in_one_line(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        target = locked / "out.tmx"
    elif Path("/sys").is_dir():
        target = Path("/sys/dari-export-test.tmx")  # read-only even for root
    else:
        pytest.skip("no directory this user cannot write to")
    try:
        assert main(["export", str(project), "-o", str(target)]) == 2
        assert "cannot write" in _error_line(capsys)
    finally:
        if os.geteuid() != 0:
            (tmp_path / "locked").chmod(0o700)

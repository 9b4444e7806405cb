"""``dari split`` on the seed: sentences one per line, both sides, --side, --lang, --presplit,
and one-line errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.cli import main


def run_split(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["split", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_bilingual_file_prints_both_sides(capsys: pytest.CaptureFixture[str], seed_dir: Path) -> None:
    code, out, err = run_split(capsys, str(seed_dir / "bilingual.txt"))
    assert code == 0, err
    english, korean = out.split("\n\n")
    en_lines = english.splitlines()
    ko_lines = korean.splitlines()
    assert len(en_lines) == 11 and len(ko_lines) == 10
    assert en_lines[0].startswith("Action Plan is launched")
    assert en_lines[-1].endswith("“The Korea Herald” - English-language newspaper of Korea.")
    assert ko_lines[0] == "호잘리를 위한 정의캠페인은 한국에서 지속적으로 진행되고 있다"
    assert ko_lines[-1] == "Search in archive"


@pytest.mark.parametrize(("side", "count", "first"), [("1", 11, "Action Plan"), ("2", 10, "호잘리를")])
def test_side_option(
    capsys: pytest.CaptureFixture[str], seed_dir: Path, side: str, count: int, first: str
) -> None:
    code, out, err = run_split(capsys, str(seed_dir / "bilingual.txt"), "--side", side)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == count
    assert lines[0].startswith(first)


def test_monolingual_korean_file(capsys: pytest.CaptureFixture[str], seed_dir: Path) -> None:
    code, out, _ = run_split(capsys, str(seed_dir / "ko.txt"))
    assert code == 0
    assert len(out.splitlines()) == 10


def test_side_two_of_a_monolingual_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], seed_dir: Path
) -> None:
    code, out, err = run_split(capsys, str(seed_dir / "en.txt"), "--side", "2")
    assert code == 2
    assert out == ""
    assert err.startswith("dari: error:") and len(err.strip().splitlines()) == 1


def test_wrapped_sentence_is_printed_on_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "The bicycle marathon aiming to inform the Korean society about the realities\n"
        "of Khojaly Genocide ended with the distribution of informative brochures. It\n"
        "was a success.\n",
        encoding="utf-8",
    )
    code, out, _ = run_split(capsys, str(path), "--lang", "en")
    assert code == 0
    assert out.splitlines() == [
        "The bicycle marathon aiming to inform the Korean society about the realities of Khojaly Genocide "
        "ended with the distribution of informative brochures.",
        "It was a success.",
    ]


def test_presplit_prints_lines_as_they_are(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("Erste Zeile. Noch ein Satz.\n\nDritte.\n", encoding="utf-8")
    code, out, _ = run_split(capsys, str(path), "--presplit")
    assert code == 0
    assert out == "Erste Zeile. Noch ein Satz.\n\nDritte.\n"


def test_cp949_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "ko.txt"
    path.write_bytes("행사가 끝났다. 모두 돌아갔다.\n".encode("cp949"))
    code, out, _ = run_split(capsys, str(path))
    assert code == 0
    assert out == "행사가 끝났다.\n모두 돌아갔다.\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary\x00", "binary"), (b"2016 - 2025 ...", "no letters")],
)
def test_bad_input_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run_split(capsys, str(path))
    assert code == 2
    assert out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_split(capsys, str(tmp_path / "nope.txt"))
    assert code == 2 and "no such file" in err

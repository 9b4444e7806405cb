"""``split_lines`` (--presplit): line i is sentence i, empty lines included."""

from __future__ import annotations

from pathlib import Path

from align.segment import split_lines


def test_empty_lines_are_kept_so_numbers_match_gold_files() -> None:
    text = "Erste Zeile. \n\n  Dritte Zeile.\nVierte\n"
    segs = split_lines(text)
    assert [(s.text, s.para) for s in segs] == [
        ("Erste Zeile.", 0),
        ("", 1),
        ("Dritte Zeile.", 2),
        ("Vierte", 3),
    ]
    assert all(text[s.start : s.end] == s.text for s in segs)


def test_no_final_newline() -> None:
    assert [s.text for s in split_lines("a\nb")] == ["a", "b"]


def test_textberg_file_line_count(corpora: Path) -> None:
    text = (corpora / "textberg-de-fr" / "de" / "001").read_text(encoding="utf-8")
    assert len(split_lines(text)) == text.count("\n")

"""Bead files (Vecalign/Bertalign output) with their sentence files into a project."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import InputError
from align.formats.bead_import import read_bead_project
from align.model import BeadStatus


def _files(tmp_path: Path, beads: str) -> tuple[Path, Path, Path]:
    src = tmp_path / "en.txt"
    tgt = tmp_path / "ko.txt"
    bead_file = tmp_path / "out.beads"
    src.write_text("Hello there.\nHow are you?\n  I am fine.\nBye.\n", encoding="utf-8")
    tgt.write_text("안녕하세요. 잘 지내세요?\n잘 지내요.\n", encoding="utf-8")
    bead_file.write_text(beads, encoding="utf-8")
    return bead_file, src, tgt


def test_vecalign_output_becomes_a_project(tmp_path: Path) -> None:
    bead_file, src, tgt = _files(tmp_path, "[0, 1]:[0]:0.81\n[2]:[1]:0.93\n[3]:[]:0.0\n")
    bitext = read_bead_project(bead_file, src, tgt, src_lang="en", tgt_lang="ko")
    assert [b.kind for b in bitext.beads] == ["2-1", "1-1", "1-0"]
    assert {b.status for b in bitext.beads} == {BeadStatus.AUTO}
    assert bitext.beads[1].score == pytest.approx(0.93)
    assert bitext.source.texts == ["Hello there.", "How are you?", "I am fine.", "Bye."]
    assert bitext.source.text == src.read_text(encoding="utf-8")
    for seg in bitext.source.segments:
        assert bitext.source.text[seg.start : seg.end] == seg.text


def test_beads_that_do_not_fit_the_files_are_refused(tmp_path: Path) -> None:
    bead_file, src, tgt = _files(tmp_path, "[0]:[0]\n[1]:[1]\n")
    with pytest.raises(InputError, match="does not fit"):
        read_bead_project(bead_file, src, tgt, src_lang="en", tgt_lang="ko")
    bead_file.write_text("[0]:[0]\nnot a bead\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a bead line"):
        read_bead_project(bead_file, src, tgt, src_lang="en", tgt_lang="ko")

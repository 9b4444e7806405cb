"""Edits keep the alignment valid, undo restores it exactly, the journal replays it after a crash."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.editing import Editor, Journal, recover
from align.errors import InputError, UsageError
from align.model import Bead, BeadStatus, Bitext, Document, segments_from_lines


def _bitext(n: int = 6, m: int = 5) -> Bitext:
    src_text, src = segments_from_lines([f"Sentence {i}." for i in range(n)])
    tgt_text, tgt = segments_from_lines([f"문장 {j}." for j in range(m)])
    beads = [Bead((i,), (i,), 0.9) for i in range(min(n, m))]
    beads += [Bead((i,), (), 0.5) for i in range(m, n)]
    return Bitext(Document("en", src_text, src), Document("ko", tgt_text, tgt), beads)


OPS = st.lists(
    st.tuples(
        st.sampled_from(["merge", "split", "unpair", "shift", "confirm", "undo", "redo"]),
        st.integers(0, 12),
        st.integers(0, 3),
        st.integers(0, 3),
        st.sampled_from(["src", "tgt"]),
        st.sampled_from(["up", "down"]),
    ),
    max_size=25,
)


def _apply(editor: Editor, op: tuple[str, int, int, int, str, str]) -> None:
    name, k, a, b, side, direction = op
    try:
        if name == "merge":
            editor.merge_next(k)
        elif name == "split":
            editor.split(k, a, b)
        elif name == "unpair":
            editor.unpair(k)
        elif name == "shift":
            editor.shift(k, side, direction)
        elif name == "confirm":
            editor.set_status([k], BeadStatus.CONFIRMED)
        elif name == "undo":
            editor.undo()
        else:
            editor.redo()
    except UsageError:
        pass


@settings(max_examples=150, deadline=None)
@given(OPS)
def test_any_edit_sequence_keeps_invariants_and_undoes_exactly(
    ops: list[tuple[str, int, int, int, str, str]],
) -> None:
    bitext = _bitext()
    original = copy.deepcopy(bitext.beads)
    editor = Editor(bitext)
    for op in ops:
        _apply(editor, op)
        editor.check()
    while editor.undo():
        pass
    assert bitext.beads == original


def test_journal_replays_unsaved_edits(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "p.dari.json.journal")
    edited = _bitext()
    editor = Editor(edited, journal)
    editor.unpair(5)
    editor.merge_next(0)
    editor.set_status([0], BeadStatus.CONFIRMED)
    editor.undo()
    fresh = _bitext()
    assert recover(fresh, journal) == 4
    assert fresh.beads == edited.beads


def test_torn_last_journal_line_is_ignored(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    editor = Editor(_bitext(), journal)
    editor.merge_next(0)
    with journal.path.open("a") as handle:
        handle.write('{"op": "merge", "ind')
    fresh = _bitext()
    assert recover(fresh, journal) == 1
    assert fresh.beads[0].src == (0, 1)


def test_merge_of_null_beads_makes_a_pair() -> None:
    bitext = _bitext()
    editor = Editor(bitext)
    editor.unpair(0)
    assert [b.kind for b in bitext.beads[:2]] == ["1-0", "0-1"]
    editor.merge_next(0)
    assert bitext.beads[0].kind == "1-1"
    assert bitext.beads[0].status is BeadStatus.EDITED


def test_invalid_operations_are_usage_errors() -> None:
    editor = Editor(_bitext())
    with pytest.raises(UsageError):
        editor.merge_next(99)
    with pytest.raises(UsageError):
        editor.split(0, 0, 0)


def test_a_journal_from_another_project_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    Editor(_bitext(8, 8), journal).merge_next(6)
    other = _bitext()
    before = copy.deepcopy(other.beads)
    with pytest.raises(InputError, match="does not fit"):
        recover(other, journal)
    assert other.beads == before

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
        st.sampled_from(
            [
                "merge",
                "merge_prev",
                "pair",
                "split",
                "unpair",
                "shift",
                "rest",
                "confirm",
                "confirm_to",
                "unconfirm",
                "edit",
                "split_sentence",
                "join",
                "undo",
                "redo",
            ]
        ),
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
        elif name == "merge_prev":
            editor.merge_prev(k)
        elif name == "pair":
            editor.pair(k)
        elif name == "rest":
            editor.shift_rest(k, side, direction)
        elif name == "confirm_to":
            editor.confirm_up_to(k)
        elif name == "unconfirm":
            editor.unconfirm(k)
        elif name == "edit":
            editor.edit_text(side, k, f"new text {a}")
        elif name == "split_sentence":
            editor.split_sentence(side, k, a + 1)
        elif name == "join":
            editor.join_sentences(side, k)
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
    sentences = (list(bitext.source.segments), list(bitext.target.segments))
    editor = Editor(bitext)
    for op in ops:
        _apply(editor, op)
        editor.check()
    after = copy.deepcopy((bitext.beads, bitext.source.segments, bitext.target.segments))
    undone = 0
    while editor.undo():
        undone += 1
    assert bitext.beads == original
    assert (bitext.source.segments, bitext.target.segments) == sentences
    for _ in range(undone):
        editor.redo()
        editor.check()
    assert (bitext.beads, bitext.source.segments, bitext.target.segments) == after


@settings(max_examples=60, deadline=None)
@given(OPS)
def test_the_journal_replays_any_sequence_exactly(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, int, int, int, str, str]]
) -> None:
    journal = Journal(tmp_path_factory.mktemp("j") / "p.journal")
    bitext = _bitext()
    editor = Editor(bitext, journal)
    for op in ops:
        _apply(editor, op)
    fresh = _bitext()
    recover(fresh, journal)
    assert fresh.beads == bitext.beads
    assert fresh.source.segments == bitext.source.segments
    assert fresh.target.segments == bitext.target.segments


def test_journal_replays_unsaved_edits(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "p.dari.json.journal")
    edited = _bitext()
    editor = Editor(edited, journal)
    editor.unpair(4)
    editor.merge_next(0)
    editor.set_status([0], BeadStatus.CONFIRMED)
    editor.undo()
    fresh = _bitext()
    assert len(recover(fresh, journal)) == 4
    assert fresh.beads == edited.beads


def test_torn_last_journal_line_is_ignored(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    editor = Editor(_bitext(), journal)
    editor.merge_next(0)
    with journal.path.open("a") as handle:
        handle.write('{"op": "merge", "ind')
    fresh = _bitext()
    assert len(recover(fresh, journal)) == 1
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


def test_move_rest_down_inserts_an_empty_position_and_up_takes_it_back() -> None:
    bitext = _bitext(5, 5)
    editor = Editor(bitext)
    editor.shift_rest(1, "tgt", "down")
    assert [(b.src, b.tgt) for b in bitext.beads] == [
        ((0,), (0,)),
        ((1,), ()),
        ((2,), (1,)),
        ((3,), (2,)),
        ((4,), (3,)),
        ((), (4,)),
    ]
    editor.shift_rest(2, "tgt", "up")
    assert [(b.src, b.tgt) for b in bitext.beads][:3] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    editor.check()


def test_move_rest_down_stops_at_the_first_gap() -> None:
    bitext = _bitext(6, 5)  # bead 5 is 1-0: the gap that absorbs the shift
    editor = Editor(bitext)
    splice = editor.shift_rest(3, "tgt", "down")
    assert splice.index == 3 and len(splice.removed) == 3
    assert [(b.src, b.tgt) for b in bitext.beads][3:] == [((3,), ()), ((4,), (3,)), ((5,), (4,))]


def test_edited_beads_are_rescored_and_unpaired_beads_score_zero() -> None:
    bitext = _bitext()
    editor = Editor(bitext, scorer=lambda src, tgt: 0.42)
    editor.unpair(0)
    assert bitext.beads[0].score == 0.0 and bitext.beads[1].score == 0.0
    editor.pair(0)
    assert bitext.beads[0].score == 0.42
    editor.set_status([0], BeadStatus.CONFIRMED)
    assert bitext.beads[0].score == 0.42


def test_confirm_up_to_here_is_one_undoable_step() -> None:
    bitext = _bitext()
    editor = Editor(bitext)
    editor.confirm_up_to(3)
    assert all(b.status is BeadStatus.CONFIRMED for b in bitext.beads[:4])
    assert bitext.beads[4].status is BeadStatus.AUTO
    editor.undo()
    assert all(b.status is BeadStatus.AUTO for b in bitext.beads)


def test_text_edits_keep_the_original_and_survive_a_save(tmp_path: Path) -> None:
    from align.project import load_project, save_project

    bitext = _bitext()
    editor = Editor(bitext)
    editor.edit_text("tgt", 2, "고친 문장.")
    editor.split_sentence("src", 0, 9)
    assert bitext.source.segments[0].text == "Sentence" and bitext.source.segments[1].text == "0."
    assert bitext.beads[0].src == (0, 1) and bitext.beads[1].src == (2,)
    path = tmp_path / "p.dari.json"
    save_project(bitext, path)
    back = load_project(path)
    assert back.target.segments[2].text == "고친 문장."
    assert back.target.text[back.target.segments[2].start : back.target.segments[2].end] == "문장 2."
    assert back.beads == bitext.beads
    editor.join_sentences("src", 0)
    assert bitext.source.segments[0].text == "Sentence 0."


def test_a_journal_that_cannot_be_written_keeps_the_edit_and_catches_up(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "ro" / "p.journal")  # its directory does not exist: writes fail
    bitext = _bitext()
    editor = Editor(bitext, journal)
    editor.merge_next(0)
    assert bitext.beads[0].src == (0, 1)
    assert editor.journal_error and "cannot write" in editor.journal_error
    (tmp_path / "ro").mkdir()
    editor.unpair(3)
    assert editor.journal_error is None
    fresh = _bitext()
    recover(fresh, journal)
    assert fresh.beads == bitext.beads


def test_text_history_lists_earlier_versions() -> None:
    bitext = _bitext()
    editor = Editor(bitext)
    editor.edit_text("src", 1, "First fix.")
    editor.edit_text("src", 1, "Second fix.")
    assert editor.text_history("src", 1) == ["Sentence 1.", "First fix."]
    editor.undo()
    assert editor.text_history("src", 1) == ["Sentence 1."]

"""The review app driven through Textual's Pilot: every edit and its undo/redo, moving,
searching, and the ways it must never lose work (journal, lock, changed file, write errors)."""

from __future__ import annotations

import contextlib
import copy
import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.worker import WorkerCancelled

from align.editing import Journal
from align.model import Bead, BeadStatus, Bitext, Document, segments_from_lines
from align.project import load_project, save_project
from align.session import lock_path
from tui.app import ReviewApp, make_app
from tui.dialogs import Choice, Prompt, SentenceEditor, SplitChooser
from tui.findings import FindingsPanel
from tui.help import HelpScreen

EN = [
    "Action Plan is launched in the Republic of Korea within the frame of Justice for Khojaly Campaign.",
    "Members of the Embassy were involved in the action.",
    "Yongsan is also the main district where diplomatic missions are located.",
    "An article about Khojaly Genocide was published in The Korea Herald.",
    "The bicycle marathon ended near the War Memorial.",
    "Students joined it.",
]
KO = [
    "호잘리를 위한 정의캠페인은 한국에서 지속적으로 진행되고 있다",
    "대사관내 공무원 및 학생들이 행사에 참가했다.",
    "한국의 영자신문인 Korea Heald에 기사가 실렸다.",
    "자전거 행진은 전쟁기념관 근처에서 끝났다.",
    "학생들이 참가했다.",
]
BEADS = [
    Bead((0,), (0,), 0.93),
    Bead((1,), (1,), 0.81),
    Bead((2,), (), 0.9),
    Bead((3,), (2,), 0.77),
    Bead((4, 5), (3, 4), 0.7),
]
SEED = Path(__file__).parents[1] / "golden" / "seed001.dari.json"


def _bitext() -> Bitext:
    en_text, en = segments_from_lines(EN)
    ko_text, ko = segments_from_lines(KO)
    return Bitext(Document("en", en_text, en), Document("ko", ko_text, ko), copy.deepcopy(BEADS))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "seed.dari.json"
    save_project(_bitext(), path)
    return path


def _app(path: Path, **kw: object) -> ReviewApp:
    return make_app(path, scoring=False, checking=False, **kw)  # type: ignore[arg-type]


def _kinds(app: ReviewApp) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in app.bitext.beads]


SIZE = (100, 30)

# (keys pressed from bead 1, what must hold afterwards)
EDITS: list[tuple[str, list[str], Callable[[ReviewApp], bool]]] = [
    ("confirm", ["c"], lambda a: a.bitext.beads[0].status is BeadStatus.CONFIRMED and a.cursor == 1),
    (
        "confirm up to here",
        ["j", "j", "C"],
        lambda a: all(b.status is BeadStatus.CONFIRMED for b in a.bitext.beads[:3]),
    ),
    ("merge next", ["m"], lambda a: _kinds(a)[0] == ((0, 1), (0, 1))),
    ("merge previous", ["j", "M"], lambda a: _kinds(a)[0] == ((0, 1), (0, 1)) and a.cursor == 0),
    ("unpair", ["u"], lambda a: _kinds(a)[:2] == [((0,), ()), ((), (0,))]),
    (
        "pair",
        ["j", "u", "p"],
        lambda a: _kinds(a)[1] == ((1,), (1,)) and a.bitext.beads[1].status is BeadStatus.EDITED,
    ),
    (
        "source sentence down",
        ["j", "right_square_bracket"],
        lambda a: _kinds(a)[1] == ((), (1,)) and _kinds(a)[2] == ((1, 2), ()),
    ),
    ("source sentence up", ["j", "left_square_bracket"], lambda a: _kinds(a)[1] == ((1, 2), (1,))),
    (
        "target sentence down",
        ["right_curly_bracket"],
        lambda a: _kinds(a)[0] == ((0,), ()) and _kinds(a)[1] == ((1,), (0, 1)),
    ),
    ("target sentence up", ["left_curly_bracket"], lambda a: _kinds(a)[0] == ((0,), (0, 1))),
    (
        "target rest down (insert empty position)",
        ["j", "full_stop"],
        lambda a: _kinds(a)[1:3] == [((1,), ()), ((2,), (1,))],
    ),
    ("target rest up", ["j", "j", "j", "comma"], lambda a: _kinds(a)[2] == ((2,), (2,))),
    ("source rest down", ["j", "j", "j", "greater_than_sign"], lambda a: _kinds(a)[3] == ((), (2,))),
    ("source rest up", ["j", "j", "j", "less_than_sign"], lambda a: _kinds(a)[2] == ((2, 3), ())),
]


@pytest.mark.parametrize(("name", "keys", "holds"), EDITS, ids=[e[0] for e in EDITS])
async def test_each_edit_applies_undoes_and_redoes(
    project: Path, name: str, keys: list[str], holds: Callable[[ReviewApp], bool]
) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        before = copy.deepcopy(app.bitext.beads)
        await pilot.press(*keys)
        await pilot.pause()
        assert holds(app), (name, _kinds(app))
        after = copy.deepcopy(app.bitext.beads)
        assert app.editor.dirty
        app.editor.check()
        await pilot.press("ctrl+z")
        if name == "pair":  # two steps: unpair, then pair
            await pilot.press("ctrl+z")
        assert app.bitext.beads == before
        await pilot.press("ctrl+y")
        if name == "pair":
            await pilot.press("ctrl+y")
        assert app.bitext.beads == after
        # the journal holds every step: a crash now would lose nothing
        assert Journal.for_project(project).read()


async def test_split_at_a_chosen_boundary_on_each_side(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "s")
        assert isinstance(app.screen, SplitChooser)
        await pilot.press("down", "tab", "up", "enter")  # source after 2 sentences, target after 0
        await pilot.pause()
        assert _kinds(app)[-2:] == [((4, 5), ()), ((), (3, 4))]
        await pilot.press("ctrl+z")
        assert _kinds(app)[-1] == ((4, 5), (3, 4))
        await pilot.press("ctrl+y")
        assert _kinds(app)[-1] == ((), (3, 4))


async def test_edit_a_sentence_keeps_the_original_and_undoes(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "E")
        assert isinstance(app.screen, SentenceEditor)
        area = app.screen.query_one("#text")
        area.text = "한국의 영자신문인 Korea Herald에 기사가 실렸다."  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.bitext.target.segments[2].text == "한국의 영자신문인 Korea Herald에 기사가 실렸다."
        assert app.bitext.beads[3].status is BeadStatus.EDITED
        await pilot.press("ctrl+s")  # save the project
        await pilot.pause()
        saved = load_project(project)
        seg = saved.target.segments[2]
        assert seg.text.endswith("Korea Herald에 기사가 실렸다.")
        assert "Korea Heald" in saved.target.text[seg.start : seg.end]  # the original is kept
        await pilot.press("ctrl+z")
        assert app.bitext.target.segments[2].text == KO[2]


async def test_split_and_join_a_sentence(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        area = app.screen.query_one("#text")
        area.cursor_location = (0, 12)  # type: ignore[attr-defined]  # after "Action Plan "
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.bitext.source.segments[0].text == "Action Plan"
        assert _kinds(app)[0] == ((0, 1), (0,)) and _kinds(app)[1] == ((2,), (1,))
        app.editor.check()
        await pilot.press("e")
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert app.bitext.source.segments[0].text == EN[0]
        assert _kinds(app)[1] == ((1,), (1,))
        await pilot.press("ctrl+z", "ctrl+z")
        assert [s.text for s in app.bitext.source.segments] == EN


async def test_moving_keys(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        assert app.cursor == 2
        await pilot.press("k")
        assert app.cursor == 1
        await pilot.press("down", "up", "up")
        assert app.cursor == 0
        await pilot.press("G")
        assert app.cursor == 4
        await pilot.press("g")
        assert app.cursor == 0
        await pilot.press("end")
        assert app.cursor == 4
        await pilot.press("home", "pagedown")
        assert app.cursor == 4
        await pilot.press("pageup")
        assert app.cursor == 0

        await pilot.press("f")  # next flagged: the unpaired bead 3
        assert app.cursor == 2
        await pilot.press("c")  # bead 3 confirmed, the cursor moves on
        assert app.cursor == 3
        await pilot.press("a")
        assert app.cursor == 4
        await pilot.press("A", "A")  # back past the confirmed bead 3
        assert app.cursor == 1


async def test_a_click_selects_the_row(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        h = app.view._expanded_height  # bead 1 is expanded: rows below start after it
        await pilot.click("#beads", offset=(5, h + 2))
        assert app.cursor == 3


async def test_a_tall_bead_can_be_read_to_its_end(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=(50, 9)) as pilot:
        view = app.view
        assert view._expanded_height > view.scrollable_content_region.height  # bead 1 is taller
        await pilot.press("shift+down", "shift+down")
        assert app.cursor == 0 and view.scroll_offset.y == 2
        await pilot.press("shift+up")
        assert view.scroll_offset.y == 1


async def test_search_substring_regex_and_next_previous(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"korea", "enter")
        assert app.cursor == 3  # "Korea Herald" (bead 4); bead 1's "Korea" is under the cursor
        first = app.cursor
        await pilot.press("n")
        assert app.cursor != first
        await pilot.press("N")
        assert app.cursor == first
        await pilot.press("slash", *"re:학생들", "enter")
        assert app.cursor == 4  # 학생들이 참가했다 (bead 2 is "학생들이" too: search starts after the cursor)
        await pilot.press("question_mark", *"re:^Members", "enter")
        assert app.cursor == 1


async def test_go_to_bead_and_sentence_numbers(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon", "4", "enter")
        assert app.cursor == 3
        await pilot.press("colon", "s", "6", "enter")
        assert app.cursor == 4
        await pilot.press("colon", "t", "2", "enter")
        assert app.cursor == 1
        await pilot.press("colon", "9", "9", "enter")
        assert app.cursor == 1  # no such bead: a notice, no move


async def test_bookmarks_are_kept_with_the_project(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "b", "g", "apostrophe")
        assert app.cursor == 3
        await pilot.press("ctrl+s")
    assert load_project(project).meta["bookmarks"] == [["src", 3]]


async def test_findings_list_jumps_to_the_row(project: Path) -> None:
    app = make_app(project, scoring=False, checking=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.findings_state == "current"
        assert app.findings, "the seed text has a missing sentence at least"
        await pilot.press("l")
        panel = app.query_one(FindingsPanel)
        assert panel.has_focus and panel.display
        target = next(n for n, f in enumerate(app.findings) if f.src == (2,))
        await pilot.press(*["down"] * target, "enter")
        await pilot.pause()
        assert app.cursor == 2
        assert panel.display  # the list stays beside the text
        await pilot.press("l")
        assert app.view.has_focus and not panel.display
        await pilot.press("ctrl+s")
    assert load_project(project).findings  # stored, so dari check PROJECT and the UI agree


async def test_help_lists_every_binding(project: Path) -> None:
    from tui.keys import KEYS

    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("VerticalScroll").query("Static").last().render())
        assert text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
    bound = {b.action for b in app.BINDINGS if hasattr(b, "action")}  # type: ignore[union-attr]
    assert bound <= {k.action for k in KEYS}


async def test_export_uses_the_dari_export_writers(project: Path, tmp_path: Path) -> None:
    app = _app(project)
    out = tmp_path / "out.tmx"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        prompt = app.screen.query_one("Input")
        prompt.value = str(out)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    from align.formats.registry import FORMATS
    from align.formats.selection import ExportOptions

    text = out.read_text(encoding="utf-8")
    assert "<tmx" in text and "Korea Herald" in text
    expected = "".join(FORMATS["tmx"].write_chunks(load_project(project), ExportOptions()))
    strip = lambda s: "\n".join(ln for ln in s.splitlines() if "creationdate" not in ln)  # noqa: E731
    assert strip(text) == strip(expected)


# --- never losing work -------------------------------------------------------------------------
async def test_unsaved_edits_are_offered_back_after_a_crash(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "u", "m")
    edited = copy.deepcopy(app.bitext.beads)
    # the app ended without saving (as a killed terminal would): project unchanged, journal kept
    assert load_project(project).beads == BEADS
    reopened = _app(project)
    assert len(reopened.pending) == 1
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(reopened.screen, Choice)
        await pilot.click("#recover")
        await pilot.pause()
        assert reopened.bitext.beads == edited
        assert reopened.editor.dirty
        await pilot.press("ctrl+z")  # recovered edits are undoable
        assert reopened.bitext.beads != edited
        await pilot.press("ctrl+y", "ctrl+s")
    assert load_project(project).beads == edited
    assert not Journal.for_project(project).path.exists()


async def test_discarding_recovered_edits_sets_the_journal_aside(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
    reopened = _app(project)
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.click("#discard")
        await pilot.pause()
        assert reopened.bitext.beads == BEADS
        assert not reopened.editor.dirty
    journal = Journal.for_project(project)
    assert not journal.path.exists()
    assert journal.path.with_name(journal.path.name + ".discarded").exists()


async def test_quit_with_unsaved_changes_asks(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "q")
        assert isinstance(app.screen, Choice)
        await pilot.click("#cancel")
        assert app.is_running and len(app.bitext.beads) == 4
        await pilot.press("q", "c")  # each answer's first letter answers it; c is not "confirm" here
        assert app.is_running and not isinstance(app.screen, Choice)
        assert app.bitext.beads[0].status is BeadStatus.EDITED
        await pilot.press("q")
        await pilot.click("#save")
        await pilot.pause()
    assert len(load_project(project).beads) == 4
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "q")
        await pilot.click("#discard")
        await pilot.pause()
    assert len(load_project(project).beads) == 4
    assert not Journal.for_project(project).path.exists()
    assert not _app(project).pending


async def test_a_second_session_is_read_only_and_a_dead_ones_lock_is_taken_over(project: Path) -> None:
    first = _app(project)
    assert first.lock is not None and lock_path(project).exists()
    second = _app(project)
    assert second.read_only_reason and "another dari review session" in second.read_only_reason
    async with second.run_test(size=SIZE) as pilot:
        await pilot.press("m", "ctrl+s")
        assert len(second.bitext.beads) == 5  # nothing edited, nothing saved
    assert not Journal.for_project(project).path.exists()
    first.lock.release()
    # a crashed session's lock: the PID no longer runs
    record = json.loads(lock_path(project).read_text()) if lock_path(project).exists() else {}
    record.update({"pid": 2**22 + 12345, "host": os.uname().nodename, "session": "dead"})
    lock_path(project).write_text(json.dumps(record))
    third = _app(project)
    assert third.read_only_reason is None and third.lock is not None
    assert third.lock.took_over and third.lock.took_over["session"] == "dead"
    third.lock.release()
    assert not lock_path(project).exists()


async def test_a_project_changed_on_disk_is_not_overwritten(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        other = load_project(project)
        other.beads[4].status = BeadStatus.CONFIRMED  # someone else saved meanwhile
        save_project(other, project)
        theirs = project.read_bytes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        assert project.read_bytes() == theirs
        await pilot.click("#copy")
        await pilot.pause()
    assert project.read_bytes() == theirs
    mine = load_project(project.with_name("seed.mine.dari.json"))
    assert mine.beads[0].status is BeadStatus.CONFIRMED


async def test_a_full_disk_is_reported_and_the_edit_kept(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _app(project)
    real_open = Path.open

    def full(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name.endswith(".journal"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(Path, "open", full)
        await pilot.press("m")
        await pilot.pause()
        assert _kinds(app)[0] == ((0, 1), (0, 1))  # the edit is in memory
        assert app.editor.journal_error and "No space left" in app.editor.journal_error
        status = str(app.query_one("#status").render())
        assert "JOURNAL NOT WRITTEN" in status
        monkeypatch.setattr(Path, "open", real_open)
        await pilot.press("c")  # the journal catches up, whole
        assert app.editor.journal_error is None
        assert len(Journal.for_project(project).read()) == 2


async def test_a_failed_save_keeps_the_edits(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.app as app_module
    from align.errors import OutputError

    def fail(*_a: object, **_k: object) -> None:
        raise OutputError(f"cannot write {project}: No space left on device")

    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        monkeypatch.setattr(app_module, "save_project", fail)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.editor.dirty and len(app.bitext.beads) == 4
        assert Journal.for_project(project).read()
        assert app.is_running


async def test_an_old_journal_for_another_version_is_not_replayed(project: Path) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
    other = load_project(project)
    other.beads[0].status = BeadStatus.CONFIRMED
    save_project(other, project)  # the project changed after the journal was written
    reopened = _app(project)
    assert reopened.stale_journal and not reopened.pending
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.click("#aside")
        await pilot.pause()
        assert len(reopened.bitext.beads) == 5


@pytest.mark.slow
async def test_realign_keeps_confirmed_beads_and_scores_edits(tmp_path: Path) -> None:
    path = tmp_path / "seed.dari.json"
    shutil.copy(SEED, path)
    app = make_app(path, scoring=True, checking=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        assert app.editor.scorer is not None
        await pilot.press("j", "u")  # bead 2 unpaired: both halves score 0
        assert app.bitext.beads[1].score == 0.0 and app.bitext.beads[2].score == 0.0
        await pilot.press("p")  # paired again: scored from the vectors, high for a real translation
        assert app.bitext.beads[1].score > 0.6
        confirmed = [(k, b) for k, b in enumerate(app.bitext.beads) if b.status is BeadStatus.CONFIRMED]
        await pilot.press("g", "u", "j", "j", "u")  # spoil two beads, then realign from here
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.editor.check()
        for _, bead in confirmed[1:]:
            assert bead in app.bitext.beads  # anchors never move
        await pilot.press("ctrl+z")
        app.editor.check()


@pytest.mark.slow
async def test_a_realign_can_be_stopped(tmp_path: Path) -> None:
    path = tmp_path / "seed.dari.json"
    shutil.copy(SEED, path)
    app = make_app(path, scoring=False, checking=False)
    async with app.run_test(size=SIZE) as pilot:
        before = copy.deepcopy(app.bitext.beads)
        await pilot.press("G")
        # R then escape, without the Pilot's wait for idle between them (it would wait for the
        # realign thread to finish)
        app.action_realign()
        app.action_cancel_work()
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.bitext.beads == before
        assert not app.editor.dirty


@pytest.mark.slow
async def test_an_edited_text_is_encoded_and_its_bead_rescored(tmp_path: Path) -> None:
    path = tmp_path / "seed.dari.json"
    shutil.copy(SEED, path)
    app = make_app(path, scoring=True, checking=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("j", "j", "E")
        app.screen.query_one("#text").text = "오늘 날씨가 맑고 바람이 시원하다."  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        bead = app.bitext.beads[2]
        assert bead.status is BeadStatus.EDITED
        assert bead.score < 0.5, bead  # an unrelated "translation" reads low once encoded
        assert app.counts.low >= 1
        await pilot.press("ctrl+z")
        assert app.bitext.beads[2].score > 0.8

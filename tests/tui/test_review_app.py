"""The review app driven through Textual's Pilot, and how it looks (snapshot)."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.editing import Journal
from align.model import Bead, BeadStatus, Bitext, Document, segments_from_lines
from align.project import load_project, save_project
from tui.app import make_app

EN = [
    "Action Plan is launched in the Republic of Korea within the frame of Justice for Khojaly Campaign.",
    "Members of the Embassy were involved in the action.",
    "Yongsan is also the main district where diplomatic missions are located.",
    "An article about Khojaly Genocide was published in The Korea Herald.",
]
KO = [
    "호잘리를 위한 정의캠페인은 한국에서 지속적으로 진행되고 있다",
    "대사관내 공무원 및 학생들이 행사에 참가했다.",
    "한국의 영자신문인 Korea Heald에 기사가 실렸다.",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    en_text, en = segments_from_lines(EN)
    ko_text, ko = segments_from_lines(KO)
    bitext = Bitext(
        Document("en", en_text, en),
        Document("ko", ko_text, ko),
        [Bead((0,), (0,), 0.93), Bead((1,), (1,), 0.81), Bead((2,), (), 0.4), Bead((3,), (2,), 0.77)],
    )
    path = tmp_path / "seed.dari.json"
    save_project(bitext, path)
    return path


async def test_confirm_merge_undo_and_save(project: Path) -> None:
    app = make_app(project)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("c")
        assert app.bitext.beads[0].status is BeadStatus.CONFIRMED
        await pilot.press("m")  # cursor moved to bead 1 after confirm: merge 1 with 2
        assert app.bitext.beads[1].src == (1, 2)
        await pilot.press("ctrl+z")
        assert app.bitext.beads[1].src == (1,)
        await pilot.press("ctrl+s")
    saved = load_project(project)
    assert saved.beads[0].status is BeadStatus.CONFIRMED
    assert len(saved.beads) == 4
    assert not Journal.for_project(project).path.exists()


async def test_unsaved_edits_survive_a_crash(project: Path) -> None:
    app = make_app(project)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("down", "down", "u")
        await pilot.press("k")  # pull the next bead's source sentence... into a 1-0: allowed
    # the app ended without saving: the project is unchanged, the journal holds the edits
    assert len(load_project(project).beads) == 4
    reopened = make_app(project)
    assert reopened.recovered >= 1
    assert reopened.bitext.beads == app.bitext.beads


async def test_impossible_edit_only_notifies(project: Path) -> None:
    app = make_app(project)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("down", "down", "down", "m")  # the last bead has no next bead
        await pilot.pause()
        assert len(app.bitext.beads) == 4


def test_review_snapshot(project: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(project), terminal_size=(110, 20), press=["down"])

"""The glossary beside the text: extracted when empty, approved/rejected/edited/added with
undo, journaled and saved with the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from align.editing import Journal
from align.model import TermStatus
from align.project import load_project
from tui.app import make_app
from tui.dialogs import Prompt
from tui.glossary_panel import GlossaryPanel

SEED = Path(__file__).parents[1] / "golden" / "seed001.dari.json"
SIZE = (100, 30)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "seed.dari.json"
    shutil.copy(SEED, path)
    return path


async def _open_glossary(app, pilot) -> GlossaryPanel:  # type: ignore[no-untyped-def]
    await pilot.press("v")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.query_one(GlossaryPanel)


async def test_empty_glossary_is_extracted_then_approved_with_undo(project: Path) -> None:
    app = make_app(project, scoring=False, checking=False)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _open_glossary(app, pilot)
        assert panel.has_focus and panel.display
        entries = app.bitext.glossary
        assert entries and (entries[0].source, entries[0].target) == ("Khojaly", "호잘리")
        assert "glossary:" in str(panel.border_title)
        await pilot.press("a")
        assert app.bitext.glossary[0].status is TermStatus.APPROVED
        await pilot.press("down", "r")
        assert app.bitext.glossary[1].status is TermStatus.REJECTED
        cursor = app.cursor
        await pilot.press("ctrl+z")
        assert app.bitext.glossary[1].status is TermStatus.CANDIDATE
        assert app.cursor == cursor  # undoing a glossary edit does not move the text
        await pilot.press("ctrl+y")
        assert app.bitext.glossary[1].status is TermStatus.REJECTED
        # journaled before the save: a crash now would lose nothing
        journal = Journal.for_project(project)
        assert any(c.glossary is not None for c in journal.read())
        await pilot.press("ctrl+s")
    saved = load_project(project)
    assert saved.glossary[0].status is TermStatus.APPROVED
    assert saved.glossary[1].status is TermStatus.REJECTED


async def test_enter_shows_the_example_pair_and_edit_changes_the_target(project: Path) -> None:
    app = make_app(project, scoring=False, checking=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_glossary(app, pilot)
        embassy = next(i for i, e in enumerate(app.bitext.glossary) if e.source == "Embassy")
        panel = app.query_one(GlossaryPanel)
        panel.highlighted = embassy
        await pilot.press("enter")
        assert app.cursor == app.bitext.glossary[embassy].examples[0].bead
        panel.focus()
        await pilot.press("e")
        assert isinstance(app.screen, Prompt)
        from textual.widgets import Input

        app.screen.query_one(Input).value = "대사관|공관"
        await pilot.press("enter")
        await pilot.pause()
        entry = app.bitext.glossary[embassy]
        assert entry.target == "대사관|공관" and entry.status is TermStatus.APPROVED


async def test_add_a_term_from_the_current_pair(project: Path) -> None:
    app = make_app(project, scoring=False, checking=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "T")
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"Embassy = 대사관", "enter")
        await pilot.pause()
        entry = app.bitext.glossary[0]
        assert (entry.source, entry.target, entry.status) == ("Embassy", "대사관", TermStatus.APPROVED)
        assert entry.examples[0].bead == 1
        await pilot.press("ctrl+z")
        assert app.bitext.glossary == []


async def test_read_only_session_cannot_change_the_glossary(project: Path) -> None:
    app = make_app(project, read_only=True, scoring=False, checking=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_glossary(app, pilot)
        assert app.bitext.glossary == []

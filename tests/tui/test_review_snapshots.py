"""How the review app looks on seed 001 (the customer text): main view at the smallest usual
terminal (80x24) and a large one (160x48), the current row expanded; findings and help views."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui.app import ReviewApp, make_app

SEED = Path(__file__).parents[1] / "golden" / "seed001.dari.json"


@pytest.fixture
def seed_app(tmp_path: Path) -> ReviewApp:
    path = tmp_path / "seed001.dari.json"
    shutil.copy(SEED, path)
    return make_app(path, scoring=False, checking=False)


def test_main_view_80x24(seed_app: ReviewApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app, terminal_size=(80, 24), press=["j", "j"])


def test_main_view_160x48(seed_app: ReviewApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app, terminal_size=(160, 48), press=["j", "j", "j", "j", "j", "j"])


def test_findings_view(seed_app: ReviewApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app, terminal_size=(80, 24), press=["l", "down", "down", "enter"])


def test_help_view(seed_app: ReviewApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app, terminal_size=(100, 40), press=["h"])


@pytest.mark.parametrize("width", [80, 97, 120, 160])
async def test_every_line_fills_the_width_exactly_with_korean(seed_app: ReviewApp, width: int) -> None:
    """Wide (Korean) characters are measured in cells: no line of the table is a cell too
    long or short, so the column separators line up at any width."""
    async with seed_app.run_test(size=(width, 30)) as pilot:
        view = seed_app.view
        for k in range(len(seed_app.bitext.beads)):
            view.go(k)
            await pilot.pause()
            region = view.scrollable_content_region
            seps = set()
            for y in range(region.height):
                strip = view.render_line(y)
                assert strip.cell_length == region.width
                text = strip.text
                if "│" in text:
                    cells = [cell_len(text[:i]) for i, ch in enumerate(text) if ch == "│"]
                    seps.add(tuple(cells))
            assert len(seps) == 1, seps  # both separators at the same cells on every line


def test_glossary_view(seed_app: ReviewApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def open_glossary(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("v")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("a", "down", "down", "r")
        await pilot.pause()

    assert snap_compare(seed_app, terminal_size=(100, 30), run_before=open_glossary)

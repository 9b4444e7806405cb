"""How the review app looks on seed 001 (the customer text): main view at the smallest usual
terminal (80x24) and a large one (160x48), the current row expanded; findings and help views."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
    assert snap_compare(seed_app, terminal_size=(100, 24), press=["l"])


def test_help_view(seed_app: ReviewApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app, terminal_size=(100, 40), press=["h"])

"""Shared fixtures: paths to the sample data that every test reads from the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SEED = DATA / "seed001"


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_bilingual() -> str:
    return (SEED / "bilingual.txt").read_text(encoding="utf-8")

"""Shared fixtures: paths to the sample data that every test reads from the repository."""

from __future__ import annotations

import os
import tempfile
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


# Sentence vectors the tests compute go to a store of the session's own, never the user's cache
# (``align.encoders.vector_store``); subprocesses (``dari`` run as a command) inherit it.
os.environ["DARI_CACHE_DIR"] = tempfile.mkdtemp(prefix="dari-test-vectors-")

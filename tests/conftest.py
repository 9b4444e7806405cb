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


def corpora_path() -> Path:
    """Where the evaluation corpora are: ``$DARI_CORPORA``, else ``../shared/corpora`` beside
    the checkout (CI copies ``shared/`` there)."""
    env = os.environ.get("DARI_CORPORA")
    return Path(env) if env else REPO.parent / "shared" / "corpora"


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The corpora directory; a test that needs it is skipped where it is missing, except
    under CI (env ``CI`` set), where a missing corpus fails the test instead of hiding it."""
    path = corpora_path()
    if not path.is_dir():
        message = f"evaluation corpora not found at {path} (set DARI_CORPORA)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path

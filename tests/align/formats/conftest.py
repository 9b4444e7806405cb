"""Fixtures for the format tests: the hand-checked seed 001 project and a small builder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from align.model import Bead, BeadStatus, Bitext, Document, Finding, Segment
from align.project import load_project

REPO = Path(__file__).resolve().parents[3]
GOLDEN = REPO / "tests" / "golden"
SEED_PROJECT = GOLDEN / "seed001.dari.json"


@pytest.fixture()
def seed_project() -> Bitext:
    """Fresh per test: some tests change it."""
    return load_project(SEED_PROJECT)


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    return GOLDEN


@pytest.fixture(scope="session")
def bitext_factory() -> Callable[..., Bitext]:
    """``make_bitext`` for tests (test modules cannot import conftest under importlib mode)."""
    return make_bitext


def document(lang: str, sentences: Sequence[str]) -> Document:
    """A document whose segments are the sentences exactly as given (whitespace included)."""
    segments: list[Segment] = []
    offset = 0
    for i, s in enumerate(sentences):
        segments.append(Segment(s, offset, offset + len(s), i))
        offset += len(s) + 1
    return Document(lang, "\n".join(sentences), segments)


def make_bitext(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
    *,
    src_lang: str = "en",
    tgt_lang: str = "ko",
    scores: Sequence[float] | None = None,
    statuses: Sequence[BeadStatus] | None = None,
    findings: Sequence[Finding] = (),
) -> Bitext:
    """A bitext with one bead per (source sentences, target sentences) pair."""
    src_sents: list[str] = []
    tgt_sents: list[str] = []
    beads: list[Bead] = []
    for k, (src, tgt) in enumerate(pairs):
        s_ids = tuple(range(len(src_sents), len(src_sents) + len(src)))
        t_ids = tuple(range(len(tgt_sents), len(tgt_sents) + len(tgt)))
        src_sents.extend(src)
        tgt_sents.extend(tgt)
        beads.append(
            Bead(
                s_ids,
                t_ids,
                scores[k] if scores else 0.9,
                statuses[k] if statuses else BeadStatus.AUTO,
            )
        )
    return Bitext(
        document(src_lang, src_sents), document(tgt_lang, tgt_sents), beads, findings=list(findings)
    )

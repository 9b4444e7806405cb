"""Fixtures for the check tests: the seed bitext with reference beads, and small real pairs."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from align.model import Bead, Bitext, Document, Segment


def _load_seed_fixture() -> ModuleType:
    path = Path(__file__).with_name("seed_fixture.py")
    spec = importlib.util.spec_from_file_location("dari_seed_fixture", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


seed_fixture = _load_seed_fixture()


@pytest.fixture
def seed() -> Bitext:
    bitext: Bitext = seed_fixture.seed_bitext()
    return bitext


def make_bitext(
    pairs: list[tuple[str | None, str | None]],
    src_lang: str = "en",
    tgt_lang: str = "ko",
    scores: list[float] | None = None,
) -> Bitext:
    """A bitext whose beads are the given pairs (None = no counterpart), one line per sentence."""
    src_segs: list[Segment] = []
    tgt_segs: list[Segment] = []
    src_text = ""
    tgt_text = ""
    beads: list[Bead] = []
    for k, (s, t) in enumerate(pairs):
        src_ids: tuple[int, ...] = ()
        tgt_ids: tuple[int, ...] = ()
        if s is not None:
            src_segs.append(Segment(s, len(src_text), len(src_text) + len(s), len(src_segs)))
            src_ids = (len(src_segs) - 1,)
            src_text += s + "\n"
        if t is not None:
            tgt_segs.append(Segment(t, len(tgt_text), len(tgt_text) + len(t), len(tgt_segs)))
            tgt_ids = (len(tgt_segs) - 1,)
            tgt_text += t + "\n"
        score = scores[k] if scores else (0.0 if s is None or t is None else 0.8)
        beads.append(Bead(src_ids, tgt_ids, score))
    return Bitext(
        Document(src_lang, src_text, src_segs, path="a.en"),
        Document(tgt_lang, tgt_text, tgt_segs, path="a.ko"),
        beads,
    )


@pytest.fixture
def bitext_of():  # type: ignore[no-untyped-def]
    return make_bitext

"""Unpaired-sentence decisions taken after the search: pairs of unrelated sentences are taken
apart, measured against the document's own typical pair."""

from __future__ import annotations

import numpy as np

from align.aligner import AlignParams, align_vectors
from align.aligner.redecide import detach_strays, split_unrelated_pairs
from align.model import validate_beads

DIM = 64


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def _close_translation(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Both sides see the same meanings with little noise (FLORES-like: median cosine ~.75)."""
    rng = np.random.default_rng(seed)
    meaning = _unit(rng.normal(size=(n, DIM)))
    src = _unit(meaning + 0.45 * _unit(rng.normal(size=(n, DIM))))
    tgt = _unit(meaning + 0.45 * _unit(rng.normal(size=(n, DIM))))
    return src, tgt


def test_dropped_and_inserted_sentence_at_one_place_stay_unpaired() -> None:
    """Source 10 lost its translation and the target got an unrelated sentence in its place:
    the search alone pairs them (two unpaired gains cost more than a poor pair)."""
    src, tgt = _close_translation(30, 3)
    rng = np.random.default_rng(4)
    # a faintly related stranger: cosine ~.1 with its neighbour across, like the FLORES case
    tgt[10] = _unit(0.1 * src[10] + _unit(rng.normal(size=DIM)))
    lens = np.full(30, 80.0)
    beads = align_vectors(src, tgt, lens, lens)
    validate_beads(beads, 30, 30)
    pairs = [(b.src, b.tgt) for b in beads]
    assert ((10,), ()) in pairs and ((), (10,)) in pairs
    assert sum(1 for b in beads if b.kind == "1-1") == 29
    unpaired = [b.score for b in beads if b.kind in ("1-0", "0-1")]
    assert all(0.0 <= s <= 1.0 for s in unpaired)
    off = align_vectors(src, tgt, lens, lens, params=AlignParams().with_values(split_gap=0.0))
    assert ((10,), (10,)) in [(b.src, b.tgt) for b in off]


def test_loose_but_related_pair_is_kept() -> None:
    """A pair well below the median but still related (cosine ~.35 against ~.75) stays a pair."""
    src, tgt = _close_translation(30, 5)
    rng = np.random.default_rng(6)
    tgt[12] = _unit(0.4 * src[12] + _unit(rng.normal(size=DIM)))
    lens = np.full(30, 80.0)
    beads = align_vectors(src, tgt, lens, lens)
    assert ((12,), (12,)) in [(b.src, b.tgt) for b in beads]


def test_stray_sentence_is_cut_off_a_merged_bead() -> None:
    """FLORES-like: an inserted target sentence swallowed into a 1-2 bead lowers its similarity
    from .8 to .6; taking it out of the bead leaves it unpaired. A true fragment stays in."""
    sims = {(0, 1, 0, 2): 0.6, (0, 1, 0, 1): 0.8, (0, 1, 1, 2): 0.1, (1, 2, 2, 4): 0.7, (1, 2, 2, 3): 0.68}

    def sim(i0: int, i1: int, j0: int, j1: int) -> float:
        return sims.get((i0, i1, j0, j1), 0.0)

    spans = [(0, 1, 0, 2), (1, 2, 2, 4)]
    assert detach_strays(spans, sim, 0.05) == [(0, 1, 0, 1), (1, 1, 1, 2), (1, 2, 2, 4)]
    assert detach_strays(spans, sim, 0.0) == spans
    # the best edge is cut when both would do
    sims[(0, 1, 1, 2)] = 0.9
    assert detach_strays(spans, sim, 0.05) == [(0, 0, 0, 1), (0, 1, 1, 2), (1, 2, 2, 4)]


def test_split_leaves_documents_with_few_pairs_alone() -> None:
    spans = [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3)]
    assert split_unrelated_pairs(spans, lambda *_: 0.0, 0.5) == spans


def test_one_sentence_translated_by_four() -> None:
    """A source sentence whose meaning is spread over four target sentences comes out 1-4 once
    the concatenations are embedded (Text+Berg: a heading and its list)."""
    rng = np.random.default_rng(8)
    meaning = _unit(rng.normal(size=(24, DIM)))
    src_rows = [*meaning[:10], _unit(meaning[10:14].sum(axis=0)), *meaning[14:]]
    src = _unit(np.array(src_rows) + 0.2 * _unit(rng.normal(size=(21, DIM))))
    tgt = _unit(meaning + 0.2 * _unit(rng.normal(size=(24, DIM))))
    src_texts = [f"s{i}" for i in range(len(src))]
    tgt_texts = [f"t{j}" for j in range(len(tgt))]
    table = {**dict(zip(src_texts, src, strict=True)), **dict(zip(tgt_texts, tgt, strict=True))}

    def concat(texts: list[str]) -> np.ndarray:
        return _unit(np.array([sum(table[w] for w in x.split(" ")) for x in texts]))

    sl = np.array([80.0] * 10 + [320.0] + [80.0] * 10)
    tl = np.full(24, 80.0)
    beads = align_vectors(src, tgt, sl, tl, concat_encoder=concat, src_texts=src_texts, tgt_texts=tgt_texts)
    validate_beads(beads, 21, 24)
    assert ((10,), (10, 11, 12, 13)) in [(b.src, b.tgt) for b in beads]
    assert sum(1 for b in beads if b.kind == "1-1") == 20

"""``Side``: everything the aligner knows about one of the two texts, in one record.

Both texts go through the same steps, so every step takes two ``Side`` records instead of
pairs of source/target arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from align.aligner.anchors import anchor_vectors, shared_anchors
from align.aligner.junctions import weak_boundaries
from align.aligner.params import Scoring

Windows = dict[int, tuple[np.ndarray, np.ndarray]]
"""Embedded concatenations: ``windows[a] = (bead ends, vectors)`` for windows of ``a`` sentences."""


@dataclass(frozen=True, slots=True, eq=False)
class Side:
    """One text as the aligner sees it."""

    vectors: np.ndarray
    """(n, d) float32 sentence vectors, rows L2-normalised."""
    lengths: np.ndarray
    """(n,) float64 character lengths, at least 1 (the length factor divides by them)."""
    paragraphs: np.ndarray | None = None
    """Paragraph id per sentence; None when unknown or uninformative."""
    anchor_bags: np.ndarray | None = None
    """Hashed bags of the anchors this side shares with the other (``anchors``); None: none."""
    weak: np.ndarray | None = None
    """1 where the boundary before a sentence is weak (``junctions``); None without texts."""
    texts: Sequence[str] | None = None
    """The sentences, for embedding their concatenations; None: vectors only."""
    windows: Windows | None = None
    """Embedded concatenations of neighbouring sentences (``windows``); None: sums only."""

    def __len__(self) -> int:
        return len(self.vectors)

    def with_windows(self, windows: Windows) -> Side:
        return replace(self, windows=windows)


_NORM_ROWS = 16_384


def _unit_rows(x: np.ndarray, in_place: bool) -> np.ndarray:
    # norms by chunks of rows: ``np.linalg.norm`` squares the whole array first, a second
    # text-sized array (200 MiB at 100,000 sentences); each row's norm is the same either way
    norms = np.empty((len(x), 1), dtype=x.dtype)
    for i in range(0, len(x), _NORM_ROWS):
        norms[i : i + _NORM_ROWS] = np.linalg.norm(x[i : i + _NORM_ROWS], axis=1, keepdims=True)
    np.maximum(norms, 1e-12, out=norms)
    return np.divide(x, norms, out=x) if in_place else x / norms


def make_sides(
    vectors: list[np.ndarray],
    lengths: tuple[np.ndarray, np.ndarray],
    paragraphs: tuple[np.ndarray | None, np.ndarray | None],
    anchors: tuple[Sequence[frozenset[str]] | None, Sequence[frozenset[str]] | None],
    texts: tuple[Sequence[str] | None, Sequence[str] | None],
    scoring: Scoring,
    owned: bool = False,
) -> tuple[Side, Side]:
    """Both sides from the caller's arrays. ``vectors = [source, target]`` is emptied, so that
    each input array can be freed as soon as its normalised copy exists (400 MiB at 100,000
    sentences a side when the list held the only references). ``owned``: nobody else holds
    the arrays (an encoder's fresh output), so they are normalised in place, with no copy at
    all; the values are the same to the bit."""
    src = np.asarray(vectors.pop(0), dtype=np.float32)
    tgt = np.asarray(vectors.pop(0), dtype=np.float32)
    if src.ndim != 2 or tgt.ndim != 2 or src.shape[1] != tgt.shape[1]:
        raise ValueError(f"vector shapes do not match: {src.shape} and {tgt.shape}")
    if len(lengths[0]) != len(src) or len(lengths[1]) != len(tgt):
        raise ValueError("one length per sentence is needed on each side")
    src = _unit_rows(src, owned and src.flags.writeable)
    tgt = _unit_rows(tgt, owned and tgt.flags.writeable)
    bags: tuple[np.ndarray | None, np.ndarray | None] = (None, None)
    if anchors[0] is not None and anchors[1] is not None and scoring.anchor_weight > 0:
        sa, ta = shared_anchors(anchors[0], anchors[1], scoring.anchor_max_share, scoring.anchor_min_count)
        if any(sa):
            bags = (anchor_vectors(sa), anchor_vectors(ta))
    sides = []
    for k, x in enumerate((src, tgt)):
        text = texts[k]
        sides.append(
            Side(
                vectors=x,
                lengths=np.maximum(np.asarray(lengths[k], dtype=np.float64), 1.0),
                paragraphs=paragraphs[k],
                anchor_bags=bags[k],
                weak=weak_boundaries(text) if text is not None else None,
                texts=text,
            )
        )
    return sides[0], sides[1]

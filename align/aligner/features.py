"""Per-side features of every candidate bead end: merged vectors, background, lengths, paragraphs.

A bead of ``a`` source sentences ending before sentence ``i`` is scored through the normalised
sum of those sentences' vectors (an approximation of embedding their concatenation, which costs
nothing extra), the mean similarity of that vector to the whole other side (its "background",
subtracted as a margin against hubness: short or generic sentences look similar to everything),
its character length and whether it crosses a paragraph boundary.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(slots=True)
class SideFeatures:
    """Arrays indexed by bead end ``i`` (0..n) for each bead size ``a`` (1..3): ``x[a][i]``."""

    merged: dict[int, np.ndarray]
    """(n + 1, d') float32: normalised sum of vectors i-a..i-1, anchors appended; zero if i < a."""
    anchors_only: dict[int, np.ndarray]
    lens: dict[int, np.ndarray]
    cross: dict[int, np.ndarray]
    joins: dict[int, np.ndarray]
    """Number of weak sentence boundaries inside the bead (see ``junctions``)."""
    background: dict[int, np.ndarray]
    n: int
    weak: np.ndarray | None = None
    """Per sentence: 1 where the boundary before it is weak; None when the texts are unknown."""


def _window_sums(x: np.ndarray, a: int) -> np.ndarray:
    """Row i (0..n) holds x[i-a] + ... + x[i-1]; rows i < a are zero."""
    n = x.shape[0]
    out = np.zeros((n + 1, *x.shape[1:]), dtype=x.dtype)
    if a <= n:
        acc = out[a:]
        acc[...] = x[0 : n - a + 1]
        for k in range(1, a):
            acc += x[k : n - a + 1 + k]
    return out


def _normalise_rows(x: np.ndarray) -> np.ndarray:
    # einsum squares and sums in one pass; np.linalg.norm builds x * x first (3x the time on
    # 100k x 512 rows, which long texts have several of)
    norms = np.sqrt(np.einsum("ij,ij->i", x, x))[:, None]
    return (x / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


def side_features(
    vecs: np.ndarray,
    lens: np.ndarray,
    paras: np.ndarray | None,
    anchor_bags: np.ndarray | None,
    other_mean: np.ndarray,
    anchor_scale: float,
    sizes: tuple[int, ...] = (1, 2, 3),
    exact: dict[int, tuple[np.ndarray, np.ndarray]] | None = None,
    weak: np.ndarray | None = None,
    sum_mix: float = 0.0,
) -> SideFeatures:
    """Features for bead sizes ``sizes`` on one side; ``other_mean`` is the other side's mean vector.

    ``exact[a] = (rows, vectors)`` replaces the approximated merged vectors of those bead ends
    by embeddings of the actual concatenated sentences, mixed with ``sum_mix`` of the
    approximation. ``weak[i]`` marks a weak boundary before sentence ``i`` (``junctions``)."""
    n = vecs.shape[0]
    merged: dict[int, np.ndarray] = {}
    anchors_only: dict[int, np.ndarray] = {}
    lsum: dict[int, np.ndarray] = {}
    cross: dict[int, np.ndarray] = {}
    joins: dict[int, np.ndarray] = {}
    background: dict[int, np.ndarray] = {}
    lens_f = lens.astype(np.float32)
    for a in sizes:
        u = _normalise_rows(_window_sums(vecs, a))
        if exact and a in exact:
            rows, rows_vecs = exact[a]
            # the concatenation's own vector, plus ``sum_mix`` of the parts' normalised sum
            u[rows] = _normalise_rows(_normalise_rows(rows_vecs) + np.float32(sum_mix) * u[rows])
        background[a] = (u @ other_mean).astype(np.float32)
        if anchor_bags is not None and anchor_scale > 0:
            h = _normalise_rows(_window_sums(anchor_bags, a)) * np.float32(anchor_scale)
            anchors_only[a] = h
            u = np.concatenate([u, h], axis=1)
        merged[a] = np.ascontiguousarray(u, dtype=np.float32)
        lsum[a] = _window_sums(lens_f, a)
        c = np.zeros(n + 1, dtype=np.float32)
        if paras is not None and a > 1 and a <= n:
            p = np.asarray(paras)
            c[a:] = (p[a - 1 : n] != p[0 : n - a + 1]).astype(np.float32)
        cross[a] = c
        j = np.zeros(n + 1, dtype=np.float32)
        if weak is not None and a > 1 and a <= n:
            # boundaries before sentences i-a+1 .. i-1 of the bead ending at i: a window of a-1
            j[a:] = _window_sums(np.asarray(weak, dtype=np.float32), a - 1)[a:]
        joins[a] = j
    return SideFeatures(merged, anchors_only, lsum, cross, joins, background, n, weak)

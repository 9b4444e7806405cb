"""Calibrated confidences of the final beads (``Confidence`` holds the fitted weights).

Pairs: a logistic in how much the bead's similarity would rise by taking in one more
neighbouring sentence (a bead that gains from growing was probably cut short), the share of
merged beads in the document (how freely it was translated) and whether the bead is merged.
Unpaired sentences: a logistic in the best 1-1 gain the sentence had with any candidate.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.aligner.params import Confidence
from align.aligner.redecide import Span, merged_share
from align.aligner.scoring import Scorer
from align.aligner.search import Band
from align.model import Bead

EXTENSION_CHUNK = 1_024
"""Beads whose rows are fetched together (bounds the rows held at once)."""


def _sigmoid(x: np.ndarray | float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


def scored_beads(
    spans: Sequence[Span], scorer: Scorer, g11: np.ndarray, band: Band, p: Confidence
) -> list[Bead]:
    """The beads of ``spans`` with their confidences (rounded to 6 places)."""
    n, m = scorer.fa.n, scorer.fb.n
    row_best = g11.max(axis=1) if g11.size else np.zeros(n + 1, dtype=np.float32)
    col_best = _column_best(spans, g11, band, m)
    conf = np.zeros(len(spans), dtype=np.float64)
    by_type: dict[tuple[int, int], list[int]] = {}
    for k, (i0, i1, j0, j1) in enumerate(spans):
        by_type.setdefault((i1 - i0, j1 - j0), []).append(k)
    sims: dict[tuple[int, int], np.ndarray] = {}
    for (a, b), ks in by_type.items():
        idx = np.array(ks, dtype=np.int64)
        ends_i = np.array([spans[k][1] for k in ks], dtype=np.int64)
        ends_j = np.array([spans[k][3] for k in ks], dtype=np.int64)
        if a and b:
            sims[a, b] = _bead_sims(scorer, a, b, ends_i, ends_j)
        elif a:
            conf[idx] = _sigmoid(p.null_slope * (p.null_offset - row_best[ends_i]))
        else:
            conf[idx] = _sigmoid(p.null_slope * (p.null_offset - col_best[ends_j]))
    share = merged_share(list(spans))
    for (a, b), own in sims.items():
        ks = by_type[a, b]
        ext = _extensions([spans[k] for k in ks], own, scorer)
        # the bias enters in float32, the similarities' precision, as it always has: the
        # fitted values were measured that way and the beads' confidences stay the same
        z = np.float32(p.bias) - p.extension * ext - p.merged_share * share
        if a + b > 2:
            z = z - p.merged_bead
        conf[np.array(ks, dtype=np.int64)] = _sigmoid(np.asarray(z, dtype=np.float64))
    rounded = np.round(np.clip(conf, 0.0, 1.0), 6).tolist()
    return [
        Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), float(c))
        for (i0, i1, j0, j1), c in zip(spans, rounded, strict=True)
    ]


def _column_best(spans: Sequence[Span], g11: np.ndarray, band: Band, m: int) -> np.ndarray:
    """Best 1-1 gain of each unpaired target sentence (-1 elsewhere). The rows whose band
    holds column j form one contiguous run because lo and hi are monotone."""
    col_best = np.full(m + 1, -1.0, dtype=np.float64)
    if g11.size:
        for i0, i1, _j0, j1 in spans:
            if i0 == i1:
                r0 = int(np.searchsorted(band.hi, j1, side="right"))
                r1 = int(np.searchsorted(band.lo, j1, side="right"))
                if r1 > r0:
                    col_best[j1] = float(g11[np.arange(r0, r1), j1 - band.lo[r0:r1]].max())
    return col_best


def _bead_sims(scorer: Scorer, a: int, b: int, ends_i: np.ndarray, ends_j: np.ndarray) -> np.ndarray:
    """Similarities of (a, b) beads, in chunks: all 1-1 beads' merged rows at once are two
    text-sized arrays."""
    parts = []
    for c0 in range(0, len(ends_i), EXTENSION_CHUNK):
        u = scorer.fa.merged[a][ends_i[c0 : c0 + EXTENSION_CHUNK]]
        v = scorer.fb.merged[b][ends_j[c0 : c0 + EXTENSION_CHUNK]]
        parts.append(np.asarray(scorer.adjust(np.einsum("rd,rd->r", u, v), a, b)))
    return np.concatenate(parts)


def _extension_options(span: Span, n: int, m: int) -> list[tuple[int, int, int, int]]:
    """The beads one neighbouring sentence larger (before or after, on either side), as
    (source size, target size, source end, target end), sizes at most three."""
    i0, i1, j0, j1 = span
    a, b = i1 - i0, j1 - j0
    options = []
    if a < 3:
        if i1 < n:
            options.append((a + 1, b, i1 + 1, j1))
        if i0 > 0:
            options.append((a + 1, b, i1, j1))
    if b < 3:
        if j1 < m:
            options.append((a, b + 1, i1, j1 + 1))
        if j0 > 0:
            options.append((a, b + 1, i1, j1))
    return [o for o in options if o[0] <= 3 and o[1] <= 3]


def _extensions(spans: Sequence[Span], own: np.ndarray, scorer: Scorer) -> np.ndarray:
    """Per bead: how much its similarity would rise by taking in one more neighbouring
    sentence; -1 when it cannot grow.

    The rows of all options of a chunk of beads are fetched per bead shape in one indexing
    (on long texts each fetch computes its rows), and each dot product is the same 1-D
    product of the same two rows as one bead at a time would compute."""
    fa, fb = scorer.fa, scorer.fb
    out = np.full(len(spans), -1.0, dtype=np.float64)
    for c0 in range(0, len(spans), EXTENSION_CHUNK):
        groups: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        for r in range(c0, min(len(spans), c0 + EXTENSION_CHUNK)):
            for aa, bb, ii, jj in _extension_options(spans[r], fa.n, fb.n):
                groups.setdefault((aa, bb), []).append((r, ii, jj))
        for (aa, bb), items in groups.items():
            u = fa.merged[aa][np.array([x[1] for x in items], dtype=np.int64)]
            v = fb.merged[bb][np.array([x[2] for x in items], dtype=np.int64)]
            for q, (r, _ii, _jj) in enumerate(items):
                val = float(scorer.adjust(float(u[q] @ v[q]), aa, bb))
                out[r] = max(out[r], val - float(own[r]))
    return out

"""What an alignment plot shows, as arrays: pure numpy, no matplotlib, linear in length.

The similarity *band* holds, for every source sentence, its cosine similarity with the target
sentences a few places either side of where the path puts it. A full similarity matrix would
be quadratic (20,000 x 20,000 floats is 1.6 GB); the band is what a reader needs anyway: a
bright ridge along the path, and a ridge leaving it where the alignment went astray.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from align.model import Bitext

BAND_HALF_WIDTH = 8
"""Target sentences shown either side of the path in the straightened band."""

LOW_CONFIDENCE = 0.5
"""Beads scoring below this are drawn as low-confidence (the align table's red rows)."""


@dataclass(frozen=True, slots=True)
class PlotLayout:
    """Everything a plot draws, in sentence coordinates (x: source, y: target)."""

    n_src: int
    n_tgt: int
    x0: np.ndarray
    """per bead: first source position (the cursor for a 0-1 bead)"""
    x1: np.ndarray
    y0: np.ndarray
    y1: np.ndarray
    score: np.ndarray
    kind: list[str]
    path: np.ndarray
    """per source sentence: the target position the path assigns it (float)"""
    band: np.ndarray
    """(n_src, 2 * half_width + 1) similarity of source i with target round(path[i]) + k; NaN outside"""
    half_width: int
    src_para_starts: np.ndarray
    """source positions where a new paragraph begins (the first paragraph excluded)"""
    tgt_para_starts: np.ndarray

    @property
    def unpaired_src(self) -> np.ndarray:
        """Bead indices of 1-0 beads (source sentences with no translation)."""
        return np.flatnonzero((self.x1 > self.x0) & (self.y1 == self.y0))

    @property
    def unpaired_tgt(self) -> np.ndarray:
        return np.flatnonzero((self.y1 > self.y0) & (self.x1 == self.x0))

    @property
    def low(self) -> np.ndarray:
        """Per bead: unpaired or scoring below ``LOW_CONFIDENCE``."""
        null = (self.x1 == self.x0) | (self.y1 == self.y0)
        return null | (self.score < LOW_CONFIDENCE)

    def low_stretches(self, min_beads: int = 1, gap: int = 0) -> list[tuple[float, float, int]]:
        """Runs of low-confidence beads as source spans ``(start, end, beads)``: runs of at
        least ``min_beads`` low beads, bridging up to ``gap`` sound beads between two low ones
        (a long document asks for runs, not every isolated unsure bead)."""
        spans: list[tuple[float, float, int]] = []
        low = np.flatnonzero(self.low)
        k = 0
        while k < len(low):
            start = k
            while k + 1 < len(low) and low[k + 1] - low[k] <= gap + 1:
                k += 1
            first, last = int(low[start]), int(low[k])
            if k - start + 1 >= min_beads:
                a, b = float(self.x0[first]), float(self.x1[last])
                spans.append((a, max(b, a + 0.5), k - start + 1))
            k += 1
        return spans


def _paragraph_starts(paras: list[int]) -> np.ndarray:
    if not paras:
        return np.zeros(0, dtype=np.int64)
    p = np.asarray(paras)
    return np.flatnonzero(p[1:] != p[:-1]) + 1


def _path(bitext: Bitext, x0: np.ndarray, x1: np.ndarray, y0: np.ndarray, y1: np.ndarray) -> np.ndarray:
    """Target position of each source sentence: spread evenly over its bead's target span."""
    n = len(bitext.source.segments)
    path = np.zeros(n, dtype=np.float64)
    for a, b, c, d in zip(x0.tolist(), x1.tolist(), y0.tolist(), y1.tolist(), strict=True):
        if b > a:
            path[a:b] = c + (np.arange(b - a) + 0.5) * (d - c) / (b - a)
    return path


def similarity_band(
    src_vecs: np.ndarray, tgt_vecs: np.ndarray, path: np.ndarray, half_width: int = BAND_HALF_WIDTH
) -> np.ndarray:
    """Cosine similarity of each source sentence with the targets around its path position.

    Computed in blocks of rows so that memory stays ``O(block * width * dim)``."""
    n, m = len(src_vecs), len(tgt_vecs)
    width = 2 * half_width + 1
    band = np.full((n, width), np.nan, dtype=np.float32)
    if n == 0 or m == 0:
        return band
    offsets = np.arange(-half_width, half_width + 1)
    centre = np.clip(np.floor(path).astype(np.int64), 0, m - 1)
    block = 2048
    for start in range(0, n, block):
        stop = min(n, start + block)
        cols = centre[start:stop, None] + offsets[None, :]
        inside = (cols >= 0) & (cols < m)
        sims = np.einsum("id,ikd->ik", src_vecs[start:stop], tgt_vecs[np.clip(cols, 0, m - 1)])
        band[start:stop] = np.where(inside, sims, np.nan)
    return band


def build_layout(
    bitext: Bitext,
    src_vecs: np.ndarray | None,
    tgt_vecs: np.ndarray | None,
    half_width: int = BAND_HALF_WIDTH,
) -> PlotLayout:
    """The plot's arrays for ``bitext``; without vectors the band is left empty (NaN)."""
    beads = bitext.beads
    k = len(beads)
    x0 = np.zeros(k, dtype=np.int64)
    x1 = np.zeros(k, dtype=np.int64)
    y0 = np.zeros(k, dtype=np.int64)
    y1 = np.zeros(k, dtype=np.int64)
    cx = cy = 0
    for i, bead in enumerate(beads):
        sx = bead.src[0] if bead.src else cx
        sy = bead.tgt[0] if bead.tgt else cy
        x0[i], x1[i] = sx, sx + len(bead.src)
        y0[i], y1[i] = sy, sy + len(bead.tgt)
        cx, cy = int(x1[i]), int(y1[i])
    score = np.array([b.score for b in beads], dtype=np.float64)
    path = _path(bitext, x0, x1, y0, y1)
    n, m = len(bitext.source.segments), len(bitext.target.segments)
    if src_vecs is not None and tgt_vecs is not None:
        band = similarity_band(src_vecs, tgt_vecs, path, half_width)
    else:
        band = np.full((n, 2 * half_width + 1), np.nan, dtype=np.float32)
    return PlotLayout(
        n_src=n,
        n_tgt=m,
        x0=x0,
        x1=x1,
        y0=y0,
        y1=y1,
        score=score,
        kind=[b.kind for b in beads],
        path=path,
        band=band,
        half_width=half_width,
        src_para_starts=_paragraph_starts([s.para for s in bitext.source.segments]),
        tgt_para_starts=_paragraph_starts([s.para for s in bitext.target.segments]),
    )


def pool_columns(values: np.ndarray, bins: int, how: str = "mean") -> np.ndarray:
    """Shrink axis 0 of ``values`` to at most ``bins`` rows (mean or min per bin, NaN-aware):
    a 20,000-sentence document becomes a picture a screen can show without dropping the dips."""
    n = values.shape[0]
    if n <= bins:
        return values.astype(np.float64)
    edges = np.linspace(0, n, bins + 1).astype(np.int64)
    out = np.empty((bins, *values.shape[1:]), dtype=np.float64)
    reduce = np.nanmin if how == "min" else np.nanmean
    import warnings

    with warnings.catch_warnings():  # an all-NaN bin is NaN, which is what we want
        warnings.simplefilter("ignore", RuntimeWarning)
        for b in range(bins):
            out[b] = reduce(values[edges[b] : edges[b + 1]], axis=0)
    return out

"""Banded dynamic programming over bead types, and the band itself.

The search space is a band of target positions per source position: row ``i`` (sentences
consumed on the source side) may end at target positions ``lo[i] .. lo[i] + width - 1``. With a
band a few dozen cells wide, time and memory are linear in the text length. Within a row the
recurrence is vectorised over the band; the 0-1 moves (which chain along a row) are solved
with a running maximum, so the Python loop runs once per source sentence only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from align.progress import CancelCallback, ProgressCallback, check_cancel, report

NEG = np.float32(-1e30)


@dataclass(slots=True)
class Band:
    """Allowed target prefix lengths ``lo[i] <= j < hi[i]`` for each source prefix length ``i``."""

    lo: np.ndarray
    hi: np.ndarray
    width: int

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64), m + 1)

    @classmethod
    def from_ranges(cls, lo: np.ndarray, hi: np.ndarray, m: int) -> Band:
        """Make ranges monotone and reachable: lo and hi non-decreasing, corners included."""
        lo = np.clip(lo.astype(np.int64), 0, m)
        hi = np.clip(hi.astype(np.int64), 1, m + 1)
        lo[0] = 0
        hi[-1] = m + 1
        lo = np.minimum.accumulate(lo[::-1])[::-1].copy()
        hi = np.maximum.accumulate(hi)
        # consecutive rows must overlap so that a path can step from one to the next
        hi = np.maximum(hi, np.concatenate([lo[1:], [lo[-1]]]) + 1)
        hi = np.minimum(hi, m + 1)
        hi = np.maximum.accumulate(hi)
        width = int((hi - lo).max())
        return cls(lo, hi, width)


def band_around_path(
    path_src: np.ndarray,
    path_tgt: np.ndarray,
    n: int,
    m: int,
    src_scale: float,
    tgt_scale: float,
    margin: float,
) -> Band:
    """Band covering a (coarse) path scaled to full resolution, widened by ``margin`` scaled
    cells on each side (rows and columns)."""
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    r0 = np.clip(np.floor((path_src - margin) * src_scale), 0, n).astype(np.int64)
    r1 = np.clip(np.ceil((path_src + margin) * src_scale), 0, n).astype(np.int64)
    c0 = np.clip(np.floor((path_tgt - margin) * tgt_scale), 0, m).astype(np.int64)
    c1 = np.clip(np.ceil((path_tgt + margin) * tgt_scale), 0, m).astype(np.int64)
    # every path point marks a rectangle; take per-row min/max via difference of extremes
    for a, b, c, d in zip(r0, r1, c0, c1, strict=True):
        np.minimum(lo[a : b + 1], c, out=lo[a : b + 1])
        np.maximum(hi[a : b + 1], d + 1, out=hi[a : b + 1])
    missing = lo > hi
    if missing.any():
        lo[missing] = 0
        hi[missing] = m + 1
    return Band.from_ranges(lo, hi, m)


GainFn = Callable[[int, int, np.ndarray, np.ndarray], np.ndarray]
"""``gain(a, b, rows, cols)`` -> gains of beads (a, b) ending at (rows[r], cols[r, k])."""


def band_gains(gain: GainFn, a: int, b: int, band: Band, n: int, m: int, chunk: int = 256) -> np.ndarray:
    """(n + 1, width) float32 gains of beads (a, b) ending in each band cell; NEG where impossible."""
    out = np.full((n + 1, band.width), NEG, dtype=np.float32)
    ks = np.arange(band.width, dtype=np.int64)
    for r0 in range(a, n + 1, chunk):
        r1 = min(n + 1, r0 + chunk)
        rows = np.arange(r0, r1, dtype=np.int64)
        cols = band.lo[r0:r1, None] + ks[None, :]
        valid = (cols < band.hi[r0:r1, None]) & (cols >= b) & (cols <= m)
        if not valid.any():
            continue
        g = gain(a, b, rows, np.where(valid, cols, b))
        out[r0:r1] = np.where(valid, g, NEG)
    return out


def banded_dp(
    types: Sequence[tuple[int, int]],
    gains: Sequence[np.ndarray | float],
    band: Band,
    n: int,
    m: int,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    stage: str = "align",
) -> list[tuple[int, int, int, int]]:
    """Best monotone bead sequence; returns beads as (i0, i1, j0, j1) half-open ranges.

    ``gains[t]`` is an (n + 1, width) array for bead type ``types[t]``, or a float for the
    null types (1, 0) and (0, 1)."""
    width = band.width
    lo = band.lo
    hi = band.hi
    ks = np.arange(width, dtype=np.int64)
    score = np.full((n + 1, width), NEG, dtype=np.float64)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    t01 = next((t for t, ab in enumerate(types) if ab == (0, 1)), None)
    g01 = float(gains[t01]) if t01 is not None else None
    step = max(1, n // 50)
    for i in range(0, n + 1):
        if i % step == 0:
            check_cancel(cancel)
            report(progress, stage, i, n)
        j = lo[i] + ks
        valid = j < hi[i]
        best = np.full(width, NEG, dtype=np.float64)
        arg = np.full(width, -1, dtype=np.int8)
        if i == 0:
            best[0] = 0.0 if lo[0] == 0 else NEG
        for t, (a, b) in enumerate(types):
            if a == 0 or i - a < 0:
                continue
            kp = j - b - lo[i - a]
            ok = valid & (kp >= 0) & (kp < width) & (j - b < hi[i - a]) & (j - b >= 0)
            if not ok.any():
                continue
            prev = score[i - a][np.clip(kp, 0, width - 1)]
            g = gains[t]
            cand = prev + g[i] if isinstance(g, np.ndarray) else prev + g
            cand = np.where(ok, cand, NEG)
            upd = cand > best
            if upd.any():
                best = np.where(upd, cand, best)
                arg[upd] = t
        if g01 is not None:
            # row[k] = max(best[k], row[k-1] + g01): a running max of best[k] - k*g01
            offs = ks * g01
            run = np.maximum.accumulate(best - offs) + offs
            run = np.where(valid, run, NEG)
            from_left = run > best + 1e-9
            best = np.where(from_left, run, best)
            arg[from_left] = t01  # type: ignore[assignment]
        score[i] = np.where(valid, best, NEG)
        back[i] = np.where(valid, arg, -1)
    report(progress, stage, n, n)
    # backtrace from (n, m)
    beads: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = j - lo[i]
        if not 0 <= k < width:
            raise RuntimeError("alignment path left the band")  # pragma: no cover
        t = int(back[i, k])
        if t < 0:
            raise RuntimeError("no alignment path inside the band")  # pragma: no cover
        a, b = types[t]
        beads.append((i - a, i, j - b, j))
        i -= a
        j -= b
    beads.reverse()
    return beads

"""The search: banded dynamic programming over bead types, and where the band lies.

Short texts are searched over the whole matrix. Long ones in three passes, each linear in the
text length: *coarse*, both sides cut into blocks (``Search.coarse_blocks``, normalised mean
vectors) aligned over the full block matrix, which finds the path even across long
insertions; *middle*, 1-1 and unpaired beads only in a band a block wide around it; *fine*,
every common bead shape in a band ``Search.fine_margin`` sentences wide around that path.

The search space is a band of target positions per source position: row ``i`` (sentences
consumed on the source side) may end at target positions ``lo[i] .. lo[i] + width - 1``. With a
band a few dozen cells wide, time and memory are linear in the text length. Within a row the
recurrence is vectorised over the band; the 0-1 moves (which chain along a row) are solved
with a running maximum, so the Python loop runs once per source sentence only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from align.aligner.scoring import Scorer, features
from align.aligner.side import Side
from align.progress import CancelCallback, ProgressCallback, check_cancel, report

if TYPE_CHECKING:
    from align.aligner.params import AlignParams

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
    _fill_band_gains(out, 0, gain, a, b, band, m, chunk)
    return out


def _fill_band_gains(
    out: np.ndarray, first: int, gain: GainFn, a: int, b: int, band: Band, m: int, chunk: int
) -> None:
    """Rows ``first .. first + len(out)`` of ``band_gains`` into ``out`` (already NEG). The
    products go by chunks of ``chunk`` rows counted from row ``a`` whatever ``first`` is, so a
    row gets the same value to the bit however the table is cut."""
    ks = np.arange(band.width, dtype=np.int64)
    last = first + len(out)
    start = a if first <= a else a + (first - a) // chunk * chunk
    for r0 in range(start, last, chunk):
        r1 = min(last, r0 + chunk)
        rows = np.arange(r0, r1, dtype=np.int64)
        cols = band.lo[r0:r1, None] + ks[None, :]
        valid = (cols < band.hi[r0:r1, None]) & (cols >= b) & (cols <= m)
        if not valid.any():
            continue
        # impossible cells get a nearby real column, so that the chunk's column span (and the
        # block product behind it) stays as narrow as the band
        safe = np.clip(cols, b, m)
        safe = np.minimum(safe, np.maximum(band.hi[r0:r1, None] - 1, b))
        g = gain(a, b, rows, safe)
        out[r0 - first : r1 - first] = np.where(valid, g, NEG)


class BandGainRows:
    """The rows of ``band_gains`` computed a block at a time as the search asks for them, for
    a search whose gains are not kept: a wide band's (n + 1, width) table is the largest
    array of a long text (1,000,000 sentences, a band ~500 wide: 2 GiB)."""

    def __init__(self, gain: GainFn, a: int, b: int, band: Band, m: int, chunk: int, rows: int) -> None:
        self._fill = (gain, a, b, band, m, chunk)
        self._per_block = max(1, rows // chunk) * chunk
        self._width = band.width
        self._first = 0
        self._block = np.zeros((0, band.width), dtype=np.float32)

    def row(self, i: int) -> np.ndarray:
        k = i - self._first
        if not 0 <= k < len(self._block):
            gain, a, b, band, m, chunk = self._fill
            # blocks start on the chunk grid of ``_fill_band_gains`` (rows a, a + chunk, ...)
            self._first = i if i < a else a + (i - a) // self._per_block * self._per_block
            last = min(len(band.lo), self._first + self._per_block if i >= a else a)
            self._block = np.full((last - self._first, self._width), NEG, dtype=np.float32)
            if last > a:
                _fill_band_gains(self._block, self._first, gain, a, b, band, m, chunk)
            k = i - self._first
        row: np.ndarray = self._block[k]
        return row


def banded_dp(
    types: Sequence[tuple[int, int]],
    gains: Sequence[np.ndarray | BandGainRows | float],
    band: Band,
    n: int,
    m: int,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    stage: str = "align",
) -> list[tuple[int, int, int, int]]:
    """Best monotone bead sequence; returns beads as (i0, i1, j0, j1) half-open ranges.

    ``gains[t]`` is an (n + 1, width) array for bead type ``types[t]`` (NEG outside the band);
    for (1, 0) an (n + 1, 1) array (per source sentence) or a float, for (0, 1) an (m,) array
    (per target sentence) or a float. Each row is computed with slices (the
    predecessor row shifted by the difference of band offsets), so the per-row cost is a
    handful of numpy calls whatever the number of bead types."""
    width = band.width
    lo = band.lo.tolist()
    hi = band.hi.tolist()
    # a row's score reads only the rows up to the largest bead size above it: a ring of those
    # rows instead of the whole (n + 1, width) float64 table (230 MiB at 100k sentences)
    depth = max((a for a, _ in types), default=0) + 1
    score = np.full((depth, width), NEG, dtype=np.float64)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    t01 = next((t for t, ab in enumerate(types) if ab == (0, 1)), None)
    # 0-1 gains may be one number or one per target sentence (an (m,) array); their prefix
    # sums turn the chain of 0-1 moves along a row into a running maximum
    g01 = gains[t01] if t01 is not None else None
    prefix01: np.ndarray | None = None
    if g01 is not None:
        per_tgt = np.broadcast_to(np.asarray(g01, dtype=np.float64), (m,))
        prefix01 = np.concatenate([[0.0], np.cumsum(per_tgt), np.zeros(width + 1)])
    row_types = [(t, a, b, gains[t]) for t, (a, b) in enumerate(types) if a > 0]
    cand = np.empty((len(row_types), width), dtype=np.float64)
    type_of_row = np.array([t for t, _, _, _ in row_types], dtype=np.int8)
    columns = np.arange(width)
    step = max(1, n // 50)
    for i in range(0, n + 1):
        if i % step == 0:
            check_cancel(cancel)
            report(progress, stage, i, n)
        cand.fill(NEG)
        for r, (_, a, b, g) in enumerate(row_types):
            if i - a < 0:
                continue
            # cell k of row i (j = lo[i] + k) comes from cell k + shift of row i - a
            shift = lo[i] - b - lo[i - a]
            if shift >= width or shift <= -width:
                continue
            prev = score[(i - a) % depth]
            if shift >= 0:
                src = prev[shift:]
                dst = cand[r, : width - shift]
            else:
                src = prev[: width + shift]
                dst = cand[r, -shift:]
            if isinstance(g, np.ndarray) and g.shape[1] == 1:
                np.add(src, g[i, 0], out=dst)
                continue
            if isinstance(g, (np.ndarray, BandGainRows)):
                gr = g[i] if isinstance(g, np.ndarray) else g.row(i)
                gi = gr[: width - shift] if shift >= 0 else gr[-shift:]
                np.add(src, gi, out=dst)
            else:
                np.add(src, g, out=dst)
        if cand.shape[0]:
            which = cand.argmax(axis=0)
            best = cand[which, columns]
            arg = type_of_row[which]
        else:
            arg = np.full(width, -1, dtype=np.int8)
            best = np.full(width, NEG, dtype=np.float64)
        if i == 0 and lo[0] == 0:
            best[0] = 0.0
            arg[0] = -1
        valid_w = hi[i] - lo[i]
        best[valid_w:] = NEG
        if prefix01 is not None and t01 is not None:
            # row[k] = max(best[k], row[k-1] + g01[j-1]): a running max of best[k] - P[j]
            offs = prefix01[lo[i] : lo[i] + width]
            run = np.maximum.accumulate(best - offs) + offs
            from_left = run > best + 1e-9
            from_left[valid_w:] = False
            best = np.where(from_left, run, best)
            arg[from_left] = t01
        score[i % depth] = best
        back[i] = arg
    report(progress, stage, n, n)
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


GAIN_BLOCK_ROWS = 4_096
"""Rows of gains a search that does not keep them computes at a time (``BandGainRows``)."""
COARSE_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
MIDDLE_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1))
Spans = list[tuple[int, int, int, int]]


def search(
    scorer: Scorer,
    types: Sequence[tuple[int, int]],
    band: Band,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    stage: str = "align",
    null_gains: tuple[np.ndarray, np.ndarray] | None = None,
    keep_gains: bool = True,
) -> tuple[Spans, np.ndarray]:
    """The best bead sequence in ``band``, and the 1-1 gains (confidences of unpaired
    sentences look at their best pair). ``null_gains``: per-sentence unpaired gains (source
    rows, target sentences) instead of ``null_gain`` (``null_decisions``). Without
    ``keep_gains`` the gains are computed a block of rows at a time and the 1-1 gains
    returned are empty (the passes that only find a band: same path, a fraction of the
    memory)."""
    n, m = scorer.fa.n, scorer.fb.n
    gains: list[np.ndarray | BandGainRows | float] = []
    g11 = np.zeros((0, 0), dtype=np.float32)
    # the gains' products run here, or inside the DP when computed by blocks
    with _single_thread_blas():
        for a, b in types:
            check_cancel(cancel)
            if a == 0 or b == 0:
                gains.append(scorer.p.null_gain if null_gains is None else null_gains[0 if b == 0 else 1])
            elif not keep_gains:
                gains.append(BandGainRows(scorer.gain, a, b, band, m, chunk=128, rows=GAIN_BLOCK_ROWS))
            else:
                g = band_gains(scorer.gain, a, b, band, n, m, chunk=128)
                if (a, b) == (1, 1):
                    g11 = g
                gains.append(g)
        return banded_dp(types, gains, band, n, m, progress, cancel, stage), g11


def long_text_band(
    scorer: Scorer,
    src: Side,
    tgt: Side,
    params: AlignParams,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> Band:
    """The fine band of a long text: coarse pass, then 1-1 and unpaired beads in its band."""
    n, m = len(src), len(tgt)
    wide = coarse_band(src, tgt, params, scorer.ratio, cancel)
    path, _ = search(scorer, MIDDLE_TYPES, wide, progress, cancel, "anchor", keep_gains=False)
    pts_s = np.array([x for b in path for x in (b[0], b[1])], dtype=np.float64)
    pts_t = np.array([x for b in path for x in (b[2], b[3])], dtype=np.float64)
    return band_around_path(pts_s, pts_t, n, m, 1.0, 1.0, params.search.fine_margin)


def _block_ids(n: int, blocks: int) -> np.ndarray:
    return (np.arange(n) * blocks) // n


def _block_sums(x: np.ndarray, ids: np.ndarray, blocks: int) -> np.ndarray:
    """Sum of the rows of each block (ids sorted, so a block is a contiguous run).

    One reduction per block, not a running sum: numpy's cumsum down the rows of a wide array
    is ~75x slower (3 s for 100k x 512), and the blocks are few."""
    bounds = np.searchsorted(ids, np.arange(blocks + 1)).tolist()
    out = np.zeros((blocks, x.shape[1]), dtype=np.float32)
    for k in range(blocks):
        if bounds[k + 1] > bounds[k]:
            out[k] = x[bounds[k] : bounds[k + 1]].sum(axis=0, dtype=np.float64)
    return out


def coarse_band(
    src: Side, tgt: Side, params: AlignParams, ratio: float, cancel: CancelCallback | None
) -> Band:
    """Band around the path of the blocks' alignment (no anchors, no paragraphs: blocks
    hold many sentences), scaled to sentences and ``Search.band_blocks`` blocks wide.

    Blocks hold at most ``coarse_block_sentences`` sentences whatever the length of the text,
    so the band stays a few hundred sentences wide. Where that takes more than
    ``coarse_max_blocks`` blocks (texts over 200,000 sentences), the blocks are aligned the
    way sentences are: within a band found by the same pass one level up, on blocks of
    blocks. A fixed cap on the blocks instead widened the band with the text: at 1,000,000
    sentences a side, 500-sentence blocks and search tables of ~6 GiB each."""
    p = params.search
    n, m = len(src), len(tgt)
    per_block = max(p.coarse_block_sentences, 1)
    kb = min(max(p.coarse_blocks, -(-max(n, m) // per_block)), n, m)  # ceil: blocks of <= per_block
    bs, bt = _block_ids(n, kb), _block_ids(m, kb)
    cs = _block_sums(src.vectors, bs, kb)
    ct = _block_sums(tgt.vectors, bt, kb)
    ls = np.bincount(bs, weights=src.lengths, minlength=kb)
    lt = np.bincount(bt, weights=tgt.lengths, minlength=kb)
    cs /= np.maximum(np.linalg.norm(cs, axis=1, keepdims=True), 1e-12)
    ct /= np.maximum(np.linalg.norm(ct, axis=1, keepdims=True), 1e-12)
    blocks_src, blocks_tgt = Side(cs, ls), Side(ct, lt)
    if kb > max(p.coarse_max_blocks, p.coarse_blocks):
        within = coarse_band(blocks_src, blocks_tgt, params, ratio, cancel)
    else:
        within = Band.full(kb, kb)
    coarse = replace(params, scoring=replace(params.scoring, paragraph_penalty=0.0, anchor_weight=0.0))
    fa, fb = features(blocks_src, blocks_tgt, coarse, (1, 2))
    scorer = Scorer(fa, fb, coarse.scoring, ratio)
    beads, _ = search(scorer, COARSE_TYPES, within, None, cancel, "coarse", keep_gains=False)
    pts_s = np.array([x for b in beads for x in (b[0], b[1])], dtype=np.float64)
    pts_t = np.array([x for b in beads for x in (b[2], b[3])], dtype=np.float64)
    return band_around_path(pts_s, pts_t, n, m, n / kb, m / kb, p.band_blocks)


def _single_thread_blas() -> AbstractContextManager[object]:
    """Many small products: OpenBLAS's threads cost more than they give (measured 4x). The
    controller is made once: each ``threadpool_limits`` call rescans the process's loaded
    libraries (/proc/self/maps), which cost 13 ms per FLORES document, a fifth of its time."""
    controller = _blas_controller()
    if controller is None:  # pragma: no cover - optional
        return nullcontext()
    limited: AbstractContextManager[object] = controller.limit(limits=1, user_api="blas")
    return limited


@functools.cache
def _blas_controller() -> Any:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - optional
        return None
    return ThreadpoolController()

"""``align_vectors``: sentence vectors and lengths in, monotone scored beads out.

Two passes, both linear in the text length:
1. *coarse* (long texts only): both sides are cut into ``coarse_blocks`` blocks (400; more on
   texts over 40,000 sentences, up to 2,000, see ``coarse_block_sentences``) whose vectors are
   normalised means; the same bead DP aligns the blocks over the full (small) block matrix.
   This finds the path even across long insertions, where a fixed diagonal band would not.
2. *fine*: bead DP (1-1, 1-2, 2-1, 1-3, 3-1, 2-2, 1-0, 0-1) in a band a block or so wide
   around the coarse path (or over the whole matrix when it is small).
A bead's gain is its merged-vector similarity minus a background margin, plus a Gale-Church
length term, an anchor bonus and a paragraph-crossing penalty; leaving a sentence unpaired
has a fixed gain, which is the threshold a pair must beat.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import numpy as np

from align.aligner.anchors import anchor_vectors, shared_anchors
from align.aligner.features import SideFeatures, side_features, tail_mean
from align.aligner.junctions import weak_boundaries
from align.aligner.null_decisions import close_text_null_gains, redecide_nulls, split_guard
from align.aligner.params import BEAD_TYPES, COMMON_TYPES, DEFAULT_PARAMS, AlignParams
from align.aligner.redecide import (
    detach_strays,
    free_translation,
    merged_share,
    pair_stranded_nulls,
    split_unrelated_pairs,
)
from align.aligner.search import Band, band_around_path, band_gains, banded_dp
from align.model import Bead
from align.progress import CancelCallback, ProgressCallback, check_cancel

COARSE_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
MIDDLE_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1))
LAZY_LONG_TEXTS = True
"""Texts too long for the full matrix compute merged vectors per band (``WindowVectors``)
instead of storing them; the values are the same, which a test checks by switching this off."""


def _mean_dot(u: np.ndarray | None, v: np.ndarray | None) -> float:
    return float(u @ v) if u is not None and v is not None else 0.0


def _sigmoid(x: np.ndarray | float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


class _Scorer:
    """Gains of candidate beads from the two sides' features."""

    def __init__(
        self,
        fa: SideFeatures,
        fb: SideFeatures,
        params: AlignParams,
        ratio: float,
        unrelated: float | None = None,
    ) -> None:
        self.fa = fa
        self.fb = fb
        self.p = params
        self.ratio = ratio
        # Encoders differ in how similar unrelated sentences look (USE: ~0.07, e5: ~0.78).
        # Similarities are mapped affinely so that this document's mean similarity of unrelated
        # sentences (``unrelated``, else the mean over all pairs) lands on the reference level
        # the weights were tuned at, and 1 stays 1.
        bg = fa.background[1][1:]
        mu = float(bg.mean()) if len(bg) else params.reference_similarity
        if unrelated is not None:
            mu = unrelated
        mu = min(mu, 0.95)
        self.scale = (1.0 - params.reference_similarity) / (1.0 - mu)
        self.shift = (1.0 - params.margin) * (params.reference_similarity - self.scale * mu)
        # A merged vector (a normalised sum) keeps the encoder's common direction and averages
        # the rest away, so it is more similar to everything than a single sentence: by the
        # product of the sides' mean vectors, +.02-.05 for USE and +.03-.07 for e5. The map
        # above would stretch that artefact with e5's narrow range (x4), making merges and
        # swallowed sentences cheap; it is kept at its unstretched size, the size the weights
        # were tuned with.
        means_a = {a: tail_mean(x, a) for a, x in fa.merged.items()}
        means_b = {b: tail_mean(x, b) for b, x in fb.merged.items()}
        base = _mean_dot(means_a.get(1), means_b.get(1))
        self.inflation = {
            (a, b): (self.scale - 1.0) * max(0.0, _mean_dot(ma, mb) - base)
            for a, ma in means_a.items()
            for b, mb in means_b.items()
        }

    def adjust(
        self, dots: np.ndarray | float, bg: np.ndarray | float, a: int = 1, b: int = 1
    ) -> np.ndarray | float:
        """Margin-adjusted similarity on the reference scale."""
        return self.scale * (dots - self.p.margin * bg) + self.shift - self.inflation.get((a, b), 0.0)

    def weight(self, a: int, b: int) -> float:
        if a + b == 2:
            return self.p.weight_1_1
        return self.p.weight_merge if a + b > 3 else self.p.weight_1_2

    def bias(self, a: int, b: int) -> float:
        if a + b == 2:
            return 0.0
        if (a, b) == (2, 2):
            return self.p.bias_2_2
        if max(a, b) == 4:
            return self.p.bias_1_4
        if a + b == 3:
            return self.p.bias_1_2
        return self.p.bias_1_3

    def sim(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Margin-adjusted similarity of beads (a, b) ending at (rows[r], cols[r, k]).

        One block product per chunk of rows covers the chunk's band; the band cells are then
        picked out of it."""
        u = self.fa.merged[a][rows]
        c0 = int(cols.min())
        c1 = int(cols.max()) + 1
        block = u @ self.fb.merged[b][c0:c1].T
        dots = np.take_along_axis(block, cols - c0, axis=1)
        bg = 0.5 * (self.fa.background[a][rows][:, None] + self.fb.background[b][cols])
        return np.asarray(self.adjust(dots, bg, a, b), dtype=np.float32)

    def gain(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        p = self.p
        sim = self.sim(a, b, rows, cols)
        la = self.fa.lens[a][rows][:, None] * np.float32(self.ratio)
        lb = self.fb.lens[b][cols]
        if p.length_product:
            # Bertalign: similarity times log2(1 + shorter / longer), 1 for equal lengths
            factor = np.log2(1.0 + np.minimum(la, lb) / np.maximum(np.maximum(la, lb), 1e-6))
            sim = sim * (factor if p.length_product == 1 else factor ** np.float32(p.length_product))
        g = np.float32(self.weight(a, b)) * sim + np.float32(self.bias(a, b))
        if p.length_weight:
            k = np.float32(p.length_smoothing)
            lr = np.log((lb + k) / (la + k))
            g -= np.float32(p.length_weight) * lr * lr
        if p.paragraph_penalty:
            g -= np.float32(p.paragraph_penalty) * (self.fa.cross[a][rows][:, None] + self.fb.cross[b][cols])
        if p.junction_bonus:
            g += np.float32(p.junction_bonus) * (self.fa.joins[a][rows][:, None] + self.fb.joins[b][cols])
        return g.astype(np.float32, copy=False)


def _features(
    src: np.ndarray,
    tgt: np.ndarray,
    src_lens: np.ndarray,
    tgt_lens: np.ndarray,
    src_paras: np.ndarray | None,
    tgt_paras: np.ndarray | None,
    src_bags: np.ndarray | None,
    tgt_bags: np.ndarray | None,
    params: AlignParams,
    sizes: tuple[int, ...],
    src_weak: np.ndarray | None = None,
    tgt_weak: np.ndarray | None = None,
    src_exact: dict[int, tuple[np.ndarray, np.ndarray]] | None = None,
    tgt_exact: dict[int, tuple[np.ndarray, np.ndarray]] | None = None,
    lazy: bool = False,
) -> tuple[SideFeatures, SideFeatures]:
    scale = float(np.sqrt(params.anchor_weight)) if params.anchor_weight > 0 else 0.0
    mix = params.concat_sum_mix
    fa = side_features(
        src, src_lens, src_paras, src_bags, tgt.mean(axis=0), scale, sizes, src_exact, src_weak, mix, lazy
    )
    fb = side_features(
        tgt, tgt_lens, tgt_paras, tgt_bags, src.mean(axis=0), scale, sizes, tgt_exact, tgt_weak, mix, lazy
    )
    return fa, fb


def _run(
    scorer: _Scorer,
    types: Sequence[tuple[int, int]],
    band: Band,
    n: int,
    m: int,
    progress: ProgressCallback | None,
    cancel: CancelCallback | None,
    stage: str,
    null_gains: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[list[tuple[int, int, int, int]], np.ndarray]:
    gains: list[np.ndarray | float] = []
    g11 = np.zeros((0, 0), dtype=np.float32)
    for a, b in types:
        check_cancel(cancel)
        if a == 0 or b == 0:
            gains.append(scorer.p.null_gain if null_gains is None else null_gains[0 if b == 0 else 1])
            continue
        with _single_thread_blas():
            g = band_gains(scorer.gain, a, b, band, n, m, chunk=128)
        if (a, b) == (1, 1):
            g11 = g
        gains.append(g)
    return banded_dp(types, gains, band, n, m, progress, cancel, stage), g11


def _search(
    scorer: _Scorer,
    types: Sequence[tuple[int, int]],
    band: Band,
    n: int,
    m: int,
    progress: ProgressCallback | None,
    cancel: CancelCallback | None,
    stage: str,
) -> tuple[list[tuple[int, int, int, int]], np.ndarray]:
    """``_run``, and again with a document's own unpaired gain where ``null_decisions`` says
    the text is a close translation (the hook of ``AlignParams.null_gap``)."""
    spans, g11 = _run(scorer, types, band, n, m, progress, cancel, stage)
    null_gains = close_text_null_gains(
        spans, _span_sim(scorer), scorer.p, scorer.fa.lens[1], scorer.fb.lens[1], scorer.ratio
    )
    if null_gains is None:
        return spans, g11
    spans, _ = _run(scorer, types, band, n, m, progress, cancel, stage, null_gains)
    return spans, g11


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


def _coarse_band(
    src: np.ndarray,
    tgt: np.ndarray,
    src_lens: np.ndarray,
    tgt_lens: np.ndarray,
    params: AlignParams,
    ratio: float,
    cancel: CancelCallback | None,
) -> Band:
    n, m = len(src), len(tgt)
    per_block = max(params.coarse_block_sentences, 1)
    kb = max(params.coarse_blocks, -(-max(n, m) // per_block))  # ceil: blocks of <= per_block
    kb = min(kb, max(params.coarse_max_blocks, params.coarse_blocks), n, m)
    bs, bt = _block_ids(n, kb), _block_ids(m, kb)
    cs = _block_sums(src, bs, kb)
    ct = _block_sums(tgt, bt, kb)
    ls = np.bincount(bs, weights=src_lens, minlength=kb)
    lt = np.bincount(bt, weights=tgt_lens, minlength=kb)
    cs /= np.maximum(np.linalg.norm(cs, axis=1, keepdims=True), 1e-12)
    ct /= np.maximum(np.linalg.norm(ct, axis=1, keepdims=True), 1e-12)
    coarse_params = AlignParams(**{**params.to_dict(), "paragraph_penalty": 0.0, "anchor_weight": 0.0})
    fa, fb = _features(cs, ct, ls, lt, None, None, None, None, coarse_params, (1, 2))
    scorer = _Scorer(fa, fb, coarse_params, ratio)
    beads, _ = _run(scorer, COARSE_TYPES, Band.full(kb, kb), kb, kb, None, cancel, "coarse")
    pts_s = np.array([x for b in beads for x in (b[0], b[1])], dtype=np.float64)
    pts_t = np.array([x for b in beads for x in (b[2], b[3])], dtype=np.float64)
    return band_around_path(pts_s, pts_t, n, m, n / kb, m / kb, params.band_blocks)


def _unrelated_similarity(src: np.ndarray, tgt: np.ndarray) -> float | None:
    """Mean similarity of sentences that are not each other's translation, on texts small
    enough for the full similarity matrix: all pairs minus each sentence's best match on the
    shorter side. On a three-sentence text the plain mean over all pairs is one third
    translations (FLORES devtest 052: .50 where unrelated sentences score .37), and the
    stretched scale then favoured one 2-2 bead over two good 1-1 pairs."""
    n, m = len(src), len(tgt)
    if min(n, m) < 2:
        return None
    sims = src @ tgt.T
    best = sims.max(axis=1 if n <= m else 0)
    return float((sims.sum() - best.sum()) / (n * m - min(n, m)))


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


def align_vectors(
    src_vecs: np.ndarray,
    tgt_vecs: np.ndarray,
    src_lens: np.ndarray,
    tgt_lens: np.ndarray,
    *,
    src_paras: np.ndarray | None = None,
    tgt_paras: np.ndarray | None = None,
    src_anchors: Sequence[frozenset[str]] | None = None,
    tgt_anchors: Sequence[frozenset[str]] | None = None,
    concat_encoder: Callable[[list[str]], np.ndarray] | None = None,
    src_texts: Sequence[str] | None = None,
    tgt_texts: Sequence[str] | None = None,
    params: AlignParams = DEFAULT_PARAMS,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> list[Bead]:
    """Align two sequences of sentence vectors (rows L2-normalised) into monotone beads.

    Pure numpy and deterministic; never touches files or models. ``concat_encoder`` and the
    texts, when given, let a second pass embed the actual concatenations of neighbouring
    sentences near the first pass's path (all of them for short texts, the least certain
    regions up to ``concat_budget`` for long ones); elsewhere merged-sentence vectors are
    normalised sums. Real concatenations measured markedly better (bench/README.md).
    """
    vectors = [src_vecs, tgt_vecs]
    del src_vecs, tgt_vecs
    return align_vector_pair(
        vectors, src_lens, tgt_lens, src_paras=src_paras, tgt_paras=tgt_paras,
        src_anchors=src_anchors, tgt_anchors=tgt_anchors, concat_encoder=concat_encoder,
        src_texts=src_texts, tgt_texts=tgt_texts, params=params, progress=progress, cancel=cancel,
    )  # fmt: skip


def align_vector_pair(
    vectors: list[np.ndarray],
    src_lens: np.ndarray,
    tgt_lens: np.ndarray,
    *,
    src_paras: np.ndarray | None = None,
    tgt_paras: np.ndarray | None = None,
    src_anchors: Sequence[frozenset[str]] | None = None,
    tgt_anchors: Sequence[frozenset[str]] | None = None,
    concat_encoder: Callable[[list[str]], np.ndarray] | None = None,
    src_texts: Sequence[str] | None = None,
    tgt_texts: Sequence[str] | None = None,
    params: AlignParams = DEFAULT_PARAMS,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> list[Bead]:
    """``align_vectors`` on ``vectors = [source, target]``, which it empties: when the list
    held the only references (``align_segments``'s encoder output), each input array is freed
    as soon as its normalised copy exists, instead of both living through the whole search
    (400 MiB at 100,000 sentences a side)."""
    src = np.asarray(vectors.pop(0), dtype=np.float32)
    tgt = np.asarray(vectors.pop(0), dtype=np.float32)
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    if src.ndim != 2 or tgt.ndim != 2 or src.shape[1] != tgt.shape[1]:
        raise ValueError(f"vector shapes do not match: {src.shape} and {tgt.shape}")
    if len(src_lens) != n or len(tgt_lens) != m:
        raise ValueError("one length per sentence is needed on each side")
    src = src / np.maximum(np.linalg.norm(src, axis=1, keepdims=True), 1e-12)
    tgt = tgt / np.maximum(np.linalg.norm(tgt, axis=1, keepdims=True), 1e-12)
    sl = np.maximum(np.asarray(src_lens, dtype=np.float64), 1.0)
    tl = np.maximum(np.asarray(tgt_lens, dtype=np.float64), 1.0)
    ratio = float(tl.sum() / sl.sum())
    src_bags = tgt_bags = None
    if src_anchors is not None and tgt_anchors is not None and params.anchor_weight > 0:
        sa, ta = shared_anchors(src_anchors, tgt_anchors)
        if any(sa):
            src_bags, tgt_bags = anchor_vectors(sa), anchor_vectors(ta)
    full = n * m <= params.full_limit
    # the rarer shapes (2-3 ... 1-4) only pay off with real concatenations (short texts); long
    # texts keep the eight common shapes, which keeps the banded pass fast
    types = BEAD_TYPES if full else BEAD_TYPES[:COMMON_TYPES]
    sizes = tuple(range(1, max(max(t) for t in types) + 1))
    src_weak = weak_boundaries(src_texts) if src_texts is not None else None
    tgt_weak = weak_boundaries(tgt_texts) if tgt_texts is not None else None
    # long texts: merged vectors computed per band instead of stored (same values, see features)
    lazy = not full and LAZY_LONG_TEXTS
    fa, fb = _features(
        src,
        tgt,
        sl,
        tl,
        src_paras,
        tgt_paras,
        src_bags,
        tgt_bags,
        params,
        sizes,
        src_weak,
        tgt_weak,
        lazy=lazy,
    )
    unrelated = _unrelated_similarity(src, tgt) if full else None
    scorer = _Scorer(fa, fb, params, ratio, unrelated)
    if full:
        band = Band.full(n, m)
    else:
        wide = _coarse_band(src, tgt, sl, tl, params, ratio, cancel)
        # middle pass: 1-1 and unpaired only, in the wide band; then a narrow band around it
        path, _ = _run(scorer, MIDDLE_TYPES, wide, n, m, progress, cancel, "anchor")
        pts_s = np.array([x for b in path for x in (b[0], b[1])], dtype=np.float64)
        pts_t = np.array([x for b in path for x in (b[2], b[3])], dtype=np.float64)
        band = band_around_path(pts_s, pts_t, n, m, 1.0, 1.0, params.fine_margin)
    spans, g11 = _search(scorer, types, band, n, m, progress, cancel, "align")
    wants_concat = n + m <= params.concat_all_below or params.concat_budget > 0
    if concat_encoder is None or src_texts is None or tgt_texts is None or not wants_concat:
        return _scored_beads(spans, scorer, g11, band, n, m)
    first = _scored_beads(spans, scorer, g11, band, n, m)
    src_ends, tgt_ends = _concat_windows(first, n, m, params, sizes[1:])
    check_cancel(cancel)
    src_exact = _embed_windows(src_ends, src_texts, concat_encoder)
    tgt_exact = _embed_windows(tgt_ends, tgt_texts, concat_encoder)
    fa, fb = _features(
        src,
        tgt,
        sl,
        tl,
        src_paras,
        tgt_paras,
        src_bags,
        tgt_bags,
        params,
        sizes,
        src_weak,
        tgt_weak,
        src_exact,
        tgt_exact,
        lazy,
    )
    scorer = _Scorer(fa, fb, params, ratio, unrelated)
    spans, g11 = _search(scorer, types, band, n, m, progress, cancel, "realign")
    return _scored_beads(spans, scorer, g11, band, n, m)


def _concat_windows(
    beads: list[Bead], n: int, m: int, params: AlignParams, sizes: tuple[int, ...] = (2, 3)
) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Bead ends (per merge size in ``sizes``) whose concatenations are worth embedding.

    Short texts: every 2- and 3-window; 4-windows (for 1-4/4-1 beads, long strings that cost
    as much to embed as the 2- and 3-windows together) only around the first pass's beads with
    three sentences on a side, where a 1-4 bead shows up as a 1-3 (plus an unpaired sentence). Long texts: around the least certain
    first-pass beads (unpaired and merged beads first, then 1-1 beads by rising confidence)
    until the budget is spent."""
    pos_s = np.cumsum([0] + [len(b.src) for b in beads])
    pos_t = np.cumsum([0] + [len(b.tgt) for b in beads])
    if n + m <= params.concat_all_below:
        near_s: set[int] = set()
        near_t: set[int] = set()
        for k, bead in enumerate(beads):
            if max(len(bead.src), len(bead.tgt)) >= 3:
                near_s.update(range(int(pos_s[k]) - 1, int(pos_s[k + 1]) + 4))
                near_t.update(range(int(pos_t[k]) - 1, int(pos_t[k + 1]) + 4))
        return _all_or_near(sizes, n, near_s), _all_or_near(sizes, m, near_t)
    budget = int(params.concat_budget * (n + m))
    order = sorted(
        range(len(beads)),
        key=lambda k: (beads[k].kind == "1-1", beads[k].score, k),
    )
    src_set: set[int] = set()
    tgt_set: set[int] = set()
    for k in order:
        if beads[k].kind == "1-1" and beads[k].score >= params.concat_min_conf:
            break
        i0, i1 = int(pos_s[k]), int(pos_s[k + 1])
        j0, j1 = int(pos_t[k]), int(pos_t[k + 1])
        new_s = src_set.union(range(max(1, i0 - 1), min(n, i1 + 3) + 1))
        new_t = tgt_set.union(range(max(1, j0 - 1), min(m, j1 + 3) + 1))
        if len(new_s) + len(new_t) > budget // len(sizes):
            break
        src_set, tgt_set = new_s, new_t
    src_ends = np.array(sorted(src_set), dtype=np.int64)
    tgt_ends = np.array(sorted(tgt_set), dtype=np.int64)
    return (
        {a: src_ends[src_ends >= a] for a in sizes},
        {b: tgt_ends[tgt_ends >= b] for b in sizes},
    )


def _all_or_near(sizes: tuple[int, ...], n: int, near: set[int]) -> dict[int, np.ndarray]:
    """Every window end of sizes 2 and 3; for larger sizes only the ends in ``near``."""
    out: dict[int, np.ndarray] = {}
    near_ends = np.array(sorted(near), dtype=np.int64)
    for a in sizes:
        if a > n:
            continue
        out[a] = np.arange(a, n + 1) if a <= 3 else near_ends[(near_ends >= a) & (near_ends <= n)]
    return out


def _embed_windows(
    ends: dict[int, np.ndarray], texts: Sequence[str], encoder: Callable[[list[str]], np.ndarray]
) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Embed the concatenated sentences ``texts[i-a:i]`` for every requested end ``i``."""
    jobs: list[str] = []
    spans: list[tuple[int, int, int]] = []
    for a, rows in ends.items():
        if len(rows):
            spans.append((a, len(jobs), len(jobs) + len(rows)))
            jobs.extend(" ".join(texts[i - a : i]) for i in rows)
    if not jobs:
        return {}
    vecs = np.asarray(encoder(jobs), dtype=np.float32)
    return {a: (ends[a], vecs[s:e]) for a, s, e in spans}


def _extension_options(span: tuple[int, int, int, int], n: int, m: int) -> list[tuple[int, int, int, int]]:
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


EXTENSION_CHUNK = 1_024
"""Beads whose extension rows are fetched together (bounds the rows held at once)."""


def _extensions(
    spans: Sequence[tuple[int, int, int, int]], own: np.ndarray, scorer: _Scorer, n: int, m: int
) -> np.ndarray:
    """Per bead: how much its similarity would rise by taking in one more neighbouring sentence
    (a bead that gains from growing is probably cut short); -1 when it cannot grow.

    The rows of all options of a chunk of beads are fetched per bead shape in one indexing
    (on long texts each fetch computes its rows), and each dot product is the same 1-D
    product of the same two rows as one bead at a time would compute."""
    fa, fb = scorer.fa, scorer.fb
    out = np.full(len(spans), -1.0, dtype=np.float64)
    for c0 in range(0, len(spans), EXTENSION_CHUNK):
        groups: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        for r in range(c0, min(len(spans), c0 + EXTENSION_CHUNK)):
            for aa, bb, ii, jj in _extension_options(spans[r], n, m):
                groups.setdefault((aa, bb), []).append((r, ii, jj))
        for (aa, bb), items in groups.items():
            ii_arr = np.array([x[1] for x in items], dtype=np.int64)
            jj_arr = np.array([x[2] for x in items], dtype=np.int64)
            u = fa.merged[aa][ii_arr]
            v = fb.merged[bb][jj_arr]
            bg_a = fa.background[aa]
            bg_b = fb.background[bb]
            for q, (r, ii, jj) in enumerate(items):
                dot = float(u[q] @ v[q])
                val = float(scorer.adjust(dot, 0.5 * float(bg_a[ii] + bg_b[jj]), aa, bb))
                out[r] = max(out[r], val - float(own[r]))
    return out


def _span_sim(scorer: _Scorer) -> Callable[[int, int, int, int], float]:
    """Adjusted similarity of one bead (up to three sentences a side), as the search saw it.

    Remembered per span: the re-decision passes each look at the document's 1-1 pairs again."""
    seen: dict[tuple[int, int, int, int], float] = {}

    def sim(i0: int, i1: int, j0: int, j1: int) -> float:
        key = (i0, i1, j0, j1)
        if key not in seen:
            a, b = i1 - i0, j1 - j0
            dot = float(scorer.fa.merged[a][i1] @ scorer.fb.merged[b][j1])
            bg = 0.5 * float(scorer.fa.background[a][i1] + scorer.fb.background[b][j1])
            seen[key] = float(scorer.adjust(dot, bg, a, b))
        return seen[key]

    return sim


def _long_enough(scorer: _Scorer, min_chars: float) -> Callable[[tuple[int, int, int, int]], bool]:
    """Whether both sentences of a 1-1 bead are long enough (target side scaled by the
    document's length ratio) for their similarity to be trusted on its own."""

    def ok(span: tuple[int, int, int, int]) -> bool:
        _i0, i1, _j0, j1 = span
        return bool(scorer.fa.lens[1][i1] >= min_chars and scorer.fb.lens[1][j1] >= min_chars * scorer.ratio)

    return ok


def _length_mismatch(scorer: _Scorer) -> Callable[[tuple[int, int, int, int]], float]:
    """Absolute log ratio of a 1-1 bead's lengths, after the document's length ratio."""

    def mismatch(span: tuple[int, int, int, int]) -> float:
        _i0, i1, _j0, j1 = span
        return abs(float(np.log(scorer.fb.lens[1][j1] / (scorer.fa.lens[1][i1] * scorer.ratio))))

    return mismatch


def _scored_beads(
    spans: list[tuple[int, int, int, int]], scorer: _Scorer, g11: np.ndarray, band: Band, n: int, m: int
) -> list[Bead]:
    """Attach calibrated confidences: for pairs a logistic in the bead's adjusted similarity and
    in how much it would gain by taking in a neighbour; for unpaired sentences a logistic in the
    best 1-1 gain the sentence had with any candidate."""
    p = scorer.p
    sim = _span_sim(scorer)
    long_enough = _long_enough(scorer, p.split_min_chars)
    if not free_translation(spans, sim, p.free_merge_share, p.free_spread):
        mismatch = _length_mismatch(scorer)
        may_split = split_guard(spans, sim, p, long_enough, mismatch)
        spans = split_unrelated_pairs(spans, sim, p.split_gap, may_split)
        spans = detach_strays(spans, sim, p.detach_rise, scorer.fa.weak, scorer.fb.weak)
        spans = redecide_nulls(spans, sim, p, scorer.fa.weak, scorer.fb.weak)
    spans = pair_stranded_nulls(spans, sim, p.split_gap, long_enough)
    row_best = g11.max(axis=1) if g11.size else np.zeros(n + 1, dtype=np.float32)
    col_best = np.full(m + 1, -1.0, dtype=np.float64)
    if g11.size:
        # only unpaired target sentences need their best pair; rows whose band holds column
        # j form one contiguous run because lo and hi are monotone
        for i0, i1, _j0, j1 in spans:
            if i0 == i1:
                r0 = int(np.searchsorted(band.hi, j1, side="right"))
                r1 = int(np.searchsorted(band.lo, j1, side="right"))
                if r1 > r0:
                    col_best[j1] = float(g11[np.arange(r0, r1), j1 - band.lo[r0:r1]].max())
    conf = np.zeros(len(spans), dtype=np.float64)
    sims: dict[int, np.ndarray] = {}
    by_type: dict[tuple[int, int], list[int]] = {}
    for k, (i0, i1, j0, j1) in enumerate(spans):
        by_type.setdefault((i1 - i0, j1 - j0), []).append(k)
    for (a, b), ks in by_type.items():
        idx = np.array(ks, dtype=np.int64)
        ends_i = np.array([spans[k][1] for k in ks], dtype=np.int64)
        ends_j = np.array([spans[k][3] for k in ks], dtype=np.int64)
        if a and b:
            # in chunks: all 1-1 beads' merged rows at once are two text-sized arrays
            parts = []
            for c0 in range(0, len(ks), EXTENSION_CHUNK):
                ci, cj = ends_i[c0 : c0 + EXTENSION_CHUNK], ends_j[c0 : c0 + EXTENSION_CHUNK]
                u = scorer.fa.merged[a][ci]
                v = scorer.fb.merged[b][cj]
                bg = 0.5 * (scorer.fa.background[a][ci] + scorer.fb.background[b][cj])
                parts.append(np.asarray(scorer.adjust(np.einsum("rd,rd->r", u, v), bg, a, b)))
            sims[a * 10 + b] = np.concatenate(parts)
        elif a:
            conf[idx] = _sigmoid(p.null_conf_slope * (p.null_conf_offset - row_best[ends_i]))
        else:
            conf[idx] = _sigmoid(p.null_conf_slope * (p.null_conf_offset - col_best[ends_j]))
    # Similarity levels differ between language pairs and encoders, so pairs are judged
    # relative to the document's typical 1-1 bead: sim - median, extension terms are absolute.
    typical = float(np.median(sims[11])) if 11 in sims and len(sims[11]) else 0.0
    share = merged_share(spans)
    for (a, b), ks in by_type.items():
        if a and b:
            idx = np.array(ks, dtype=np.int64)
            own = sims[a * 10 + b]
            ext = _extensions([spans[k] for k in ks], own, scorer, n, m)
            rel = own - typical
            z = p.conf_bias + p.conf_slope * rel - p.conf_extension * ext - p.conf_merged_share * share
            if a + b > 2:
                z = z - p.conf_merged_bead
            conf[idx] = _sigmoid(np.asarray(z, dtype=np.float64))
    rounded = np.round(np.clip(conf, 0.0, 1.0), 6).tolist()
    beads = [
        Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), float(c))
        for (i0, i1, j0, j1), c in zip(spans, rounded, strict=True)
    ]
    return beads

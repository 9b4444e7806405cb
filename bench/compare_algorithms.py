"""Bertalign's and Vecalign's published algorithms next to dari's, on the same sentence vectors.

    python bench/compare_algorithms.py                      # Text+Berg test, FLORES synthetic devtest
    python bench/compare_algorithms.py --sets textberg-dev flores-dev --json

Where README says "Bertalign's algorithm, same encoder", this is the measurement: both
algorithms are re-implemented here from their published code (bfsujason/bertalign
``bertalign/corelib.py``, ``aligner.py``, ``encoder.py``; thompsonb/vecalign ``vecalign.py``,
``dp_utils.py``, ``dp_core.pyx``) with their default settings, and fed the vectors dari uses
(USE by default, through ``align.encoders``, cached in ``.bench-cache/`` like
``align_accuracy.py``). Overlaps ("windows") of 1-4 consecutive sentences are embedded the way
both tools make them: front-padded with ``PAD``, joined with a space, cut at 10,000 characters.

- **Bertalign** (max_align 5, top_k 3, win 5, skip -0.1, margin and length penalty on): a first
  pass keeps 1-1 beads between each source sentence and its top-3 target neighbours (DP over a
  window of at least 250 around the diagonal); a second pass searches every bead type with
  x + y <= 5 within 5 sentences of the first path, scoring cosine minus the mean similarity to
  the neighbours (margin) times log2(1 + shorter/longer) (lengths in UTF-8 bytes, the target
  scaled by the document's ratio); 1-0/0-1 score -0.1. Maximised.
- **Vecalign** (alignment_max_size 4, del_percentile_frac 0.2, num_samps_for_norm 100,
  costs_sample_size 20,000): cost of an x-y bead = 2xy (1 - cos) / (norm_src + norm_tgt), each
  norm 1 - the mean cosine of that overlap with 100 random overlaps of the other side; the
  insertion/deletion cost is the 20th percentile of random 1-1 costs (Vecalign's
  ``DeletionKnob``). Minimised. Vecalign approximates the optimum recursively (a 1-1 DP on
  downsampled vectors, then a band around it); at these sizes (<= 300 sentences) its first level
  is a full 1-1 DP followed by a band search, and here the DP runs over the whole matrix for
  every bead type, i.e. the optimum that search approximates. Random samples use seed 0.
- **dari**: ``align_accuracy.align_case`` with the default ``AlignParams`` (embedded
  concatenations included), as ``align_accuracy.py`` reports it.

Scored with ``align.evaluation`` (strict/lax F1, micro over files); on the FLORES synthetic set
also the share of dropped/inserted sentences left unpaired (``nulls``) and of predicted 1-0/0-1
sentences that are not such a sentence (``false nulls``).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from align_accuracy import Case, align_case, encode, load_set  # noqa: E402

from align.aligner import AlignParams  # noqa: E402
from align.evaluation import NullCounts, count_nulls, score_many  # noqa: E402

Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]
MAX_LINE_CHARS = 10_000


def layer(lines: list[str], n: int) -> list[str]:
    """Windows of ``n`` sentences ending at each position, front-padded (both tools' ``layer``)."""
    lines = [line.strip() or "BLANK_LINE" for line in lines]
    out = ["PAD"] * min(n - 1, len(lines))
    out += [" ".join(lines[i : i + n])[:MAX_LINE_CHARS] for i in range(len(lines) - n + 1)]
    return out


def overlap_vectors(lines: list[str], overlaps: int, encoder: str) -> tuple[np.ndarray, np.ndarray]:
    """(overlaps, n, dim) unit vectors and (overlaps, n) UTF-8 byte lengths."""
    vecs = np.stack([encode(layer(lines, k), encoder) for k in range(1, overlaps + 1)]).astype(np.float32)
    norms = np.linalg.norm(vecs, axis=2, keepdims=True)
    vecs = vecs / np.maximum(norms, 1e-12)
    lens = np.array([[len(t.encode("utf-8")) for t in layer(lines, k)] for k in range(1, overlaps + 1)])
    return vecs, lens.astype(np.float64)


# --------------------------------------------------------------------------- Bertalign


def _bertalign_types(max_align: int) -> list[tuple[int, int]]:
    types = [(0, 1), (1, 0)]
    types += [(x, y) for x in range(1, max_align) for y in range(1, max_align) if x + y <= max_align]
    return types


def bertalign(
    src: list[str],
    tgt: list[str],
    encoder: str,
    *,
    max_align: int = 5,
    top_k: int = 3,
    win: int = 5,
    skip: float = -0.1,
    margin: bool = True,
    len_penalty: bool = True,
) -> Beads:
    n, m = len(src), len(tgt)
    sv, sl = overlap_vectors(src, max_align - 1, encoder)
    tv, tl = overlap_vectors(tgt, max_align - 1, encoder)
    char_ratio = float(sl[0].sum() / tl[0].sum())

    # first pass: 1-1 beads only, scored by the top-k neighbours' similarity
    sims = sv[0] @ tv[0].T
    top = np.argsort(-sims, axis=1, kind="stable")[:, :top_k]
    best = {(i, int(j)): float(sims[i, j]) for i in range(n) for j in top[i]}
    w1 = max(250, int(max(n, m) * 0.06))
    path1 = []
    for i in range(n + 1):
        c = int(m / n * i)
        path1.append((max(0, c - w1), min(c + w1, m)))
    cost = np.zeros((n + 1, m + 1))
    ptr = np.full((n + 1, m + 1), -1, dtype=np.int64)
    first_types = [(0, 1), (1, 0), (1, 1)]
    for i in range(n + 1):
        for j in range(path1[i][0], path1[i][1] + 1):
            if i + j == 0:
                continue
            best_score, best_a = -math.inf, -1
            for a, (x, y) in enumerate(first_types):
                pi, pj = i - x, j - y
                if pi < 0 or pj < 0 or not path1[pi][0] <= pj <= path1[pi][1]:
                    continue
                score = cost[pi, pj] + (best.get((i - 1, j - 1), 0.0) if x and y else 0.0)
                if score > best_score:
                    best_score, best_a = score, a
            cost[i, j], ptr[i, j] = best_score, best_a
    ones: list[tuple[int, int]] = []
    i, j = n, m
    while i or j:
        a = int(ptr[i, j])
        x, y = first_types[a]
        if a == 2:
            ones.append((i, j))
        i, j = i - x, j - y
    ones.reverse()

    # second pass: every bead type within ``win`` of the first path
    if not ones:
        ones = [(n, m)]
    elif ones[-1][0] != n:
        if ones[-1][1] == m:
            ones.pop()
        ones.append((n, m))
    elif ones[-1][1] != m:
        ones.pop()
        ones.append((n, m))
    path2: list[tuple[int, int]] = []
    prev_i, prev_j = 0, 0
    for si, tj in ones:
        lo, hi = max(0, prev_j - win), min(m, tj + win)
        path2 += [(lo, hi)] * (si - prev_i)
        prev_i, prev_j = si, tj
    path2 = [path2[0], *path2]
    types = _bertalign_types(max_align)
    dots = {(x, y): sv[x - 1] @ tv[y - 1].T for x, y in types if x and y}
    src_to_tgt0 = {x: sv[x - 1] @ tv[0].T for x in range(1, max_align)}
    tgt_to_src0 = {y: tv[y - 1] @ sv[0].T for y in range(1, max_align)}

    def neighbours(row: np.ndarray, overlap: int, idx: int, size: int) -> float:
        left = idx - overlap
        right = idx + 1
        r = float(row[right - 1]) if right <= size else 0.0
        left_sim = float(row[left - 1]) if left > 0 else 0.0
        total = left_sim + r
        return total / 2 if r and left_sim else total

    def score(i: int, j: int, x: int, y: int) -> float:
        s = float(dots[x, y][i - 1, j - 1])
        if margin:
            s -= (neighbours(src_to_tgt0[x][i - 1], y, j, m) + neighbours(tgt_to_src0[y][j - 1], x, i, n)) / 2
        if len_penalty:
            a, b = sl[x - 1, i - 1], tl[y - 1, j - 1] * char_ratio
            s *= math.log2(1 + min(a, b) / max(a, b))
        return s

    cost2 = np.zeros((n + 1, m + 1))
    ptr2 = np.full((n + 1, m + 1), -1, dtype=np.int64)
    for i in range(n + 1):
        for j in range(path2[i][0], path2[i][1] + 1):
            if i + j == 0:
                continue
            best_score, best_a = -math.inf, -1
            for a, (x, y) in enumerate(types):
                pi, pj = i - x, j - y
                if pi < 0 or pj < 0 or not path2[pi][0] <= pj <= path2[pi][1]:
                    continue
                total = cost2[pi, pj] + (skip if x == 0 or y == 0 else score(i, j, x, y))
                if total > best_score:
                    best_score, best_a = total, a
            cost2[i, j], ptr2[i, j] = best_score, best_a
    beads: Beads = []
    i, j = n, m
    while i or j:
        x, y = types[int(ptr2[i, j])]
        beads.append((tuple(range(i - x, i)), tuple(range(j - y, j))))
        i, j = i - x, j - y
    beads.reverse()
    return beads


# --------------------------------------------------------------------------- Vecalign


def _norms(v0: np.ndarray, v1: np.ndarray, samples: int, rng: np.random.Generator) -> np.ndarray:
    """1 - mean cosine of each overlap of one side with random overlaps of the other."""
    overlaps1, size1, _ = v1.shape
    per = math.ceil(samples / overlaps1)
    picked = np.concatenate([v1[k, rng.integers(0, size1, per)] for k in range(overlaps1)])
    return np.stack([1.0 - (v0[k] @ picked.T).mean(axis=1) for k in range(v0.shape[0])])


def _deletion_penalty(random_costs: np.ndarray, frac: float) -> float:
    """Vecalign's ``DeletionKnob``: a percentile of random 1-1 costs, read off a 1,000-bin
    histogram between 0 and the largest cost and interpolated over 30 points."""
    res_min, res_max = 0.0, float(random_costs.max())
    if res_max <= res_min:
        res_max = res_min + 1e-4
    bins = 1000
    hist, edges = np.histogram(random_costs, bins=bins, range=(res_min, res_max), density=True)
    cdf = np.cumsum(hist) * (edges[1] - edges[0])
    points = [(0.0, res_min)]
    for knob in np.linspace(0, 1, 29)[1:-1]:
        idx = int(np.searchsorted(cdf, knob))
        points.append((float(knob), res_min + idx / bins * (res_max - res_min)))
    points.append((1.0, res_max))
    xs, ys = zip(*points, strict=True)
    return float(np.interp([frac], xs, ys)[0])


def vecalign(
    src: list[str],
    tgt: list[str],
    encoder: str,
    *,
    alignment_max_size: int = 4,
    del_percentile_frac: float = 0.2,
    num_samps_for_norm: int = 100,
    costs_sample_size: int = 20_000,
    seed: int = 0,
) -> Beads:
    rng = np.random.default_rng(seed)
    v0, _ = overlap_vectors(src, alignment_max_size, encoder)
    v1, _ = overlap_vectors(tgt, alignment_max_size, encoder)
    n, m = v0.shape[1], v1.shape[1]
    n0 = _norms(v0, v1, num_samps_for_norm, rng)
    n1 = _norms(v1, v0, num_samps_for_norm, rng)
    if n * m < costs_sample_size:
        xi, yi = np.divmod(np.arange(n * m), m)
    else:
        xi, yi = rng.integers(0, n, costs_sample_size), rng.integers(0, m, costs_sample_size)
    dots = np.einsum("kd,kd->k", v0[0, xi], v1[0, yi])
    pen = _deletion_penalty(2.0 * (1.0 - dots) / (n0[0, xi] + n1[0, yi]), del_percentile_frac)
    types = [
        (x, y)
        for x in range(1, alignment_max_size)
        for y in range(1, alignment_max_size)
        if x + y <= alignment_max_size
    ]
    costs = {
        (x, y): 2.0
        * x
        * y
        * (1.0 - v0[x - 1] @ v1[y - 1].T)
        / (1e-6 + n0[x - 1][:, None] + n1[y - 1][None, :])
        for x, y in types
    }
    csum = np.full((n + 1, m + 1), np.inf)
    back = np.zeros((n + 1, m + 1, 2), dtype=np.int64)
    csum[0, :] = np.arange(m + 1) * pen
    back[0, 1:] = (0, 1)
    csum[:, 0] = np.arange(n + 1) * pen
    back[1:, 0] = (1, 0)
    cols = np.arange(m + 1)
    for r in range(1, n + 1):
        row = np.full(m + 1, np.inf)
        step = np.zeros((m + 1, 2), dtype=np.int64)
        for x, y in types:
            if r - x < 0:
                continue
            cand = np.full(m + 1, np.inf)
            cand[y:] = csum[r - x, : m + 1 - y] + costs[x, y][r - 1, cols[y:] - 1]
            better = cand < row
            row[better] = cand[better]
            step[better] = (x, y)
        cand = csum[r - 1] + pen  # a source sentence left unpaired
        better = cand < row
        row[better] = cand[better]
        step[better] = (1, 0)
        row[0] = csum[r, 0]
        step[0] = (1, 0)
        # a target sentence left unpaired: row[c] = min_k<=c (row[k] + (c - k) pen)
        shifted = row - cols * pen
        run = np.minimum.accumulate(shifted)
        take = np.concatenate([[False], run[1:] < shifted[1:]])
        csum[r] = run + cols * pen
        step[take] = (0, 1)
        back[r] = step
    beads: Beads = []
    i, j = n, m
    while i or j:
        x, y = (int(v) for v in back[i, j])
        beads.append((tuple(range(i - x, i)), tuple(range(j - y, j))))
        i, j = i - x, j - y
    beads.reverse()
    return beads


# --------------------------------------------------------------------------- scoring


def score_algorithm(cases: list[Case], align: Callable[[Case], Beads]) -> dict[str, Any]:
    pairs = []
    nulls = NullCounts()
    t0 = time.perf_counter()
    for c in cases:
        pred = align(c)
        pairs.append((c.gold, pred))
        if c.nulls:
            nulls += count_nulls(c.gold, pred, c.nulls)
    s = score_many(pairs)
    out: dict[str, Any] = {"strict_f1": s.strict_f1, "lax_f1": s.lax_f1, "seconds": time.perf_counter() - t0}
    if nulls.expected:
        out["nulls"] = nulls.recall
        out["false_nulls"] = 1 - nulls.found / nulls.predicted if nulls.predicted else 0.0
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", default="use")
    ap.add_argument("--sets", nargs="+", default=["textberg-test", "flores-test"])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    results: dict[str, dict[str, Any]] = {}
    print(
        f"{'set':14s} {'algorithm':10s} {'strict F1':>9s} {'lax F1':>7s} {'nulls':>6s} {'false nulls':>11s}"
    )
    for name in args.sets:
        cases = load_set(name)
        runs: dict[str, Callable[[Case], Beads]] = {
            "dari": lambda c: [(b.src, b.tgt) for b in align_case(c, args.encoder, AlignParams())],
            "bertalign": lambda c: bertalign(c.src, c.tgt, args.encoder),
            "vecalign": lambda c: vecalign(c.src, c.tgt, args.encoder),
        }
        for algo, fn in runs.items():
            r = score_algorithm(cases, fn)
            results[f"{name}/{algo}"] = r
            nulls = f"{r['nulls']:.1%}" if "nulls" in r else ""
            false = f"{r['false_nulls']:.1%}" if "false_nulls" in r else ""
            print(
                f"{name:14s} {algo:10s} {r['strict_f1']:9.4f} {r['lax_f1']:7.4f} {nulls:>6s} {false:>11s}",
                flush=True,
            )
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Which concatenations of neighbouring sentences to embed, and embedding them.

A merged bead scored through the normalised sum of its sentences' vectors is an approximation;
the encoder's vector of the joined text measured markedly better (bench/README.md). Short
texts (``Concatenation.all_below``) get every 2- and 3-window embedded after a first search,
and 4-windows (long strings that cost as much as the others together) only around that
search's beads with three sentences on a side, where a 1-4 bead shows up as a 1-3 plus an
unpaired sentence. Long texts keep the sums.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from align.aligner.side import Windows

Span = tuple[int, int, int, int]


def window_ends(
    spans: Sequence[Span], n: int, m: int, sizes: tuple[int, ...]
) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Per side and window size in ``sizes``: the bead ends whose windows are worth embedding."""
    near_s: set[int] = set()
    near_t: set[int] = set()
    for i0, i1, j0, j1 in spans:
        if max(i1 - i0, j1 - j0) >= 3:
            near_s.update(range(i0 - 1, i1 + 4))
            near_t.update(range(j0 - 1, j1 + 4))
    return _all_or_near(sizes, n, near_s), _all_or_near(sizes, m, near_t)


def _all_or_near(sizes: tuple[int, ...], n: int, near: set[int]) -> dict[int, np.ndarray]:
    """Every window end of sizes 2 and 3; for larger sizes only the ends in ``near``."""
    out: dict[int, np.ndarray] = {}
    near_ends = np.array(sorted(near), dtype=np.int64)
    for a in sizes:
        if a > n:
            continue
        out[a] = np.arange(a, n + 1) if a <= 3 else near_ends[(near_ends >= a) & (near_ends <= n)]
    return out


def embed_windows(
    ends: dict[int, np.ndarray], texts: Sequence[str], encoder: Callable[[list[str]], np.ndarray]
) -> Windows:
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

"""Which concatenations of neighbouring sentences to embed, and embedding them.

A merged bead scored through the normalised sum of its sentences' vectors is an approximation;
the encoder's vector of the joined text measured markedly better (bench/README.md). Short
texts (``Concatenation.all_below``) get every 2- and 3-window embedded after a first search,
and 4-windows (long strings that cost as much as the others together) only around that
search's beads with three sentences on a side, where a 1-4 bead shows up as a 1-3 plus an
unpaired sentence. Long texts keep the sums.

Windows made only of *settled* sentences (each in a 1-1 pair of the first search at least
``Concatenation.settled_sim`` similar) are not embedded: a merged bead there would have to
beat pairs that already agree, and embedding them was 60 % of the time of a FLORES document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from align.aligner.side import Windows

Span = tuple[int, int, int, int]


def settled_sentences(
    spans: Sequence[Span], sim: Callable[[int, int, int, int], float], threshold: float, n: int, m: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per side, True for the sentences of 1-1 beads whose similarity is at least ``threshold``
    (``threshold`` 0: none, every window is embedded)."""
    src = np.zeros(n, dtype=bool)
    tgt = np.zeros(m, dtype=bool)
    if threshold > 0:
        for i0, i1, j0, j1 in spans:
            if i1 - i0 == 1 and j1 - j0 == 1 and sim(i0, i1, j0, j1) >= threshold:
                src[i0] = tgt[j0] = True
    return src, tgt


def window_ends(
    spans: Sequence[Span],
    n: int,
    m: int,
    sizes: tuple[int, ...],
    settled: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Per side and window size in ``sizes``: the bead ends whose windows are worth embedding
    (``settled``: per side, sentences whose windows need not be, see ``settled_sentences``)."""
    near_s: set[int] = set()
    near_t: set[int] = set()
    for i0, i1, j0, j1 in spans:
        if max(i1 - i0, j1 - j0) >= 3:
            near_s.update(range(i0 - 1, i1 + 4))
            near_t.update(range(j0 - 1, j1 + 4))
    src_settled, tgt_settled = settled if settled is not None else (None, None)
    return _all_or_near(sizes, n, near_s, src_settled), _all_or_near(sizes, m, near_t, tgt_settled)


def _all_or_near(
    sizes: tuple[int, ...], n: int, near: set[int], settled: np.ndarray | None
) -> dict[int, np.ndarray]:
    """Window ends of sizes 2 and 3 holding an unsettled sentence (all of them without
    ``settled``); for larger sizes only the ends in ``near``."""
    out: dict[int, np.ndarray] = {}
    near_ends = np.array(sorted(near), dtype=np.int64)
    # unsettled[i]: unsettled sentences among 0 .. i-1, so a window i-a .. i-1 holds one when
    # unsettled[i] - unsettled[i - a] > 0
    unsettled = np.zeros(n + 1, dtype=np.int64)
    if settled is not None:
        np.cumsum(~settled, out=unsettled[1:])
    for a in sizes:
        if a > n:
            continue
        if a > 3:
            out[a] = near_ends[(near_ends >= a) & (near_ends <= n)]
            continue
        ends = np.arange(a, n + 1)
        out[a] = ends if settled is None else ends[unsettled[ends] > unsettled[ends - a]]
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

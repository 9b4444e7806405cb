"""Local re-decisions about unpaired sentences, taken after the search.

The search weighs every decision with one global unpaired gain. That gain cannot suit both
closely translated text (where a sentence with no counterpart should stand alone) and freer
text (where a sentence often belongs to its neighbour's bead with a weak link of its own).
These passes look at each decision locally, with the bead similarity the search used
(``sim(i0, i1, j0, j1)``, real concatenations where they were embedded):

- *split*: a 1-1 pair far below the document's median pair is two unpaired sentences;
- *detach*: an edge sentence of a merged bead whose removal raises the bead's similarity
  clearly is not part of it (an inserted or dropped sentence the search swallowed);
- *pair stranded*: an unpaired sentence next to its obvious counterpart gets it.

The first two are skipped on free translations (``free_translation``). ``redecide`` runs them
in that order with ``Redecisions``'s values.

(The mirror image, *absorbing* an unpaired sentence into its neighbouring pair when the joined
bead is about as similar, was measured and dropped: on Text+Berg dev it fixed three beads, but
on FLORES the similarity drop of a foreign sentence overlaps that of a true fragment, and null
recall fell from .952 to .905 at the smallest useful threshold.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from align.aligner.params import Redecisions

if TYPE_CHECKING:
    from align.aligner.scoring import Scorer

DEFAULTS = Redecisions()

Span = tuple[int, int, int, int]
"""Half-open source and target ranges of a bead: (i0, i1, j0, j1)."""
SimFn = Callable[[int, int, int, int], float]


def merged_share(spans: list[Span]) -> float:
    """Share of the beads that join two or more sentences on a side (0 for no beads)."""
    if not spans:
        return 0.0
    return sum(1 for i0, i1, j0, j1 in spans if i1 - i0 > 1 or j1 - j0 > 1) / len(spans)


def redecide(spans: list[Span], scorer: Scorer, p: Redecisions) -> list[Span]:
    """The search's beads with the local re-decisions applied (a new list)."""
    sim = scorer.span_sim()
    long_enough = scorer.long_enough(p.split_min_chars)
    if not free_translation(spans, sim, p.free_merge_share, p.free_spread, min_pairs=p.min_pairs):
        spans = split_unrelated_pairs(spans, sim, p.split_gap, long_enough, min_pairs=p.min_pairs)
        spans = detach_strays(spans, sim, p.detach_rise, scorer.fa.weak, scorer.fb.weak)
    return pair_stranded_nulls(
        spans, sim, p.split_gap, long_enough, keep=p.stranded_keep, min_pairs=p.min_pairs
    )


def free_translation(
    spans: list[Span],
    sim: SimFn,
    min_merged: float,
    min_spread: float,
    *,
    min_pairs: int = DEFAULTS.min_pairs,
) -> bool:
    """Whether the search's beads look like a free translation rather than a close one.

    Two signs must agree: the search merged at least ``min_merged`` of its beads (sentence
    boundaries often differ), and the 1-1 pairs' similarities spread widely for their level
    (interquartile range over median at least ``min_spread``: loosely rendered sentences next
    to close ones). Merges alone also come from a close translation segmented differently (the
    Bible's Chinese side has 26 % more sentences); a wide spread alone from a document mixing
    prose with headings and code."""
    if not spans or min_merged >= 1.0:
        return False
    if merged_share(spans) < min_merged:
        return False
    ones = [sp for sp in spans if sp[1] - sp[0] == 1 and sp[3] - sp[2] == 1]
    if len(ones) < min_pairs:
        return False
    q1, med, q3 = np.percentile([sim(*sp) for sp in ones], [25, 50, 75]).tolist()
    return med > 0 and (q3 - q1) / med >= min_spread


def split_unrelated_pairs(
    spans: list[Span],
    sim: SimFn,
    gap: float,
    long_enough: Callable[[Span], bool] | None = None,
    *,
    min_pairs: int = DEFAULTS.min_pairs,
) -> list[Span]:
    """Take apart 1-1 pairs whose similarity lies ``gap`` below the document's median 1-1 pair.

    Measured against the document's own typical pair, an unrelated pair (a dropped sentence
    next to an inserted one) stands out on closely translated text, while free translations,
    whose median is lower, keep their loose pairs. Pairs that ``long_enough`` rejects are never
    taken apart: the vectors of a heading or a fragment ("Footnotes" / "각주") are too noisy to
    say they are unrelated, and documentation is full of them."""
    ones = [k for k, (i0, i1, j0, j1) in enumerate(spans) if i1 - i0 == 1 and j1 - j0 == 1]
    if gap <= 0 or len(ones) < min_pairs:
        return spans
    sims = np.array([sim(*spans[k]) for k in ones], dtype=np.float64)
    cut = float(np.median(sims)) - gap
    split = {
        k
        for k, s in zip(ones, sims.tolist(), strict=True)
        if s < cut and (long_enough is None or long_enough(spans[k]))
    }
    out: list[Span] = []
    for k, (i0, i1, j0, j1) in enumerate(spans):
        if k in split:
            out += [(i0, i1, j0, j0), (i1, i1, j0, j1)]
        else:
            out.append((i0, i1, j0, j1))
    return out


def detach_strays(
    spans: list[Span],
    sim: SimFn,
    rise: float,
    src_weak: np.ndarray | None = None,
    tgt_weak: np.ndarray | None = None,
) -> list[Span]:
    """Cut an edge sentence off a merged bead when the rest is at least ``rise`` more similar.

    Never across a weak boundary (``src_weak[i]``/``tgt_weak[j]``: the boundary before that
    sentence, see ``junctions``): a piece such as "Und nun zum Hüttenwart :" belongs to the
    sentence it introduces, however little its own words add to the similarity."""
    if rise <= 0:
        return spans

    def weak(side: np.ndarray | None, k: int) -> bool:
        return side is not None and 0 < k < len(side) and bool(side[k])

    out: list[Span] = []
    for i0, i1, j0, j1 in spans:
        a, b = i1 - i0, j1 - j0
        if a == 0 or b == 0 or a + b < 3:
            out.append((i0, i1, j0, j1))
            continue
        own = sim(i0, i1, j0, j1)
        best: tuple[float, list[Span]] | None = None
        options: list[tuple[Span, list[Span]]] = []
        if a >= 2:
            if not weak(src_weak, i0 + 1):
                options.append(((i0 + 1, i1, j0, j1), [(i0, i0 + 1, j0, j0), (i0 + 1, i1, j0, j1)]))
            if not weak(src_weak, i1 - 1):
                options.append(((i0, i1 - 1, j0, j1), [(i0, i1 - 1, j0, j1), (i1 - 1, i1, j1, j1)]))
        if b >= 2:
            if not weak(tgt_weak, j0 + 1):
                options.append(((i0, i1, j0 + 1, j1), [(i0, i0, j0, j0 + 1), (i0, i1, j0 + 1, j1)]))
            if not weak(tgt_weak, j1 - 1):
                options.append(((i0, i1, j0, j1 - 1), [(i0, i1, j0, j1 - 1), (i1, i1, j1 - 1, j1)]))
        for rest, parts in options:
            gain = sim(*rest) - own
            if gain >= rise and (best is None or gain > best[0]):
                best = (gain, parts)
        out += best[1] if best else [(i0, i1, j0, j1)]
    return out


def pair_stranded_nulls(
    spans: list[Span],
    sim: SimFn,
    gap: float,
    long_enough: Callable[[Span], bool],
    keep: float = DEFAULTS.stranded_keep,
    *,
    min_pairs: int = DEFAULTS.min_pairs,
) -> list[Span]:
    """Give an unpaired sentence the counterpart standing right beside it.

    Two shapes the search leaves behind around weak links (typically short headings such as
    "Wrapping it Up" / "마무리"): a 1-0 next to a 0-1, and an unpaired sentence next to a
    merged bead whose edge sentence on the other side is its real partner. The new pair is
    made when it is no worse than ``split_unrelated_pairs`` would keep (within ``gap`` of the
    median pair, or too short to judge), and, for the second shape, when the merged bead loses
    at most ``keep`` of similarity by giving the edge sentence up."""
    ones = [s for s in spans if s[1] - s[0] == 1 and s[3] - s[2] == 1]
    if gap <= 0 or len(ones) < min_pairs:
        return spans
    cut = float(np.median([sim(*s) for s in ones])) - gap

    def acceptable(pair: Span) -> bool:
        return not long_enough(pair) or sim(*pair) >= cut

    out = list(spans)
    k = 0
    while k < len(out) - 1:
        a, b = out[k], out[k + 1]
        a_src, a_tgt = a[1] - a[0], a[3] - a[2]
        b_src, b_tgt = b[1] - b[0], b[3] - b[2]
        replacement: list[Span] | None = None
        if (a_src, a_tgt, b_src, b_tgt) in ((1, 0, 0, 1), (0, 1, 1, 0)):
            pair = (min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3]))
            if acceptable(pair):
                replacement = [pair]
        elif a_tgt == 0 and a_src == 1 and b_src >= 1 and b_tgt >= 2:
            # [i]:[] then [i+1..]:[j, j+1..]: pair i with j
            pair, rest = (a[0], a[1], b[2], b[2] + 1), (b[0], b[1], b[2] + 1, b[3])
            if acceptable(pair) and sim(*rest) >= sim(*b) - keep:
                replacement = [pair, rest]
        elif a_src == 0 and a_tgt == 1 and b_tgt >= 1 and b_src >= 2:
            pair, rest = (b[0], b[0] + 1, a[2], a[3]), (b[0] + 1, b[1], b[2], b[3])
            if acceptable(pair) and sim(*rest) >= sim(*b) - keep:
                replacement = [pair, rest]
        elif b_tgt == 0 and b_src == 1 and a_src >= 1 and a_tgt >= 2:
            # [..i]:[..j-1, j] then [i+1]:[]: pair i+1 with j
            rest, pair = (a[0], a[1], a[2], a[3] - 1), (b[0], b[1], a[3] - 1, a[3])
            if acceptable(pair) and sim(*rest) >= sim(*a) - keep:
                replacement = [rest, pair]
        elif b_src == 0 and b_tgt == 1 and a_tgt >= 1 and a_src >= 2:
            rest, pair = (a[0], a[1] - 1, a[2], a[3]), (a[1] - 1, a[1], b[2], b[3])
            if acceptable(pair) and sim(*rest) >= sim(*a) - keep:
                replacement = [rest, pair]
        if replacement is not None:
            out[k : k + 2] = replacement
        k += 1
    return out

"""Local re-decisions about unpaired sentences, taken after the search.

The search weighs every decision with one global unpaired gain. That gain cannot suit both
closely translated text (where a sentence with no counterpart should stand alone) and freer
text (where a sentence often belongs to its neighbour's bead with a weak link of its own).
These passes look at each decision locally, with the bead similarity the search used
(``sim(i0, i1, j0, j1)``, real concatenations where they were embedded):

- *split*: a 1-1 pair far below the document's median pair is two unpaired sentences;
- *detach*: an edge sentence of a merged bead whose removal raises the bead's similarity
  clearly is not part of it (an inserted or dropped sentence the search swallowed);

(The mirror image, *absorbing* an unpaired sentence into its neighbouring pair when the joined
bead is about as similar, was measured and dropped: on Text+Berg dev it fixed three beads, but
on FLORES the similarity drop of a foreign sentence overlaps that of a true fragment, and null
recall fell from .952 to .905 at the smallest useful threshold.)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Span = tuple[int, int, int, int]
"""Half-open source and target ranges of a bead: (i0, i1, j0, j1)."""
SimFn = Callable[[int, int, int, int], float]


def split_unrelated_pairs(spans: list[Span], sim: SimFn, gap: float) -> list[Span]:
    """Take apart 1-1 pairs whose similarity lies ``gap`` below the document's median 1-1 pair.

    Measured against the document's own typical pair, an unrelated pair (a dropped sentence
    next to an inserted one) stands out on closely translated text, while free translations,
    whose median is lower, keep their loose pairs."""
    ones = [k for k, (i0, i1, j0, j1) in enumerate(spans) if i1 - i0 == 1 and j1 - j0 == 1]
    if gap <= 0 or len(ones) < 5:
        return spans
    sims = np.array([sim(*spans[k]) for k in ones], dtype=np.float64)
    cut = float(np.median(sims)) - gap
    split = {k for k, s in zip(ones, sims.tolist(), strict=True) if s < cut}
    out: list[Span] = []
    for k, (i0, i1, j0, j1) in enumerate(spans):
        if k in split:
            out += [(i0, i1, j0, j0), (i1, i1, j0, j1)]
        else:
            out.append((i0, i1, j0, j1))
    return out


def detach_strays(spans: list[Span], sim: SimFn, rise: float) -> list[Span]:
    """Cut an edge sentence off a merged bead when the rest is at least ``rise`` more similar."""
    if rise <= 0:
        return spans
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
            options.append(((i0 + 1, i1, j0, j1), [(i0, i0 + 1, j0, j0), (i0 + 1, i1, j0, j1)]))
            options.append(((i0, i1 - 1, j0, j1), [(i0, i1 - 1, j0, j1), (i1 - 1, i1, j1, j1)]))
        if b >= 2:
            options.append(((i0, i1, j0 + 1, j1), [(i0, i0, j0, j0 + 1), (i0, i1, j0 + 1, j1)]))
            options.append(((i0, i1, j0, j1 - 1), [(i0, i1, j0, j1 - 1), (i1, i1, j1 - 1, j1)]))
        for rest, parts in options:
            gain = sim(*rest) - own
            if gain >= rise and (best is None or gain > best[0]):
                best = (gain, parts)
        out += best[1] if best else [(i0, i1, j0, j1)]
    return out

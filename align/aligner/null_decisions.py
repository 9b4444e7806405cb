"""Second looks at unpaired sentences on closely translated text (issue 13).

The passes of ``redecide`` take one decision per bead, after a search that weighs every
unpaired sentence with one global gain. On held-out synthetic English-Korean sets
(``bench/flores_multiseed.py``: many seeds, rates and damaged sides) they left four kinds of
miss, each answered here, and each only where the first search's beads do not look like a
free translation (``redecide.free_translation``):

- a 3-1 bead holding two strays, of which one detach took one: detach again
  (``detach_rounds``);
- a dropped sentence paired 1-1 with an inserted one beside it, or a merge shifted onto the
  wrong neighbour: search again with the document's own unpaired gain (``null_gap``);
- a loose but true pair split because one word changed (seed 001, 대사관 -> 공관 in another
  sentence): pairs whose lengths agree need a wider gap (``split_gap_matched``);
- a 2-1 bead of three sentences without counterpart: take it apart (``dissolve_gap``).

Values and the sweeps that chose them are in ``Redecisions``'s docstrings and bench/README.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from align.aligner.params import Redecisions
from align.aligner.redecide import SimFn, Span, detach_strays, free_translation

if TYPE_CHECKING:
    from align.aligner.scoring import Scorer


def close_text_null_gains(
    spans: list[Span], scorer: Scorer, p: Redecisions
) -> tuple[np.ndarray, np.ndarray] | None:
    """Unpaired gains for a second search on a close translation, or None to keep the first:
    an (n + 1, 1) array by source row and an (m,) array by target sentence, as
    ``search.banded_dp`` takes them.

    One global gain (``Scoring.null_gain``) lets any pair beat two unpaired sentences, so on
    close text the search pairs a dropped sentence with an inserted one beside it, or shifts
    a merge onto the wrong neighbour, and the local passes undo only some of it. Here a pair
    must come within ``null_gap`` of the document's median 1-1 pair inside the search itself;
    except for sentences shorter than ``split_min_chars`` (target side scaled by the length
    ratio), whose vectors are too noisy for that: with them, python-docs' "Footnotes" /
    "각주" came out as a 1-2 bead and an unpaired heading."""
    sim = scorer.span_sim()
    if p.null_gap <= 0 or free_translation(
        spans, sim, p.free_merge_share, p.free_spread, min_pairs=p.min_pairs
    ):
        return None
    ones = [sp for sp in spans if sp[1] - sp[0] == 1 and sp[3] - sp[2] == 1]
    if len(ones) < p.min_pairs:
        return None
    base = scorer.p.null_gain
    gain = 0.5 * (float(np.median([sim(*sp) for sp in ones])) - p.null_gap)
    if gain <= base:
        return None
    src = np.where(scorer.fa.lens[1] >= p.split_min_chars, gain, base)[:, None]
    tgt = np.where(scorer.fb.lens[1][1:] >= p.split_min_chars * scorer.ratio, gain, base)
    return src.astype(np.float64), tgt.astype(np.float64)


def split_guard(spans: list[Span], scorer: Scorer, p: Redecisions) -> Callable[[Span], bool]:
    """Which 1-1 pairs ``split_unrelated_pairs`` may take apart: long enough to judge
    (``split_min_chars``), and either ``split_gap_matched`` below the median pair or with
    lengths that disagree (by ``split_length_tolerance`` in absolute log ratio, after the
    document's ratio). A loose but true pair keeps the lengths of a translation: on the
    multi-seed dev sets every unrelated pair between .5 and .6 below the median was off by .36
    or more, true pairs there by .11 or less, and seed 001's loosest pair (.51 below, off by
    .02) was split or kept by one word's change elsewhere."""
    long_enough = scorer.long_enough(p.split_min_chars)
    if p.split_gap_matched <= p.split_gap:
        return long_enough
    sim = scorer.span_sim()
    ones = [sp for sp in spans if sp[1] - sp[0] == 1 and sp[3] - sp[2] == 1]
    if not ones:
        return long_enough
    cut = float(np.median([sim(*sp) for sp in ones])) - p.split_gap_matched

    def mismatch(span: Span) -> float:
        _i0, i1, _j0, j1 = span
        return abs(float(np.log(scorer.fb.lens[1][j1] / (scorer.fa.lens[1][i1] * scorer.ratio))))

    def ok(span: Span) -> bool:
        if not long_enough(span):
            return False
        return sim(*span) < cut or mismatch(span) >= p.split_length_tolerance

    return ok


def redecide_nulls(
    spans: list[Span],
    sim: SimFn,
    p: Redecisions,
    src_weak: np.ndarray | None = None,
    tgt_weak: np.ndarray | None = None,
) -> list[Span]:
    """The passes after ``detach_strays`` (close translations only), in order; each is off at
    its field's neutral value."""
    spans = dissolve_unrelated_merges(spans, sim, p.dissolve_gap, p.min_pairs)
    for _ in range(max(p.detach_rounds - 1, 0)):
        out = detach_strays(spans, sim, p.detach_rise, src_weak, tgt_weak)
        if out == spans:
            break
        spans = out
    return spans


def dissolve_unrelated_merges(spans: list[Span], sim: SimFn, gap: float, min_pairs: int = 5) -> list[Span]:
    """Take a merged bead apart into unpaired sentences when its similarity lies ``gap`` below
    the document's median 1-1 pair: ``split_unrelated_pairs`` for merged beads (the search
    sometimes joins an inserted sentence and a dropped one's neighbour, all three without
    counterpart, into one 2-1 bead)."""
    ones = [sp for sp in spans if sp[1] - sp[0] == 1 and sp[3] - sp[2] == 1]
    if gap <= 0 or len(ones) < min_pairs:
        return spans
    cut = float(np.median([sim(*sp) for sp in ones])) - gap
    out: list[Span] = []
    for i0, i1, j0, j1 in spans:
        merged = i1 > i0 and j1 > j0 and (i1 - i0) + (j1 - j0) > 2
        if merged and sim(i0, i1, j0, j1) < cut:
            out += [(i, i + 1, j0, j0) for i in range(i0, i1)] + [(i1, i1, j, j + 1) for j in range(j0, j1)]
        else:
            out.append((i0, i1, j0, j1))
    return out

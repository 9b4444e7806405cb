"""Second look at unpaired-sentence decisions on closely translated text (issue 13).

The passes in ``redecide`` take one decision per bead. On held-out synthetic sets
(``bench/flores_multiseed.py``) the misses they left were mostly beads with two strays (a 3-1
whose first and last sentences have no counterpart: one detach leaves a 2-1 holding the
other). The passes here run after them, only where ``free_translation`` is false, and see
the same similarities the search used (``sim``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from align.aligner.params import AlignParams
from align.aligner.redecide import SimFn, Span, detach_strays, free_translation


def redecide_nulls(
    spans: list[Span],
    sim: SimFn,
    params: AlignParams,
    src_weak: np.ndarray | None = None,
    tgt_weak: np.ndarray | None = None,
) -> list[Span]:
    """The extra passes, in order; each is off at its field's neutral value."""
    spans = dissolve_unrelated_merges(spans, sim, params.dissolve_gap)
    for _ in range(max(params.detach_rounds - 1, 0)):
        out = detach_strays(spans, sim, params.detach_rise, src_weak, tgt_weak)
        if out == spans:
            break
        spans = out
    return spans


def close_text_null_gains(
    spans: list[Span],
    sim: SimFn,
    params: AlignParams,
    src_lens: np.ndarray,
    tgt_lens: np.ndarray,
    ratio: float,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Unpaired gains for a second search on a close translation, or None to keep the first:
    an (n + 1, 1) array by source row (``src_lens[i]``: length of sentence i - 1) and an
    (m,) array by target sentence, as ``search.banded_dp`` takes them.

    One global gain (``null_gain``) lets any pair beat two unpaired sentences, so on close
    text the search pairs a dropped sentence with an inserted one beside it, or shifts a
    merge onto the wrong neighbour, and only the local passes undo some of it. Where the
    first search's beads look close (not ``free_translation``), a pair must instead come
    within ``null_gap`` of the document's median 1-1 pair, inside the search itself; except
    for sentences shorter than ``split_min_chars`` (target side scaled by the length ratio),
    whose vectors are too noisy for that: with them, python-docs' "Footnotes" / "각주" came
    out as a 1-2 bead and an unpaired heading."""
    if params.null_gap <= 0 or free_translation(spans, sim, params.free_merge_share, params.free_spread):
        return None
    ones = [sp for sp in spans if sp[1] - sp[0] == 1 and sp[3] - sp[2] == 1]
    if len(ones) < 5:
        return None
    gain = 0.5 * (float(np.median([sim(*sp) for sp in ones])) - params.null_gap)
    if gain <= params.null_gain:
        return None
    src = np.where(src_lens >= params.split_min_chars, gain, params.null_gain)[:, None]
    tgt = np.where(tgt_lens[1:] >= params.split_min_chars * ratio, gain, params.null_gain)
    return src.astype(np.float64), tgt.astype(np.float64)


def split_guard(
    spans: list[Span],
    sim: SimFn,
    params: AlignParams,
    long_enough: Callable[[Span], bool],
    length_mismatch: Callable[[Span], float],
) -> Callable[[Span], bool]:
    """Which 1-1 pairs ``split_unrelated_pairs`` may take apart: long enough to judge, and
    either ``split_gap_matched`` below the median pair or with lengths that disagree (by
    ``split_length_tolerance`` in absolute log ratio, after the document's ratio). A true but
    loose pair keeps the lengths of a translation; on the multi-seed dev sets every unrelated
    pair between .5 and .6 below the median was off by .36 or more, while seed 001's looser
    pair (sentence 4, .51 below, off by .02) was split or kept by one word's change."""
    if params.split_gap_matched <= params.split_gap:
        return long_enough
    ones = [sp for sp in spans if sp[1] - sp[0] == 1 and sp[3] - sp[2] == 1]
    if not ones:
        return long_enough
    cut = float(np.median([sim(*sp) for sp in ones])) - params.split_gap_matched

    def ok(span: Span) -> bool:
        if not long_enough(span):
            return False
        return sim(*span) < cut or length_mismatch(span) >= params.split_length_tolerance

    return ok


def dissolve_unrelated_merges(spans: list[Span], sim: SimFn, gap: float) -> list[Span]:
    """Take a merged bead apart into unpaired sentences when its similarity lies ``gap`` below
    the document's median 1-1 pair: ``split_unrelated_pairs`` for 2-1 and 1-2 beads (the
    search sometimes joins an inserted sentence and a dropped one's neighbour, all three
    without counterpart, into one bead)."""
    ones = [sp for sp in spans if sp[1] - sp[0] == 1 and sp[3] - sp[2] == 1]
    if gap <= 0 or len(ones) < 5:
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

"""Which windows of neighbouring sentences get embedded: settled stretches are skipped."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from align.aligner.windows import settled_sentences, window_ends

SPANS = [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 2), (3, 4, 2, 3), (4, 6, 3, 4), (6, 7, 4, 5)]
"""1-1, 1-1, 1-0, 1-1, 2-1, 1-1 over 7 source and 5 target sentences."""
SIMS = {(0, 1, 0, 1): 0.9, (1, 2, 1, 2): 0.8, (3, 4, 2, 3): 0.4, (6, 7, 4, 5): 0.7}


def _sim(i0: int, i1: int, j0: int, j1: int) -> float:
    return SIMS.get((i0, i1, j0, j1), 0.0)


def test_only_one_to_one_pairs_above_the_threshold_settle_their_sentences() -> None:
    src, tgt = settled_sentences(SPANS, _sim, 0.6, 7, 5)
    assert src.tolist() == [True, True, False, False, False, False, True]
    assert tgt.tolist() == [True, True, False, False, True]
    off_src, off_tgt = settled_sentences(SPANS, _sim, 0.0, 7, 5)
    assert not off_src.any() and not off_tgt.any()


def test_windows_of_settled_sentences_alone_are_skipped() -> None:
    settled = settled_sentences(SPANS, _sim, 0.6, 7, 5)
    src, tgt = window_ends(SPANS, 7, 5, (2, 3), settled)
    # source 0 and 1 are settled: the 2-window ending at 2 (sentences 0, 1) is skipped
    assert src[2].tolist() == [3, 4, 5, 6, 7]
    assert src[3].tolist() == [3, 4, 5, 6, 7]
    assert tgt[2].tolist() == [3, 4, 5]
    every_src, _ = window_ends(SPANS, 7, 5, (2, 3))
    assert every_src[2].tolist() == [2, 3, 4, 5, 6, 7]


@given(st.lists(st.booleans(), min_size=1, max_size=30), st.sampled_from([2, 3]))
def test_a_window_is_embedded_exactly_when_it_holds_an_unsettled_sentence(flags: list[bool], a: int) -> None:
    n = len(flags)
    settled = np.array(flags)
    ends, _ = window_ends([], n, 1, (a,), (settled, np.zeros(1, dtype=bool)))
    expected = [i for i in range(a, n + 1) if not settled[i - a : i].all()]
    assert ends.get(a, np.zeros(0, dtype=np.int64)).tolist() == expected

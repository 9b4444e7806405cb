"""Scoring follows Vecalign's score.py: checked on hand-made cases with known counts."""

from __future__ import annotations

import pytest

from align.evaluation import count_file, merge_by_units, score_beads, score_many
from align.model import Bead

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2, 3))]


def test_perfect_prediction_scores_one() -> None:
    s = score_beads(GOLD, GOLD)
    assert (s.strict_p, s.strict_r, s.lax_p, s.lax_r) == (1.0, 1.0, 1.0, 1.0)


def test_split_merge_is_strict_error_but_lax_hit() -> None:
    pred = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2, 3))]
    pc, rc = count_file(GOLD, pred)
    # precision: 5 predicted beads, 3 exact; (1)-(1) overlaps gold, (2)-() does not
    assert (pc.tp_strict, pc.fp_strict, pc.tp_lax, pc.fp_lax) == (3, 2, 4, 1)
    # recall: gold non-null beads (3) against predicted non-null beads
    assert (rc.tp_strict, rc.fp_strict, rc.tp_lax, rc.fp_lax) == (2, 1, 3, 0)
    s = score_beads(GOLD, [Bead(src, tgt) for src, tgt in pred])
    assert s.strict_p == pytest.approx(0.6)
    assert s.strict_r == pytest.approx(2 / 3)
    assert s.lax_r == 1.0


def test_micro_average_sums_counts_over_files() -> None:
    wrong = [((0,), (1,)), ((1,), (0,))]
    gold = [((0,), (0,)), ((1,), (1,))]
    s = score_many([(gold, gold), (gold, wrong), (gold, gold)])
    assert s.strict_p == pytest.approx(4 / 6)
    assert s.n_gold == 6


def test_merge_by_units_joins_beads_inside_one_verse() -> None:
    pred = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,))]
    units_src = ["v1", "v2", "v3"]
    units_tgt = ["v1", "v2", "v2", "v3"]
    assert merge_by_units(pred, units_src, units_tgt) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


def test_null_counts_of_one_file_and_summed() -> None:
    from align.evaluation import NullCounts, count_nulls

    gold = [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((), (2,))]
    # src 1 swallowed into a 2-1 bead, the pair src 2 / tgt 1 split apart (two false nulls),
    # tgt 2 left unpaired as it should be
    pred = [((0, 1), (0,)), ((2,), ()), ((), (1,)), ((), (2,))]
    counts = count_nulls(gold, pred, [("src", 1), ("tgt", 2)])
    assert counts == NullCounts(found=1, expected=2, predicted=3, false=2, paired=4)
    assert (counts.recall, counts.false_rate) == (0.5, 0.5)
    total = NullCounts()
    total += counts
    total += counts
    assert total == NullCounts(found=2, expected=4, predicted=6, false=4, paired=8)
    assert NullCounts().recall == 1.0 and NullCounts().false_rate == 0.0

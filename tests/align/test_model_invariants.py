"""Bead invariants: every sentence in exactly one bead, beads monotone (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.model import Bead, BeadError, Document, segments_from_lines, validate_beads

KINDS = [(1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1)]


@st.composite
def bead_lists(draw: st.DrawFn) -> tuple[list[Bead], int, int]:
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=40))
    beads, i, j = [], 0, 0
    for a, b in kinds:
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), draw(st.floats(0, 1))))
        i, j = i + a, j + b
    return beads, i, j


@given(bead_lists())
def test_well_formed_bead_lists_validate(case: tuple[list[Bead], int, int]) -> None:
    beads, n, m = case
    validate_beads(beads, n, m)


@given(bead_lists(), st.data())
def test_swapping_two_beads_breaks_monotonicity(
    case: tuple[list[Bead], int, int], data: st.DataObject
) -> None:
    beads, n, m = case
    movable = [k for k in range(len(beads) - 1) if beads[k].src and beads[k + 1].src]
    if not movable:
        return
    k = data.draw(st.sampled_from(movable))
    beads[k], beads[k + 1] = beads[k + 1], beads[k]
    with pytest.raises(BeadError):
        validate_beads(beads, n, m)


def test_line_col_counts_from_one() -> None:
    text, segs = segments_from_lines(["첫 줄.", "  second line."])
    doc = Document("en", text, segs)
    assert doc.line_col(segs[0].start) == (1, 1)
    assert doc.line_col(segs[1].start) == (2, 3)
    assert segs[1].text == "second line."

"""Realign from a position: reviewed beads are anchors, the stretches between them realigned."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.editing import Editor
from align.model import BeadStatus, validate_beads
from align.project import load_project
from align.realign import realign_from, unreviewed_stretch_start

SEED = Path(__file__).parents[1] / "golden" / "seed001.dari.json"


@pytest.mark.slow
def test_realign_repairs_unreviewed_beads_and_never_moves_reviewed_ones() -> None:
    from align.encoders import get_encoder

    bitext = load_project(SEED)
    for bead in bitext.beads:
        bead.status = BeadStatus.AUTO
    good = [(b.src, b.tgt) for b in bitext.beads]
    bitext.beads[6].status = BeadStatus.CONFIRMED  # an anchor in the middle (a 1-0 bead)
    editor = Editor(bitext)
    editor.unpair(2)  # spoil a bead before the anchor...
    for k in (2, 3):
        bitext.beads[k].status = BeadStatus.AUTO  # ...leaving it unreviewed
    editor.merge_next(9)  # and one after it
    bitext.beads[9].status = BeadStatus.AUTO
    anchor = bitext.beads[7]
    start = unreviewed_stretch_start(bitext.beads, 5)
    assert start == 0
    removed, added = realign_from(bitext, start, get_encoder("use"))
    assert removed == bitext.beads[start:]
    editor.replace("realign", start, removed, added)
    validate_beads(bitext.beads, len(bitext.source.segments), len(bitext.target.segments))
    assert anchor in bitext.beads
    pairs = [(b.src, b.tgt) for b in bitext.beads]
    assert ((2,), (2,)) in pairs  # the spoiled pair is found again
    assert pairs[:3] == good[:3]


def test_the_stretch_starts_after_the_last_reviewed_bead() -> None:
    bitext = load_project(SEED)
    statuses = [b.status for b in bitext.beads]
    k = max(n for n, s in enumerate(statuses) if s is not BeadStatus.AUTO)
    if k + 1 < len(bitext.beads):
        assert unreviewed_stretch_start(bitext.beads, len(bitext.beads) - 1) == k + 1
    assert unreviewed_stretch_start(bitext.beads, k) == k


def test_realign_uses_the_parameters_in_the_projects_signature() -> None:
    from align.aligner import AlignParams
    from align.realign import project_params

    bitext = load_project(SEED)  # a hand-made project: no aligner parameters in its signature
    assert project_params(bitext) == AlignParams()
    changed = AlignParams().with_values(null_gain=-0.6)
    bitext.signature["aligner"] = changed.to_dict()
    assert project_params(bitext) == changed
    bitext.signature["aligner"] = {"margin": 1.5}  # not reproducible: today's defaults
    assert project_params(bitext) == AlignParams()


@pytest.mark.slow
def test_a_realigned_stretch_follows_the_signatures_parameters() -> None:
    from align.aligner import AlignParams
    from align.encoders import get_encoder

    bitext = load_project(SEED)
    for bead in bitext.beads:
        bead.status = BeadStatus.AUTO
    # an unpaired gain no pair can beat: every sentence comes back unpaired
    bitext.signature["aligner"] = AlignParams().with_values(null_gain=1.0).to_dict()
    _, added = realign_from(bitext, 0, get_encoder("use"))
    assert added and all(not b.src or not b.tgt for b in added)

"""Repairing the aligner's obvious slips before checking: an unpaired source sentence right next
to an unpaired target sentence that translates it.

Aligners sometimes return ``[]:[0]`` and ``[0]:[]`` where ``[0]:[0]`` was meant. Reporting that
as one sentence missing and another added would be noise, and it would hide the pair from the
number and name checks. When the caller has an encoder (``CheckContext.similarity``), adjacent
unpaired runs whose sentence vectors agree are checked as one pair. Reviewed beads (confirmed
or edited in the review UI) are never touched, and the user's bitext is not modified.
"""

from __future__ import annotations

from dataclasses import replace

from align.checks.registry import CheckContext
from align.model import Bead, BeadStatus, Bitext

# Cosine similarity at which two unpaired neighbours are taken for translations of each other.
SLIP_SIMILARITY = 0.5


def _text(bitext: Bitext, side: str, ids: list[int]) -> str:
    doc = bitext.source if side == "src" else bitext.target
    return " ".join(doc.segments[i].text for i in ids)


def repair_slips(bitext: Bitext, ctx: CheckContext) -> Bitext:
    """A copy of ``bitext`` whose adjacent 1-0/0-1 runs that translate each other are paired."""
    if ctx.similarity is None:
        return bitext
    beads = bitext.beads
    out: list[Bead] = []
    k = 0
    changed = False
    while k < len(beads):
        end = k
        while end < len(beads) and beads[end].is_null and beads[end].status is BeadStatus.AUTO:
            end += 1
        run = beads[k:end]
        src = [i for b in run for i in b.src]
        tgt = [j for b in run for j in b.tgt]
        if len(run) >= 2 and src and tgt:
            score = ctx.similarity(_text(bitext, "src", src), _text(bitext, "tgt", tgt))
            if score >= SLIP_SIMILARITY:
                out.append(Bead(tuple(src), tuple(tgt), min(1.0, max(0.0, score))))
                changed = True
                k = end
                continue
        if end > k:
            out.extend(run)
            k = end
        else:
            out.append(beads[k])
            k += 1
    return replace(bitext, beads=out) if changed else bitext

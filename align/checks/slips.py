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
    out, moved = _lend_from_neighbours(bitext, out, ctx)
    return replace(bitext, beads=out) if changed or moved else bitext


def _pair(bitext: Bitext, src: tuple[int, ...], tgt: tuple[int, ...], ctx: CheckContext) -> float:
    assert ctx.similarity is not None
    return ctx.similarity(_text(bitext, "src", list(src)), _text(bitext, "tgt", list(tgt)))


def _lend_from_neighbours(bitext: Bitext, beads: list[Bead], ctx: CheckContext) -> tuple[list[Bead], bool]:
    """``[1, 2]:[1]`` then ``[]:[2]``: the aligner put source 2 with its neighbour and left its
    translation unpaired. Move the outer sentence of the neighbouring n-1 bead over when both
    resulting pairs read as translations."""
    out = list(beads)
    moved = False
    for k, bead in enumerate(out):
        if not bead.is_null or bead.status is not BeadStatus.AUTO:
            continue
        side_null = "tgt" if bead.tgt else "src"  # the side the unpaired sentences are on
        for nb_index, outer in ((k - 1, -1), (k + 1, 0)):
            if not 0 <= nb_index < len(out):
                continue
            nb = out[nb_index]
            if nb.is_null or nb.status is not BeadStatus.AUTO:
                continue
            lend = nb.src if side_null == "tgt" else nb.tgt
            keep = nb.tgt if side_null == "tgt" else nb.src
            if len(lend) < 2:
                continue
            lent = (lend[outer],)
            rest = lend[:-1] if outer == -1 else lend[1:]
            null_ids = bead.tgt if side_null == "tgt" else bead.src
            new_src, new_tgt = (lent, null_ids) if side_null == "tgt" else (null_ids, lent)
            nb_src, nb_tgt = (rest, keep) if side_null == "tgt" else (keep, rest)
            a = _pair(bitext, new_src, new_tgt, ctx)
            b = _pair(bitext, nb_src, nb_tgt, ctx)
            if a >= SLIP_SIMILARITY and b >= SLIP_SIMILARITY:
                out[k] = Bead(new_src, new_tgt, min(1.0, max(0.0, a)))
                out[nb_index] = Bead(nb_src, nb_tgt, min(1.0, max(0.0, b)))
                moved = True
                break
    return out, moved

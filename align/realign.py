"""Realigning part of a reviewed alignment: what a person confirmed or edited stays put.

memoQ's and InterText's "realign from here": the unreviewed beads from a position to the end
are handed back to the aligner, one stretch between reviewed beads at a time, so every
confirmed or edited bead is an anchor the aligner works between and never moves. The
result is one splice the editor applies (and can undo) like any edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from align.model import Bead, BeadStatus, Bitext
from align.progress import CancelCallback, ProgressCallback, report

if TYPE_CHECKING:
    from align.aligner import AlignParams
    from align.encoders import Encoder


def project_params(bitext: Bitext) -> AlignParams:
    """The aligner parameters that made the project (its signature), so that a realigned
    stretch is aligned as the rest was; today's defaults when it names none it can read (an
    imported project, or one from a dari whose parameters this one cannot reproduce)."""
    from align.aligner import AlignParams

    raw = bitext.signature.get("aligner")
    if isinstance(raw, dict):
        try:
            return AlignParams.from_dict(raw)
        except ValueError:
            pass
    return AlignParams()


def realign_from(
    bitext: Bitext,
    start: int,
    encoder: Encoder,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> tuple[list[Bead], list[Bead]]:
    """``(removed, added)`` for the beads from ``start`` on: each stretch of unreviewed
    (``auto``) beads realigned on its own sentences, reviewed beads kept as they are."""
    from align.aligner import align_segments

    params = project_params(bitext)
    beads = bitext.beads[start:]
    out: list[Bead] = []
    run: list[Bead] = []

    def flush() -> None:
        src = [i for b in run for i in b.src]
        tgt = [j for b in run for j in b.tgt]
        if len(run) < 2 or not src or not tgt:
            out.extend(run)
        else:
            new = align_segments(
                bitext.source.segments[src[0] : src[-1] + 1],
                bitext.target.segments[tgt[0] : tgt[-1] + 1],
                encoder,
                params=params,
                cancel=cancel,
            )
            out.extend(
                Bead(tuple(i + src[0] for i in b.src), tuple(j + tgt[0] for j in b.tgt), b.score) for b in new
            )
        run.clear()

    for n, bead in enumerate(beads):
        if bead.status is BeadStatus.AUTO:
            run.append(bead)
        else:
            flush()
            out.append(bead)
            report(progress, "realign", n, len(beads))
    flush()
    report(progress, "realign", len(beads), len(beads))
    return list(beads), out


def unreviewed_stretch_start(beads: Sequence[Bead], k: int) -> int:
    """The first bead of the unreviewed stretch holding bead ``k`` (``k`` itself when reviewed)."""
    while k > 0 and beads[k - 1].status is BeadStatus.AUTO:
        k -= 1
    return k

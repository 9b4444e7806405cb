"""The aligner: from sentence vectors (and lengths, paragraphs, anchors) to scored beads.

``align_vectors`` is pure numpy and deterministic (the steps are listed in ``core``'s
docstring, one module each); ``align_segments`` adds what needs the sentences themselves
(encoding, lengths, paragraph ids, anchors) and calls it. ``AlignParams`` holds every tuned
value, grouped by stage, and round-trips through project signatures.
"""

from align.aligner.core import align_sides, align_vectors
from align.aligner.params import BEAD_TYPES, AlignParams
from align.aligner.segments import align_segments
from align.aligner.side import Side

__all__ = ["BEAD_TYPES", "AlignParams", "Side", "align_segments", "align_sides", "align_vectors"]

"""The aligner: from sentence vectors (and lengths, paragraphs, anchors) to scored beads.

``align_vectors`` is pure numpy and deterministic; ``align_segments`` adds what needs the
sentences themselves (encoding, lengths, paragraph ids, anchors) and calls it.
"""

from align.aligner.core import align_vectors
from align.aligner.params import BEAD_TYPES, AlignParams
from align.aligner.segments import align_segments

__all__ = ["BEAD_TYPES", "AlignParams", "align_segments", "align_vectors"]

"""Repairing the aligner's slips before checking, by the aligner's own policy.

Aligners sometimes return ``[]:[0]`` and ``[0]:[]`` where ``[0]:[0]`` was meant, or
``[1, 2]:[1]`` then ``[]:[2]`` where source 2 belongs with target 2. Reporting that as one
sentence missing and another added would be noise, and it would hide the pair from the number
and name checks. Which such neighbours to pair is decided in one place,
``align.aligner.redecide.pair_stranded_nulls``, the pass the aligner itself runs after its
search; the checks call it on the bead list they are given (a project file reviewed by hand,
an imported TMX, an older dari's output), with the same thresholds (``split_gap``,
``split_min_chars``: the project's own when its signature records them).

The similarities come from the sentence vectors of the encoder that aligned the text
(``CheckContext.encoder``), read back from the vector cache where ``dari align`` left them: a
bead's vector is the normalised sum of its sentences' vectors, and cosines are put on the
aligner's reference scale the way its scorer does (this document's mean similarity of
unrelated sentences lands on ``reference_similarity``), so one gap means the same for every
encoder. Without an encoder nothing is repaired. Reviewed beads (confirmed or edited in the
review UI) are never touched, and the user's bitext is not modified.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from align.model import Bead, BeadStatus, Bitext

if TYPE_CHECKING:
    import numpy as np

    from align.checks.registry import CheckContext

Span = tuple[int, int, int, int]


def aligner_setting(bitext: Bitext, name: str) -> float:
    """A tuned value of the aligner: the one in the project's signature when it records it
    (the project is judged by the settings that made it), else today's default. Looked up
    by name at any depth, so grouping the parameter record by stage does not change it."""
    from align.aligner import AlignParams

    for source in (bitext.signature.get("aligner"), AlignParams().to_dict()):
        found = _find(source, name)
        if found is not None:
            return float(found)
    raise KeyError(f"the aligner has no setting {name!r}")


def _find(tree: Any, name: str) -> Any:
    if not isinstance(tree, dict):
        return None
    if isinstance(tree.get(name), int | float):
        return tree[name]
    for value in tree.values():
        found = _find(value, name)
        if found is not None:
            return found
    return None


def _spans(bitext: Bitext) -> list[Span] | None:
    """The beads as half-open ranges, or None when they are not contiguous and in order (a
    hand-edited bead list the stranded-null pass cannot read)."""
    spans: list[Span] = []
    i = j = 0
    for bead in bitext.beads:
        src, tgt = bead.src, bead.tgt
        if list(src) != list(range(i, i + len(src))) or list(tgt) != list(range(j, j + len(tgt))):
            return None
        spans.append((i, i + len(src), j, j + len(tgt)))
        i, j = i + len(src), j + len(tgt)
    return spans


class BeadSimilarity:
    """Bead similarities from sentence vectors, on the aligner's reference scale."""

    def __init__(self, src: np.ndarray, tgt: np.ndarray, reference: float = 0.0) -> None:
        import numpy as np

        self.src_cum = np.vstack([np.zeros((1, src.shape[1]), np.float64), np.cumsum(src, axis=0)])
        self.tgt_cum = np.vstack([np.zeros((1, tgt.shape[1]), np.float64), np.cumsum(tgt, axis=0)])
        # mean similarity of all pairs = product of the mean vectors: linear in the text
        unrelated = float(src.mean(axis=0) @ tgt.mean(axis=0)) if len(src) and len(tgt) else reference
        unrelated = min(unrelated, 0.95)
        self.scale = (1.0 - reference) / (1.0 - unrelated)
        self.shift = reference - self.scale * unrelated

    def cosine(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Plain cosine of the bead's two summed vectors."""
        import numpy as np

        u = self.src_cum[i1] - self.src_cum[i0]
        v = self.tgt_cum[j1] - self.tgt_cum[j0]
        norm = float(np.linalg.norm(u) * np.linalg.norm(v))
        return float(u @ v) / norm if norm > 0 else 0.0

    def __call__(self, i0: int, i1: int, j0: int, j1: int) -> float:
        return self.scale * self.cosine(i0, i1, j0, j1) + self.shift


def repair_alignment(bitext: Bitext, ctx: CheckContext) -> Bitext:
    """A copy of ``bitext`` whose stranded unpaired sentences are paired as the aligner would
    pair them (``pair_stranded_nulls``); ``bitext`` itself when nothing changes."""
    from align.aligner.redecide import pair_stranded_nulls

    spans = _spans(bitext)
    if spans is None or not any(b.is_null for b in bitext.beads):
        return bitext
    vectors = ctx.sentence_vectors(bitext)
    if vectors is None:
        return bitext
    sim = BeadSimilarity(*vectors, reference=aligner_setting(bitext, "reference_similarity"))
    known = {span: bead for span, bead in zip(spans, bitext.beads, strict=True)}
    reviewed_src: set[int] = set()
    reviewed_tgt: set[int] = set()
    for bead in bitext.beads:
        if bead.status is not BeadStatus.AUTO:
            reviewed_src.update(bead.src)
            reviewed_tgt.update(bead.tgt)

    def touches_reviewed(span: Span) -> bool:
        i0, i1, j0, j1 = span
        return any(i in reviewed_src for i in range(i0, i1)) or any(j in reviewed_tgt for j in range(j0, j1))

    def policy_sim(i0: int, i1: int, j0: int, j1: int) -> float:
        span = (i0, i1, j0, j1)
        if span not in known and touches_reviewed(span):
            return float("-inf")  # a new bead may not take a reviewed sentence
        return sim(*span)

    src_lens = [len(s.text) for s in bitext.source.segments]
    tgt_lens = [len(s.text) for s in bitext.target.segments]
    ratio = (sum(tgt_lens) / sum(src_lens)) if sum(src_lens) else 1.0
    min_chars = aligner_setting(bitext, "split_min_chars")

    def long_enough(span: Span) -> bool:
        _i0, i1, _j0, j1 = span
        if span not in known and touches_reviewed(span):
            return True  # judged (and refused) by its similarity
        return src_lens[i1 - 1] >= min_chars and tgt_lens[j1 - 1] >= min_chars * ratio

    repaired = pair_stranded_nulls(spans, policy_sim, aligner_setting(bitext, "split_gap"), long_enough)
    if repaired == spans:
        return bitext
    beads = []
    for span in repaired:
        old = known.get(span)
        if old is not None:
            beads.append(old)
            continue
        i0, i1, j0, j1 = span
        score = min(1.0, max(0.0, sim.cosine(*span)))
        beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), score))
    return replace(bitext, beads=beads)

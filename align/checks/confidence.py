"""``confidence``: pairs the aligner scored far below the document's other pairs.

Calibrated per document like ``length`` (median and MAD of the bead scores); info by default:
a low score is a hint, not proof of drift. When the sentence vectors are at hand, a pair whose
vectors still agree is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from align.checks.length import eligible_pairs, robust_z
from align.checks.registry import CheckContext
from align.checks.repairs import BeadSimilarity
from align.model import Bead, Bitext, Finding, Severity

SCORE_MAD_FLOOR = 0.05
"""Floor for the scores' MAD, so that a perfectly regular document does not make every small
wobble an outlier (score units)."""
SECOND_OPINION = 0.5
"""Cosine similarity at which a low-scored pair is still taken for a faithful translation."""


def check_confidence(bitext: Bitext, ctx: CheckContext) -> Iterator[Finding]:
    pairs = eligible_pairs(bitext, 1)
    if len(pairs) < 3:
        return
    scores = [bead.score for bead, _, _ in pairs]
    med, scale = robust_z(scores, SCORE_MAD_FLOOR)
    z_limit = ctx.config.threshold("confidence-z")
    ceiling = ctx.config.threshold("confidence-max-score")
    vectors: BeadSimilarity | None = None
    for bead, _, _ in pairs:
        z = (bead.score - med) / scale
        if z > -z_limit or bead.score > ceiling:
            continue
        if vectors is None and ctx.encoder is not None:
            both = ctx.sentence_vectors(bitext)
            vectors = BeadSimilarity(*both) if both is not None else None
        if vectors is not None and _contiguous(bead):
            # Second opinion from the sentence vectors: aligner scores dip at document edges
            # and on short titles even when the pair is a faithful translation.
            span = (bead.src[0], bead.src[-1] + 1, bead.tgt[0], bead.tgt[-1] + 1)
            if vectors.cosine(*span) >= SECOND_OPINION:
                continue
        yield Finding(
            check="confidence",
            severity=Severity.INFO,
            message=f"low alignment score {bead.score:.2f} (document median {med:.2f}): "
            "a loose or wrong translation, or a misalignment",
            src=bead.src,
            tgt=bead.tgt,
            data={"score": round(bead.score, 3), "z": round(z, 2), "key": "low-score"},
        )


def _contiguous(bead: Bead) -> bool:
    return list(bead.src) == list(range(bead.src[0], bead.src[-1] + 1)) and list(bead.tgt) == list(
        range(bead.tgt[0], bead.tgt[-1] + 1)
    )

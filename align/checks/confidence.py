"""``confidence``: pairs the aligner scored far below the document's other pairs.

Calibrated per document like ``length`` (median and MAD of the bead scores); info by default:
a low score is a hint, not proof of drift. When the sentence vectors are at hand, a pair whose
vectors still agree is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from align.checks.length import eligible_pairs, robust_z
from align.checks.registry import CheckContext
from align.model import Bitext, Finding, Severity

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
    for bead, _, _ in pairs:
        z = (bead.score - med) / scale
        if z > -z_limit or bead.score > ceiling:
            continue
        if ctx.similarity is not None:
            # Second opinion from the sentence vectors: aligner scores dip at document edges
            # and on short titles even when the pair is a faithful translation.
            src, tgt = bitext.bead_texts(bead)
            if ctx.similarity(" ".join(src), " ".join(tgt)) >= SECOND_OPINION:
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

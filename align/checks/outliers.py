"""``length`` and ``confidence``: pairs that are unusual *for this document*.

A fixed ratio would not do: Korean is shorter than English in characters, technical text
differs from news, and aligners differ in how they score. So each document calibrates
itself: the median and the median absolute deviation (MAD) of the log length ratio (and of
the bead scores) give a robust z-score per pair, and only pairs far out on *both* the
z-score and an absolute bound are reported, so a clean translation reports nothing.
Identical pairs (code) and very short pairs (titles) are left out of both the statistics and
the report. ``confidence`` is info by default: a low score is a hint, not proof of drift;
when an encoder is at hand, a pair whose sentence vectors still agree is not reported.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator

from align.checks.registry import CheckContext, register
from align.model import Bead, Bitext, Finding, Severity

# Floors for the MAD, so that a short or perfectly regular document does not make every
# small wobble an outlier. In log-ratio units (0.2 ≈ ±22 %) and score units.
LENGTH_MAD_FLOOR = 0.2
SCORE_MAD_FLOOR = 0.05
_MAD_TO_SIGMA = 1.4826
# Cosine similarity at which a low-scored pair is still taken for a faithful translation.
SECOND_OPINION = 0.5


def robust_z(values: list[float], floor: float) -> tuple[float, float]:
    """Median and scale (MAD × 1.4826, at least ``floor``) of ``values``."""
    med = statistics.median(values)
    mad = statistics.median(abs(v - med) for v in values)
    return med, max(mad * _MAD_TO_SIGMA, floor)


def _eligible(bitext: Bitext, min_chars: float) -> list[tuple[Bead, int, int]]:
    out = []
    for bead in bitext.beads:
        if bead.is_null:
            continue
        src, tgt = bitext.bead_texts(bead)
        s, t = " ".join(src), " ".join(tgt)
        if s == t or max(len(s), len(t)) < min_chars:
            continue
        out.append((bead, len(s), len(t)))
    return out


@register("length", Severity.WARNING, "pairs whose length ratio is an outlier for the document")
def check_length(bitext: Bitext, ctx: CheckContext) -> Iterator[Finding]:
    pairs = _eligible(bitext, ctx.config.threshold("length-min-chars"))
    if len(pairs) < 3:
        return
    ratios = [math.log((t + 5) / (s + 5)) for _, s, t in pairs]
    med, scale = robust_z(ratios, LENGTH_MAD_FLOOR)
    z_limit = ctx.config.threshold("length-z")
    factor = math.log(ctx.config.threshold("length-factor"))
    for (bead, s, t), r in zip(pairs, ratios, strict=True):
        z = (r - med) / scale
        if abs(z) < z_limit or abs(r - med) < factor:
            continue
        times = math.exp(abs(r - med))
        side = "target" if z > 0 else "source"
        yield Finding(
            check="length",
            severity=Severity.WARNING,
            message=f"the {side} is {times:.1f}× longer than this document's pairs usually are "
            f"({s} vs {t} characters): something added or left out?",
            src=bead.src,
            tgt=bead.tgt,
            data={"z": round(z, 2), "ratio": round(math.exp(r), 3), "key": side},
        )


@register("confidence", Severity.INFO, "pairs the aligner scored far below the document's other pairs")
def check_confidence(bitext: Bitext, ctx: CheckContext) -> Iterator[Finding]:
    pairs = _eligible(bitext, 1)
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

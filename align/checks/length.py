"""``length``: pairs whose length ratio is unusual *for this document*.

A fixed ratio would not do: Korean is shorter than English in characters, technical text
differs from news, and aligners differ in how they score. So each document calibrates
itself: the median and the median absolute deviation (MAD) of the log length ratio (and of
the bead scores) give a robust z-score per pair, and only pairs far out on *both* the
z-score and an absolute bound are reported, so a clean translation reports nothing.
Identical pairs (code) and very short pairs (titles) are left out of both the statistics and
the report (``confidence`` calibrates its scores the same way).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator

from align.checks.registry import CheckContext
from align.model import Bead, Bitext, Finding, Severity

LENGTH_MAD_FLOOR = 0.2
"""Floor for the MAD, so that a short or perfectly regular document does not make every small
wobble an outlier. In log-ratio units (0.2 ≈ ±22 %)."""
_MAD_TO_SIGMA = 1.4826


def robust_z(values: list[float], floor: float) -> tuple[float, float]:
    """Median and scale (MAD × 1.4826, at least ``floor``) of ``values``."""
    med = statistics.median(values)
    mad = statistics.median(abs(v - med) for v in values)
    return med, max(mad * _MAD_TO_SIGMA, floor)


def eligible_pairs(bitext: Bitext, min_chars: float) -> list[tuple[Bead, int, int]]:
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


def check_length(bitext: Bitext, ctx: CheckContext) -> Iterator[Finding]:
    pairs = eligible_pairs(bitext, ctx.config.threshold("length-min-chars"))
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

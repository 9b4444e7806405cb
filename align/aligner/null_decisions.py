"""Second look at unpaired-sentence decisions on closely translated text (issue 13).

The passes in ``redecide`` take one decision per bead. On held-out synthetic sets
(``bench/flores_multiseed.py``) the misses they left were mostly beads with two strays (a 3-1
whose first and last sentences have no counterpart: one detach leaves a 2-1 holding the
other). The passes here run after them, only where ``free_translation`` is false, and see
the same similarities the search used (``sim``).
"""

from __future__ import annotations

from align.aligner.params import AlignParams
from align.aligner.redecide import SimFn, Span, detach_strays

import numpy as np


def redecide_nulls(
    spans: list[Span],
    sim: SimFn,
    params: AlignParams,
    src_weak: np.ndarray | None = None,
    tgt_weak: np.ndarray | None = None,
) -> list[Span]:
    """The extra passes, in order; each is off at its field's neutral value."""
    for _ in range(max(params.detach_rounds - 1, 0)):
        out = detach_strays(spans, sim, params.detach_rise, src_weak, tgt_weak)
        if out == spans:
            break
        spans = out
    return spans

"""Sentence-encoder similarity of two terms, made comparable across encoders.

Raw cosines mean different things per encoder (USE puts unrelated words near .1, e5 near .8),
so each run rescales them by its own distribution: the median over all candidate pairs (almost
all unrelated) maps to 0 and a high quantile to 1. The encoder then only says "closer than
usual", which is what the pairing needs; no encoder-specific constant is tuned.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

MAX_TERMS = 3000
"""Terms encoded per side at most: similarity is evidence for the strongest candidates; the
long tail of a corpus is paired by co-occurrence alone (encoding all of it would dominate the
run time)."""


def term_similarities(
    encoder: Any, src_terms: Sequence[str], tgt_terms: Sequence[str], pairs: Sequence[tuple[int, int]]
) -> np.ndarray:
    """Cosine of each (source index, target index) pair."""
    if not pairs:
        return np.zeros(0, dtype=np.float32)
    a = np.asarray(encoder.encode(list(src_terms)), dtype=np.float32)
    b = np.asarray(encoder.encode(list(tgt_terms)), dtype=np.float32)
    idx = np.asarray(pairs, dtype=np.int64)
    return np.einsum("ij,ij->i", a[idx[:, 0]], b[idx[:, 1]]).astype(np.float32)


def rescale(sims: np.ndarray, low_q: float = 0.5, high_q: float = 0.995) -> np.ndarray:
    """Map the run's median to 0 and its ``high_q`` quantile to 1, clipped to [0, 1]."""
    if sims.size < 20:
        lo, hi = 0.2, 0.8  # too few pairs to learn from: a neutral span
    else:
        lo, hi = float(np.quantile(sims, low_q)), float(np.quantile(sims, high_q))
    if hi - lo < 1e-6:
        return np.zeros_like(sims)
    return np.clip((sims - lo) / (hi - lo), 0.0, 1.0)

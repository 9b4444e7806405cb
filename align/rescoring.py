"""Scores of beads a person edited, from sentence vectors computed once per session.

After a merge, split, shift or re-pairing the aligner's confidence no longer describes the
bead. Re-running the aligner per key is out of the question, and so is re-encoding: every
sentence is encoded once (in a worker, when the review opens) and an edited bead's score
is the cosine similarity of its two sides' summed vectors, placed against the document's
typical 1-1 similarity, so that "as good as a normal pair" reads ~.9 and an unrelated pair
reads near 0 whatever the encoder's similarity range. Only an edited sentence's new text
is encoded (one sentence).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from align.model import Bitext
from align.progress import CancelCallback, ProgressCallback

EncodeFunction = Callable[[Sequence[str]], np.ndarray]

TYPICAL_LEVEL = 2.2
"""Logit of a bead exactly as similar as the document's median 1-1 bead (~.90)."""
SLOPE = 12.0
"""Logit per unit of similarity: .1 below typical reads ~.73, .25 below ~.31."""


class VectorScorer:
    """``scorer(src_ids, tgt_ids) -> score``: what ``align.editing.Editor`` calls."""

    def __init__(self, bitext: Bitext, encode: EncodeFunction, src: np.ndarray, tgt: np.ndarray) -> None:
        self.bitext = bitext
        self.encode = encode
        self._vectors = {"src": src, "tgt": tgt}
        self._texts = {
            "src": [s.text for s in bitext.source.segments],
            "tgt": [s.text for s in bitext.target.segments],
        }
        self._index = {side: {t: i for i, t in enumerate(texts)} for side, texts in self._texts.items()}
        self._extra: dict[str, np.ndarray] = {}
        sims = [self.similarity(b.src, b.tgt) for b in bitext.beads if len(b.src) == 1 and len(b.tgt) == 1]
        self.typical = float(np.median(sims)) if sims else 0.5

    @staticmethod
    def load(
        bitext: Bitext,
        encoder: object,
        progress: ProgressCallback | None = None,
        cancel: CancelCallback | None = None,
    ) -> VectorScorer:
        """Encode every sentence of both sides once (slow: run it in a worker)."""
        enc = encoder

        def encode(texts: Sequence[str]) -> np.ndarray:
            return np.asarray(enc.encode(list(texts)), dtype=np.float32)  # type: ignore[attr-defined]

        src_texts = [s.text for s in bitext.source.segments]
        tgt_texts = [s.text for s in bitext.target.segments]
        src = np.asarray(
            enc.encode(src_texts, progress=progress, cancel=cancel),  # type: ignore[attr-defined]
            dtype=np.float32,
        )
        tgt = np.asarray(
            enc.encode(tgt_texts, progress=progress, cancel=cancel),  # type: ignore[attr-defined]
            dtype=np.float32,
        )
        return VectorScorer(bitext, encode, src, tgt)

    def _row(self, side: str, i: int) -> np.ndarray:
        doc = self.bitext.source if side == "src" else self.bitext.target
        text = doc.segments[i].text
        texts = self._texts[side]
        if i < len(texts) and texts[i] == text:
            return self._vectors[side][i]
        known = self._index[side].get(text)  # renumbered by a sentence split or join
        if known is not None:
            return self._vectors[side][known]
        row = self._extra.get(text)
        if row is None:  # an edited (or split/joined) sentence: encode just this text
            row = np.asarray(self.encode([text]), dtype=np.float32)[0]
            self._extra[text] = row
        return row

    def similarity(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        if not src or not tgt:
            return 0.0
        u = np.sum([self._row("src", i) for i in src], axis=0)
        v = np.sum([self._row("tgt", j) for j in tgt], axis=0)
        nu, nv = float(np.linalg.norm(u)), float(np.linalg.norm(v))
        if nu == 0.0 or nv == 0.0:
            return 0.0
        return float(u @ v) / (nu * nv)

    def __call__(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        if not src or not tgt:
            return 0.0
        z = TYPICAL_LEVEL + SLOPE * (self.similarity(src, tgt) - self.typical)
        return round(1.0 / (1.0 + math.exp(-z)), 4)

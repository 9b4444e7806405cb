"""Scores of beads a person edited, from sentence vectors encoded once per session.

After a merge, split, shift or re-pairing the aligner's confidence no longer describes the
bead. Re-running the aligner per key is out of the question, and so is encoding on a key
(a USE call costs 5-150 ms): a worker encodes the sentences once, those around the cursor
first, and an edited bead's score is the cosine similarity of its two sides' summed vectors,
placed against the document's typical 1-1 similarity, so that "as good as a normal pair"
reads ~.9 and an unrelated pair reads near 0 whatever the encoder's similarity range. A bead
whose sentences are not encoded yet keeps a provisional score (``NotReady``).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from align.errors import DariError
from align.model import Bead, Bitext
from align.progress import CancelCallback, check_cancel

EncodeFunction = Callable[[Sequence[str]], np.ndarray]

TYPICAL_LEVEL = 2.2
"""Logit of a bead exactly as similar as the document's median 1-1 bead (~.90)."""
SLOPE = 12.0
"""Logit per unit of similarity: .1 below typical reads ~.73, .25 below ~.31."""
SAMPLE = 400
"""1-1 beads whose median similarity sets the typical level."""


class NotReady(DariError):
    """The bead's sentences are not encoded yet."""


class VectorScorer:
    """``scorer(src_ids, tgt_ids) -> score``: what ``align.editing.Editor`` calls.

    Vectors are keyed by text, so sentence numbers that move (a split or joined sentence)
    and repeated sentences need no new encoding; only an edited sentence's new text does.
    """

    def __init__(self, bitext: Bitext, encode: EncodeFunction) -> None:
        self.bitext = bitext
        self.encode = encode
        self._rows: dict[str, dict[str, np.ndarray]] = {"src": {}, "tgt": {}}
        self._lock = threading.Lock()
        self.typical: float | None = None

    def _texts(self, side: str, ids: Iterable[int]) -> list[str]:
        segments = (self.bitext.source if side == "src" else self.bitext.target).segments
        return [segments[i].text for i in ids]

    def missing(self, side: str, texts: Iterable[str]) -> list[str]:
        rows = self._rows[side]
        return list(dict.fromkeys(t for t in texts if t not in rows))

    def add(self, side: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        with self._lock:
            rows = self._rows[side]
            for text, row in zip(texts, np.asarray(vectors, dtype=np.float32), strict=True):
                rows[text] = row

    def encode_beads(
        self, order: Sequence[int], cancel: CancelCallback | None = None, chunk: int = 128
    ) -> None:
        """Encode the sentences of the beads at ``order`` (in that order), a chunk at a time;
        the typical similarity is fixed from the first ``SAMPLE`` 1-1 beads encoded."""
        beads = self.bitext.beads
        todo: dict[str, list[str]] = {"src": [], "tgt": []}
        sampled: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        for k in order:
            if k >= len(beads):
                continue
            bead = beads[k]
            if len(bead.src) == 1 and len(bead.tgt) == 1 and len(sampled) < SAMPLE:
                sampled.append((bead.src, bead.tgt))
            for side, ids in (("src", bead.src), ("tgt", bead.tgt)):
                todo[side].extend(self._texts(side, ids))
            if sum(len(v) for v in todo.values()) >= chunk:
                self._flush(todo, cancel)
                self._settle_typical(sampled)
        self._flush(todo, cancel)
        self._settle_typical(sampled, final=True)

    def encode_for(self, beads: Sequence[Bead], cancel: CancelCallback | None = None) -> None:
        """Encode whatever sentences of ``beads`` have no vector yet (edited texts, or beads
        edited before the background pass reached them)."""
        todo: dict[str, list[str]] = {"src": [], "tgt": []}
        for bead in beads:
            todo["src"].extend(self._texts("src", bead.src))
            todo["tgt"].extend(self._texts("tgt", bead.tgt))
        self._flush(todo, cancel)

    def _flush(self, todo: dict[str, list[str]], cancel: CancelCallback | None) -> None:
        for side in ("src", "tgt"):
            texts = self.missing(side, todo[side])
            todo[side] = []
            if texts:
                check_cancel(cancel)
                self.add(side, texts, self.encode(texts))

    def _settle_typical(
        self, sampled: list[tuple[tuple[int, ...], tuple[int, ...]]], final: bool = False
    ) -> None:
        if self.typical is not None or (len(sampled) < SAMPLE and not final):
            return
        sims = [self.similarity(s, t) for s, t in sampled]
        self.typical = float(np.median(sims)) if sims else 0.5

    def similarity(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        if not src or not tgt:
            return 0.0
        parts = []
        for side, ids in (("src", src), ("tgt", tgt)):
            rows = self._rows[side]
            texts = self._texts(side, ids)
            if any(t not in rows for t in texts):
                raise NotReady("sentences not encoded yet")
            parts.append(np.sum([rows[t] for t in texts], axis=0))
        u, v = parts
        nu, nv = float(np.linalg.norm(u)), float(np.linalg.norm(v))
        if nu == 0.0 or nv == 0.0:
            return 0.0
        return float(u @ v) / (nu * nv)

    def __call__(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        if not src or not tgt:
            return 0.0
        if self.typical is None:
            raise NotReady("typical similarity not known yet")
        z = TYPICAL_LEVEL + SLOPE * (self.similarity(src, tgt) - self.typical)
        return round(1.0 / (1.0 + math.exp(-z)), 4)


def around(cursor: int, n: int, radius: int = 200) -> list[int]:
    """Bead order for encoding: the cursor's neighbourhood first, then everything else."""
    lo, hi = max(0, cursor - radius), min(n, cursor + radius)
    return [*range(lo, hi), *range(hi, n), *range(lo)]

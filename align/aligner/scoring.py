"""What a candidate bead is worth: the features of both sides turned into gains.

gain = similarity x log2(1 + shorter / longer) + shape bias - paragraph crossings + weak
junctions inside, where the similarity is the cosine of the two merged vectors (anchor bags
appended), mapped onto the similarity scale the weights were tuned on. Leaving a sentence
unpaired has a fixed gain (``Scoring.null_gain``), the threshold a pair must beat.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from align.aligner.features import SideFeatures, side_features, tail_mean
from align.aligner.params import AlignParams, Scoring
from align.aligner.redecide import Span
from align.aligner.side import Side


def _mean_dot(u: np.ndarray | None, v: np.ndarray | None) -> float:
    return float(u @ v) if u is not None and v is not None else 0.0


def features(
    src: Side, tgt: Side, params: AlignParams, sizes: tuple[int, ...], lazy: bool = False
) -> tuple[SideFeatures, SideFeatures]:
    """Both sides' features for bead sizes ``sizes`` (``lazy``: merged rows computed on demand)."""
    weight = params.scoring.anchor_weight
    scale = float(np.sqrt(weight)) if weight > 0 else 0.0
    mix = params.concatenation.sum_mix
    fa = side_features(src, tgt.vectors.mean(axis=0), scale, sizes, mix, lazy)
    fb = side_features(tgt, src.vectors.mean(axis=0), scale, sizes, mix, lazy)
    return fa, fb


def unrelated_similarity(src: np.ndarray, tgt: np.ndarray) -> float | None:
    """Mean similarity of sentences that are not each other's translation, on texts small
    enough for the full similarity matrix: all pairs minus each sentence's best match on the
    shorter side. On a three-sentence text the plain mean over all pairs is one third
    translations (FLORES devtest 052: .50 where unrelated sentences score .37), and the
    stretched scale then favoured one 2-2 bead over two good 1-1 pairs."""
    n, m = len(src), len(tgt)
    if min(n, m) < 2:
        return None
    sims = src @ tgt.T
    best = sims.max(axis=1 if n <= m else 0)
    return float((sims.sum() - best.sum()) / (n * m - min(n, m)))


class Scorer:
    """Gains of candidate beads from the two sides' features."""

    def __init__(
        self,
        fa: SideFeatures,
        fb: SideFeatures,
        scoring: Scoring,
        ratio: float,
        unrelated: float | None = None,
    ) -> None:
        self.fa = fa
        self.fb = fb
        self.p = scoring
        self.ratio = ratio
        # Encoders differ in how similar unrelated sentences look (USE: ~0.07, e5: ~0.78).
        # Similarities are mapped affinely so that this document's mean similarity of unrelated
        # sentences (``unrelated``, else the mean similarity to the other side's mean vector)
        # lands on the reference level the weights were tuned at, and 1 stays 1.
        bg = fa.background[1:]
        mu = float(bg.mean()) if len(bg) else scoring.reference_similarity
        if unrelated is not None:
            mu = unrelated
        mu = min(mu, scoring.max_unrelated)
        self.scale = (1.0 - scoring.reference_similarity) / (1.0 - mu)
        self.shift = scoring.reference_similarity - self.scale * mu
        # A merged vector (a normalised sum) keeps the encoder's common direction and averages
        # the rest away, so it is more similar to everything than a single sentence: by the
        # product of the sides' mean vectors, +.02-.05 for USE and +.03-.07 for e5. The map
        # above would stretch that artefact with e5's narrow range (x4), making merges and
        # swallowed sentences cheap; it is kept at its unstretched size, the size the weights
        # were tuned with.
        means_a = {a: tail_mean(x, a) for a, x in fa.merged.items()}
        means_b = {b: tail_mean(x, b) for b, x in fb.merged.items()}
        base = _mean_dot(means_a.get(1), means_b.get(1))
        self.inflation = {
            (a, b): (self.scale - 1.0) * max(0.0, _mean_dot(ma, mb) - base)
            for a, ma in means_a.items()
            for b, mb in means_b.items()
        }

    def adjust(self, dots: np.ndarray | float, a: int = 1, b: int = 1) -> np.ndarray | float:
        """Similarity of an (a, b) bead on the reference scale."""
        return self.scale * dots + self.shift - self.inflation.get((a, b), 0.0)

    def bias(self, a: int, b: int) -> float:
        if (a, b) == (2, 2):
            return self.p.bias_2_2
        if max(a, b) == 4:
            return self.p.bias_1_4
        return 0.0

    def sim(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Similarity of beads (a, b) ending at (rows[r], cols[r, k]).

        One block product per chunk of rows covers the chunk's band; the band cells are then
        picked out of it."""
        u = self.fa.merged[a][rows]
        c0 = int(cols.min())
        c1 = int(cols.max()) + 1
        block = u @ self.fb.merged[b][c0:c1].T
        dots = np.take_along_axis(block, cols - c0, axis=1)
        return np.asarray(self.adjust(dots, a, b), dtype=np.float32)

    def gain(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        p = self.p
        g = self.sim(a, b, rows, cols)
        if p.length_product:
            # Bertalign: similarity times log2(1 + shorter / longer), 1 for equal lengths
            la = self.fa.lens[a][rows][:, None] * np.float32(self.ratio)
            lb = self.fb.lens[b][cols]
            factor = np.log2(1.0 + np.minimum(la, lb) / np.maximum(np.maximum(la, lb), 1e-6))
            g = g * (factor if p.length_product == 1 else factor ** np.float32(p.length_product))
        bias = self.bias(a, b)
        if bias:
            g = g + np.float32(bias)
        if p.paragraph_penalty:
            g -= np.float32(p.paragraph_penalty) * (self.fa.cross[a][rows][:, None] + self.fb.cross[b][cols])
        if p.junction_bonus:
            g += np.float32(p.junction_bonus) * (self.fa.joins[a][rows][:, None] + self.fb.joins[b][cols])
        return g.astype(np.float32, copy=False)

    def span_sim(self) -> Callable[[int, int, int, int], float]:
        """Similarity of one bead (up to four sentences a side), as the search saw it.

        Remembered per span: the re-decision passes each look at the document's 1-1 pairs again."""
        seen: dict[Span, float] = {}

        def sim(i0: int, i1: int, j0: int, j1: int) -> float:
            key = (i0, i1, j0, j1)
            if key not in seen:
                a, b = i1 - i0, j1 - j0
                dot = float(self.fa.merged[a][i1] @ self.fb.merged[b][j1])
                seen[key] = float(self.adjust(dot, a, b))
            return seen[key]

        return sim

    def long_enough(self, min_chars: float) -> Callable[[Span], bool]:
        """Whether both sentences of a 1-1 bead are long enough (target side scaled by the
        document's length ratio) for their similarity to be trusted on its own."""

        def ok(span: Span) -> bool:
            _i0, i1, _j0, j1 = span
            return bool(self.fa.lens[1][i1] >= min_chars and self.fb.lens[1][j1] >= min_chars * self.ratio)

        return ok

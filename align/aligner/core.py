"""``align_vectors``: sentence vectors and lengths in, monotone scored beads out.

The algorithm, one module per step:

1. *features* (``side``, ``features``, ``scoring``): per side, the vector of every run of up to
   three (four on short texts) neighbouring sentences, lengths, paragraph crossings, weak
   junctions and shared anchors; a bead's gain is its similarity (mapped onto the scale the
   weights were tuned on) times Bertalign's length factor, plus shape biases, anchors and
   junctions, minus paragraph crossings. Leaving a sentence unpaired has a fixed gain.
2. *search* (``search``): the best monotone sequence of beads (1-1, 1-0, 0-1, 2-1, 1-2, 3-1,
   1-3, 2-2; 2-3, 3-2, 3-3, 1-4, 4-1 on short texts) by dynamic programming, over the whole
   matrix for short texts and in a band found by a coarse pass for long ones.
3. *re-decisions* (``redecide``, ``null_decisions``): local second looks at unpaired sentences,
   which one global unpaired gain cannot get right on both close and free translations; on
   a close translation the search first runs again with the document's own unpaired gain.
4. *concatenations* (``windows``, short texts with an encoder): the windows of neighbouring
   sentences are embedded as text, and steps 1-3 run again with them.
5. *confidence* (``confidence``): a calibrated probability per bead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from align.aligner.confidence import scored_beads
from align.aligner.null_decisions import close_text_null_gains
from align.aligner.params import BEAD_TYPES, COMMON_TYPES, DEFAULT_PARAMS, AlignParams
from align.aligner.redecide import redecide
from align.aligner.scoring import Scorer, features, unrelated_similarity
from align.aligner.search import Band, long_text_band, search
from align.aligner.side import Side, make_sides
from align.aligner.windows import embed_windows, settled_sentences, window_ends
from align.model import Bead
from align.progress import CancelCallback, ProgressCallback, check_cancel

STORED_FEATURES_MAX_SENTENCES = 40_000
"""Above this many sentences (both sides) merged vectors are computed per band
(``WindowVectors``) instead of stored: stored, they cost ~15 KiB a sentence (300 MiB here,
1.5 GiB at 100k a side); below it, fetching rows one by one costs more than it saves (Bible
en-zh, 11k sentences: 0.8 s of 5 s). The values are the same to the bit, which a test checks
by moving this threshold."""


def align_vectors(
    src_vecs: np.ndarray,
    tgt_vecs: np.ndarray,
    src_lens: np.ndarray,
    tgt_lens: np.ndarray,
    *,
    src_paras: np.ndarray | None = None,
    tgt_paras: np.ndarray | None = None,
    src_anchors: Sequence[frozenset[str]] | None = None,
    tgt_anchors: Sequence[frozenset[str]] | None = None,
    concat_encoder: Callable[[list[str]], np.ndarray] | None = None,
    src_texts: Sequence[str] | None = None,
    tgt_texts: Sequence[str] | None = None,
    params: AlignParams = DEFAULT_PARAMS,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> list[Bead]:
    """Align two sequences of sentence vectors into monotone beads.

    Pure numpy and deterministic; never touches files or models. The optional per-side
    inputs (paragraph ids, anchors from ``anchors.document_anchors``, the texts) each add
    evidence; with ``concat_encoder`` and the texts, merged beads of short texts are scored
    through the embeddings of their real concatenations."""
    return align_vector_pair(
        [src_vecs, tgt_vecs], src_lens, tgt_lens, src_paras=src_paras, tgt_paras=tgt_paras,
        src_anchors=src_anchors, tgt_anchors=tgt_anchors, concat_encoder=concat_encoder,
        src_texts=src_texts, tgt_texts=tgt_texts, params=params, progress=progress, cancel=cancel,
    )  # fmt: skip


def align_vector_pair(
    vectors: list[np.ndarray],
    src_lens: np.ndarray,
    tgt_lens: np.ndarray,
    *,
    src_paras: np.ndarray | None = None,
    tgt_paras: np.ndarray | None = None,
    src_anchors: Sequence[frozenset[str]] | None = None,
    tgt_anchors: Sequence[frozenset[str]] | None = None,
    concat_encoder: Callable[[list[str]], np.ndarray] | None = None,
    src_texts: Sequence[str] | None = None,
    tgt_texts: Sequence[str] | None = None,
    params: AlignParams = DEFAULT_PARAMS,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    owned: bool = False,
) -> list[Bead]:
    """``align_vectors`` on ``vectors = [source, target]``, which it empties, so that each
    input array is freed as soon as its normalised copy exists (see ``side.make_sides``;
    ``owned``: the arrays are normalised in place instead)."""
    n, m = len(vectors[0]), len(vectors[1])
    if n == 0 or m == 0:
        vectors.clear()
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    src, tgt = make_sides(
        vectors, (src_lens, tgt_lens), (src_paras, tgt_paras), (src_anchors, tgt_anchors),
        (src_texts, tgt_texts), params.scoring, owned,
    )  # fmt: skip
    return align_sides(src, tgt, params, concat_encoder, progress, cancel)


def align_sides(
    src: Side,
    tgt: Side,
    params: AlignParams = DEFAULT_PARAMS,
    concat_encoder: Callable[[list[str]], np.ndarray] | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> list[Bead]:
    """The algorithm of the module docstring on two prepared sides."""
    n, m = len(src), len(tgt)
    full = n * m <= params.search.full_limit
    # the rarer shapes (2-3 ... 1-4) only pay off with real concatenations (short texts); long
    # texts keep the eight common shapes, which keeps the banded pass fast
    types = BEAD_TYPES if full else BEAD_TYPES[:COMMON_TYPES]
    sizes = tuple(range(1, max(max(t) for t in types) + 1))
    ratio = float(tgt.lengths.sum() / src.lengths.sum())
    unrelated = unrelated_similarity(src.vectors, tgt.vectors) if full else None
    lazy = not full and n + m > STORED_FEATURES_MAX_SENTENCES

    def score(src: Side, tgt: Side) -> Scorer:
        fa, fb = features(src, tgt, params, sizes, lazy)
        return Scorer(fa, fb, params.scoring, ratio, unrelated)

    def searched(scorer: Scorer, stage: str) -> tuple[list[tuple[int, int, int, int]], np.ndarray]:
        """The search, and on a close translation again with its own unpaired gains."""
        spans, g11 = search(scorer, types, band, progress, cancel, stage)
        null_gains = close_text_null_gains(spans, scorer, params.redecisions)
        if null_gains is not None:
            spans, _ = search(scorer, types, band, progress, cancel, stage, null_gains)
        return spans, g11

    scorer = score(src, tgt)
    band = Band.full(n, m) if full else long_text_band(scorer, src, tgt, params, progress, cancel)
    spans, g11 = searched(scorer, "align")
    spans = redecide(spans, scorer, params.redecisions)
    if (
        concat_encoder is not None
        and src.texts is not None
        and tgt.texts is not None
        and n + m <= params.concatenation.all_below
    ):
        settled = settled_sentences(spans, scorer.span_sim(), params.concatenation.settled_sim, n, m)
        src_ends, tgt_ends = window_ends(spans, n, m, sizes[1:], settled)
        check_cancel(cancel)
        src = src.with_windows(embed_windows(src_ends, src.texts, concat_encoder))
        tgt = tgt.with_windows(embed_windows(tgt_ends, tgt.texts, concat_encoder))
        scorer = score(src, tgt)
        spans, g11 = searched(scorer, "realign")
        spans = redecide(spans, scorer, params.redecisions)
    return scored_beads(spans, scorer, g11, band, params.confidence)

"""``align_segments``: the bridge from sentences to ``align_vectors``.

Computes what the vector aligner needs from the text itself: embeddings (through the encoder
it is given), character lengths, paragraph ids and anchors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from align.aligner.anchors import document_anchors
from align.aligner.core import align_vector_pair
from align.aligner.params import DEFAULT_PARAMS, AlignParams
from align.model import Bead, Segment
from align.progress import CancelCallback, ProgressCallback, check_cancel, report

if TYPE_CHECKING:
    from align.encoders import Encoder


def _paragraphs(segments: Sequence[Segment]) -> np.ndarray | None:
    """Paragraph ids, or None when they carry no information (one sentence per paragraph,
    as for pre-split input, or everything in one paragraph)."""
    paras = np.array([s.para for s in segments], dtype=np.int64)
    distinct = len(np.unique(paras))
    if distinct <= 1 or distinct == len(paras):
        return None
    return paras


def align_segments(
    src: Sequence[Segment],
    tgt: Sequence[Segment],
    encoder: Encoder,
    *,
    params: AlignParams = DEFAULT_PARAMS,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> list[Bead]:
    """Embed both sides with ``encoder`` and align them."""
    src_texts = [s.text for s in src]
    tgt_texts = [s.text for s in tgt]
    report(progress, "encode", 0, len(src_texts) + len(tgt_texts))
    check_cancel(cancel)
    src_vecs = encoder.encode(src_texts, cancel=cancel) if src_texts else np.zeros((0, 1), dtype=np.float32)
    report(progress, "encode", len(src_texts), len(src_texts) + len(tgt_texts))
    check_cancel(cancel)
    tgt_vecs = encoder.encode(tgt_texts, cancel=cancel) if tgt_texts else np.zeros((0, 1), dtype=np.float32)
    report(progress, "encode", len(src_texts) + len(tgt_texts), len(src_texts) + len(tgt_texts))
    vectors = [src_vecs, tgt_vecs]
    del src_vecs, tgt_vecs  # align_vector_pair frees each once normalised
    return align_vector_pair(
        vectors,
        np.array([len(t) for t in src_texts], dtype=np.float64),
        np.array([len(t) for t in tgt_texts], dtype=np.float64),
        src_paras=_paragraphs(src),
        tgt_paras=_paragraphs(tgt),
        src_anchors=document_anchors(src_texts),
        tgt_anchors=document_anchors(tgt_texts),
        concat_encoder=lambda texts: np.asarray(encoder.encode(texts, cancel=cancel), dtype=np.float32),
        src_texts=src_texts,
        tgt_texts=tgt_texts,
        params=params,
        progress=progress,
        cancel=cancel,
    )

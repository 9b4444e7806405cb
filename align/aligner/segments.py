"""``align_segments``: the bridge from sentences to ``align_vectors``.

Computes what the vector aligner needs from the text itself: embeddings (through the encoder
it is given), character lengths, paragraph ids and anchors.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
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


class _AnchorsMeanwhile:
    """Both sides' anchors, found on a helper thread while the encoder runs.

    Anchors are regular-expression work in Python and the encoder is numpy outside the GIL, so
    on two cores the two overlap (Bible en-zh: ~0.15 s of 4.6 s). Short texts (under
    ``THREAD_FROM`` sentences) find them inline: a thread would cost more than it hides. The
    helper looks at ``stop`` between chunks, so a cancelled or failed run does not leave it
    working through a long text."""

    THREAD_FROM = 2_000
    CHUNK = 2_048

    def __init__(self, src_texts: Sequence[str], tgt_texts: Sequence[str]) -> None:
        self._stop = threading.Event()
        self._sides = (src_texts, tgt_texts)
        self._future = None
        if len(src_texts) + len(tgt_texts) >= self.THREAD_FROM:
            helper = ThreadPoolExecutor(1, thread_name_prefix="dari-anchors")
            self._future = helper.submit(self._find)
            helper.shutdown(wait=False)

    def _find(self) -> list[list[frozenset[str]]] | None:
        found: list[list[frozenset[str]]] = []
        for texts in self._sides:
            side: list[frozenset[str]] = []
            for first in range(0, len(texts), self.CHUNK):
                if self._stop.is_set():
                    return None
                side.extend(document_anchors(texts[first : first + self.CHUNK]))
            found.append(side)
        return found

    def result(self) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
        found = self._future.result() if self._future is not None else self._find()
        assert found is not None, "anchors asked for after stop()"
        return found[0], found[1]

    def stop(self) -> None:
        self._stop.set()


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
    anchors = _AnchorsMeanwhile(src_texts, tgt_texts)
    try:
        src_vecs = (
            encoder.encode(src_texts, cancel=cancel) if src_texts else np.zeros((0, 1), dtype=np.float32)
        )
        report(progress, "encode", len(src_texts), len(src_texts) + len(tgt_texts))
        check_cancel(cancel)
        tgt_vecs = (
            encoder.encode(tgt_texts, cancel=cancel) if tgt_texts else np.zeros((0, 1), dtype=np.float32)
        )
    except BaseException:
        anchors.stop()
        raise
    report(progress, "encode", len(src_texts) + len(tgt_texts), len(src_texts) + len(tgt_texts))
    src_anchors, tgt_anchors = anchors.result()
    vectors = [src_vecs, tgt_vecs]
    del src_vecs, tgt_vecs  # align_vector_pair frees each once normalised
    return align_vector_pair(
        vectors,
        np.array([len(t) for t in src_texts], dtype=np.float64),
        np.array([len(t) for t in tgt_texts], dtype=np.float64),
        src_paras=_paragraphs(src),
        tgt_paras=_paragraphs(tgt),
        src_anchors=src_anchors,
        tgt_anchors=tgt_anchors,
        concat_encoder=lambda texts: np.asarray(encoder.encode(texts, cancel=cancel), dtype=np.float32),
        src_texts=src_texts,
        tgt_texts=tgt_texts,
        params=params,
        progress=progress,
        cancel=cancel,
        owned=getattr(encoder, "fresh_arrays", False),  # dari's encoders: arrays nobody else holds
    )

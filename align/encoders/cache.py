"""Remembering vectors of texts already encoded, and the path every backend's encode takes.

The aligner asks for the same sentences more than once (each sentence again inside the
concatenations it tries), documents repeat headings and boilerplate, and the TUI re-encodes
after an edit. An explicit ``EmbeddingCache`` object, owned by one encoder, turns those repeats
into dictionary look-ups; being an object, it can be sized, shared with a re-created encoder of
the same model, or cleared, instead of hiding in a global.

``encode_through_cache`` is the one route from texts to rows for every backend: each text is
first put in the form encoders see (``text_view``: tokeniser spacing undone), blank texts
become zero rows without reaching the model, duplicates inside one call are encoded once,
cached texts are not encoded at all (nor are texts an earlier run left in the cache's disk
store, ``vector_store``), and every row that leaves is L2-normalised float32.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from align.encoders.text_view import VIEW_VERSION, encoder_view
from align.errors import UsageError
from align.progress import CancelCallback, ProgressCallback, check_cancel, report

if TYPE_CHECKING:
    from align.encoders.vector_store import VectorStore

MAX_PIECE_CHARS = 2_000
"""Longest text an encoder sees in one piece: bounds its tokens (at most one per character)."""
LONG_TEXT_CUT = f"pieces of at most {MAX_PIECE_CHARS} characters cut at white space, length-weighted mean"
"""How texts longer than ``MAX_PIECE_CHARS`` become one vector; part of every signature."""

ComputeRows = Callable[[Sequence[str], ProgressCallback | None, CancelCallback | None], np.ndarray]
"""A backend's raw forward pass: non-blank unique texts -> float32 ``(n, dim)``."""


class EmbeddingCache:
    """A least-recently-used map from text to its vector, for one encoder's vectors.

    Thread-safe, because the TUI encodes from worker threads. The first encoder that uses the
    cache claims it with its signature key; another encoder is refused, since vectors of two
    models must never mix.
    """

    def __init__(self, max_entries: int = 50_000, store: VectorStore | None = None) -> None:
        if max_entries < 1:
            raise UsageError(f"cache size must be at least 1, got {max_entries}")
        self.max_entries = max_entries
        self.store = store
        """Rows kept on disk between runs (``vector_store``), consulted after this cache."""
        self._rows: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._owner: str | None = None
        self.hits = 0
        self.misses = 0

    def claim(self, owner: str) -> None:
        """Bind the cache to one encoder; a different encoder gets a ``UsageError``."""
        with self._lock:
            if self._owner is None:
                self._owner = owner
            elif self._owner != owner:
                raise UsageError(f"this embedding cache holds vectors of '{self._owner}', not of '{owner}'")

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def owner(self) -> str | None:
        """The encoder key that claimed the cache (None before an encoder did)."""
        return self._owner

    def from_store(self, texts: Sequence[str], dim: int) -> dict[str, np.ndarray]:
        """Rows of ``texts`` an earlier run left in the store (also kept in memory from now)."""
        if self.store is None or self._owner is None or not texts:
            return {}
        found = self.store.fetch(self._owner, texts, dim)
        for text, row in found.items():
            self.put(text, row)
        return found

    def to_store(self, rows: Iterable[tuple[str, np.ndarray]]) -> None:
        if self.store is not None and self._owner is not None:
            self.store.save(self._owner, rows)

    def get(self, text: str) -> np.ndarray | None:
        with self._lock:
            row = self._rows.get(text)
            if row is None:
                self.misses += 1
                return None
            self._rows.move_to_end(text)
            self.hits += 1
            return row

    def put(self, text: str, row: np.ndarray) -> None:
        with self._lock:
            self._rows[text] = row
            self._rows.move_to_end(text)
            while len(self._rows) > self.max_entries:
                self._rows.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()
            self.hits = 0
            self.misses = 0


def l2_normalise(rows: np.ndarray, *, in_place: bool = False) -> np.ndarray:
    """Rows scaled to unit length in float32; all-zero rows stay zero instead of becoming NaN.
    ``in_place``: overwrite ``rows`` when it is float32 already (one text-sized array less)."""
    rows = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    np.maximum(norms, np.float32(1e-12), out=norms)
    if in_place and rows.flags.writeable:
        return np.divide(rows, norms, out=rows)
    return rows / norms


def encode_through_cache(
    texts: Sequence[str],
    dim: int,
    compute: ComputeRows,
    cache: EmbeddingCache | None,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> np.ndarray:
    """Rows for ``texts`` (see the module docstring); ``compute`` sees each new text once."""
    if isinstance(texts, str):
        raise UsageError("encode takes a sequence of texts, not a single string")
    out = np.zeros((len(texts), dim), dtype=np.float32)
    todo: dict[str, list[int]] = {}
    for i, raw in enumerate(texts):
        text = encoder_view(raw)
        if not text:
            continue
        slots = todo.get(text)
        if slots is not None:
            slots.append(i)
            continue
        row = cache.get(text) if cache is not None else None
        if row is not None:
            out[i] = row
        else:
            todo[text] = [i]
    if cache is not None and todo:
        for text, row in cache.from_store(list(todo), dim).items():
            out[todo.pop(text)] = row
    check_cancel(cancel)
    if not todo:
        report(progress, "encode", len(texts), len(texts))
        return out
    unique = list(todo)
    rows = _compute_cut(unique, dim, compute, cache, progress, cancel)
    # every text new and distinct (a long text usually): ``rows`` is already in the texts'
    # order, and copying it into ``out`` would hold the text's vectors twice (200 MiB at
    # 100,000 sentences); ``out``'s pages were never touched, so dropping it costs nothing
    in_order = len(unique) == len(texts)
    for text, row in zip(unique, rows, strict=True):
        if not in_order:
            out[todo[text]] = row
        if cache is not None:
            cache.put(text, row.copy())
    if cache is not None:
        cache.to_store(zip(unique, rows, strict=True))
    return rows if in_order else out


def _compute_cut(
    texts: list[str],
    dim: int,
    compute: ComputeRows,
    cache: EmbeddingCache | None,
    progress: ProgressCallback | None,
    cancel: CancelCallback | None,
) -> np.ndarray:
    """Normalised rows of distinct texts; a text longer than ``MAX_PIECE_CHARS`` is encoded as
    its pieces (see ``long_text_pieces``), the row being their length-weighted mean."""
    if all(len(t) <= MAX_PIECE_CHARS for t in texts):
        return _checked(compute(texts, progress, cancel), len(texts), dim)
    out = np.empty((len(texts), dim), dtype=np.float32)
    owners: list[list[tuple[int, int]]] = []  # per piece: (text index, piece length)
    index: dict[str, int] = {}
    for i, text in enumerate(texts):
        for piece in long_text_pieces(text):
            slot = index.setdefault(piece, len(owners))
            if slot == len(owners):
                owners.append([])
            owners[slot].append((i, len(piece)))
    pieces = list(index)
    rows = np.zeros((len(pieces), dim), dtype=np.float32)
    missing = []
    for k, piece in enumerate(pieces):
        hit = cache.get(piece) if cache is not None and len(piece) < len(texts[owners[k][0][0]]) else None
        if hit is not None:
            rows[k] = hit
        else:
            missing.append(k)
    if missing:
        rows[missing] = _checked(compute([pieces[k] for k in missing], progress, cancel), len(missing), dim)
        if cache is not None:
            for k in missing:
                if len(pieces[k]) < len(texts[owners[k][0][0]]):
                    cache.put(pieces[k], rows[k].copy())
    sums = np.zeros((len(texts), dim), dtype=np.float32)
    for k, holders in enumerate(owners):
        for i, weight in holders:
            sums[i] += weight * rows[k]
    out[:] = l2_normalise(sums)
    return out


def _checked(rows: np.ndarray, n: int, dim: int) -> np.ndarray:
    if rows.shape != (n, dim):
        raise RuntimeError(f"encoder returned shape {rows.shape}, expected {(n, dim)}")
    return l2_normalise(rows, in_place=True)  # the backend's fresh array, nobody else's


def long_text_pieces(text: str, limit: int | None = None) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters, each cut at the last white
    space in the final quarter of the piece (a hard cut where there is none: CJK, URLs).

    Why: encoders cost memory (and some, time) per token of a sentence, and a file with no
    sentence punctuation is one sentence; cutting bounds both by the piece, keeps the whole
    text in the vector (unlike truncation) and stays deterministic, so a text that starts
    with another text's pieces shares their cached vectors.
    """
    limit = MAX_PIECE_CHARS if limit is None else limit
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = max(text.rfind(" ", end - limit // 4, end), text.rfind("\n", end - limit // 4, end))
        stop = cut if cut > start else end
        piece = text[start:stop].strip()
        if piece:
            pieces.append(piece)
        start = stop
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def file_sha256(path: Path) -> str:
    """sha256 of a model file, streamed: signatures name the exact weights that made the vectors."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class CachingEncoder:
    """What every backend shares: its signature, and ``encode`` routed through the cache.

    A backend sets ``dim``, ``cache`` and ``_signature`` and implements ``_compute``, its raw
    forward pass over non-blank unique texts.
    """

    dim: int
    cache: EmbeddingCache | None
    _signature: dict[str, Any]
    fresh_arrays = True
    """Each ``encode`` returns a new array nobody else holds (the cache keeps copies), so the
    aligner may normalise it in place instead of copying it (``side.make_sides``)."""

    def signature(self) -> dict[str, Any]:
        return {**self._signature, "text_view": VIEW_VERSION, "long_text_cut": LONG_TEXT_CUT}

    def encode(
        self,
        texts: Sequence[str],
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelCallback | None = None,
    ) -> np.ndarray:
        return encode_through_cache(
            texts, self.dim, self._compute, self.cache, progress=progress, cancel=cancel
        )

    def _compute(
        self, texts: Sequence[str], progress: ProgressCallback | None, cancel: CancelCallback | None
    ) -> np.ndarray:
        raise NotImplementedError

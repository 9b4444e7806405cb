"""Long texts compute merged vectors per band instead of storing them: same values, same beads."""

from __future__ import annotations

import numpy as np
import pytest

import align.aligner.core as core
from align.aligner import align_vectors
from align.aligner.features import side_features
from align.aligner.side import Side


def _pair(n: int, seed: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Correlated sides with insertions and 2-1 merges (like bench/align_speed.py's)."""
    rng = np.random.default_rng(seed)
    meaning = rng.normal(size=(n, 64)).astype(np.float32)
    src, tgt, sl, tl = [], [], [], []
    i = 0
    while i < n:
        r = rng.random()
        if r < 0.02:
            tgt.append(rng.normal(size=64).astype(np.float32))
            tl.append(90.0)
        if r > 0.96 and i + 1 < n:
            src += [meaning[i] + rng.normal(size=64) * 0.8, meaning[i + 1] + rng.normal(size=64) * 0.8]
            sl += [60.0, 70.0]
            tgt.append(meaning[i] + meaning[i + 1] + rng.normal(size=64) * 0.8)
            tl.append(140.0)
            i += 2
            continue
        src.append(meaning[i] + rng.normal(size=64) * 0.8)
        tgt.append(meaning[i] + rng.normal(size=64) * 0.8)
        sl.append(80.0)
        tl.append(85.0)
        i += 1
    s = np.array(src, dtype=np.float32)
    t = np.array(tgt, dtype=np.float32)
    s /= np.linalg.norm(s, axis=1, keepdims=True)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    return s, t, np.array(sl), np.array(tl)


def test_window_vectors_equal_the_stored_rows_to_the_bit() -> None:
    s, t, sl, _ = _pair(600)
    rng = np.random.default_rng(0)
    bags = rng.integers(0, 2, size=(len(s), 128)).astype(np.float32)
    exact = {2: (np.array([9, 5, 300]), rng.normal(size=(3, 64)).astype(np.float32))}
    side = Side(s, sl, anchor_bags=bags, windows=exact)
    stored = side_features(side, t.mean(axis=0), 0.7, (1, 2, 3), 0.3)
    lazy = side_features(side, t.mean(axis=0), 0.7, (1, 2, 3), 0.3, lazy=True)
    np.testing.assert_allclose(stored.background, lazy.background, rtol=0, atol=1e-6)
    everything = np.arange(len(s) + 1)
    for a in (1, 2, 3):
        assert np.array_equal(stored.merged[a][everything], lazy.merged[a][everything])
        assert np.array_equal(stored.merged[a][40:90], lazy.merged[a][40:90])
        assert np.array_equal(stored.merged[a][5], lazy.merged[a][5])
        lazy.merged[a].CHUNK = 97  # several chunks: the running total must carry over exactly
        assert np.array_equal(stored.merged[a][a:].mean(axis=0), lazy.merged[a].tail_mean())


def test_long_text_beads_are_the_same_with_and_without_stored_features(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s, t, sl, tl = _pair(1_400)
    assert len(s) * len(t) > core.DEFAULT_PARAMS.search.full_limit  # the banded (long-text) search
    monkeypatch.setattr(core, "STORED_FEATURES_MAX_SENTENCES", 10**9)
    stored = align_vectors(s, t, sl, tl)
    monkeypatch.setattr(core, "STORED_FEATURES_MAX_SENTENCES", 0)
    lazy = align_vectors(s, t, sl, tl)
    assert stored == lazy
    assert sum(b.kind == "2-1" for b in lazy) > 10

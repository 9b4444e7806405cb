"""Long texts hold each side's vectors once: the encoder hands its array over and the aligner
normalises it in place. Both shortcuts must give the values of the copying path to the bit,
and must never touch an array that someone else holds."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.aligner.params import DEFAULT_PARAMS
from align.aligner.side import make_sides
from align.encoders.cache import EmbeddingCache, encode_through_cache


def _vectors(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(n, 16)).astype(np.float32)


def _sides(src: np.ndarray, tgt: np.ndarray, owned: bool) -> tuple[np.ndarray, np.ndarray]:
    a, b = make_sides(
        [src, tgt],
        (np.full(len(src), 50.0), np.full(len(tgt), 50.0)),
        (None, None),
        (None, None),
        (None, None),
        DEFAULT_PARAMS.scoring,
        owned,
    )
    return a.vectors, b.vectors


def test_owned_vectors_are_normalised_in_place_to_the_bit() -> None:
    src, tgt = _vectors(40, 1) * 3, _vectors(35, 2)
    copied = _sides(src.copy(), tgt.copy(), owned=False)
    given_src, given_tgt = src.copy(), tgt.copy()
    in_place = _sides(given_src, given_tgt, owned=True)
    assert in_place[0] is given_src and in_place[1] is given_tgt  # no second array
    for x, y in zip(copied, in_place, strict=True):
        assert x.tobytes() == y.tobytes()


def test_vectors_not_owned_are_left_as_the_caller_gave_them() -> None:
    src, tgt = _vectors(20, 3) * 2, _vectors(20, 4) * 2
    before = src.tobytes(), tgt.tobytes()
    out = _sides(src, tgt, owned=False)
    assert (src.tobytes(), tgt.tobytes()) == before
    assert out[0] is not src
    # a read-only array is copied even when said to be owned
    frozen = _vectors(10, 5) * 2
    frozen.flags.writeable = False
    assert _sides(frozen, _vectors(10, 6), owned=True)[0] is not frozen


class _Counting:
    """A forward pass that returns rows derived from the text, and keeps what it returned."""

    def __init__(self) -> None:
        self.returned: list[np.ndarray] = []

    def __call__(self, texts: Sequence[str], progress: object, cancel: object) -> np.ndarray:
        rows = np.array([[len(t), sum(map(ord, t)) % 97, 1.0] for t in texts], dtype=np.float32)
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        self.returned.append(rows)
        return rows


def test_distinct_texts_get_the_forward_pass_array_itself() -> None:
    texts = [f"sentence number {i}" for i in range(50)]
    compute = _Counting()
    cache = EmbeddingCache()
    out = encode_through_cache(texts, 3, compute, cache)
    assert out is compute.returned[0]  # no copy into a second text-sized array
    # the cache holds copies: the caller may overwrite the array it was given
    kept = cache.get(texts[7])
    assert kept is not None
    out[7] = 0.0
    assert np.abs(kept).sum() > 0


def test_repeats_and_blanks_still_go_through_the_slots() -> None:
    texts = ["alpha beta", "", "gamma", "alpha beta", "delta", "gamma"]
    out = encode_through_cache(texts, 3, _Counting(), None)
    assert not out[1].any()
    assert out[0].tobytes() == out[3].tobytes() and out[2].tobytes() == out[5].tobytes()
    separately = encode_through_cache(["alpha beta", "gamma", "delta"], 3, _Counting(), None)
    assert out[[0, 2, 4]].tobytes() == separately.tobytes()

"""The passes that only find a band compute their gains a block of rows at a time
(``BandGainRows``); the search must see the table ``band_gains`` would have stored, to the bit,
whatever order the rows are asked in."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner.search import Band, BandGainRows, band_around_path, band_gains, banded_dp


def _gain_fn(n: int, m: int, seed: int):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    u = rng.normal(size=(n + 1, 24)).astype(np.float32)
    v = rng.normal(size=(m + 1, 24)).astype(np.float32)

    def gain(a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        # one block product per chunk, as the scorer does: the chunking is visible in the bits
        c0, c1 = int(cols.min()), int(cols.max()) + 1
        block = u[rows] @ v[c0:c1].T
        out: np.ndarray = np.take_along_axis(block, cols - c0, axis=1) * (a + 0.5 * b)
        return out

    return gain


def _band(n: int, m: int, seed: int) -> Band:
    rng = np.random.default_rng(seed)
    steps = rng.integers(0, 3, size=(n // 4, 2))
    path_s = np.minimum(np.cumsum(steps[:, 0]) * n / max(1, steps[:, 0].sum()), n)
    path_t = np.minimum(np.cumsum(steps[:, 1]) * m / max(1, steps[:, 1].sum()), m)
    return band_around_path(path_s, path_t, n, m, 1.0, 1.0, 6.0)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(5, 400),
    m=st.integers(5, 400),
    a=st.integers(1, 3),
    b=st.integers(1, 3),
    block=st.sampled_from([1, 2, 3]),
    seed=st.integers(0, 10_000),
    shuffled=st.booleans(),
)
def test_rows_computed_by_blocks_equal_the_stored_table(
    n: int, m: int, a: int, b: int, block: int, seed: int, shuffled: bool
) -> None:
    gain, band = _gain_fn(n, m, seed), _band(n, m, seed)
    table = band_gains(gain, a, b, band, n, m, chunk=8)
    lazy = BandGainRows(gain, a, b, band, m, chunk=8, rows=8 * block)
    order = np.random.default_rng(seed).permutation(n + 1) if shuffled else np.arange(n + 1)
    for i in order.tolist():
        assert lazy.row(i).tobytes() == table[i].tobytes(), i


def test_the_search_finds_the_same_path_without_keeping_the_gains() -> None:
    n, m = 300, 280
    gain, band = _gain_fn(n, m, 7), _band(n, m, 7)
    types = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)]
    kept = [band_gains(gain, a, b, band, n, m, chunk=8) if a and b else -0.3 for a, b in types]
    rows = [BandGainRows(gain, a, b, band, m, chunk=8, rows=16) if a and b else -0.3 for a, b in types]
    assert banded_dp(types, kept, band, n, m) == banded_dp(types, rows, band, n, m)

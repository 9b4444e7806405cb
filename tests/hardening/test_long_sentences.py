"""Long sentences stay linear: anchors, the encoder's pieces, and the splitter's line ends.

Speed itself is measured by bench/hardening.py; these tests pin the behaviour the linear
versions must keep (same anchors as the plain definition, pieces that cover the text, one
vector per text, the cut named in the signature).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner.anchors import sentence_anchors
from align.encoders.cache import (
    LONG_TEXT_CUT,
    MAX_PIECE_CHARS,
    CachingEncoder,
    EmbeddingCache,
    long_text_pieces,
)
from align.progress import CancelCallback, ProgressCallback
from align.segment import split_sentences


def _initial_by_definition(text: str, start: int) -> bool:
    """The rule as first written (quadratic on long sentences): the text before the token,
    stripped, is empty or one opening mark."""
    return start == 0 or text[:start].strip() in {"", '"', "\u201c", "\u00ab", "(", "-"}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(' "\u201c\u00ab(-\tAbcZq1.')), max_size=30))
def test_sentence_initial_rule_is_unchanged(text: str) -> None:
    from align.aligner.anchors import _LATIN, _initial_positions

    initial = _initial_positions(text)
    for m in _LATIN.finditer(text):
        assert (m.start() in initial) == _initial_by_definition(text, m.start()), (text, m.start())


def test_anchors_of_a_long_sentence_are_found() -> None:
    text = " ".join(["word"] * 200_000 + ["Zermatt", "2016", "BUTA"])
    assert sentence_anchors(text) >= {"zermatt", "#2016", "buta"}


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 가\n")), max_size=400), st.integers(8, 60))
def test_pieces_cover_the_text_within_the_limit(text: str, limit: int) -> None:
    if not text.strip():
        return  # blank texts never reach the encoder
    pieces = long_text_pieces(text, limit)
    assert all(0 < len(p) <= limit for p in pieces)
    assert "".join(pieces).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")
    assert long_text_pieces(text, limit) == pieces


class _CharEncoder(CachingEncoder):
    """A small real encoder (hashed character trigrams) that records what it was given."""

    name = "chars"
    dim = 64

    def __init__(self) -> None:
        self.cache = EmbeddingCache(1000)
        self._signature = {"backend": "chars"}
        self.seen: list[str] = []

    def _compute(
        self, texts: Sequence[str], progress: ProgressCallback | None, cancel: CancelCallback | None
    ) -> np.ndarray:
        self.seen.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for k in range(len(text) - 2):
                out[i, hash(text[k : k + 3]) % self.dim] += 1.0
        return out


def test_a_long_text_is_encoded_in_pieces_and_pooled() -> None:
    encoder = _CharEncoder()
    long = " ".join(f"word{i}" for i in range(3_000))  # about 26,000 characters
    rows = encoder.encode(["short one", long])
    assert max(len(t) for t in encoder.seen) <= MAX_PIECE_CHARS
    assert rows.shape == (2, 64)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    pieces = long_text_pieces(long)
    piece_rows = _CharEncoder().encode(pieces)
    pooled = (piece_rows * np.array([len(p) for p in pieces], dtype=np.float32)[:, None]).sum(axis=0)
    assert np.allclose(rows[1], pooled / np.linalg.norm(pooled), atol=1e-5)
    assert encoder.signature()["long_text_cut"] == LONG_TEXT_CUT


def test_a_text_extending_a_long_text_reuses_its_pieces() -> None:
    encoder = _CharEncoder()
    long = " ".join(f"word{i}" for i in range(1_000))
    encoder.encode([long])
    seen = len(encoder.seen)
    encoder.encode([long + " and a next sentence."])
    assert len(encoder.seen) - seen <= 2  # only the last piece(s) are new


def test_lower_case_lines_ending_in_a_period_are_sentences() -> None:
    text = "the cat sat.\nthe dog ran.\nit was fine.\n"
    assert [s.text for s in split_sentences(text, "en")] == ["the cat sat.", "the dog ran.", "it was fine."]


def test_wrapped_prose_and_abbreviations_still_join() -> None:
    text = "We met Dr.\nsmith at noon and left\nat three, etc.\nand so on.\n"
    assert len(split_sentences(text, "en")) == 1


def test_running_out_of_memory_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], seed_dir: Path
) -> None:
    """A limit of the machine, not a bug: exit 2 and what to do, never exit 70."""
    from align.cli import main
    from align.segment import splitter

    def exhausted(*_args: object, **_kwargs: object) -> list[int]:
        raise MemoryError

    monkeypatch.setattr(splitter, "rule_cuts", exhausted)
    assert main(["split", str(seed_dir / "en.txt")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("dari: error: out of memory")
    assert "smaller files" in lines[0]

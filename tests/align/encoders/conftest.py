"""Encoders loaded once per test session, a tiny transformers model built offline, sample text."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.encoders import Encoder, get_encoder
from align.segment import split_sentences

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "data" / "seed001"
CORPORA = REPO.parent / "shared" / "corpora"

# A few lines in each language, used when ../shared/corpora is not beside the checkout.
FALLBACK_LINES = [
    "Die ca. 600 m hohe Nordostwand des Kingspitz ist selten begangen.",
    "Wie mühsam ist das Aufstehen noch vor dem Morgengrauen!",
    "La face nord-est de la Kingspitz, haute d'environ 600 m.",
    "Qu'ils sont pénibles, ces levers avant l'aube.",
    "起初神创造天地。",
    "地是空虚混沌。渊面黑暗。",
    "神的灵运行在水面上。",
    "In the beginning God created the heaven and the earth.",
    # characters missing from the vocabulary, alone and in runs (sentencepiece merges runs)
    "이 나무가 곰팡이에 감염되어 있으며 곧 넘어질 위험이 있다.",
    "그는 싱가포르 부총리 웡칸셍의 환영을 받았다.",
    "Party time 🎉🎉 with emoji 😀 and ﬁ ligatures ①.",
]


def _corpus_lines(relative: str, count: int) -> list[str]:
    path = CORPORA / relative
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines[:count] if line.strip()]


@pytest.fixture(scope="session")
def multilingual_sentences() -> list[str]:
    """A few hundred en/ko/de/fr/zh sentences (seed 001 always; corpora when present)."""
    lines = [
        line.strip()
        for name in ("en.txt", "ko.txt")
        for line in (SEED / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    # the seed's sentences as well as its paragraphs, so the set is large enough without corpora
    lines += [seg.text for seg in split_sentences((SEED / "en.txt").read_text(encoding="utf-8"), "en")]
    lines += [seg.text for seg in split_sentences((SEED / "ko.txt").read_text(encoding="utf-8"), "ko")]
    lines += FALLBACK_LINES
    lines += _corpus_lines("bible-en-zh/en/001", 60)
    lines += _corpus_lines("bible-en-zh/zh/001", 60)
    lines += _corpus_lines("textberg-de-fr/de/001", 50)
    lines += _corpus_lines("textberg-de-fr/fr/001", 50)
    lines += _corpus_lines("flores200-en-ko/raw/kor_Hang.devtest", 50)
    return lines


@pytest.fixture(scope="session")
def use_encoder() -> Encoder:
    return get_encoder("use", cache=False)


@pytest.fixture(scope="session")
def e5_encoder() -> Encoder:
    return get_encoder("e5", cache=False)


@pytest.fixture(scope="session")
def tiny_hf_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer, 32-wide BERT and a character WordPiece tokenizer, saved to a temporary directory.

    Built from scratch with a fixed seed, so the hf loading code is exercised without any
    download; its vectors mean nothing, but they are deterministic.
    """
    import torch
    from transformers import BertConfig, BertModel, BertTokenizerFast

    directory = tmp_path_factory.mktemp("tiny-bert")
    text = "".join((SEED / name).read_text(encoding="utf-8") for name in ("en.txt", "ko.txt"))
    chars = sorted(set(text) - set(" \t\r\n"))
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars, *(f"##{c}" for c in chars)]
    vocab_file = directory / "vocab.txt"
    vocab_file.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(vocab_file), do_lower_case=False, strip_accents=False)
    tokenizer.save_pretrained(str(directory))
    torch.manual_seed(1234)
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    BertModel(config).save_pretrained(str(directory))
    return directory

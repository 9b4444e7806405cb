"""``split_bilingual``: block and interleaved layouts, boilerplate, names in the other script,
Latin-script pairs, and every seed in ../shared/seeds without a crash."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from align.errors import InputError
from align.segment import split_bilingual, split_sentences

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"

EN = [
    "The embassy organised a bicycle marathon in Seoul to remember the victims.",
    "Brochures in Korean were handed out to the residents of the city.",
    "A video clip was translated into Korean by members of the student association.",
]
KO = [
    "대사관은 희생자를 추모하기 위해 서울에서 자전거 행진을 열었다.",
    "한국어로 된 책자가 시민들에게 배포되었다.",
    "BUTA 학생 연맹의 회원들이 Heydar Aliyev 재단의 영상을 한국어로 번역했다.",
]


def side_texts(text: str) -> tuple[tuple[str, str], list[list[str]]]:
    split = split_bilingual(text)
    sides = [
        [s.text for s in split_sentences(text, lang, spans)]
        for lang, spans in zip(split.langs, split.spans, strict=True)
    ]
    return split.langs, sides


def test_block_layout_with_trailing_boilerplate() -> None:
    text = "\n\n".join([*EN, *KO, "Search in archive"]) + "\n"
    langs, (en, ko) = side_texts(text)
    assert langs == ("en", "ko")
    assert en == EN
    assert ko == [*KO, "Search in archive"]


def test_korean_first_block_layout() -> None:
    text = "\n\n".join([*KO, *EN])
    langs, (ko, en) = side_texts(text)
    assert langs == ("ko", "en")
    assert (ko, en) == (KO, EN)


def test_interleaved_paragraphs_go_to_their_script() -> None:
    paras = [p for pair in zip(EN, KO, strict=True) for p in pair]
    langs, (en, ko) = side_texts("\n\n".join(paras))
    assert langs == ("en", "ko")
    assert (en, ko) == (EN, KO)


def test_interleaved_lines_without_blank_lines() -> None:
    lines = [p for pair in zip(EN, KO, strict=True) for p in pair]
    _langs, (en, ko) = side_texts("\n".join(lines))
    assert (en, ko) == (EN, KO)


def test_short_headings_in_an_interleaved_file_follow_their_script() -> None:
    paras = ["Chapter 1", "제1장", EN[0], KO[0], "Chapter 2", "제2장", EN[1], KO[1]]
    _, (en, ko) = side_texts("\n\n".join(paras))
    assert en == ["Chapter 1", EN[0], "Chapter 2", EN[1]]
    assert ko == ["제1장", KO[0], "제2장", KO[1]]


def test_short_paragraph_inside_a_block_stays_in_the_block() -> None:
    text = "\n\n".join([EN[0], EN[1], "홍보 자료", EN[2], *KO])
    _, (en, ko) = side_texts(text)
    assert en == [EN[0], EN[1], "홍보 자료", EN[2]]
    assert ko == KO


def test_one_language_is_an_input_error() -> None:
    with pytest.raises(InputError, match="one language"):
        split_bilingual("\n\n".join(EN))
    with pytest.raises(InputError):
        split_bilingual("\n\n".join([*EN, "토토"]))  # a stray word is not a second language


def test_latin_script_pair_is_told_apart_by_function_words() -> None:
    en = [
        "The committee has approved the new budget for the year, and it will be published in the spring.",
        "It is the first time that the members of the council have agreed on this issue.",
    ]
    fr = [
        "Le comité a approuvé le nouveau budget pour l'année, et il sera publié au printemps.",
        "C'est la première fois que les membres du conseil sont d'accord sur cette question.",
    ]
    langs, (a, b) = side_texts("\n\n".join(en + fr))
    assert langs == ("en", "fr")
    assert (a, b) == (en, fr)


def test_spans_cover_every_letter_once(seed_bilingual: str) -> None:
    split = split_bilingual(seed_bilingual)
    spans = sorted(split.spans[0] + split.spans[1])
    for (_, e), (s, _) in itertools.pairwise(spans):
        assert e <= s
    covered = "".join(seed_bilingual[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(seed_bilingual.split())


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])
def test_every_seed_is_handled(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    if not any("가" <= ch <= "힣" for ch in text):
        with pytest.raises(InputError):  # an English-only page is not bilingual
            split_bilingual(text)
        return
    split = split_bilingual(text)
    assert split.langs == ("en", "ko")
    for lang, spans in zip(split.langs, split.spans, strict=True):
        for seg in split_sentences(text, lang, spans):
            assert text[seg.start : seg.end] == seg.text


def test_phrasebook_of_short_interleaved_lines() -> None:
    text = "Hello.\n안녕하세요.\nThank you.\n감사합니다.\nGood night.\n잘 자요.\n"
    langs, (en, ko) = side_texts(text)
    assert langs == ("en", "ko")
    assert en == ["Hello.", "Thank you.", "Good night."]
    assert ko == ["안녕하세요.", "감사합니다.", "잘 자요."]

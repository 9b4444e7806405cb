"""Korean splitting: the rule fast path, kiwipiepy for glued punctuation, and the fix-ups
(headings, glued tokens, quotes) on top of kiwi's own boundaries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from align.segment import split_sentences
from align.segment.korean import korean_block_cuts, needs_kiwi
from align.segment.paragraphs import line_blocks, paragraphs


@pytest.fixture(scope="module")
def flores_korean(corpora: Path) -> str:
    """FLORES-200 devtest Korean, five lines a paragraph (see the ``corpora`` fixture)."""
    path = corpora / "flores200-en-ko" / "raw" / "kor_Hang.devtest"
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n\n".join(" ".join(lines[i : i + 5]) for i in range(0, len(lines), 5))


def sents(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, "ko")]


def test_heading_without_period_stays_one_sentence() -> None:
    text = "호잘리를 위한 정의캠페인은 한국에서 지속적으로 진행되고 있다\n\n행사가 끝났다. 모두 돌아갔다."
    assert sents(text) == [
        "호잘리를 위한 정의캠페인은 한국에서 지속적으로 진행되고 있다",
        "행사가 끝났다.",
        "모두 돌아갔다.",
    ]


def test_glued_tokens_do_not_split() -> None:
    text = (
        "‘호잘리를 위한 정의’ 캠페인 기간 중2월 23-25일에는 BUTA 회원들이 책자를 배포했다. "
        "대사관내 공무원 및BUTA 연맹의 회원들이 참가했다."
    )
    assert sents(text) == [
        "‘호잘리를 위한 정의’ 캠페인 기간 중2월 23-25일에는 BUTA 회원들이 책자를 배포했다.",
        "대사관내 공무원 및BUTA 연맹의 회원들이 참가했다.",
    ]


def test_quotes_stay_with_their_sentence() -> None:
    text = '그는 "안녕하세요."라고 말했다. 그리고 떠났다. 그녀는 "내일 온다."며 웃었다.'
    assert sents(text) == [
        '그는 "안녕하세요."라고 말했다.',
        "그리고 떠났다.",
        '그녀는 "내일 온다."며 웃었다.',
    ]


def test_doubled_quotes_of_flores_stay_inside() -> None:
    text = '그는 ""현재 4개월 된 생쥐가 있다""고 덧붙였다. 연구는 초기 단계이다.'
    assert sents(text) == ['그는 ""현재 4개월 된 생쥐가 있다""고 덧붙였다.', "연구는 초기 단계이다."]


def test_glued_sentences_are_split_by_kiwi() -> None:
    text = "회의는 어제 끝났다.그러나 결론은 나오지 않았다."
    assert needs_kiwi(text, 0, len(text))
    assert sents(text) == ["회의는 어제 끝났다.", "그러나 결론은 나오지 않았다."]
    # Without kiwi the glued boundary is not seen: kiwi is what finds it.
    assert korean_block_cuts(text, [(0, len(text))], use_kiwi="never") == [[]]


def test_kiwi_breaks_without_punctuation_are_dropped() -> None:
    text = "여러 문장으로 구성된 텍스트네 이걸 분리해줘"
    assert korean_block_cuts(text, [(0, len(text))], use_kiwi="always") == [[]]
    assert sents(text) == [text]


def test_latin_abbreviations_and_decimals_inside_korean() -> None:
    text = "미국 U.S. 정부는 2.5% 성장했다고 밝혔다. Dr. Kim은 naver.com에서 반대했다!"
    assert sents(text) == ["미국 U.S. 정부는 2.5% 성장했다고 밝혔다.", "Dr. Kim은 naver.com에서 반대했다!"]


def test_sentence_end_before_a_lower_case_latin_word() -> None:
    text = "가수가 뒤를 이었습니다. chhappan bhog 바잔도 선보였습니다."
    assert sents(text) == ["가수가 뒤를 이었습니다.", "chhappan bhog 바잔도 선보였습니다."]


def test_single_syllable_before_period_is_not_an_initial() -> None:
    text = "씨엠립에서 12km 떨어진 곳. 이 사원은 오래되었다."
    assert sents(text) == ["씨엠립에서 12km 떨어진 곳.", "이 사원은 오래되었다."]


@pytest.mark.slow
def test_rule_fast_path_agrees_with_kiwi_on_flores(flores_korean: str) -> None:
    text = flores_korean
    blocks = [b for ps, pe in paragraphs(text, 0, len(text)) for b in line_blocks(text, ps, pe)]
    auto = korean_block_cuts(text, blocks, use_kiwi="auto")
    always = korean_block_cuts(text, blocks, use_kiwi="always")
    differ = sum(1 for a, b in zip(auto, always, strict=True) if a != b)
    assert differ <= 0.01 * len(blocks)
    assert sum(len(c) + 1 for c in auto) >= 1000


def test_english_text_does_not_load_kiwi() -> None:
    code = (
        "import sys\n"
        "from align.segment import split_sentences, split_bilingual\n"
        "split_sentences('One. Two. Three.', 'en')\n"
        "split_sentences('하나다. 둘이다.', 'ko')\n"
        "assert 'kiwipiepy' not in sys.modules, 'kiwi loaded for text that does not need it'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_periods_inside_latin_tokens_do_not_load_kiwi() -> None:
    # FLORES devtest 218: the only glued period of the text is in "e.g."; kiwi's answer there
    # is always refused, so asking it would only cost its load (about a second per process).
    text = "목적지에 대한 다른 서류(e.g. 비자)를 조달해야 한다. 여권은 naver.com 이나 U.S.A 에서."
    assert not needs_kiwi(text, 0, len(text))
    assert korean_block_cuts(text, [(0, len(text))]) == korean_block_cuts(
        text, [(0, len(text))], use_kiwi="always"
    )
    # A period after a Latin token glued to Hangul, or "!" inside one, is still kiwi's question.
    assert needs_kiwi("U.S.그러나", 0, 9)
    assert needs_kiwi("Yahoo!Japan 에서", 0, 14)

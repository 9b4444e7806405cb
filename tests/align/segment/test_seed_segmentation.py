"""Seed 001 (the customer's bilingual page): the exact sentences issue 3 asks for.

English: the title and 10 sentences ("E.&.P.", "21.87", "227.000" do not split). Korean: the
title without a period and 8 sentences ("중2월", "및BUTA" do not split), plus the trailing
"Search in archive" line, which stays on the Korean side as its own sentence.
"""

from __future__ import annotations

from pathlib import Path

from align.languages import detect_language
from align.segment import split_bilingual, split_sentences

ENGLISH = [
    "Action Plan is launched in the Republic of Korea within the frame of Justice for Khojaly Campaign.",
    "On February 20, 2016, \xa0with the initiative and \xa0support of the \xa0Embassy of the Republic of Azerbaijan bicycle marathon to commemorate 24th Anniversary of Khojaly Genocide took part outside the National Assembly of the Republic of Korea and leading mass media companies of the country in Yeouido area of Seoul city.",
    "Members of the Embassy, “BUTA” Azerbaijan-Korea Student Association, Korean and number of foreign students were involved in the action.",
    "The bicycle marathon aiming to inform the Korean society about the realities of Khojaly Genocide ended with the distribution of informative brochures in Korean language prepared by the Embassy.",
    "Also, video clip on Khojaly Genocide prepared by Heydar Aliyev Foundation and Azerbaijani countrymen living in Russia and, translated into Korean language by “BUTA” members has been posted on internet blogs and social networking websites of Korea.",
    "Starting from February 23, 2016, as an initiative of the Embassy of the Republic of Azerbaijan to the Republic of Korea banners commemorating the 24th Anniversary of Khojaly Genocide were spotted along the Itaewon Street of Yongsan district located in the central part of Seoul city with the purpose of introducing the mentioned tragedy to Korean society.",
    "Yongsan district with the territory of 21.87\xa0km2 and population of 227.000 is considered the most culturally diverse area in Seoul city and swamped with foreign tourists from all over the world.",
    "Yongsan is also the main district where diplomatic missions of foreign countries and international organizations accredited to the Republic of Korea are located.",
    "On February 23-25, 2016, informative brochures on Khojaly Genocide in Korean language prepared by the Embassy were distributed by members of “BUTA” Azerbaijan-Korea Student Association to Seoul city residents.",
    "Besides, articles telling about Khojaly Genocide were published in English and Korean-language newspapers to inform Korean society about the realities, as well as press-releases prepared by the Embassy were addressed to various State bodies, diplomatic missions accredited in the Republic of Korea and the other international organizations.",
    "An article about Khojaly Genocide of Ambassador E.&.P. Ramzi Teymurov was published in “The Korea Herald” - English-language newspaper of Korea.",
]

KOREAN = [
    "호잘리를 위한 정의캠페인은 한국에서 지속적으로 진행되고 있다",
    "호잘리 학살 24주년과 관련해 주한 아제르바이잔 대사관의 후원 겸 주관으로 2월 20일 서울 시내 국회의원과 유명 언론사들이 밀집해있는 여의도에서 자전거 행진이 진행 되었다.",
    "대사관내 공무원 및BUTA 아제르바이잔-한국 학생 연맹의 회원들, 또한 한국인과 외국인 학생들이 행사에 참가했다.",
    "자전거 행진 행사가 끝난 뒤 호잘리 학살관련 이미지가 프린트 된 티셔츠를 입은 참가자들은 주한 아제르바이잔 대사관이 발행한 책자들을 시민들에게 배포했다.",
    "호잘리 학살사건을 한국 시민들에게 널리 알리기 위해 “Buta” 아제르바이잔-한국 학생 연맹의 회원 및 Heydar Aliyev펀드, 러시아에 거주하는 아제르바이잔 시민들의 지원으로 제작된 호잘리 관련 홍보영상이 한글로 번역되어 한국의 인터넷포털 및 SNS에 올려졌다.",
    "주한 아제르바이잔 대사관의 주최로 서울 용산구 이태원로에 2월 23일부터 15일간 호잘리 학살에 대한 정보를 한국 시민들에게 전달하기 위한 ‘호잘리를 위한 정의’ 현수막이 설치되었다.",
    "‘호잘리를 위한 정의’ 캠페인 기간 중2월 23-25일에는 BUTA 아제르바이잔-한국 학생 연맹의 회원들이 주한 아제르바이잔 대사관에 의해 발행된 호잘리 학살 관련 책자들을 서울 시민들에게 배포했다.",
    "호잘리 학살에 대한 정보를 한국 시민들에게 널리 전달하고자 국문 및 영문 언론 매체 기사들을 수록했으며 주한 아제르바이잔 대사관에 의해 작성된 보도 자료들이 한국의 다양한 기관과 서울에서 활동하고 있는 각국 공사 및 국제 기구들로 발송되었다.",
    "또한 한국의 영자신문인 Korea Heald에 아제르바이잔Remzi Teymurov대사님의 호잘리 학살에 대한 기사가 실렸다.",
]

BOILERPLATE = "Search in archive"


def test_bilingual_seed_splits_into_english_then_korean(seed_bilingual: str) -> None:
    split = split_bilingual(seed_bilingual)
    assert split.langs == ("en", "ko")
    en = split_sentences(seed_bilingual, "en", split.spans[0])
    ko = split_sentences(seed_bilingual, "ko", split.spans[1])
    assert [s.text for s in en] == ENGLISH
    assert [s.text for s in ko] == [*KOREAN, BOILERPLATE]


def test_seed_paragraph_numbers_follow_blank_lines(seed_bilingual: str) -> None:
    split = split_bilingual(seed_bilingual)
    en = split_sentences(seed_bilingual, "en", split.spans[0])
    ko = split_sentences(seed_bilingual, "ko", split.spans[1])
    # title, 2 sentences (Feb 20), 1, 1, 1, 2 (Yongsan), 1, 1, 1
    assert [s.para for s in en] == [0, 1, 1, 2, 3, 4, 5, 5, 6, 7, 8]
    assert [s.para for s in ko] == [0, 1, 1, 2, 3, 4, 5, 6, 6, 7]


def test_monolingual_seed_files_give_the_same_sentences(seed_dir: Path) -> None:
    en_text = (seed_dir / "en.txt").read_text(encoding="utf-8")
    ko_text = (seed_dir / "ko.txt").read_text(encoding="utf-8")
    assert detect_language(en_text) == "en"
    assert detect_language(ko_text) == "ko"
    assert [s.text for s in split_sentences(en_text, "en")] == ENGLISH
    assert [s.text for s in split_sentences(ko_text, "ko")] == [*KOREAN, BOILERPLATE]


def test_seed_offsets_point_into_the_file(seed_bilingual: str) -> None:
    split = split_bilingual(seed_bilingual)
    for lang, spans in zip(split.langs, split.spans, strict=True):
        for seg in split_sentences(seed_bilingual, lang, spans):
            assert seed_bilingual[seg.start : seg.end] == seg.text

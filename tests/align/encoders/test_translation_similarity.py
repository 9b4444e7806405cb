"""For every real encoder: a sentence is closer to its translation than to other sentences.

The pairs come from seed 001 (data/seed001): the two titles and three sentence pairs that the
customer's Korean version translates. All of them are about the same event, so a mismatched
pair shares topic and names; only meaning separates them.
"""

from __future__ import annotations

import numpy as np
import pytest

from align.encoders import Encoder

PAIRS = [
    (
        "Action Plan is launched in the Republic of Korea within the frame of Justice for Khojaly Campaign.",
        "호잘리를 위한 정의캠페인은 한국에서 지속적으로 진행되고 있다",
    ),
    (
        "Also, video clip on Khojaly Genocide prepared by Heydar Aliyev Foundation and Azerbaijani "
        "countrymen living in Russia and, translated into Korean language by “BUTA” members has been "
        "posted on internet blogs and social networking websites of Korea.",
        "호잘리 학살사건을 한국 시민들에게 널리 알리기 위해 “Buta” 아제르바이잔-한국 학생 연맹의 회원 및 "
        "Heydar Aliyev펀드, 러시아에 거주하는 아제르바이잔 시민들의 지원으로 제작된 호잘리 관련 홍보영상이 "
        "한글로 번역되어 한국의 인터넷포털 및 SNS에 올려졌다.",
    ),
    (
        "Starting from February 23, 2016, as an initiative of the Embassy of the Republic of Azerbaijan to "
        "the Republic of Korea banners commemorating the 24th Anniversary of Khojaly Genocide were spotted "
        "along the Itaewon Street of Yongsan district located in the central part of Seoul city with the "
        "purpose of introducing the mentioned tragedy to Korean society.",
        "주한 아제르바이잔 대사관의 주최로 서울 용산구 이태원로에 2월 23일부터 15일간 호잘리 학살에 대한 "
        "정보를 한국 시민들에게 전달하기 위한 ‘호잘리를 위한 정의’ 현수막이 설치되었다.",
    ),
    (
        "An article about Khojaly Genocide of Ambassador E.&.P. Ramzi Teymurov was published in "
        "“The Korea Herald” - English-language newspaper of Korea.",
        "또한 한국의 영자신문인 Korea Heald에 아제르바이잔Remzi Teymurov대사님의 호잘리 학살에 대한 기사가 실렸다.",
    ),
]


@pytest.mark.parametrize("fixture_name", ["use_encoder", "e5_encoder"])
def test_translations_score_higher_than_mismatches(fixture_name: str, request: pytest.FixtureRequest) -> None:
    encoder: Encoder = request.getfixturevalue(fixture_name)
    english = encoder.encode([en for en, _ in PAIRS])
    korean = encoder.encode([ko for _, ko in PAIRS])
    similarity = english @ korean.T
    for i in range(len(PAIRS)):
        others = np.delete(np.concatenate([similarity[i], similarity[:, i]]), [i, len(PAIRS) + i])
        assert similarity[i, i] > others.max(), (fixture_name, i, similarity.round(3).tolist())

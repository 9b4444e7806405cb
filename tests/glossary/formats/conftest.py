"""A small fixed glossary of seed 001 (English → Korean), with the sentences of its text as
examples: the input of the golden files and of the round-trip tests."""

from __future__ import annotations

import pytest

from align.model import TermEntry, TermExample, TermKind, TermStatus

APPROVED, CANDIDATE, REJECTED = TermStatus.APPROVED, TermStatus.CANDIDATE, TermStatus.REJECTED
NAME, TERM = TermKind.NAME, TermKind.TERM

EN = [
    "Action Plan is launched in the Republic of Korea within the frame of Justice for Khojaly Campaign.",
    "Members of the Embassy, “BUTA” Azerbaijan-Korea Student Association, Korean and number of foreign "
    "students were involved in the action.",
    "The bicycle marathon aiming to inform the Korean society about the realities of Khojaly Genocide ended "
    "with the distribution of informative brochures in Korean language prepared by the Embassy.",
    "An article about Khojaly Genocide of Ambassador E.&.P. Ramzi Teymurov was published in “The Korea "
    "Herald” - English-language newspaper of Korea.",
]
KO = [
    "호잘리를 위한 정의캠페인은 한국에서 지속적으로 진행되고 있다",
    "대사관내 공무원 및BUTA 아제르바이잔-한국 학생 연맹의 회원들, 또한 한국인과 외국인 학생들이 행사에 참가했다.",
    "자전거 행진 행사가 끝난 뒤 호잘리 학살관련 이미지가 프린트 된 티셔츠를 입은 참가자들은 주한 아제르바이잔 "
    "대사관이 발행한 책자들을 시민들에게 배포했다.",
    "또한 한국의 영자신문인 Korea Heald에 아제르바이잔Remzi Teymurov대사님의 호잘리 학살에 대한 기사가 실렸다.",
]


def seed_glossary() -> list[TermEntry]:
    return [
        TermEntry("Khojaly", "호잘리", 9, APPROVED, "", NAME, 0.9731, [TermExample(0, EN[0], KO[0])]),
        TermEntry("Embassy", "대사관", 7, APPROVED, "", TERM, 0.9412, [TermExample(2, EN[1], KO[1])]),
        TermEntry(
            "Embassy of the Republic of Azerbaijan",
            "주한 아제르바이잔 대사관|아제르바이잔 대사관",
            2,
            APPROVED,
            "",
            NAME,
            0.8833,
            [TermExample(3, EN[2], KO[2])],
        ),
        TermEntry(
            "brochures",
            "책자",
            2,
            CANDIDATE,
            "",
            TERM,
            0.612,
            [TermExample(3, EN[2], KO[2]), TermExample(8, EN[2], KO[2], "seed001")],
        ),
        TermEntry(
            "Korea Herald",
            "Korea Heald",
            1,
            REJECTED,
            "the Korean version misspells the paper's name",
            NAME,
            0.5,
            [TermExample(10, EN[3], KO[3])],
        ),
        TermEntry("Yeouido", "여의도", 1, APPROVED, "", NAME, 0.9, []),
    ]


@pytest.fixture
def glossary() -> list[TermEntry]:
    return seed_glossary()

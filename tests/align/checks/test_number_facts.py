"""Number normalisation across English and Korean: the pairs the issue lists must agree."""

from __future__ import annotations

import pytest

from align.checks.number_facts import compare_facts, extract_facts, readings


def _diff(en: str, ko: str) -> tuple[list[str], list[str]]:
    d = compare_facts(extract_facts(en, "en"), extract_facts(ko, "ko"))
    return [f.text for f in d.source_only], [f.text for f in d.target_only]


@pytest.mark.parametrize(
    ("en", "ko"),
    [
        ("February 20", "2월 20일"),
        ("24th Anniversary of Khojaly Genocide", "호잘리 학살 24주년"),
        ("613 people were involved", "613명이 참가했다"),
        ("15 million won", "1,500만 원"),
        ("300 million dollars", "3억 달러"),
        ("a population of 227.000", "인구 227,000명"),
        ("February 23-25", "2월 23-25일"),
        ("It rose by 12.5 percent", "12.5퍼센트 올랐다"),
        ("It rose by 12.5%", "12.5% 올랐다"),
        ("350 million", "3억 5,000만"),
        ("two students", "학생 두 명"),
        ("2 students", "학생 두 명"),
        ("the 19th century", "19세기"),
        ("at 1:30 p.m.", "오후 1시 30분에"),
        ("21.87 km2", "21.87㎢"),
        ("Python 3.13.0", "파이썬 3.13.0"),
        ("3.7 million people", "3백 7십만 인구"),
        ("two million years ago", "2백만 년 전"),
        ("4.2-3.9 million years ago", "420만 년에서 390만 년 전"),
        ("roughly 10,000 years ago", "대략 일만 년 전"),
        ("20 km (15 miles) north", "20km(15mile) 북쪽"),
        ("peaking at 4892 m", "높이는 4,892m입니다"),
        ("the format is 35mm", "포맷은 35 mm이다"),
        ("a time of 4:41.30, 1:09.02 slower", "4분 41초 30, 1분 9초 2 느렸다"),
        ("Between 10:00-11:00 pm", "오후 10 - 11시 사이에"),
        ("at approximately 1200 GMT", "대략 12시에"),
        ("(Larson and LaFasto, 1989, p109)", "(라슨 및 라파스토, 1989년, 109쪽)"),
        ("Queen Elizabeth II and WWII", "엘리자베스 2세와 제2차 세계 대전"),
        ("finished twenty-fourth", "24위를 차지했다"),
        ("Over four million people", "400만 명이 넘는 사람들"),
        ("500 feet away", "150미터 떨어져"),
        ("it measures 29¾ inches by 24½ inches", "75.6 cm x 62.2 cm"),
        ("half an hour", "30분"),
        ("a city 50 kilometers (31 miles) away", "50km 떨어진 도시"),
        ("apples cooked into pastries year round", "사과는 1년 내내 페이스트리에 들어가며"),
        ("11 fours and 2 sixes", "4점 11개와 6점 2개"),
    ],
)
def test_equivalent_numbers_agree(en: str, ko: str) -> None:
    assert _diff(en, ko) == ([], [])


def test_extra_number_in_target_is_left_over() -> None:
    src, tgt = _diff("Starting from February 23", "2월 23일부터 15일간")
    assert (src, tgt) == ([], ["15"])


def test_changed_amount_is_left_over_on_both_sides() -> None:
    src, tgt = _diff("15 million won", "1,600만 원")
    assert src == ["15 million"] and tgt == ["1,600만"]


def test_year_on_one_side_is_marked_as_year() -> None:
    d = compare_facts(extract_facts("On February 20, 2016,", "en"), extract_facts("2월 20일", "ko"))
    assert [(f.text, f.year) for f in d.source_only] == [("2016", True)]


def test_digits_glued_to_letters_are_only_soft() -> None:
    assert all(f.soft for f in extract_facts("km2 mp3 x86 H2O M16 COVID-19", "en"))
    assert _diff("He fired his M16 rifle.", "그는 M-16 소총을 발사했다.") == ([], [])


def test_word_numbers_never_reported_alone() -> None:
    assert _diff("two of the three", "그중") == ([], [])


def test_ambiguous_thousands_dot_reads_both_ways() -> None:
    assert {str(v) for v in readings("227.000")} == {"227000", "227.000"}
    assert {str(v) for v in readings("1,500")} == {"1500"}
    assert {str(v) for v in readings("1.234,5")} == {"1234.5"}


def test_may_is_a_month_only_next_to_a_number() -> None:
    assert [f.text for f in extract_facts("You may go on May 5", "en")] == ["May", "5"]


def test_year_at_the_end_of_a_korean_text() -> None:
    assert [f.year for f in extract_facts("발표는 2016", "ko")] == [True]
    assert [f.year for f in extract_facts("2016만", "ko")] == [False]

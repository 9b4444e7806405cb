"""Number normalisation across English and Korean: the pairs the issue lists must agree."""

from __future__ import annotations

import pytest

from align.checks.numbers import compare_facts, extract_facts, readings


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


def test_digits_glued_to_letters_are_not_numbers() -> None:
    assert [f.text for f in extract_facts("km2 mp3 x86 H2O", "en")] == []


def test_word_numbers_never_reported_alone() -> None:
    assert _diff("two of the three", "그중") == ([], [])


def test_ambiguous_thousands_dot_reads_both_ways() -> None:
    assert {str(v) for v in readings("227.000")} == {"227000", "227.000"}
    assert {str(v) for v in readings("1,500")} == {"1500"}
    assert {str(v) for v in readings("1.234,5")} == {"1234.5"}


def test_may_is_a_month_only_next_to_a_number() -> None:
    assert [f.text for f in extract_facts("You may go on May 5", "en")] == ["May", "5"]

"""Joining, trimming and XML-safety rules shared by every exchange format."""

from __future__ import annotations

from lxml import etree

from align.formats.text_rules import (
    clean_text,
    escape_attr,
    escape_text,
    primary_subtag,
    segment_text,
    sentence_lengths,
    split_segment,
)


def test_join_uses_a_space_for_spaced_languages_and_nothing_for_zh_ja() -> None:
    assert segment_text(["Hello.", "World."], "en") == "Hello. World."
    assert segment_text(["안녕하세요.", "반갑습니다."], "ko-KR") == "안녕하세요. 반갑습니다."
    assert segment_text(["你好。", "再见。"], "zh-Hans") == "你好。再见。"
    assert segment_text(["こんにちは。", "さようなら。"], "ja") == "こんにちは。さようなら。"


def test_sentences_are_trimmed_but_inner_whitespace_is_kept() -> None:
    assert segment_text(["  two  spaces\tand a tab \n"], "en") == "two  spaces\tand a tab"


def test_split_undoes_the_join_when_lengths_fit() -> None:
    sents = ["First one.", "Second, longer one."]
    text = segment_text(sents, "en")
    assert split_segment(text, sentence_lengths(sents), "en") == sents
    assert split_segment("你好。再见。", [3, 3], "zh") == ["你好。", "再见。"]


def test_split_refuses_lengths_that_no_longer_fit() -> None:
    assert split_segment("First one. Second one, edited.", [10, 11], "en") is None
    assert split_segment("abcdefghij", [5, 4], "en") is None  # no separator where expected
    assert split_segment("abc", [], "en") is None


def test_illegal_xml_characters_are_removed() -> None:
    assert clean_text("a\x00b\x01c\x0bd\x1fe\ufffef\ud800g") == "abcdefg"
    assert clean_text("tab\tnl\ncr\r") == "tab\tnl\ncr\r"


def test_escaped_text_parses_back_to_the_same_string() -> None:
    text = "a < b && c > d \"q\" 's' ]]> \r\n end"
    root = etree.fromstring(f'<r a="{escape_attr(text)}">{escape_text(text)}</r>'.encode())
    assert root.text == text
    assert root.get("a") == text


def test_primary_subtag() -> None:
    assert primary_subtag("ko-KR") == "ko"
    assert primary_subtag("EN_us") == "en"
    assert primary_subtag("zh") == "zh"

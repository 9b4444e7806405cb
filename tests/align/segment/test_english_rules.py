"""The rule-based splitter on the cases issue 3 lists: abbreviations, initials, decimals,
ellipses, quotes after the period, headings, list items and wrapped lines."""

from __future__ import annotations

import pytest

from align.segment import split_sentences


def sents(text: str, lang: str = "en") -> list[str]:
    return [s.text for s in split_sentences(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dr. Kim met Mr. Lee in the U.S. capital. They talked.",
            ["Dr. Kim met Mr. Lee in the U.S. capital.", "They talked."],
        ),
        (
            "He moved to the U.S. The move was hard.",
            ["He moved to the U.S.", "The move was hard."],
        ),
        (
            "Ambassador E.&.P. Ramzi Teymurov spoke. Then he left.",
            ["Ambassador E.&.P. Ramzi Teymurov spoke.", "Then he left."],
        ),
        (
            "Some fruit, e.g. apples, i.e. red ones. Others too.",
            ["Some fruit, e.g. apples, i.e. red ones.", "Others too."],
        ),
        ("See item No. 5 in the list. It is short.", ["See item No. 5 in the list.", "It is short."]),
        ("It opened on Feb. 20, 2016. Many came.", ["It opened on Feb. 20, 2016.", "Many came."]),
        (
            "The Lord of the Rings by J. R. R. Tolkien is long. Read it.",
            ["The Lord of the Rings by J. R. R. Tolkien is long.", "Read it."],
        ),
        (
            "The area is 21.87 km2 with 227.000 people. Growth was 3.5%. Prices fell.",
            ["The area is 21.87 km2 with 227.000 people.", "Growth was 3.5%.", "Prices fell."],
        ),
        (
            "Wait... what happened? Nobody knew... The end!",
            ["Wait... what happened?", "Nobody knew...", "The end!"],
        ),
        ("He said “Go home.” She did not.", ["He said “Go home.”", "She did not."]),
        ('He said "Go home." She did not.', ['He said "Go home."', "She did not."]),
        ("(This is an aside.) The text goes on.", ["(This is an aside.)", "The text goes on."]),
        ('"Stop." he said.', ['"Stop." he said.']),
        ("Apples, pears, etc. The rest is gone.", ["Apples, pears, etc.", "The rest is gone."]),
        ("Samsung Co. Ltd. reported profits.", ["Samsung Co. Ltd. reported profits."]),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        ("It ended at 5 p.m. Smith went home.", ["It ended at 5 p.m. Smith went home."]),
        ("The vote was 5 vs. 3 in favour.", ["The vote was 5 vs. 3 in favour."]),
    ],
)
def test_english_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


def test_heading_without_period_is_its_own_sentence() -> None:
    text = "Azerbaijan commemorates Khojaly massacre\nThe embassy marked the anniversary on Wednesday. It was a sad day."
    assert sents(text) == [
        "Azerbaijan commemorates Khojaly massacre",
        "The embassy marked the anniversary on Wednesday.",
        "It was a sad day.",
    ]


def test_paragraph_without_terminal_punctuation_is_one_sentence() -> None:
    assert sents("Search in archive\n\nRelated Articles") == ["Search in archive", "Related Articles"]


def test_wrapped_lines_inside_a_paragraph_do_not_break_sentences() -> None:
    text = (
        "The bicycle marathon aiming to inform the Korean society about the\n"
        "realities of Khojaly Genocide ended with the distribution of informative\n"
        "brochures in Korean language prepared by the Embassy. Members of the\n"
        "Embassy and Korean students took part."
    )
    result = sents(text)
    assert len(result) == 2
    assert result[0].startswith("The bicycle") and result[0].endswith("by the Embassy.")
    assert "\n" in result[0]  # offsets keep the original text, line breaks included


def test_list_items_are_separate_sentences() -> None:
    text = "Steps to follow:\n- open the file\n- check the dates\n1. Save it\n2. Close it"
    assert sents(text) == [
        "Steps to follow:",
        "- open the file",
        "- check the dates",
        "1. Save it",
        "2. Close it",
    ]


def test_numbered_heading_at_block_start_does_not_split() -> None:
    assert sents("1. Introduction\n\n2. Method") == ["1. Introduction", "2. Method"]


def test_short_lines_of_a_menu_are_separate() -> None:
    text = "Try Our AI Features\nExplore what Daily8 AI can do for you:\nComments\nNo comments yet..."
    assert sents(text) == [
        "Try Our AI Features",
        "Explore what Daily8 AI can do for you:",
        "Comments",
        "No comments yet...",
    ]


def test_german_dates_and_abbreviations() -> None:
    text = "Am 20. Februar kam er, z.B. mit dem Zug. Dann ging er nach Hause."
    assert sents(text, "de") == ["Am 20. Februar kam er, z.B. mit dem Zug.", "Dann ging er nach Hause."]


def test_french_uses_the_same_rules() -> None:
    text = "M. Dupont est arrivé. Il a dit « bonjour. » Puis il est parti."
    assert sents(text, "fr") == ["M. Dupont est arrivé.", "Il a dit « bonjour. »", "Puis il est parti."]


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_cjk_full_stops_split_without_spaces(lang: str) -> None:
    text = (
        "今天天气很好。我们去公园吧！你去吗？"
        if lang == "zh"
        else "今日は晴れです。公園に行きましょう！「はい。」"
    )
    result = sents(text, lang)
    assert len(result) == 3
    assert "".join(result) == text


def test_paragraph_numbers_and_offsets() -> None:
    text = "\n  First one. Second one.\n\n\nThird one.\n"
    segs = split_sentences(text, "en")
    assert [(s.text, s.para) for s in segs] == [("First one.", 0), ("Second one.", 0), ("Third one.", 1)]
    for s in segs:
        assert text[s.start : s.end] == s.text


def test_spans_limit_the_text_that_is_split() -> None:
    text = "Keep this. And this.\n\nSkip this part.\n\nKeep that."
    first = (0, text.index("\n\n"))
    last = (text.rindex("Keep"), len(text))
    segs = split_sentences(text, "en", [first, last])
    assert [(s.text, s.para) for s in segs] == [("Keep this.", 0), ("And this.", 0), ("Keep that.", 1)]


def test_bad_spans_are_refused() -> None:
    with pytest.raises(ValueError):
        split_sentences("abc", "en", [(0, 10)])
    with pytest.raises(ValueError):
        split_sentences("abc def", "en", [(2, 4), (0, 1)])

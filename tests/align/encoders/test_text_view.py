"""The encoder view: tokeniser spacing undone, ordinary text untouched."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.encoders.text_view import encoder_view


@pytest.mark.parametrize(
    ("raw", "view"),
    [
        ("Le surplomb s' accentue , Jean-Luc veille :", "Le surplomb s'accentue, Jean-Luc veille:"),
        (
            "« Regardez donc en bas » leur aurais-je conseillé .",
            "«Regardez donc en bas» leur aurais-je conseillé.",
        ),
        ("( Achtung , Achtung ! )", "(Achtung, Achtung!)"),
        ("He did n't go ; John 's car is red .", "He didn't go; John's car is red."),
        ("2월 20일 , 서울 .", "2월 20일, 서울."),
        ("  two\tspaces \n and  a line  ", "two spaces and a line"),
    ],
)
def test_tokenised_text(raw: str, view: str) -> None:
    assert encoder_view(raw) == view


@pytest.mark.parametrize(
    "plain",
    [
        "The Embassy of Azerbaijan in Seoul held a ceremony on February 20, 2016.",
        "주한 아제르바이잔 대사관은 2월 20일 호잘리 학살 추모식을 열었다.",
        "Il s'agit d'un test (simple): rien à changer!",
        "... and then",
        "",
    ],
)
def test_ordinary_text_is_unchanged(plain: str) -> None:
    assert encoder_view(plain) == plain


@given(st.text())
def test_view_is_idempotent_and_blank_stays_blank(text: str) -> None:
    once = encoder_view(text)
    assert encoder_view(once) == once
    assert (once == "") == (text.split() == [])

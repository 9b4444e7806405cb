"""Rule-based sentence boundaries for English and every language without a dedicated splitter.

A boundary candidate is terminal punctuation (``. ! ? …``), optionally followed by closing
quotes or brackets (``."`` ``.)`` ``.”``), followed by whitespace. CJK full stops (``。！？``)
end a sentence with or without a following space. A period only ends a sentence when the word
before it is not an abbreviation, an initial or a list number and the next word does not start
in lower case; the ambiguous cases (initials, dotted abbreviations such as "U.S." or "E.&.P.",
"etc.", "Inc.") end a sentence only before a typical sentence opener ("The", "In", "He" ...).
Decimals ("21.87", "227.000") never match because no whitespace follows their period.
"""

from __future__ import annotations

import re

from align.segment.abbreviations import (
    BEFORE_NUMBER,
    MAY_END,
    MONTHS,
    SENTENCE_STARTERS,
    TITLES,
)
from align.segment.paragraphs import CLOSERS, OPENERS

_CJK_TERMINALS = "。！？"
# Closers may follow the punctuation directly, or after a space before French guillemets
# ("bonjour. »").
_CANDIDATE = re.compile(
    r"(?P<p>[.!?…‼⁇⁈⁉。！？]+)(?P<c>(?:[" + re.escape(CLOSERS) + r"]|[ \u00a0\u202f]+(?=[»›]))*)"
)
_DIGITS = re.compile(r"\d+")
_ROMAN = re.compile(r"[ivxlcdm]{1,5}|[IVXLCDM]{1,5}")


def _token_before(text: str, pos: int, start: int) -> tuple[str, int]:
    """The non-space token that ends at ``pos`` and where it starts."""
    i = pos
    while i > start and not text[i - 1].isspace():
        i -= 1
    return text[i:pos], i


def _token_after(text: str, pos: int, end: int) -> str:
    """The next non-space token at or after ``pos`` (leading quotes/brackets removed)."""
    i = pos
    while i < end and text[i].isspace():
        i += 1
    j = i
    while j < end and not text[j].isspace():
        j += 1
    return text[i:j].lstrip(OPENERS)


def _is_starter(word: str) -> bool:
    core = word.rstrip(",;:.!?" + CLOSERS)
    return core.lower() in SENTENCE_STARTERS


def period_ends_sentence(
    word: str,
    next_word: str,
    *,
    at_block_start: bool = False,
    closed: bool = False,
    line_end: bool = False,
) -> bool:
    """Decide whether ``word.`` followed by ``next_word`` ends a sentence.

    ``word`` is the token before the period, without the period; ``next_word`` the next token
    with opening quotes removed (empty at the end of a block); ``closed``: a closing quote or
    bracket follows the period ("Inc.)"), which makes an abbreviation likelier to end a sentence;
    ``line_end``: the period ends a line. A plain word and a period at the end of a line end a
    sentence even before a lower-case word: otherwise a file of lower-case lines ("the cat
    sat.") would be one sentence as long as the file.
    """
    if not next_word:
        return True
    first = next_word[0]
    if first.islower():
        return line_end and _plain_word(word)
    if word and word[-1] in CLOSERS:
        return True  # 'the “best”. Next': a quotation closed before the period
    core = word.lstrip(OPENERS)
    low = core.lower()
    if not core:
        return True
    if low in TITLES:
        return False
    if first.isdigit() and (low in BEFORE_NUMBER or low in MONTHS):
        return False
    if _DIGITS.fullmatch(core):
        if at_block_start:
            return False  # "1. Introduction": a list or section number
        nxt = next_word.rstrip(",;:.").lower()
        return nxt not in MONTHS and nxt not in {"march", "may"}  # German "20. Februar"
    initial = len(core) == 1 and core.lower() != core.upper()  # a cased letter: "J.", "a."
    if at_block_start and (initial or _ROMAN.fullmatch(core)):
        return False  # "a. item", "IV. Results"
    if low in MAY_END:
        return closed or _is_starter(next_word)
    if initial or (
        "." in core and not any(ch.isdigit() for ch in core) and all(len(p) <= 4 for p in core.split("."))
    ):
        return _is_starter(next_word)  # "U.S.", "E.&.P.", "a.m.", initials "J. R. R."
    return True


def _plain_word(word: str) -> bool:
    """A word of two letters or more that is no abbreviation, title or month."""
    low = word.lower()
    return (
        len(word) > 1
        and word.isalpha()
        and low not in TITLES
        and low not in MAY_END
        and low not in BEFORE_NUMBER
        and low not in MONTHS
        and low != "etc"  # "etc." before a lower-case word goes on: "etc.\nand so on"
    )


def _line_ends(text: str, pos: int, end: int) -> bool:
    """Whether the white space starting at ``pos`` holds a line break."""
    i = pos
    while i < end and text[i].isspace():
        if text[i] == "\n":
            return True
        i += 1
    return False


def rule_cuts(text: str, start: int, end: int) -> list[int]:
    """Offsets in ``text[start:end]`` where a sentence ends (exclusive), block end excluded."""
    cuts: list[int] = []
    for m in _CANDIDATE.finditer(text, start, end):
        cut = m.end()
        if cut >= end:
            continue
        punct = m.group("p")
        if any(ch in _CJK_TERMINALS for ch in punct):
            cuts.append(cut)
            continue
        if not text[cut].isspace():
            continue
        next_word = _token_after(text, cut, end)
        if not next_word:
            continue
        if "..." in punct or "…" in punct:
            word, _ = _token_before(text, m.start(), start)
            if word and not next_word[0].islower():
                cuts.append(cut)
            continue
        if "!" in punct or "?" in punct:
            if not next_word[0].islower():
                cuts.append(cut)
            continue
        word, word_start = _token_before(text, m.start(), start)
        closed = bool(m.group("c").strip())
        line_end = _line_ends(text, cut, end)
        if period_ends_sentence(
            word, next_word, at_block_start=word_start == start, closed=closed, line_end=line_end
        ):
            cuts.append(cut)
    return cuts

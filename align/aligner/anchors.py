"""Anchors: tokens that survive translation unchanged (numbers, Latin-script names and codes).

A number or a name such as "BUTA" or "Zermatt" that occurs in a source sentence and in a target
sentence is strong evidence that the two belong together, whatever the encoder thinks. Only
tokens occurring in *both* documents count, and very frequent ones are dropped, so that
sentence-initial words or a name mentioned everywhere do not pull beads around.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Sequence

import numpy as np

_NUMBER = re.compile(r"\d+(?:[.,'\u2019\u00a0 ]\d+)*")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9'\u2019\-]*")
_ASCII_LETTER = re.compile(r"[A-Za-z]+")
_DIGIT = re.compile(r"\d")


def _normalise_number(token: str) -> str:
    # "227.000", "227 000" and "227,000" are the same number in different locales; "21.87"
    # and "21,87" too. Keeping the digits only makes them meet; years and counts stay exact.
    return "#" + re.sub(r"\D", "", token)


_OPENING_MARKS = frozenset({'"', "\u201c", "\u00ab", "(", "-"})


def _initial_positions(text: str) -> set[int]:
    """Where a sentence-initial word may start: after leading white space, and after one opening
    mark (quote, bracket, dash) and white space. Found once per sentence, so that deciding
    whether a token is initial does not look at the whole text before it (quadratic on long
    sentences)."""
    first = len(text) - len(text.lstrip())
    out = {first}
    if first < len(text) and text[first] in _OPENING_MARKS:
        after = first + 1
        while after < len(text) and text[after].isspace():
            after += 1
        out.add(after)
    return out


def sentence_anchors(text: str) -> frozenset[str]:
    """Candidate anchors of one sentence: numbers and Latin tokens that look like names/codes.

    A Latin token counts when it has a capital letter or a digit anywhere but in plain
    sentence-initial position, or when the sentence is not mostly Latin (a Latin word inside
    Korean or Chinese text is a name or a code)."""
    out: set[str] = set()
    for m in _NUMBER.finditer(text):
        out.add(_normalise_number(m.group()))
    latin_letters = len(text) - len(_ASCII_LETTER.sub("", text))
    letters = sum(map(str.isalpha, text)) or 1
    mostly_latin = latin_letters / letters > 0.5
    initial = _initial_positions(text)
    for m in _LATIN.finditer(text):
        tok = m.group()
        if len(tok) < 2:
            continue
        if mostly_latin:
            if m.start() in initial:
                continue  # sentence-initial capital says nothing
            if tok.lower() == tok and not _DIGIT.search(tok):
                continue
        out.add(tok.lower())
    return frozenset(out)


def document_anchors(texts: Sequence[str]) -> list[frozenset[str]]:
    return [sentence_anchors(t) for t in texts]


def shared_anchors(
    src: Sequence[frozenset[str]], tgt: Sequence[frozenset[str]], max_share: float, min_max: int
) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    """Keep only anchors found on both sides and not in more than ``max_share`` of sentences
    (but at least ``min_max`` sentences are always allowed, for short texts; ``Scoring``)."""
    df_s = Counter(a for s in src for a in s)
    df_t = Counter(a for s in tgt for a in s)
    lim_s = max(min_max, int(max_share * len(src)))
    lim_t = max(min_max, int(max_share * len(tgt)))
    keep = {a for a in df_s.keys() & df_t.keys() if df_s[a] <= lim_s and df_t[a] <= lim_t}
    return [s & keep for s in src], [t & keep for t in tgt]


def anchor_vectors(sets: Sequence[frozenset[str]], dim: int = 128) -> np.ndarray:
    """Hashed bag-of-anchors rows (not normalised; zero where a sentence has none)."""
    out = np.zeros((len(sets), dim), dtype=np.float32)
    for i, anchors in enumerate(sets):
        for a in anchors:
            out[i, zlib.crc32(a.encode("utf-8")) % dim] += 1.0
    return out

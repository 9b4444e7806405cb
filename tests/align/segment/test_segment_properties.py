"""Property tests: whatever the text, segments are ordered, disjoint, trimmed, inside their
spans, equal to ``text[start:end]``, and lose no non-whitespace character."""

from __future__ import annotations

import itertools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.errors import InputError
from align.segment import split_bilingual, split_lines, split_sentences

# Pieces chosen to hit the splitters' decisions: abbreviations, decimals, quotes, CJK and
# Korean endings, glued punctuation, list markers, odd whitespace.
PIECES = [
    "The",
    "embassy",
    "said",
    "Dr.",
    "U.S.",
    "E.&.P.",
    "e.g.",
    "No.",
    "5",
    "21.87",
    "227.000",
    "3.5%",
    "end.",
    "end!",
    "why?",
    "wait...",
    "…",
    '"Go."',
    "“Yes.”",
    "(aside.)",
    "«",
    "»",
    "J.",
    "R.",
    "행사가",
    "끝났다.",
    "끝났다.그러나",
    "중2월",
    "및BUTA",
    "있다",
    '"안녕."라고',
    "했다!",
    "。",
    "好。",
    "1.",
    "-",
    "•",
    "a)",
    ".",
    "!",
    "?",
    "x",
    "Ünïcode",
]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", "\n \n", "\u00a0", "\t", "\u3000", ""]

texts = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), min_size=0, max_size=40
).map(lambda parts: "".join(p + s for p, s in parts))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_segments(text: str, spans: list[tuple[int, int]], segments: list) -> None:
    last_end = 0
    last_para = -1
    for seg in segments:
        assert text[seg.start : seg.end] == seg.text
        assert seg.text and seg.text == seg.text.strip()
        assert not re.search(r"\n[^\S\n]*\n", seg.text), "a sentence crosses a blank line"
        assert seg.start >= last_end
        assert any(s <= seg.start and seg.end <= e for s, e in spans)
        assert seg.para >= last_para
        last_end, last_para = seg.end, seg.para
    for s, e in spans:
        inside = [seg for seg in segments if s <= seg.start and seg.end <= e]
        pos = s
        for seg in inside:
            assert not text[pos : seg.start].strip(), "non-whitespace lost between segments"
            pos = seg.end
        assert not text[pos:e].strip(), "non-whitespace lost after the last segment"


@FAST
@given(text=texts, lang=st.sampled_from(["en", "ko", "zh", "de"]))
def test_split_sentences_keeps_every_character(text: str, lang: str) -> None:
    segments = split_sentences(text, lang)
    check_segments(text, [(0, len(text))], segments)


@FAST
@given(text=texts, lang=st.sampled_from(["en", "ko"]), cuts=st.lists(st.integers(0, 400), max_size=6))
def test_split_sentences_within_spans(text: str, lang: str, cuts: list[int]) -> None:
    points = sorted({min(c, len(text)) for c in cuts})
    spans = list(zip(points[::2], points[1::2], strict=False))
    segments = split_sentences(text, lang, spans)
    check_segments(text, spans, segments)


@FAST
@given(text=texts)
def test_split_lines_is_one_segment_per_line(text: str) -> None:
    segments = split_lines(text)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    assert [s.text for s in segments] == [line.strip() for line in lines]
    assert [s.para for s in segments] == list(range(len(lines)))
    for seg in segments:
        assert text[seg.start : seg.end] == seg.text


@FAST
@given(text=texts)
def test_split_bilingual_spans_partition_the_text(text: str) -> None:
    try:
        split = split_bilingual(text)
    except InputError:
        return
    assert split.langs[0] != split.langs[1]
    for side in split.spans:
        assert side == sorted(side)
    spans = sorted(split.spans[0] + split.spans[1])
    for (_, e), (s, _) in itertools.pairwise(spans):
        assert e <= s
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())

"""Paragraphs and line blocks: the units sentence splitters work inside.

A paragraph is a run of non-blank lines; blank lines (only whitespace) separate paragraphs.
Inside a paragraph a single newline is usually just wrapping, so it is *not* a sentence break,
except where a line is evidently not running text:

- the next line starts a list item ("- ", "• ", "1. ", "a) ", "(2) ");
- the line has no terminal punctuation, is short (at most 60% of the paragraph's longest line,
  or at most 50 characters: a heading, a byline, a menu entry), and the next line starts like
  a new sentence (upper case, a digit, an opening quote, or a script without case).

Wrapped prose has lines of similar, longer length that end anywhere, so it stays joined; titles and
list items become their own sentences. Each such stretch is a "block"; splitters never put a
sentence across a block boundary.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

Span = tuple[int, int]

_BLANK_LINES = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")
_LIST_ITEM = re.compile(r"(?:[-*•·▪◦‣–—]|\(?\d{1,3}[.)]|\(?[a-z][.)]|[A-Z]\)|\(\d{1,3}\))\s")
TERMINALS = ".!?…。！？‼⁇⁈⁉"
CLOSERS = "\"'”’»›)]}」』）】〉》"
OPENERS = "\"'“‘«‹([{「『（【〈《"
_HEADING_RATIO = 0.6
_SHORT_LINE = 50


def check_spans(text: str, spans: Sequence[Span] | None) -> list[Span]:
    """Spans in order, non-overlapping and inside the text (the whole text when None)."""
    if spans is None:
        return [(0, len(text))]
    out: list[Span] = []
    last = 0
    for start, end in spans:
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span ({start}, {end}) is outside the text (length {len(text)})")
        if start < last:
            raise ValueError(f"span ({start}, {end}) overlaps or precedes the one before it")
        out.append((start, end))
        last = end
    return out


def trim(text: str, start: int, end: int) -> Span:
    """The span without leading and trailing whitespace (empty spans collapse to ``start``)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str, start: int, end: int) -> Iterator[Span]:
    """Trimmed, non-empty paragraphs of ``text[start:end]``, in order."""
    pos = start
    for m in _BLANK_LINES.finditer(text, start, end):
        s, e = trim(text, pos, m.start())
        if s < e:
            yield s, e
        pos = m.end()
    s, e = trim(text, pos, end)
    if s < e:
        yield s, e


def lines(text: str, start: int, end: int) -> list[Span]:
    """Trimmed non-empty lines of ``text[start:end]``."""
    out: list[Span] = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        s, e = trim(text, pos, stop)
        if s < e:
            out.append((s, e))
        if nl < 0:
            break
        pos = nl + 1
    return out


def is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM.match(line))


def ends_sentence(line: str) -> bool:
    """Whether the line ends with terminal punctuation (closing quotes/brackets allowed after it)."""
    stripped = line.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINALS


def starts_sentence(line: str) -> bool:
    """Whether a line could open a new sentence: not a lower-case letter (after any opener)."""
    rest = line.lstrip(OPENERS)
    if not rest:
        return True
    return not rest[0].islower()


def line_blocks(text: str, start: int, end: int) -> list[Span]:
    """Split one paragraph into blocks at line breaks that are sentence breaks (see module doc)."""
    spans = lines(text, start, end)
    if len(spans) <= 1:
        return spans or [(start, end)]
    longest = max(e - s for s, e in spans)
    blocks: list[Span] = []
    block_start = spans[0][0]
    for (s, e), (ns, ne) in itertools.pairwise(spans):
        line = text[s:e]
        nxt = text[ns:ne]
        hard = is_list_item(nxt) or (
            not ends_sentence(line)
            and (e - s <= _HEADING_RATIO * longest or e - s <= _SHORT_LINE)
            and starts_sentence(nxt)
        )
        if hard:
            blocks.append((block_start, e))
            block_start = ns
    blocks.append((block_start, spans[-1][1]))
    return blocks

"""``split_lines``: input that is already one sentence per line (``--presplit``, gold corpora)."""

from __future__ import annotations

from align.model import Segment
from align.segment.paragraphs import trim


def split_lines(text: str) -> list[Segment]:
    """Line i is sentence i, empty lines included, so numbers match gold alignment files.

    A final newline does not start another line. ``para`` is the line number, because each
    line of a pre-split file is its own unit.
    """
    segments: list[Segment] = []
    pos = 0
    n = len(text)
    i = 0
    while pos < n:
        nl = text.find("\n", pos)
        stop = n if nl < 0 else nl
        s, e = trim(text, pos, stop)
        if s == e:
            s = e = pos
        segments.append(Segment(text[s:e], s, e, i))
        i += 1
        pos = stop + 1
    return segments

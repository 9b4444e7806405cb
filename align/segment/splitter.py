"""``split_sentences``: paragraphs, then line blocks, then the language's sentence splitter.

Every language goes through the same paragraph and line-block logic (see ``paragraphs``), so
headings and list items behave alike everywhere; only the boundaries inside a block differ:
Korean asks kiwipiepy where punctuation is ambiguous, every other language uses the rules
(English rules as the baseline, CJK full stops for Chinese and Japanese).
"""

from __future__ import annotations

from collections.abc import Sequence

from align.model import Segment
from align.segment.paragraphs import Span, check_spans, line_blocks, paragraphs, trim
from align.segment.rules import rule_cuts


def _block_cuts(text: str, lang: str, blocks: Sequence[Span]) -> list[list[int]]:
    if lang.split("-")[0].lower() == "ko":
        from align.segment.korean import korean_block_cuts

        return korean_block_cuts(text, blocks)
    return [rule_cuts(text, s, e) for s, e in blocks]


def split_sentences(text: str, lang: str, spans: Sequence[tuple[int, int]] | None = None) -> list[Segment]:
    """Sentences of ``text`` (only inside ``spans`` when given), with offsets and paragraphs.

    Paragraphs are separated by blank lines and never cross a span boundary; ``Segment.para``
    counts them from 0 over all spans in order. Segment texts are trimmed and equal
    ``text[start:end]``; the whitespace between segments is all that is left out.
    """
    blocks: list[Span] = []
    block_para: list[int] = []
    para = 0
    for start, end in check_spans(text, spans):
        for ps, pe in paragraphs(text, start, end):
            for block in line_blocks(text, ps, pe):
                blocks.append(block)
                block_para.append(para)
            para += 1
    segments: list[Segment] = []
    for (bs, be), cuts, p in zip(blocks, _block_cuts(text, lang, blocks), block_para, strict=True):
        pos = bs
        for cut in [*cuts, be]:
            s, e = trim(text, pos, cut)
            if s < e:
                segments.append(Segment(text[s:e], s, e, p))
            pos = cut
    return segments

"""Sentence segmentation with character offsets: per-language splitters, pre-split lines and
bilingual files cut into their two languages. Heavy parts (kiwipiepy) load only when needed."""

from __future__ import annotations

from align.segment.bilingual import BilingualSplit, split_bilingual
from align.segment.lines import split_lines
from align.segment.splitter import split_sentences

__all__ = ["BilingualSplit", "split_bilingual", "split_lines", "split_sentences"]

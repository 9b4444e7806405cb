"""Seed 001 as a hand-aligned bitext: the customer's real text with beads a person checked.

The sentence split is a plain regex (good enough for this text); the beads are the reference
alignment, so the checks are tested on what they should find, independent of the aligner.
Loaded by path from the CLI tests and the bench, hence no package imports.
"""

from __future__ import annotations

import re
from pathlib import Path

from align.model import Bead, Bitext, Document, Segment

SEED = Path(__file__).resolve().parents[3] / "data" / "seed001"
_SPLIT = re.compile(r"(?<=[a-z0-9가-힣][.!?])\s+")

# Reference beads: English sentences 6-7 (the Yongsan paragraph) are missing in Korean and
# Korean sentence 9 ("Search in archive") has no English counterpart.
SEED_BEADS = [
    ([0], [0]), ([1], [1]), ([2], [2]), ([3], [3]), ([4], [4]), ([5], [5]),
    ([6, 7], []), ([8], [6]), ([9], [7]), ([10], [8]), ([], [9]),
]  # fmt: skip


def split_document(text: str, lang: str, path: str | None = None) -> Document:
    segments: list[Segment] = []
    offset = 0
    para = -1
    for line in text.split("\n"):
        if line.strip():
            para += 1
            start = 0
            for piece in _SPLIT.split(line):
                at = line.index(piece, start)
                stripped = piece.strip()
                lead = len(piece) - len(piece.lstrip())
                if stripped:
                    s = offset + at + lead
                    segments.append(Segment(stripped, s, s + len(stripped), para))
                start = at + len(piece)
        offset += len(line) + 1
    return Document(lang=lang, text=text, segments=segments, path=path)


def seed_bitext() -> Bitext:
    src = split_document((SEED / "en.txt").read_text(encoding="utf-8"), "en", str(SEED / "en.txt"))
    tgt = split_document((SEED / "ko.txt").read_text(encoding="utf-8"), "ko", str(SEED / "ko.txt"))
    beads = [Bead(tuple(s), tuple(t), 0.0 if not s or not t else 0.8) for s, t in SEED_BEADS]
    return Bitext(source=src, target=tgt, beads=beads)

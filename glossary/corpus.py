"""What the glossary learns from: aligned sentence pairs, from one text or many.

Extraction reads only pairs the aligner (or a reviewer) put together, never the raw
documents, so every entry's evidence is a pair a person can look at. Unpaired sentences
(1-0, 0-1 beads) say nothing about translations and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from align.model import Bitext


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """One bead's two sides, with where it came from."""

    doc: str
    bead: int
    source: str
    target: str


def pairs_of_bitext(bitext: Bitext, doc: str = "") -> list[AlignedPair]:
    """The bitext's paired beads as text (sentences of a bead joined by a space)."""
    out: list[AlignedPair] = []
    for k, bead in enumerate(bitext.beads):
        if bead.is_null:
            continue
        src, tgt = bitext.bead_texts(bead)
        out.append(AlignedPair(doc, k, " ".join(src), " ".join(tgt)))
    return out


def pairs_of_bitexts(bitexts: Iterable[tuple[str, Bitext]]) -> list[AlignedPair]:
    """Pairs of many documents, each named (a corpus: a directory, two trees, a manifest)."""
    return [pair for name, bitext in bitexts for pair in pairs_of_bitext(bitext, name)]

"""Scoring an extracted glossary against a hand-written list.

An extracted entry matches a listed one when both sides match after the folding a reader
would allow: case, spacing inside Korean compounds, an English plural, and any of the listed
alternatives (``언론사|유명 언론사``). Used by the benchmarks and the accuracy tests.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from align.model import TermEntry
from glossary.candidates.latin import fold_plural


def fold(term: str) -> str:
    """The form two spellings of one term share."""
    words = term.casefold().replace("’", "'").split()
    if not words:
        return ""
    if all(w.isascii() for w in words):
        words[-1] = fold_plural(words[-1])
        return " ".join(words)
    return "".join(words)


@dataclass(frozen=True, slots=True)
class ListedPair:
    source: str
    targets: tuple[str, ...]

    def matches(self, source: str, target: str) -> bool:
        return fold(source) == fold(self.source) and fold(target) in {fold(t) for t in self.targets}


def read_term_list(path: str | Path) -> list[ListedPair]:
    """A TSV of ``source``, ``target`` (alternatives with ``|``), further columns ignored;
    ``#`` lines are comments."""
    text = Path(path).read_text(encoding="utf-8")
    rows = csv.reader(
        io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#"))), delimiter="\t"
    )
    out: list[ListedPair] = []
    for row in rows:
        if len(row) < 2 or row[0] == "source":
            continue
        out.append(ListedPair(row[0].strip(), tuple(t.strip() for t in row[1].split("|") if t.strip())))
    return out


@dataclass(frozen=True, slots=True)
class ListScore:
    top: int
    gold_in_top: int
    gold_total: int
    correct_in_top: int
    misses: tuple[str, ...]
    wrong: tuple[str, ...]


def score_against(
    entries: Sequence[TermEntry],
    gold: Sequence[ListedPair],
    acceptable: Sequence[ListedPair] = (),
    top: int = 20,
) -> ListScore:
    """How many listed pairs the first ``top`` entries hold, and how many of them are right
    (listed in either list)."""
    head = list(entries[:top])
    found = [g for g in gold if any(g.matches(e.source, e.target) for e in head)]
    correct = [e for e in head if any(g.matches(e.source, e.target) for g in (*gold, *acceptable))]
    return ListScore(
        top=len(head),
        gold_in_top=len(found),
        gold_total=len(gold),
        correct_in_top=len(correct),
        misses=tuple(f"{g.source} ↔ {'|'.join(g.targets)}" for g in gold if g not in found),
        wrong=tuple(f"{e.source} ↔ {e.target}" for e in head if e not in correct),
    )

"""Per-side statistics of candidate terms across all aligned pairs.

Counts are of pairs, not of occurrences: a term repeated in one sentence is one piece of
evidence. A candidate that never stands alone and always sits inside the same longer phrase
adds nothing the longer phrase does not say (``학생 연맹`` only ever in ``아제르바이잔-한국
학생 연맹``), so it is dropped; one that stands alone, is the head of its phrase, appears
inside several different phrases (대사관 in 주한 대사관 and 대사관 내), or is a name (Yeouido
in "Yeouido area") is kept: C-value's idea
of nestedness, without its frequency threshold, so short texts keep their terms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from glossary.candidates import Occurrence

_MAX_CONTAINERS = 4  # enough to know "several"


@dataclass(slots=True)
class TermStats:
    key: str
    pairs: int = 0
    surfaces: Counter[str] = field(default_factory=Counter)
    name_votes: int = 0
    occurrences: int = 0
    alone: int = 0
    head: int = 0
    containers: set[str] = field(default_factory=set)
    words: int = 1

    @property
    def surface(self) -> str:
        """The form written most often (ties: the first seen), case kept."""
        best, _ = max(self.surfaces.items(), key=lambda kv: kv[1])
        return best

    @property
    def is_name(self) -> bool:
        return self.name_votes * 2 > self.occurrences


class Vocabulary:
    """Candidate keys of one side with their statistics and integer ids."""

    def __init__(self) -> None:
        self.stats: dict[str, TermStats] = {}
        self.ids: dict[str, int] = {}
        self.keys: list[str] = []

    def add_pair(self, occurrences: Sequence[Occurrence]) -> list[int]:
        """Record one pair's occurrences; returns the ids of the distinct keys it holds."""
        seen: dict[str, int] = {}
        for occ in occurrences:
            stats = self.stats.get(occ.key)
            if stats is None:
                stats = TermStats(occ.key, words=occ.words)
                self.stats[occ.key] = stats
                self.ids[occ.key] = len(self.keys)
                self.keys.append(occ.key)
            stats.occurrences += 1
            stats.surfaces[occ.surface] += 1
            stats.name_votes += occ.name
            stats.alone += occ.maximal
            stats.head += occ.head and not occ.maximal
            if occ.container and len(stats.containers) < _MAX_CONTAINERS:
                stats.containers.add(occ.container)
            if occ.key not in seen:
                seen[occ.key] = self.ids[occ.key]
                stats.pairs += 1
        return list(seen.values())

    def informative(self, key: str) -> bool:
        """Whether the key says something its containers do not (see the module docstring)."""
        s = self.stats[key]
        return s.alone > 0 or s.head > 0 or len(s.containers) >= 2 or s.is_name

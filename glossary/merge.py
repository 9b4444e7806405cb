"""A user's glossary merged with the terms extracted from a text: the user's word wins.

What a reviewer expects from a term tool given their list and a new text:

* every user entry is kept, with its status, target and order (the user's list first);
* an extracted entry whose source term the user already has, with a target the user
  accepts, adds its evidence to the user's entry (count, score and the text's examples
  first), so the user sees where their term occurs;
* an extracted entry whose source term the user has with a *different* target is a
  ``Conflict`` (the user says 공관 where the text uses 대사관): reported with both targets
  and the text's count, never silently added or applied; so is a text that uses a pair the
  user rejected;
* other extracted entries are added after the user's, in their own order (best first),
  including those whose source term the user only has as rejected pairs: the user has
  ruled one translation out, not given one.

"The same term" is ``align.checks.term_match.term_key``: case, Korean spacing (국회의원 =
국회 의원), hyphens and English plurals folded, the rule the ``term`` check uses as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from align.checks.term_match import term_key
from align.model import TermEntry, TermExample, TermStatus


@dataclass(frozen=True, slots=True)
class Conflict:
    """A source term the user translates one way and the text another."""

    source: str
    user_target: str
    extracted_target: str
    extracted_count: int
    user_status: TermStatus
    reason: str
    """``different target``, or ``rejected target used`` when the text uses a pair the user rejected."""
    examples: tuple[TermExample, ...] = ()

    @property
    def message(self) -> str:
        if self.reason == "rejected target used":
            return (
                f"{self.source!r}: the text uses {self.extracted_target!r} ({self.extracted_count}x), "
                "which the glossary rejects"
            )
        return (
            f"{self.source!r}: the glossary says {self.user_target!r}, the text uses "
            f"{self.extracted_target!r} ({self.extracted_count}x)"
        )


@dataclass(slots=True)
class MergeResult:
    entries: list[TermEntry] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    added: int = 0
    """Extracted entries added because the user had no entry for their source term."""
    enriched: int = 0
    """User entries that gained evidence from the text."""


def _target_keys(entry: TermEntry) -> set[str]:
    return {term_key(t) for t in (entry.targets or [entry.target])}


def _with_evidence(user: TermEntry, found: TermEntry, first: bool) -> TermEntry:
    """The user's entry with the text's evidence: the text's count and score (added up over
    the extracted entries it matches, e.g. both of its alternatives), the text's examples
    before the user's."""
    seen = {(x.source, x.target) for x in found.examples}
    examples = [*found.examples, *(x for x in user.examples if (x.source, x.target) not in seen)]
    return replace(
        user,
        count=found.count if first else user.count + found.count,
        score=found.score if first else max(user.score, found.score),
        examples=examples,
    )


def merge_glossaries(user: Sequence[TermEntry], extracted: Sequence[TermEntry]) -> MergeResult:
    """Merge as described in the module docstring; neither input is modified."""
    result = MergeResult(entries=[replace(e, examples=list(e.examples)) for e in user])
    by_source: dict[str, list[int]] = {}
    for index, entry in enumerate(result.entries):
        by_source.setdefault(term_key(entry.source), []).append(index)
    enriched: set[int] = set()
    added: set[tuple[str, frozenset[str]]] = set()
    for found in extracted:
        key = term_key(found.source)
        targets = _target_keys(found)
        indices = by_source.get(key, [])
        same = [i for i in indices if _target_keys(result.entries[i]) & targets]
        accepted = [i for i in indices if result.entries[i].status is not TermStatus.REJECTED]
        if same:
            index = same[0]
            mine = result.entries[index]
            if mine.status is TermStatus.REJECTED:
                result.conflicts.append(_conflict(mine, found, "rejected target used"))
                continue
            result.entries[index] = _with_evidence(mine, found, index not in enriched)
            enriched.add(index)
            continue
        if accepted:
            result.conflicts.append(_conflict(result.entries[accepted[0]], found, "different target"))
            continue
        pair = (key, frozenset(targets))
        if pair in added:
            continue
        added.add(pair)
        result.entries.append(replace(found, examples=list(found.examples)))
        result.added += 1
    result.enriched = len(enriched)
    return result


def _conflict(mine: TermEntry, found: TermEntry, reason: str) -> Conflict:
    return Conflict(
        source=mine.source,
        user_target=mine.target,
        extracted_target=found.target,
        extracted_count=found.count,
        user_status=mine.status,
        reason=reason,
        examples=tuple(found.examples[:1]),
    )

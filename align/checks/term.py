"""``term``: a glossary's source term occurs in a sentence but its agreed translation does not.

Only approved entries are enforced: those of ``--glossary``/config and those of the project
file's glossary; candidates and rejected pairs are evidence, not rules. Entries with the same
source term (by ``term_key``: case, Korean spacing, plurals) pool their targets, so a
translation into any approved alternative (대사관 or 공관) passes. Occurrence follows
``term_match``: Korean terms inside compounds (주한대사관 contains 대사관), English whole
words with plurals folded. Where a longer source term covers a shorter one at the same place
(주한 대사관 over 대사관, Heydar Aliyev Foundation over Heydar Aliyev), only the longer one
is enforced there, so one phrase does not demand two translations.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from align.checks.registry import CheckContext
from align.checks.term_match import TermIndex, TermPattern, term_key, term_pattern
from align.model import Bitext, Finding, Severity, TermEntry, TermStatus


@dataclass(slots=True)
class _Rule:
    source: str
    targets: list[str]
    key: str
    src_lang: str
    tgt_lang: str
    _pattern: TermPattern | None = None
    _targets: list[TermPattern] | None = None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the source term is in ``text``. Patterns are compiled on a rule's first
        use, so a large glossary costs only for the terms the text may contain."""
        if self._pattern is None:
            self._pattern = term_pattern(self.source, self.src_lang)
        return self._pattern.spans(text) if self._pattern is not None else []

    def translated(self, text: str) -> bool:
        if self._targets is None:
            self._targets = [
                p for p in (term_pattern(t, self.tgt_lang) for t in self.targets) if p is not None
            ]
        return any(p.spans(text) for p in self._targets)


def _rules(entries: Sequence[TermEntry], src_lang: str, tgt_lang: str) -> list[_Rule]:
    """Approved entries grouped by source term, targets pooled in the order first given."""
    rules: dict[str, _Rule] = {}
    for entry in entries:
        if entry.status is not TermStatus.APPROVED or not entry.source.strip():
            continue
        key = term_key(entry.source, src_lang)
        rule = rules.get(key)
        if rule is None:
            rule = rules[key] = _Rule(
                entry.source.strip(), [], f"{entry.source}|{entry.target}", src_lang, tgt_lang
            )
        for target in entry.targets:
            if target not in rule.targets:
                rule.targets.append(target)
    return [r for r in rules.values() if r.targets]


def _covered(spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The spans lying inside a longer span (sorted by start, then longest first, a span is
    covered when an earlier, different one reaches at least as far)."""
    covered: set[tuple[int, int]] = set()
    reach = -1
    for start, end in sorted(set(spans), key=lambda span: (span[0], -span[1])):
        if reach >= end:
            covered.add((start, end))
        reach = max(reach, end)
    return covered


def check_terms(bitext: Bitext, ctx: CheckContext) -> Iterator[Finding]:
    src_lang, tgt_lang = bitext.source.lang, bitext.target.lang
    reviewed = [e for e in bitext.glossary if e.status is TermStatus.APPROVED]
    rules = _rules([*ctx.glossary_for(src_lang, tgt_lang), *reviewed], src_lang, tgt_lang)
    if not rules:
        return
    index = TermIndex([r.source for r in rules], src_lang)
    for bead in bitext.beads:
        if bead.is_null:
            continue
        src_texts, tgt_texts = bitext.bead_texts(bead)
        src_text, tgt_text = " ".join(src_texts), " ".join(tgt_texts)
        candidates = [rules[k] for k in index.candidates(src_text)]
        present = [(r, r.spans(src_text)) for r in candidates]
        present = [(rule, spans) for rule, spans in present if spans]
        covered = _covered([span for _, spans in present for span in spans]) if len(present) > 1 else set()
        for rule, spans in present:
            if covered and all(span in covered for span in spans):
                continue
            if rule.translated(tgt_text):
                continue
            accepted = rule.targets
            yield Finding(
                check="term",
                severity=Severity.WARNING,
                message=f"glossary term {rule.source!r} is not translated as {' or '.join(map(repr, accepted))}",
                src=bead.src,
                tgt=bead.tgt,
                suggestion=f"use {accepted[0]!r} for {rule.source!r}",
                data={"term": rule.source, "expected": accepted, "key": rule.key},
            )

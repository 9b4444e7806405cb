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

from align.checks.registry import CheckContext, register
from align.checks.term_match import term_key, term_occurs, term_probe, term_spans
from align.model import Bitext, Finding, Severity, TermEntry, TermStatus


@dataclass(slots=True)
class _Rule:
    source: str
    targets: list[str]
    key: str
    probe: str


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
                entry.source.strip(), [], f"{entry.source}|{entry.target}", term_probe(entry.source, src_lang)
            )
        for target in entry.targets:
            if target not in rule.targets:
                rule.targets.append(target)
    return [r for r in rules.values() if r.targets]


def _uncovered(spans: list[tuple[int, int]], covering: list[tuple[int, int]]) -> bool:
    """Whether some span is not strictly inside a longer span of another term."""
    return any(not any(cs <= s and e <= ce and (ce - cs) > (e - s) for cs, ce in covering) for s, e in spans)


@register("term", Severity.WARNING, "glossary source terms whose agreed translation is absent from the pair")
def check_terms(bitext: Bitext, ctx: CheckContext) -> Iterator[Finding]:
    src_lang, tgt_lang = bitext.source.lang, bitext.target.lang
    reviewed = [e for e in bitext.glossary if e.status is TermStatus.APPROVED]
    rules = _rules([*ctx.glossary_for(src_lang, tgt_lang), *reviewed], src_lang, tgt_lang)
    if not rules:
        return
    for bead in bitext.beads:
        if bead.is_null:
            continue
        src_texts, tgt_texts = bitext.bead_texts(bead)
        src_text, tgt_text = " ".join(src_texts), " ".join(tgt_texts)
        folded = src_text.casefold()
        present = [(r, term_spans(r.source, src_text, src_lang)) for r in rules if r.probe in folded]
        present = [(rule, spans) for rule, spans in present if spans]
        all_spans = [span for _, spans in present for span in spans]
        for rule, spans in present:
            if len(present) > 1 and not _uncovered(spans, all_spans):
                continue
            if any(term_occurs(t, tgt_text, tgt_lang) for t in rule.targets):
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

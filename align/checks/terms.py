"""``term``: a glossary's source term occurs in a sentence but its agreed translation does not.

Korean attaches particles and endings to nouns (``대사관의``, ``대사관에서``), so on a Korean
side a term matches at the start of a word (eojeol), which strips those endings without a
morphological analyser; English matches whole words, ignoring case and a plural ``s``/``es``.
Entries come from ``--glossary``/config and from the project file's confirmed glossary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from align.checks.registry import CheckContext, register
from align.model import Bitext, Finding, Severity, TermEntry, TermStatus


@lru_cache(maxsize=4096)
def _pattern(term: str, lang: str) -> re.Pattern[str]:
    escaped = r"\s+".join(re.escape(part) for part in term.split())
    if lang in ("ko", "ja", "zh"):
        # At a word start; endings and particles may follow (대사관 matches 대사관의).
        return re.compile(r"(?<![\w])" + escaped)
    if term.endswith("y") and len(term) > 2:
        escaped = escaped[:-1] + "(?:y|ies)"  # embassy, embassies
    return re.compile(r"(?<![\w])" + escaped + r"(?:s|es|'s|’s)?(?![\w])", re.IGNORECASE)


def term_occurs(term: str, text: str, lang: str) -> bool:
    """Whether ``term`` is in ``text``, allowing the language's inflection at the word end."""
    return bool(_pattern(term, lang).search(text))


def _entries(bitext: Bitext, ctx: CheckContext) -> list[TermEntry]:
    reviewed = [e for e in bitext.glossary if e.status is TermStatus.APPROVED]
    return [*ctx.glossary, *reviewed]


@register("term", Severity.WARNING, "glossary source terms whose agreed translation is absent from the pair")
def check_terms(bitext: Bitext, ctx: CheckContext) -> Iterator[Finding]:
    entries = _entries(bitext, ctx)
    if not entries:
        return
    src_lang, tgt_lang = bitext.source.lang, bitext.target.lang
    for bead in bitext.beads:
        if bead.is_null:
            continue
        src_texts, tgt_texts = bitext.bead_texts(bead)
        src_text, tgt_text = " ".join(src_texts), " ".join(tgt_texts)
        for entry in entries:
            if not term_occurs(entry.source, src_text, src_lang):
                continue
            accepted = [t.strip() for t in entry.target.split("|") if t.strip()]
            if any(term_occurs(t, tgt_text, tgt_lang) for t in accepted):
                continue
            yield Finding(
                check="term",
                severity=Severity.WARNING,
                message=f"glossary term {entry.source!r} is not translated as {' or '.join(map(repr, accepted))}",
                src=bead.src,
                tgt=bead.tgt,
                suggestion=f"use {accepted[0]!r} for {entry.source!r}",
                data={"term": entry.source, "expected": accepted, "key": f"{entry.source}|{entry.target}"},
            )

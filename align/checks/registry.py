"""The catalogue of checks: each is a small function from a bitext to findings, registered by name
in ``CHECKS`` (an ``align.registry.Registry``) and living in the module of the same name.

Keeping checks in a registry lets the config switch them on and off by name, lets SARIF list
them as rules, and lets a new check be added in its own module without touching the runner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from align.config import DariConfig
from align.model import Bitext, Finding, Severity, TermEntry
from align.registry import Registry

if TYPE_CHECKING:
    import numpy as np

    from align.encoders import Encoder


@dataclass(slots=True)
class CheckContext:
    """What a check may read besides the bitext: settings, the user's glossary and, when the
    text was aligned with one, the encoder whose sentence vectors tell an alignment slip from
    real drift (checks work without it; see ``repairs``)."""

    config: DariConfig = field(default_factory=DariConfig)
    glossary: list[TermEntry] = field(default_factory=list)
    encoder: Encoder | None = None
    """The encoder that aligned the text (its vectors come from the cache ``dari align``
    filled), or None: then no repair and no second opinion, never another encoder's."""
    glossary_reader: Callable[[str, str], list[TermEntry]] | None = None
    """Entries of the user's glossary oriented for a language pair ``(source, target)``: a TBX
    or TMX holds both directions, and a batch of pairs may run both ways."""

    def glossary_for(self, src_lang: str, tgt_lang: str) -> list[TermEntry]:
        """The user's entries for a bitext in these languages (``glossary`` plus the reader's)."""
        if self.glossary_reader is None:
            return self.glossary
        return [*self.glossary, *self.glossary_reader(src_lang, tgt_lang)]

    def sentence_vectors(self, bitext: Bitext) -> tuple[np.ndarray, np.ndarray] | None:
        """Both sides' sentence vectors (rows L2-normed), or None without an encoder. Sentences
        the aligner encoded come from the vector cache, not from the model."""
        if self.encoder is None:
            return None
        src = self.encoder.encode([s.text for s in bitext.source.segments])
        tgt = self.encoder.encode([s.text for s in bitext.target.segments])
        return src, tgt


CheckFunction = Callable[[Bitext, CheckContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class CheckSpec:
    name: str
    function: CheckFunction
    severity: Severity
    description: str


CHECKS: Registry[CheckFunction] = Registry("check")
"""Every check, in report order: ``name -> module:function``, its default severity and a
one-line description (the config, ``--select``, SARIF rules and JUnit cases read this)."""
CHECKS.add(
    "missing",
    "align.checks.missing:check_missing",
    "source sentences or paragraphs with no counterpart in the target",
    severity=Severity.ERROR,
)
CHECKS.add(
    "extra",
    "align.checks.extra:check_extra",
    "target sentences or paragraphs with no counterpart in the source",
    severity=Severity.ERROR,
)
CHECKS.add(
    "number",
    "align.checks.number:check_numbers",
    "numbers, dates, amounts or percentages that differ inside a pair",
    severity=Severity.ERROR,
)
CHECKS.add(
    "name",
    "align.checks.name:check_names",
    "Latin-script names present in both texts but spelt differently",
    severity=Severity.ERROR,
)
CHECKS.add(
    "term",
    "align.checks.term:check_terms",
    "glossary source terms whose agreed translation is absent from the pair",
    severity=Severity.WARNING,
)
CHECKS.add(
    "untranslated",
    "align.checks.untranslated:check_untranslated",
    "target left in the source language, or stray foreign-script words",
    severity=Severity.WARNING,
)
CHECKS.add(
    "length",
    "align.checks.length:check_length",
    "pairs whose length ratio is an outlier for the document",
    severity=Severity.WARNING,
)
CHECKS.add(
    "confidence",
    "align.checks.confidence:check_confidence",
    "pairs the aligner scored far below the document's other pairs",
    severity=Severity.INFO,
)


def available_checks() -> dict[str, CheckSpec]:
    """Every registered check by name (imports the check modules on first use)."""
    return {
        e.name: CheckSpec(e.name, e.load(), e.meta.get("severity", Severity.ERROR), e.help) for e in CHECKS
    }

"""The catalogue of checks: each is a small function from a bitext to findings, registered by name.

Keeping checks in a registry lets the config switch them on and off by name, lets SARIF list
them as rules, and lets a new check be added in its own module without touching the runner.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from align.config import DariConfig
from align.model import Bitext, Finding, Severity, TermEntry

Similarity = Callable[[str, str], float]
"""``similarity(a, b)``: cosine similarity of two texts' sentence vectors, in [-1, 1]."""


@dataclass(slots=True)
class CheckContext:
    """What a check may read besides the bitext: settings, the user's glossary and, when the
    caller has an encoder loaded anyway, a text similarity (used to tell an alignment slip
    from real drift; checks work without it)."""

    config: DariConfig = field(default_factory=DariConfig)
    glossary: list[TermEntry] = field(default_factory=list)
    similarity: Similarity | None = None
    glossary_reader: Callable[[str, str], list[TermEntry]] | None = None
    """Entries of the user's glossary oriented for a language pair ``(source, target)``: a TBX
    or TMX holds both directions, and a batch of pairs may run both ways."""

    def glossary_for(self, src_lang: str, tgt_lang: str) -> list[TermEntry]:
        """The user's entries for a bitext in these languages (``glossary`` plus the reader's)."""
        if self.glossary_reader is None:
            return self.glossary
        return [*self.glossary, *self.glossary_reader(src_lang, tgt_lang)]


def encoder_similarity(encoder: Any) -> Similarity:
    """A ``Similarity`` from an ``align.encoders`` encoder (L2-normed vectors: dot = cosine)."""

    def similarity(a: str, b: str) -> float:
        vectors = encoder.encode([a, b])
        return float(vectors[0] @ vectors[1])

    return similarity


CheckFunction = Callable[[Bitext, CheckContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class CheckSpec:
    name: str
    function: CheckFunction
    severity: Severity
    description: str


_REGISTRY: dict[str, CheckSpec] = {}

# Modules that register checks when imported, in report order.
CHECK_MODULES = (
    "align.checks.coverage",
    "align.checks.number_check",
    "align.checks.names",
    "align.checks.terms",
    "align.checks.untranslated",
    "align.checks.outliers",
)


def register(name: str, severity: Severity, description: str) -> Callable[[CheckFunction], CheckFunction]:
    """Decorator: add a check under ``name`` with its default severity and a one-line description."""

    def decorate(function: CheckFunction) -> CheckFunction:
        _REGISTRY[name] = CheckSpec(name, function, severity, description)
        return function

    return decorate


def available_checks() -> dict[str, CheckSpec]:
    """Every registered check by name (imports the check modules on first use)."""
    for module in CHECK_MODULES:
        importlib.import_module(module)
    return dict(_REGISTRY)

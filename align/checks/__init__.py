"""Drift checks: where two versions of a text disagree (issue 4, ``dari check``).

Each check is a function ``(bitext, context) -> findings`` in its own module, registered by
name (``registry``); ``runner`` applies the configuration; ``report`` places findings in the
files; ``baseline`` suppresses known ones; ``reporters`` format them for people and CI.
"""

from __future__ import annotations

from align.checks.registry import CheckContext, CheckSpec, available_checks
from align.checks.report import LocatedFinding, Location, PairResult, locate, summarise
from align.checks.runner import run_checks
from align.model import Bitext

__all__ = [
    "CheckContext",
    "CheckSpec",
    "LocatedFinding",
    "Location",
    "PairResult",
    "available_checks",
    "check_bitext",
    "locate",
    "run_checks",
    "summarise",
]


def check_bitext(bitext: Bitext, ctx: CheckContext | None = None, name: str | None = None) -> PairResult:
    """Run the checks on one bitext and return its located findings as one report entry."""
    findings = run_checks(bitext, ctx)
    return PairResult(
        name=name or bitext.source.path or "pair",
        findings=[locate(bitext, f) for f in findings],
        source_file=bitext.source.path,
        target_file=bitext.target.path,
    )

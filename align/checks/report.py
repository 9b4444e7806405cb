"""Findings placed in the user's files: what every reporter (text, JSON, JUnit, GitHub, SARIF) reads.

A ``Finding`` names sentences by number; people and CI annotations need file, line, column and
the sentence text. ``locate`` resolves that once, so the reporters stay simple formatters.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from align.model import Bitext, Document, Finding, Severity

FAIL_LEVELS = {"error": 2, "warning": 1, "info": 0, "never": 99}


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding's sentences start in one file, and their text."""

    file: str | None
    line: int
    column: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "text": self.text}


@dataclass(frozen=True, slots=True)
class LocatedFinding:
    finding: Finding
    source: Location | None
    target: Location | None
    fingerprint: str

    @property
    def check(self) -> str:
        return self.finding.check

    @property
    def severity(self) -> Severity:
        return self.finding.severity

    @property
    def primary(self) -> Location | None:
        """The location an annotation points at: the source side when there is one."""
        return self.source or self.target


@dataclass(slots=True)
class PairResult:
    """One checked pair of files (or project): its name, findings, and error if it could not be read."""

    name: str
    findings: list[LocatedFinding] = field(default_factory=list)
    suppressed: int = 0
    error: str | None = None
    source_file: str | None = None
    target_file: str | None = None
    plot_png: bytes | None = None
    """the alignment plot, for reports that can show it (``--plot``)"""
    bitext: Bitext | None = None
    """the checked pair itself, for reports that show both whole texts (html)"""

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


def relative_path(path: str) -> str:
    """``path`` relative to the working directory when it lies inside it, with ``/`` separators:
    what GitHub annotations and SARIF viewers resolve against the repository root."""
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return p.as_posix()


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def fingerprint(check: str, src_text: str, tgt_text: str, key: str = "") -> str:
    """A finding's identity across runs: the check and the normalised sentence texts, never line
    numbers, so edits elsewhere in the file do not make a known finding look new."""
    payload = "\x1f".join((check, _normal(src_text), _normal(tgt_text), key))
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:20]


def _location(doc: Document, ids: tuple[int, ...]) -> Location | None:
    if not ids:
        return None
    line, column = doc.line_col(doc.segments[ids[0]].start)
    text = " ".join(doc.segments[i].text for i in ids)
    return Location(doc.path, line, column, text)


def locate(bitext: Bitext, finding: Finding) -> LocatedFinding:
    source = _location(bitext.source, finding.src)
    target = _location(bitext.target, finding.tgt)
    fp = fingerprint(
        finding.check,
        source.text if source else "",
        target.text if target else "",
        str(finding.data.get("key", "")),
    )
    return LocatedFinding(finding, source, target, fp)


def at_or_above(severity: Severity, fail_on: str) -> bool:
    return severity.rank >= FAIL_LEVELS[fail_on]


def summarise(pairs: list[PairResult], fail_on: str) -> dict[str, Any]:
    """Totals for the JSON summary, the text footer and the exit code."""
    by_check: dict[str, int] = {}
    by_severity = {s.value: 0 for s in Severity}
    for pair in pairs:
        for f in pair.findings:
            by_check[f.check] = by_check.get(f.check, 0) + 1
            by_severity[f.severity.value] += 1
    failing = sum(1 for p in pairs for f in p.findings if at_or_above(f.severity, fail_on))
    return {
        "pairs": len(pairs),
        "pairs_with_findings": sum(1 for p in pairs if p.findings),
        "unreadable_pairs": sum(1 for p in pairs if p.error),
        "findings": sum(len(p.findings) for p in pairs),
        "by_severity": by_severity,
        "by_check": dict(sorted(by_check.items())),
        "suppressed_by_baseline": sum(p.suppressed for p in pairs),
        "fail_on": fail_on,
        "failing": failing,
        "passed": failing == 0 and not any(p.error for p in pairs),
    }

"""``--format json``: ``{"findings": [...], "summary": {...}}``, one object per finding.

Each finding has ``check``, ``severity``, ``source``/``target`` (``{"line", "column", "text",
"file"}`` or null), ``message``, plus ``file`` (the pair), ``suggestion`` and ``fingerprint``
(what a baseline stores).
"""

from __future__ import annotations

import json
from typing import Any

from align.checks.report import PairResult, summarise


def findings_json(pairs: list[PairResult]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for pair in pairs:
        for f in pair.findings:
            out.append(
                {
                    "check": f.check,
                    "severity": f.severity.value,
                    "source": f.source.to_json() if f.source else None,
                    "target": f.target.to_json() if f.target else None,
                    "message": f.finding.message,
                    "suggestion": f.finding.suggestion,
                    "file": pair.name,
                    "fingerprint": f.fingerprint,
                }
            )
    return out


def render(pairs: list[PairResult], fail_on: str) -> str:
    summary = summarise(pairs, fail_on)
    errors = {p.name: p.error for p in pairs if p.error}
    if errors:
        summary["errors"] = errors
    return (
        json.dumps({"findings": findings_json(pairs), "summary": summary}, ensure_ascii=False, indent=2)
        + "\n"
    )

"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.

Each check is a rule in ``runs[0].tool.driver.rules``; each finding a result with ``ruleId``,
``level`` (error/warning/note), ``message``, the source sentence's location first and the
target's second, and ``partialFingerprints`` so viewers track a finding across commits.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from align.checks.registry import CHECKS
from align.checks.report import Location, PairResult, relative_path
from align.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """Relative to the working directory when inside it (what code scanning expects), else a file URI."""
    rel = relative_path(path)
    return Path(rel).resolve().as_uri() if Path(rel).is_absolute() else rel


def _location(loc: Location) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(loc.file or "")},
            "region": {"startLine": loc.line, "startColumn": loc.column, "snippet": {"text": loc.text}},
        }
    }


def render(pairs: list[PairResult], fail_on: str) -> str:
    names = CHECKS.names()
    rules = [
        {
            "id": entry.name,
            "name": entry.name,
            "shortDescription": {"text": entry.help},
            "defaultConfiguration": {"level": _LEVEL[entry.meta["severity"].value]},
        }
        for entry in CHECKS
    ]
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for pair in pairs:
        if pair.error:
            notifications.append({"level": "error", "message": {"text": f"{pair.name}: {pair.error}"}})
        for f in pair.findings:
            result: dict[str, Any] = {
                "ruleId": f.check,
                "level": _LEVEL[f.severity.value],
                "message": {"text": f.finding.message},
                "locations": [_location(loc) for loc in (f.source, f.target) if loc and loc.file],
                "partialFingerprints": {"dariFinding/v1": f.fingerprint},
            }
            if f.check in names:
                result["ruleIndex"] = names.index(f.check)
            results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "dari",
                "version": __version__,
                "rules": rules,
            }
        },
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    else:
        run["invocations"] = [{"executionSuccessful": True}]
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

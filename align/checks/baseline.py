"""Baselines: accept today's findings so that CI fails only on new ones, as linters do.

A baseline file lists fingerprints (check + normalised sentence texts, see
``report.fingerprint``) with how often each occurs; line numbers are not part of it, so
editing other parts of a file keeps known findings known. Counts matter: a second, new
occurrence of an already known finding is still reported.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from align.atomic import write_text_atomic
from align.checks.report import PairResult
from align.errors import InputError

FORMAT = "dari-baseline"
VERSION = 1


def dumps_baseline(pairs: list[PairResult]) -> str:
    entries: list[dict[str, Any]] = []
    for pair in pairs:
        for f in pair.findings:
            entries.append(
                {
                    "fingerprint": f.fingerprint,
                    "check": f.check,
                    "file": pair.name,
                    "source": f.source.text[:80] if f.source else None,
                    "target": f.target.text[:80] if f.target else None,
                }
            )
    return (
        json.dumps({"format": FORMAT, "version": VERSION, "findings": entries}, ensure_ascii=False, indent=1)
        + "\n"
    )


def write_baseline(path: str | Path, pairs: list[PairResult]) -> None:
    write_text_atomic(path, dumps_baseline(pairs))


def read_baseline(path: str | Path) -> Counter[str]:
    """Fingerprint counts from a baseline file; a malformed file is an input error."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: baseline file not found") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not a dari baseline file (JSON error at line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        # a 5000-digit number, arrays nested 100,000 deep, a file that is not UTF-8
        raise InputError(f"{path}: not a dari baseline file ({type(exc).__name__})") from None
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("findings"), list)
    ):
        raise InputError(f"{path}: not a dari baseline file")
    if data.get("version") != VERSION:
        raise InputError(f"{path}: baseline version {data.get('version')} is not supported")
    counts: Counter[str] = Counter()
    for entry in data["findings"]:
        if isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str):
            counts[entry["fingerprint"]] += 1
    return counts


def apply_baseline(pairs: list[PairResult], known: Counter[str]) -> None:
    """Drop findings the baseline knows (each known fingerprint absorbs one occurrence)."""
    remaining = Counter(known)
    for pair in pairs:
        kept = []
        for f in pair.findings:
            if remaining[f.fingerprint] > 0:
                remaining[f.fingerprint] -= 1
                pair.suppressed += 1
            else:
                kept.append(f)
        pair.findings = kept

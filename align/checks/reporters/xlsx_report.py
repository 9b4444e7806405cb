"""``--format xlsx``: the findings as a workbook for reviewers (needs ``dari[excel]``).

Sheet ``findings``, one row per finding: ``file, check, severity, message, suggestion,
source_location, source, target_location, target, fingerprint`` (locations as
``file:line:column``). Sheet ``summary``: the totals of the JSON report. Binary, so it is
written with ``-o FILE.xlsx`` only.
"""

from __future__ import annotations

from align.checks.report import Location, PairResult, summarise

FINDING_COLUMNS = (
    "file", "check", "severity", "message", "suggestion",
    "source_location", "source", "target_location", "target", "fingerprint",
)  # fmt: skip


def _where(loc: Location | None) -> str:
    return f"{loc.file or ''}:{loc.line}:{loc.column}" if loc else ""


def render(pairs: list[PairResult], fail_on: str) -> bytes:
    import polars as pl

    from align.formats.spreadsheet import Sheet, workbook_bytes

    rows: dict[str, list[str]] = {name: [] for name in FINDING_COLUMNS}
    for pair in pairs:
        for f in pair.findings:
            values = (
                pair.name, f.check, f.severity.value, f.finding.message, f.finding.suggestion or "",
                _where(f.source), f.source.text if f.source else "",
                _where(f.target), f.target.text if f.target else "", f.fingerprint,
            )  # fmt: skip
            for name, value in zip(FINDING_COLUMNS, values, strict=True):
                rows[name].append(value)
        if pair.error:
            for name in FINDING_COLUMNS:
                rows[name].append({"file": pair.name, "check": "unreadable", "severity": "error",
                                   "message": pair.error}.get(name, ""))  # fmt: skip
    findings = pl.DataFrame(rows, schema={name: pl.String for name in FINDING_COLUMNS})
    summary = summarise(pairs, fail_on)
    flat: list[tuple[str, str]] = []
    for key, value in summary.items():
        if isinstance(value, dict):
            flat.extend((f"{key}.{k}", str(v)) for k, v in value.items())
        else:
            flat.append((key, str(value)))
    summary_frame = pl.DataFrame({"key": [k for k, _ in flat], "value": [v for _, v in flat]})
    return workbook_bytes(
        [
            Sheet("findings", findings, wrap=("message", "suggestion", "source", "target")),
            Sheet("summary", summary_frame),
        ]
    )

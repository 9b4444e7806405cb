"""``--format github``: GitHub Actions workflow commands, shown as annotations on the PR diff.

``::error file=docs/ko/x.md,line=12,col=1,title=dari number::message``; warning and notice
for the other severities. Values are escaped as the Actions toolkit does.
"""

from __future__ import annotations

from align.checks.report import PairResult, relative_path, summarise

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(pairs: list[PairResult], fail_on: str) -> str:
    lines: list[str] = []
    for pair in pairs:
        if pair.error:
            lines.append(f"::error title=dari::{_data(pair.name + ': ' + pair.error)}")
        for f in pair.findings:
            props = []
            where = f.primary
            if where is not None and where.file:
                props += [
                    f"file={_prop(relative_path(where.file))}",
                    f"line={where.line}",
                    f"col={where.column}",
                ]
            props.append(f"title={_prop('dari ' + f.check)}")
            message = f.finding.message
            if f.source and f.target:
                message += f"\n{f.source.text}\n{f.target.text}"
            elif f.primary:
                message += f"\n{f.primary.text}"
            lines.append(f"::{_LEVEL[f.severity.value]} {','.join(props)}::{_data(message)}")
    s = summarise(pairs, fail_on)
    lines.append(
        f"dari check: {s['findings']} finding(s) in {s['pairs']} pair(s); "
        f"{s['failing']} at or above {fail_on}"
    )
    return "\n".join(lines) + "\n"

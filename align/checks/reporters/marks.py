"""Which words of a finding's two sentences to mark: the differing name, number or term.

The checks record what they compared in ``Finding.data`` (``source_name``/``target_name``,
``source_only``/``target_only``, ``term``); here those become character spans in each
sentence, so a report can highlight *inside* the text instead of beside it.
"""

from __future__ import annotations

import re

from align.checks.report import LocatedFinding

Span = tuple[int, int]


def _find(text: str, token: str) -> list[Span]:
    """Occurrences of ``token`` not glued to Latin letters or digits (``15`` not inside
    ``2015``; ``Remzi`` inside ``아제르바이잔Remzi`` still found)."""
    if not token.strip():
        return []
    escaped = re.escape(token.strip())
    pattern = rf"(?<![0-9A-Za-z]){escaped}(?![0-9A-Za-z])"
    spans = [m.span() for m in re.finditer(pattern, text)]
    if not spans:
        spans = [m.span() for m in re.finditer(escaped, text, flags=re.IGNORECASE)]
    return spans


def _tokens(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value if isinstance(v, str | int | float)]
    return []


def finding_tokens(finding: LocatedFinding) -> tuple[list[str], list[str]]:
    """The words a finding is about, on the source side and on the target side."""
    data = finding.finding.data
    src_tokens = (
        _tokens(data.get("source_name")) + _tokens(data.get("source_only")) + _tokens(data.get("term"))
    )
    return src_tokens, _tokens(data.get("target_name")) + _tokens(data.get("target_only"))


def spans_of(text: str, tokens: list[str]) -> list[Span]:
    """Where ``tokens`` occur in ``text``, sorted and not overlapping."""
    return _merge([s for t in tokens for s in _find(text, t)])


def finding_marks(finding: LocatedFinding) -> tuple[list[Span], list[Span]]:
    """Spans to mark in the source text and in the target text, sorted and not overlapping."""
    src_tokens, tgt_tokens = finding_tokens(finding)
    src = spans_of(finding.source.text, src_tokens) if finding.source else []
    tgt = spans_of(finding.target.text, tgt_tokens) if finding.target else []
    return src, tgt


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out

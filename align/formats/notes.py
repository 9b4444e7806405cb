"""Findings as TM notes and back: ``severity: check: message (suggestion: …)``.

A note is the only place a TMX or XLIFF file can carry a finding. The text form is chosen
so that :func:`parse_note` inverts :func:`format_note` exactly, which keeps the round trip
project -> TMX -> project -> TMX byte-identical. Notes that did not come from dari (a
translator's comment) come back as findings of check ``note`` and are written verbatim.
"""

from __future__ import annotations

import re

from align.formats.text_rules import clean_text
from align.model import Finding, Severity

NOTE_CHECK = "note"
_NOTE = re.compile(r"^(error|warning|info): ([^\s:]+): (.*)$", re.DOTALL)
_SUGGESTION = re.compile(r"^(.*) \(suggestion: (.*)\)$", re.DOTALL)


def format_note(finding: Finding) -> str:
    if finding.check == NOTE_CHECK:
        return clean_text(finding.message)
    text = f"{finding.severity.value}: {finding.check}: {finding.message}"
    if finding.suggestion is not None:
        text += f" (suggestion: {finding.suggestion})"
    return clean_text(text)


def parse_note(text: str, src: tuple[int, ...] = (), tgt: tuple[int, ...] = ()) -> Finding:
    m = _NOTE.match(text)
    if m is None or m.group(2) == NOTE_CHECK:
        return Finding(NOTE_CHECK, Severity.INFO, text, src, tgt)
    message, suggestion = m.group(3), None
    s = _SUGGESTION.match(message)
    if s is not None:
        message, suggestion = s.group(1), s.group(2)
    return Finding(m.group(2), Severity(m.group(1)), message, src, tgt, suggestion)

"""Reporters: the same findings as text for people, or JSON, JUnit XML, GitHub annotations, SARIF for CI.

Every reporter is ``render(pairs, fail_on) -> str`` (``bytes`` for the binary ones, such as
xlsx, which need ``-o``); the CLI prints the string or writes it atomically with ``-o``. They are looked up by format name, imported on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from align.checks.report import PairResult
from align.errors import UsageError

Renderer = Callable[[list[PairResult], str], str | bytes]

REPORTERS = {
    "text": "align.checks.reporters.text_report",
    "json": "align.checks.reporters.json_report",
    "junit": "align.checks.reporters.junit_report",
    "github": "align.checks.reporters.github_report",
    "sarif": "align.checks.reporters.sarif_report",
    "html": "align.checks.reporters.html_report",
    "xlsx": "align.checks.reporters.xlsx_report",
}

BINARY_REPORTS = frozenset({"xlsx"})
"""Formats whose report is bytes: written with ``-o`` only."""


def get_reporter(name: str) -> Renderer:
    """The ``render`` function of the named format."""
    if name not in REPORTERS:
        raise UsageError(f"unknown report format {name!r} (known: {', '.join(REPORTERS)})")
    render: Renderer = importlib.import_module(REPORTERS[name]).render
    return render

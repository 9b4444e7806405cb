"""Reporters: the same findings as text for people, or JSON, JUnit XML, GitHub annotations, SARIF for CI.

Every reporter is ``render(pairs, fail_on) -> str`` (``bytes`` for the binary ones, such as
xlsx, which need ``-o``); the CLI prints the string or writes it atomically with ``-o``. They
are registered in ``REPORTERS`` by format name and imported on first use.
"""

from __future__ import annotations

from collections.abc import Callable

from align.checks.report import PairResult
from align.registry import Registry

Renderer = Callable[[list[PairResult], str], str | bytes]

REPORTERS: Registry[Renderer] = Registry("report format")
REPORTERS.add("text", "align.checks.reporters.text_report:render", "for people (colour on a terminal)")
REPORTERS.add("json", "align.checks.reporters.json_report:render", "every finding with its location")
REPORTERS.add("junit", "align.checks.reporters.junit_report:render", "JUnit XML: one test case per check")
REPORTERS.add("github", "align.checks.reporters.github_report:render", "GitHub Actions annotations")
REPORTERS.add("sarif", "align.checks.reporters.sarif_report:render", "SARIF 2.1.0 for code scanning")
REPORTERS.add("html", "align.checks.reporters.html_report:render", "one self-contained page")
REPORTERS.add(
    "xlsx", "align.checks.reporters.xlsx_report:render", "Excel workbook (needs -o FILE)", binary=True
)

BINARY_REPORTS = frozenset(e.name for e in REPORTERS if e.meta.get("binary"))
"""Formats whose report is bytes: written with ``-o`` only."""


def get_reporter(name: str) -> Renderer:
    """The ``render`` function of the named format."""
    return REPORTERS.load(name)

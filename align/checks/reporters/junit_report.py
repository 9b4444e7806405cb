"""``--format junit``: JUnit XML, which most CI systems show as a test report.

One test suite per checked pair and one test case per check that ran; a case fails when the
check found something at or above ``--fail-on`` (all such findings listed in the failure),
and lesser findings go to ``system-out``. A pair that could not be read is an ``error``.
"""

from __future__ import annotations

from lxml import etree

from align.checks.registry import CHECKS
from align.checks.report import PairResult, at_or_above


def render(pairs: list[PairResult], fail_on: str) -> str:
    checks = CHECKS.names()
    root = etree.Element("testsuites", name="dari check")
    total_tests = total_failures = total_errors = 0
    for pair in pairs:
        suite = etree.SubElement(root, "testsuite", name=pair.name)
        tests = failures = errors = 0
        if pair.error:
            case = etree.SubElement(suite, "testcase", name="read", classname=pair.name)
            etree.SubElement(case, "error", message=pair.error)
            tests, errors = 1, 1
        else:
            ran = sorted({f.check for f in pair.findings} | set(checks), key=checks.index)
            for check in ran:
                tests += 1
                case = etree.SubElement(suite, "testcase", name=check, classname=pair.name)
                mine = [f for f in pair.findings if f.check == check]
                failing = [f for f in mine if at_or_above(f.severity, fail_on)]
                lines = []
                for f in mine:
                    loc = f.primary
                    at = f"{loc.file}:{loc.line}:{loc.column}: " if loc and loc.file else ""
                    lines.append(f"{at}{f.severity.value}: {f.finding.message}")
                    if f.source:
                        lines.append(f"    source: {f.source.text}")
                    if f.target:
                        lines.append(f"    target: {f.target.text}")
                if failing:
                    failures += 1
                    failure = etree.SubElement(
                        case, "failure", message=f"{len(failing)} finding(s)", type=failing[0].severity.value
                    )
                    failure.text = "\n".join(lines)
                elif lines:
                    out = etree.SubElement(case, "system-out")
                    out.text = "\n".join(lines)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        total_tests += tests
        total_failures += failures
        total_errors += errors
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", str(total_errors))
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml.decode("utf-8")

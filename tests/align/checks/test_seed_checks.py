"""Seed 001 with reference beads: exactly the drift the customer's text has, nothing else above info."""

from __future__ import annotations

from align.checks import check_bitext, run_checks
from align.model import Bitext, Severity


def test_seed_reports_the_known_drift(seed: Bitext) -> None:
    result = check_bitext(seed)
    above_info = [
        (f.check, f.severity.value, f.finding.message) for f in result.findings if f.severity.rank > 0
    ]
    checks = [c for c, _, _ in above_info]
    assert checks.count("missing") == 1
    assert checks.count("extra") == 1
    missing = next(f for f in result.findings if f.check == "missing")
    assert missing.source is not None and missing.source.text.startswith("Yongsan district")
    assert "Yongsan is also" in missing.source.text and missing.target is None
    extra = next(f for f in result.findings if f.check == "extra")
    assert extra.target is not None and extra.target.text == "Search in archive"
    names = {(f.finding.data["source_name"], f.finding.data["target_name"]) for f in result.findings
             if f.check == "name" and f.severity is Severity.ERROR}  # fmt: skip
    assert names == {("Ramzi", "Remzi"), ("Herald", "Heald")}
    numbers = [m for c, s, m in above_info if c == "number" and s == "error"]
    # two unrelated drifts of one pair, each its own finding (not "24th in the source, 15 in the target")
    assert sorted(numbers) == [
        "15 in the target has no counterpart in the source",
        "24th in the source has no counterpart in the target",
    ]
    years = [m for c, s, m in above_info if c == "number" and s == "warning"]
    assert len(years) == 3 and all("2016" in m for m in years)
    assert set(checks) == {"missing", "extra", "name", "number"}


def test_seed_case_only_name_is_info(seed: Bitext) -> None:
    infos = [f for f in run_checks(seed) if f.check == "name" and f.severity is Severity.INFO]
    assert [(f.data["source_name"], f.data["target_name"]) for f in infos] == [("BUTA", "Buta")]


def test_seed_locations_point_at_the_sentences(seed: Bitext) -> None:
    result = check_bitext(seed)
    extra = next(f for f in result.findings if f.check == "extra")
    assert extra.target is not None
    lines = seed.target.text.split("\n")
    assert lines[extra.target.line - 1][extra.target.column - 1 :].startswith("Search in archive")
    missing = next(f for f in result.findings if f.check == "missing")
    assert missing.source is not None and missing.source.line == 11 and missing.source.column == 1


def test_findings_come_in_document_order(seed: Bitext) -> None:
    lines = [f.source.line for f in check_bitext(seed).findings if f.source]
    assert lines == sorted(lines)

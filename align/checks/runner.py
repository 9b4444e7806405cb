"""Run the enabled checks on a bitext and apply the project's settings to what they find.

The checks themselves know nothing of configuration beyond their thresholds; here the config
switches checks off, replaces severities, and drops findings whose sentences match an ignore
pattern; the aligner's slips are repaired first, by the aligner's own policy (``repairs``). Findings come back in
document order.
"""

from __future__ import annotations

from collections.abc import Collection

from align.checks.registry import CheckContext, available_checks
from align.checks.repairs import repair_alignment
from align.errors import UsageError
from align.model import Bitext, Finding, Severity


def _order(bitext: Bitext) -> tuple[dict[int, int], dict[int, int]]:
    src_bead: dict[int, int] = {}
    tgt_bead: dict[int, int] = {}
    for k, bead in enumerate(bitext.beads):
        for i in bead.src:
            src_bead[i] = k
        for j in bead.tgt:
            tgt_bead[j] = k
    return src_bead, tgt_bead


def _ignored(bitext: Bitext, finding: Finding, ctx: CheckContext) -> bool:
    if not ctx.config.ignore:
        return False
    texts = [bitext.source.segments[i].text for i in finding.src]
    texts += [bitext.target.segments[j].text for j in finding.tgt]
    return any(p.search(t) for p in ctx.config.ignore for t in texts)


def run_checks(
    bitext: Bitext, ctx: CheckContext | None = None, only: Collection[str] | None = None
) -> list[Finding]:
    """All findings of the enabled checks (or just ``only``), configured and in document order."""
    ctx = ctx or CheckContext()
    bitext = repair_alignment(bitext, ctx)
    specs = available_checks()
    if only is not None:
        unknown = set(only) - set(specs)
        if unknown:
            raise UsageError(f"unknown check(s): {', '.join(sorted(unknown))} (known: {', '.join(specs)})")
    findings: list[Finding] = []
    for name, spec in specs.items():
        if (only is not None and name not in only) or (only is None and not ctx.config.is_enabled(name)):
            continue
        override = ctx.config.severity.get(name)
        for finding in spec.function(bitext, ctx):
            if _ignored(bitext, finding, ctx):
                continue
            if override is not None and finding.severity is not Severity.INFO:
                finding.severity = override
            findings.append(finding)
    src_bead, tgt_bead = _order(bitext)

    def position(f: Finding) -> tuple[int, int]:
        if f.src:
            return src_bead.get(f.src[0], 0), 0
        return tgt_bead.get(f.tgt[0], 0) if f.tgt else 0, 1

    findings.sort(key=position)
    return findings

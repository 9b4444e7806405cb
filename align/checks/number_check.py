"""``number``: numbers, dates, amounts and percentages that differ inside an aligned pair.

The facts come from ``align.checks.numbers`` (normalised across languages); what is left
unpaired after comparing them is drift. A year present on one side only (``February 20,
2016`` ↔ ``2월 20일``) is reported at the configurable ``year-severity``, because translators
often drop a year the reader can infer; any other difference is an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from align.checks.numbers import NumFact, compare_facts, extract_facts
from align.checks.registry import CheckContext, register
from align.model import Bitext, Finding, Severity


def _show(facts: list[NumFact]) -> str:
    return ", ".join(f.text for f in facts)


@register("number", Severity.ERROR, "numbers, dates, amounts or percentages that differ inside a pair")
def check_numbers(bitext: Bitext, ctx: CheckContext) -> Iterator[Finding]:
    src_lang, tgt_lang = bitext.source.lang, bitext.target.lang
    for bead in bitext.beads:
        if bead.is_null:
            continue
        src_texts, tgt_texts = bitext.bead_texts(bead)
        src_text, tgt_text = " ".join(src_texts), " ".join(tgt_texts)
        if src_text == tgt_text:
            continue
        diff = compare_facts(extract_facts(src_text, src_lang), extract_facts(tgt_text, tgt_lang))
        if diff.empty:
            continue
        years_src = [f for f in diff.source_only if f.year]
        years_tgt = [f for f in diff.target_only if f.year]
        if years_src and years_tgt:
            years_src = (
                years_tgt
            ) = []  # a year on each side that differ: a changed number, not a dropped year
        other_src = [f for f in diff.source_only if f not in years_src]
        other_tgt = [f for f in diff.target_only if f not in years_tgt]
        if years_src or years_tgt:
            where = "source" if years_src else "target"
            missing_in = "target" if years_src else "source"
            shown = _show(years_src or years_tgt)
            yield Finding(
                check="number",
                severity=ctx.config.year_severity,
                message=f"year {shown} appears in the {where} only; the {missing_in} has no year here",
                src=bead.src,
                tgt=bead.tgt,
                suggestion=f"add {shown} to the {missing_in}" if years_src and years_tgt == [] else None,
                data={"source_only": [f.text for f in years_src], "target_only": [f.text for f in years_tgt],
                      "key": "year:" + shown},
            )  # fmt: skip
        if other_src or other_tgt:
            if other_src and other_tgt:
                message = (
                    f"numbers differ: {_show(other_src)} in the source, {_show(other_tgt)} in the target"
                )
            elif other_src:
                message = f"{_show(other_src)} in the source has no counterpart in the target"
            else:
                message = f"{_show(other_tgt)} in the target has no counterpart in the source"
            yield Finding(
                check="number",
                severity=Severity.ERROR,
                message=message,
                src=bead.src,
                tgt=bead.tgt,
                data={"source_only": [f.text for f in other_src], "target_only": [f.text for f in other_tgt],
                      "key": f"{_show(other_src)}|{_show(other_tgt)}"},
            )  # fmt: skip

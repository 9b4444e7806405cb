"""``number``: numbers, dates, amounts and percentages that differ inside an aligned pair.

The facts come from ``align.checks.number_facts`` (normalised across languages); what is left
unpaired after comparing them is drift. A year present on one side only (``February 20,
2016`` ↔ ``2월 20일``) is reported at the configurable ``year-severity``, because translators
often drop a year the reader can infer; any other difference is an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from align.checks.number_facts import NumFact, compare_facts, extract_facts
from align.checks.registry import CheckContext
from align.model import Bitext, Finding, Severity


def _show(facts: list[NumFact]) -> str:
    return ", ".join(f.text for f in facts)


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
        if (
            len(other_src) == 1
            and len(other_tgt) == 1
            and _ordinal(other_src[0], src_text) == _ordinal(other_tgt[0], tgt_text)
        ):
            # one number on each side, of one kind: a number changed in translation ("9시 30분"
            # for "10:30")
            yield Finding(
                check="number",
                severity=Severity.ERROR,
                message=f"numbers differ: {_show(other_src)} in the source, {_show(other_tgt)} in the target",
                src=bead.src,
                tgt=bead.tgt,
                data={"source_only": [f.text for f in other_src], "target_only": [f.text for f in other_tgt],
                      "key": f"{_show(other_src)}|{_show(other_tgt)}"},
            )  # fmt: skip
            continue
        # Otherwise one finding per side: numbers of different kinds, or several, are separate
        # drifts ("24th" in the source and "15일간", fifteen days, in the target are unrelated),
        # and lumping them into one "numbers differ" misleads.
        for only, side, other in ((other_src, "source", "target"), (other_tgt, "target", "source")):
            if not only:
                continue
            shown = _show(only)
            yield Finding(
                check="number",
                severity=Severity.ERROR,
                message=f"{shown} in the {side} has no counterpart in the {other}",
                src=bead.src,
                tgt=bead.tgt,
                data={
                    "source_only": [f.text for f in only] if side == "source" else [],
                    "target_only": [f.text for f in only] if side == "target" else [],
                    "key": f"{shown}|" if side == "source" else f"|{shown}",
                },
            )


_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th", "e", "er", "ème", "º", "ª")
_ORDINAL_AFTER = ("주년", "번째", "째", "차", "周年", "回目", "番目")


def _ordinal(fact: NumFact, text: str) -> bool:
    """Whether a number is an ordinal or an anniversary ("24th", "24주년", "3번째")."""
    if fact.text.lower().endswith(_ORDINAL_SUFFIXES) and not fact.text[-1:].isdigit():
        return True
    after = text[fact.start + len(fact.text) : fact.start + len(fact.text) + 3].lstrip()
    return after.startswith(_ORDINAL_AFTER) or text[max(0, fact.start - 1) : fact.start] == "제"

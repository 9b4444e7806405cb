"""``missing``: source sentences with no counterpart in the target (``extra`` is its mirror).

These are the 1-0 and 0-1 beads. A run of consecutive ones is one finding (a dropped
paragraph is one omission, not five), and the message says "paragraph" when the run is a
whole paragraph. A run with no letters in it (a stray number, a rule of dashes) is only info.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator

from align.checks.registry import CheckContext
from align.model import Bead, Bitext, Document, Finding, Severity


def _runs(bitext: Bitext, side: str) -> Iterator[list[int]]:
    """Consecutive sentence ids on ``side`` that sit in null beads, as lists."""
    run: list[int] = []
    for bead in bitext.beads:
        ids = bead.src if side == "src" else bead.tgt
        other = bead.tgt if side == "src" else bead.src
        if ids and not other:
            run.extend(ids)
        elif run and (ids or other):
            yield run
            run = []
    if run:
        yield run


def _describe(doc: Document, ids: list[int]) -> str:
    paras = {doc.segments[i].para for i in ids}
    whole = all(
        {i for i, s in enumerate(doc.segments) if s.para == p and s.text.strip()} <= set(ids) for p in paras
    )
    n = len(ids)
    if whole and len({s.para for s in doc.segments}) > 1:
        return "a paragraph" if len(paras) == 1 else f"{len(paras)} paragraphs"
    return "a sentence" if n == 1 else f"{n} consecutive sentences"


def _log_ratio(s: int, t: int) -> float:
    return math.log((t + 5) / (s + 5))


def _lengths(bitext: Bitext, bead: Bead) -> tuple[int, int]:
    src, tgt = bitext.bead_texts(bead)
    return sum(map(len, src)), sum(map(len, tgt))


def _split_leftover(bitext: Bitext, side: str, run: list[int]) -> bool:
    """Whether an unpaired run most likely belongs to the neighbouring pair: it sits in the same
    paragraph as that pair's sentence on its side, and adding it brings the pair's length ratio
    closer to the document's usual ratio. That is a sentence split the aligner left unpaired
    (one English sentence translated as two Korean ones), not a dropped or added sentence.

    Not a repair: the beads stay as the aligner (and ``repairs``, its policy) left them, and
    the finding is still reported, at info. The aligner measured absorbing such sentences into
    the neighbouring pair and dropped it (``align.aligner.redecide``); this only says how
    sure the report is."""
    doc = bitext.source if side == "src" else bitext.target
    pairs = [b for b in bitext.beads if not b.is_null]
    if len(pairs) < 2:
        return False
    median = statistics.median(_log_ratio(*_lengths(bitext, b)) for b in pairs)
    run_len = sum(len(doc.segments[i].text) for i in run)
    paras = {doc.segments[i].para for i in run}
    for bead in pairs:
        ids = bead.src if side == "src" else bead.tgt
        if not (ids[-1] + 1 == run[0] or ids[0] - 1 == run[-1]):
            continue
        if {doc.segments[i].para for i in ids} != paras:
            continue
        s, t = _lengths(bitext, bead)
        before = abs(_log_ratio(s, t) - median)
        after = (
            abs(_log_ratio(s + run_len, t) - median)
            if side == "src"
            else abs(_log_ratio(s, t + run_len) - median)
        )
        if after < before:
            return True
    return False


def unpaired_findings(bitext: Bitext, ctx: CheckContext, side: str) -> Iterator[Finding]:
    doc = bitext.source if side == "src" else bitext.target
    other = bitext.target if side == "src" else bitext.source
    check = "missing" if side == "src" else "extra"
    for run in _runs(bitext, side):
        texts = [doc.segments[i].text for i in run]
        if not any(t.strip() for t in texts):
            continue
        what = _describe(doc, run)
        has_letters = any(ch.isalpha() for t in texts for ch in t)
        leftover = has_letters and _split_leftover(bitext, side, run)
        if check == "missing":
            message = f"{what} of the {doc.lang} text has no counterpart in the {other.lang} text"
            suggestion = f"translate it into {other.lang}, or remove it from the {doc.lang} text"
        else:
            message = f"{what} of the {doc.lang} text has no counterpart in the {other.lang} text"
            suggestion = f"check whether it was added on purpose; otherwise remove it or add it to the {other.lang} text"
        if leftover:
            message += "; it is probably part of the neighbouring pair (a sentence split left unpaired)"
        yield Finding(
            check=check,
            severity=Severity.ERROR if has_letters and not leftover else Severity.INFO,
            message=message,
            src=tuple(run) if side == "src" else (),
            tgt=tuple(run) if side == "tgt" else (),
            suggestion=suggestion,
            data={"sentences": len(run)},
        )


def check_missing(bitext: Bitext, ctx: CheckContext) -> Iterator[Finding]:
    return unpaired_findings(bitext, ctx, "src")

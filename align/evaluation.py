"""Scoring an alignment against a gold one: strict and lax precision, recall and F1.

The convention is the one every published sentence-alignment figure uses (Sennrich & Volk
2011, as implemented by Vecalign's ``score.py``), so that our numbers compare with theirs:
precision is counted over all predicted beads (1-0/0-1 included), recall over gold beads that
are not 1-0/0-1; strict means an exact bead match, lax means the predicted bead overlaps a gold
bead on both sides. Several files are scored micro-averaged (counts summed, then ratios).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from align.model import Bead

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class Counts:
    """Raw counts behind the ratios; they add up across files."""

    tp_strict: int = 0
    fp_strict: int = 0
    tp_lax: int = 0
    fp_lax: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp_strict + other.tp_strict,
            self.fp_strict + other.fp_strict,
            self.tp_lax + other.tp_lax,
            self.fp_lax + other.fp_lax,
        )


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Scores:
    """Strict and lax precision/recall/F1, with the counts they come from."""

    strict_p: float
    strict_r: float
    strict_f1: float
    lax_p: float
    lax_r: float
    lax_f1: float
    precision_counts: Counts
    recall_counts: Counts
    n_gold: int
    n_pred: int

    @classmethod
    def from_counts(cls, pc: Counts, rc: Counts, n_gold: int, n_pred: int) -> Scores:
        sp = _ratio(pc.tp_strict, pc.tp_strict + pc.fp_strict)
        lp = _ratio(pc.tp_lax, pc.tp_lax + pc.fp_lax)
        sr = _ratio(rc.tp_strict, rc.tp_strict + rc.fp_strict)
        lr = _ratio(rc.tp_lax, rc.tp_lax + rc.fp_lax)
        return cls(sp, sr, _f1(sp, sr), lp, lr, _f1(lp, lr), pc, rc, n_gold, n_pred)

    def to_dict(self) -> dict[str, Any]:
        """Scores and counts; the recall counts are named for what they count: gold beads
        found and missed (``fn_*``), not false positives."""
        out = asdict(self)
        rc = self.recall_counts
        out["recall_counts"] = {
            "tp_strict": rc.tp_strict,
            "fn_strict": rc.fp_strict,
            "tp_lax": rc.tp_lax,
            "fn_lax": rc.fp_lax,
        }
        return out


def _pairs(beads: Iterable[Bead | BeadPair]) -> list[BeadPair]:
    out: list[BeadPair] = []
    for b in beads:
        if isinstance(b, Bead):
            out.append((tuple(b.src), tuple(b.tgt)))
        else:
            out.append((tuple(b[0]), tuple(b[1])))
    return out


def _precision_counts(gold: Sequence[BeadPair], test: Sequence[BeadPair]) -> Counts:
    """Vecalign's ``_precision``: each distinct non-empty test bead is a strict hit if it is a
    gold bead, a lax hit if some of its targets are gold partners of some of its sources."""
    gold_set = {g for g in gold if g[0] or g[1]}
    test_set = {t for t in test if t[0] or t[1]}
    partners: dict[int, set[int]] = defaultdict(set)
    for g_src, g_tgt in gold_set:
        for s in g_src:
            partners[s].update(g_tgt)
    tps = fps = tpl = fpl = 0
    for bead in test_set:
        if bead in gold_set:
            tps += 1
            tpl += 1
            continue
        fps += 1
        targets: set[int] = set()
        for s in bead[0]:
            targets |= partners.get(s, set())
        if targets.intersection(bead[1]):
            tpl += 1
        else:
            fpl += 1
    return Counts(tps, fps, tpl, fpl)


def count_file(gold: Iterable[Bead | BeadPair], pred: Iterable[Bead | BeadPair]) -> tuple[Counts, Counts]:
    """Precision and recall counts for one document (add these up for micro averages)."""
    g = _pairs(gold)
    p = _pairs(pred)
    pc = _precision_counts(g, p)
    # recall is precision with the roles swapped and null beads left out on both sides
    rc = _precision_counts([b for b in p if b[0] and b[1]], [b for b in g if b[0] and b[1]])
    return pc, rc


def score_beads(gold: Iterable[Bead | BeadPair], pred: Iterable[Bead | BeadPair]) -> Scores:
    """Strict/lax P/R/F1 of one predicted alignment against its gold alignment."""
    return score_many([(gold, pred)])


def score_many(
    pairs: Iterable[tuple[Iterable[Bead | BeadPair], Iterable[Bead | BeadPair]]],
) -> Scores:
    """Micro-averaged scores over several (gold, pred) documents, as Vecalign sums counts."""
    pc_total = Counts()
    rc_total = Counts()
    n_gold = n_pred = 0
    for gold, pred in pairs:
        g = _pairs(gold)
        p = _pairs(pred)
        pc, rc = count_file(g, p)
        pc_total += pc
        rc_total += rc
        n_gold += len(g)
        n_pred += len(p)
    return Scores.from_counts(pc_total, rc_total, n_gold, n_pred)


def merge_by_units(
    beads: Iterable[Bead | BeadPair], src_units: Sequence[str], tgt_units: Sequence[str]
) -> list[BeadPair]:
    """Merge consecutive beads that fall inside one unit (a Bible verse) into one bead.

    Gold for the Bible corpus is at verse level while aligners work on sentences; as in
    Bertalign's evaluation, predicted beads are grouped into connected runs that share a
    verse id on either side, so that a verse split into two sentences does not count as an
    error. Null beads whose sentence shares a unit with a neighbouring bead join that run.
    """
    pairs = _pairs(beads)
    merged: list[BeadPair] = []
    cur_src: list[int] = []
    cur_tgt: list[int] = []
    cur_units: set[str] = set()
    for src, tgt in pairs:
        units = {src_units[i] for i in src} | {tgt_units[j] for j in tgt}
        if (cur_src or cur_tgt) and units & cur_units:
            cur_src.extend(src)
            cur_tgt.extend(tgt)
            cur_units |= units
            continue
        if cur_src or cur_tgt:
            merged.append((tuple(cur_src), tuple(cur_tgt)))
        cur_src, cur_tgt, cur_units = list(src), list(tgt), units
    if cur_src or cur_tgt:
        merged.append((tuple(cur_src), tuple(cur_tgt)))
    return merged


@dataclass
class NullCounts:
    """Sentences that must stay unpaired (dropped or inserted ones) against those the aligner
    left unpaired; summed over files with ``+=``. The benches and the accuracy tests report
    the same three ratios from these counts, so "false nulls" means one thing everywhere."""

    found: int = 0
    """Sentences that must stay unpaired and were left unpaired."""
    expected: int = 0
    """Sentences that must stay unpaired."""
    predicted: int = 0
    """Sentences the aligner left unpaired."""
    false: int = 0
    """Sentences of gold pairs that the aligner left unpaired."""
    paired: int = 0
    """Sentences in gold pairs."""

    def __iadd__(self, other: NullCounts) -> NullCounts:
        for name in ("found", "expected", "predicted", "false", "paired"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def recall(self) -> float:
        """Share of the sentences that must stay unpaired that were left unpaired."""
        return self.found / self.expected if self.expected else 1.0

    @property
    def false_rate(self) -> float:
        """Share of the sentences of gold pairs that were left unpaired."""
        return self.false / self.paired if self.paired else 0.0


def count_nulls(
    gold: Sequence[BeadPair], pred: Sequence[BeadPair], nulls: Iterable[tuple[str, int]]
) -> NullCounts:
    """``NullCounts`` of one file; ``nulls``: the ``("src"|"tgt", index)`` sentences that must
    stay unpaired."""
    left = {("src", b[0][0]) for b in pred if b[0] and not b[1]}
    left |= {("tgt", b[1][0]) for b in pred if b[1] and not b[0]}
    must = set(nulls)
    in_pairs = {("src", i) for s, t in gold if s and t for i in s}
    in_pairs |= {("tgt", j) for s, t in gold if s and t for j in t}
    return NullCounts(
        found=len(left & must),
        expected=len(must),
        predicted=len(left),
        false=len(left & in_pairs),
        paired=len(in_pairs),
    )

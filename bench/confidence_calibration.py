"""How well the aligner's bead scores are calibrated, per evaluation set.

    python bench/confidence_calibration.py                      # Text+Berg and FLORES, dev and test
    python bench/confidence_calibration.py --sets textberg-test --encoder e5

A bead counts as right when it is exactly a gold bead. For pairs and for unpaired sentences
separately: how many, the share right, the mean score, the expected calibration error (10
equal-width bins: the gap between mean score and share right, weighted by bin size) and the
AUC (how well scores rank right beads above wrong ones). Calibration is judged per set, not on
the sets pooled: pooling lets one set's over-confidence cancel another's under-confidence.
The Bible is left out: its gold is at verse level, so sentence beads cannot match it exactly.
Vectors come from the cache of ``align_accuracy.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_accuracy import align_case, load_set, parse_overrides

from align.aligner import AlignParams


def expected_calibration_error(scores: np.ndarray, right: np.ndarray, bins: int = 10) -> float:
    which = np.minimum((scores * bins).astype(int), bins - 1)
    total = 0.0
    for k in range(bins):
        m = which == k
        if m.any():
            total += m.mean() * abs(float(scores[m].mean()) - float(right[m].mean()))
    return total


def auc(scores: np.ndarray, right: np.ndarray) -> float:
    pos, neg = scores[right], scores[~right]
    if not len(pos) or not len(neg):
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).mean()
    ties = (pos[:, None] == neg[None, :]).mean()
    return float(greater + 0.5 * ties)


def set_beads(
    name: str, encoder: str, params: AlignParams
) -> tuple[list[float], list[bool], list[float], list[bool]]:
    pair_s, pair_ok, null_s, null_ok = [], [], [], []
    for c in load_set(name):
        beads = align_case(c, encoder, params)
        gold = set(c.gold)
        for b in beads:
            right = (b.src, b.tgt) in gold
            if b.src and b.tgt:
                pair_s.append(b.score)
                pair_ok.append(right)
            else:
                null_s.append(b.score)
                null_ok.append(right)
    return pair_s, pair_ok, null_s, null_ok


def _line(kind: str, scores: list[float], right: list[bool]) -> str:
    if not scores:
        return f"{kind} none"
    s, r = np.array(scores), np.array(right, dtype=bool)
    return (
        f"{kind} n={len(s)} right {r.mean():.3f} mean score {s.mean():.3f} "
        f"ECE {expected_calibration_error(s, r):.3f} AUC {auc(s, r):.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", default="use")
    ap.add_argument(
        "--sets", nargs="+", default=["textberg-dev", "flores-dev", "textberg-test", "flores-test"]
    )
    ap.add_argument("--set", dest="overrides", action="append", default=[], metavar="PARAM=VALUE")
    args = ap.parse_args(argv)
    params = parse_overrides(args.overrides)
    for name in args.sets:
        pair_s, pair_ok, null_s, null_ok = set_beads(name, args.encoder, params)
        print(
            f"{name:14s} {args.encoder:4s} {_line('pairs', pair_s, pair_ok)} | {_line('unpaired', null_s, null_ok)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Mutation check for the check thresholds: move each one a little (and a lot) and see a test fail.

    python bench/mutate_thresholds.py

Each line says CAUGHT (the check tests failed with the threshold moved) or MISSED. The file is
restored after every run. Not part of the test suite: it runs the check tests ~28 times.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
muts = [
    ("align/config.py", '"length-z": 4.5', ['"length-z": 9.0', '"length-z": 4.2', '"length-z": 4.8']),
    (
        "align/config.py",
        '"length-factor": 2.5',
        ['"length-factor": 5.0', '"length-factor": 2.4', '"length-factor": 2.6'],
    ),
    (
        "align/config.py",
        '"length-min-chars": 25',
        ['"length-min-chars": 50', '"length-min-chars": 24', '"length-min-chars": 26'],
    ),
    (
        "align/config.py",
        '"confidence-z": 4.0',
        ['"confidence-z": 8.0', '"confidence-z": 3.8', '"confidence-z": 4.2'],
    ),
    (
        "align/config.py",
        '"confidence-max-score": 0.35',
        ['"confidence-max-score": 0.7', '"confidence-max-score": 0.33', '"confidence-max-score": 0.37'],
    ),
    (
        "align/config.py",
        '"name-similarity": 0.85',
        ['"name-similarity": 0.70', '"name-similarity": 0.84', '"name-similarity": 0.86'],
    ),
    ("align/config.py", '"name-min-length": 4', ['"name-min-length": 5', '"name-min-length": 3']),
    (
        "align/checks/length.py",
        "LENGTH_MAD_FLOOR = 0.2",
        ["LENGTH_MAD_FLOOR = 0.4", "LENGTH_MAD_FLOOR = 0.1"],
    ),
    ("align/checks/length.py", "_MAD_TO_SIGMA = 1.4826", ["_MAD_TO_SIGMA = 1.0", "_MAD_TO_SIGMA = 1.6"]),
    (
        "align/checks/confidence.py",
        "SCORE_MAD_FLOOR = 0.05",
        ["SCORE_MAD_FLOOR = 0.1", "SCORE_MAD_FLOOR = 0.2"],
    ),
    ("align/checks/number_facts.py", 'Decimal("0.06")', ['Decimal("0.12")', 'Decimal("0.05")']),
]


def main() -> int:
    missed = 0
    for rel, old, news in muts:
        path = ROOT / rel
        src = path.read_text(encoding="utf-8")
        assert old in src, (rel, old)
        for new in news:
            try:
                path.write_text(src.replace(old, new), encoding="utf-8")
                cmd = [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-x",
                    "-p",
                    "no:cacheprovider",
                    "tests/align/checks",
                ]
                r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
            finally:
                path.write_text(src, encoding="utf-8")
            missed += r.returncode == 0
            print(f"{'CAUGHT' if r.returncode else 'MISSED'}  {new}", flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

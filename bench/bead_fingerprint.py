"""One hash per document of the beads (and confidences, 6 dp) the aligner gives today.

A refactor of the aligner that claims to change nothing proves it here: record before,
check after, every hash must be identical.

    python bench/bead_fingerprint.py --out /tmp/before.json        # record
    python bench/bead_fingerprint.py --check /tmp/before.json      # exit 1 on any difference

Documents: seed 001 end to end (``dari align data/seed001/bilingual.txt``'s path: reading,
splitting, USE, anchors, concatenations), and every document of the accuracy sets of
``align_accuracy.py`` (Text+Berg dev and test, FLORES synthetic dev and devtest, Bible) on
their cached vectors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from align_accuracy import align_case, load_set  # noqa: E402

from align.aligner import AlignParams  # noqa: E402

SETS = ("textberg-dev", "textberg-test", "flores-dev", "flores-test", "bible")


def bead_hash(beads: list[Any]) -> str:
    text = "\n".join(
        f"{','.join(map(str, b.src))}:{','.join(map(str, b.tgt))}:{round(float(b.score), 6):.6f}"
        for b in beads
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def fingerprints(sets: tuple[str, ...]) -> dict[str, str]:
    from align.pipeline import InputOptions, load_bitext

    out: dict[str, str] = {}
    seed = load_bitext([ROOT / "data/seed001/bilingual.txt"], InputOptions())
    out["seed001"] = bead_hash(seed.beads)
    print(f"seed001 {out['seed001']}", flush=True)
    for name in sets:
        for case in load_set(name):
            key = f"{name}/{case.name}"
            out[key] = bead_hash(align_case(case, "use", AlignParams()))
            print(f"{key} {out[key]}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="write the hashes here (JSON)")
    ap.add_argument("--check", type=Path, help="compare with hashes written earlier; exit 1 on a difference")
    ap.add_argument("--sets", nargs="+", default=list(SETS))
    args = ap.parse_args(argv)
    got = fingerprints(tuple(args.sets))
    if args.out:
        args.out.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.check:
        want = json.loads(args.check.read_text(encoding="utf-8"))
        diff = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
        print(f"{len(got)} documents, {len(diff)} differ" + (f": {', '.join(diff)}" if diff else ""))
        return 1 if diff else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

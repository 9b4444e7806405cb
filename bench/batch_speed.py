"""Many pairs in one run: FLORES-200 devtest (281 English-Korean documents) through ``dari align --batch``.

    python bench/batch_speed.py [--sample 12] [--no-ray] [--out bench/results/batch_speed.json]

Measures, each as its own ``dari`` process (what a user runs), wall time:
- ``--jobs 1`` and ``--jobs 2`` into fresh output directories (speed-up = jobs1 / jobs2);
- a rerun of ``--jobs 2`` with nothing changed (every pair kept; share of the first run);
- ``--engine ray --jobs 2`` on a private local Ray instance (its start included), and whether
  its projects are byte-identical to ``--jobs 1``'s;
- one ``dari align SRC TGT -o X`` process per pair on a fixed sample of ``--sample`` pairs
  (every 281/sample-th document), extrapolated to all 281 by the sample's mean.
The machine's load average before and after is recorded: the CPU is shared, so compare runs
made at the same load only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVTEST = Path("/work/shared/corpora/flores200-en-ko/docs/devtest")


def _dari(*args: str) -> float:
    # The vector store would serve --jobs 2 what --jobs 1 encoded: every run encodes afresh.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DARI_VECTOR_STORE": "off"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "align", *args], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"dari {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return seconds


def _projects(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.rglob("*.dari.json"))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=12, help="pairs run as one process each")
    ap.add_argument("--no-ray", action="store_true")
    ap.add_argument("--corpus", type=Path, default=DEVTEST)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "batch_speed.json")
    args = ap.parse_args(argv)
    pairs = sorted(p for p in args.corpus.glob("*.en"))
    result: dict[str, object] = {"pairs": len(pairs), "load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="dari-batch-bench-") as tmp:
        work = Path(tmp)
        common = ["align", "--batch", str(args.corpus), "-q"]
        result["jobs1_s"] = _dari(*common, "-o", str(work / "j1"), "--jobs", "1")
        result["jobs2_s"] = _dari(*common, "-o", str(work / "j2"), "--jobs", "2")
        result["rerun_s"] = _dari(*common, "-o", str(work / "j2"), "--jobs", "2")
        same = _projects(work / "j1") == _projects(work / "j2")
        result["jobs2_identical_to_jobs1"] = same
        if not args.no_ray:
            result["ray_s"] = _dari(*common, "-o", str(work / "ray"), "--engine", "ray", "--jobs", "2")
            result["ray_identical_to_jobs1"] = _projects(work / "j1") == _projects(work / "ray")
        step = max(1, len(pairs) // args.sample)
        sample = pairs[::step][: args.sample]
        singles = []
        for en in sample:
            out = work / "single" / (en.name + ".dari.json")
            out.parent.mkdir(exist_ok=True)
            singles.append(_dari("align", str(en), str(en.with_suffix(".ko")), "-o", str(out), "-q"))
        result["per_process_sample"] = len(singles)
        result["per_process_mean_s"] = sum(singles) / len(singles)
        result["per_process_all_s"] = result["per_process_mean_s"] * len(pairs)  # type: ignore[operator]
        shutil.rmtree(work / "single", ignore_errors=True)
    result["load_after"] = os.getloadavg()
    j1, j2 = float(result["jobs1_s"]), float(result["jobs2_s"])  # type: ignore[arg-type]
    result["speedup_jobs2"] = j1 / j2
    result["speedup_vs_per_process"] = float(result["per_process_all_s"]) / j2  # type: ignore[arg-type]
    result["rerun_share"] = float(result["rerun_s"]) / j2  # type: ignore[arg-type]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

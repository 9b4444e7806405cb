"""Export speed and memory at scale: a 100,000-bead project to TMX (target: < 5 s, < 500 MB).

Builds a synthetic project from the seed 001 sentences (recycled, numbered so no two
units are equal; 1-1 beads with every 20th bead 2-1, every 50th 1-0, a finding on every
100th), saves it, then runs ``dari export PROJECT -o OUT.tmx`` in a fresh process, so the
figures are what a user sees: time from start to exit, the process's CPU time (user +
system; steadier than wall time on a busy machine) and its peak RSS (``ru_maxrss``).

    python bench/export_speed.py [--beads 100000] [--to tmx] [--keep DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from align.model import Bead, BeadStatus, Bitext, Document, Finding, Severity, segments_from_lines  # noqa: E402
from align.project import load_project, save_project  # noqa: E402


def build(n_beads: int) -> Bitext:
    seed = load_project(REPO / "tests" / "golden" / "seed001.dari.json")
    en = [s.text for s in seed.source.segments]
    ko = [s.text for s in seed.target.segments[:-1]]
    src: list[str] = []
    tgt: list[str] = []
    beads: list[Bead] = []
    findings: list[Finding] = []
    statuses = list(BeadStatus)
    for k in range(n_beads):
        n_src, n_tgt = (2, 1) if k % 20 == 19 else (1, 0) if k % 50 == 49 else (1, 1)
        s_ids = tuple(range(len(src), len(src) + n_src))
        t_ids = tuple(range(len(tgt), len(tgt) + n_tgt))
        src.extend(f"({k}.{i}) {en[(k + i) % len(en)]}" for i in range(n_src))
        tgt.extend(f"({k}) {ko[k % len(ko)]} <&>" for _ in range(n_tgt))
        beads.append(Bead(s_ids, t_ids, (k % 997) / 997, statuses[k % 3]))
        if k % 100 == 0:
            findings.append(Finding("numbers", Severity.WARNING, f"number {k} differs", s_ids, t_ids))
    src_text, src_segs = segments_from_lines(src)
    tgt_text, tgt_segs = segments_from_lines(tgt)
    return Bitext(
        Document("en", src_text, src_segs), Document("ko", tgt_text, tgt_segs), beads, findings=findings
    )


def _breakdown(project: Path, fmt_name: str) -> None:
    """Where the time goes: reading the project file vs producing the export."""
    from align.formats.registry import get_format
    from align.formats.selection import ExportOptions

    t0 = time.perf_counter()
    bitext = load_project(project)
    t1 = time.perf_counter()
    size = 0
    for chunk in get_format(fmt_name).write_chunks(bitext, ExportOptions(include_unpaired=True)):
        size += len(chunk.encode("utf-8"))
    t2 = time.perf_counter()
    print(f"  of which: load_project {t1 - t0:.2f} s, {fmt_name} writer + UTF-8 encode {t2 - t1:.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--beads", type=int, default=100_000)
    parser.add_argument("--to", default="tmx", help="format to export (tmx, csv, tsv, xliff, beads)")
    parser.add_argument("--keep", type=Path, help="write the project and output here instead of a temp dir")
    parser.add_argument(
        "--breakdown", action="store_true", help="also time loading and writing in this process"
    )
    parser.add_argument("--build-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        save_project(build(args.beads), args.build_only)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        project = work / "bench.dari.json"
        # Build in its own process: Linux carries a parent's peak RSS into a forked child's
        # ru_maxrss, so this process must stay small for the export's figure to be its own.
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, __file__, "--beads", str(args.beads), "--build-only", str(project)], check=True
        )
        built = time.perf_counter() - t0
        out = work / f"bench.{args.to}"
        # `dari export` in a fresh interpreter that reports its own peak RSS when done
        probe = (
            "import resource, sys; from align.cli import main; rc = main(sys.argv[1:]); "
            "u = resource.getrusage(resource.RUSAGE_SELF); "
            "print(u.ru_utime + u.ru_stime, u.ru_maxrss, file=sys.stderr); sys.exit(rc)"
        )
        cmd = [
            sys.executable,
            "-c",
            probe,
            "export",
            str(project),
            "-o",
            str(out),
            "--to",
            args.to,
            "--include-unpaired",
            "--date",
            "20260101T000000Z",
        ]
        t1 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
        elapsed = time.perf_counter() - t1
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        cpu_s, peak_kb = proc.stderr.strip().splitlines()[-1].split()
        peak_mb = int(peak_kb) / 1024
        units = out.read_text(encoding="utf-8").count("<tu ") if args.to == "tmx" else None
        print(
            f"project: {args.beads} beads, {project.stat().st_size / 1e6:.1f} MB JSON (built in {built:.1f} s)"
        )
        print(
            f"export --to {args.to}: {elapsed:.2f} s wall (process start to exit), {float(cpu_s):.2f} s CPU, "
            f"peak RSS {peak_mb:.0f} MB, "
            f"output {out.stat().st_size / 1e6:.1f} MB" + (f", {units} tu" if units is not None else "")
        )
        if args.breakdown:
            _breakdown(project, args.to)
        ok = elapsed < 5.0 and peak_mb < 500
        print("targets (< 5 s, < 500 MB):", "met" if ok else "NOT met")
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark report: time and memory against text size (log-log, with the linear reference),
the batch speed-ups and the Ray run, as Markdown and a PNG.

    python bench/scale_report.py [--sizes 1000 10000 100000] [--run] [--batch]
        [--results bench/results] [--encoder use]

``--run`` measures each size with ``bench/align_speed.py scale --n N`` (one process per size,
so each peak RSS is its own) and appends to ``RESULTS/scale.jsonl``; without it the report is
drawn from the lines already there (the latest line per size). ``--batch`` runs
``bench/batch_speed.py`` first; otherwise ``RESULTS/batch_speed.json`` is read if present.
Writes ``RESULTS/scale_report.md`` and ``RESULTS/scale_report.png``. matplotlib is needed
(``pip install 'dari[bench]'``) and imported only here.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _measure(sizes: list[int], encoder: str, lines: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for n in sizes:
        cmd = [sys.executable, str(ROOT / "bench" / "align_speed.py"), "scale", "--n", str(n)]
        subprocess.run([*cmd, "--encoder", encoder, "--json", str(lines)], env=env, check=True)


def _latest(lines: Path, encoder: str) -> list[dict[str, Any]]:
    rows: dict[int, dict[str, Any]] = {}
    if lines.is_file():
        for line in lines.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("encoder") == encoder:
                    rows[int(row["n"])] = row
    return [rows[n] for n in sorted(rows)]


def _plot(rows: list[dict[str, Any]], batch: dict[str, Any] | None, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = 3 if batch else 2
    fig, axes = plt.subplots(1, panels, figsize=(5 * panels, 4.2))
    sentences = [r["src"] + r["tgt"] for r in rows]
    seconds = [r["seconds"] for r in rows]
    memory = [r["peak_rss_mib"] for r in rows]
    ax = axes[0]
    ax.loglog(sentences, seconds, "o-", label="dari align (end to end)")
    # through the middle size: the smallest texts (under 2,500 sentences) also embed every
    # 2- and 3-sentence window, a different regime
    mid = len(rows) // 2
    ref = seconds[mid] / sentences[mid]
    ax.loglog(
        sentences, [ref * s for s in sentences], "--", color="grey", label="linear (through middle size)"
    )
    ax.set_xlabel("sentences (both sides)")
    ax.set_ylabel("seconds")
    ax.set_title("time")
    ax.legend()
    ax = axes[1]
    ax.loglog(sentences, memory, "o-", color="C1", label="peak RSS")
    mref = memory[-1] / sentences[-1]
    ax.loglog(sentences, [mref * s for s in sentences], "--", color="grey", label="linear (through largest)")
    ax.axhline(1.5 * 1024, color="red", lw=0.8, label="1.5 GiB target")
    ax.set_xlabel("sentences (both sides)")
    ax.set_ylabel("MiB")
    ax.set_title("memory")
    ax.legend()
    if batch:
        ax = axes[2]
        labels, values = [], []
        for key, label in (
            ("per_process_all_s", "process\nper pair"),
            ("jobs1_s", "--jobs 1"),
            ("jobs2_s", "--jobs 2"),
            ("ray_s", "ray, 2\nactors"),
            ("rerun_s", "rerun"),
        ):
            if key in batch:
                labels.append(label)
                values.append(batch[key])
        ax.bar(labels, values, color=["C3", "C0", "C0", "C2", "C7"][: len(values)])
        ax.set_yscale("log")
        ax.set_ylabel("seconds (log)")
        ax.set_title(f"{batch['pairs']} FLORES pairs")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _markdown(rows: list[dict[str, Any]], batch: dict[str, Any] | None, png: str) -> str:
    out = ["# dari at scale", "", f"![time and memory against size]({png})", ""]
    out += [
        "## One pair, end to end (`bench/align_speed.py scale`)",
        "",
        "| sentences a side | seconds | ms / sentence | vs middle size | peak RSS MiB | stages (s) | load avg |",
        "|---|---|---|---|---|---|---|",
    ]
    base = rows[len(rows) // 2]["ms_per_sentence"] if rows else 1.0
    for r in rows:
        stages = ", ".join(f"{k} {v}" for k, v in r["stages"].items())
        out.append(
            f"| {r['n']:,} × {r['tgt']:,} | {r['seconds']} | {r['ms_per_sentence']:.3f} | "
            f"{r['ms_per_sentence'] / base:.2f}× | {r['peak_rss_mib']} | {stages} | {r['load'][0]} |"
        )
    if batch:
        out += ["", f"## {batch['pairs']} pairs in one run (`bench/batch_speed.py`)", ""]
        out += ["| run | seconds | |", "|---|---|---|"]
        j2 = batch["jobs2_s"]
        out.append(
            f"| one `dari align` process per pair (mean of {batch['per_process_sample']} × {batch['pairs']}) "
            f"| {batch['per_process_all_s']:.1f} | {batch['per_process_all_s'] / j2:.1f}× `--jobs 2` |"
        )
        out.append(f"| `--jobs 1` | {batch['jobs1_s']:.1f} | {batch['jobs1_s'] / j2:.2f}× `--jobs 2` |")
        out.append(f"| `--jobs 2` | {j2:.1f} | |")
        if "ray_s" in batch:
            same = "byte-identical" if batch.get("ray_identical_to_jobs1") else "DIFFERENT"
            out.append(
                f"| `--engine ray --jobs 2` (instance start included) | {batch['ray_s']:.1f} | projects {same} |"
            )
        out.append(
            f"| rerun, nothing changed | {batch['rerun_s']:.2f} | {100 * batch['rerun_s'] / j2:.1f} % of `--jobs 2` |"
        )
        out.append("")
        out.append(
            f"Load average before / after: {batch['load_before']} / {batch['load_after']} (shared CPU)."
        )
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--run", action="store_true", help="measure the sizes now")
    ap.add_argument("--batch", action="store_true", help="run bench/batch_speed.py now")
    ap.add_argument("--encoder", default="use")
    ap.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    args = ap.parse_args(argv)
    args.results.mkdir(parents=True, exist_ok=True)
    lines = args.results / "scale.jsonl"
    if args.run:
        _measure(args.sizes, args.encoder, lines)
    if args.batch:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, str(ROOT / "bench" / "batch_speed.py")], env=env, check=True)
    rows = [r for r in _latest(lines, args.encoder) if r["n"] in set(args.sizes)]
    if not rows:
        raise SystemExit(f"no measurements in {lines}; run with --run")
    batch_file = args.results / "batch_speed.json"
    batch = json.loads(batch_file.read_text(encoding="utf-8")) if batch_file.is_file() else None
    png = args.results / "scale_report.png"
    _plot(rows, batch, png)
    (args.results / "scale_report.md").write_text(_markdown(rows, batch, png.name), encoding="utf-8")
    print(f"wrote {args.results / 'scale_report.md'} and {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

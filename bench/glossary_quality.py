"""Glossary extraction: accuracy on seed 001, speed, memory and a reading sample on python-docs.

    python bench/glossary_quality.py seed                  # top-20 against data/seed001's lists
    python bench/glossary_quality.py python-docs           # end to end (align + extract), time, peak RSS
    python bench/glossary_quality.py python-docs --from-projects   # extraction from aligned projects
    python bench/glossary_quality.py python-docs --sample-out bench/results/glossary_python_docs.md

Seed 001: ``data/seed001/glossary.gold.tsv`` is the hand-written term list (target: at least 13
of its entries in the top 20); precision of the top 20 is judged against the gold list plus
``glossary.acceptable.tsv`` (correct pairs that are not on the core list; target 18 of 20).
python-docs: the 43 documents of ``../shared/corpora/python-docs-ko`` as ``dari glossary
--manifest --presplit`` reads them (one paragraph per line). Each run happens in a child
process, so the peak RSS is that of the command alone.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpora" / "python-docs-ko"
SEED = ROOT / "data" / "seed001"


CPU_SECONDS = [0.0]
"""CPU time (user + system) of the last ``_dari`` child: on a machine shared with other work
the wall time grows with the load, the CPU time does not."""


def _dari(*args: str) -> tuple[float, int]:
    """Run ``dari`` in a child; wall seconds and the largest child peak RSS so far, in MiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "align", *args], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_SECONDS[0] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    peak = after.ru_maxrss // 1024
    if done.returncode != 0:
        raise SystemExit(f"dari {' '.join(args)} failed: {done.stderr.strip()}")
    return seconds, peak


def seed() -> int:
    from glossary.evaluation import read_term_list, score_against
    from glossary.formats import read_glossary

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "seed.tsv"
        seconds, peak = _dari("glossary", str(SEED / "bilingual.txt"), "-o", str(out), "-q")
        entries = read_glossary(out)
    gold = read_term_list(SEED / "glossary.gold.tsv")
    acceptable = read_term_list(SEED / "glossary.acceptable.tsv")
    score = score_against(entries, gold, acceptable, top=20)
    print(f"seed 001: {len(entries)} entries in {seconds:.1f} s (peak {peak} MiB)")
    print(f"  gold entries in the top 20: {score.gold_in_top}/{score.gold_total} (target >= 13)")
    print(f"  correct in the top 20:      {score.correct_in_top}/{score.top} (target >= 18)")
    print(f"  not in the top 20: {', '.join(score.misses)}")
    print(f"  judged wrong: {', '.join(score.wrong) or 'none'}")
    for k, e in enumerate(entries[:20], start=1):
        print(f"  {k:2d} {e.score:.3f} {e.count:2d} {e.kind.value:4s} {e.source} ↔ {e.target}")
    return 0


def _documents() -> list[tuple[Path, Path]]:
    return [(en, en.with_suffix(".ko")) for en in sorted(CORPUS.glob("*/*.en")) if ".sent." not in en.name]


def _sample_markdown(entries: list, path: str) -> None:
    rng = random.Random(10)
    sample = sorted(rng.sample(range(min(1000, len(entries))), min(50, len(entries))))
    header = ["| # | en | ko | kind | score | count | verdict |", "|---|---|---|---|---|---|---|"]

    def row(k: int) -> str:
        e = entries[k]
        return f"| {k + 1} | {e.source} | {e.target} | {e.kind.value} | {e.score:.3f} | {e.count} |  |"

    lines = [
        "# python-docs-ko glossary: entries read by hand",
        "",
        "Made by `python bench/glossary_quality.py python-docs --sample-out ...`. Verdict: ✓ the pair",
        "these translators use for the term, ✗ wrong (a note says why).",
        "",
        "## Top 100",
        "",
        *header,
        *(row(k) for k in range(min(100, len(entries)))),
        "",
        "## A random 50 of the first 1,000 (random.Random(10))",
        "",
        *header,
        *(row(k) for k in sample),
    ]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def python_docs(from_projects: bool, sample_out: str | None) -> int:
    from glossary.formats import read_glossary

    langs = ["--presplit", "--src-lang", "en", "--tgt-lang", "ko"]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        out = tmp / "python-docs.tsv"
        if from_projects:
            projects = []
            for en, ko in _documents():
                project = tmp / f"{en.parent.name}-{en.stem}.dari.json"
                _dari("align", str(en), str(ko), *langs, "-o", str(project), "-q")
                projects.append(str(project))
            seconds, peak = _dari("glossary", *projects, "-o", str(out), "-q")
            what = "from 43 aligned projects"
        else:
            manifest = tmp / "python-docs.csv"
            rows = "".join(f"{en},{ko}\n" for en, ko in _documents())
            manifest.write_text("src,tgt\n" + rows, encoding="utf-8")
            seconds, peak = _dari("glossary", "--manifest", str(manifest), *langs, "-o", str(out), "-q")
            what = "end to end (align + extract)"
        entries = read_glossary(out)
    load = os.getloadavg()[0]
    print(
        f"python-docs {what}: {seconds:.1f} s wall ({CPU_SECONDS[0]:.1f} s CPU, load average {load:.1f} "
        f"on {os.cpu_count()} cores), peak RSS {peak} MiB, {len(entries)} entries"
    )
    if sample_out:
        _sample_markdown(entries, sample_out)
        print(f"wrote {sample_out}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("set", choices=["seed", "python-docs"])
    parser.add_argument(
        "--from-projects", action="store_true", help="python-docs: extraction from aligned projects"
    )
    parser.add_argument(
        "--sample-out", help="python-docs: write the top 100 and a random 50 of the first 1,000"
    )
    args = parser.parse_args()
    if args.set == "seed":
        return seed()
    return python_docs(args.from_projects, args.sample_out)


if __name__ == "__main__":
    raise SystemExit(main())

"""Hostile and careless inputs at size: time and peak memory of ``dari`` as a user runs it.

    python bench/hardening.py                 # every case
    python bench/hardening.py --only line tmx # some of them (line, korean, lower, check, tmx)
    python bench/hardening.py --quick         # the 1 MB and 4 MB cases only

Each case runs ``python -m align ...`` in a child process under ``/usr/bin/time -v`` (wall
time, peak RSS of the child); inputs are generated in a temporary directory (``--tmp``,
default /tmp) and removed afterwards. Targets (issue 12):

- ``line``: one line without sentence punctuation (words of data/seed001/en.txt) aligned
  against data/seed001/ko.txt: 1 MB in < 5 s and < 1 GB; 4 MB in <= 5x the 1 MB time;
  16 MB completes (exit 0).
- ``korean``: the same with a 1 MB line of Korean words against data/seed001/en.txt.
- ``lower``: 1 MB of lower-case "word." lines (the splitter used to make one sentence of them).
- ``check``: ``dari check`` of the 1 MB line against the seed's Korean (exit 0 or 1).
- ``tmx``: a 200 MB TMX (en/ko units) imported into a project: < 1 GB peak.

Wall times on a shared machine are noisy; the ratio 4 MB / 1 MB is what shows linearity.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed001"
MB = 1_000_000


@dataclass
class Run:
    label: str
    seconds: float
    peak_mib: float
    exit_code: int


def measure(label: str, args: list[str], cwd: Path) -> Run:
    """``python -m align ARGS`` under /usr/bin/time -v: wall seconds, peak RSS, exit code."""
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "align", *args]
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stats = proc.stderr
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", stats)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stats)
    code = re.search(r"Exit status: (\d+)", stats)
    if not (wall and rss and code):
        raise SystemExit(f"{label}: could not read /usr/bin/time output:\n{stats[-2000:]}")
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    run = Run(label, seconds, int(rss.group(1)) / 1024, int(code.group(1)))
    errors = [line for line in stats.splitlines() if line.startswith("dari:")]
    print(
        f"{label:<34} {run.seconds:7.2f} s {run.peak_mib:8.0f} MiB  exit {run.exit_code}"
        + (f"  {errors[0][:120]}" if errors else ""),
        flush=True,
    )
    return run


def words_line(path: Path, source: Path, size: int, pattern: str, seed: int = 1) -> Path:
    """``size`` bytes of words from ``source`` on one line, separated by spaces."""
    words = re.findall(pattern, source.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(words)
        parts.append(word)
        total += len(word.encode("utf-8")) + 1
    path.write_text(" ".join(parts) + "\n", encoding="utf-8")
    return path


def lower_lines(path: Path, size: int) -> Path:
    """Lines of one lower-case word and a period: 'the.', 'embassy.' ..."""
    words = re.findall(r"[a-z]{2,}", (SEED / "en.txt").read_text(encoding="utf-8"))
    rng = random.Random(3)
    with path.open("w", encoding="utf-8") as out:
        total = 0
        while total < size:
            line = " ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) + ".\n"
            out.write(line)
            total += len(line)
    return path


def big_tmx(path: Path, size: int) -> Path:
    """A TMX 1.4 of en/ko units (seed sentences, numbered so that no two units are alike)."""
    en = [s for s in (SEED / "en.txt").read_text(encoding="utf-8").split("\n") if s.strip()]
    ko = [s for s in (SEED / "ko.txt").read_text(encoding="utf-8").split("\n") if s.strip()]
    pairs = list(zip(en, ko, strict=False))
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header creationtool="bench" creationtoolversion="1" segtype="sentence" o-tmf="x" '
            'adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n'
        )
        written = 0
        i = 0
        while written < size:
            src, tgt = pairs[i % len(pairs)]
            unit = (
                f'<tu><tuv xml:lang="en"><seg>{escape(src.strip()[:300])} ({i})</seg></tuv>'
                f'<tuv xml:lang="ko"><seg>{escape(tgt.strip()[:300])} ({i})</seg></tuv></tu>\n'
            )
            out.write(unit)
            written += len(unit.encode("utf-8"))
            i += 1
        out.write("</body>\n</tmx>\n")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", nargs="*", default=None, help="line korean lower check tmx")
    parser.add_argument("--quick", action="store_true", help="only the 1 MB and 4 MB line cases")
    parser.add_argument("--tmp", default="/tmp", help="where the generated inputs go")
    parser.add_argument("--tmx-mb", type=int, default=200, help="size of the TMX (MB)")
    args = parser.parse_args()
    cases = set(args.only or ["line", "korean", "lower", "check", "tmx"])
    if args.quick:
        cases = {"line"}
    ok = True
    with tempfile.TemporaryDirectory(prefix="dari-hardening-", dir=args.tmp) as tmp_name:
        tmp = Path(tmp_name)
        ko, en = str(SEED / "ko.txt"), str(SEED / "en.txt")
        align = ["align", "-q", "--format", "beads"]
        if "line" in cases:
            runs = {}
            for mb in (1, 4) if args.quick else (1, 4, 16):
                path = words_line(tmp / f"line_{mb}mb.txt", SEED / "en.txt", mb * MB, r"[A-Za-z]+")
                runs[mb] = measure(f"line {mb} MB vs seed ko", [*align, str(path), ko], ROOT)
                path.unlink()
            first, four = runs[1], runs[4]
            ratio = four.seconds / first.seconds
            print(
                f"  1 MB target < 5 s and < 1024 MiB: {'ok' if first.seconds < 5 and first.peak_mib < 1024 else 'MISSED'}"
            )
            print(f"  4 MB / 1 MB time ratio {ratio:.2f} (target <= 5): {'ok' if ratio <= 5 else 'MISSED'}")
            ok &= first.seconds < 5 and first.peak_mib < 1024 and ratio <= 5
            ok &= all(r.exit_code == 0 for r in runs.values())
            if 16 in runs:
                print(f"  16 MB completes: {'ok' if runs[16].exit_code == 0 else 'MISSED'}")
        if "korean" in cases:
            path = words_line(tmp / "ko_1mb.txt", SEED / "ko.txt", MB, r"[^\s.]+")
            run = measure("korean line 1 MB vs seed en", [*align, en, str(path)], ROOT)
            ok &= run.exit_code == 0
        if "lower" in cases:
            path = lower_lines(tmp / "lower_1mb.txt", MB)
            run = measure("lower-case 'word.' lines 1 MB", [*align, str(path), ko], ROOT)
            ok &= run.exit_code == 0
        if "check" in cases:
            path = words_line(tmp / "check_1mb.txt", SEED / "en.txt", MB, r"[A-Za-z]+")
            run = measure("check: line 1 MB vs seed ko", ["check", str(path), ko, "--fail-on", "never"], ROOT)
            ok &= run.exit_code == 0
        if "tmx" in cases:
            path = big_tmx(tmp / "big.tmx", args.tmx_mb * MB)
            run = measure(
                f"import {args.tmx_mb} MB TMX",
                ["import", "-q", str(path), "-o", str(tmp / "big.dari.json")],
                ROOT,
            )
            print(f"  peak < 1024 MiB: {'ok' if run.peak_mib < 1024 and run.exit_code == 0 else 'MISSED'}")
            ok &= run.peak_mib < 1024 and run.exit_code == 0
    print("all targets met" if ok else "some targets MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

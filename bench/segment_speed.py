"""Speed of sentence splitting on a large Korean and English text, and how often Korean needs kiwi.

The text is the FLORES-200 dev+devtest documents (``../shared/corpora/flores200-en-ko/docs``),
each document one paragraph, repeated ``--repeat`` times. Reports sentences/s for the default
(rule fast path, kiwi only for glued punctuation), for kiwi on every block, and for English;
and how many Korean paragraphs the two Korean modes split differently.

    python bench/segment_speed.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from align.segment.korean import kiwi, korean_block_cuts
from align.segment.paragraphs import line_blocks, paragraphs
from align.segment.splitter import split_sentences

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "flores200-en-ko" / "docs"


def _text(lang: str, repeat: int) -> str:
    docs = []
    for split in ("dev", "devtest"):
        for path in sorted((CORPUS / split).glob(f"*.{lang}")):
            docs.append(" ".join(line.strip() for line in path.read_text(encoding="utf-8").splitlines()))
    return "\n\n".join(docs * repeat) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ko = _text("ko", args.repeat)
    en = _text("en", args.repeat)

    t = time.perf_counter()
    kiwi()
    print(f"kiwi load: {time.perf_counter() - t:.2f} s")

    blocks = [b for ps, pe in paragraphs(ko, 0, len(ko)) for b in line_blocks(ko, ps, pe)]
    results = {}
    for mode in ("auto", "always", "never"):
        t = time.perf_counter()
        cuts = korean_block_cuts(ko, blocks, use_kiwi=mode)
        dt = time.perf_counter() - t
        n = sum(len(c) + 1 for c in cuts)
        results[mode] = cuts
        print(f"ko use_kiwi={mode:6s}: {n} sentences in {dt:.2f} s = {n / dt:,.0f} sentences/s")
    diff = sum(1 for a, b in zip(results["auto"], results["always"], strict=True) if a != b)
    print(f"ko paragraphs split differently by auto and always: {diff} of {len(blocks)}")

    t = time.perf_counter()
    segs = split_sentences(ko, "ko")
    dt = time.perf_counter() - t
    print(
        f"split_sentences(ko): {len(segs)} sentences, {len(ko):,} chars in {dt:.2f} s = {len(segs) / dt:,.0f}/s"
    )
    t = time.perf_counter()
    segs = split_sentences(en, "en")
    dt = time.perf_counter() - t
    print(
        f"split_sentences(en): {len(segs)} sentences, {len(en):,} chars in {dt:.2f} s = {len(segs) / dt:,.0f}/s"
    )


if __name__ == "__main__":
    main()

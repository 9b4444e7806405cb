"""The alignment plots committed under bench/results/ (``dari[plot]``):

    python bench/plot_alignment.py seed     # data/seed001: the two Yongsan sentences unpaired
    python bench/plot_alignment.py bible    # Bible en-zh, 20,000 English sentences

The Bible corpus has 5,000 English and 6,301 Chinese lines (../shared/corpora/bible-en-zh,
file 001); no single text reaches 20,000 sentences, so the plot aligns four copies of it
back to back (20,000 en + 25,204 zh lines). To show what drift looks like at that length,
25 consecutive Chinese lines are deleted from the third copy (lines 2,000-2,024 of it); the
plot must show them as a visible gap (unpaired English sentences, a shaded stretch).
Prints the size, the timings (encode + align, then drawing) and the peak memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BIBLE = Path("/work/shared/corpora/bible-en-zh")
RESULTS = REPO / "bench" / "results"
COPIES = 4
DROP = (2000, 2025)
"""Chinese lines deleted from the third copy."""


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _document(lang: str, lines: list[str], name: str):  # type: ignore[no-untyped-def]
    from align.model import Document, segments_from_lines

    text, segments = segments_from_lines(lines)
    return Document(lang=lang, text=text, segments=segments, path=name, encoding="utf-8")


def plot_seed() -> None:
    from align.encoders import get_encoder
    from align.pipeline import load_bitext
    from align.plotting import plot_bitext

    encoder = get_encoder("use")
    bitext = load_bitext([REPO / "data/seed001/bilingual.txt"], encoder=encoder)
    out = RESULTS / "seed001-alignment.png"
    plot_bitext(bitext, out, encoder=encoder)
    unpaired = [bitext.source.segments[b.src[0]].text[:40] for b in bitext.beads if b.kind == "1-0"]
    print(
        f"seed001: {len(bitext.source.segments)} + {len(bitext.target.segments)} sentences; 1-0 beads: {unpaired} -> {out}"
    )


def plot_bible() -> None:
    from align.encoders import get_encoder
    from align.pipeline import align_documents
    from align.plotting.figure import render_plot, sentence_vectors

    en = (BIBLE / "en/001").read_text(encoding="utf-8").splitlines()
    zh = (BIBLE / "zh/001").read_text(encoding="utf-8").splitlines()
    zh_dropped = zh[: DROP[0]] + zh[DROP[1] :]
    src_lines = en * COPIES
    tgt_lines = zh + zh + zh_dropped + zh
    src = _document("en", src_lines, f"bible-en-001 x{COPIES}")
    tgt = _document("zh", tgt_lines, f"bible-zh-001 x{COPIES}")
    encoder = get_encoder("use")
    t0 = time.perf_counter()
    bitext = align_documents(src, tgt, encoder=encoder)
    t_align = time.perf_counter() - t0
    t1 = time.perf_counter()
    vectors = sentence_vectors(bitext, encoder)
    t_vec = time.perf_counter() - t1
    t2 = time.perf_counter()
    png = render_plot(bitext, vectors)
    t_draw = time.perf_counter() - t2
    out = RESULTS / "bible-20k-alignment.png"
    out.write_bytes(png)
    kinds: dict[str, int] = {}
    for b in bitext.beads:
        kinds[b.kind] = kinds.get(b.kind, 0) + 1
    third = 2 * len(zh)  # where the third copy starts on the zh side
    print(
        f"bible x{COPIES}: {len(src.segments)} en + {len(tgt.segments)} zh sentences, {len(bitext.beads)} beads "
        f"{dict(sorted(kinds.items()))}; zh lines {third + DROP[0]}..{third + DROP[1] - 1} of the 3rd copy "
        f"deleted; align {t_align:.1f} s, vectors again {t_vec:.1f} s, draw {t_draw:.1f} s, "
        f"peak RSS {_peak_rss_mib():.0f} MiB -> {out} ({len(png) / 1024:.0f} KiB)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("which", choices=["seed", "bible"])
    args = ap.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    plot_seed() if args.which == "seed" else plot_bible()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

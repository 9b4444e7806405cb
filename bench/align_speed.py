"""Speed and memory of the aligner.

    python bench/align_speed.py vectors [--n 10000]   # align_vectors alone on synthetic 512-d vectors
    python bench/align_speed.py bible                 # end to end on Bible en-zh (read, split, encode, align)
    python bench/align_speed.py scale --n 100000      # end to end on an N x N English-Korean text

``vectors``: true pairs are correlated (shared "meaning" + noise, cosine ~0.6), with 2 % of
sentences inserted on either side, 3 % merged 2-1/1-2 and lengths that follow the meaning.
Reports wall time, tracemalloc peak of the alignment (numpy allocations included) and the
process peak RSS. ``bible``: the pipeline (``--presplit``, encoder ``use`` unless ``--encoder``),
sentences per second over both sides, process peak RSS, and strict/lax F1 after merging
predicted beads inside one verse (corpora README). Run each mode in its own process: peak
RSS is per process. ``scale``: an N-sentence English text and its Korean translation, every
sentence the pair of two FLORES-200 sentences (dev + devtest, 2,009 translated lines; pairs
drawn with a fixed seed, so the N sentences are distinct and each side is a real translation
of the other), 2 % of the Korean sentences dropped; written to a temporary directory and run
through the pipeline as ``dari align --presplit`` would (read, encode, align), reporting wall
time, time per sentence, process peak RSS, and ``--json FILE`` appends the figures as one line.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

# Timed runs encode every sentence: the on-disk vector store would serve a rerun's vectors.
os.environ.setdefault("DARI_VECTOR_STORE", "off")

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BIBLE = Path("/work/shared/corpora/bible-en-zh")
FLORES_RAW = Path("/work/shared/corpora/flores200-en-ko/raw")


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic(n: int, dim: int = 512, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    meaning = rng.normal(size=(n, dim)).astype(np.float32)
    lens = rng.integers(20, 250, size=n).astype(np.float64)
    src_rows: list[np.ndarray] = []
    tgt_rows: list[np.ndarray] = []
    sl: list[float] = []
    tl: list[float] = []
    noise = lambda: rng.normal(size=dim).astype(np.float32) * 0.9  # noqa: E731
    i = 0
    while i < n:
        r = rng.random()
        if r < 0.01:
            src_rows.append(rng.normal(size=dim).astype(np.float32))
            sl.append(100.0)
        elif r < 0.02:
            tgt_rows.append(rng.normal(size=dim).astype(np.float32))
            tl.append(100.0)
        if r > 0.97 and i + 1 < n:
            src_rows += [meaning[i] + noise(), meaning[i + 1] + noise()]
            sl += [lens[i], lens[i + 1]]
            tgt_rows.append(meaning[i] + meaning[i + 1] + noise())
            tl.append(1.1 * (lens[i] + lens[i + 1]))
            i += 2
            continue
        src_rows.append(meaning[i] + noise())
        tgt_rows.append(meaning[i] + noise())
        sl.append(lens[i])
        tl.append(1.1 * lens[i])
        i += 1
    s = np.array(src_rows)
    t = np.array(tgt_rows)
    s /= np.linalg.norm(s, axis=1, keepdims=True)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    return s, t, np.array(sl), np.array(tl)


def run_vectors(n: int) -> None:
    from align.aligner import align_vectors
    from align.model import validate_beads

    s, t, sl, tl = synthetic(n)
    rss_before = _peak_rss_mib()
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        beads = align_vectors(s, t, sl, tl)
        times.append(time.perf_counter() - t0)
    dt = min(times)
    rss_after = _peak_rss_mib()
    # tracemalloc slows numpy down: a separate run measures the allocations only
    tracemalloc.start()
    align_vectors(s, t, sl, tl)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    validate_beads(beads, len(s), len(t))
    kinds: dict[str, int] = {}
    for b in beads:
        kinds[b.kind] = kinds.get(b.kind, 0) + 1
    print(
        f"vectors {len(s)} x {len(t)} (512-d): align {dt:.2f} s (best of 3: "
        f"{', '.join(f'{x:.2f}' for x in times)}), tracemalloc peak {peak / 2**20:.0f} MiB, "
        f"process peak RSS {rss_after:.0f} MiB (before aligning {rss_before:.0f} MiB); beads {kinds}"
    )


def run_bible(encoder: str) -> None:
    from align.evaluation import merge_by_units, score_beads
    from align.formats.beads import read_beads
    from align.pipeline import InputOptions, load_bitext

    stages: dict[str, float] = {}
    t0 = time.perf_counter()
    last = [t0, "read+load"]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        stages[str(last[1])] = stages.get(str(last[1]), 0.0) + now - float(last[0])
        last[0], last[1] = now, stage

    cpu0 = time.process_time()
    # what `dari align en/001 zh/001 --presplit` runs: read and split while the model loads, align
    bitext = load_bitext(
        [BIBLE / "en/001", BIBLE / "zh/001"],
        InputOptions("en", "zh", presplit=True),
        encoder=encoder,
        progress=progress,
    )
    total = time.perf_counter() - t0
    progress("", 0, 0)
    cpu = time.process_time() - cpu0
    src, tgt = bitext.source, bitext.target
    n = len(src.segments) + len(tgt.segments)
    units_s = (BIBLE / "en.verse").read_text(encoding="utf-8").split()
    units_t = (BIBLE / "zh.verse").read_text(encoding="utf-8").split()
    pred = merge_by_units(bitext.beads, units_s, units_t)
    sc = score_beads(read_beads(BIBLE / "gold/001.align"), pred)
    split = ", ".join(f"{k} {v:.2f}s" for k, v in stages.items())
    print(
        f"bible en-zh {len(src.segments)} + {len(tgt.segments)} sentences, encoder {encoder}: "
        f"{total:.1f} s end to end ({n / total:.0f} sentences/s; {split}), "
        f"CPU {cpu:.1f} s (all threads), load average {os.getloadavg()[0]:.2f}, "
        f"peak RSS {_peak_rss_mib():.0f} MiB; verse-merged strict P/R/F1 "
        f"{sc.strict_p:.3f}/{sc.strict_r:.3f}/{sc.strict_f1:.3f}, lax F1 {sc.lax_f1:.3f}"
    )


def scale_texts(n: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """N English sentences and their Korean translations (see the module docstring)."""
    en: list[str] = []
    ko: list[str] = []
    for split in ("dev", "devtest"):
        en += (FLORES_RAW / f"eng_Latn.{split}").read_text(encoding="utf-8").splitlines()
        ko += (FLORES_RAW / f"kor_Hang.{split}").read_text(encoding="utf-8").splitlines()
    rng = np.random.default_rng(seed)
    count = len(en)
    codes = rng.choice(count * count, size=n, replace=False)
    src = [f"{en[c // count]} {en[c % count]}" for c in codes.tolist()]
    keep = rng.random(n) >= 0.02
    tgt = [
        f"{ko[c // count]} {ko[c % count]}" for c, k in zip(codes.tolist(), keep.tolist(), strict=True) if k
    ]
    return src, tgt


class _Reporting:
    """An encoder that passes its progress on (the pipeline gives it none)."""

    def __init__(self, inner: Any, progress: Any) -> None:
        self.inner = inner
        self.progress = progress
        self.done = 0
        self.name = inner.name
        self.dim = inner.dim
        self.fresh_arrays = getattr(inner, "fresh_arrays", False)

    def signature(self) -> dict[str, Any]:
        return dict(self.inner.signature())

    def encode(self, texts: Any, *, progress: Any = None, cancel: Any = None) -> np.ndarray:
        base = self.done

        def forward(stage: str, done: int, total: int) -> None:
            self.progress("encode", base + done, -1)

        rows = self.inner.encode(texts, progress=forward, cancel=cancel)
        self.done += len(texts)
        return rows


def run_scale(n: int, encoder: str, json_out: Path | None, log: Path | None = None) -> None:
    import json
    import tempfile

    from align.pipeline import InputOptions, align_documents, read_documents

    src_lines, tgt_lines = scale_texts(n)
    with tempfile.TemporaryDirectory(prefix="dari-scale-") as tmp:
        (Path(tmp) / "src.en").write_text("\n".join(src_lines) + "\n", encoding="utf-8")
        (Path(tmp) / "tgt.ko").write_text("\n".join(tgt_lines) + "\n", encoding="utf-8")
        del src_lines, tgt_lines
        rss_start = _peak_rss_mib()
        t0 = time.perf_counter()
        src, tgt = read_documents(
            [Path(tmp) / "src.en", Path(tmp) / "tgt.ko"], InputOptions("en", "ko", presplit=True)
        )
        stages: dict[str, float] = {"read": time.perf_counter() - t0}
        last = [time.perf_counter(), ""]
        logged = [0.0]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.perf_counter()
            if last[1]:
                stages[str(last[1])] = stages.get(str(last[1]), 0.0) + now - float(last[0])
            last[0], last[1] = now, stage
            if log is not None and (now - logged[0] >= 10 or done == total):
                # a run that cannot finish still says how far it got, how fast and how big
                logged[0] = now
                with log.open("a", encoding="utf-8") as handle:
                    handle.write(
                        f"{time.strftime('%H:%M:%S')} n={n} {now - t0:.0f}s {stage} {done}/{total} "
                        f"peak_rss={_peak_rss_mib():.0f}MiB load={os.getloadavg()[0]:.2f}\n"
                    )

        stage_rss: dict[str, float] = {}
        sampling = threading.Event()

        def sample() -> None:  # the resident size each stage reached, every 0.1 s
            page = os.sysconf("SC_PAGE_SIZE")
            while not sampling.wait(0.1):
                with open("/proc/self/statm") as handle:
                    rss = int(handle.read().split()[1]) * page / 2**20
                stage = str(last[1]) or "read"
                stage_rss[stage] = max(stage_rss.get(stage, 0.0), rss)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        from align.encoders import EncoderOptions

        loaded = EncoderOptions().load(encoder)
        # the pipeline encodes without a progress callback; this one reports each side's
        # sentences as they are encoded (for --log), offset by the side already done
        bitext = align_documents(src, tgt, encoder=_Reporting(loaded, progress), progress=progress)
        sampling.set()
        sampler.join()
        if last[1]:
            stages[str(last[1])] = stages.get(str(last[1]), 0.0) + time.perf_counter() - float(last[0])
        total = time.perf_counter() - t0
    sentences = len(src.segments) + len(tgt.segments)
    row = {
        "n": n,
        "src": len(src.segments),
        "tgt": len(tgt.segments),
        "beads": len(bitext.beads),
        "seconds": round(total, 2),
        "ms_per_sentence": round(1000 * total / sentences, 4),
        "peak_rss_mib": round(_peak_rss_mib()),
        "rss_before_mib": round(rss_start),
        "stages": {k: round(v, 2) for k, v in stages.items()},
        "stage_peak_rss_mib": {k: round(v) for k, v in stage_rss.items()},
        "encoder": encoder,
        "load": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(row))
    if json_out is not None:
        with json_out.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(row) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["vectors", "bible", "scale"])
    ap.add_argument("--json", type=Path, help="scale: append the figures to this JSON-lines file")
    ap.add_argument("--log", type=Path, help="scale: append progress (stage, count, peak RSS) every 10 s")
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--encoder", default="use")
    args = ap.parse_args(argv)
    if args.mode == "vectors":
        run_vectors(args.n)
    elif args.mode == "scale":
        run_scale(args.n, args.encoder, args.json, args.log)
    else:
        run_bible(args.encoder)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Resident memory of a long alignment, stage by stage, without the encoder's hour.

    python bench/aligner_memory.py --n 1000000

The texts are ``align_speed.py scale``'s (each sentence two FLORES sentences, 2 % of the
Korean dropped), read from files as ``dari align --presplit`` does; the vectors are not
encoded sentence by sentence but built from the USE vectors of the FLORES halves (the
normalised sum of the two), which keeps the similarity structure of the real run and takes
seconds. Everything after the encoder is the real pipeline: document anchors (on their
thread), ``make_sides``, features, the band passes, the searches, the re-decisions and the
confidences. A sampler reads /proc/self/status every 50 ms and keeps the peak of each stage;
a stage is named after the aligner function entered last (``after-X`` once X returned).
Document anchors run beside the encoder, so the stages around them overlap.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from align_speed import FLORES_RAW  # noqa: E402

import align.aligner.core as core  # noqa: E402
import align.aligner.segments as segments  # noqa: E402
import align.aligner.side as side  # noqa: E402


def _rss_mib() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class _Stages:
    def __init__(self) -> None:
        self.current = "start"
        self.peaks: dict[str, float] = {}
        self.first_seen: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            stage = self.current
            self.first_seen.setdefault(stage, time.perf_counter())
            self.peaks[stage] = max(self.peaks.get(stage, 0.0), _rss_mib())

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        time.sleep(0.1)
        self._stop.set()
        self._thread.join()

    def wrap(self, module: ModuleType, name: str) -> None:
        inner: Callable[..., Any] = getattr(module, name)

        def labelled(*args: Any, **kwargs: Any) -> Any:
            self.current = name
            try:
                return inner(*args, **kwargs)
            finally:
                self.current = f"after-{name}"

        setattr(module, name, labelled)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="sentences a side")
    args = ap.parse_args(argv)
    stages = _Stages()
    for name in ("make_sides", "features", "long_text_band", "search", "redecide", "scored_beads"):
        stages.wrap(core, name)
    for name in ("shared_anchors", "anchor_vectors", "weak_boundaries"):
        stages.wrap(side, name)
    stages.wrap(segments, "document_anchors")

    from align.encoders import get_encoder
    from align.pipeline import InputOptions, align_documents, read_documents

    en: list[str] = []
    ko: list[str] = []
    for split in ("dev", "devtest"):
        en += (FLORES_RAW / f"eng_Latn.{split}").read_text(encoding="utf-8").splitlines()
        ko += (FLORES_RAW / f"kor_Hang.{split}").read_text(encoding="utf-8").splitlines()
    use = get_encoder("use")
    halves = {"en": use.encode(en), "ko": use.encode(ko)}
    count = len(en)
    rng = np.random.default_rng(0)  # as align_speed.scale_texts draws them
    codes = rng.choice(count * count, size=args.n, replace=False)
    keep = rng.random(args.n) >= 0.02

    class HalvesEncoder:
        """The sides' vectors from their FLORES halves; source first, then target."""

        name, dim, fresh_arrays = "flores-halves", 512, True
        calls = 0

        def signature(self) -> dict[str, Any]:
            return {"backend": "flores-halves"}

        def encode(self, texts: Any, **_: Any) -> np.ndarray:
            which, picked = ("en", codes) if self.calls == 0 else ("ko", codes[keep])
            if len(picked) != len(texts):
                raise SystemExit("unexpected encode call (windows are only embedded for short texts)")
            self.calls += 1
            out = np.empty((len(picked), 512), dtype=np.float32)
            for first in range(0, len(picked), 65_536):
                c = picked[first : first + 65_536]
                x = halves[which][c // count] + halves[which][c % count]
                out[first : first + len(c)] = x / np.linalg.norm(x, axis=1, keepdims=True)
            return out

    with tempfile.TemporaryDirectory(prefix="dari-aligner-memory-") as tmp:
        src_path, tgt_path = Path(tmp) / "src.en", Path(tmp) / "tgt.ko"
        with src_path.open("w", encoding="utf-8") as handle:
            handle.writelines(f"{en[c // count]} {en[c % count]}\n" for c in codes.tolist())
        with tgt_path.open("w", encoding="utf-8") as handle:
            handle.writelines(
                f"{ko[c // count]} {ko[c % count]}\n"
                for c, k in zip(codes.tolist(), keep.tolist(), strict=True)
                if k
            )
        stages.start()
        t0 = time.perf_counter()
        stages.current = "read"
        src, tgt = read_documents([src_path, tgt_path], InputOptions("en", "ko", presplit=True))
        stages.current = "encode+anchors"
        bitext = align_documents(src, tgt, encoder=HalvesEncoder())
        stages.current = "done"
        seconds = time.perf_counter() - t0
        stages.stop()
    print(f"{args.n:,} x {len(tgt.segments):,} sentences: {seconds:.1f} s, {len(bitext.beads):,} beads")
    for stage, peak in sorted(stages.peaks.items(), key=lambda kv: stages.first_seen[kv[0]]):
        print(f"  {peak:8,.0f} MiB peak  from +{stages.first_seen[stage] - t0:6.1f} s  {stage}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The aligner on many synthetic English-Korean sets: mean and worst case, dev apart from test.

Each set is ``flores_synthetic.build`` with one seed, one damage rate (the same per-sentence
probability for drops, merges and foreign insertions) and one way of choosing the damaged side
(``both``: a coin per edit, as the original generator; ``ko``: Korean side only). DEV sets come
from FLORES ``docs/dev/`` with the dev seeds and are the only ones to choose parameters on;
TEST sets come from ``docs/devtest/`` with other seeds and are for reporting.

    python bench/flores_multiseed.py                      # dev and test, every set
    python bench/flores_multiseed.py --split dev --set split_gap=0.45
    python bench/flores_multiseed.py --split dev --misses  # print every wrong bead of the dev sets

Per set: strict F1 (micro over its texts), null recall (sentences that must stay unpaired and
did), false nulls (sentences the gold pairs that came out unpaired, over all such sentences).
Sentence and window vectors are cached per string under ``.bench-cache/strings-ENCODER/``, so
sets that share sentences share the encoding; a full run after the first takes about a minute.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from flores_synthetic import Damage, SynthText, build  # noqa: E402

from align.aligner import AlignParams, align_vectors  # noqa: E402
from align.aligner.anchors import document_anchors  # noqa: E402
from align.encoders.text_view import VIEW_VERSION  # noqa: E402
from align.evaluation import NullCounts, count_nulls, score_many  # noqa: E402

CACHE = ROOT / ".bench-cache"
DEV_SEEDS = (101, 102, 103, 104)
TEST_SEEDS = (201, 202, 203, 204)
RATES = (0.02, 0.04, 0.08)
SIDES = ("both", "ko")

Gold = list[tuple[tuple[int, ...], tuple[int, ...]]]


class StringCache:
    """Vectors per string (keyed by the text, the encoder and the text view), in shards that
    each run appends; so the windows two sets share are encoded once."""

    def __init__(self, encoder: str) -> None:
        self.encoder = encoder
        self.dir = CACHE / f"strings-{encoder.replace(':', '_').replace('/', '_')}"
        self.rows: dict[bytes, np.ndarray] = {}
        self.new: dict[bytes, np.ndarray] = {}
        self._model: Any = None
        if self.dir.is_dir():
            for shard in sorted(self.dir.glob("*.npz")):
                with np.load(shard) as z:
                    keys, vecs = z["keys"], z["vecs"]
                self.rows.update(zip((bytes(k) for k in keys), vecs, strict=True))

    def _key(self, text: str) -> bytes:
        return hashlib.sha1(
            (text + "\x01" + self.encoder + f"\x02view{VIEW_VERSION}").encode("utf-8")
        ).digest()

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        missing: dict[bytes, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in self.rows and k not in self.new:
                missing[k] = t
        if missing:
            if self._model is None:
                from align.encoders import get_encoder

                self._model = get_encoder(self.encoder, cache=False)
            vecs = np.asarray(self._model.encode(list(missing.values())), dtype=np.float32)
            self.new.update(zip(missing, vecs, strict=True))
        return np.stack([self.rows[k] if k in self.rows else self.new[k] for k in keys])

    def save(self) -> None:
        if not self.new:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha1(b"".join(sorted(self.new))).hexdigest()[:16]
        keys = np.array([np.frombuffer(k, dtype=np.uint8) for k in self.new])
        np.savez(self.dir / f"{name}.npz", keys=keys, vecs=np.stack(list(self.new.values())))
        self.rows.update(self.new)
        self.new = {}


@dataclass(frozen=True)
class SetSpec:
    split: str  # "dev" or "devtest"
    seed: int
    rate: float
    sides: str

    @property
    def name(self) -> str:
        return (
            f"{'dev' if self.split == 'dev' else 'test'}-s{self.seed}-r{round(self.rate * 100)}-{self.sides}"
        )

    def texts(self) -> list[SynthText]:
        return build(self.split, self.seed, damage=Damage(self.rate, self.rate, self.rate, self.sides))


def specs(
    which: str, seeds: tuple[int, ...] | None = None, rates: tuple[float, ...] = RATES
) -> list[SetSpec]:
    out = []
    for split in (["dev"] if which in ("dev", "all") else []) + (
        ["devtest"] if which in ("test", "all") else []
    ):
        for seed in seeds or (DEV_SEEDS if split == "dev" else TEST_SEEDS):
            for rate in rates:
                for sides in SIDES:
                    out.append(SetSpec(split, seed, rate, sides))
    return out


def align_text(
    t: SynthText, cache: StringCache, params: AlignParams
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """``align_vectors`` the way ``dari align --presplit`` runs it (anchors, real windows)."""
    beads = align_vectors(
        cache.encode(t.en),
        cache.encode(t.ko),
        np.array([len(x) for x in t.en], dtype=np.float64),
        np.array([len(x) for x in t.ko], dtype=np.float64),
        src_anchors=document_anchors(t.en),
        tgt_anchors=document_anchors(t.ko),
        params=params,
        concat_encoder=cache.encode,
        src_texts=t.en,
        tgt_texts=t.ko,
    )
    return [(b.src, b.tgt) for b in beads]


@dataclass
class SetResult:
    name: str
    strict_f1: float
    nulls_found: int
    nulls: int
    false_nulls: int
    paired: int
    misses: list[str]

    @property
    def null_recall(self) -> float:
        return self.nulls_found / self.nulls if self.nulls else 1.0

    @property
    def false_null_rate(self) -> float:
        return self.false_nulls / self.paired if self.paired else 0.0


def _describe(t: SynthText, gold: Gold, pred: Gold) -> list[str]:
    """Wrong predicted beads with the gold beads they overlap and the text (for dev only)."""
    gold_set = set(gold)
    out = []
    for b in pred:
        if b in gold_set:
            continue
        near = [g for g in gold if set(g[0]) & set(b[0]) or set(g[1]) & set(b[1])]
        out.append(
            f"  pred {list(b[0])}:{list(b[1])}  gold {' '.join(f'{list(g[0])}:{list(g[1])}' for g in near)}"
        )
        for i in b[0]:
            out.append(f"    en{i}: {t.en[i][:110]}")
        for j in b[1]:
            out.append(f"    ko{j}: {t.ko[j][:80]}")
    return out


def run_set(spec: SetSpec, cache: StringCache, params: AlignParams, misses: bool = False) -> SetResult:
    pairs = []
    nulls = NullCounts()
    notes: list[str] = []
    for k, t in enumerate(spec.texts(), 1):
        pred = align_text(t, cache, params)
        pairs.append((t.gold, pred))
        nulls += count_nulls(t.gold, pred, t.nulls)
        if misses:
            wrong = _describe(t, t.gold, pred)
            if wrong:
                notes.append(f"{spec.name} text {k:03d}:")
                notes += wrong
    scores = score_many(pairs)
    return SetResult(
        spec.name, scores.strict_f1, nulls.found, nulls.expected, nulls.false, nulls.paired, notes
    )


def summary(results: list[SetResult]) -> str:
    f1 = [r.strict_f1 for r in results]
    nr = [r.null_recall for r in results]
    fn = [r.false_null_rate for r in results]
    return (
        f"mean  strict F1 {np.mean(f1):.4f}  nulls {np.mean(nr):.3f}  false nulls {np.mean(fn):.4f}\n"
        f"worst strict F1 {min(f1):.4f}  nulls {min(nr):.3f}  false nulls {max(fn):.4f}  "
        f"({len(results)} sets; sets with F1 < .99: {sum(x < 0.99 for x in f1)}, nulls < .90: "
        f"{sum(x < 0.9 for x in nr)}, false nulls > .01: {sum(x > 0.01 for x in fn)})"
    )


def main(argv: list[str] | None = None) -> int:
    from align_accuracy import parse_overrides

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="all", choices=["dev", "test", "all"])
    ap.add_argument("--encoder", default="use")
    ap.add_argument("--seeds", type=int, nargs="+", default=None)
    ap.add_argument("--rates", type=float, nargs="+", default=list(RATES))
    ap.add_argument("--set", dest="overrides", action="append", default=[], metavar="PARAM=VALUE")
    ap.add_argument("--misses", action="store_true", help="print the wrong beads (look at dev only)")
    ap.add_argument("--quiet", action="store_true", help="summaries only")
    args = ap.parse_args(argv)
    params = parse_overrides(args.overrides)
    cache = StringCache(args.encoder)
    t0 = time.perf_counter()
    by_split: dict[str, list[SetResult]] = {}
    for spec in specs(args.split, tuple(args.seeds) if args.seeds else None, tuple(args.rates)):
        r = run_set(spec, cache, params, args.misses)
        cache.save()
        by_split.setdefault(spec.split, []).append(r)
        if not args.quiet:
            print(
                f"{r.name:22s} strict F1 {r.strict_f1:.4f}  nulls {r.nulls_found:3d}/{r.nulls:3d} "
                f"{r.null_recall:.3f}  false nulls {r.false_nulls:2d}/{r.paired} {r.false_null_rate:.4f}",
                flush=True,
            )
        for line in r.misses:
            print(line)
    for split, results in by_split.items():
        print(f"== {'DEV' if split == 'dev' else 'TEST'}")
        print(summary(results))
        for rate in args.rates:
            tag = f"-r{round(rate * 100)}-"
            part = [r for r in results if tag in r.name]
            if part and len(part) < len(results):
                print(f"-- rate {rate:.2f}\n{summary(part)}")
    print(f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

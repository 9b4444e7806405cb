"""Alignment accuracy on the evaluation corpora (strict/lax P/R/F1, micro over files).

    python bench/align_accuracy.py                       # all sets, encoder use
    python bench/align_accuracy.py --encoder e5 --sets textberg-test
    python bench/align_accuracy.py --sets textberg-dev flores-dev --set null_gain=-0.1
    python bench/align_accuracy.py --sets textberg-dev --set scoring.bias_2_2=0

Sets: ``textberg-dev``, ``textberg-test`` (7 files), ``flores-dev``, ``flores-test`` (synthetic
English-Korean from ``bench/flores_synthetic.py``), ``bible`` (verse-merged scoring).
Sentence vectors are cached under ``.bench-cache/`` keyed by encoder and text hash, so tuning
runs take seconds; the aligner itself always runs afresh.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from align.aligner import AlignParams, align_vectors  # noqa: E402
from align.aligner.anchors import document_anchors  # noqa: E402
from align.encoders.text_view import VIEW_VERSION  # noqa: E402
from align.evaluation import NullCounts, Scores, count_nulls, merge_by_units, score_many  # noqa: E402
from align.formats.beads import read_beads  # noqa: E402

CORPORA = Path("/work/shared/corpora")
CACHE = ROOT / ".bench-cache"
_ENCODERS: dict[str, Any] = {}
VIEW = f"\x02view{VIEW_VERSION}"
"""Vectors depend on the text view the encoders apply (``align.encoders.text_view``)."""


def encode(texts: list[str], encoder: str) -> np.ndarray:
    """Sentence vectors through ``align.encoders``, cached on disk by text hash."""
    key = hashlib.sha1(("\x00".join(texts) + "\x01" + encoder + VIEW).encode("utf-8")).hexdigest()
    path = CACHE / encoder.replace(":", "_").replace("/", "_") / f"{key}.npy"
    if path.exists():
        return np.load(path)
    if encoder not in _ENCODERS:
        from align.encoders import get_encoder

        _ENCODERS[encoder] = get_encoder(encoder, cache=False)
    vecs = np.asarray(_ENCODERS[encoder].encode(texts), dtype=np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vecs)
    return vecs


@dataclass
class Case:
    """One document pair with its gold and (for the Bible) the verse ids used to merge beads."""

    name: str
    src: list[str]
    tgt: list[str]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]
    src_units: list[str] | None = None
    tgt_units: list[str] | None = None
    nulls: list[tuple[str, int]] | None = None


def _lines(path: Path) -> list[str]:
    return [x.strip() for x in path.read_text(encoding="utf-8").split("\n")[:-1]]


def _gold(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in read_beads(path)]


def load_set(name: str) -> list[Case]:
    tb = CORPORA / "textberg-de-fr"
    if name == "textberg-dev":
        return [Case("dev", _lines(tb / "dev/dev.de"), _lines(tb / "dev/dev.fr"), _gold(tb / "dev/dev.defr"))]
    if name == "textberg-test":
        return [
            Case(f, _lines(tb / "de" / f), _lines(tb / "fr" / f), _gold(tb / "gold" / f))
            for f in ("001", "002", "003", "004", "005", "006", "007")
        ]
    if name in ("flores-dev", "flores-test"):
        from flores_synthetic import build

        texts = build("dev" if name == "flores-dev" else "devtest")
        return [Case(f"{k:03d}", t.en, t.ko, t.gold, nulls=t.nulls) for k, t in enumerate(texts, 1)]
    if name == "bible":
        b = CORPORA / "bible-en-zh"
        return [
            Case(
                "001",
                _lines(b / "en/001"),
                _lines(b / "zh/001"),
                _gold(b / "gold/001.align"),
                _lines(b / "en.verse"),
                _lines(b / "zh.verse"),
            )
        ]
    raise SystemExit(f"unknown set {name}")


def align_case(c: Case, encoder: str, params: AlignParams, concat: bool = True) -> list[Any]:
    """``align_vectors`` on one evaluation case the way ``dari align --presplit`` runs it
    (cached vectors, anchors, embedded concatenations unless ``concat`` is off)."""
    return align_vectors(
        encode(c.src, encoder),
        encode(c.tgt, encoder),
        np.array([len(x) for x in c.src], dtype=np.float64),
        np.array([len(x) for x in c.tgt], dtype=np.float64),
        src_anchors=document_anchors(c.src),
        tgt_anchors=document_anchors(c.tgt),
        params=params,
        concat_encoder=(lambda texts: encode(texts, encoder)) if concat else None,
        src_texts=c.src,
        tgt_texts=c.tgt,
    )


def run_set(cases: list[Case], encoder: str, params: AlignParams, concat: bool = True) -> dict[str, Any]:
    pairs = []
    nulls = NullCounts()
    align_s = 0.0
    for c in cases:
        for side in (c.src, c.tgt):
            encode(side, encoder)  # fill the cache first: encoding is not alignment time
        t0 = time.perf_counter()
        beads = align_case(c, encoder, params, concat)
        align_s += time.perf_counter() - t0
        pred = [(b.src, b.tgt) for b in beads]
        if c.src_units is not None and c.tgt_units is not None:
            pred = merge_by_units(pred, c.src_units, c.tgt_units)
        pairs.append((c.gold, pred))
        if c.nulls:
            nulls += count_nulls(c.gold, pred, c.nulls)
    s: Scores = score_many(pairs)
    out = {
        "strict_p": s.strict_p,
        "strict_r": s.strict_r,
        "strict_f1": s.strict_f1,
        "lax_p": s.lax_p,
        "lax_r": s.lax_r,
        "lax_f1": s.lax_f1,
        "align_s": align_s,
    }
    if nulls.expected:
        out["null_recall"] = nulls.recall
    return out


def parse_overrides(items: list[str]) -> AlignParams:
    """``NAME=VALUE`` items, NAME as ``stage.field`` or a field name (``split_gap``)."""
    vals: dict[str, Any] = {}
    for item in items:
        k, _, v = item.partition("=")
        vals[k] = float(v)
    try:
        return AlignParams().with_values(**vals)
    except ValueError as e:
        raise SystemExit(str(e)) from None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", default="use")
    ap.add_argument(
        "--sets", nargs="+", default=["textberg-dev", "flores-dev", "textberg-test", "flores-test", "bible"]
    )
    ap.add_argument("--set", dest="overrides", action="append", default=[], metavar="PARAM=VALUE")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    params = parse_overrides(args.overrides)
    results = {}
    for name in args.sets:
        results[name] = run_set(load_set(name), args.encoder, params)
        r = results[name]
        extra = f"  nulls found {r['null_recall']:.3f}" if "null_recall" in r else ""
        print(
            f"{name:14s} {args.encoder:4s} strict P/R/F1 {r['strict_p']:.3f}/{r['strict_r']:.3f}/{r['strict_f1']:.3f}"
            f"  lax {r['lax_p']:.3f}/{r['lax_r']:.3f}/{r['lax_f1']:.3f}{extra}  align {r['align_s']:.2f}s",
            flush=True,
        )
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

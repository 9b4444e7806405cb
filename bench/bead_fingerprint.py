"""One hash per document of the beads (and confidences, 6 dp) the aligner gives today.

A refactor of the aligner that claims to change nothing proves it here: record before,
check after, every hash must be identical.

    python bench/bead_fingerprint.py --out /tmp/before.json        # record
    python bench/bead_fingerprint.py --check /tmp/before.json      # exit 1 on any difference

Documents: seed 001 end to end (``dari align data/seed001/bilingual.txt``'s path: reading,
splitting, USE, anchors, concatenations), every document of the accuracy sets of
``align_accuracy.py`` (Text+Berg dev and test, FLORES synthetic dev and devtest, Bible) on
their cached vectors, and two synthetic texts with e5-like vectors (a large common component,
so the encoder-scale map and the merged-vector inflation are not the identity USE makes them),
one short (full matrix, paragraphs, anchors, weak boundaries, embedded windows) and one long
(coarse pass and band, lazy window vectors).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from align_accuracy import align_case, load_set  # noqa: E402

from align.aligner import AlignParams  # noqa: E402

SETS = ("textberg-dev", "textberg-test", "flores-dev", "flores-test", "bible")


def bead_hash(beads: list[Any]) -> str:
    text = "\n".join(
        f"{','.join(map(str, b.src))}:{','.join(map(str, b.tgt))}:{round(float(b.score), 6):.6f}"
        for b in beads
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def synthetic(n: int, seed: int) -> dict[str, Any]:
    """A text pair with insertions and 2-1 merges whose vectors share a strong common direction."""
    import numpy as np

    rng = np.random.default_rng(seed)
    dim = 64
    meaning = rng.normal(size=(n, dim))
    src: list[Any] = []
    tgt: list[Any] = []
    src_texts: list[str] = []
    tgt_texts: list[str] = []
    i = 0
    while i < n:
        r = rng.random()
        if r < 0.04:
            tgt.append(rng.normal(size=dim))
            tgt_texts.append(f"t{len(tgt)} inserted")
        if r > 0.95 and i + 1 < n:
            src += [meaning[i] + rng.normal(size=dim) * 0.7, meaning[i + 1] + rng.normal(size=dim) * 0.7]
            src_texts += [f"s{i} 12 Zermatt,", f"s{i + 1} and more."]
            tgt.append(meaning[i] + meaning[i + 1] + rng.normal(size=dim) * 0.7)
            tgt_texts.append(f"t{len(tgt)} 12 Zermatt.")
            i += 2
            continue
        src.append(meaning[i] + rng.normal(size=dim) * 0.7)
        tgt.append(meaning[i] + rng.normal(size=dim) * 0.7)
        src_texts.append(f"S{i} sentence {i % 7}.")
        tgt_texts.append(f"T{len(tgt)} sentence.")
        i += 1
    common = np.ones(dim) * 2.0
    s = np.array(src) + common
    t = np.array(tgt) + common
    table = {**dict(zip(src_texts, s, strict=True)), **dict(zip(tgt_texts, t, strict=True))}

    def concat(texts: list[str]) -> Any:
        joined = np.array([sum(table[w] for w in _parts(x, table)) for x in texts], dtype=np.float32)
        return joined / np.linalg.norm(joined, axis=1, keepdims=True)

    from align.aligner.anchors import document_anchors

    return {
        "src_vecs": (s / np.linalg.norm(s, axis=1, keepdims=True)).astype(np.float32),
        "tgt_vecs": (t / np.linalg.norm(t, axis=1, keepdims=True)).astype(np.float32),
        "src_lens": rng.integers(20, 200, size=len(s)).astype(np.float64),
        "tgt_lens": rng.integers(20, 200, size=len(t)).astype(np.float64),
        "src_paras": np.cumsum(rng.random(len(s)) < 0.2),
        "src_anchors": document_anchors(src_texts),
        "tgt_anchors": document_anchors(tgt_texts),
        "concat_encoder": concat,
        "src_texts": src_texts,
        "tgt_texts": tgt_texts,
    }


def _parts(joined: str, table: dict[str, Any]) -> list[str]:
    """The sentences a window joined with spaces (greedy over the known sentences)."""
    words = joined.split(" ")
    out: list[str] = []
    k = 0
    while k < len(words):
        for end in range(len(words), k, -1):
            if " ".join(words[k:end]) in table:
                out.append(" ".join(words[k:end]))
                k = end
                break
        else:
            raise ValueError(f"no sentence at {words[k:]}")
    return out


def fingerprints(sets: tuple[str, ...]) -> dict[str, str]:
    from align.pipeline import InputOptions, load_bitext

    out: dict[str, str] = {}
    seed = load_bitext([ROOT / "data/seed001/bilingual.txt"], InputOptions())
    out["seed001"] = bead_hash(seed.beads)
    print(f"seed001 {out['seed001']}", flush=True)
    from align.aligner import align_vectors

    for name, n, seed in (("synthetic/e5-like-short", 300, 1), ("synthetic/e5-like-long", 1400, 2)):
        out[name] = bead_hash(align_vectors(**synthetic(n, seed)))
        print(f"{name} {out[name]}", flush=True)
    for name in sets:
        for case in load_set(name):
            key = f"{name}/{case.name}"
            out[key] = bead_hash(align_case(case, "use", AlignParams()))
            print(f"{key} {out[key]}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="write the hashes here (JSON)")
    ap.add_argument("--check", type=Path, help="compare with hashes written earlier; exit 1 on a difference")
    ap.add_argument("--sets", nargs="+", default=list(SETS))
    args = ap.parse_args(argv)
    got = fingerprints(tuple(args.sets))
    if args.out:
        args.out.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.check:
        want = json.loads(args.check.read_text(encoding="utf-8"))
        diff = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
        print(f"{len(got)} documents, {len(diff)} differ" + (f": {', '.join(diff)}" if diff else ""))
        return 1 if diff else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

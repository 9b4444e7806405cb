"""Build long English-Korean test texts with known gold from FLORES-200 documents.

FLORES is translated sentence by sentence, so concatenated documents are perfectly 1-1. With a
fixed random seed we then damage the pair the way real documents drift apart, and the gold
follows from the edits:
- *drop*: a sentence is deleted on one side, its counterpart becomes 1-0 / 0-1;
- *merge*: two adjacent sentences are joined into one line on one side (gold 2-1 / 1-2);
- *insert*: a sentence from a document of another text is inserted on one side (gold 0-1 / 1-0).

    python bench/flores_synthetic.py --split devtest --out /tmp/flores-synth

writes ``OUT/NNN.en``, ``OUT/NNN.ko`` and gold bead files ``OUT/NNN.align``. The ``dev`` split
is for tuning, ``devtest`` for the reported figures.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "flores200-en-ko"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpora/flores200-en-ko")

P_DROP = 0.04
P_MERGE = 0.05
P_INSERT = 0.03


@dataclass
class SynthText:
    """One damaged text pair and its gold beads; ``nulls`` are the sentences that must come
    out unpaired, as ("src"|"tgt", line number)."""

    en: list[str]
    ko: list[str]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]
    nulls: list[tuple[str, int]] = field(default_factory=list)


def _read_docs(split: str, corpus: Path | None = None) -> list[tuple[list[str], list[str]]]:
    base = (corpus or CORPUS) / "docs" / split
    docs = []
    for en_path in sorted(base.glob("*.en")):
        en = en_path.read_text(encoding="utf-8").splitlines()
        ko = en_path.with_suffix(".ko").read_text(encoding="utf-8").splitlines()
        assert len(en) == len(ko), en_path
        docs.append((en, ko))
    return docs


@dataclass(frozen=True)
class Damage:
    """Per-sentence probabilities of each edit, and where edits go: ``sides="both"`` picks
    the side of every drop, merge and insertion by a coin (the original generator),
    ``sides="ko"`` edits the Korean side only (a Korean sentence dropped leaves its English
    one unpaired, inserted foreign sentences and merges are Korean)."""

    drop: float = P_DROP
    merge: float = P_MERGE
    insert: float = P_INSERT
    sides: str = "both"


def build(
    split: str = "devtest",
    seed: int = 13,
    min_len: int = 100,
    max_len: int = 200,
    damage: Damage | None = None,
    corpus: Path | None = None,
) -> list[SynthText]:
    """Concatenate the split's documents into texts of ``min_len``-``max_len`` sentences and
    damage them; deterministic for a given seed (and ``damage``; the default is the set the
    aligner was first tuned on). ``corpus``: the ``flores200-en-ko`` directory, if not the
    one beside the checkout."""
    damage = damage or Damage()
    rng = random.Random(seed)
    docs = _read_docs(split, corpus)
    groups: list[list[int]] = []
    cur: list[int] = []
    size = 0
    target = rng.randint(min_len, max_len)
    for d, (en, _) in enumerate(docs):
        cur.append(d)
        size += len(en)
        if size >= target:
            groups.append(cur)
            cur, size, target = [], 0, rng.randint(min_len, max_len)
    if cur:
        groups.append(cur)
    texts = []
    for g, members in enumerate(groups):
        pairs = [(e, k) for d in members for e, k in zip(*docs[d], strict=True)]
        foreign = [
            (e, k)
            for h, other in enumerate(groups)
            if h != g
            for d in other
            for e, k in zip(*docs[d], strict=True)
        ]
        texts.append(_damage(pairs, foreign, rng, damage))
    return texts


def _damage(
    pairs: list[tuple[str, str]], foreign: list[tuple[str, str]], rng: random.Random, damage: Damage
) -> SynthText:
    ko_only = damage.sides == "ko"
    en: list[str] = []
    ko: list[str] = []
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    nulls: list[tuple[str, int]] = []
    i = 0
    while i < len(pairs):
        if rng.random() < damage.insert:
            e, k = rng.choice(foreign)
            if not ko_only and rng.random() < 0.5:
                gold.append(((len(en),), ()))
                nulls.append(("src", len(en)))
                en.append(e)
            else:
                gold.append(((), (len(ko),)))
                nulls.append(("tgt", len(ko)))
                ko.append(k)
        e, k = pairs[i]
        r = rng.random()
        if r < damage.drop:
            if ko_only or rng.random() < 0.5:  # drop the Korean sentence: English one is left unpaired
                gold.append(((len(en),), ()))
                nulls.append(("src", len(en)))
                en.append(e)
            else:
                gold.append(((), (len(ko),)))
                nulls.append(("tgt", len(ko)))
                ko.append(k)
            i += 1
        elif r < damage.drop + damage.merge and i + 1 < len(pairs):
            e2, k2 = pairs[i + 1]
            if not ko_only and rng.random() < 0.5:  # merge on the English side -> 1-2
                gold.append(((len(en),), (len(ko), len(ko) + 1)))
                en.append(e + " " + e2)
                ko.extend([k, k2])
            else:
                gold.append(((len(en), len(en) + 1), (len(ko),)))
                en.extend([e, e2])
                ko.append(k + " " + k2)
            i += 2
        else:
            gold.append(((len(en),), (len(ko),)))
            en.append(e)
            ko.append(k)
            i += 1
    return SynthText(en, ko, gold, nulls)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="devtest", choices=["dev", "devtest"])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument(
        "--rate", type=float, default=None, help="drop, merge and insert rate each (default .04/.05/.03)"
    )
    ap.add_argument("--sides", default="both", choices=["both", "ko"])
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    rates = {} if args.rate is None else {"drop": args.rate, "merge": args.rate, "insert": args.rate}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    texts = build(args.split, args.seed, damage=Damage(**rates, sides=args.sides))
    for k, t in enumerate(texts, 1):
        (out / f"{k:03d}.en").write_text("".join(x + "\n" for x in t.en), encoding="utf-8")
        (out / f"{k:03d}.ko").write_text("".join(x + "\n" for x in t.ko), encoding="utf-8")
        (out / f"{k:03d}.align").write_text(
            "".join(f"[{', '.join(map(str, s))}]:[{', '.join(map(str, g))}]\n" for s, g in t.gold),
            encoding="utf-8",
        )
    kinds: dict[str, int] = {}
    for t in texts:
        for s, g in t.gold:
            kinds[f"{len(s)}-{len(g)}"] = kinds.get(f"{len(s)}-{len(g)}", 0) + 1
    print(
        f"{len(texts)} texts, {sum(len(t.en) for t in texts)} en / {sum(len(t.ko) for t in texts)} ko lines; {kinds}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Sentences per second of the ``hf:`` encoder with a LaBSE-sized model (random weights).

    python bench/hf_gpu_speed.py [--device cuda] [--repeat 3] [--limit N] [--json FILE]

Builds, in a temporary directory, a BERT the size of LaBSE's encoder (12 layers, 768 wide,
12 heads, 3,072 feed-forward, 512 positions) with random weights, and a WordPiece vocabulary
of the 30,000 commonest words of the Bible en-zh lines plus their characters (so tokens are
close to real subword counts; LaBSE's own 501k-entry vocabulary only changes the embedding
table, not the work per token). Encodes the 11,301 Bible lines through ``get_encoder("hf:DIR")``
(token-budget batches, bf16/fp16 autocast on CUDA, pinned non-blocking copies) with the cache
off and reports sentences per second per repeat. Speed only: the vectors mean nothing.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BIBLE = REPO.parent / "shared" / "corpora" / "bible-en-zh"


def build_model(directory: Path, lines: list[str]) -> None:
    import torch
    from transformers import BertConfig, BertModel, BertTokenizerFast

    words = collections.Counter(w for line in lines for w in line.split())
    chars = sorted({c for line in lines for c in line} - set(" \t\r\n"))
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars, *(f"##{c}" for c in chars)]
    vocab += [w for w, _ in words.most_common(30_000) if w not in set(vocab)]
    (directory / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(directory / "vocab.txt"), do_lower_case=False)
    tokenizer.save_pretrained(str(directory))
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(vocab), hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
        intermediate_size=3072, max_position_embeddings=512,
    )  # fmt: skip
    BertModel(config).save_pretrained(str(directory))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    from align.encoders import get_encoder

    lines = [
        line
        for side in ("en", "zh")
        for line in (BIBLE / side / "001").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ][: args.limit]
    with tempfile.TemporaryDirectory(prefix="dari-labse-sized-") as tmp:
        build_model(Path(tmp), lines)
        t0 = time.perf_counter()
        encoder = get_encoder(f"hf:{tmp}", device=args.device, cache=False)
        load = time.perf_counter() - t0
        rates = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            encoder.encode(lines)
            rates.append(len(lines) / (time.perf_counter() - t0))
    result = {
        "device": args.device,
        "sentences": len(lines),
        "load_s": round(load, 2),
        "sentences_per_s": [round(r) for r in rates],
        "dtype": encoder.signature().get("dtype"),
    }
    print(json.dumps(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``dari check`` on real documentation drift: the Python 3.13 docs and their Korean translation.

    python bench/check_python_docs.py                  # real pipeline (--presplit, USE, aligner)
    python bench/check_python_docs.py --gold           # checks on the gold 1-1-by-line bitexts only
    python bench/check_python_docs.py --sample 30 --sample-out /tmp/sample.md

43 documents, one paragraph per line, line i of ``.en`` translated by line i of ``.ko``.
Prints the run time, the counts per check and severity, and (``--sample``) a seeded random
sample of findings to read by hand (verdicts go in ``bench/results/python_docs_sample.md``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.checks import CheckContext, check_bitext  # noqa: E402
from align.checks.report import PairResult  # noqa: E402
from align.model import Bead, Bitext  # noqa: E402
from align.pipeline import InputOptions, align_documents, read_documents  # noqa: E402

CORPUS = Path("/work/shared/corpora/python-docs-ko")


def _ctx(encoder: object) -> CheckContext:
    """The context ``dari check`` builds: defaults, plus the encoder that aligned the text."""
    return CheckContext(encoder=encoder)  # type: ignore[arg-type]


def documents() -> list[tuple[Path, Path]]:
    return [(en, en.with_suffix(".ko")) for en in sorted(CORPUS.glob("*/*.en")) if ".sent." not in en.name]


def gold_bitext(en: Path, ko: Path) -> Bitext:
    options = InputOptions(src_lang="en", tgt_lang="ko", presplit=True)
    src, tgt = read_documents([str(en), str(ko)], options)
    if len(src.segments) != len(tgt.segments):
        raise SystemExit(f"{en}: {len(src.segments)} vs {len(tgt.segments)} lines")
    return Bitext(src, tgt, [Bead((i,), (i,), 1.0) for i in range(len(src.segments))])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", action="store_true", help="use the gold 1-1 beads instead of aligning")
    parser.add_argument(
        "--split", action="store_true", help="split paragraphs into sentences (no --presplit)"
    )
    parser.add_argument("--encoder", default="use")
    parser.add_argument("--sample", type=int, default=0, help="draw this many findings to read by hand")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--sample-out", help="write the sample as markdown here")
    parser.add_argument("--jsonl", help="write every finding as JSON lines here")
    args = parser.parse_args()

    encoder = None
    if not args.gold:
        from align.encoders import get_encoder

        encoder = get_encoder(args.encoder)
    start = time.perf_counter()
    results: list[PairResult] = []
    pairs = 0
    for en, ko in documents():
        name = f"{en.parent.name}/{en.stem}"
        if args.gold:
            bitext = gold_bitext(en, ko)
        else:
            options = InputOptions(src_lang="en", tgt_lang="ko", presplit=not args.split)
            src, tgt = read_documents([str(en), str(ko)], options)
            bitext = align_documents(src, tgt, encoder=encoder)  # type: ignore[arg-type]
        pairs += len(bitext.source.segments)
        results.append(check_bitext(bitext, _ctx(encoder), name=name))
    elapsed = time.perf_counter() - start
    counts: Counter[str] = Counter()
    for r in results:
        counts.update(f"{f.check}/{f.severity.value}" for f in r.findings)
    total = sum(counts.values())
    print(f"python-docs-ko ({'gold beads' if args.gold else 'aligned, ' + ('sentence-split' if args.split else '--presplit')}): {len(results)} documents, "
          f"{pairs} English paragraphs, {elapsed:.1f} s including alignment")  # fmt: skip
    print(f"findings: {total}")
    for key, n in sorted(counts.items()):
        print(f"  {key:24} {n}")
    every = [(r.name, f) for r in results for f in r.findings]
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as out:
            for name, f in every:
                out.write(json.dumps({"file": name, "check": f.check, "severity": f.severity.value,
                                      "message": f.finding.message,
                                      "source": f.source.to_json() if f.source else None,
                                      "target": f.target.to_json() if f.target else None},
                                     ensure_ascii=False) + "\n")  # fmt: skip
    if args.sample:
        sample = random.Random(args.seed).sample(every, min(args.sample, len(every)))
        lines = [f"# Sample of {len(sample)} findings (seed {args.seed})", ""]
        for k, (name, f) in enumerate(sample, 1):
            lines.append(f"## {k}. {name} · {f.check} · {f.severity.value}")
            lines.append(f"- message: {f.finding.message}")
            if f.source:
                lines.append(f"- en (line {f.source.line}): {f.source.text[:400]}")
            if f.target:
                lines.append(f"- ko (line {f.target.line}): {f.target.text[:400]}")
            lines.append("- verdict: ")
            lines.append("")
        text = "\n".join(lines)
        if args.sample_out:
            Path(args.sample_out).write_text(text, encoding="utf-8")
        else:
            print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

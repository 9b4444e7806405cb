"""``dari check`` targets 1 and 2 (issue 4): seed 001 drift, and clean FLORES-200 documents.

    python bench/check_seed.py                 # seed 001 + all 281 FLORES en-ko devtest documents
    python bench/check_seed.py --flores 20     # the first 20 documents only
    python bench/check_seed.py --presplit      # FLORES one sentence per line (no sentence splitting)

Runs the real pipeline (segmenter, USE encoder, aligner) and the default checks, the way
``dari check`` does, and prints what was found. Exit status 0 when both targets are met.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.checks import CheckContext, check_bitext  # noqa: E402
from align.encoders import get_encoder  # noqa: E402
from align.pipeline import InputOptions, align_documents, read_documents  # noqa: E402

FLORES = Path("/work/shared/corpora/flores200-en-ko/docs/devtest")
SEED = ROOT / "data" / "seed001"


def _ctx(encoder: object) -> CheckContext:
    """The context ``dari check`` builds: defaults, plus the encoder that aligned the text."""
    return CheckContext(encoder=encoder)  # type: ignore[arg-type]


def seed_target(encoder: object) -> bool:
    ok = True
    for paths in ([SEED / "en.txt", SEED / "ko.txt"], [SEED / "bilingual.txt"]):
        src, tgt = read_documents([str(p) for p in paths])
        result = check_bitext(align_documents(src, tgt, encoder=encoder), _ctx(encoder), name=paths[0].name)  # type: ignore[arg-type]
        print(f"\n== seed 001: {' + '.join(p.name for p in paths)}")
        for f in result.findings:
            where = f"src {f.source.line}" if f.source else "       "
            where += f" tgt {f.target.line}" if f.target else ""
            print(f"  {f.severity.value:7} {f.check:12} {where:16} {f.finding.message}")
        above = [(f.check, f.finding.message) for f in result.findings if f.severity.rank > 0]
        text = " ".join(m for _, m in above)
        expected = {
            "Yongsan paragraph missing": any(
                c == "missing" and f.source is not None and "Yongsan is also" in f.source.text
                for (c, _), f in zip(above, [x for x in result.findings if x.severity.rank > 0], strict=True)
            ),
            "Search in archive extra": any(
                f.check == "extra" and f.target is not None and f.target.text == "Search in archive"
                for f in result.findings
            ),
            "Ramzi/Remzi": "Remzi" in text,
            "Herald/Heald": "Heald" in text,
            "15일간": any(c == "number" and "15" in m and "2016" not in m for c, m in above),
            "2016 missing in Korean": sum("year 2016" in m for _, m in above) == 3,
            "nothing else above info": len(above) == 8,
            "exit 1": any(f.severity.rank == 2 for f in result.findings),
        }
        for what, met in expected.items():
            print(f"  [{'x' if met else ' '}] {what}")
        ok = ok and all(expected.values())
    return ok


def flores_target(encoder: object, limit: int | None, presplit: bool) -> bool:
    docs = sorted(FLORES.glob("*.en"))[:limit]
    clean = 0
    counts: Counter[str] = Counter()
    infos: Counter[str] = Counter()
    dirty: list[str] = []
    start = time.perf_counter()
    for en in docs:
        ko = en.with_suffix(".ko")
        options = InputOptions(src_lang="en", tgt_lang="ko", presplit=presplit)
        src, tgt = read_documents([str(en), str(ko)], options)
        result = check_bitext(align_documents(src, tgt, encoder=encoder), _ctx(encoder), name=en.stem)  # type: ignore[arg-type]
        above = [f for f in result.findings if f.severity.rank > 0]
        infos.update(f.check for f in result.findings if f.severity.rank == 0)
        if above:
            counts.update(f"{f.check}/{f.severity.value}" for f in above)
            for f in above:
                dirty.append(
                    f"  {en.stem} {f.severity.value} {f.check}: {f.finding.message}\n"
                    f"      en: {f.source.text[:150] if f.source else '-'}\n"
                    f"      ko: {f.target.text[:150] if f.target else '-'}"
                )
        else:
            clean += 1
    elapsed = time.perf_counter() - start
    print(f"\n== FLORES-200 devtest en-ko ({'presplit' if presplit else 'sentence-split'}): "
          f"{clean}/{len(docs)} documents with no finding above info ({elapsed:.1f} s)")  # fmt: skip
    print(f"  findings above info by check: {dict(counts)}; info findings: {dict(infos)}")
    print("\n".join(dirty))
    return clean == len(docs)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--flores", type=int, default=None, help="check only the first N FLORES documents")
    parser.add_argument("--presplit", action="store_true", help="FLORES lines are sentences (no splitting)")
    parser.add_argument("--encoder", default="use")
    args = parser.parse_args()
    encoder = get_encoder(args.encoder)
    ok_seed = seed_target(encoder)
    ok_flores = flores_target(encoder, args.flores, args.presplit)
    print(
        f"\nseed target {'met' if ok_seed else 'NOT met'}; FLORES target {'met' if ok_flores else 'NOT met'}"
    )
    return 0 if ok_seed and ok_flores else 1


if __name__ == "__main__":
    sys.exit(main())

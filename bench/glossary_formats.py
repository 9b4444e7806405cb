"""Glossary targets of issue 10 that concern formats and the check (items 6 and 7).

    python bench/glossary_formats.py                  # all three parts
    python bench/glossary_formats.py --seeds 50       # more random glossaries in part 1
    python bench/glossary_formats.py --skip-check     # no encoder needed

1. Round trips: glossary → TBX/TMX/CSV/TSV → glossary keeps every entry, its status, kind,
   score, count and first example. Measured on the seed 001 gold list (statuses and kinds
   varied) and on ``--seeds`` random glossaries of 1,000 entries of arbitrary Unicode
   (tabs, newlines, quotes, XML specials, ``#``, ``|`` alternatives); mean and worst case.
2. Speed and memory: write and read back a 100,000-entry glossary made of FLORES-200 en-ko
   word n-grams in each format (seconds, peak traced memory).
3. The check: seed 001 (en.txt, ko.txt) aligned by the real pipeline once; for every approved
   gold entry and every aligned pair in which its source term and an accepted target occur,
   that target is replaced (same length, so every offset stays) in that one Korean sentence,
   and ``dari check``'s term check must report the entry on that pair with both sentences.
   The unedited text is checked too (term findings there are drift of the text itself).
   Finally the CLI is run end to end once: ``dari check en.txt edited-ko.txt --glossary
   gold.tbx --format json``.
4. The term check's time on FLORES-200 devtest (1,012 pairs) with glossaries of 1,000 to
   100,000 approved entries (FLORES word n-grams: all of them occur in the text).

Exit status 0 when every target is met.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.checks import CheckContext, check_bitext  # noqa: E402
from align.checks.term_match import term_occurs  # noqa: E402
from align.model import Bitext, Document, Segment, TermEntry, TermExample, TermKind, TermStatus  # noqa: E402
from glossary.formats import GLOSSARY_FORMATS, read_glossary, write_glossary  # noqa: E402

SEED = ROOT / "data" / "seed001"
GOLD = SEED / "glossary.gold.tsv"
FLORES = Path("/work/shared/corpora/flores200-en-ko/docs/devtest")


def _core(e: TermEntry) -> tuple[object, ...]:
    first = (e.examples[0].source, e.examples[0].target) if e.examples else None
    return (e.source, e.target, e.status, e.kind, e.score, e.count, first)


def _kept(entries: list[TermEntry], fmt: str, folder: Path) -> tuple[int, int]:
    """(entries kept whole, entries whose status survived) after a write and a read."""
    path = folder / f"g.{fmt}"
    write_glossary(entries, path, src_lang="en", tgt_lang="ko")
    back = read_glossary(path)
    if len(back) != len(entries):
        return 0, 0
    whole = sum(_core(a) == _core(b) for a, b in zip(entries, back, strict=True))
    status = sum(a.status == b.status for a, b in zip(entries, back, strict=True))
    return whole, status


def _random_text(rng: random.Random, lo: int, hi: int) -> str:
    pools = [
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "대사관호잘리아제르바이잔국회의원서울학살책자",
        "αβγδЖЗИКالعربيةहिन्दी中文日本語カタカナ",
        " \t\n\"',;#<>&|\\%=+-@é€😀\u00a0\u200b",
    ]
    text = "".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(lo, hi))).strip()
    return text or "x"


def random_glossary(seed: int, n: int) -> list[TermEntry]:
    rng = random.Random(seed)
    entries = []
    for _ in range(n):
        source = _random_text(rng, 1, 20).replace("\t", " ").replace("\n", " ").strip() or "s"
        alternatives = {
            (_random_text(rng, 1, 12).replace("|", "").replace("\t", " ").replace("\n", " ").strip() or "t")
            for _ in range(rng.randint(1, 3))
        }
        examples = [
            TermExample(
                rng.randint(0, 10**5),
                _random_text(rng, 1, 80),
                _random_text(rng, 1, 80),
                rng.choice(["", "a/b.txt"]),
            )
            for _ in range(rng.randint(0, 3))
        ]
        entries.append(
            TermEntry(
                source=source,
                target="|".join(sorted(alternatives)),
                count=rng.randint(0, 10**6),
                status=rng.choice(list(TermStatus)),
                kind=rng.choice(list(TermKind)),
                score=rng.random(),
                examples=examples,
            )
        )
    return entries


def gold_glossary() -> list[TermEntry]:
    entries = read_glossary(GOLD)
    statuses = list(TermStatus)
    for k, e in enumerate(entries):
        e.status = statuses[k % 3]
        e.count = k + 1
        e.score = round(1 - k / 40, 4)
        e.examples = [TermExample(k, f"A sentence with {e.source}.", f"{e.targets[0]}이 있는 문장.")]
    return entries


def part_round_trips(seeds: int) -> bool:
    print("== 1. round trips (entries kept whole / entries)")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        gold = gold_glossary()
        for fmt in GLOSSARY_FORMATS:
            whole, status = _kept(gold, fmt, folder)
            print(f"  seed 001 gold list  {fmt}: {whole}/{len(gold)} whole, {status}/{len(gold)} statuses")
            ok &= whole == status == len(gold)
        for fmt in GLOSSARY_FORMATS:
            fractions = []
            for seed in range(seeds):
                entries = random_glossary(seed, 1000)
                whole, _ = _kept(entries, fmt, folder)
                fractions.append(whole / len(entries))
            print(
                f"  {seeds} random glossaries of 1,000  {fmt}: mean {statistics.mean(fractions):.4f}, "
                f"worst {min(fractions):.4f} kept whole"
            )
            ok &= min(fractions) == 1.0
    return ok


_STOP = frozenset(
    re.findall(
        r"\w+",
        "a an the of in on at to for from by with and or but is are was were be been it its this that "
        "these those as he she they we you i his her their our not no",
    )
)


def flores_glossary(n: int, content_words: bool = False) -> list[TermEntry]:
    """``n`` entries of FLORES word n-grams; ``content_words`` keeps only n-grams that begin
    and end with a word other than a stop word, as term extractors output them."""
    en_words: list[str] = []
    ko_words: list[str] = []
    for path in sorted(FLORES.glob("*.en")):
        en_words.extend(path.read_text(encoding="utf-8").split())
        ko_words.extend(path.with_suffix(".ko").read_text(encoding="utf-8").split())
    rng = random.Random(0)
    entries = []
    for k in range(n):
        i, j = rng.randrange(len(en_words) - 3), rng.randrange(len(ko_words) - 2)
        words = en_words[i : i + rng.randint(1, 3)]
        while content_words and (words[0].lower() in _STOP or words[-1].lower() in _STOP):
            i = rng.randrange(len(en_words) - 3)
            words = en_words[i : i + rng.randint(1, 3)]
        source = " ".join(words)
        target = " ".join(ko_words[j : j + rng.randint(1, 2)])
        example = TermExample(k, " ".join(en_words[i : i + 25]), " ".join(ko_words[j : j + 18]))
        entries.append(
            TermEntry(source, target, k % 50, list(TermStatus)[k % 3], "", TermKind.TERM, 0.5, [example])
        )
    return entries


def _timed(entries: list[TermEntry], path: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    write_glossary(entries, path, src_lang="en", tgt_lang="ko")
    wrote = time.perf_counter() - start
    start = time.perf_counter()
    back = read_glossary(path)
    return wrote, time.perf_counter() - start, len(back)


def part_speed(n: int) -> None:
    print(f"== 2. speed and memory, {n:,} entries (time untraced; peak traced in a second run)")
    if not FLORES.is_dir():
        print(f"  skipped: {FLORES} is not there")
        return
    entries = flores_glossary(n)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in GLOSSARY_FORMATS:
            path = Path(tmp) / f"g.{fmt}"
            wrote, read, count = _timed(entries, path)
            tracemalloc.start()
            write_glossary(entries, path, src_lang="en", tgt_lang="ko")
            _, write_peak = tracemalloc.get_traced_memory()
            tracemalloc.reset_peak()
            read_glossary(path)
            _, read_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            size = path.stat().st_size / 2**20
            print(
                f"  {fmt}: {size:6.1f} MiB file; write {wrote:5.2f} s (peak {write_peak / 2**20:4.0f} MiB), "
                f"read {read:5.2f} s (peak {read_peak / 2**20:4.0f} MiB); {count:,} entries back"
            )


def part_check_speed() -> None:
    """The term check's time on FLORES devtest (1,012 pairs) against glossary size."""
    from align.checks import run_checks
    from align.model import Bead, segments_from_lines

    print("== 4. term check speed, FLORES-200 devtest en-ko (1,012 pairs, 1-1)")
    if not FLORES.is_dir():
        print(f"  skipped: {FLORES} is not there")
        return
    en: list[str] = []
    ko: list[str] = []
    for path in sorted(FLORES.glob("*.en")):
        en.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        ko.extend(
            line for line in path.with_suffix(".ko").read_text(encoding="utf-8").splitlines() if line.strip()
        )
    n = min(len(en), len(ko))
    docs = []
    for lines, lang in ((en[:n], "en"), (ko[:n], "ko")):
        text, segments = segments_from_lines(lines)
        docs.append(Document(lang, text, segments))
    bitext = Bitext(docs[0], docs[1], [Bead((i,), (i,), 0.9) for i in range(n)])
    for content, sizes in ((True, (1_000, 10_000, 100_000)), (False, (1_000, 10_000))):
        for size in sizes:
            entries = flores_glossary(size, content_words=content)
            for entry in entries:
                entry.status = TermStatus.APPROVED
            start = time.perf_counter()
            found = list(run_checks(bitext, CheckContext(glossary=entries), {"term"}))
            kind = "content-word n-grams" if content else "any n-grams (stop words at the edges)"
            print(
                f"  {size:7,} entries, {kind}: {time.perf_counter() - start:6.2f} s, {len(found):,} findings"
            )


def _replace(bitext: Bitext, index: int, spans: list[tuple[int, int]]) -> Bitext:
    """A copy of ``bitext`` whose target sentence ``index`` has ``spans`` (sentence offsets)
    overwritten by ■ of the same length, so every offset in the document stays valid."""
    doc = bitext.target
    seg = doc.segments[index]
    chars = list(doc.text)
    for start, end in spans:
        for k in range(seg.start + start, seg.start + end):
            chars[k] = "■"
    text = "".join(chars)
    segments = list(doc.segments)
    segments[index] = Segment(text[seg.start : seg.end], seg.start, seg.end, seg.para)
    target = Document(doc.lang, text, segments, doc.path, doc.encoding)
    return Bitext(bitext.source, target, bitext.beads, dict(bitext.signature), [], [], dict(bitext.meta))


def part_check() -> bool:
    from align.checks.term_match import term_spans
    from align.encoders import get_encoder
    from align.pipeline import align_documents, read_documents

    print("== 3. the check: one Korean sentence's approved target replaced")
    gold = [e for e in read_glossary(GOLD) if e.status is TermStatus.APPROVED]
    src, tgt = read_documents([str(SEED / "en.txt"), str(SEED / "ko.txt")])
    bitext = align_documents(src, tgt, encoder=get_encoder("use"))
    ctx = CheckContext(glossary=gold)
    base = check_bitext(bitext, ctx)
    base_terms = [f for f in base.findings if f.check == "term"]
    before = {f.fingerprint for f in base_terms}
    print(f"  unedited text: {len(base_terms)} term finding(s)")
    for f in base_terms:
        print(f"    {f.finding.message}")
    trials = found = longer = 0
    for entry in gold:
        for bead in bitext.beads:
            if len(bead.tgt) != 1 or not bead.src:
                continue
            src_text = " ".join(bitext.source.segments[i].text for i in bead.src)
            tgt_seg = bitext.target.segments[bead.tgt[0]]
            spans = [s for t in entry.targets for s in term_spans(t, tgt_seg.text, "ko")]
            if not term_occurs(entry.source, src_text, "en") or not spans:
                continue
            trials += 1
            edited = _replace(bitext, bead.tgt[0], spans)
            result = check_bitext(edited, ctx)
            # reported: a new term finding on that pair, for the entry or for a longer approved
            # term containing it (Khojaly Genocide for Khojaly), which the edit broke as well
            hit = [
                f
                for f in result.findings
                if f.check == "term"
                and f.fingerprint not in before
                and term_occurs(entry.source, str(f.finding.data.get("term", "")), "en")
                and f.finding.tgt == bead.tgt
                and f.source is not None
                and f.target is not None
                and "■" in f.target.text
                and term_occurs(entry.source, f.source.text, "en")
            ]
            found += bool(hit)
            longer += bool(hit) and all(f.finding.data.get("term") != entry.source for f in hit)
            if not hit:
                print(f"    missed: {entry.source} → {entry.target} in target sentence {bead.tgt[0]}")
    print(f"  reported with both sentences: {found}/{trials} edits ({longer} as a longer term containing it)")
    ok = trials > 0 and found == trials

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ko = (SEED / "ko.txt").read_text(encoding="utf-8")
        at = ko.index("대사관에 의해 발행된")
        (folder / "ko.txt").write_text(ko[:at] + "영사관" + ko[at + 3 :], encoding="utf-8")
        write_glossary(read_glossary(GOLD), folder / "gold.tbx", src_lang="en", tgt_lang="ko")
        command = [sys.executable, "-m", "align", "check", str(SEED / "en.txt"), str(folder / "ko.txt")]
        command += [
            "--glossary",
            str(folder / "gold.tbx"),
            "--select",
            "term",
            "--format",
            "json",
            "-q",
            "--fail-on",
            "warning",
        ]
        proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        findings = json.loads(proc.stdout)["findings"] if proc.stdout else []
        cli = [
            f
            for f in findings
            if "'Embassy'" in f["message"] and "영사관에 의해" in (f["target"] or {}).get("text", "")
        ]
        print(
            f"  CLI end to end (dari check en.txt ko.txt --glossary gold.tbx): exit {proc.returncode}, "
            f"{len(findings)} term finding(s), the edit {'reported' if cli else 'MISSED'}"
        )
        if cli:
            print(f"    source: {cli[0]['source']['text'][:90]}...")
            print(f"    target: {cli[0]['target']['text'][:60]}...")
        ok &= bool(cli) and proc.returncode == 1
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=int, default=20, help="random glossaries per format in part 1")
    parser.add_argument("--entries", type=int, default=100_000, help="entries in part 2")
    parser.add_argument("--skip-check", action="store_true", help="skip part 3 (needs the USE encoder)")
    args = parser.parse_args()
    ok = part_round_trips(args.seeds)
    part_speed(args.entries)
    if not args.skip_check:
        ok &= part_check()
    part_check_speed()
    print("targets met" if ok else "TARGETS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

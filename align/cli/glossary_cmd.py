"""``dari glossary``: the bilingual terms and names of aligned text, with evidence.

Takes the inputs ``dari check`` takes (two texts, a bilingual file, a project, a directory,
two trees, ``--manifest``), aligns them (or reuses a project's reviewed beads) and extracts
term pairs from the aligned pairs only. A user's glossary (``--glossary``) is merged in: the
user's entries win and conflicts with the text are reported. Output: a table on the terminal,
or CSV/TSV/TMX/TBX/JSON with ``-o`` (format from the suffix or ``--to``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from align.atomic import check_output_path
from align.cli.batch_args import add_batch_arguments
from align.cli.encoder_args import add_encoder_arguments, encoder_options
from align.errors import InputError, UsageError

if TYPE_CHECKING:
    from align.model import Bitext, TermEntry


def configure(p: argparse.ArgumentParser) -> None:
    from glossary.formats import GLOSSARY_FORMATS

    p.description = (
        "Align two versions (or read a project's reviewed beads) and pair their terms and names: "
        "Korean nouns with particles stripped, English noun phrases, names matched across scripts. "
        "Each entry has a kind, a score in [0, 1], a count and example pairs."
    )
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="PATH",
        help="SRC TGT; one bilingual file; one or more .dari.json projects; a directory (docs/en/x ↔ docs/ko/x, x.en ↔ x.ko); or two directories",
    )
    p.add_argument("--manifest", help="CSV/TSV of pairs, columns src,tgt")
    p.add_argument("--src-lang", help="source language code (default: detected)")
    p.add_argument("--tgt-lang", help="target language code (default: detected)")
    p.add_argument("--presplit", action="store_true", help="inputs are one sentence/paragraph per line")
    add_encoder_arguments(p)
    add_batch_arguments(p)
    p.add_argument(
        "--no-similarity",
        action="store_true",
        help="pair by co-occurrence and transliteration only (no encoder for term similarity)",
    )
    p.add_argument("-o", "--output", help="write the glossary to FILE (format from the suffix, or --to)")
    p.add_argument(
        "--to", choices=sorted(GLOSSARY_FORMATS), help="output format (default: from the -o suffix)"
    )
    p.add_argument("--excel", action="store_true", help="CSV with a byte-order mark, for Excel")
    p.add_argument("--glossary", help="your glossary (CSV/TSV/TMX/TBX) to merge: your entries win")
    p.add_argument("--project", help="also write the aligned project with its glossary to this *.dari.json")
    p.add_argument("--min-count", type=int, default=1, help="pairs an entry must be seen in (default: 1)")
    p.add_argument("--max-words", type=int, default=4, help="longest term in words (default: 4)")
    p.add_argument("--top", type=int, help="keep the N best entries")
    p.add_argument("--kind", choices=["name", "term"], help="only names or only terms")
    p.add_argument("--stop-list", help="file of words never to propose (one per line, # comments)")
    p.add_argument("--include-numbers", action="store_true", help="keep numbers and one-letter terms")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run)


def _options(args: argparse.Namespace) -> Any:
    from align.model import TermKind
    from glossary.extraction import GlossaryOptions

    for name in ("min_count", "max_words", "top"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise UsageError(f"--{name.replace('_', '-')} must be at least 1, got {value}")
    return GlossaryOptions(
        max_words=args.max_words,
        min_count=args.min_count,
        top=args.top,
        kind=TermKind(args.kind) if args.kind else None,
        stop_words=_stop_words(args.stop_list) if args.stop_list else frozenset(),
        include_numbers=args.include_numbers,
    )


def _stop_words(path: str) -> frozenset[str]:
    from align.reading import read_text

    words = set()
    for line in read_text(path).text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(" ".join(line.lower().split()))
    return frozenset(words)


def _bitexts(args: argparse.Namespace, encoder: Any) -> list[tuple[str, Bitext]]:
    from align.cli.check_cmd import file_pairs
    from align.cli.console import progress_display
    from align.pipeline import InputOptions, is_project_file, load_bitext

    if len(args.inputs) > 1 and all(is_project_file(p) for p in args.inputs):
        # a corpus of reviewed projects: each one's beads as they are
        return [(path, load_bitext([path])) for path in args.inputs]
    many, paths = file_pairs(args)
    if many is None:
        if args.address is not None or args.engine != "local" or args.jobs is not None:
            raise UsageError("--jobs, --engine and --address apply to many pairs (a directory or --manifest)")
        options = InputOptions(src_lang=args.src_lang, tgt_lang=args.tgt_lang, presplit=args.presplit)
        name = paths[0] if len(paths) == 1 else f"{paths[0]} ↔ {paths[1]}"
        with progress_display(not args.quiet) as progress:
            return [(name, load_bitext(paths, options, encoder=encoder(), progress=progress))]
    missing = [p.name for p in many if p.target is None]
    if missing:
        raise InputError(
            f"{len(missing)} file(s) have no translation, e.g. {missing[0]}; a glossary needs pairs"
        )
    return _aligned_many(args, many)


def _aligned_many(args: argparse.Namespace, many: list[Any]) -> list[tuple[str, Bitext]]:
    """Many pairs aligned by the batch engines (``--jobs``, ``--engine``: every core, or
    Ray), then read back in the pairs' order."""
    import tempfile

    from align.api import align_batch
    from align.cli.batch_args import batch_progress
    from align.project import load_project

    with tempfile.TemporaryDirectory(prefix="dari-glossary-") as tmp:
        with batch_progress(not args.quiet, "aligning") as progress:
            frame = align_batch(
                many, tmp, jobs=args.jobs, engine=args.engine, address=args.address, encoder=args.encoder,
                encoder_options=encoder_options(args), presplit=args.presplit, src_lang=args.src_lang,
                tgt_lang=args.tgt_lang, progress=progress, write_summary_file=False,
            )  # fmt: skip
        rows = {row["pair"]: row for row in frame.iter_rows(named=True)}
        out: list[tuple[str, Bitext]] = []
        for pair in many:
            row = rows.get(pair.name)
            if row is None or row["status"] == "error" or not row["output"]:
                raise InputError(f"{pair.name}: {row['error'] if row else 'not aligned'}")
            out.append((pair.name, load_project(row["output"])))
    return out


def _languages(bitexts: list[tuple[str, Bitext]]) -> tuple[str, str]:
    first = bitexts[0][1]
    langs = (first.source.lang, first.target.lang)
    for name, bitext in bitexts[1:]:
        if (bitext.source.lang, bitext.target.lang) != langs:
            raise InputError(
                f"{name}: languages {bitext.source.lang}-{bitext.target.lang} differ from "
                f"{langs[0]}-{langs[1]}; give --src-lang and --tgt-lang"
            )
    return langs


def _in_context(term: str, sentence: str, width: int = 26) -> Any:
    """The sentence around the term's first occurrence, the term in bold: a whole bead
    would push every other row off the screen."""
    from rich.text import Text

    if any(ord(ch) >= 0x1100 for ch in sentence):
        width //= 2  # wide characters take two cells
    folded = sentence.casefold()
    at = folded.find(term.casefold())
    if at < 0:
        head = term.split()[0].casefold() if term.split() else term
        at = folded.find(head)
        if at < 0:
            return Text(sentence[: 2 * width] + ("…" if len(sentence) > 2 * width else ""))
        term = sentence[at : at + len(head)]
    start, end = max(0, at - width), min(len(sentence), at + len(term) + width)
    text = Text("…" if start else "")
    text.append(sentence[start:at])
    text.append(sentence[at : at + len(term)], style="bold")
    text.append(sentence[at + len(term) : end] + ("…" if end < len(sentence) else ""))
    return text


def _print_table(entries: list[TermEntry], src_lang: str, tgt_lang: str) -> None:
    from rich.table import Table

    from align.cli.console import stdout_console

    table = Table(expand=True)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column(src_lang, ratio=2, overflow="fold")
    table.add_column(tgt_lang, ratio=2, overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("example", ratio=5, overflow="fold", style="dim")
    for k, entry in enumerate(entries, start=1):
        shown: Any = ""
        if entry.examples:
            example = entry.examples[0]
            shown = _in_context(entry.source, example.source)
            shown.append("\n")
            shown.append_text(
                _in_context(entry.targets[0] if entry.targets else entry.target, example.target)
            )
        style = (
            "green"
            if entry.status.value == "approved"
            else ("red" if entry.status.value == "rejected" else "")
        )
        table.add_row(
            str(k), entry.source, entry.target, entry.kind.value, f"{entry.score:.2f}", str(entry.count), shown,
            style=style,
        )  # fmt: skip
    stdout_console().print(table)


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def run(args: argparse.Namespace) -> int:
    from align.cli.console import progress_display, stderr
    from glossary.corpus import pairs_of_bitexts
    from glossary.extraction import extract_glossary
    from glossary.formats import read_glossary, write_glossary
    from glossary.merge import merge_glossaries

    options = _options(args)
    if args.to and not args.output:
        args.output = "-"
    inputs = [*args.inputs, args.manifest, args.glossary, args.stop_list]
    for target in (args.output, args.project):
        if target and target != "-":
            check_output_path(target, [str(p) for p in inputs if p])
    if args.project and not args.project.endswith(".dari.json"):
        raise UsageError(f"--project writes a project file (*.dari.json), not {Path(args.project).name}")
    user = (
        read_glossary(args.glossary, src_lang=args.src_lang, tgt_lang=args.tgt_lang) if args.glossary else []
    )
    loaded: list[Any] = []

    def encoder() -> Any:
        if not loaded:
            loaded.append(encoder_options(args).load(args.encoder))
        return loaded[0]

    bitexts = _bitexts(args, encoder)
    with progress_display(not args.quiet) as progress:
        src_lang, tgt_lang = _languages(bitexts)
        pairs = pairs_of_bitexts(bitexts)
        if not pairs:
            raise InputError("no aligned pairs to learn terms from (every sentence is unpaired)")
        extracted = extract_glossary(
            pairs,
            src_lang,
            tgt_lang,
            options,
            encoder=None if args.no_similarity else encoder(),
            progress=progress,
        )
    reviewed = [
        t for bitext in (b for _, b in bitexts) for t in bitext.glossary if t.status.value != "candidate"
    ]
    merged = merge_glossaries([*user, *reviewed], extracted)
    entries = merged.entries
    if options.top is not None:
        entries = entries[: options.top]
    if args.project:
        if len(bitexts) != 1:
            raise UsageError("--project takes one pair (two texts, a bilingual file or a project)")
        from align.atomic import write_text_atomic
        from align.project import dumps_project

        bitext = bitexts[0][1]
        bitext.glossary = list(entries)
        write_text_atomic(args.project, dumps_project(bitext))
    if args.output:
        text = write_glossary(
            entries,
            None if args.output == "-" else args.output,
            args.to,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            excel=args.excel,
        )
        if text is not None:
            sys.stdout.write(text)
            sys.stdout.flush()
    else:
        _print_table(entries, src_lang, tgt_lang)
    if not args.quiet:
        for conflict in merged.conflicts:
            stderr.print(f"[yellow]conflict[/] {conflict}")
        names = sum(1 for e in entries if e.kind.value == "name")
        where = f" → {args.output}" if args.output and args.output != "-" else ""
        stderr.print(
            f"[green]glossary[/] {_count(len(entries), 'entry', 'entries')} ({_count(names, 'name')}, "
            f"{_count(len(entries) - names, 'term')}) from {_count(len(pairs), 'aligned pair')}{where}"
        )
    return 0

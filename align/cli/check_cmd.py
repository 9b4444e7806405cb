"""``dari check``: where two versions of a text drifted apart; a CI gate with exit codes.

Exit 0 when nothing at or above ``--fail-on`` was found, 1 when something was, 2 on a usage
or input error (including a pair that could not be read in a many-pair run).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from align.atomic import check_output_path, write_text_atomic
from align.checks.report import FAIL_LEVELS, LocatedFinding, Location, PairResult, at_or_above, fingerprint
from align.checks.reporters import REPORTERS
from align.cli.encoder_args import add_encoder_arguments, encoder_options
from align.cli.language_args import language_code
from align.config import FAIL_ON_CHOICES, DariConfig, load_config
from align.errors import DariError, InputError, UsageError
from align.model import Finding, Severity, TermEntry

if TYPE_CHECKING:
    from align.checks.pairing import FilePair
    from align.checks.registry import CheckContext


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="report where two versions of a text drifted apart (CI gate)",
        description=(
            "Align two versions (or read a project file's reviewed beads) and report missing and "
            "extra sentences, differing numbers, misspelt names, glossary terms, untranslated text "
            "and outliers. Exit 0: clean; 1: findings at or above --fail-on; 2: usage or input error."
        ),
    )
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="PATH",
        help="SRC TGT; one bilingual file; a .dari.json project; a directory (docs/en/x ↔ docs/ko/x, x.en ↔ x.ko); or two directories",
    )
    p.add_argument("--manifest", help="CSV/TSV of pairs to check, columns src,tgt")
    p.add_argument("--format", choices=list(REPORTERS), default="text", help="report format (default: text)")
    p.add_argument("-o", "--output", help="write the report to FILE (atomically) instead of stdout")
    p.add_argument(
        "--fail-on", choices=FAIL_ON_CHOICES, help="lowest severity that fails the run (default: error)"
    )
    p.add_argument(
        "--config", help="settings file (default: dari.toml or [tool.dari] in pyproject.toml, found upwards)"
    )
    p.add_argument(
        "--glossary",
        help="glossary for the term check: CSV/TSV (source,target), TBX or TMX; its approved entries are enforced",
    )
    p.add_argument("--select", help="run only these checks (comma-separated)")
    p.add_argument("--disable", help="switch these checks off (comma-separated)")
    p.add_argument("--baseline", help="ignore findings recorded in this baseline file")
    p.add_argument(
        "--write-baseline", metavar="FILE", help="record today's findings as the baseline and exit 0"
    )
    p.add_argument("--src-lang", type=language_code, help="source language code (default: detected)")
    p.add_argument("--tgt-lang", type=language_code, help="target language code (default: detected)")
    p.add_argument("--presplit", action="store_true", help="inputs are one sentence/paragraph per line")
    add_encoder_arguments(p)
    p.add_argument(
        "--plot", action="store_true", help="--format html: include each pair's alignment plot (dari[plot])"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def _names(value: str | None) -> set[str]:
    return {v.strip() for v in value.split(",") if v.strip()} if value else set()


def _context(args: argparse.Namespace) -> tuple[CheckContext, set[str] | None]:
    from align.checks.registry import CheckContext, available_checks

    known = set(available_checks())
    config: DariConfig = load_config(args.config, known_checks=known)
    selected = _names(args.select)
    disabled = _names(args.disable)
    for name in selected | disabled:
        if name not in known:
            raise UsageError(f"unknown check {name!r} (known: {', '.join(sorted(known))})")
    for name in disabled:
        config.enabled[name] = False
    glossary_path = args.glossary or config.glossary
    only = (selected - disabled) if selected else None
    ctx = CheckContext(config=config)
    if glossary_path:
        ctx.glossary_reader = glossary_reader(str(glossary_path), args.src_lang, args.tgt_lang)
    return ctx, only


def glossary_reader(
    path: str, src_lang: str | None, tgt_lang: str | None
) -> Callable[[str, str], list[TermEntry]]:
    """Read the glossary once now (a bad file fails before any slow work), then once per
    language pair the checked texts run in: a TBX or TMX holds both directions."""
    from glossary.formats import read_glossary

    first = read_glossary(path, src_lang=src_lang, tgt_lang=tgt_lang)
    cache: dict[tuple[str, str], list[TermEntry]] = {}

    def entries(src: str, tgt: str) -> list[TermEntry]:
        if src_lang and tgt_lang:
            return first
        if (src, tgt) not in cache:
            try:
                cache[src, tgt] = read_glossary(path, src_lang=src, tgt_lang=tgt)
            except InputError:
                cache[src, tgt] = []  # the glossary has no terms in these languages
        return cache[src, tgt]

    return entries


def _file_pairs(args: argparse.Namespace) -> tuple[list[FilePair] | None, list[str]]:
    """Many pairs (directory, two trees, manifest) or None with the inputs of one pair."""
    from align.checks.pairing import pair_directory, pair_trees, pairs_from_manifest

    if args.manifest:
        if args.inputs:
            raise UsageError("give either --manifest or input paths, not both")
        return pairs_from_manifest(args.manifest, args.src_lang, args.tgt_lang), []
    if not args.inputs:
        raise UsageError(
            "nothing to check: give SRC TGT, a bilingual or project file, a directory, or --manifest"
        )
    if len(args.inputs) > 2:
        raise UsageError(f"expected at most two paths, got {len(args.inputs)}")
    dirs = [Path(p).is_dir() for p in args.inputs]
    if all(dirs):
        if len(args.inputs) == 1:
            return pair_directory(args.inputs[0], args.src_lang, args.tgt_lang), []
        return pair_trees(*args.inputs), []
    if any(dirs):
        raise UsageError("give two files or two directories, not one of each")
    return None, list(args.inputs)


file_pairs = _file_pairs  # the pairing rules other commands share (dari glossary)


def _missing_file(pair: FilePair, ctx: CheckContext) -> PairResult:
    """A source file whose translation does not exist at all."""
    result = PairResult(name=pair.name, source_file=str(pair.source))
    if ctx.config.is_enabled("missing"):
        message = "this file has no translation" + (
            f" ({pair.tgt_lang} file not found)" if pair.tgt_lang else ""
        )
        finding = Finding("missing", Severity.ERROR, message, suggestion="translate the file")
        loc = Location(str(pair.source), 1, 1, "")
        result.findings.append(LocatedFinding(finding, loc, None, fingerprint("missing-file", pair.name, "")))
    return result


class _Checker:
    """Loads and checks pairs, creating the encoder once for all of them."""

    def __init__(self, args: argparse.Namespace, ctx: CheckContext, only: set[str] | None) -> None:
        self.args = args
        self.ctx = ctx
        self.only = only
        self._encoder: Any = None
        ctx.similarity = self.similarity

    def similarity(self, a: str, b: str) -> float:
        """Loads the encoder on first use only (a project file may never need it)."""
        from align.checks.registry import encoder_similarity

        return encoder_similarity(self.encoder())(a, b)

    def encoder(self) -> Any:
        if self._encoder is None:
            self._encoder = encoder_options(self.args).load(self.args.encoder)
        return self._encoder

    def check(
        self, name: str, paths: list[str], src_lang: str | None, tgt_lang: str | None, progress: Any
    ) -> PairResult:
        from align.checks import locate, run_checks
        from align.pipeline import InputOptions, is_project_file, load_bitext

        options = InputOptions(
            src_lang=src_lang or self.args.src_lang,
            tgt_lang=tgt_lang or self.args.tgt_lang,
            presplit=self.args.presplit,
        )
        project = len(paths) == 1 and is_project_file(paths[0])
        bitext = load_bitext(paths, options, encoder="use" if project else self.encoder(), progress=progress)
        findings = run_checks(bitext, self.ctx, self.only)
        return PairResult(
            name=name,
            findings=[locate(bitext, f) for f in findings],
            source_file=bitext.source.path,
            target_file=bitext.target.path,
            plot_png=self._plot(bitext),
            bitext=bitext if self.args.format == "html" else None,  # the html report shows both texts
        )

    def _plot(self, bitext: Any) -> bytes | None:
        if not getattr(self.args, "plot", False):
            return None
        from align.plotting.figure import render_plot

        return render_plot(bitext, encoder=self.encoder(), dpi=80)


def _run_many(pairs: list[FilePair], checker: _Checker, quiet: bool) -> list[PairResult]:
    from align.cli.console import stderr

    results: list[PairResult] = []
    show = not quiet and sys.stderr.isatty()
    progress_bar: Any = None
    if show:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress_bar = Progress(
            TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=stderr, transient=True,
        )  # fmt: skip
        progress_bar.start()
        task = progress_bar.add_task("", total=len(pairs))
    try:
        for pair in pairs:
            if progress_bar is not None:
                progress_bar.update(task, description=pair.name)
            if pair.target is None:
                results.append(_missing_file(pair, checker.ctx))
            else:
                try:
                    results.append(
                        checker.check(
                            pair.name,
                            [str(pair.source), str(pair.target)],
                            pair.src_lang,
                            pair.tgt_lang,
                            None,
                        )
                    )
                except DariError as exc:
                    results.append(PairResult(name=pair.name, error=str(exc)))
            if progress_bar is not None:
                progress_bar.advance(task)
    finally:
        if progress_bar is not None:
            progress_bar.stop()
    return results


def _check_output_path(args: argparse.Namespace, paths: list[str]) -> None:
    for option in (args.output, args.write_baseline):
        if option is None:
            continue
        check_output_path(option, paths)


def _errors_line(errors: list[PairResult], total: int) -> str:
    more = f" (and {len(errors) - 1} more, see the report)" if len(errors) > 1 else ""
    first = " ".join(str(errors[0].error).split())
    return f"{len(errors)} of {total} pair(s) could not be checked: {first}{more}"


def run(args: argparse.Namespace) -> int:
    from align.checks.baseline import apply_baseline, read_baseline, write_baseline
    from align.checks.reporters import BINARY_REPORTS, get_reporter
    from align.cli.console import progress_display, stderr

    if args.format in BINARY_REPORTS and not args.output:
        raise UsageError(f"--format {args.format} writes a binary file; give it with -o FILE.{args.format}")
    if args.plot and args.format != "html":
        raise UsageError("--plot goes with --format html (or draw one with dari plot / dari align --plot)")
    if args.plot:  # before any pair is checked: a missing matplotlib is one error, not one per pair
        from align.plotting.figure import require_matplotlib

        require_matplotlib()
    ctx, only = _context(args)
    fail_on = args.fail_on or ctx.config.fail_on
    many, paths = _file_pairs(args)
    given = paths or [str(p) for fp in (many or []) for p in (fp.source, fp.target) if p]
    side_files = [args.baseline, args.glossary, args.config, args.manifest, ctx.config.glossary]
    _check_output_path(args, [*given, *(str(p) for p in side_files if p)])
    known = read_baseline(args.baseline) if args.baseline else None
    checker = _Checker(args, ctx, only)
    if many is None:
        name = paths[0] if len(paths) == 1 else f"{paths[0]} ↔ {paths[1]}"
        with progress_display(not args.quiet) as progress:
            results = [checker.check(name, paths, None, None, progress)]
    else:
        results = _run_many(many, checker, args.quiet)
    errors = [r for r in results if r.error]
    if args.write_baseline:
        if errors:  # a baseline that silently leaves out unreadable pairs would hide them later
            raise InputError(f"no baseline written: {_errors_line(errors, len(results))}")
        write_baseline(args.write_baseline, results)
        count = sum(len(r.findings) for r in results)
        if not args.quiet:
            stderr.print(f"[green]wrote baseline[/] {args.write_baseline} with {count} finding(s)")
        return 0
    if known is not None:
        apply_baseline(results, known)
    render = get_reporter(args.format)
    report: str | bytes
    if args.format == "text" and args.output is None and sys.stdout.isatty():
        from align.checks.reporters.text_report import render as render_text
        from align.cli.console import stdout_console

        report = render_text(results, fail_on, color=True, width=stdout_console().width)
    else:
        report = render(results, fail_on)
    if args.output and isinstance(report, bytes):
        from align.atomic import write_bytes_atomic

        write_bytes_atomic(args.output, report)
        if not args.quiet:
            stderr.print(f"wrote {args.format} report to {args.output}")
    elif args.output and isinstance(report, str):
        write_text_atomic(args.output, report)
        if not args.quiet:
            stderr.print(f"wrote {args.format} report to {args.output}")
    else:
        sys.stdout.write(report if isinstance(report, str) else report.decode("utf-8"))
        sys.stdout.flush()
    if errors:
        # the report lists each one; stderr still gets the one line every failed run prints
        print(f"dari: error: {_errors_line(errors, len(results))}", file=sys.stderr)
        return 2
    failing = any(at_or_above(f.severity, fail_on) for r in results for f in r.findings)
    return 1 if failing and FAIL_LEVELS[fail_on] < 99 else 0

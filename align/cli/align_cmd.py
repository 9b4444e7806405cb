"""``dari align``: two texts (or one bilingual file) in, scored sentence pairs out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from align.atomic import check_output_path
from align.cli.batch_args import add_batch_arguments
from align.cli.encoder_args import add_encoder_arguments, encoder_options
from align.cli.language_args import language_code
from align.errors import UsageError
from align.model import Bitext
from align.pipeline import InputOptions, bitext_summary, load_bitext
from align.session import refuse_overwriting_review

if TYPE_CHECKING:
    from align.aligner.params import AlignParams

FORMATS = ("text", "beads", "tsv", "json")


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Split both versions into sentences and pair them (1-1, 1-n, n-1, 1-0, 0-1), with a confidence score."
    )
    p.add_argument("inputs", nargs="*", metavar="FILE", help="SRC TGT, or one bilingual file")
    p.add_argument(
        "--batch",
        metavar="MANIFEST|DIR",
        help="align many pairs: a CSV/TSV manifest (src,tgt) or a directory paired like dari check's "
        "(x.en ↔ x.ko, en/x ↔ ko/x); -o names the output directory (one project per pair + summary.parquet)",
    )
    p.add_argument("--src-lang", type=language_code, help="source language code (default: detected)")
    p.add_argument("--tgt-lang", type=language_code, help="target language code (default: detected)")
    p.add_argument("--presplit", action="store_true", help="inputs are one sentence per line; do not split")
    add_encoder_arguments(p)
    p.add_argument(
        "--params-from",
        metavar="PROJECT",
        help="align with the aligner parameters in PROJECT's signature (*.dari.json), to reproduce "
        "its beads; give the same --encoder",
    )
    p.add_argument(
        "-o", "--output", help="write the project file (*.dari.json); with --batch: the output directory"
    )
    p.add_argument(
        "--force", action="store_true", help="replace an -o project even if it holds reviewed beads"
    )
    p.add_argument("--format", choices=FORMATS, help="print the alignment to stdout in this format")
    p.add_argument("--scores", action="store_true", help="with --format beads: append :score to each bead")
    p.add_argument("--gold", help="score the alignment against a gold bead file and print P/R/F1")
    p.add_argument(
        "--plot", metavar="FILE", help="also draw the alignment to FILE (.png .svg .pdf; needs dari[plot])"
    )
    add_batch_arguments(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run)


def _tsv_field(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def render(bitext: Bitext, fmt: str, with_scores: bool = False) -> str:
    """The stdout text for the machine-readable formats."""
    if fmt == "beads":
        from align.formats.beads import dumps_beads

        return dumps_beads(bitext.beads, with_score=with_scores)
    if fmt == "tsv":
        lines = ["src_ids\ttgt_ids\tscore\tsrc_text\ttgt_text"]
        for bead in bitext.beads:
            src, tgt = bitext.bead_texts(bead)
            lines.append(
                "\t".join(
                    [
                        ",".join(map(str, bead.src)),
                        ",".join(map(str, bead.tgt)),
                        f"{bead.score:.4f}",
                        _tsv_field(" ".join(src)),
                        _tsv_field(" ".join(tgt)),
                    ]
                )
            )
        return "\n".join(lines) + "\n"
    if fmt == "json":
        from align.project import dumps_project

        return dumps_project(bitext)
    raise UsageError(f"unknown format {fmt!r}")


def _print_table(bitext: Bitext) -> None:
    from rich.table import Table

    from align.cli.console import stdout_console

    table = Table(show_lines=False, expand=True)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    # fold, not rich's default ellipsis: a word of wide characters that fills the column
    # exactly was cut short ("진행되 … 있다"), losing text from the display
    table.add_column(bitext.source.lang, ratio=1, overflow="fold")
    table.add_column(bitext.target.lang, ratio=1, overflow="fold")
    for k, bead in enumerate(bitext.beads):
        src, tgt = bitext.bead_texts(bead)
        style = "yellow" if bead.is_null else ("red" if bead.score < 0.5 else "")
        table.add_row(str(k), bead.kind, f"{bead.score:.2f}", " ".join(src), " ".join(tgt), style=style)
    stdout_console().print(table)


def refuse_exchange_suffix(output: Path) -> None:
    """``-o out.tmx`` would get a JSON project under a TMX name: say which command writes TMX."""
    from align.formats.registry import FORMATS

    suffix = output.suffix.lower()
    if any(suffix in fmt.suffixes for fmt in FORMATS.values()):
        raise UsageError(
            f"-o writes a project file (*.dari.json), not {suffix}; "
            f"write the project, then: dari export PROJECT -o {output.name}"
        )


def run_many(args: argparse.Namespace) -> int:
    """``dari align --batch``: every pair to its own project file, a summary, exit 2 if any failed."""
    import time

    from align.api import align_batch
    from align.batch.summary import SUMMARY_NAME
    from align.cli.batch_args import batch_progress, errors_line, print_summary_table, totals_line
    from align.cli.console import stderr

    if args.inputs:
        raise UsageError("give either --batch or input files, not both")
    params = _params_from(args.params_from)
    if not args.output:
        raise UsageError("--batch needs -o OUTDIR (the directory for the project files)")
    for option, given in (
        ("--format", args.format),
        ("--gold", args.gold),
        ("--scores", args.scores),
        ("--plot", args.plot),
    ):
        if given:
            raise UsageError(f"{option} applies to one pair, not to --batch")
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise UsageError(f"-o {out}: with --batch the output must be a directory")
    from align.api import batch_pairs

    pairs = batch_pairs(args.batch, src_lang=args.src_lang, tgt_lang=args.tgt_lang)
    start = time.perf_counter()
    with batch_progress(not args.quiet, "aligning") as progress:
        frame = align_batch(
            pairs, out, jobs=args.jobs, engine=args.engine, address=args.address, encoder=args.encoder,
            encoder_options=encoder_options(args), presplit=args.presplit, params=params, progress=progress,
        )  # fmt: skip
    seconds = time.perf_counter() - start
    from align.batch.jobs import PairOutcome

    outcomes = [
        PairOutcome(r["pair"], r["status"], r["seconds"], r["error"], r["output"], r)
        for r in frame.iter_rows(named=True)
    ]
    if not args.quiet:
        print_summary_table(outcomes, with_alignment=True)
        stderr.print(
            f"[green]aligned[/] {totals_line(outcomes, seconds)} → {out}/ (summary: {out / SUMMARY_NAME})"
        )
    problem = errors_line(outcomes, "aligned")
    if problem:
        print(f"dari: error: {problem}", file=sys.stderr)
        return 2
    return 0


def _params_from(project: str | None) -> AlignParams | None:
    """The aligner parameters of ``--params-from PROJECT`` (read before the slow alignment)."""
    if project is None:
        return None
    from align.project import load_project, signature_params

    return signature_params(load_project(project), project)


def run(args: argparse.Namespace) -> int:
    from align.cli.console import progress_display, stderr

    if args.batch:
        return run_many(args)
    if args.address is not None or args.engine != "local" or args.jobs is not None:
        raise UsageError("--jobs, --engine and --address apply to --batch")
    if not args.inputs:
        raise UsageError("nothing to align: give SRC TGT, one bilingual file, or --batch MANIFEST|DIR")
    if len(args.inputs) > 2:
        raise UsageError(f"expected SRC TGT or one bilingual file, got {len(args.inputs)} files")
    if args.scores and args.format != "beads":
        raise UsageError("--scores applies to --format beads")
    output = Path(args.output) if args.output else None
    if output is not None:
        check_output_path(output, [*args.inputs, args.gold])
        refuse_exchange_suffix(output)
        refuse_overwriting_review(output, args.force)
    encoder = args.encoder
    if args.plot:  # checked before the (slow) alignment; the encoder is kept for the band
        from align.plotting.figure import plot_format

        plot_format(args.plot)
        check_output_path(args.plot, [*args.inputs, args.gold, args.output])
        encoder = encoder_options(args).load(args.encoder)
    params = _params_from(args.params_from)
    gold = None
    if args.gold:  # read before the (slow) alignment, so a bad gold file fails at once
        from align.formats.beads import read_beads

        gold = read_beads(args.gold)
    options = InputOptions(src_lang=args.src_lang, tgt_lang=args.tgt_lang, presplit=args.presplit)
    with progress_display(not args.quiet) as progress:
        bitext = load_bitext(
            args.inputs,
            options,
            encoder=encoder,
            encoder_options=encoder_options(args),
            params=params,
            progress=progress,
        )
    if output is not None:
        from align.project import save_project

        save_project(bitext, output)
    if args.plot:
        from align.plotting.figure import plot_bitext

        plot_bitext(bitext, args.plot, encoder=None if isinstance(encoder, str) else encoder)
    fmt = args.format or ("text" if output is None and not args.plot else None)
    if fmt == "text":
        _print_table(bitext)
    elif fmt is not None:
        sys.stdout.write(render(bitext, fmt, args.scores))
    if gold is not None:
        from align.evaluation import score_beads

        scores = score_beads(gold, bitext.beads)
        stderr.print(
            f"strict P/R/F1 {scores.strict_p:.3f}/{scores.strict_r:.3f}/{scores.strict_f1:.3f}   "
            f"lax P/R/F1 {scores.lax_p:.3f}/{scores.lax_r:.3f}/{scores.lax_f1:.3f}"
        )
    if not args.quiet:
        summary = bitext_summary(bitext)
        kinds = ", ".join(f"{k}: {v}" for k, v in summary["kinds"].items())
        where = f" → {output}" if output else ""
        stderr.print(
            f"[green]aligned[/] {summary['source_sentences']} {bitext.source.lang} + "
            f"{summary['target_sentences']} {bitext.target.lang} sentences into {summary['beads']} beads "
            f"({kinds}){where}"
        )
    return 0

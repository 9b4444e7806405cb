"""``dari export``: a project file out as a TMX, CSV/TSV, XLIFF or bead file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from align.atomic import check_output_path
from align.cli.language_args import language_code
from align.errors import UsageError


def configure(p: argparse.ArgumentParser) -> None:
    from align.formats.registry import format_names

    p.description = (
        "Write the aligned pairs of a project file (*.dari.json) for CAT tools and scripts. "
        "The format comes from the output suffix (.tmx .csv .tsv .xlf/.xliff .xlsx .beads) or --to. "
        "1-0 and 0-1 beads are left out unless --include-unpaired is given (bead files and xlsx "
        "review sheets always list every bead). Sentences of an m-n bead are joined as their language joins them; "
        "leading and trailing whitespace of each sentence is dropped, and characters XML cannot carry "
        "(control characters) are removed."
    )
    p.add_argument("project", metavar="PROJECT", help="project file (*.dari.json)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="output file, or - for stdout")
    p.add_argument(
        "--to",
        metavar="FORMAT",
        help=f"{' | '.join(format_names())} (default: from the suffix of FILE; tmx for -)",
    )
    p.add_argument("--include-unpaired", action="store_true", help="also write 1-0 and 0-1 beads")
    p.add_argument("--min-score", metavar="X", help="leave out beads scoring below X (0..1)")
    p.add_argument(
        "--confirmed-only", action="store_true", help="write only beads a person confirmed in review"
    )
    p.add_argument(
        "--src-lang-tag", type=language_code, metavar="TAG", help="BCP-47 tag for the source (e.g. en-US)"
    )
    p.add_argument(
        "--tgt-lang-tag", type=language_code, metavar="TAG", help="BCP-47 tag for the target (e.g. ko-KR)"
    )
    p.add_argument(
        "--date",
        metavar="YYYYMMDDThhmmssZ",
        help="creation date to write (default: now); fix it for reproducible files",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from align.formats.registry import export_file, format_for_path
    from align.formats.selection import ExportOptions
    from align.project import load_project

    to_stdout = args.output == "-"
    fmt = format_for_path(args.output, args.to or ("tmx" if to_stdout else None))
    try:
        min_score = None if args.min_score is None else float(args.min_score)
    except ValueError:
        raise UsageError(f"--min-score {args.min_score!r} is not a number") from None
    options = ExportOptions(
        include_unpaired=args.include_unpaired,
        min_score=min_score,
        confirmed_only=args.confirmed_only,
        src_lang_tag=args.src_lang_tag,
        tgt_lang_tag=args.tgt_lang_tag,
        date=args.date,
    )
    output = Path(args.output)
    if to_stdout and fmt.binary:
        raise UsageError(f"{fmt.name} is a binary format; give a file name with -o")
    if not to_stdout:
        check_output_path(output, [args.project])
    bitext = load_project(args.project)
    if to_stdout:
        for chunk in fmt.write_chunks(bitext, options):
            sys.stdout.write(chunk)
        sys.stdout.flush()
    else:
        export_file(bitext, output, fmt.name, options)
    if not args.quiet:
        from align.cli.console import stderr
        from align.formats.selection import count_units, left_out_note

        if fmt.name == "xlsx":  # a review sheet: unpaired beads always in
            from dataclasses import replace

            options = replace(options, include_unpaired=True)
        written = len(bitext.beads) if fmt.name == "beads" else count_units(bitext, options)
        reasons = "" if fmt.name == "beads" else left_out_note(bitext, options)
        note = f" ({reasons})" if reasons else ""
        where = "stdout" if to_stdout else str(output)
        stderr.print(f"[green]exported[/] {written} beads as {fmt.name}{note} → {where}", highlight=False)
    return 0

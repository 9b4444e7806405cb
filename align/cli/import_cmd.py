"""``dari import``: a TMX, XLIFF 2, CSV/TSV or bead file into a project file for review."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from align.atomic import check_output_path
from align.cli.align_cmd import refuse_exchange_suffix
from align.cli.language_args import language_code
from align.errors import UsageError
from align.session import refuse_overwriting_review

if TYPE_CHECKING:
    from align.model import Bitext


def configure(p: argparse.ArgumentParser) -> None:
    from align.formats.registry import format_names

    p.description = (
        "Read translation units into a project file (*.dari.json) that dari review, check and "
        "export work on. Units keep their order; each becomes one bead. TM units without dari's "
        "own props are human-made and come in as 'confirmed' (score 1.0); units dari exported get "
        "their score and status back; beads from a bead file come in as 'auto'."
    )
    p.add_argument("input", metavar="FILE", help="file to import (.tmx .xlf/.xliff .csv .tsv .xlsx .beads)")
    p.add_argument("-o", "--output", required=True, metavar="PROJECT", help="project file to write")
    p.add_argument(
        "--force", action="store_true", help="replace an -o project even if it holds reviewed beads"
    )
    p.add_argument(
        "--from",
        dest="from_format",
        metavar="FORMAT",
        help=f"{' | '.join(format_names())} (default: from the suffix)",
    )
    p.add_argument(
        "--src-lang",
        type=language_code,
        help="source language (TMX: which of its languages; tables, beads: required)",
    )
    p.add_argument("--tgt-lang", type=language_code, help="target language (as --src-lang)")
    p.add_argument(
        "--columns", metavar="SRC,TGT", help="CSV/TSV: the two text columns, by name or 1-based number"
    )
    p.add_argument(
        "--no-header", action="store_true", help="CSV/TSV: the first row is data, not column names"
    )
    p.add_argument(
        "--src", metavar="FILE", help="bead files: the source sentence file, one sentence per line"
    )
    p.add_argument(
        "--tgt", metavar="FILE", help="bead files: the target sentence file, one sentence per line"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(func=run)


def _check_given_languages(bitext: Bitext, args: argparse.Namespace) -> None:
    """A language the user named must be the one the text is written in (English given as
    Korean is a mistake to stop here, not a project to write); readers take names as given."""
    from align.pipeline import check_script

    for given, doc, side in (
        (args.src_lang, bitext.source, "source"),
        (args.tgt_lang, bitext.target, "target"),
    ):
        if given:
            check_script(f"{args.input} ({side} side)", doc.text[:200_000], given)


def run(args: argparse.Namespace) -> int:
    from align.formats.registry import ImportOptions, format_for_path, import_file
    from align.project import save_project

    fmt = format_for_path(args.input, args.from_format)
    output = Path(args.output)
    if args.output == "-":
        raise UsageError("dari import writes a project file; give its path with -o")
    check_output_path(output, (args.input, args.src, args.tgt))
    refuse_exchange_suffix(output)
    refuse_overwriting_review(output, args.force)
    options = ImportOptions(
        src_lang=args.src_lang,
        tgt_lang=args.tgt_lang,
        columns=args.columns,
        has_header=not args.no_header,
        src_path=args.src,
        tgt_path=args.tgt,
    )
    bitext = import_file(args.input, fmt.name, options)
    _check_given_languages(bitext, args)
    save_project(bitext, output)
    from align.cli.console import stderr

    for warning in bitext.meta.get("import_warnings", []):
        stderr.print(f"dari: warning: {args.input}: {warning}", markup=False, highlight=False)
    if not args.quiet:
        kinds: dict[str, int] = {}
        for bead in bitext.beads:
            kinds[bead.kind] = kinds.get(bead.kind, 0) + 1
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items()))
        what = "beads" if fmt.name == "beads" else f"{fmt.name} units"
        stderr.print(
            f"[green]imported[/] {len(bitext.beads)} {what} "
            f"({bitext.source.lang} → {bitext.target.lang}; {summary}) → {output}",
            markup=True,
            highlight=False,
        )
    return 0

"""``dari eval GOLD PRED``: strict and lax precision/recall/F1 of bead files (or directories)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from align.errors import InputError


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Score predicted bead files against gold ones, as Vecalign's score.py does: precision "
        "over all predicted beads, recall over gold beads that are not 1-0/0-1, strict = exact "
        "match, lax = overlap on both sides. Two directories are matched by file name and "
        "scored micro-averaged."
    )
    p.add_argument("gold", metavar="GOLD", help="gold bead file, or a directory of them")
    p.add_argument("pred", metavar="PRED", help="predicted bead file, or a directory with the same names")
    p.add_argument("--json", action="store_true", help="print the scores as JSON (as --format json)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text table (default) or JSON")
    p.set_defaults(func=run)


def _pairs(gold: Path, pred: Path) -> list[tuple[Path, Path]]:
    if not gold.exists():
        raise InputError(f"{gold}: no such file or directory")
    if not pred.exists():
        raise InputError(f"{pred}: no such file or directory")
    if gold.is_dir() != pred.is_dir():
        raise InputError("GOLD and PRED must both be files or both be directories")
    if not gold.is_dir():
        return [(gold, pred)]
    names = sorted(p.name for p in gold.iterdir() if p.is_file() and not p.name.startswith("."))
    if not names:
        raise InputError(f"{gold}: no gold files")
    missing = [n for n in names if not (pred / n).is_file()]
    if missing:
        raise InputError(f"{pred}: no prediction for {', '.join(missing[:5])}")
    return [(gold / n, pred / n) for n in names]


def run(args: argparse.Namespace) -> int:
    from align.evaluation import score_many
    from align.formats.beads import read_beads

    files = _pairs(Path(args.gold), Path(args.pred))
    scores = score_many((read_beads(g), read_beads(p)) for g, p in files)
    if args.json or args.format == "json":
        data = scores.to_dict()
        data["files"] = len(files)
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return 0
    from rich.table import Table

    from align.cli.console import stdout_console

    table = Table(title=f"{len(files)} file(s), {scores.n_gold} gold / {scores.n_pred} predicted beads")
    table.add_column("")
    table.add_column("precision", justify="right")
    table.add_column("recall", justify="right")
    table.add_column("F1", justify="right")
    table.add_row("strict", f"{scores.strict_p:.4f}", f"{scores.strict_r:.4f}", f"{scores.strict_f1:.4f}")
    table.add_row("lax", f"{scores.lax_p:.4f}", f"{scores.lax_r:.4f}", f"{scores.lax_f1:.4f}")
    stdout_console().print(table)
    return 0

"""What every command that runs over many pairs shares: engine arguments, progress, the table."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from align.batch.jobs import PairOutcome
    from align.batch.runner import BatchProgress

TABLE_ROWS = 40
"""Up to this many pairs the table lists every pair; above, the failed ones and the totals."""


def add_batch_arguments(p: argparse.ArgumentParser) -> None:
    from align.batch.engines import ENGINES

    p.add_argument(
        "--jobs", type=int, help="worker processes (or Ray actors) for many pairs (default: all cores)"
    )
    p.add_argument(
        "--engine",
        choices=list(ENGINES),
        default="local",
        help="; ".join(f"{name}: {help_text}" for name, (_, help_text) in ENGINES.items())
        + " (default: local)",
    )
    p.add_argument("--address", help="with --engine ray: the cluster to join (default: a local instance)")


@contextmanager
def batch_progress(enabled: bool, verb: str) -> Iterator[BatchProgress | None]:
    """Counts, failures and the time left, drawn on stderr when it is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from align.cli.console import stderr

    bar = Progress(
        TextColumn(verb), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[failed]}"),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), TextColumn("{task.description}"),
        console=stderr, transient=True,
    )  # fmt: skip
    failed = 0
    with bar:
        task = bar.add_task("", total=None, failed="")

        def callback(outcome: PairOutcome, done: int, total: int) -> None:
            nonlocal failed
            failed += not outcome.ok
            bar.update(
                task, completed=done, total=total, description=outcome.name,
                failed=f"[red]{failed} failed[/]" if failed else "",
            )  # fmt: skip

        yield callback


def print_summary_table(outcomes: Sequence[PairOutcome], *, with_alignment: bool) -> None:
    """The summary as a rich table on stdout: every pair, or for a long batch the failed ones."""
    from rich.table import Table

    from align.cli.console import stdout_console

    shown = list(outcomes) if len(outcomes) <= TABLE_ROWS else [o for o in outcomes if not o.ok]
    table = Table(expand=False)
    table.add_column("pair", overflow="fold")
    if with_alignment:
        for column in ("sentences", "beads", "unpaired", "mean score"):
            table.add_column(column, justify="right")
    else:
        table.add_column("findings", justify="right")
    table.add_column("seconds", justify="right")
    table.add_column("status", overflow="fold")
    for o in shown:
        cells = [o.name]
        s = o.stats
        if with_alignment:
            sentences = (
                f"{s['src_sentences']}+{s['tgt_sentences']}" if s.get("src_sentences") is not None else ""
            )
            score = f"{s['mean_score']:.3f}" if s.get("mean_score") is not None else ""
            cells += [sentences, _cell(s.get("beads")), _cell(s.get("unpaired")), score]
        else:
            cells.append(_cell(s.get("findings")))
        status = f"[red]error: {o.error}[/]" if not o.ok else o.status
        cells += [f"{o.seconds:.2f}", status]
        table.add_row(*cells)
    if shown or len(outcomes) <= TABLE_ROWS:
        stdout_console().print(table)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def totals_line(outcomes: Sequence[PairOutcome], seconds: float) -> str:
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    parts = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    return f"{len(outcomes)} pair(s) in {seconds:.1f} s: {parts}"


def errors_line(outcomes: Sequence[PairOutcome], verb: str) -> str | None:
    errors = [o for o in outcomes if not o.ok]
    if not errors:
        return None
    first = " ".join(str(errors[0].error).split())
    more = f" (and {len(errors) - 1} more, see the summary)" if len(errors) > 1 else ""
    return f"{len(errors)} of {len(outcomes)} pair(s) could not be {verb}: {errors[0].name}: {first}{more}"

"""Human text: findings grouped by file, coloured by severity, with the two sentences side by side.

A clean run is one line. Several pairs end with a summary table. Rendering goes to a string
(rich with colour only when the CLI says the output is a terminal), so ``-o`` can save it.
"""

from __future__ import annotations

import io
import os

from rich.console import Console, Group
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from align.checks.report import PairResult, summarise

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
WHOLE_UP_TO = 4_000
"""Sentences are shown whole, wrapped; only a runaway one (a file without punctuation is
one sentence) is cut, at a word, with the number of characters left out."""


def _clip(text: str, limit: int = WHOLE_UP_TO) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    cut = cut if cut > 0 else limit
    return f"{text[:cut]} … ({len(text) - cut:,} more characters)"


def _pair_title(pair: PairResult) -> Text:
    """Printed with ``soft_wrap``: a title names files, never wrapped mid-path (nor cropped)
    however narrow the output (80 columns in a pipe)."""
    title = Text(pair.name, style="bold underline")
    both = f"{pair.source_file} ↔ {pair.target_file}"
    if pair.source_file and pair.target_file and pair.source_file != pair.target_file and pair.name != both:
        title.append(f"  ({pair.source_file} ↔ {pair.target_file})", style="dim")
    return title


def _pair_block(pair: PairResult) -> Group:
    parts: list[Table | Text | Padding] = []
    if pair.error:
        parts.append(Text.from_markup(f"  [bold red]could not check:[/] {escape(pair.error)}"))
    for f in pair.findings:
        sev = f.severity.value
        head = Text("  ")
        head.append(f"{sev:<7}", style=STYLE[sev])
        head.append(f" {f.check:<12} ", style="bold")
        where = []
        if f.source:
            where.append(f"src {f.source.line}:{f.source.column}")
        if f.target:
            where.append(f"tgt {f.target.line}:{f.target.column}")
        head.append(", ".join(where) + "  ", style="dim")
        head.append(f.finding.message)
        parts.append(head)
        table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
        table.add_column(ratio=1, style="green", overflow="fold")  # see align_cmd._print_table
        table.add_column(ratio=1, style="magenta", overflow="fold")
        table.add_row(
            _clip(f.source.text) if f.source else Text("—", style="dim"),
            _clip(f.target.text) if f.target else Text("—", style="dim"),
        )
        parts.append(Padding(table, (0, 0, 0, 4)))
        if f.finding.suggestion:
            parts.append(Text(f"    → {f.finding.suggestion}", style="dim italic"))
    return Group(*parts)


def _summary_table(pairs: list[PairResult]) -> Table:
    table = Table(title="dari check", show_footer=False)
    table.add_column("pair")
    for sev in ("error", "warning", "info"):
        table.add_column(sev, justify="right", style=STYLE[sev])
    table.add_column("baselined", justify="right", style="dim")
    for pair in pairs:
        if pair.error:
            table.add_row(pair.name, "unreadable", "", "", "")
            continue
        counts = [
            sum(1 for f in pair.findings if f.severity.value == s) for s in ("error", "warning", "info")
        ]
        table.add_row(pair.name, *(str(c) if c else "·" for c in counts), str(pair.suppressed or ""))
    return table


def render(pairs: list[PairResult], fail_on: str, *, color: bool = False, width: int | None = None) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width or int(os.environ.get("COLUMNS", "0") or 0) or 120,
        highlight=False,
        soft_wrap=False,
    )
    s = summarise(pairs, fail_on)
    if s["findings"] == 0 and not s["unreadable_pairs"]:
        what = pairs[0].name if len(pairs) == 1 else f"{len(pairs)} pairs"
        extra = (
            f" ({s['suppressed_by_baseline']} known in the baseline)" if s["suppressed_by_baseline"] else ""
        )
        console.print(
            f"[green]✓[/] {escape(what)}: no drift found{escape(extra)}", no_wrap=True, overflow="ignore"
        )
        return buffer.getvalue()
    for pair in pairs:
        if pair.findings or pair.error:
            console.print(_pair_title(pair), soft_wrap=True)
            console.print(_pair_block(pair))
            console.print()
    if len(pairs) > 1:
        console.print(_summary_table(pairs))
    sev = s["by_severity"]
    verdict = "[bold red]failed[/]" if not s["passed"] else "[green]passed[/]"
    checks = ", ".join(f"{k} {v}" for k, v in s["by_check"].items())
    console.print(
        f"{verdict}: {sev['error']} error(s), {sev['warning']} warning(s), {sev['info']} info "
        f"in {s['pairs_with_findings']}/{s['pairs']} pair(s) [dim]({escape(checks)}; fail-on {fail_on})[/]",
        soft_wrap=True,
    )
    return buffer.getvalue()

"""``dari doctor``: what is installed and usable, and the command for what is missing."""

from __future__ import annotations

import argparse
import json
import sys


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Check every optional piece dari can use (encoders, kiwipiepy, transformers/torch and "
        "whether CUDA is seen, Ray, the plot and Excel extras, shell completion) and print the "
        "command that installs what is missing. Exit 0 when everything dari needs is usable, "
        "1 when a required piece is not."
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--no-cuda", action="store_true", help="do not import torch to look for CUDA (faster)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from align.doctor import diagnose

    components = diagnose(cuda=not args.no_cuda)
    broken = any(c.required and not c.ok for c in components)
    if args.json:
        rows = [
            {"name": c.name, "purpose": c.purpose, "ok": c.ok, "required": c.required, "detail": c.detail,
             "install": c.install}
            for c in components
        ]  # fmt: skip
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 1 if broken else 0
    from rich.table import Table

    from align.cli.console import stdout_console

    table = Table(title="dari doctor", expand=False)
    table.add_column("", no_wrap=True)
    table.add_column("component", no_wrap=True)
    table.add_column("for")
    table.add_column("found", overflow="fold")
    table.add_column("to install", overflow="fold")
    for c in components:
        mark = "[green]✓[/]" if c.ok else ("[red]✗[/]" if c.required else "[yellow]–[/]")
        table.add_row(mark, c.name, c.purpose, c.detail, c.install or "")
    console = stdout_console()
    console.print(table)
    missing = [c for c in components if not c.ok]
    if missing:
        needed = "some required" if broken else "all optional"
        console.print(f"{len(missing)} piece(s) missing ({needed}); to install them:")
        for command in dict.fromkeys(c.install for c in missing if c.install):
            console.print(f"  {command}", highlight=False, markup=False, soft_wrap=True)
    else:
        console.print("everything is installed.")
    return 1 if broken else 0

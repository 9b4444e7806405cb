"""``dari review PROJECT``: open the Textual review UI (imported only when this runs)."""

from __future__ import annotations

import argparse
import sys

from align.errors import UsageError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "review",
        help="review and edit an alignment in the terminal",
        description="Confirm, merge, split, shift and unpair beads; ctrl+s saves, every edit is journaled.",
    )
    p.add_argument("project", help="a *.dari.json project file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tui.app import make_app

    app = make_app(args.project)  # a broken project is reported first, terminal or not
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # without a terminal the app would wait for keys that never come (a CI job hangs)
        raise UsageError("dari review needs an interactive terminal (stdin and stdout)")
    app.run()
    return 0

"""``dari review PROJECT``: open the Textual review UI (imported only when this runs)."""

from __future__ import annotations

import argparse


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

    make_app(args.project).run()
    return 0

"""The ``dari`` command: thin argument parsing around the core, output through rich.

Each subcommand lives in its own ``*_cmd`` module exposing ``register(subparsers)``, which
adds its parser and sets ``func`` to a ``run(args) -> int``. Every ``DariError`` becomes one
line on stderr and its exit code; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from align.errors import DariError
from align.version import __version__

# Subcommand modules, in the order `dari --help` lists them.
COMMAND_MODULES = [
    "align.cli.align_cmd",
    "align.cli.check_cmd",
    "align.cli.split_cmd",
    "align.cli.review_cmd",
    "align.cli.export_cmd",
    "align.cli.import_cmd",
    "align.cli.eval_cmd",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dari",
        description="dari (다리): align, check and export bilingual texts.",
    )
    parser.add_argument("--version", action="version", version=f"dari {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except DariError as exc:
        print(f"dari: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("dari: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())

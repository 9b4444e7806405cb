"""``dari completion SHELL``: the script that gives ``dari`` tab completion (via argcomplete)."""

from __future__ import annotations

import argparse
import sys

from align.errors import MissingDependencyError

SHELLS = ("bash", "zsh", "fish", "tcsh", "powershell")


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Print the completion script for SHELL; load it from your shell's start-up file. "
        "Commands, options, choices (--format, --fail-on, ...) and file names complete. "
        "Needs argcomplete (installed with dari)."
    )
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import argcomplete
    except ImportError:
        raise MissingDependencyError("shell completion needs argcomplete: pip install argcomplete") from None
    sys.stdout.write(argcomplete.shellcode(["dari"], shell=args.shell))
    return 0

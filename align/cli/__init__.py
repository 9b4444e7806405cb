"""The ``dari`` command: thin argument parsing around the core, output through rich.

Each subcommand lives in its own ``*_cmd`` module, registered in ``commands.COMMANDS``; its
``configure(parser)`` adds the options and sets ``func`` to a ``run(args) -> int``. Every ``DariError`` becomes one
line on stderr and its exit code; no traceback reaches the user: anything unexpected becomes
``dari: internal error: ...`` and exit 70 (``DARI_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

from align.cli.commands import COMMANDS
from align.errors import DariError
from align.version import __version__

INTERNAL_ERROR = 70
"""Exit code of an unexpected exception (a bug): ``EX_SOFTWARE`` from BSD's sysexits."""


def _help_formatter() -> type[argparse.HelpFormatter]:
    """rich-argparse's coloured help when installed; the examples epilog keeps its lines."""
    try:
        from rich_argparse import RawDescriptionRichHelpFormatter, RichHelpFormatter
    except ImportError:
        return argparse.RawDescriptionHelpFormatter

    class Formatter(RichHelpFormatter):
        help_markup = False  # help texts hold brackets ([tool.dari]) that are not rich markup
        text_markup = False

        def __init__(self, prog: str, *args: Any, **kwargs: Any) -> None:
            # rich-argparse renders through a console on stdout, which touches stdout even
            # while only building the parser; render into memory instead (stdout may be a
            # full disk or a closed pipe), coloured when stdout is a terminal
            if kwargs.get("console") is None:
                from rich.console import Console

                kwargs["console"] = Console(
                    file=io.StringIO(),
                    force_terminal=sys.stdout.isatty() if hasattr(sys.stdout, "isatty") else False,
                    width=shutil.get_terminal_size().columns,
                )
            super().__init__(prog, *args, **kwargs)

        def _rich_fill_text(self, text: Any, width: int, indent: Any) -> Any:
            """Descriptions wrap to the terminal; the examples epilog keeps its lines."""
            if text.plain.startswith("examples:"):
                return RawDescriptionRichHelpFormatter._rich_fill_text(self, text, width, indent)  # type: ignore[arg-type]
            return super()._rich_fill_text(text, width, indent)

    return Formatter


class _Parser(argparse.ArgumentParser):
    """argparse with its errors in dari's one-line form (subcommand parsers inherit it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _help_formatter())
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"dari: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dari",
        description="dari (다리): align, check and export bilingual texts.",
    )
    parser.add_argument("--version", action="version", version=f"dari {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for entry in COMMANDS:
        configure = entry.load()
        configure(sub.add_parser(entry.name, help=entry.help))
    from align.cli.examples import examples_text

    parser.epilog = examples_text(None)
    for command, subparser in sub.choices.items():
        if subparser.epilog is None:
            subparser.epilog = examples_text(command)
    return parser


def _complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's tab-completion request (``dari completion bash``) and exit; a no-op
    unless the shell asked, so argcomplete is imported only then."""
    if "_ARGCOMPLETE" not in os.environ:
        return
    with contextlib.suppress(ImportError):
        import argcomplete

        argcomplete.autocomplete(parser)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    _complete(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    _utf8_stdout()
    try:
        with _exit_on_termination():
            return int(args.func(args))
    except DariError as exc:
        _say(f"dari: error: {exc}")
        return exc.exit_code
    except KeyboardInterrupt as exc:
        _say("dari: interrupted")
        return 128 + exc.signum if isinstance(exc, _Terminated) else 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as exc:
        # The OS refused something no command checked for (a full disk under stdout, a
        # file vanishing mid-run): the user's environment, not a bug, so no traceback.
        if _debug():
            raise
        where = f": {exc.filename}" if exc.filename else ""
        _say(f"dari: error: {exc.strerror or exc}{where}")
        return 2
    except MemoryError:
        # A limit of the machine, not a bug: say so in one line, with what to do about it.
        _say(
            "dari: error: out of memory: the input is too large for this machine's memory; "
            "split it into smaller files (or use a machine with more memory)"
        )
        return 2
    except Exception as exc:  # the last line of defence: a bug must not greet users with a traceback
        if _debug():
            raise
        _say(
            f"dari: internal error: {type(exc).__name__}: {exc} "
            "(rerun with DARI_DEBUG=1 to see the traceback, and please report it)"
        )
        return INTERNAL_ERROR


def _utf8_stdout() -> None:
    """Texts, TMX, JSON and reports go out as UTF-8 whatever the locale says: an ASCII
    locale (``LC_ALL=C`` in a CI image) must not turn Korean output into a crash."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    errors = getattr(sys.stdout, "errors", None)
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if (encoding != "utf8" or errors == "strict") and reconfigure is not None:
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            # backslashreplace: a file name that is not UTF-8 is printed escaped, not a crash
            reconfigure(encoding="utf-8", errors="backslashreplace")


class _Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, like Ctrl-C's KeyboardInterrupt."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"signal {signum}")
        self.signum = signum


@contextlib.contextmanager
def _exit_on_termination() -> Iterator[None]:
    """SIGTERM and SIGHUP (a CI job cancelled, a terminal closed) end the run the way Ctrl-C
    does, by an exception: the ``finally`` blocks run, so an interrupted write removes its
    temporary file instead of leaving it beside the output (the default action kills the
    process on the spot). The previous handlers come back afterwards."""
    saved: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
                with contextlib.suppress(OSError, ValueError):
                    signal.signal(signum, _raise_terminated)
                    saved[signum] = signal.SIG_DFL
    try:
        yield
    finally:
        for signum, handler in saved.items():
            with contextlib.suppress(OSError, ValueError):
                signal.signal(signum, handler)


def _raise_terminated(signum: int, _frame: object) -> None:
    raise _Terminated(signum)


def _debug() -> bool:
    return os.environ.get("DARI_DEBUG", "").strip() not in ("", "0")


def _say(message: str) -> None:
    """One line on stderr whatever the message holds (library messages may quote
    multi-line parser errors): the first thing a person or a CI log shows stays whole."""
    print(" ".join(message.split()), file=sys.stderr)


def _silence_stdout() -> None:
    """After the reader of stdout went away (``dari split x | head``), point stdout at
    /dev/null so that the interpreter's final flush does not print a second error."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())

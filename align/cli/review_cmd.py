"""``dari review``: open the Textual review UI (imported only when this runs).

``dari review PROJECT`` opens a project; ``dari review SRC TGT`` or ``dari review BILINGUAL``
aligns first (in a worker, with a progress bar) into ``-o PROJECT`` (default: beside the
source, ``NAME.dari.json``) and opens that. ``--serve`` serves the same app to browsers
through textual-serve, one session (process) per browser tab.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import Any

from align.errors import DariError, MissingDependencyError, UsageError


def configure(p: argparse.ArgumentParser) -> None:
    from align.cli.encoder_args import add_encoder_arguments

    p.description = (
        "Confirm, merge, split, move, unpair, pair, edit and realign beads; h shows every key. "
        "ctrl+s saves atomically; every edit is journaled, so a crash loses nothing. Give a "
        "project file, or SRC TGT / one bilingual file to align first."
    )
    p.add_argument(
        "inputs", nargs="+", metavar="PATH", help="PROJECT.dari.json, or SRC TGT, or one bilingual file"
    )
    p.add_argument("-o", "--output", metavar="PROJECT", help="project to create when aligning first")
    p.add_argument("--force", action="store_true", help="replace an -o project that holds reviewed beads")
    p.add_argument("--read-only", action="store_true", help="look without editing (no lock, no journal)")
    p.add_argument("--src-lang", help="source language code when aligning (default: detected)")
    p.add_argument("--tgt-lang", help="target language code when aligning (default: detected)")
    p.add_argument("--presplit", action="store_true", help="when aligning: inputs are one sentence per line")
    add_encoder_arguments(p)
    p.add_argument("--serve", action="store_true", help="serve the review in a web browser (textual-serve)")
    p.add_argument(
        "--host", default="localhost", help="with --serve: address to listen on (default localhost)"
    )
    p.add_argument("--port", type=int, default=8000, help="with --serve: port (default 8000)")
    p.set_defaults(func=run)


def _project_for(args: argparse.Namespace) -> Path:
    """The project to open, aligning the inputs first when they are texts."""
    from align.atomic import check_output_path
    from align.pipeline import PROJECT_SUFFIX, InputOptions, is_project_file
    from align.session import refuse_overwriting_review

    if len(args.inputs) > 2:
        raise UsageError(f"expected a project, SRC TGT or one bilingual file, got {len(args.inputs)} paths")
    if len(args.inputs) == 1 and is_project_file(args.inputs[0]):
        if args.output:
            raise UsageError(
                "-o names the project to create when aligning; a project file is opened as it is"
            )
        return Path(args.inputs[0])
    for given in args.inputs:
        if not Path(given).is_file():
            raise UsageError(f"{given}: no such file")
    first = Path(args.inputs[0])
    output = Path(args.output) if args.output else first.with_name(first.stem + PROJECT_SUFFIX)
    check_output_path(output, args.inputs)
    refuse_overwriting_review(output, args.force)
    from align.cli.encoder_args import encoder_options
    from tui.aligning import AlignApp

    _need_terminal()
    options = InputOptions(src_lang=args.src_lang, tgt_lang=args.tgt_lang, presplit=args.presplit)
    aligner = AlignApp(list(args.inputs), output, options, args.encoder, encoder_options(args))
    result = aligner.run()
    if aligner.error:
        raise UsageError(aligner.error)
    if result is None:
        raise DariError("cancelled; nothing was written")
    return result


def _need_terminal() -> None:
    if os.environ.get("TEXTUAL_DRIVER"):  # textual-serve runs us behind its web driver
        return
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # without a terminal the app would wait for keys that never come (a CI job hangs)
        raise UsageError("dari review needs an interactive terminal (stdin and stdout); or use --serve")


def _serve(args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        raise MissingDependencyError(
            "dari review --serve needs textual-serve: pip install textual-serve"
        ) from None
    project = _project_for_serve(args)
    command = " ".join(
        shlex.quote(part)
        for part in [
            sys.executable,
            "-m",
            "align",
            "review",
            str(project),
            *(["--read-only"] if args.read_only else []),
        ]
    )
    Server(command, host=args.host, port=args.port, title=f"dari review {project.name}").serve()
    return 0


def _project_for_serve(args: argparse.Namespace) -> Path:
    from align.pipeline import is_project_file
    from align.project import load_project

    if len(args.inputs) != 1 or not is_project_file(args.inputs[0]):
        raise UsageError("--serve opens a project file; align it first (dari align SRC TGT -o PROJECT)")
    load_project(args.inputs[0])  # a broken project is reported here, not in every browser tab
    return Path(args.inputs[0]).resolve()


def run(args: argparse.Namespace) -> int:
    if args.serve:
        return _serve(args)
    project = _project_for(args)
    from tui.app import make_app

    # a broken project is reported first, terminal or not
    app = make_app(project, read_only=args.read_only, encoder=args.encoder)
    try:
        _need_terminal()
        _run_app(app)
    finally:
        if app.lock is not None:
            app.lock.release()
    _end_background_work()
    return 0


def _run_app(app: Any) -> None:
    """``app.run()`` without its last step: ``asyncio.run`` joins the default executor's
    threads, so a check still running in a worker would hold the closed app (see below)."""
    import asyncio

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(app.run_async())
    finally:
        asyncio.set_event_loop(None)
        loop.close()  # the executor is shut down without waiting for its threads


def _end_background_work() -> None:
    """Quit means quit: a check or rescoring worker still busy on a 50,000-bead project would
    otherwise keep the process alive (the interpreter joins its threads at exit) long after
    the screen closed, or after the terminal went away. Every edit is already journaled and a
    save is synchronous, so nothing those workers hold needs writing: leave at once."""
    import os
    import threading

    if any(t.is_alive() and t is not threading.main_thread() and not t.daemon for t in threading.enumerate()):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)

"""The CLI's rich consoles and progress display; only the CLI (never the core) prints."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from align.progress import ProgressCallback

stderr = Console(stderr=True, highlight=False, soft_wrap=True)
"""Messages go out one per line, never wrapped: a log or a pipe gets whole paths, not 80-column pieces."""


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


@contextmanager
def progress_display(enabled: bool = True) -> Iterator[ProgressCallback | None]:
    """A progress callback that draws a bar per stage on stderr when it is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    progress = Progress(
        TextColumn("{task.description:>10}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def callback(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage, total=total or None)
        progress.update(tasks[stage], completed=done, total=total or None)

    with progress:
        yield callback

"""Progress and cancellation hooks shared by every long-running core function.

The core never prints: it calls ``progress(stage, done, total)`` and polls ``cancel()``.
The CLI renders these with rich; the TUI posts them as messages from a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable

from align.errors import CancelledError

ProgressCallback = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; ``total`` may be 0 when unknown."""

CancelCallback = Callable[[], bool]
"""Returns True when the caller wants the operation to stop as soon as possible."""


def report(progress: ProgressCallback | None, stage: str, done: int, total: int) -> None:
    """Call the progress hook if there is one."""
    if progress is not None:
        progress(stage, done, total)


def check_cancel(cancel: CancelCallback | None) -> None:
    """Raise ``CancelledError`` when the caller asked to stop."""
    if cancel is not None and cancel():
        raise CancelledError("cancelled")

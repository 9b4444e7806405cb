"""Atomic writes: a crash or a full disk never leaves a half-written file in the user's place.

Regular files are written beside the target and renamed over it; a symlink is followed (the
file it points to is replaced, the link kept); devices and pipes (``-o /dev/stdout``) are
written straight through, since renaming over them would replace the device node."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from align.errors import OutputError


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename over ``path``."""
    write_chunks_atomic(path, (data,))


def write_chunks_atomic(path: str | os.PathLike[str], chunks: Iterable[bytes]) -> None:
    """Like ``write_bytes_atomic`` for output produced piece by piece (a 100,000-unit TMX),
    so it never has to sit in memory whole. If producing a chunk fails, the temporary file
    is removed and ``path`` is left as it was."""
    target = Path(path)
    if _is_special(target):
        _write_through(target, chunks)
        return
    if target.is_symlink():
        # write where the link points (as shell redirection does), keeping the link itself
        target = Path(os.path.realpath(target))
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write {target}: directory {directory} does not exist")
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a directory")
    remove_stale_temporaries(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


STALE_UNKNOWN_SECONDS = 3600
"""A temporary file with no process id in its name (older dari) is stale after an hour."""


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove ``.NAME.PID.*.tmp`` files beside ``target`` that a killed run left behind.

    Why: a ``kill -9`` (or a power cut) skips every clean-up, and the half-written file,
    which may be as large as the output, would stay hidden beside it forever. The process id
    in the name tells whose a file is: one whose process is gone is removed, one whose
    process still runs (a concurrent write to the same output) is left alone."""
    removed: list[Path] = []
    directory = target.parent if str(target.parent) else Path(".")
    prefix = f".{target.name}."
    try:
        candidates = [
            entry
            for entry in os.scandir(directory)
            if entry.name.startswith(prefix)
            and entry.name.endswith(".tmp")
            and entry.is_file(follow_symlinks=False)
        ]
    except OSError:
        return removed
    for entry in candidates:
        middle = entry.name[len(prefix) : -len(".tmp")]
        pid_text = middle.split(".", 1)[0]
        if "." in middle and pid_text.isdigit():
            if _process_alive(int(pid_text)):
                continue
        else:
            try:
                if time.time() - entry.stat(follow_symlinks=False).st_mtime < STALE_UNKNOWN_SECONDS:
                    continue
            except OSError:
                continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or a number no process can have: leave it
    return True


def _is_special(target: Path) -> bool:
    """A device, pipe or socket (``-o /dev/stdout``, ``/dev/null``, a FIFO): there is nothing
    to protect by renaming, and renaming over it would replace the device node itself."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_through(target: Path, chunks: Iterable[bytes]) -> None:
    try:
        with open(target, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """UTF-8. A lone surrogate can only come from a file name that is not UTF-8 (Python
    decodes those with surrogateescape); it is written as a ``\\udcff`` escape, not a crash."""
    write_bytes_atomic(path, text.encode("utf-8", "backslashreplace"))


def check_output_path(
    output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str] | None]
) -> None:
    """Refuse, before any slow work starts, an output that is one of the inputs (a symlink to
    one included) or that lies in a directory that does not exist."""
    out = Path(output)
    resolved = out.resolve()
    for given in inputs:
        if given and Path(given).resolve() == resolved:
            raise OutputError(f"refusing to overwrite the input file {given}")
    if str(out.parent) and not out.parent.is_dir():
        raise OutputError(f"cannot write {out}: directory {out.parent} does not exist")

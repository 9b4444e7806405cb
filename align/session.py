"""One editing session per project: a lock that a crashed session does not leave stuck, and a
fingerprint that tells whether the project file changed on disk since it was opened.

Two sessions saving the same project would each overwrite the other's work; a lock file
beside the project (created with ``O_EXCL``) names the session holding it. A lock whose
process is gone (same host, dead PID) is taken over; a live one is refused, and the second
session may still open the project read-only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.errors import DariError, OutputError


class LockedError(DariError):
    """Another live session holds the project's lock."""

    def __init__(self, message: str, holder: dict[str, Any]) -> None:
        super().__init__(message)
        self.holder = holder


class ChangedOnDiskError(DariError):
    """The project file is no longer the one this session opened."""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the project file was when it was opened: size, mtime and a content hash."""

    size: int
    mtime_ns: int
    sha256: str

    @staticmethod
    def of(path: str | Path) -> Fingerprint | None:
        p = Path(path)
        try:
            st = p.stat()
            digest = hashlib.sha256()
            with p.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError:
            return None
        return Fingerprint(st.st_size, st.st_mtime_ns, digest.hexdigest())

    def matches(self, path: str | Path) -> bool:
        """Cheap when nothing changed (size and mtime agree); otherwise the content decides."""
        try:
            st = Path(path).stat()
        except OSError:
            return False
        if st.st_size == self.size and st.st_mtime_ns == self.mtime_ns:
            return True
        now = Fingerprint.of(path)
        return now is not None and now.sha256 == self.sha256


def lock_path(project: str | Path) -> Path:
    p = Path(project)
    return p.with_name(p.name + ".lock")


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed process nobody reaped (common in containers whose init does not) still
    answers ``kill(pid, 0)``; it holds nothing any more."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[:1] == ["Z"]


def _read(path: Path) -> dict[str, Any]:
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    return obj if isinstance(obj, dict) else {}


class ProjectLock:
    """The lock file of one session; ``release`` only removes it while it is still ours."""

    def __init__(self, project: str | Path, session: str | None = None) -> None:
        self.path = lock_path(project)
        self.session = session or uuid.uuid4().hex[:12]
        self.held = False
        self.took_over: dict[str, Any] | None = None

    def _record(self) -> dict[str, Any]:
        return {
            "session": self.session,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }

    def _create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        except OSError as exc:
            raise OutputError(f"cannot create the lock {self.path}: {exc.strerror or exc}") from None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(self._record(), handle)
            handle.flush()
            os.fsync(handle.fileno())
        return True

    def acquire(self) -> None:
        """Take the lock, taking over a stale one; ``LockedError`` when a live session has it."""
        for _ in range(3):
            if self._create():
                self.held = True
                return
            holder = _read(self.path)
            if not self._stale(holder):
                who = f"pid {holder.get('pid', '?')} on {holder.get('host', '?')}"
                raise LockedError(
                    f"{self.path.name[: -len('.lock')]} is open in another dari review session "
                    f"({who}, since {holder.get('started', '?')})",
                    holder,
                )
            # stale: move it out of the way under a unique name (only one taker wins the rename)
            aside = self.path.with_name(f"{self.path.name}.stale-{self.session}")
            try:
                os.replace(self.path, aside)
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise OutputError(
                    f"cannot take over the stale lock {self.path}: {exc.strerror or exc}"
                ) from None
            self.took_over = holder
            with contextlib.suppress(OSError):
                aside.unlink()
        raise LockedError(f"could not take the lock {self.path}", _read(self.path))

    def _stale(self, holder: dict[str, Any]) -> bool:
        if not holder:  # unreadable or half-written: a session that died while creating it
            try:
                return time.time() - self.path.stat().st_mtime > 5
            except OSError:
                return True
        if holder.get("host") != socket.gethostname():
            return False  # another machine's process cannot be checked: never steal it
        pid = holder.get("pid")
        return not isinstance(pid, int) or not _alive(pid)

    def release(self) -> None:
        if not self.held:
            return
        if _read(self.path).get("session") == self.session:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.held = False


def refuse_overwriting_review(output: str | Path, force: bool) -> None:
    """``dari align -o`` / ``dari import -o`` must not silently replace a project a person has
    reviewed (confirmed or edited beads), nor one that is open or has unsaved edits."""
    out = Path(output)
    if force or not out.is_file():
        return
    from align.pipeline import is_project_file
    from align.project import load_project

    if not is_project_file(out):
        return
    if lock_path(out).exists() and _read(lock_path(out)).get("host") == socket.gethostname():
        pid = _read(lock_path(out)).get("pid")
        if isinstance(pid, int) and _alive(pid):
            raise OutputError(f"refusing to overwrite {out}: it is open in dari review (pid {pid})")
    journal = out.with_name(out.name + ".journal")
    if journal.exists():
        raise OutputError(
            f"refusing to overwrite {out}: it has unsaved review edits ({journal.name}); "
            "open it with dari review first, or pass --force"
        )
    try:
        project = load_project(out)
    except DariError:
        return  # not a readable project: nothing reviewed to lose
    # statuses an import brought in (a TM's units come in confirmed) are not review work;
    # a project dari review saved, or one aligned here with statuses set, is
    reviewed = sum(1 for b in project.beads if b.status.value != "auto")
    if "reviewed" not in project.meta and "imported_from" in project.meta:
        reviewed = 0
    if reviewed:
        raise OutputError(
            f"refusing to overwrite {out}: {reviewed} beads in it were confirmed or edited in review "
            "(pass --force to replace it, or choose another -o)"
        )

"""dari review in a real terminal (tmux), as a person uses it: open, edit, the process is
killed (kill -9: no chance to save or release anything), reopen, recover, save."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from align.editing import Journal
from align.project import load_project
from align.session import lock_path

ROOT = Path(__file__).parents[2]
SEED = ROOT / "tests" / "golden" / "seed001.dari.json"

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
)


class Tmux:
    def __init__(self) -> None:
        self.name = f"dari-{uuid.uuid4().hex[:8]}"

    def start(self, project: Path) -> None:
        env = f"PYTHONPATH={shlex.quote(str(ROOT))} TERM=xterm-256color"
        command = f"cd {shlex.quote(str(ROOT))} && {env} exec {shlex.quote(sys.executable)} -m align review {shlex.quote(str(project))}"
        subprocess.run(
            ["tmux", "new-session", "-d", "-x", "80", "-y", "24", "-s", self.name, command], check=True
        )

    def screen(self) -> str:
        out = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return out.stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def pid(self) -> int:
        out = subprocess.run(
            ["tmux", "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        )
        return int(out.stdout.split()[0])

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def tmux():  # type: ignore[no-untyped-def]
    t = Tmux()
    yield t
    t.close()


def test_killed_session_loses_nothing_and_reopen_offers_recovery(tmp_path: Path, tmux: Tmux) -> None:
    project = tmp_path / "seed001.dari.json"
    shutil.copy(SEED, project)
    tmux.start(project)
    screen = tmux.wait_for("saved")
    assert "1/12" in screen and "unpaired" in screen
    tmux.keys("j", "m")  # merge beads 2 and 3
    tmux.wait_for("unsaved 1")
    journal = Journal.for_project(project)
    assert len(journal.read()) == 1  # fsynced before the screen changed
    os.kill(tmux.pid(), signal.SIGKILL)
    time.sleep(0.5)
    tmux.close()
    assert lock_path(project).exists()  # a killed process leaves its lock behind...
    assert len(load_project(project).beads) == 12  # ...and the project as it was saved
    second = Tmux()
    try:
        second.start(project)  # ...which the next session takes over (its PID is dead)
        screen = second.wait_for("Unsaved edits found")
        assert "READ-ONLY" not in screen
        second.keys("Enter")  # Recover
        second.wait_for("unsaved 1")
        second.keys("C-s")
        second.wait_for("saved")
        second.keys("q")
        time.sleep(1.0)
    finally:
        second.close()
    saved = load_project(project)
    assert len(saved.beads) == 11
    assert saved.beads[1].src == (1, 2)
    assert not journal.path.exists()
    assert not lock_path(project).exists()


def test_the_main_view_fits_80x24(tmp_path: Path, tmux: Tmux) -> None:
    project = tmp_path / "seed001.dari.json"
    shutil.copy(SEED, project)
    tmux.start(project)
    tmux.wait_for("saved")
    screen = tmux.wait_for("q Quit")
    lines = screen.rstrip().splitlines()
    assert "en (11 sentences)" in lines[0] and "ko (10 sentences)" in lines[0]
    # the current bead is shown in full: its whole Korean text is on screen
    assert "진행되고" in screen and "있다" in screen
    assert "q Quit" in lines[-1] and "^s Save" in lines[-1] and "^z Undo" in lines[-1]
    tmux.keys("q")

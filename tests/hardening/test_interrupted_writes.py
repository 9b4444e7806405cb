"""Writes interrupted by a signal leave nothing behind, and leftovers of a killed run go away.

The writer is a real ``dari import`` in a child process, stopped while it writes its
project (a pause is put between two chunks of the file so the signal lands mid-write).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from align.atomic import remove_stale_temporaries, write_text_atomic
from align.reading import decode_bytes

REPO = Path(__file__).resolve().parents[2]
TMX = REPO / "tests" / "golden" / "seed001.tmx"

SLOW_WRITER = """
import sys, time
import align.project as project
chunks = project.project_chunks
def slow(bitext):
    first = True
    for chunk in chunks(bitext):
        yield chunk
        if first:
            print("writing", flush=True)
            time.sleep(60)
            first = False
project.project_chunks = slow
from align.cli import main
sys.exit(main(["import", "-q", sys.argv[1], "-o", sys.argv[2]]))
"""


def _start_writer(out: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(TMX), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing", proc.stderr.read() if proc.stderr else ""
    return proc


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_during_a_write_removes_the_temporary_file(tmp_path: Path, signum: int) -> None:
    out = tmp_path / "tm.dari.json"
    proc = _start_writer(out)
    assert len(_temporaries(tmp_path)) == 1
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (128 + signum, 130), err
    assert err.strip().splitlines() == ["dari: interrupted"]
    assert _temporaries(tmp_path) == [] and not out.exists()


def test_the_next_write_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    out = tmp_path / "tm.dari.json"
    proc = _start_writer(out)
    proc.kill()  # SIGKILL: no clean-up can run
    proc.communicate(timeout=60)
    left = _temporaries(tmp_path)
    assert len(left) == 1 and left[0].name.startswith(".tm.dari.json.")
    write_text_atomic(out, "{}\n")
    assert _temporaries(tmp_path) == []
    assert out.read_text() == "{}\n"


def test_temporaries_of_running_writers_are_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    alive = tmp_path / f".out.tmx.{os.getppid()}.abc123.tmp"  # our parent runs
    dead = tmp_path / ".out.tmx.999999999.abc123.tmp"
    fresh_unknown = tmp_path / ".out.tmx.abc123.tmp"  # an older dari's name: kept for an hour
    old_unknown = tmp_path / ".out.tmx.zzz999.tmp"
    other = tmp_path / ".other.tmx.999999999.abc.tmp"
    for path in (alive, dead, fresh_unknown, old_unknown, other):
        path.write_text("partial")
    hour_ago = time.time() - 7200
    os.utime(old_unknown, (hour_ago, hour_ago))
    removed = remove_stale_temporaries(out)
    assert sorted(removed) == sorted([dead, old_unknown])
    assert alive.exists() and fresh_unknown.exists() and other.exists()


def test_iso_2022_kr_is_text() -> None:
    ko = (REPO / "data" / "seed001" / "ko.txt").read_text(encoding="utf-8")
    decoded = decode_bytes(ko.encode("iso2022_kr"), "ko.txt")
    assert decoded.encoding == "iso2022_kr"
    assert decoded.text == ko.replace("\r\n", "\n")

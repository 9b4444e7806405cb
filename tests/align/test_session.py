"""The project lock (one session per project; a dead session's lock taken over) and the
refusal to let `dari align -o` / `dari import -o` replace reviewed work."""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path

import pytest

from align.cli import main
from align.errors import OutputError
from align.project import load_project, save_project
from align.session import Fingerprint, LockedError, ProjectLock, lock_path, refuse_overwriting_review

SEED = Path(__file__).parents[1] / "golden" / "seed001.dari.json"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "seed001.dari.json"
    shutil.copy(SEED, path)
    return path


def test_a_live_lock_refuses_a_second_session(project: Path) -> None:
    first = ProjectLock(project)
    first.acquire()
    with pytest.raises(LockedError, match="another dari review session"):
        ProjectLock(project).acquire()
    first.release()
    assert not lock_path(project).exists()
    second = ProjectLock(project)
    second.acquire()
    second.release()


def test_a_dead_sessions_lock_is_taken_over(project: Path) -> None:
    lock_path(project).write_text(
        json.dumps({"session": "gone", "pid": 2**22 + 4321, "host": socket.gethostname(), "started": "x"})
    )
    lock = ProjectLock(project)
    lock.acquire()
    assert lock.took_over is not None and lock.took_over["session"] == "gone"
    assert json.loads(lock_path(project).read_text())["pid"] == os.getpid()
    lock.release()


def test_another_hosts_lock_is_never_stolen(project: Path) -> None:
    lock_path(project).write_text(json.dumps({"session": "x", "pid": 1, "host": "elsewhere.example"}))
    with pytest.raises(LockedError, match=r"elsewhere\.example"):
        ProjectLock(project).acquire()


def test_release_leaves_someone_elses_lock_alone(project: Path) -> None:
    lock = ProjectLock(project)
    lock.acquire()
    lock_path(project).write_text(json.dumps({"session": "other", "pid": os.getpid(), "host": "h"}))
    lock.release()
    assert lock_path(project).exists()


def test_fingerprint_sees_a_changed_file_but_not_a_touched_one(project: Path) -> None:
    fp = Fingerprint.of(project)
    assert fp is not None and fp.matches(project)
    os.utime(project, (1, 1))  # same bytes, new mtime
    assert fp.matches(project)
    bitext = load_project(project)
    bitext.beads[0].score = 0.5
    save_project(bitext, project)
    assert not fp.matches(project)


def _reviewed(project: Path) -> None:
    bitext = load_project(project)
    bitext.meta["reviewed"] = {"by": "dari review"}
    save_project(bitext, project)


def test_align_refuses_to_replace_a_reviewed_project_without_force(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _reviewed(project)
    before = project.read_bytes()
    data = Path(__file__).parents[2] / "data" / "seed001"
    code = main(["align", "-q", str(data / "en.txt"), str(data / "ko.txt"), "-o", str(project)])
    assert code == 2
    err = capsys.readouterr().err
    assert "refusing to overwrite" in err and "--force" in err
    assert project.read_bytes() == before


def test_import_refuses_to_replace_a_reviewed_project_without_force(project: Path, tmp_path: Path) -> None:
    _reviewed(project)
    table = tmp_path / "tm.tsv"
    table.write_text("en\tko\nHello.\t안녕하세요.\n", encoding="utf-8")
    before = project.read_bytes()
    assert main(["import", str(table), "-o", str(project), "-q"]) == 2
    assert project.read_bytes() == before
    assert main(["import", str(table), "-o", str(project), "-q", "--force"]) == 0
    assert len(load_project(project).beads) == 1


def test_unsaved_review_edits_also_block_replacing(project: Path) -> None:
    project.with_name(project.name + ".journal").write_text("{}\n")
    with pytest.raises(OutputError, match="unsaved review edits"):
        refuse_overwriting_review(project, force=False)
    refuse_overwriting_review(project, force=True)


def test_an_imported_project_nobody_reviewed_may_be_replaced(tmp_path: Path) -> None:
    table = tmp_path / "tm.tsv"
    table.write_text("en\tko\nHello.\t안녕하세요.\n", encoding="utf-8")
    out = tmp_path / "tm.dari.json"
    assert main(["import", str(table), "-o", str(out), "-q"]) == 0  # units come in confirmed
    assert main(["import", str(table), "-o", str(out), "-q"]) == 0

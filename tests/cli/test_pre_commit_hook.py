"""``.pre-commit-hooks.yaml``: ``pre-commit try-repo`` runs the ``dari-check`` hook from this
repository against a small docs tree in a temporary git repository, as a user's
``repo: <dari's URL>`` would: clean translations pass, drifted ones fail the commit.

pre-commit builds its own virtualenv and installs dari into it; the test lets that
virtualenv see the already installed dependencies (``VIRTUALENV_SYSTEM_SITE_PACKAGES``)
and forbids downloads (``PIP_NO_INDEX``), so it runs offline in seconds. Only the uncommitted
state of this repository's tracked files is used (try-repo's rule)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "seed001"
pytestmark = pytest.mark.slow


def test_manifest_declares_dari_check() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "dari-check"]
    assert hook["entry"].split()[:2] == ["dari", "check"]
    assert hook["language"] == "python" and hook["pass_filenames"] is False


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _try_repo(docs_repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.update(
        PRE_COMMIT_HOME=str(home),
        VIRTUALENV_SYSTEM_SITE_PACKAGES="1",
        PIP_NO_INDEX="1",
        PIP_NO_BUILD_ISOLATION="false",
        PYTHONPATH="",  # the hook must run the dari pre-commit installed, not this checkout
    )
    args = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "dari-check", "--all-files"]
    return subprocess.run(args, cwd=docs_repo, env=env, capture_output=True, text=True, timeout=600)


def test_try_repo_runs_the_hook_on_a_docs_tree(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("try-repo needs git and a git checkout of dari")
    docs = tmp_path / "site"
    (docs / "docs" / "en").mkdir(parents=True)
    (docs / "docs" / "ko").mkdir(parents=True)
    en = [line for line in SEED.joinpath("en.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    ko = [line for line in SEED.joinpath("ko.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    # the first three paragraphs translate each other: no error-level finding
    (docs / "docs" / "en" / "press.txt").write_text("\n\n".join(en[:3]) + "\n", encoding="utf-8")
    (docs / "docs" / "ko" / "press.txt").write_text("\n\n".join(ko[:3]) + "\n", encoding="utf-8")
    _git(docs, "init", "-q")
    _git(docs, "add", "-A")
    _git(docs, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "docs")
    home = tmp_path / "pre-commit-home"

    clean = _try_repo(docs, home)
    assert clean.returncode == 0, clean.stdout[-3000:] + clean.stderr[-2000:]
    assert "Passed" in clean.stdout

    # the full seed: the Yongsan paragraph is missing, Ramzi became Remzi
    shutil.copy(SEED / "en.txt", docs / "docs" / "en" / "press.txt")
    shutil.copy(SEED / "ko.txt", docs / "docs" / "ko" / "press.txt")
    _git(docs, "add", "-A")
    drifted = _try_repo(docs, home)
    assert drifted.returncode == 1, drifted.stdout[-3000:] + drifted.stderr[-2000:]
    assert "Failed" in drifted.stdout and "Remzi" in drifted.stdout

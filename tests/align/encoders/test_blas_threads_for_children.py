"""Batch workers are spawned with BLAS sized to their share of the cores."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from align.encoders.threads import BLAS_THREAD_VARIABLES, blas_threads_for_children


def test_children_started_inside_get_the_limit_and_the_parent_is_restored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in BLAS_THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "3")  # the user's own choice is kept
    with blas_threads_for_children(1):
        seen = subprocess.run(
            [
                sys.executable,
                "-c",
                "import os; print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['MKL_NUM_THREADS'])",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    assert seen == ["1", "3"]
    assert "OPENBLAS_NUM_THREADS" not in os.environ
    assert os.environ["MKL_NUM_THREADS"] == "3"

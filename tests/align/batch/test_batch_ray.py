"""The Ray engine on a real local Ray instance: the same projects, byte for byte, as the local engine."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import ray

from align.api import align_batch

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "flores-dev-sample"


@pytest.fixture(scope="module")
def ray_instance() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


@pytest.mark.slow
def test_ray_actors_write_byte_identical_projects(ray_instance: None, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    shutil.copytree(SAMPLE, corpus)
    (corpus / "009.en").write_text("A sentence without a real translation.\n", encoding="utf-8")
    (corpus / "009.ko").write_text("12345\n", encoding="utf-8")
    local = align_batch(corpus, tmp_path / "local", jobs=1)
    on_ray = align_batch(corpus, tmp_path / "ray", engine="ray", jobs=2)
    assert ray.is_initialized()  # an instance the caller started is left running
    names = sorted(p.name for p in (tmp_path / "local").glob("*.dari.json"))
    assert len(names) == 6
    assert names == sorted(p.name for p in (tmp_path / "ray").glob("*.dari.json"))
    for name in names:
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "ray" / name).read_bytes(), name
    assert on_ray.drop("seconds", "output").equals(local.drop("seconds", "output"))
    assert on_ray.filter(on_ray["pair"] == "009.en")["status"].item() == "error"

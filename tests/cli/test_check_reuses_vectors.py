"""``dari check PROJECT`` reads back the sentence vectors ``dari align`` computed, by the
encoder the project names: no sentence is encoded twice, and no stand-in encoder is used."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from align.cli import main


@pytest.fixture
def encoded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Texts per call of the USE model's forward pass, counted."""
    from align.encoders.use_backend import UseEncoder

    calls: list[int] = []
    original = UseEncoder._compute

    def counting(self: UseEncoder, texts: Any, progress: Any, cancel: Any) -> Any:
        calls.append(len(texts))
        return original(self, texts, progress, cancel)

    monkeypatch.setattr(UseEncoder, "_compute", counting)
    return calls


def _use_store(monkeypatch: pytest.MonkeyPatch, where: Path) -> None:
    monkeypatch.setenv("DARI_CACHE_DIR", str(where))


def test_check_of_an_aligned_project_encodes_no_cached_sentence(
    tmp_path: Path, seed_dir: Path, monkeypatch: pytest.MonkeyPatch, encoded: list[int]
) -> None:
    _use_store(monkeypatch, tmp_path / "vectors")
    project = tmp_path / "seed.dari.json"
    assert main(["align", str(seed_dir / "en.txt"), str(seed_dir / "ko.txt"), "-o", str(project), "-q"]) == 0
    beads = json.loads(project.read_text(encoding="utf-8"))["beads"]
    assert any(not b["src"] or not b["tgt"] for b in beads)  # the repair policy has work to do
    assert encoded, "aligning encodes"
    encoded.clear()
    assert main(["check", str(project), "--format", "json", "-o", str(tmp_path / "a.json"), "-q"]) == 1
    assert encoded == []
    # The same check with an empty vector store does encode the project's sentences: the
    # zero above is the store's doing, not a check that never asked.
    _use_store(monkeypatch, tmp_path / "empty")
    assert main(["check", str(project), "--format", "json", "-o", str(tmp_path / "b.json"), "-q"]) == 1
    assert sum(encoded) > 0
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()


def test_a_project_that_names_no_encoder_is_checked_without_one(
    tmp_path: Path, seed_dir: Path, monkeypatch: pytest.MonkeyPatch, encoded: list[int]
) -> None:
    """An imported TMX was aligned by nobody: no encoder stands in (the repair is skipped),
    whatever --encoder says."""
    _use_store(monkeypatch, tmp_path / "vectors")
    project = tmp_path / "seed.dari.json"
    assert main(["align", str(seed_dir / "en.txt"), str(seed_dir / "ko.txt"), "-o", str(project), "-q"]) == 0
    obj = json.loads(project.read_text(encoding="utf-8"))
    obj["signature"].pop("encoder")
    project.write_text(json.dumps(obj), encoding="utf-8")
    _use_store(monkeypatch, tmp_path / "empty")
    encoded.clear()
    assert main(["check", str(project), "--encoder", "use", "-q", "-o", str(tmp_path / "r.txt")]) == 1
    assert encoded == []

"""Issue-4 acceptance on real text with the real aligner: the seed's known drift, clean FLORES pairs."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from align.cli import main

REPO = Path(__file__).resolve().parents[2]
FLORES = (
    Path(os.environ.get("DARI_SHARED", REPO.parent / "shared"))
    / "corpora"
    / "flores200-en-ko"
    / "docs"
    / "devtest"
)


def _check_json(capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, dict[str, Any]]:
    code = main(["check", *paths, "--format", "json", "-q"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return code, json.loads(out)


def test_seed_reports_exactly_its_known_drift(capsys: pytest.CaptureFixture[str], seed_dir: Path) -> None:
    code, report = _check_json(capsys, str(seed_dir / "bilingual.txt"))
    assert code == 1
    above_info = [f for f in report["findings"] if f["severity"] != "info"]
    by_check: dict[str, list[dict[str, Any]]] = {}
    for finding in above_info:
        by_check.setdefault(finding["check"], []).append(finding)
    assert set(by_check) == {"missing", "extra", "name", "number"}
    (missing,) = by_check["missing"]
    assert missing["source"]["text"].startswith("Yongsan district") and missing["target"] is None
    assert "Yongsan is also" in missing["source"]["text"]
    (extra,) = by_check["extra"]
    assert extra["target"]["text"] == "Search in archive"
    names = " ".join(f["message"] for f in by_check["name"])
    assert "Ramzi" in names and "Remzi" in names and "Herald" in names and "Heald" in names
    assert len(by_check["name"]) == 2
    numbers = by_check["number"]
    errors = [f for f in numbers if f["severity"] == "error"]
    assert sorted(f["message"] for f in errors) == [  # two drifts of one pair, not lumped together
        "15 in the target has no counterpart in the source",
        "24th in the source has no counterpart in the target",
    ]
    years = [f for f in numbers if f["severity"] == "warning"]
    assert years and all("2016" in f["message"] for f in years)


@pytest.mark.skipif(not FLORES.is_dir(), reason="../shared/corpora is not available")
@pytest.mark.parametrize("split", [[], ["--presplit"]], ids=["split", "presplit"])
@pytest.mark.parametrize("doc", ["001", "014", "052", "078", "120", "197"])
def test_clean_flores_documents_pass(capsys: pytest.CaptureFixture[str], doc: str, split: list[str]) -> None:
    code, report = _check_json(capsys, str(FLORES / f"{doc}.en"), str(FLORES / f"{doc}.ko"), *split)
    above_info = [f for f in report["findings"] if f["severity"] != "info"]
    if doc == "197":  # the released Korean says 2020 where the English says 2002: real drift
        assert code == 1 and [f["check"] for f in above_info] == ["number"]
    else:
        assert code == 0, above_info
        assert above_info == []

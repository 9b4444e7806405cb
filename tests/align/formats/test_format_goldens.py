"""Byte-exact golden files for every export format on the hand-checked seed 001 project.

Regenerate after an intended change with ``DARI_UPDATE_GOLDENS=1 python -m pytest
tests/align/formats/test_format_goldens.py`` and review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from align.formats.registry import get_format
from align.formats.selection import ExportOptions
from align.model import Bitext

FIXED_DATE = "20260101T000000Z"
GOLDEN = Path(__file__).resolve().parents[2] / "golden"

CASES = {
    "seed001.tmx": ("tmx", ExportOptions(date=FIXED_DATE)),
    "seed001.unpaired-kr.tmx": (
        "tmx",
        ExportOptions(date=FIXED_DATE, include_unpaired=True, src_lang_tag="en-US", tgt_lang_tag="ko-KR"),
    ),
    "seed001.csv": ("csv", ExportOptions()),
    "seed001.tsv": ("tsv", ExportOptions(include_unpaired=True)),
    "seed001.xlf": ("xliff", ExportOptions(include_unpaired=True)),
    "seed001.beads": ("beads", ExportOptions()),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_matches_golden(name: str, seed_project: Bitext) -> None:
    fmt, options = CASES[name]
    produced = get_format(fmt).write(seed_project, options).encode("utf-8")
    path = GOLDEN / name
    if os.environ.get("DARI_UPDATE_GOLDENS") == "1":
        path.write_bytes(produced)
    assert path.exists(), f"missing golden {path}; run with DARI_UPDATE_GOLDENS=1"
    assert produced == path.read_bytes(), f"{name} differs from its golden file"


def test_goldens_contain_what_the_issue_asks_for() -> None:
    """A reviewer's checklist, so a regenerated golden cannot silently lose a feature."""
    tmx = (GOLDEN / "seed001.tmx").read_text(encoding="utf-8")
    assert tmx.count("<tu ") == 9  # 12 beads, less the two 1-0 and the one 0-1
    assert "Yongsan district with the territory" not in tmx and "Search in archive" not in tmx
    assert 'creationdate="20260101T000000Z"' in tmx
    assert "<note>warning: numbers: 2016 in the source is missing from the target</note>" in tmx
    assert "E.&amp;.P." in tmx and "&lt;코리아 헤럴드&gt;" in tmx
    unpaired = (GOLDEN / "seed001.unpaired-kr.tmx").read_text(encoding="utf-8")
    assert unpaired.count("<tu ") == 12
    assert 'srclang="en-US"' in unpaired and '<tuv xml:lang="ko-KR">' in unpaired
    xlf = (GOLDEN / "seed001.xlf").read_text(encoding="utf-8")
    assert xlf.count("<unit ") == 12
    for state in ("final", "reviewed", "translated", "initial"):
        assert f'<segment state="{state}">' in xlf
    csv_lines = (GOLDEN / "seed001.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0] == "source,target,bead_type,score,status,source_ids,target_ids"
    assert len(csv_lines) == 10

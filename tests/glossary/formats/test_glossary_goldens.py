"""Byte-exact golden files for every glossary writer, on the fixed seed 001 glossary.

Regenerate after an intended change with ``DARI_UPDATE_GOLDENS=1 python -m pytest
tests/glossary/formats/test_glossary_goldens.py`` and review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from align.model import TermEntry
from align.version import __version__
from glossary.formats import GLOSSARY_FORMATS, read_glossary, write_glossary

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
NAMES = {fmt: f"glossary001.{fmt}" for fmt in GLOSSARY_FORMATS}


@pytest.mark.parametrize("fmt", GLOSSARY_FORMATS)
def test_writer_matches_golden(fmt: str, glossary: list[TermEntry]) -> None:
    text = write_glossary(glossary, None, fmt, src_lang="en", tgt_lang="ko")
    assert text is not None
    produced = text.replace(f'"{__version__}"', '"VERSION"').replace(f"dari {__version__}.", "dari VERSION.")
    path = GOLDEN / NAMES[fmt]
    if os.environ.get("DARI_UPDATE_GOLDENS") == "1":
        path.write_bytes(produced.encode("utf-8"))
    assert path.exists(), f"missing golden {path}; run with DARI_UPDATE_GOLDENS=1"
    assert produced.encode("utf-8") == path.read_bytes(), f"{path.name} differs from its golden file"


@pytest.mark.parametrize("fmt", GLOSSARY_FORMATS)
def test_golden_reads_back(fmt: str, glossary: list[TermEntry]) -> None:
    back = read_glossary(GOLDEN / NAMES[fmt])
    assert [(e.source, e.target, e.status, e.kind, e.count, e.score) for e in back] == [
        (e.source, e.target, e.status, e.kind, e.count, e.score) for e in glossary
    ]


def test_goldens_hold_what_the_issue_asks_for() -> None:
    csv_lines = (GOLDEN / "glossary001.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0] == "source,target,kind,score,count,status,example_source,example_target"
    assert csv_lines[1].startswith("Khojaly,호잘리,name,0.9731,9,approved,Action Plan")
    tsv = (GOLDEN / "glossary001.tsv").read_text(encoding="utf-8")
    assert '"' not in tsv.splitlines()[0] and tsv.count("\n") == 7
    tmx = (GOLDEN / "glossary001.tmx").read_text(encoding="utf-8")
    assert tmx.count("<tu ") == 6 and '<tuv xml:lang="ko">' in tmx
    assert '<prop type="x-dari-term-status">rejected</prop>' in tmx and "E.&amp;.P." in tmx
    tbx = (GOLDEN / "glossary001.tbx").read_text(encoding="utf-8")
    assert '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">' in tbx
    assert tbx.count("<conceptEntry ") == 6
    for status in ("preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"):
        assert f'<termNote type="administrativeStatus">{status}</termNote>' in tbx

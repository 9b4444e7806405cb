"""XLIFF 2.1 export and import: structure, state mapping, translate-toolkit read-back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import xliff2

from align.errors import InputError
from align.formats.selection import ExportOptions
from align.formats.xliff_reader import read_xliff
from align.formats.xliff_writer import XLIFF_NS, dumps_xliff
from align.model import BeadStatus, Bitext

NS = {"x": XLIFF_NS}


def test_root_is_xliff_2_1_in_the_2_0_core_namespace(seed_project: Bitext) -> None:
    root = etree.fromstring(dumps_xliff(seed_project).encode())
    assert root.tag == f"{{{XLIFF_NS}}}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "en", "ko")
    units = root.findall("x:file/x:unit", NS)
    assert len(units) == 9
    assert len({u.get("id") for u in units}) == 9
    for unit in units:
        assert len(unit.findall("x:segment", NS)) == 1


def test_state_follows_status(seed_project: Bitext) -> None:
    root = etree.fromstring(dumps_xliff(seed_project, ExportOptions(include_unpaired=True)).encode())
    states = [s.get("state") for s in root.iter(f"{{{XLIFF_NS}}}segment")]
    expected = []
    for bead in seed_project.beads:
        if not bead.tgt:
            expected.append("initial")
        else:
            expected.append(
                {BeadStatus.AUTO: "translated", BeadStatus.EDITED: "reviewed", BeadStatus.CONFIRMED: "final"}[
                    bead.status
                ]
            )
    assert states == expected


def test_translate_toolkit_reads_the_xliff(seed_project: Bitext, tmp_path: Path) -> None:
    path = tmp_path / "seed.xlf"
    path.write_text(dumps_xliff(seed_project), encoding="utf-8")
    store = xliff2.Xliff2File.parsefile(str(path))
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "ko")
    paired = [b for b in seed_project.beads if not b.is_null]
    assert len(store.units) == len(paired)
    for unit, bead in zip(store.units, paired, strict=True):
        src, tgt = seed_project.bead_texts(bead)
        assert unit.source == " ".join(s.strip() for s in src)
        assert unit.target == " ".join(t.strip() for t in tgt)
        # translate-toolkit counts "reviewed" (edited) as approved too; "translated" is not
        assert unit.isapproved() == (bead.status is not BeadStatus.AUTO)


def test_round_trip_on_the_seed(seed_project: Bitext, tmp_path: Path) -> None:
    options = ExportOptions(include_unpaired=True)
    first = dumps_xliff(seed_project, options)
    path = tmp_path / "seed.xlf"
    path.write_text(first, encoding="utf-8")
    back = read_xliff(path)
    assert dumps_xliff(back, options) == first
    assert [(b.kind, b.status) for b in back.beads] == [(b.kind, b.status) for b in seed_project.beads]


def test_foreign_xliff_with_segments_and_states(tmp_path: Path) -> None:
    path = tmp_path / "tool.xlf"
    path.write_text(
        f"""<?xml version="1.0"?>
<xliff xmlns="{XLIFF_NS}" version="2.0" srcLang="en-US" trgLang="ko-KR">
 <file id="f">
  <unit id="1">
   <notes><note>from the client</note></notes>
   <segment state="final"><source>Hello <pc id="1">there</pc>.</source><target>안녕하세요.</target></segment>
   <segment state="final"><source>Bye<ph id="2"/>.</source><target>잘 가요.</target></segment>
  </unit>
  <unit id="2"><segment><source>Untranslated.</source></segment></unit>
  <unit id="3"><segment state="reviewed"><source>Checked.</source><target>확인함.</target></segment></unit>
 </file>
</xliff>
""",
        encoding="utf-8",
    )
    bitext = read_xliff(path)
    assert bitext.source.texts == ["Hello there.", "Bye.", "Untranslated.", "Checked."]
    assert bitext.target.texts == ["안녕하세요.", "잘 가요.", "확인함."]
    assert [(b.kind, b.status, b.score) for b in bitext.beads] == [
        ("2-2", BeadStatus.CONFIRMED, 1.0),
        ("1-0", BeadStatus.AUTO, 0.0),
        ("1-1", BeadStatus.EDITED, 0.0),
    ]
    assert bitext.meta["lang_tags"] == {"source": "en-US", "target": "ko-KR"}
    assert [f.message for f in bitext.findings] == ["from the client"]


def test_m_n_bead_split_survives(bitext_factory: Callable[..., Bitext], tmp_path: Path) -> None:
    bitext = bitext_factory([(["A one.", "A two."], ["하나 둘."]), (["B."], ["비."])])
    path = tmp_path / "mn.xlf"
    path.write_text(dumps_xliff(bitext), encoding="utf-8")
    back = read_xliff(path)
    assert [b.kind for b in back.beads] == ["2-1", "1-1"]
    assert back.source.texts == ["A one.", "A two.", "B."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>',
            "XLIFF 1.2 is not supported",
        ),
        (f'<xliff xmlns="{XLIFF_NS}" version="2.1" srcLang="en"><file id="f"/></xliff>'.encode(), "trgLang"),
        (
            f'<xliff xmlns="{XLIFF_NS}" version="2.1" srcLang="en" trgLang="ko"><file id="f">'.encode(),
            r":1:\d+: malformed",
        ),
    ],
)
def test_bad_xliff_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.xlf"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_xliff(path)


def test_an_empty_selection_is_refused_rather_than_written_invalid(seed_project: Bitext) -> None:
    from align.errors import UsageError

    with pytest.raises(UsageError, match="at least one unit"):
        dumps_xliff(seed_project, ExportOptions(min_score=0.99))

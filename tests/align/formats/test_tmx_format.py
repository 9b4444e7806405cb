"""TMX 1.4b export: DTD-valid, read back by translate-toolkit, options, joins, escaping."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import tmx as tt_tmx

from align.formats.selection import ExportOptions
from align.formats.tmx_reader import read_tmx
from align.formats.tmx_writer import dumps_tmx
from align.model import BeadStatus, Bitext, Finding, Severity
from align.project import bitext_from_json, bitext_to_json

DTD_PATH = Path(__file__).resolve().parents[3] / "align" / "formats" / "tmx14.dtd"
DATE = "20260101T000000Z"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _validate(text: str) -> etree._Element:
    dtd = etree.DTD(str(DTD_PATH))
    root = etree.fromstring(text.encode("utf-8"))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()
    return root


def test_seed_tmx_is_valid_against_the_tmx14_dtd(seed_project: Bitext) -> None:
    root = _validate(dumps_tmx(seed_project, ExportOptions(date=DATE)))
    header = root.find("header")
    assert header is not None
    assert root.get("version") == "1.4"
    assert {
        k: header.get(k) for k in ("creationtool", "segtype", "o-tmf", "adminlang", "srclang", "datatype")
    } == {
        "creationtool": "dari",
        "segtype": "sentence",
        "o-tmf": "dari",
        "adminlang": "en",
        "srclang": "en",
        "datatype": "plaintext",
    }
    assert header.get("creationdate") == DATE
    assert header.get("creationtoolversion")


def test_the_dtd_rejects_a_header_without_required_attributes() -> None:
    dtd = etree.DTD(str(DTD_PATH))
    assert not dtd.validate(etree.fromstring(b'<tmx version="1.4"><header creationtool="x"/><body/></tmx>'))


def test_translate_toolkit_reads_the_seed_tmx(seed_project: Bitext, tmp_path: Path) -> None:
    path = tmp_path / "seed.tmx"
    path.write_text(dumps_tmx(seed_project, ExportOptions(date=DATE)), encoding="utf-8")
    store = tt_tmx.tmxfile.parsefile(str(path))
    paired = [b for b in seed_project.beads if not b.is_null]
    assert len(store.units) == len(paired)
    for unit, bead in zip(store.units, paired, strict=True):
        src, tgt = seed_project.bead_texts(bead)
        assert unit.source == " ".join(s.strip() for s in src)
        assert unit.target == " ".join(t.strip() for t in tgt)
    assert "2016 in the source is missing" in store.units[1].getnotes()


def test_round_trip_on_the_seed_is_byte_identical(seed_project: Bitext, tmp_path: Path) -> None:
    for options in (ExportOptions(date=DATE), ExportOptions(date=DATE, include_unpaired=True)):
        first = dumps_tmx(seed_project, options)
        path = tmp_path / "seed.tmx"
        path.write_text(first, encoding="utf-8")
        imported = read_tmx(path)
        # and through the project file's JSON, as `dari import` then `dari export` would
        reloaded = bitext_from_json(bitext_to_json(imported))
        assert dumps_tmx(reloaded, options) == first


def test_imported_tmx_keeps_scores_statuses_and_findings(seed_project: Bitext, tmp_path: Path) -> None:
    path = tmp_path / "seed.tmx"
    path.write_text(
        dumps_tmx(seed_project, ExportOptions(date=DATE, include_unpaired=True)), encoding="utf-8"
    )
    imported = read_tmx(path)
    assert [(b.kind, round(b.score, 4), b.status) for b in imported.beads] == [
        (b.kind, round(b.score, 4), b.status) for b in seed_project.beads
    ]
    names = [f for f in imported.findings if f.check == "names"]
    assert len(names) == 1
    assert names[0].severity is Severity.WARNING
    assert names[0].suggestion == "Korea Herald <코리아 헤럴드>"
    assert imported.source.lang == "en" and imported.target.lang == "ko"


def test_unpaired_min_score_and_confirmed_only_select_beads(seed_project: Bitext) -> None:
    def count(options: ExportOptions) -> int:
        return dumps_tmx(seed_project, options).count("<tu ")

    assert count(ExportOptions()) == 9
    assert count(ExportOptions(include_unpaired=True)) == 12
    assert count(ExportOptions(min_score=0.85)) == 4
    confirmed = [b for b in seed_project.beads if b.status is BeadStatus.CONFIRMED and not b.is_null]
    assert count(ExportOptions(confirmed_only=True)) == len(confirmed) == 4


def test_unpaired_beads_have_one_tuv(seed_project: Bitext) -> None:
    root = _validate(dumps_tmx(seed_project, ExportOptions(include_unpaired=True, date=DATE)))
    langs = [[tuv.get(XML_LANG) for tuv in tu.iter("tuv")] for tu in root.iter("tu")]
    assert langs[6] == ["en"] and langs[7] == ["en"] and langs[11] == ["ko"]


def test_m_n_beads_are_joined_per_language_and_split_back(
    bitext_factory: Callable[..., Bitext], tmp_path: Path
) -> None:
    bitext = bitext_factory(
        [(["First.", "Second."], ["第一。第二。"]), (["Third."], ["第三。", "第四。"])], tgt_lang="zh"
    )
    text = dumps_tmx(bitext, ExportOptions(date=DATE))
    root = _validate(text)
    segs = [seg.text for seg in root.iter("seg")]
    assert segs == ["First. Second.", "第一。第二。", "Third.", "第三。第四。"]
    assert '<prop type="x-dari-bead-type">2-1</prop>' in text
    assert '<prop type="x-dari-source-split">6 7</prop>' in text
    path = tmp_path / "mn.tmx"
    path.write_text(text, encoding="utf-8")
    back = read_tmx(path)
    assert [b.kind for b in back.beads] == ["2-1", "1-2"]
    assert back.target.texts == ["第一。第二。", "第三。", "第四。"]


def test_control_characters_are_removed_and_markup_escaped(
    bitext_factory: Callable[..., Bitext], tmp_path: Path
) -> None:
    nasty = 'a\x00b\x07c <b>bold</b> & "q" ]]> \x1b[0m'
    bitext = bitext_factory([([f"  {nasty}  "], ["한국어 &lt; 그대로"])])
    text = dumps_tmx(bitext, ExportOptions(date=DATE))
    root = _validate(text)
    segs = [seg.text for seg in root.iter("seg")]
    assert segs == ['abc <b>bold</b> & "q" ]]> [0m', "한국어 &lt; 그대로"]
    assert "&lt;b&gt;bold&lt;/b&gt; &amp;" in text


def test_findings_become_notes_and_document_findings_header_notes(
    bitext_factory: Callable[..., Bitext],
) -> None:
    findings = [
        Finding("numbers", Severity.ERROR, "3 vs 4", (0,), (0,), "use 4"),
        Finding("length", Severity.INFO, "whole text is 20% longer"),
    ]
    bitext = bitext_factory([(["3 cats."], ["고양이 4마리."])], findings=findings)
    root = _validate(dumps_tmx(bitext, ExportOptions(date=DATE)))
    assert [n.text for n in root.iter("note")] == [
        "info: length: whole text is 20% longer",
        "error: numbers: 3 vs 4 (suggestion: use 4)",
    ]


def test_language_tags_are_configurable(seed_project: Bitext) -> None:
    root = _validate(dumps_tmx(seed_project, ExportOptions(src_lang_tag="en-GB", tgt_lang_tag="ko-KR")))
    header = root.find("header")
    assert header is not None and header.get("srclang") == "en-GB"
    assert {tuv.get(XML_LANG) for tuv in root.iter("tuv")} == {"en-GB", "ko-KR"}


@pytest.mark.parametrize("bad", ["2026-01-01", "20260101T000000", "today"])
def test_bad_dates_are_refused(bad: str) -> None:
    from align.errors import UsageError

    with pytest.raises(UsageError):
        ExportOptions(date=bad)


def test_default_date_is_now_in_tmx_form(seed_project: Bitext) -> None:
    root = etree.fromstring(dumps_tmx(seed_project).encode())
    header = root.find("header")
    assert header is not None
    date = header.get("creationdate") or ""
    assert len(date) == 16 and date[8] == "T" and date.endswith("Z") and date[:2] == "20"

"""TBX and TMX glossaries from other tools: term bases exported by memoQ, MultiTerm and
friends, statuses mapped back, languages picked, hostile files refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from align.errors import InputError
from align.model import TermEntry, TermKind, TermStatus
from glossary.formats import read_glossary, write_glossary

DTD_PATH = Path(__file__).resolve().parents[3] / "align" / "formats" / "tmx14.dtd"

# A TBX-Basic (v3) file as a term base exports it: several synonyms per language with their
# statuses, context sentences with sources, subject fields, transactions.
FOREIGN_TBX = """<?xml version="1.0" encoding="utf-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>TBX file, created via MultiTerm Export</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <transacGrp><transac type="transactionType">origination</transac><date>2020-04-17</date></transacGrp>
      <descrip type="subjectField">Diplomacy</descrip>
      <note>Reviewed by the press office.</note>
      <langSec xml:lang="en-GB">
        <termSec><term>embassy</term>
          <termNote type="partOfSpeech">noun</termNote>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <descripGrp><descrip type="context">The embassy organised the march.</descrip>
            <admin type="source">https://example.org/press</admin></descripGrp>
        </termSec>
        <termSec><term>diplomatic mission</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="ko-KR">
        <termSec><term>대사관</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <descripGrp><descrip type="context">대사관이 행진을 주최했다.</descrip></descripGrp>
        </termSec>
        <termSec><term>공관</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        <termSec><term>대사 관저</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <langSec xml:lang="en"><termSec><term>Khodjali</term></termSec></langSec>
      <langSec xml:lang="ko"><termSec><term>코잘리</term>
        <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="c3">
      <langSec xml:lang="en"><termSec><term>Yeouido</term></termSec></langSec>
      <langSec xml:lang="de"><termSec><term>Yeouido</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

# TBX v2 (martif), the layout memoQ and MultiTerm still export.
MARTIF = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en-us">
  <martifHeader><fileDesc><sourceDesc><p>memoQ</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="_1">
      <langSet xml:lang="en-us"><tig><term>Heydar Aliyev Foundation</term>
        <termNote type="partOfSpeech">properNoun</termNote></tig></langSet>
      <langSet xml:lang="ko"><ntig><termGrp><term>헤이다르 알리예프 재단</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_term_base_export_maps_synonyms_and_statuses(tmp_path: Path) -> None:
    entries = read_glossary(_write(tmp_path, "base.tbx", FOREIGN_TBX))
    assert [(e.source, e.target, e.status) for e in entries] == [
        ("embassy", "대사관|공관", TermStatus.APPROVED),  # admitted is accepted, deprecated is not
        ("diplomatic mission", "대사관|공관", TermStatus.APPROVED),
        ("Khodjali", "코잘리", TermStatus.REJECTED),  # its only Korean term is superseded
    ]  # c3 has no Korean: skipped
    embassy = entries[0]
    assert embassy.note == "Reviewed by the press office." and embassy.kind is TermKind.TERM
    assert [(x.bead, x.source, x.target) for x in embassy.examples] == [
        (-1, "The embassy organised the march.", "대사관이 행진을 주최했다.")
    ]


def test_languages_are_chosen_and_checked(tmp_path: Path) -> None:
    path = _write(tmp_path, "base.tbx", FOREIGN_TBX)
    reverse = read_glossary(path, src_lang="ko", tgt_lang="en")
    assert (reverse[0].source, reverse[0].target) == ("대사관", "embassy|diplomatic mission")
    assert [e.target for e in read_glossary(path, src_lang="en", tgt_lang="de")] == ["Yeouido"]
    with pytest.raises(InputError, match=r"base\.tbx: the TBX has no 'fr' terms \(languages: en, ko, de\)"):
        read_glossary(path, src_lang="en", tgt_lang="fr")


def test_tbx_v2_martif_from_memoq(tmp_path: Path) -> None:
    entries = read_glossary(_write(tmp_path, "memoq.tbx", MARTIF))
    assert [(e.source, e.target, e.status, e.kind) for e in entries] == [
        ("Heydar Aliyev Foundation", "헤이다르 알리예프 재단", TermStatus.APPROVED, TermKind.NAME)
    ]


def test_a_status_changed_in_a_term_base_tool_wins(glossary: list[TermEntry], tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    write_glossary(glossary, path, src_lang="en", tgt_lang="ko")
    text = path.read_text(encoding="utf-8")
    assert [e.status for e in read_glossary(path)][3] is TermStatus.CANDIDATE  # brochures
    # a reviewer makes "brochures" preferred in their tool: dari's note still says candidate
    start = text.index("<term>brochures</term>")
    end = text.index("</conceptEntry>", start)
    edited = (
        text[:start] + text[start:end].replace("admittedTerm-admn-sts", "preferredTerm-admn-sts") + text[end:]
    )
    path.write_text(edited, encoding="utf-8")
    assert read_glossary(path)[3].status is TermStatus.APPROVED


def test_written_tmx_is_valid_tmx14(glossary: list[TermEntry]) -> None:
    text = write_glossary(glossary, None, "tmx", src_lang="en-us", tgt_lang="ko_KR")
    assert text is not None and 'srclang="en-US"' in text and '<tuv xml:lang="ko-KR">' in text
    dtd = etree.DTD(str(DTD_PATH))
    assert dtd.validate(etree.fromstring(text.encode())), dtd.error_log.filter_from_errors()


def test_a_plain_tmx_of_terms(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "terms.tmx",
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="ko-KR" segtype="phrase"/><body>'
        '<tu><tuv xml:lang="ko-KR"><seg>호잘리</seg></tuv><tuv xml:lang="en-US"><seg>Khojaly</seg></tuv></tu>'
        '<tu><tuv xml:lang="ko-KR"><seg>대사관</seg></tuv><tuv xml:lang="fr"><seg>ambassade</seg></tuv></tu>'
        '<tu><tuv xml:lang="ko"><seg>국회</seg></tuv><tuv xml:lang="en"><seg>National <hi>Assembly</hi></seg></tuv></tu>'
        "</body></tmx>",
    )
    entries = read_glossary(path)
    assert [(e.source, e.target, e.status) for e in entries] == [
        ("호잘리", "Khojaly", TermStatus.APPROVED),
        ("국회", "National Assembly", TermStatus.APPROVED),
    ]
    assert [e.source for e in read_glossary(path, src_lang="en", tgt_lang="ko")] == [
        "Khojaly",
        "National Assembly",
    ]


@pytest.mark.parametrize("suffix", ["tbx", "tmx"])
def test_external_entities_are_not_resolved(tmp_path: Path, suffix: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    doctype = f'<?xml version="1.0"?><!DOCTYPE {suffix} [<!ENTITY s SYSTEM "file://{secret}">]>'
    if suffix == "tbx":
        body = FOREIGN_TBX.split("?>", 1)[1].replace("<term>embassy</term>", "<term>embassy &s;</term>")
    else:
        body = (
            '<tmx version="1.4"><header srclang="en"/><body><tu>'
            '<tuv xml:lang="en"><seg>a &s; b</seg></tuv><tuv xml:lang="ko"><seg>가</seg></tuv></tu></body></tmx>'
        )
    path = _write(tmp_path, f"xxe.{suffix}", doctype + body)
    entries = read_glossary(path)
    assert entries and all("SECRET" not in e.source + e.target for e in entries)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.tbx", "", "file is empty"),
        ("a.tbx", "just text\n", "not a TBX file"),
        ("a.tbx", '<?xml version="1.0"?><html><body/></html>', "root element is <html>"),
        ("a.tbx", '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry>', r"a\.tbx:1:\d+: malformed TBX"),
        ("a.tbx", '<tbx xml:lang="en"><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>a</term>'
         "</termSec></langSec></conceptEntry></body></text></tbx>", "holds only 'en' terms"),
        ("a.tmx", '<tmx version="1.4"><header srclang="en"/><body/></tmx>', "no terms with a language"),
        ("a.tmx", '<tmx version="1.4"><header srclang="en"/><body><tu><prop type="x-dari-score">9</prop>'
         '<tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="ko"><seg>b</seg></tuv></tu></body></tmx>',
         r"a\.tmx:1: score '9' is outside"),
    ],
)  # fmt: skip
def test_bad_xml_glossaries_are_one_line_errors(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_glossary(_write(tmp_path, name, content))
    assert "\n" not in str(caught.value)


def test_utf16_tbx_under_any_name(tmp_path: Path) -> None:
    for name in ("export.tbx", "export.xml", "export"):
        path = tmp_path / name
        path.write_bytes(MARTIF.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
        assert [e.source for e in read_glossary(path)] == ["Heydar Aliyev Foundation"], name

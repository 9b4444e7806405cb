"""TMX in: foreign files from other tools, language choice, inline codes, broken XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import InputError, UsageError
from align.formats.tmx_reader import read_tmx
from align.model import BeadStatus

MULTILINGUAL = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" creationtoolversion="6.0" segtype="sentence" o-tmf="OmegaT TMX"
          adminlang="EN-US" srclang="EN-US" datatype="plaintext"/>
  <body>
    <tu tuid="a">
      <note>checked by Jiwoo</note>
      <tuv xml:lang="EN-US"><seg>Open the <bpt i="1">&lt;b&gt;</bpt>file<ept i="1">&lt;/b&gt;</ept> menu.</seg></tuv>
      <tuv xml:lang="de-DE"><seg>Öffnen Sie das Menü Datei.</seg></tuv>
      <tuv xml:lang="KO-KR"><seg>파일 메뉴를 <hi type="em">여세요</hi>.</seg></tuv>
    </tu>
    <tu>
      <tuv lang="en"><seg>Save &amp; quit.</seg></tuv>
      <tuv lang="ko_KR"><seg>저장하고 종료합니다.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="de"><seg>Nur Deutsch.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-US"><seg>Only English here.</seg></tuv>
      <tuv xml:lang="de-DE"><seg>Nur hier Deutsch.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


@pytest.fixture()
def multilingual(tmp_path: Path) -> Path:
    path = tmp_path / "omegat.tmx"
    path.write_text(MULTILINGUAL, encoding="utf-8")
    return path


def test_picks_source_from_header_and_first_other_language(multilingual: Path) -> None:
    bitext = read_tmx(multilingual)
    assert (bitext.source.lang, bitext.target.lang) == ("en", "de")
    assert [b.kind for b in bitext.beads] == ["1-1", "1-0", "0-1", "1-1"]


def test_languages_are_matched_by_primary_subtag_and_order_kept(multilingual: Path) -> None:
    bitext = read_tmx(multilingual, src_lang="en", tgt_lang="ko")
    assert bitext.source.texts == ["Open the file menu.", "Save & quit.", "Only English here."]
    assert bitext.target.texts == ["파일 메뉴를 여세요.", "저장하고 종료합니다."]
    assert [b.kind for b in bitext.beads] == ["1-1", "1-1", "1-0"]
    # human-made TM units: confirmed, full score
    assert {b.status for b in bitext.beads} == {BeadStatus.CONFIRMED}
    assert {b.score for b in bitext.beads} == {1.0}
    assert bitext.meta["lang_tags"] == {"source": "EN-US", "target": "KO-KR"}
    notes = [(f.check, f.message, f.src, f.tgt) for f in bitext.findings]
    assert notes == [("note", "checked by Jiwoo", (0,), (0,))]


def test_segments_satisfy_the_offset_invariant(multilingual: Path) -> None:
    bitext = read_tmx(multilingual, src_lang="ko", tgt_lang="en")
    for doc in (bitext.source, bitext.target):
        for seg in doc.segments:
            assert doc.text[seg.start : seg.end] == seg.text


def test_unknown_language_is_refused(multilingual: Path) -> None:
    with pytest.raises(InputError, match="no 'fr' text"):
        read_tmx(multilingual, src_lang="en", tgt_lang="fr")
    with pytest.raises(UsageError, match="both 'en'"):
        read_tmx(multilingual, src_lang="en", tgt_lang="en-GB")


def test_truncated_tmx_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "cut.tmx"
    path.write_text(MULTILINGUAL[:600], encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_tmx(path)
    message = str(info.value)
    assert message.startswith(f"{path}:")
    line, col = message[len(str(path)) + 1 :].split(":")[:2]
    assert int(line) >= 9 and int(col) >= 1
    assert "\n" not in message


def test_mismatched_tag_reports_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text('<tmx version="1.4">\n<header/>\n<body>\n<tu></tuv>\n</body></tmx>\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tmx:4:\d+: malformed TMX"):
        read_tmx(path)


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    path = tmp_path / "xxe.tmx"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<tmx version="1.4"><header srclang="en"/><body><tu>'
        '<tuv xml:lang="en"><seg>a &s; b</seg></tuv><tuv xml:lang="ko"><seg>가</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    bitext = read_tmx(path)
    assert "SECRET" not in bitext.source.text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"   \n", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not a TMX file"),
        (b"just some text\n", "not a TMX file"),
        (b'<?xml version="1.0"?><html><body/></html>', "root element is <html>"),
        (b'<tmx version="1.4"><header srclang="en"/><body/></tmx>', "no translation units"),
    ],
)
def test_non_tmx_inputs_are_refused_in_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "in.tmx"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_tmx(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_tmx(tmp_path / "nope.tmx")

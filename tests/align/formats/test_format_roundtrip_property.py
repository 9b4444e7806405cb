"""Property: project -> file -> project -> file gives the same bytes, for any text.

Random sentences mix XML-special characters, C0 controls (which must be removed, not
break the file), CR/LF/tab, non-breaking and other Unicode spaces at the edges (trimmed),
Hangul, Han and emoji. TMX and XLIFF keep m-n beads exactly (the sentence split rides
along); CSV/TSV keep 1-1/1-0/0-1 beads (a table has no place for inner boundaries).
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from align.formats.registry import ImportOptions, get_format
from align.formats.selection import ExportOptions
from align.model import Bead, BeadStatus, Bitext, Document, Finding, Segment, Severity
from align.project import bitext_from_json, bitext_to_json

DTD = etree.DTD(str(Path(__file__).resolve().parents[3] / "align" / "formats" / "tmx14.dtd"))
OPTIONS = ExportOptions(include_unpaired=True, date="20260101T000000Z")

_ALPHABET = st.one_of(
    st.sampled_from(list("<>&\"'];=/ \t\n\r\x00\x01\x0b\x1b\x7f\x85\xa0\u2028\u3000\ufeff\ufffe")),
    st.sampled_from(list("aZ09.,!?-한국어文字かな😀ß")),
    st.characters(codec="utf-8"),
)
SENTENCE = st.text(_ALPHABET, max_size=25)
ALL_KINDS = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1)]
TABLE_KINDS = [(1, 1), (1, 0), (0, 1)]


def _document(lang: str, sentences: list[str]) -> Document:
    segments: list[Segment] = []
    offset = 0
    for i, s in enumerate(sentences):
        segments.append(Segment(s, offset, offset + len(s), i))
        offset += len(s) + 1
    return Document(lang, "\n".join(sentences), segments)


@st.composite
def bitexts(draw: st.DrawFn, kinds: list[tuple[int, int]]) -> Bitext:
    src_lang, tgt_lang = draw(st.sampled_from([("en", "ko"), ("ko", "en"), ("en", "zh"), ("ja", "de")]))
    # at least one pair: a file holding one language only is refused on import, rightly
    shapes = draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=6).filter(lambda ks: (1, 1) in ks))
    src: list[str] = []
    tgt: list[str] = []
    beads: list[Bead] = []
    findings: list[Finding] = []
    for n_src, n_tgt in shapes:
        s_ids = tuple(range(len(src), len(src) + n_src))
        t_ids = tuple(range(len(tgt), len(tgt) + n_tgt))
        src.extend(draw(SENTENCE) for _ in range(n_src))
        tgt.extend(draw(SENTENCE) for _ in range(n_tgt))
        score = draw(st.floats(0.0, 1.0))
        beads.append(Bead(s_ids, t_ids, score, draw(st.sampled_from(list(BeadStatus)))))
        if draw(st.booleans()):
            findings.append(
                Finding(
                    draw(st.sampled_from(["numbers", "names", "note", "length"])),
                    draw(st.sampled_from(list(Severity))),
                    draw(SENTENCE),
                    s_ids,
                    t_ids,
                    draw(st.none() | SENTENCE),
                )
            )
    return Bitext(_document(src_lang, src), _document(tgt_lang, tgt), beads, findings=findings)


def _round_trip(bitext: Bitext, fmt_name: str, suffix: str) -> tuple[str, str, Bitext]:
    fmt = get_format(fmt_name)
    first = fmt.write(bitext, OPTIONS)
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_text(first, encoding="utf-8")
        imported = fmt.read(path, ImportOptions(src_lang=bitext.source.lang, tgt_lang=bitext.target.lang))
    reloaded = bitext_from_json(bitext_to_json(imported))
    return first, fmt.write(reloaded, OPTIONS), reloaded


# database=None: nothing written into the checkout; a failure prints its falsifying example.
PROPERTY = settings(
    max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY
@given(bitexts(ALL_KINDS))
def test_tmx_round_trip_is_byte_identical_and_dtd_valid(bitext: Bitext) -> None:
    first, second, back = _round_trip(bitext, "tmx", ".tmx")
    assert second == first
    assert DTD.validate(etree.fromstring(first.encode("utf-8"))), DTD.error_log.filter_from_errors()
    assert [b.kind for b in back.beads] == [b.kind for b in bitext.beads]
    assert [b.status for b in back.beads] == [b.status for b in bitext.beads]


@PROPERTY
@given(bitexts(ALL_KINDS))
def test_xliff_round_trip_is_byte_identical(bitext: Bitext) -> None:
    first, second, back = _round_trip(bitext, "xliff", ".xlf")
    assert second == first
    assert [b.kind for b in back.beads] == [b.kind for b in bitext.beads]


@PROPERTY
@pytest.mark.parametrize(("fmt", "suffix"), [("tsv", ".tsv"), ("csv", ".csv")])
@given(bitext=bitexts(TABLE_KINDS))
def test_table_round_trip_is_byte_identical(fmt: str, suffix: str, bitext: Bitext) -> None:
    first, second, back = _round_trip(bitext, fmt, suffix)
    assert second == first
    assert [b.kind for b in back.beads] == [b.kind for b in bitext.beads]

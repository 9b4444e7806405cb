"""Round trips: a glossary written in any format and read back keeps every entry, its
status, kind, score and count, and its first example (all examples and notes in TBX/TMX)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.model import TermEntry, TermExample, TermKind, TermStatus
from glossary.formats import GLOSSARY_FORMATS, read_glossary, write_glossary

# Any Unicode a term can hold in a file: no surrogates or C0/C1 controls (XML cannot carry
# them), no leading/trailing space (every reader trims cells); tabs and newlines inside.
_chars = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\ufffe\uffff"
) | st.sampled_from("\t\n\\\",;#<>&'|")
_text = st.text(_chars, min_size=1, max_size=16).map(str.strip).filter(bool)
_term = _text.filter(lambda t: "\t" not in t and "\n" not in t)
_alternatives = st.lists(_term.filter(lambda t: "|" not in t), min_size=1, max_size=3, unique=True).map(
    "|".join
)

entries_strategy = st.lists(
    st.builds(
        TermEntry,
        source=_term,
        target=_alternatives,
        count=st.integers(0, 10**9),
        status=st.sampled_from(list(TermStatus)),
        note=st.just(""),
        kind=st.sampled_from(list(TermKind)),
        score=st.floats(0, 1),
        examples=st.lists(
            st.builds(
                TermExample, st.integers(0, 10**6), _text, _text, st.sampled_from(["", "docs/intro.txt"])
            ),
            max_size=3,
        ),
    ),
    min_size=1,
    max_size=5,
)


def _core(e: TermEntry) -> tuple[object, ...]:
    first = (e.examples[0].source, e.examples[0].target) if e.examples else None
    return (e.source, e.target, e.status, e.kind, e.score, e.count, first)


def _round_trip(entries: list[TermEntry], fmt: str, folder: Path) -> list[TermEntry]:
    path = folder / f"glossary.{fmt}"
    write_glossary(entries, path, src_lang="en", tgt_lang="ko")
    return read_glossary(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=entries_strategy)
def test_every_format_keeps_every_entry(entries: list[TermEntry], tmp_path: Path) -> None:
    for fmt in GLOSSARY_FORMATS:
        back = _round_trip(entries, fmt, tmp_path)
        assert [_core(e) for e in back] == [_core(e) for e in entries], fmt


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=entries_strategy, note=_text)
def test_xml_formats_lose_nothing(entries: list[TermEntry], note: str, tmp_path: Path) -> None:
    entries[0].note = note
    for fmt in ("tbx", "tmx"):
        assert _round_trip(entries, fmt, tmp_path) == entries, fmt


def test_excel_csv_has_a_bom_and_reads_back(glossary: list[TermEntry], tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    write_glossary(glossary, path, src_lang="en", tgt_lang="ko", excel=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfsource,target,kind,")
    assert [_core(e) for e in read_glossary(path)] == [_core(e) for e in glossary]

"""Reading the CSV/TSV glossaries people make by hand and other tools export."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import InputError, UsageError
from align.model import TermKind, TermStatus
from glossary.formats import GLOSSARY_FORMATS, read_glossary, write_glossary
from glossary.formats.tabular import parse_table

REPO = Path(__file__).resolve().parents[3]


def test_format_names_for_argparse() -> None:
    assert GLOSSARY_FORMATS == ("csv", "tsv", "tmx", "tbx")


def test_old_two_column_files_still_read() -> None:
    entries = parse_table("source,target\nembassy,대사관\nNational Assembly,국회\n")
    assert [(e.source, e.target, e.status) for e in entries] == [
        ("embassy", "대사관", TermStatus.APPROVED),
        ("National Assembly", "국회", TermStatus.APPROVED),
    ]
    assert [e.target for e in parse_table("a\tb\nc\td|e\n")] == ["b", "d|e"]  # no header
    assert [e.source for e in parse_table("term;translation\nEmbassy;대사관\n")] == ["Embassy"]


def test_language_code_header_orients_the_columns() -> None:
    text = "ko,en\n대사관,Embassy\n호잘리,Khojaly\n"
    assert [(e.source, e.target) for e in parse_table(text)] == [("대사관", "Embassy"), ("호잘리", "Khojaly")]
    swapped = parse_table(text, src_lang="en", tgt_lang="ko-KR")
    assert [(e.source, e.target) for e in swapped] == [("Embassy", "대사관"), ("Khojaly", "호잘리")]
    with pytest.raises(InputError, match="columns are ko and en; the text is de→fr"):
        parse_table(text, "g.csv", src_lang="de", tgt_lang="fr")
    # a first row that merely looks like codes is data, not a header
    assert [e.source for e in parse_table("TV,텔레비전\nAPI,API\n")] == ["TV", "API"]


def test_named_columns_in_any_order_with_unknown_ones_ignored() -> None:
    text = (
        "Status,Comment,Target,Source,Frequency,Type,Domain\n"
        "deprecated,old spelling,호자리,Khojaly,3,name,news\n"
        ",,대사관,Embassy,,,\n"
        "proposed,,책자,brochures,2,term,\n"
    )
    entries = parse_table(text)
    assert [(e.source, e.target, e.status, e.count, e.kind, e.note) for e in entries] == [
        ("Khojaly", "호자리", TermStatus.REJECTED, 3, TermKind.NAME, "old spelling"),
        ("Embassy", "대사관", TermStatus.APPROVED, 0, TermKind.TERM, ""),
        ("brochures", "책자", TermStatus.CANDIDATE, 2, TermKind.TERM, ""),
    ]


def test_the_seed_gold_list_reads_as_approved_entries() -> None:
    entries = read_glossary(REPO / "data" / "seed001" / "glossary.gold.tsv")
    assert len(entries) >= 18 and all(e.status is TermStatus.APPROVED for e in entries)
    assert ("Khojaly", "호잘리", TermKind.NAME) in [(e.source, e.target, e.kind) for e in entries]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("only-one-column\n", r"g\.csv:1: expected a source and a target term"),
        ("source,target\n", r"g\.csv: the glossary has no entries"),
        ("source,target,score\na,b,0.5\nc,d,high\n", r"g\.csv:3: score 'high' is not a number"),
        ("source,target,score\na,b,1.5\n", r"g\.csv:2: score '1.5' is outside \[0, 1\]"),
        ("source,target,count\na,b,-2\n", r"g\.csv:2: count '-2' is negative"),
        (
            "source,target,status\na,b,maybe\n",
            r"g\.csv:2: unknown status 'maybe' \(use candidate, approved or rejected\)",
        ),
        ("source,target,kind\na,b,verb\n", r"g\.csv:2: unknown kind 'verb' \(use name or term\)"),
        ('source,target\n"a,b\n\nc,d\n', r"g\.csv:2: expected a source and a target term"),
        ("source,target\na,b\n,c\n", r"g\.csv:3: expected a source and a target term"),
    ],
)
def test_errors_are_one_line_with_the_line_number(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        parse_table(text, "g.csv")
    assert "\n" not in str(caught.value)


def test_line_numbers_count_multi_line_cells() -> None:
    text = 'source,target,status\n"two\nlines",b,approved\nx,y,bogus\n'
    with pytest.raises(InputError, match=r"g\.csv:4: unknown status"):
        parse_table(text, "g.csv")


def test_dari_tsv_escapes_and_hand_made_tsv_backslashes() -> None:
    dari = "source\ttarget\tkind\tscore\tcount\tstatus\nC:\\\\temp\ta\\tb\tterm\t0.5\t1\tapproved\n#hash\tx\tterm\t0\t0\tcandidate\n"
    entries = parse_table(dari, delimiter="\t")
    assert [(e.source, e.target) for e in entries] == [("C:\\temp", "a\tb"), ("#hash", "x")]
    hand = "source\ttarget\nC:\\temp\tpath\n# a comment\n"
    assert [(e.source, e.target) for e in parse_table(hand, delimiter="\t")] == [("C:\\temp", "path")]


def test_bad_files_are_one_line_errors(tmp_path: Path) -> None:
    binary = tmp_path / "g.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    for path in (binary, tmp_path / "missing.tsv", tmp_path):
        with pytest.raises(InputError) as caught:
            read_glossary(path)
        assert "\n" not in str(caught.value)


def test_cp949_and_utf16_files_read(tmp_path: Path) -> None:
    for encoding in ("cp949", "utf-16"):
        path = tmp_path / f"g-{encoding}.csv"
        path.write_bytes("source,target\n대사관,Embassy\n".encode(encoding))
        assert [e.source for e in read_glossary(path)] == ["대사관"]


def test_format_from_suffix_option_or_content(tmp_path: Path) -> None:
    entries = parse_table("source,target\nEmbassy,대사관\n")
    assert write_glossary(entries, None, src_lang="en", tgt_lang="ko") is not None
    text = write_glossary(entries, "-", "tbx", src_lang="en", tgt_lang="ko")
    assert text is not None and text.startswith("<?xml")
    plain = tmp_path / "terms.txt"
    plain.write_text(text, encoding="utf-8")
    assert [e.target for e in read_glossary(plain)] == ["대사관"]  # TBX under another name
    with pytest.raises(UsageError, match="cannot tell the glossary format"):
        write_glossary(entries, tmp_path / "g.docx", src_lang="en", tgt_lang="ko")
    with pytest.raises(UsageError, match="unknown glossary format"):
        write_glossary(entries, tmp_path / "g.csv", "xlsx", src_lang="en", tgt_lang="ko")
    assert not (tmp_path / "g.csv").exists()


def test_empty_glossaries(tmp_path: Path) -> None:
    assert write_glossary([], None, "csv", src_lang="en", tgt_lang="ko") == (
        "source,target,kind,score,count,status,example_source,example_target\n"
    )
    with pytest.raises(UsageError, match="a TBX file needs at least one entry"):
        write_glossary([], tmp_path / "g.tbx", src_lang="en", tgt_lang="ko")
    assert not (tmp_path / "g.tbx").exists()


def test_large_glossaries_are_written_in_chunks(tmp_path: Path) -> None:
    entries = parse_table("".join(f"term {k},용어 {k}\n" for k in range(4500)))
    for fmt in GLOSSARY_FORMATS:
        path = tmp_path / f"g.{fmt}"
        write_glossary(entries, path, src_lang="en", tgt_lang="ko")
        assert [e.target for e in read_glossary(path)] == [e.target for e in entries], fmt


def test_carriage_returns_inside_cells(tmp_path: Path) -> None:
    from align.model import TermEntry, TermExample

    entries = [TermEntry("a", "b", examples=[TermExample(1, "x\ry", "z\r\nw")])]
    for fmt, expected in (("csv", ("x\ny", "z\nw")), ("tsv", ("x\ry", "z\r\nw"))):
        write_glossary(entries, tmp_path / f"g.{fmt}", src_lang="en", tgt_lang="ko")
        example = read_glossary(tmp_path / f"g.{fmt}")[0].examples[0]
        assert (example.source, example.target) == expected, fmt

"""CSV/TSV through polars: columns, quoting, and tables from other tools."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from align.errors import InputError, UsageError
from align.formats.selection import ExportOptions
from align.formats.tabular import COLUMNS, dumps_csv, dumps_tsv, read_table
from align.model import BeadStatus, Bitext


def test_columns_and_values(seed_project: Bitext) -> None:
    frame = pl.read_csv(
        dumps_tsv(seed_project, ExportOptions(include_unpaired=True)).encode(),
        separator="\t",
        quote_char=None,  # TSV has no quoting
        infer_schema=False,
    )
    assert tuple(frame.columns) == COLUMNS
    assert frame.height == len(seed_project.beads)
    row = frame.row(6, named=True)
    assert (row["bead_type"], row["source_ids"], row["target_ids"], row["status"]) == (
        "1-0",
        "6",
        None,  # an empty cell
        "edited",
    )
    assert float(frame["score"][0]) == pytest.approx(0.8123)


def test_text_with_separators_quotes_and_newlines_survives(
    bitext_factory: Callable[..., Bitext], tmp_path: Path
) -> None:
    bitext = bitext_factory([(['He said "hi,\tthere"\nthen left.'], ['그는 "안녕"이라 했다, 그리고'])])
    path = tmp_path / "t.csv"
    path.write_text(dumps_csv(bitext), encoding="utf-8")
    back = read_table(path, separator=",", src_lang="en", tgt_lang="ko")
    assert back.source.texts == bitext.source.texts
    assert back.target.texts == bitext.target.texts
    # TSV has no quoting: quotes stay as written, a tab or line break in a sentence is a space
    path = tmp_path / "t.tsv"
    path.write_text(dumps_tsv(bitext), encoding="utf-8")
    back = read_table(path, separator="\t", src_lang="en", tgt_lang="ko")
    assert back.source.texts == ['He said "hi, there" then left.']
    assert back.target.texts == bitext.target.texts


def test_m_n_beads_are_joined(bitext_factory: Callable[..., Bitext]) -> None:
    bitext = bitext_factory([(["One.", "Two."], ["하나 둘."])])
    assert dumps_csv(bitext).splitlines()[1] == "One. Two.,하나 둘.,2-1,0.9000,auto,0 1,0"


def test_foreign_two_column_table(tmp_path: Path) -> None:
    path = tmp_path / "tm.tsv"
    path.write_text("en\tko\tcomment\nGood morning.\t좋은 아침입니다.\tx\nThanks.\t\ty\n", encoding="utf-8")
    bitext = read_table(path, separator="\t", src_lang="en", tgt_lang="ko")
    assert bitext.source.texts == ["Good morning.", "Thanks."]
    assert bitext.target.texts == ["좋은 아침입니다."]
    assert [(b.kind, b.status, b.score) for b in bitext.beads] == [
        ("1-1", BeadStatus.CONFIRMED, 1.0),
        ("1-0", BeadStatus.CONFIRMED, 1.0),
    ]


def test_columns_by_name_or_position_and_headerless(tmp_path: Path) -> None:
    path = tmp_path / "tm.csv"
    path.write_text("id,ko,en\n1,안녕,Hello\n2,잘 가,Bye\n", encoding="utf-8")
    by_name = read_table(path, separator=",", src_lang="en", tgt_lang="ko", columns="en,ko")
    by_pos = read_table(path, separator=",", src_lang="en", tgt_lang="ko", columns="3,2")
    assert by_name.source.texts == by_pos.source.texts == ["Hello", "Bye"]
    assert by_name.target.texts == ["안녕", "잘 가"]
    headerless = tmp_path / "plain.tsv"
    headerless.write_text("Hello\t안녕\n", encoding="utf-8")
    bitext = read_table(headerless, separator="\t", src_lang="en", tgt_lang="ko", has_header=False)
    assert bitext.source.texts == ["Hello"]
    with pytest.raises(UsageError, match="no column 'fr'"):
        read_table(path, separator=",", src_lang="en", tgt_lang="ko", columns="en,fr")


def test_bad_tables(tmp_path: Path) -> None:
    one = tmp_path / "one.csv"
    one.write_text("only\nx\n", encoding="utf-8")
    with pytest.raises(InputError, match="at least two columns"):
        read_table(one, separator=",", src_lang="en", tgt_lang="ko")
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="binary"):
        read_table(binary, separator=",", src_lang="en", tgt_lang="ko")
    badscore = tmp_path / "s.csv"
    badscore.write_text("source,target,score\na,b,high\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 1: score 'high'"):
        read_table(badscore, separator=",", src_lang="en", tgt_lang="ko")

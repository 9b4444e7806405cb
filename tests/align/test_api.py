"""The Python API on real text: beads as DataFrames, checks, batches from a DataFrame of pairs."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from align import api
from align.errors import InputError, UsageError

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "flores-dev-sample"


def _lines(name: str) -> list[str]:
    return (SAMPLE / name).read_text(encoding="utf-8").splitlines()


def test_align_sentences_gives_one_row_per_bead_covering_every_sentence() -> None:
    en, ko = _lines("001.en"), _lines("001.ko")
    beads = api.align_sentences(en, ko[:-1])  # the last Korean sentence dropped: one 1-0 bead
    assert beads.columns == ["bead", "kind", "src_ids", "tgt_ids", "src_text", "tgt_text", "score", "status"]
    assert sorted(i for ids in beads["src_ids"] for i in ids) == list(range(len(en)))
    assert sorted(j for ids in beads["tgt_ids"] for j in ids) == list(range(len(ko) - 1))
    assert "1-0" in beads["kind"].to_list()
    assert beads.filter(pl.col("kind") == "1-1")["score"].min() > 0.5
    assert beads["src_text"][0] == en[0]


def test_align_texts_splits_and_detects_languages() -> None:
    en = (SAMPLE / "002.en").read_text(encoding="utf-8")
    ko = (SAMPLE / "002.ko").read_text(encoding="utf-8")
    beads = api.align_texts(en.replace("\n", " "), ko.replace("\n", " "))
    assert beads.height == len(_lines("002.en"))
    assert set(beads["kind"]) == {"1-1"}


def test_align_files_checks_clean_and_a_dropped_sentence_comes_out_unpaired() -> None:
    bitext = api.align_files(SAMPLE / "003.en", SAMPLE / "003.ko")
    assert api.check(bitext).height == 0
    bitext.target.segments.pop()
    shorter = api.align_sentences(bitext.source.texts, bitext.target.texts, src_lang="en", tgt_lang="ko")
    assert "1-0" in shorter["kind"].to_list()


def test_check_reports_drift_as_rows(tmp_path: Path) -> None:
    ko = _lines("004.ko")
    (tmp_path / "a.ko").write_text("\n".join(ko[:-1]) + "\n", encoding="utf-8")
    findings = api.check(api.align_files(SAMPLE / "004.en", tmp_path / "a.ko"))
    assert "missing" in findings["check"].to_list()
    assert {"check", "severity", "message", "src_line"} <= set(findings.columns)


def test_batch_over_a_dataframe_of_pairs(tmp_path: Path) -> None:
    pairs = pl.DataFrame(
        {
            "src": [str(SAMPLE / "001.en"), str(SAMPLE / "005.en")],
            "tgt": [str(SAMPLE / "001.ko"), str(SAMPLE / "005.ko")],
            "name": ["first", "fifth"],
        }
    )
    summary = api.align_batch(pairs, tmp_path / "out", jobs=1)
    assert summary["pair"].to_list() == ["first", "fifth"]
    assert summary["status"].to_list() == ["ok", "ok"]
    assert (tmp_path / "out" / "fifth.dari.json").is_file()
    outcomes = api.check_batch(pairs, jobs=1)
    assert [o.name for o in outcomes] == ["first", "fifth"] and all(o.ok for o in outcomes)


def test_bad_inputs_raise_dari_errors() -> None:
    with pytest.raises(UsageError):
        api.align_sentences("one string", ["하나"])  # type: ignore[arg-type]
    with pytest.raises(InputError):
        api.align_sentences(["", " "], ["하나"])
    with pytest.raises(InputError):
        api.align_texts("Same language here.", "Also English here.")
    with pytest.raises(UsageError):
        api.align_batch(pl.DataFrame({"source": ["x"]}), "out")


def test_glossary_as_a_dataframe() -> None:
    """The Python API builds the same glossary as ``dari glossary``, as a polars frame."""
    from pathlib import Path

    from align import api

    seed = Path(__file__).resolve().parents[2] / "data" / "seed001"
    frame = api.glossary(api_bitext := api.align_files(str(seed / "en.txt"), str(seed / "ko.txt")), top=5)
    assert frame.columns == [
        "source", "target", "kind", "score", "count", "status", "example_source", "example_target"
    ]  # fmt: skip
    assert frame.height == 5 and frame.row(0)[:2] == ("Khojaly", "호잘리")
    assert api.glossary([("a", api_bitext), ("b", api_bitext)], encoder=None)["count"][0] >= 14

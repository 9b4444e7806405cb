"""What a new user tripped over (issue 12, item 7), one test each."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from align.cli import main
from align.formats import tmx_writer

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
SEED = REPO / "data" / "seed001"
LONG_DIR = "a-directory-with-a-rather-long-name/and-another-long-subdirectory-below-it"


def test_export_says_unpaired_beads_are_left_out_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(GOLDEN / "seed001.dari.json"), "-o", str(tmp_path / "x.tmx")]) == 0
    err = capsys.readouterr().err
    assert "left out: 3 unpaired 1-0/0-1 beads, which --include-unpaired keeps" in err
    assert "by the options" not in err


def test_readme_names_the_props_the_tmx_carries() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    written = {v for k, v in vars(tmx_writer).items() if k.startswith("PROP_")}
    named = set(re.findall(r"`(x-dari-[a-z-]+)`", readme))
    assert named and named <= written, named - written
    assert {tmx_writer.PROP_SCORE, tmx_writer.PROP_TYPE, tmx_writer.PROP_STATUS} <= named


def test_two_unrelated_number_drifts_are_two_findings(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--format", "json", str(SEED / "en.txt"), str(SEED / "ko.txt")])
    assert code == 1
    report = json.loads(capsys.readouterr().out)
    messages = [
        f["message"] for f in report["findings"] if f["check"] == "number" and f["severity"] == "error"
    ]
    assert "24th in the source has no counterpart in the target" in messages
    assert "15 in the target has no counterpart in the source" in messages
    assert not any("," in m and "in the source" in m and "in the target" in m for m in messages)


def test_check_text_report_shows_sentences_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.txt"
    assert main(["check", "-o", str(out), str(SEED / "en.txt"), str(SEED / "ko.txt")]) == 1
    report = out.read_text(encoding="utf-8")
    assert "…" not in report
    # the longest sentence of the seed, wrapped over lines of its column, every word there
    from align.segment import split_sentences

    sentences = split_sentences((SEED / "en.txt").read_text(encoding="utf-8"), "en")
    reported = next(s.text for s in sentences if s.text.startswith("Starting from February 23"))
    assert len(reported) > 240  # longer than the old 240-character snippet
    words = report.split()
    for word in reported.split():
        assert word in words, word


def test_a_runaway_sentence_is_cut_at_a_word_with_a_count() -> None:
    from align.checks.reporters.text_report import _clip

    clipped = _clip("word " * 2_000)
    assert clipped.endswith("more characters)") and "wor " not in clipped + " "


def test_bead_file_with_the_raw_texts_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    beads = tmp_path / "out.beads"
    beads.write_text((GOLDEN / "seed001.beads").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "p.dari.json"
    code = main(
        ["import", str(beads), "--src", str(SEED / "en.txt"), "--tgt", str(SEED / "ko.txt"), "-o", str(out)]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    assert "imported 12 beads (" in err and "beads units" not in err


def test_a_bead_file_that_fits_nothing_says_what_it_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    beads = tmp_path / "out.beads"
    beads.write_text("[0]:[0]\n[1]:[1]\n", encoding="utf-8")
    code = main(["import", "-q", str(beads), "--src", str(SEED / "en.txt"), "--tgt", str(SEED / "ko.txt"),
                 "-o", str(tmp_path / "p.dari.json")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1
    assert "one-sentence-per-line" in err and "dari split" in err


def test_summary_lines_are_not_wrapped_when_piped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / LONG_DIR
    folder.mkdir(parents=True)
    out = folder / "press-release-with-a-long-name.dari.json"
    assert main(["import", str(GOLDEN / "seed001.tmx"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and str(out) in err
    assert main(["check", str(SEED / "en.txt"), str(folder.parent / ".." / LONG_DIR / "x.txt")]) == 2
    capsys.readouterr()


def test_check_titles_and_verdict_are_not_wrapped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / LONG_DIR
    folder.mkdir(parents=True)
    en, ko = folder / "english-version-of-the-text.txt", folder / "korean-version-of-the-text.txt"
    en.write_bytes((SEED / "en.txt").read_bytes())
    ko.write_bytes((SEED / "ko.txt").read_bytes())
    assert main(["check", str(en), str(ko)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert str(en) in lines[0] and str(ko) in lines[0]
    assert lines[-1].startswith("failed: ") and lines[-1].endswith("fail-on error)")


def test_eval_json_names_misses_as_misses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.beads"
    pred = tmp_path / "pred.beads"
    gold.write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n", encoding="utf-8")
    pred.write_text("[0]:[0]\n[1, 2]:[1, 2]\n", encoding="utf-8")
    assert main(["eval", "--format", "json", str(gold), str(pred)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["recall_counts"]) == {"tp_strict", "fn_strict", "tp_lax", "fn_lax"}
    assert data["recall_counts"]["fn_strict"] == 2
    assert "fp_strict" in data["precision_counts"]

"""``dari glossary`` as a user runs it: outputs, formats, merging a user's list, the project,
and one-line errors for bad input."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from align.cli import main
from align.model import TermStatus
from align.project import load_project

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "seed001"
COLUMNS = ["source", "target", "kind", "score", "count", "status", "example_source", "example_target"]


def test_csv_has_the_documented_columns_best_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "seed.csv"
    assert main(["glossary", str(SEED / "bilingual.txt"), "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == COLUMNS
    assert (rows[0]["source"], rows[0]["target"]) == ("Khojaly", "호잘리")
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert {r["status"] for r in rows} == {"candidate"}
    assert "Khojaly" in rows[0]["example_source"] and "호잘리" in rows[0]["example_target"]
    assert "glossary" in capsys.readouterr().err


def test_excel_csv_starts_with_a_bom(tmp_path: Path) -> None:
    out = tmp_path / "seed.csv"
    assert main(["glossary", str(SEED / "bilingual.txt"), "-o", str(out), "--excel", "-q", "--top", "3"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_stdout_in_a_named_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["glossary", str(SEED / "en.txt"), str(SEED / "ko.txt"), "--to", "tsv", "-q", "--top", "5"]) == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == COLUMNS and len(lines) == 6


def test_table_on_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", str(SEED / "bilingual.txt"), "--top", "3", "-q"]) == 0
    out = capsys.readouterr().out
    assert "Khojaly" in out and "호잘리" in out and "example" in out


@pytest.mark.parametrize("suffix", [".tbx", ".tmx", ".tsv"])
def test_every_format_reads_back(tmp_path: Path, suffix: str) -> None:
    from glossary.formats import read_glossary

    out = tmp_path / f"seed{suffix}"
    assert main(["glossary", str(SEED / "bilingual.txt"), "-o", str(out), "-q"]) == 0
    entries = read_glossary(out)
    assert entries[0].source == "Khojaly" and entries[0].target == "호잘리"


def test_users_entries_win_and_conflicts_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text("source,target\nEmbassy,공관\n", encoding="utf-8")
    out = tmp_path / "merged.csv"
    assert main(["glossary", str(SEED / "bilingual.txt"), "--glossary", str(mine), "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    embassy = [r for r in rows if r["source"] == "Embassy"]
    assert [(r["target"], r["status"]) for r in embassy] == [("공관", "approved")]
    err = capsys.readouterr().err
    assert "conflict" in err and "대사관" in err and "공관" in err


def test_project_travels_with_its_glossary(tmp_path: Path) -> None:
    project = tmp_path / "seed.dari.json"
    assert (
        main(["glossary", str(SEED / "bilingual.txt"), "--project", str(project), "-q", "--top", "10"]) == 0
    )
    bitext = load_project(project)
    assert len(bitext.glossary) == 10
    assert bitext.glossary[0].source == "Khojaly" and bitext.glossary[0].examples
    # a reviewer approves an entry; a later run from the project keeps the decision
    from align.project import save_project

    bitext.glossary[1].status = TermStatus.APPROVED
    approved = (bitext.glossary[1].source, bitext.glossary[1].target)
    save_project(bitext, project)
    again = tmp_path / "again.csv"
    assert main(["glossary", str(project), "-o", str(again), "-q"]) == 0
    rows = list(csv.DictReader(io.StringIO(again.read_text(encoding="utf-8"))))
    assert any((r["source"], r["target"], r["status"]) == (*approved, "approved") for r in rows)


def test_many_projects_make_one_corpus(tmp_path: Path) -> None:
    projects = []
    for name in ("a", "b"):
        project = tmp_path / f"{name}.dari.json"
        assert main(["align", str(SEED / "bilingual.txt"), "-o", str(project), "-q"]) == 0
        projects.append(str(project))
    out = tmp_path / "both.csv"
    assert main(["glossary", *projects, "-o", str(out), "-q"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    khojaly = next(r for r in rows if r["source"] == "Khojaly")
    assert int(khojaly["count"]) >= 14  # both copies count


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt"], "no such file"),
        (["--top", "0", "SEED"], "--top must be at least 1"),
        (["SEED", "-o", "SEED"], ""),
        (["SEED", "--project", "out.json"], "*.dari.json"),
        (["SEED", "--glossary", "nothing.csv"], "no such file"),
        (["SEED", "--to", "xlsx"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    seed = str(SEED / "bilingual.txt")
    argv = [
        "glossary",
        *[
            seed if a == "SEED" else (str(tmp_path / a) if a.endswith((".txt", ".csv", ".json")) else a)
            for a in args
        ],
    ]
    before = (SEED / "bilingual.txt").read_bytes()
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("dari: error")
    assert message in err
    assert (SEED / "bilingual.txt").read_bytes() == before


def test_many_pairs_align_on_every_core_with_the_same_result(tmp_path: Path) -> None:
    """A manifest goes through the batch engines; worker processes change nothing."""
    sample = REPO / "data" / "flores-dev-sample"
    manifest = tmp_path / "pairs.csv"
    rows = [f"{en},{en.with_suffix('.ko')}" for en in sorted(sample.glob("*.en"))]
    manifest.write_text("src,tgt\n" + "\n".join(rows) + "\n", encoding="utf-8")
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.tsv"
        args = ["glossary", "--manifest", str(manifest), "--presplit", "--src-lang", "en", "--tgt-lang", "ko"]
        assert main([*args, "--jobs", jobs, "-o", str(out), "-q"]) == 0
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1] and len(outs[0].splitlines()) > 10

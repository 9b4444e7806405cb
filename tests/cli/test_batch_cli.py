"""``dari align --batch`` and ``dari check`` over many pairs, end to end through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from align.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "flores-dev-sample"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    shutil.copytree(SAMPLE, root)
    return root


def test_align_batch_writes_a_project_per_pair_and_a_summary(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["align", "--batch", str(corpus), "-o", str(out), "--jobs", "2"]) == 0
    printed = capsys.readouterr()
    assert "001.en" in printed.out and "6 ok" in printed.err
    summary = pl.read_parquet(out / "summary.parquet")
    assert summary["status"].to_list() == ["ok"] * 6
    assert summary["src_sentences"].min() >= 1 and summary["mean_score"].min() > 0.5
    # the projects are ordinary project files
    assert main(["export", str(out / "001.en.dari.json"), "-o", str(tmp_path / "x.tmx")]) == 0

    assert main(["align", "--batch", str(corpus), "-o", str(out), "-q"]) == 0
    assert pl.read_parquet(out / "summary.parquet")["status"].to_list() == ["kept"] * 6


def test_align_batch_from_a_manifest_reports_a_bad_pair_and_goes_on(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = tmp_path / "pairs.csv"
    manifest.write_text(
        "src,tgt\nin/001.en,in/001.ko\nin/002.en,in/missing.ko\nin/003.en,in/003.ko\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main(["align", "--batch", str(manifest), "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "1 of 3 pair(s) could not be aligned" in err and "missing.ko" in err
    assert sorted(p.name for p in (out / "in").glob("*.dari.json")) == [
        "001.en.dari.json",
        "003.en.dari.json",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--batch", "IN"], "needs -o OUTDIR"),
        (["--batch", "IN", "-o", "OUT", "a.en"], "either --batch or input files"),
        (["--batch", "IN", "-o", "OUT", "--format", "tsv"], "--format applies to one pair"),
        (["--batch", "IN", "-o", "OUT", "--jobs", "0"], "--jobs must be at least 1"),
        (["--batch", "IN", "-o", "OUT", "--address", "x:1"], "--address applies to --engine ray"),
        (["a.en", "a.ko", "--jobs", "2"], "apply to --batch"),
    ],
)
def test_batch_usage_errors_are_one_line(
    argv: list[str], message: str, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [str(corpus) if a == "IN" else str(tmp_path / "out") if a == "OUT" else a for a in argv]
    assert main(["align", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_check_many_pairs_same_report_on_one_or_two_workers(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ko = corpus / "002.ko"
    ko.write_text("".join(ko.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")
    reports = []
    for jobs in ("1", "2"):
        code = main(["check", str(corpus), "--jobs", jobs, "--format", "json", "--fail-on", "never"])
        assert code == 0
        reports.append(capsys.readouterr().out)
    assert reports[0] == reports[1] and '"missing"' in reports[0] and "002.en" in reports[0]


def test_ctrl_c_loses_only_the_pair_in_flight_and_a_rerun_finishes(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "many"
    corpus.mkdir()
    for k in range(40):
        for lang in ("en", "ko"):
            source = SAMPLE / f"{k % 6 + 1:03d}.{lang}"
            (corpus / f"{k:03d}.{lang}").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    argv = [
        sys.executable,
        "-m",
        "align",
        "align",
        "--batch",
        str(corpus),
        "-o",
        str(out),
        "-q",
        "--jobs",
        "1",
    ]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.dari.json"))) < 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted" in err
    done = len(list(out.glob("*.dari.json")))
    assert 3 <= done < 40
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]  # no half-written file
    assert main(["align", "--batch", str(corpus), "-o", str(out), "-q", "--jobs", "1"]) == 0
    status = pl.read_parquet(out / "summary.parquet")["status"].to_list()
    assert status.count("kept") == done and status.count("ok") == 40 - done


def test_align_batch_with_params_from_aligns_every_pair_with_them(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from align.aligner import AlignParams
    from align.pipeline import InputOptions, align_documents, read_documents
    from align.project import load_project, save_project

    params = AlignParams().with_values(null_gain=1.0)  # no pair beats it: every sentence unpaired
    source, target = read_documents([corpus / "001.en", corpus / "001.ko"], InputOptions())
    reference = tmp_path / "reference.dari.json"
    save_project(align_documents(source, target, params=params), reference)
    out = tmp_path / "out"
    assert main(["align", "--batch", str(corpus), "-o", str(out), "-q", "--params-from", str(reference)]) == 0
    projects = sorted(out.glob("*.dari.json"))
    assert len(projects) == 6
    for project in projects:
        bitext = load_project(project)
        assert bitext.signature["aligner"] == params.to_dict()
        assert all(not b.src or not b.tgt for b in bitext.beads)

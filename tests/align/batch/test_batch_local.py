"""Batch runs on the local engine: grouping, worker processes, resume, a bad pair among good ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from align.api import align_batch, batch_pairs
from align.batch import run_batch
from align.batch.jobs import GROUP_BYTES, PairJob, group_jobs
from align.batch.local import LocalEngine
from align.batch.plan import plan_jobs
from align.batch.resume import output_name
from align.batch.tasks import AlignTask, CheckTask
from align.checks.registry import CheckContext
from align.errors import UsageError

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "flores-dev-sample"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Six real FLORES documents and one pair whose Korean side has no letters."""
    root = tmp_path / "in"
    shutil.copytree(SAMPLE, root)
    (root / "009.en").write_text("A sentence that has no translation worth the name.\n", encoding="utf-8")
    (root / "009.ko").write_text("12345 67890\n", encoding="utf-8")
    return root


def _projects(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.dari.json"))}


def test_groups_hold_small_pairs_together_and_big_ones_alone() -> None:
    jobs = [PairJob(f"p{i}", "a", "b", size=1_000) for i in range(40)]
    groups = group_jobs(jobs, workers=2)
    assert [job for g in groups for job in g] == jobs  # equal sizes keep their order, nothing lost
    assert len(groups) >= 2 * 4  # enough groups for the workers to finish together
    sizes = [len(g) for g in groups]
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] < sizes[0]  # the last ones are short
    big = [*jobs[:3], PairJob("big", "a", "b", size=GROUP_BYTES * 3)]
    assert group_jobs(big, workers=1)[0] == [big[-1]]  # the biggest pair first, alone
    mixed = [PairJob(f"m{i}", "a", "b", size=(i % 7 + 1) * 100) for i in range(50)]
    flat = [job for g in group_jobs(mixed, workers=3) for job in g]
    assert sorted(j.name for j in flat) == sorted(j.name for j in mixed)
    assert [j.size for j in flat] == sorted((j.size for j in mixed), reverse=True)


def test_output_names_stay_inside_the_output_directory() -> None:
    assert output_name("docs/en/x.md") == "docs/en/x.md"
    assert output_name("/etc/passwd") == "etc/passwd"
    assert output_name("../../x") == "__/__/x"
    with pytest.raises(UsageError):
        output_name("/")


def test_pool_of_two_processes_writes_what_one_process_writes(corpus: Path, tmp_path: Path) -> None:
    pairs = batch_pairs(corpus)
    outcomes = {}
    for workers, spread in ((1, GROUP_BYTES), (2, 1)):
        out = tmp_path / f"out{workers}"
        out.mkdir()
        task = AlignTask()
        jobs = plan_jobs(pairs, out_dir=out, settings=task.settings(), encoder="use")
        engine = LocalEngine(jobs=workers, spread_bytes=spread)
        outcomes[workers] = run_batch(jobs, task, engine)
    assert _projects(tmp_path / "out1") == _projects(tmp_path / "out2")
    assert len(_projects(tmp_path / "out2")) == 6
    for outcome in outcomes[2]:
        if outcome.name == "009.en":
            assert outcome.status == "error" and "no letters" in (outcome.error or "")
        else:
            assert outcome.status == "ok" and outcome.stats["beads"] >= 1
    assert [o.stats for o in outcomes[1]] == [o.stats for o in outcomes[2]]


def test_rerun_keeps_finished_pairs_and_redoes_changed_ones(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = align_batch(corpus, out, jobs=1)
    assert first.filter(pl.col("status") == "ok").height == 6
    summary = pl.read_parquet(out / "summary.parquet")
    assert summary.columns[:2] == ["pair", "status"] and summary.height == 7
    before = _projects(out)

    again = align_batch(corpus, out, jobs=1)
    assert again.filter(pl.col("status") == "kept").height == 6
    assert again.select("beads", "unpaired", "mean_score").equals(
        first.select("beads", "unpaired", "mean_score")
    )
    assert _projects(out) == before

    (corpus / "002.ko").write_text(
        (corpus / "002.ko").read_text(encoding="utf-8") + "추가 문장입니다.\n", encoding="utf-8"
    )
    third = align_batch(corpus, out, jobs=1)
    status = dict(zip(third["pair"], third["status"], strict=True))
    assert status["002.en"] == "ok" and status["001.en"] == "kept"
    assert _projects(out)["002.en.dari.json"] != before["002.en.dari.json"]


def test_a_reviewed_project_is_never_overwritten(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    align_batch(corpus, out, jobs=1)
    path = out / "003.en.dari.json"
    project = json.loads(path.read_text(encoding="utf-8"))
    project["beads"][0]["status"] = "confirmed"
    path.write_text(json.dumps(project), encoding="utf-8")
    reviewed = path.read_bytes()
    (corpus / "003.en").write_text("Changed. Entirely.\n", encoding="utf-8")
    frame = align_batch(corpus, out, jobs=1)
    row = frame.filter(pl.col("pair") == "003.en").row(0, named=True)
    assert row["status"] == "error" and "move it away" in row["error"]
    assert path.read_bytes() == reviewed


def test_check_task_in_worker_processes_finds_what_it_finds_in_process(corpus: Path) -> None:
    pairs = batch_pairs(corpus)
    jobs = plan_jobs(pairs)
    reports = []
    for engine in (LocalEngine(jobs=1), LocalEngine(jobs=2, spread_bytes=1)):
        outcomes = run_batch(jobs, CheckTask(context=CheckContext()), engine)
        reports.append(
            [
                (o.name, o.status, [lf.finding.message for lf in o.payload.findings] if o.ok else o.error)
                for o in outcomes
            ]
        )
    assert reports[0] == reports[1]
    assert any(status == "error" for _, status, _ in reports[0])

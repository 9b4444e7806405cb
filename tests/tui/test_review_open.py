"""Opening a review from texts (align first, in a worker, with a progress bar), the CLI's
checks around it, and dari's commands in the command palette."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from align.cli import main
from align.pipeline import InputOptions
from align.project import load_project
from tui.aligning import AlignApp
from tui.app import make_app

DATA = Path(__file__).parents[2] / "data" / "seed001"
SEED = Path(__file__).parents[1] / "golden" / "seed001.dari.json"


@pytest.mark.slow
@pytest.mark.parametrize("inputs", [["en.txt", "ko.txt"], ["bilingual.txt"]], ids=["src-tgt", "bilingual"])
async def test_texts_are_aligned_in_a_worker_then_written(tmp_path: Path, inputs: list[str]) -> None:
    out = tmp_path / "seed.dari.json"
    app = AlignApp([str(DATA / name) for name in inputs], out, InputOptions(), "use", None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.query_one("#bar") is not None
        for _ in range(600):  # the worker ends the app when the project is written
            if app.return_value is not None or app.error:
                break
            await pilot.pause(0.1)
    assert app.return_value == out
    bitext = load_project(out)
    assert len(bitext.source.segments) >= 10 and len(bitext.target.segments) >= 10
    assert {bitext.source.lang, bitext.target.lang} == {"en", "ko"}


async def test_aligning_can_be_cancelled(tmp_path: Path) -> None:
    out = tmp_path / "seed.dari.json"
    app = AlignApp([str(DATA / "en.txt"), str(DATA / "ko.txt")], out, InputOptions(), "use", None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is None
    assert not out.exists()


def test_review_of_texts_refuses_to_replace_a_reviewed_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "seed.dari.json"
    shutil.copy(SEED, out)  # it holds confirmed beads
    code = main(["review", str(DATA / "en.txt"), str(DATA / "ko.txt"), "-o", str(out)])
    assert code == 2
    assert "refusing to overwrite" in capsys.readouterr().err


def test_review_serve_needs_a_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(DATA / "en.txt"), str(DATA / "ko.txt"), "--serve"]) == 2
    assert "--serve opens a project file" in capsys.readouterr().err


def test_review_options_parse() -> None:
    from align.cli import build_parser

    args = build_parser().parse_args(["review", "a.txt", "b.txt", "-o", "x.dari.json", "--read-only"])
    assert isinstance(args, argparse.Namespace) and args.read_only and args.output == "x.dari.json"


async def test_command_palette_offers_the_edits_and_dari_commands(tmp_path: Path) -> None:
    path = tmp_path / "seed.dari.json"
    shutil.copy(SEED, path)
    app = make_app(path, scoring=False, checking=False)
    async with app.run_test(size=(100, 30)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"dari check", "dari export", "dari align (realign)", "Merge ↓", "Confirm"} <= set(titles)
        await pilot.press("ctrl+p")
        await pilot.press(*"Merge ↓")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.bitext.beads[0].src == (0, 1)


@pytest.mark.slow
async def test_the_ui_and_dari_check_report_the_same_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    path = tmp_path / "seed.dari.json"
    shutil.copy(SEED, path)
    app = make_app(path, scoring=True, checking=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()  # the encoder (for the checks' similarity) is loaded
        app.run_checks()
        await app.workers.wait_for_complete()
        await pilot.pause()
        ui = sorted((f.check, f.src, f.tgt, f.message) for f in app.findings)
    main(["check", str(path), "--format", "json", "--fail-on", "never"])
    report = json.loads(capsys.readouterr().out)
    assert len(report["findings"]) == len(ui)
    assert sorted(f["message"] for f in report["findings"]) == sorted(m for *_, m in ui)

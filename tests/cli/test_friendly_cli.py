"""The friendlier command line: rich --help with examples for every command (each example
parses), ``dari doctor`` with install commands, real argcomplete completion, and
``--format xlsx`` check reports."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from align.checks.reporters.xlsx_report import FINDING_COLUMNS
from align.cli import build_parser, main
from align.cli.examples import EXAMPLES

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"


def _subcommands() -> dict[str, object]:
    parser = build_parser()
    (action,) = [a for a in parser._actions if a.dest == "command"]
    return dict(action.choices)  # type: ignore[arg-type]


def test_every_command_has_examples_in_its_help() -> None:
    commands = _subcommands()
    assert set(EXAMPLES) == set(commands)
    for name, sub in commands.items():
        text = sub.format_help()  # type: ignore[attr-defined]
        assert "examples:" in text, name
        assert EXAMPLES[name][0][0] in text, name


def test_every_example_parses() -> None:
    parser = build_parser()
    for name, rows in EXAMPLES.items():
        for command, _why in rows:
            command = command[command.index("dari ") :].split(" |")[0].rstrip('")')
            args = parser.parse_args(shlex.split(command)[1:])
            assert args.command == name, command


def test_help_is_rich_formatted(capsys: pytest.CaptureFixture[str]) -> None:
    from rich_argparse import RichHelpFormatter

    parser = build_parser()
    assert issubclass(parser.formatter_class, RichHelpFormatter)  # type: ignore[arg-type]
    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    assert "[tool.dari]" in out  # help text is not swallowed as rich markup
    assert "dari check docs/ --format html -o report.html" in out


def test_doctor_lists_components_and_install_commands(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["doctor", "--json", "--no-cuda"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    for name in ("encoder use", "kiwipiepy", "encoder e5", "encoder hf", "ray", "plot", "excel"):
        assert name in rows, name
    assert rows["encoder use"]["ok"] and rows["encoder use"]["required"]
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed
    assert main(["doctor", "--json", "--no-cuda"]) == 0  # optional: still exit 0
    plot = {r["name"]: r for r in json.loads(capsys.readouterr().out)}["plot"]
    assert not plot["ok"] and "dari[plot]" in plot["install"]
    monkeypatch.setitem(sys.modules, "kiwipiepy", None)
    assert main(["doctor"]) == 1  # a required piece missing
    out = capsys.readouterr().out
    assert "✗" in out and "  pip install kiwipiepy" in out.splitlines()  # copyable, not folded in the table


def test_doctor_sees_cuda_or_says_it_does_not(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("torch")
    assert main(["doctor", "--json"]) == 0
    hf = {r["name"]: r for r in json.loads(capsys.readouterr().out)}["encoder hf"]
    assert "CUDA" in hf["detail"]


def _complete(line: str, tmp_path: Path) -> list[str]:
    out = tmp_path / "completions"
    env = dict(os.environ, _ARGCOMPLETE="1", _ARGCOMPLETE_IFS="\n", COMP_LINE=line, COMP_POINT=str(len(line)),
               _ARGCOMPLETE_STDOUT_FILENAME=str(out), PYTHONPATH=str(REPO))  # fmt: skip
    subprocess.run([sys.executable, "-m", "align"], env=env, capture_output=True, timeout=120, cwd=tmp_path)
    return out.read_text(encoding="utf-8").split("\n") if out.exists() else []


def test_shell_completion_completes_commands_and_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("argcomplete")
    assert {"check", "completion"} <= set(_complete("dari c", tmp_path))
    assert "html" in [c.strip() for c in _complete("dari check --format ", tmp_path)]
    assert main(["completion", "bash"]) == 0
    assert "complete " in capsys.readouterr().out


def test_check_xlsx_report_has_one_row_per_finding_with_both_sentences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "seed.dari.json"
    shutil.copy(GOLDEN / "seed001.dari.json", project)
    out = tmp_path / "findings.xlsx"
    assert main(["check", str(project), "--format", "xlsx", "-o", str(out), "-q"]) == 1
    book = openpyxl.load_workbook(out)
    sheet = book["findings"]
    header = [c.value for c in sheet[1]]
    assert header == list(FINDING_COLUMNS) and sheet.freeze_panes == "A2"
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert main(["check", str(project), "--format", "json", "-q"]) == 1
    expected = json.loads(capsys.readouterr().out)["findings"]
    assert len(rows) == len(expected)
    ramzi = [r for r in rows if "Remzi" in (r["message"] or "")]
    assert ramzi and "Ramzi" in ramzi[0]["source"] and "Remzi" in ramzi[0]["target"]
    assert main(["check", str(project), "--format", "xlsx"]) == 2
    assert "give it with -o" in capsys.readouterr().err

"""`dari eval` on files and directories, table and JSON, and its one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.cli import main


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    return path


def test_eval_files_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = _write(tmp_path / "gold", ["[0]:[0]", "[1, 2]:[1]", "[3]:[]"])
    pred = _write(tmp_path / "pred", ["[0]:[0]", "[1]:[1]", "[2]:[]", "[3]:[]"])
    assert main(["eval", str(gold), str(pred), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["strict_p"] == pytest.approx(0.5)
    assert data["strict_r"] == pytest.approx(0.5)
    assert data["lax_r"] == pytest.approx(1.0)


def test_eval_directories_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for d in ("g", "p"):
        (tmp_path / d).mkdir()
        for name in ("001", "002"):
            _write(tmp_path / d / name, ["[0]:[0]", "[1]:[1]"])
    assert main(["eval", str(tmp_path / "g"), str(tmp_path / "p")]) == 0
    out = capsys.readouterr().out
    assert "strict" in out and "1.0000" in out and "2 file(s)" in out


def test_eval_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = _write(tmp_path / "gold", ["[0]:[0]"])
    assert main(["eval", str(gold), str(tmp_path / "missing")]) == 2
    assert "no such file" in capsys.readouterr().err
    bad = _write(tmp_path / "bad", ["not a bead"])
    assert main(["eval", str(gold), str(bad)]) == 2
    (tmp_path / "g").mkdir()
    _write(tmp_path / "g" / "001", ["[0]:[0]"])
    (tmp_path / "p").mkdir()
    assert main(["eval", str(tmp_path / "g"), str(tmp_path / "p")]) == 2
    err = capsys.readouterr().err
    assert err.count("dari: error:") == 2

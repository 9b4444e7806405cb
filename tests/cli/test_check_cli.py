"""``dari check`` end to end on real text: exit codes, every report format, config, baseline."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from align.cli import main
from align.model import Bead, Bitext, Document, Segment
from align.project import save_project

REPO = Path(__file__).resolve().parents[2]


def _seed_fixture() -> ModuleType:
    path = REPO / "tests" / "align" / "checks" / "seed_fixture.py"
    spec = importlib.util.spec_from_file_location("dari_seed_fixture_cli", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lines_document(lines: list[str], lang: str, path: str) -> Document:
    segments: list[Segment] = []
    offset = 0
    for i, line in enumerate(lines):
        segments.append(Segment(line, offset, offset + len(line), i))
        offset += len(line) + 1
    return Document(lang, "".join(f"{x}\n" for x in lines), segments, path=path)


CLEAN_EN = [
    "On Monday, scientists from the Stanford University School of Medicine announced the invention of a new diagnostic tool that can sort cells by type.",
    "Lead researchers say this may bring early detection of cancer, tuberculosis, HIV and malaria to patients in low-income countries.",
    "The JAS 39C Gripen crashed onto a runway at around 9:30 am local time (0230 UTC) and exploded, closing the airport to commercial flights.",
]
CLEAN_KO = [
    "월요일, 스탠포드 의과대학 과학자들은 세포를 유형별로 분류할 수 있는 새로운 진단 도구를 발명했다고 발표했다.",
    "연구원들은 이것이 저소득 국가의 환자들에게 암, 결핵, HIV, 말라리아의 조기 발견을 가져올 수 있다고 말한다.",
    "JAS 39C 그리펜은 현지 시간 오전 9시 30분경(0230 UTC) 활주로에 추락해 폭발했고, 공항은 상업 항공편 운항을 중단했다.",
]  # fmt: skip


@pytest.fixture
def seed_project(tmp_path: Path) -> Path:
    path = tmp_path / "seed.dari.json"
    save_project(_seed_fixture().seed_bitext(), path)
    return path


def _clean_bitext(en: list[str], ko: list[str]) -> Bitext:
    beads = [Bead((i,), (i,), 0.9) for i in range(len(en))]
    return Bitext(_lines_document(en, "en", "clean.en"), _lines_document(ko, "ko", "clean.ko"), beads)


@pytest.fixture
def clean_project(tmp_path: Path) -> Path:
    path = tmp_path / "clean.dari.json"
    save_project(_clean_bitext(CLEAN_EN, CLEAN_KO), path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_seed_fails_with_the_known_findings(seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(seed_project), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"findings", "summary"}
    for f in data["findings"]:
        assert {"check", "severity", "source", "target", "message"} <= set(f)
        for side in ("source", "target"):
            assert f[side] is None or {"line", "column", "text"} <= set(f[side])
    messages = " ".join(f["message"] for f in data["findings"])
    assert "Remzi" in messages and "Heald" in messages and "15" in messages
    assert data["summary"]["by_check"]["missing"] == 1 and data["summary"]["by_check"]["extra"] == 1


def test_clean_pair_exits_0_with_one_line(clean_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(clean_project))
    assert code == 0
    assert out.count("\n") == 1 and "no drift" in out


def test_fail_on_levels(seed_project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert _run(capsys, str(seed_project), "--fail-on", "never")[0] == 0
    only_years = tmp_path / "years.dari.json"
    en = ["On February 20, 2016, a bicycle marathon took place in Seoul to commemorate the victims."]
    ko = ["2월 20일 서울에서 희생자들을 추모하는 자전거 마라톤이 열렸다."]
    save_project(_clean_bitext(en, ko), only_years)
    assert _run(capsys, str(only_years))[0] == 0
    assert _run(capsys, str(only_years), "--fail-on", "warning")[0] == 1


def test_text_report_groups_and_snippets(seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(seed_project))
    assert code == 1
    assert "Ramzi" in out and "Remzi" in out and "Search in archive" in out and "failed" in out


def test_junit_report(seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(seed_project), "--format", "junit")
    assert code == 1
    root = etree.fromstring(out.encode())
    assert root.tag == "testsuites"
    failed = {c.get("name") for c in root.iter("testcase") if c.find("failure") is not None}
    assert failed == {"missing", "extra", "name", "number"}


def test_github_annotations(seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, str(seed_project), "--format", "github")
    lines = [x for x in out.splitlines() if x.startswith("::")]
    assert any(x.startswith("::error file=") and ",line=" in x and ",col=" in x for x in lines)
    assert any(x.startswith("::notice ") for x in lines)
    assert all("\n" not in x for x in lines)


def test_sarif_report_structure(seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, str(seed_project), "--format", "sarif")
    doc = json.loads(out)
    assert doc["version"] == "2.1.0" and "sarif" in doc["$schema"]
    run = doc["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert {"missing", "extra", "number", "name", "term", "untranslated", "length", "confidence"} <= set(
        rules
    )
    for result in run["results"]:
        assert result["ruleId"] in rules and result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_output_file_and_refusal(
    seed_project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "report.json"
    code, out, _ = _run(capsys, str(seed_project), "--format", "json", "-o", str(report), "-q")
    assert code == 1 and out == ""
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["failing"] == 6
    before = seed_project.read_bytes()
    assert _run(capsys, str(seed_project), "-o", str(seed_project))[0] == 2
    assert seed_project.read_bytes() == before


def test_usage_and_input_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert _run(capsys, str(tmp_path / "nope.txt"), str(tmp_path / "nope.ko"))[0] == 2
    assert _run(capsys)[0] == 2
    assert _run(capsys, "--select", "spelling", str(tmp_path))[0] == 2
    bad = tmp_path / "baseline.json"
    bad.write_text("{}", encoding="utf-8")
    code, _, err = _run(capsys, "--baseline", str(bad), str(tmp_path / "x.dari.json"))
    assert code == 2 and err.startswith("dari: error:")


def test_baseline_survives_edits_elsewhere(
    seed_project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    baseline = tmp_path / "baseline.json"
    assert _run(capsys, str(seed_project), "--write-baseline", str(baseline), "-q")[0] == 0
    assert _run(capsys, str(seed_project), "--baseline", str(baseline))[0] == 0
    # Add a translated paragraph at the top of both versions: every line number moves.
    fixture = _seed_fixture()
    bitext = fixture.seed_bitext()
    intro_en, intro_ko = CLEAN_EN[0], CLEAN_KO[0]
    src = fixture.split_document(intro_en + "\n\n" + bitext.source.text, "en", "en.txt")
    tgt = fixture.split_document(intro_ko + "\n\n" + bitext.target.text, "ko", "ko.txt")
    beads = [Bead((0,), (0,), 0.9)] + [
        Bead(tuple(i + 1 for i in b.src), tuple(j + 1 for j in b.tgt), b.score) for b in bitext.beads
    ]
    edited = tmp_path / "edited.dari.json"
    save_project(Bitext(src, tgt, beads), edited)
    assert _run(capsys, str(edited), "--baseline", str(baseline))[0] == 0
    # A new drift is still caught.
    src2 = fixture.split_document(CLEAN_EN[2] + "\n\n" + bitext.source.text, "en", "en.txt")
    tgt2 = fixture.split_document(
        CLEAN_KO[2].replace("9시", "8시") + "\n\n" + bitext.target.text, "ko", "ko.txt"
    )
    drifted = tmp_path / "drifted.dari.json"
    save_project(Bitext(src2, tgt2, beads), drifted)
    code, out, _ = _run(capsys, str(drifted), "--baseline", str(baseline), "--format", "json")
    assert code == 1
    assert [f["check"] for f in json.loads(out)["findings"]] == ["number"]


def test_config_file_found_upwards(
    seed_project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.dari]\nignore = ["Search in archive"]\n[tool.dari.checks]\nmissing = false\nname = "warning"\nnumber = "warning"\n',
        encoding="utf-8",
    )
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    code, out, _ = _run(capsys, str(seed_project), "--format", "json")
    assert code == 0
    checks = {f["check"] for f in json.loads(out)["findings"]}
    assert "missing" not in checks and "extra" not in checks and "name" in checks
    (tmp_path / "dari.toml").write_text("[checks]\nnmae = false\n", encoding="utf-8")
    assert _run(capsys, str(seed_project))[0] == 2


def test_glossary_option(clean_project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text(
        "source,target\nlow-income countries,개발도상국\ntuberculosis,결핵\n", encoding="utf-8"
    )
    code, out, _ = _run(
        capsys, str(clean_project), "--glossary", str(glossary), "--format", "json", "--fail-on", "warning"
    )
    assert code == 1
    assert [f["check"] for f in json.loads(out)["findings"]] == ["term"]


def test_directory_of_pairs_with_the_real_aligner(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for lang in ("en", "ko"):
        (docs / lang).mkdir(parents=True)
        (docs / lang / "seed.txt").write_text(
            (REPO / "data" / "seed001" / f"{lang}.txt").read_text(encoding="utf-8"), encoding="utf-8"
        )
        (docs / lang / "clean.txt").write_text(
            "\n".join(CLEAN_EN if lang == "en" else CLEAN_KO) + "\n", encoding="utf-8"
        )
    (docs / "en" / "new.txt").write_text("A page nobody translated yet.\n", encoding="utf-8")
    code, out, _ = _run(capsys, str(docs), "--format", "json")
    assert code == 1
    data = json.loads(out)
    by_file: dict[str, set[str]] = {}
    for f in data["findings"]:
        if f["severity"] != "info":
            by_file.setdefault(f["file"], set()).add(f["check"])
    assert by_file == {"en/seed.txt": {"missing", "extra", "name", "number"}, "en/new.txt": {"missing"}}
    assert data["summary"]["pairs"] == 3


def test_manifest_of_pairs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.en").write_text("\n".join(CLEAN_EN) + "\n", encoding="utf-8")
    (tmp_path / "a.ko").write_text("\n".join(CLEAN_KO) + "\n", encoding="utf-8")
    manifest = tmp_path / "pairs.csv"
    manifest.write_text("src,tgt\na.en,a.ko\n", encoding="utf-8")
    code, out, _ = _run(capsys, "--manifest", str(manifest), "--presplit")
    assert code == 0 and "no drift" in out
    manifest.write_text("src,tgt\na.en,missing.ko\n", encoding="utf-8")
    code, out, _ = _run(capsys, "--manifest", str(manifest), "--format", "json")
    assert code == 2 and json.loads(out)["summary"]["unreadable_pairs"] == 1

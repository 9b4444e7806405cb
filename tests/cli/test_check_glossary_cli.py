"""``dari check --glossary`` with every glossary format: an approved term whose translation
was replaced in one Korean sentence of seed 001 is reported with both sentences."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from align.cli import main
from align.model import Bitext, Document, Segment, TermEntry, TermKind, TermStatus
from align.project import save_project
from glossary.formats import GLOSSARY_FORMATS, write_glossary

REPO = Path(__file__).resolve().parents[2]
ENGLISH = "On February 23-25, 2016, informative brochures on Khojaly Genocide"
EDITED = "주한 아제르바이잔 영사관에 의해 발행된"  # was 대사관 (embassy); 영사관 is a consulate


def _seed_fixture() -> ModuleType:
    path = REPO / "tests" / "align" / "checks" / "seed_fixture.py"
    spec = importlib.util.spec_from_file_location("dari_seed_fixture_glossary", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _replace_in_target(bitext: Bitext, index: int, old: str, new: str) -> None:
    """Replace ``old`` by the same-length ``new`` in one target sentence, offsets intact."""
    assert len(old) == len(new)
    doc = bitext.target
    seg = doc.segments[index]
    at = doc.text.index(old, seg.start, seg.end)
    text = doc.text[:at] + new + doc.text[at + len(old) :]
    segments = list(doc.segments)
    segments[index] = Segment(text[seg.start : seg.end], seg.start, seg.end, seg.para)
    bitext.target = Document(doc.lang, text, segments, doc.path, doc.encoding)


GLOSSARY = [
    TermEntry("Khojaly", "호잘리", 9, TermStatus.APPROVED, kind=TermKind.NAME, score=0.97),
    TermEntry("Embassy", "대사관", 7, TermStatus.APPROVED, score=0.94),
    TermEntry("Seoul", "서울", 4, TermStatus.APPROVED, kind=TermKind.NAME, score=0.9),
    TermEntry("brochures", "팜플렛", 2, TermStatus.CANDIDATE, score=0.4),  # not enforced
    TermEntry("Korea Herald", "코리아 헤럴드", 1, TermStatus.REJECTED, kind=TermKind.NAME),  # not enforced
]


@pytest.fixture
def edited_project(tmp_path: Path) -> Path:
    bitext: Bitext = _seed_fixture().seed_bitext()
    index = next(i for i, s in enumerate(bitext.target.segments) if "대사관에 의해 발행된" in s.text)
    _replace_in_target(bitext, index, "대사관에 의해 발행된", "영사관에 의해 발행된")
    path = tmp_path / "seed.dari.json"
    save_project(bitext, path)
    return path


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", GLOSSARY_FORMATS)
def test_a_replaced_term_is_reported_with_both_sentences(
    fmt: str, edited_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = tmp_path / f"terms.{fmt}"
    write_glossary(GLOSSARY, glossary, src_lang="en", tgt_lang="ko")
    code, out, _ = _run(
        capsys,
        str(edited_project),
        "--glossary",
        str(glossary),
        "--select",
        "term",
        "--fail-on",
        "warning",
        "--format",
        "json",
    )
    assert code == 1
    (finding,) = json.loads(out)["findings"]
    assert finding["check"] == "term" and "'Embassy' is not translated as '대사관'" in finding["message"]
    assert finding["source"]["text"].startswith(ENGLISH) and EDITED in finding["target"]["text"]
    code, out, _ = _run(
        capsys, str(edited_project), "--glossary", str(glossary), "--select", "term", "--fail-on", "warning"
    )
    assert code == 1 and "glossary term 'Embassy' is not translated as '대사관'" in out
    flat = " ".join(out.split())  # the text report wraps the two sentences side by side
    assert all(
        word in flat
        for word in ("February 23-25, 2016,", "Embassy were distributed", "영사관에 의해", "23-25일에는")
    )


def test_the_unedited_text_passes_and_the_config_takes_a_tbx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "seed.dari.json"
    save_project(_seed_fixture().seed_bitext(), project)
    write_glossary(GLOSSARY, tmp_path / "terms.tbx", src_lang="en", tgt_lang="ko")
    config = tmp_path / "dari.toml"
    config.write_text('glossary = "terms.tbx"\n', encoding="utf-8")
    code, out, _ = _run(
        capsys,
        str(project),
        "--config",
        str(config),
        "--select",
        "term",
        "--fail-on",
        "warning",
        "--format",
        "json",
    )
    assert code == 0 and json.loads(out)["findings"] == []


def test_a_korean_to_english_pair_reads_the_tbx_the_other_way(
    edited_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The glossary says en→ko; a check of the same texts the other way round uses it ko→en."""
    bitext: Bitext = _seed_fixture().seed_bitext()
    bitext.source, bitext.target = bitext.target, bitext.source
    for bead in bitext.beads:
        bead.src, bead.tgt = bead.tgt, bead.src
    _replace_in_target(bitext, 1, "Embassy", "Mission")  # "... support of the  Mission of the Republic ..."
    project = tmp_path / "reverse.dari.json"
    save_project(bitext, project)
    write_glossary(GLOSSARY, tmp_path / "terms.tbx", src_lang="en", tgt_lang="ko")
    code, out, _ = _run(
        capsys,
        str(project),
        "--glossary",
        str(tmp_path / "terms.tbx"),
        "--select",
        "term",
        "--fail-on",
        "warning",
        "--format",
        "json",
    )
    assert code == 1
    # the Embassy the edit removed, and a real drift: the Korean adds "in Seoul" (서울에서) to a
    # sentence whose English has no Seoul
    assert [(f["message"], f["source"]["text"][:12]) for f in json.loads(out)["findings"]] == [
        ("glossary term '대사관' is not translated as 'Embassy'", "호잘리 학살 24주년과"),
        ("glossary term '서울' is not translated as 'Seoul'", "호잘리 학살에 대한 정"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("source,target,status\nEmbassy,대사관,sure\n", "terms.csv:2: unknown status 'sure'"),
        ("<tbx><text><body>", "malformed TBX"),
    ],
)
def test_bad_glossaries_fail_before_checking(
    edited_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    name = "terms.csv" if content.startswith("source") else "terms.tbx"
    (tmp_path / name).write_text(content, encoding="utf-8")
    code, _, err = _run(capsys, str(edited_project), "--glossary", str(tmp_path / name))
    assert code == 2 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1

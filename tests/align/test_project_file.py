"""The project file: lossless round trip, atomic writes, and clear refusals of bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.errors import InputError, OutputError
from align.model import Bead, BeadStatus, Bitext, Document, Finding, Severity, TermEntry, segments_from_lines
from align.project import bitext_to_json, load_project, save_project


def _bitext() -> Bitext:
    en_text, en_segs = segments_from_lines(
        ["Members of the Embassy were involved.", "Yongsan is a district."]
    )
    ko_text, ko_segs = segments_from_lines(["대사관 회원들이 참가했다."])
    return Bitext(
        source=Document("en", en_text, en_segs, path="en.txt", encoding="utf-8"),
        target=Document("ko", ko_text, ko_segs, path="ko.txt", encoding="cp949"),
        beads=[Bead((0,), (0,), 0.91, BeadStatus.CONFIRMED), Bead((1,), (), 0.7)],
        signature={"dari": "0.1.0", "encoder": {"name": "use"}},
        findings=[Finding("missing", Severity.ERROR, "no Korean counterpart", src=(1,))],
        glossary=[TermEntry("Embassy", "대사관", 1)],
    )


def test_round_trip_is_lossless(tmp_path: Path) -> None:
    bitext = _bitext()
    path = tmp_path / "p.dari.json"
    save_project(bitext, path)
    loaded = load_project(path)
    assert bitext_to_json(loaded) == bitext_to_json(bitext)
    assert loaded.target.segments[0].text == "대사관 회원들이 참가했다."
    assert loaded.beads[0].status is BeadStatus.CONFIRMED


def test_save_does_not_leave_temp_files(tmp_path: Path) -> None:
    save_project(_bitext(), tmp_path / "p.dari.json")
    save_project(_bitext(), tmp_path / "p.dari.json")
    assert [p.name for p in tmp_path.iterdir()] == ["p.dari.json"]


def test_unwritable_destination_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        save_project(_bitext(), tmp_path / "no" / "such" / "dir" / "p.dari.json")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "JSON error at line 1"),
        ("[]", "dari-project"),
        ('{"format": "dari-project", "version": 99}', "newer than this dari"),
        ('{"format": "dari-project", "version": 1}', "missing source"),
    ],
)
def test_malformed_project_files_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.dari.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_project(path)


def test_beads_that_skip_a_sentence_are_refused(tmp_path: Path) -> None:
    obj = bitext_to_json(_bitext())
    obj["beads"] = obj["beads"][:1]
    path = tmp_path / "gap.dari.json"
    path.write_text(json.dumps(obj), encoding="utf-8")
    with pytest.raises(InputError, match="cover 1/2 source"):
        load_project(path)


def test_offsets_outside_the_text_are_refused(tmp_path: Path) -> None:
    obj = bitext_to_json(_bitext())
    obj["source"]["segments"][0] = [0, 10_000, 0]
    path = tmp_path / "off.dari.json"
    path.write_text(json.dumps(obj), encoding="utf-8")
    with pytest.raises(InputError, match="outside the text"):
        load_project(path)


def test_unknown_fields_inside_beads_findings_and_glossary_survive_a_save(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Another tool's (or a newer dari's) annotations on a bead, a finding or a glossary
    entry are written back unchanged: opening and saving never loses what a project held."""
    import json

    from align.model import Finding, Severity, TermEntry
    from align.project import load_project, save_project

    bitext = _bitext()
    bitext.findings = [Finding("number", Severity.ERROR, "2016 vs 2017", (0,), (0,))]
    bitext.glossary = [TermEntry("Embassy", "대사관", 1)]
    path = tmp_path / "p.dari.json"
    save_project(bitext, path)
    obj = json.loads(path.read_text(encoding="utf-8"))
    obj["beads"][0]["x-reviewer"] = "kim"
    obj["findings"][0]["ticket"] = 42
    obj["glossary"][0]["domain"] = {"field": "diplomacy"}
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    save_project(load_project(path), tmp_path / "again.dari.json")
    again = json.loads((tmp_path / "again.dari.json").read_text(encoding="utf-8"))
    assert again["beads"][0]["x-reviewer"] == "kim"
    assert again["findings"][0]["ticket"] == 42
    assert again["glossary"][0]["domain"] == {"field": "diplomacy"}
    assert "x-reviewer" not in again["beads"][1]

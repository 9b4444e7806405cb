"""`dari align` end to end on the seed, and every kind of bad input the brief lists."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from align.cli import main
from align.formats.beads import parse_beads
from align.project import load_project


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_bilingual_seed_pairs_every_translated_sentence(
    capsys: pytest.CaptureFixture[str], seed_dir: Path
) -> None:
    code, out, err = run_cli(capsys, "align", str(seed_dir / "bilingual.txt"), "--format", "tsv", "-q")
    assert code == 0, err
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0] == ["src_ids", "tgt_ids", "score", "src_text", "tgt_text"]
    by_text = {r[3]: r for r in rows[1:] if r[3]}
    yongsan = [t for t in by_text if t.startswith("Yongsan")]
    assert len(yongsan) == 2
    for text in yongsan:
        assert by_text[text][1] == "", f"Yongsan sentence paired: {by_text[text]}"
    paired = [r for r in rows[1:] if r[0] and r[1]]
    assert all(len(r[0].split(",")) == 1 and len(r[1].split(",")) == 1 for r in paired)
    assert len(paired) == 9  # title + 10 sentences, minus the two about Yongsan
    assert all(0.0 <= float(r[2]) <= 1.0 for r in rows[1:])


def test_two_files_write_a_project(
    capsys: pytest.CaptureFixture[str], seed_dir: Path, tmp_path: Path
) -> None:
    out_path = tmp_path / "seed.dari.json"
    code, out, err = run_cli(
        capsys, "align", str(seed_dir / "en.txt"), str(seed_dir / "ko.txt"), "-o", str(out_path)
    )
    assert code == 0, err
    assert out == ""
    project = load_project(out_path)
    assert (project.source.lang, project.target.lang) == ("en", "ko")
    assert project.signature["encoder"]
    assert project.signature["dari"]
    assert "beads" in err or "aligned" in err


def test_beads_format_with_scores(capsys: pytest.CaptureFixture[str], seed_dir: Path) -> None:
    code, out, _ = run_cli(
        capsys,
        "align",
        str(seed_dir / "en.txt"),
        str(seed_dir / "ko.txt"),
        "--format",
        "beads",
        "--scores",
        "-q",
    )
    assert code == 0
    beads = parse_beads(out)
    assert sum(len(b.src) for b in beads) >= 11
    assert all(line.count(":") == 2 for line in out.splitlines())


def test_cp949_and_utf16_inputs_align_like_utf8(
    capsys: pytest.CaptureFixture[str], seed_dir: Path, tmp_path: Path
) -> None:
    ko = (seed_dir / "ko.txt").read_text(encoding="utf-8")
    reference = run_cli(
        capsys, "align", str(seed_dir / "en.txt"), str(seed_dir / "ko.txt"), "--format", "beads", "-q"
    )
    cp949 = tmp_path / "ko.cp949.txt"
    cp949.write_bytes(ko.encode("cp949"))
    utf16 = tmp_path / "ko.utf16.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + ko.replace("\n", "\r\n").encode("utf-16-le"))
    for path in (cp949, utf16):
        result = run_cli(capsys, "align", str(seed_dir / "en.txt"), str(path), "--format", "beads", "-q")
        assert result[:2] == reference[:2]


def _assert_one_line_error(code: int, err: str, fragment: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("dari: error:")
    assert fragment in lines[0]
    assert "Traceback" not in err


def test_empty_file(capsys: pytest.CaptureFixture[str], seed_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, err = run_cli(capsys, "align", str(seed_dir / "en.txt"), str(empty))
    _assert_one_line_error(code, err, "empty")


def test_binary_file(capsys: pytest.CaptureFixture[str], seed_dir: Path, tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    code, _, err = run_cli(capsys, "align", str(binary), str(seed_dir / "ko.txt"))
    _assert_one_line_error(code, err, "binary")


def test_missing_file(capsys: pytest.CaptureFixture[str], seed_dir: Path) -> None:
    code, _, err = run_cli(capsys, "align", str(seed_dir / "en.txt"), "/nonexistent/ko.txt")
    _assert_one_line_error(code, err, "no such file")


def test_wrong_language(capsys: pytest.CaptureFixture[str], seed_dir: Path) -> None:
    code, _, err = run_cli(
        capsys, "align", str(seed_dir / "en.txt"), str(seed_dir / "en.txt"), "--tgt-lang", "ko"
    )
    _assert_one_line_error(code, err, "ko")


def test_same_language_twice(capsys: pytest.CaptureFixture[str], seed_dir: Path) -> None:
    code, _, err = run_cli(capsys, "align", str(seed_dir / "ko.txt"), str(seed_dir / "ko.txt"))
    _assert_one_line_error(code, err, "same language")


def test_monolingual_file_alone(capsys: pytest.CaptureFixture[str], seed_dir: Path) -> None:
    code, _, err = run_cli(capsys, "align", str(seed_dir / "en.txt"))
    assert code == 2
    assert "Traceback" not in err and err.startswith("dari: error:")


def test_unwritable_output(capsys: pytest.CaptureFixture[str], seed_dir: Path, tmp_path: Path) -> None:
    code, _, err = run_cli(
        capsys, "align", str(seed_dir / "bilingual.txt"), "-o", str(tmp_path / "missing-dir" / "x.dari.json")
    )
    _assert_one_line_error(code, err, "does not exist")


def test_output_never_overwrites_an_input(
    capsys: pytest.CaptureFixture[str], seed_dir: Path, tmp_path: Path
) -> None:
    src = tmp_path / "bi.txt"
    src.write_bytes((seed_dir / "bilingual.txt").read_bytes())
    before = src.read_bytes()
    code, _, err = run_cli(capsys, "align", str(src), "-o", str(src))
    _assert_one_line_error(code, err, "overwrite")
    assert src.read_bytes() == before


def test_malformed_project_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "broken.dari.json"
    bad.write_text('{"format": "dari-project", "version": 1, "source": ')
    code, _, err = run_cli(capsys, "align", str(bad), "--format", "beads")
    _assert_one_line_error(code, err, "JSON error")


def test_unknown_encoder(capsys: pytest.CaptureFixture[str], seed_dir: Path) -> None:
    code, _, err = run_cli(capsys, "align", str(seed_dir / "bilingual.txt"), "--encoder", "laser9")
    _assert_one_line_error(code, err, "laser9")


def test_presplit_with_gold(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    en = ["The cat sat on the mat.", "It was a sunny day.", "Everyone was happy."]
    ko = ["고양이가 매트 위에 앉았다.", "화창한 날이었다.", "모두가 행복했다."]
    (tmp_path / "a.en").write_text("\n".join(en) + "\n")
    (tmp_path / "a.ko").write_text("\n".join(ko) + "\n")
    (tmp_path / "gold").write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n")
    code, out, err = run_cli(
        capsys,
        "align",
        str(tmp_path / "a.en"),
        str(tmp_path / "a.ko"),
        "--presplit",
        "--format",
        "beads",
        "--gold",
        str(tmp_path / "gold"),
    )
    assert code == 0, err
    assert out == "[0]:[0]\n[1]:[1]\n[2]:[2]\n"
    assert "strict P/R/F1 1.000/1.000/1.000" in err


def test_text_without_letters_names_the_file(
    capsys: pytest.CaptureFixture[str], seed_dir: Path, tmp_path: Path
) -> None:
    numbers = tmp_path / "numbers.txt"
    numbers.write_text("2016 - 2025 ...\n")
    for extra in ([], ["--src-lang", "en"]):
        code, _, err = run_cli(capsys, "align", str(numbers), str(seed_dir / "ko.txt"), *extra)
        _assert_one_line_error(code, err, f"{numbers}: contains no letters")


def test_text_table_never_drops_korean_characters(
    capsys: pytest.CaptureFixture[str], seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rich cut wide-character words that filled a column exactly ("진행되 … 있다"), so the
    table lost text at some terminal widths; the text columns fold instead."""
    project = tmp_path / "seed.dari.json"
    assert (
        run_cli(capsys, "align", str(seed_dir / "en.txt"), str(seed_dir / "ko.txt"), "-o", str(project))[0]
        == 0
    )
    hangul = sorted(
        ch for ch in (seed_dir / "ko.txt").read_text(encoding="utf-8") if "\uac00" <= ch <= "\ud7a3"
    )
    for width in range(56, 104, 3):
        monkeypatch.setenv("COLUMNS", str(width))
        code, out, err = run_cli(capsys, "align", str(project))
        assert code == 0, err
        assert "…" not in out, f"width {width}"
        assert sorted(ch for ch in out if "\uac00" <= ch <= "\ud7a3") == hangul, f"width {width}"


def _beads(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    return [(b.src, b.tgt, b.score) for b in load_project(path).beads]


def test_params_from_reproduces_a_project_aligned_with_changed_parameters(
    capsys: pytest.CaptureFixture[str], seed_dir: Path, tmp_path: Path
) -> None:
    from align.aligner import AlignParams
    from align.pipeline import InputOptions, align_documents, read_documents
    from align.project import save_project

    source, target = read_documents([seed_dir / "en.txt", seed_dir / "ko.txt"], InputOptions())
    params = AlignParams().with_values(null_gain=-0.6, conf_bias=3.0)
    original = tmp_path / "original.dari.json"
    save_project(align_documents(source, target, params=params), original)
    plain = tmp_path / "plain.dari.json"
    again = tmp_path / "again.dari.json"
    en, ko = str(seed_dir / "en.txt"), str(seed_dir / "ko.txt")
    assert run_cli(capsys, "align", en, ko, "-o", str(plain), "-q")[0] == 0
    assert _beads(plain) != _beads(original)  # the changed parameters matter on this text
    code, _, err = run_cli(capsys, "align", en, ko, "--params-from", str(original), "-o", str(again), "-q")
    assert code == 0, err
    assert _beads(again) == _beads(original)
    assert load_project(again).signature["aligner"] == load_project(original).signature["aligner"]


def test_params_from_reads_an_earlier_versions_flat_signature(
    capsys: pytest.CaptureFixture[str], seed_dir: Path, tmp_path: Path
) -> None:
    old = Path(__file__).parents[1] / "golden" / "seed001.flat-params.dari.json"
    again = tmp_path / "again.dari.json"
    en, ko = str(seed_dir / "en.txt"), str(seed_dir / "ko.txt")
    code, _, err = run_cli(capsys, "align", en, ko, "--params-from", str(old), "-o", str(again), "-q")
    assert code == 0, err
    assert _beads(again) == _beads(old)


@pytest.mark.parametrize(
    ("project", "message"),
    [
        ("missing.dari.json", "missing.dari.json"),
        ("golden", "signature names no aligner parameters"),
        ("retired", "'margin' = 1.5 is no longer supported"),
    ],
)
def test_params_from_a_bad_project_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], seed_dir: Path, tmp_path: Path, project: str, message: str
) -> None:
    import json

    golden = Path(__file__).parents[1] / "golden"
    path = tmp_path / project
    if project == "golden":
        path = golden / "seed001.dari.json"
    elif project == "retired":
        data = json.loads((golden / "seed001.flat-params.dari.json").read_text(encoding="utf-8"))
        data["signature"]["aligner"]["margin"] = 1.5
        path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run_cli(
        capsys, "align", str(seed_dir / "en.txt"), str(seed_dir / "ko.txt"), "--params-from", str(path), "-q"
    )
    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1, err

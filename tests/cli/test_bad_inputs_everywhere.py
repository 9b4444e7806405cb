"""Every ``dari`` command against bad input: one ``dari: error:`` line, exit 2, no traceback,
and the user's files untouched (the brief's rule, checked across the whole CLI at once).

The per-command tests cover each command's own messages; this matrix runs the same kinds of
bad input through every command that reads them, so a command added or changed later cannot
quietly let a traceback (or a half-written file) through. Encodings that must *work* (CP949,
UTF-16 with and without BOM) are here too, since refusing them is the other way to fail.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from align.cli import main

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "seed001"
GOLDEN = REPO / "tests" / "golden"

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def _project_variants() -> dict[str, bytes]:
    """Broken project files, each made from the golden seed project by one change."""
    raw = (GOLDEN / "seed001.dari.json").read_bytes()
    base = json.loads(raw)

    def changed(edit: str) -> bytes:
        obj = json.loads(raw)
        exec(edit, {"p": obj})  # one-line edits keep the table below readable
        return json.dumps(obj).encode("ascii")  # ASCII escapes: a lone surrogate can be written

    assert base["version"] == 1
    return {
        "truncated.dari.json": raw[: len(raw) // 2],
        "beads-not-list.dari.json": changed("p['beads'] = 'all'"),
        "segment-types.dari.json": changed("p['source']['segments'][0] = ['a', 1, 0]"),
        "score-text.dari.json": changed("p['beads'][0]['score'] = 'high'"),
        "score-range.dari.json": changed("p['beads'][0]['score'] = 7"),
        "text-number.dari.json": changed("p['target']['text'] = 42"),
        "findings-number.dari.json": changed("p['findings'] = 5"),
        "glossary-number.dari.json": changed("p['glossary'] = 5"),
        "glossary-item-text.dari.json": changed("p['glossary'] = ['term']"),
        "bead-out-of-range.dari.json": changed("p['beads'][-1]['tgt'] = [9999]"),
        "bead-gap.dari.json": changed("del p['beads'][3]"),
        "newer.dari.json": changed("p['version'] = 99"),
        "empty-lang.dari.json": changed("p['source']['lang'] = ' '"),
        "surrogate.dari.json": changed("p['target']['text'] = '\\ud800' + p['target']['text'][1:]"),
        "deep.dari.json": b"[" * 100_000 + b"]" * 100_000,
        "huge-number.dari.json": raw.replace(b'"version": 1', b'"version": ' + b"9" * 5000, 1),
        "array.dari.json": b"[1, 2, 3]\n",
        "binary.dari.json": PNG + bytes(range(256)),
    }


BROKEN_PROJECTS = sorted(_project_variants())


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One folder of good and bad inputs, shared by the whole matrix (read-only use)."""
    root = tmp_path_factory.mktemp("bad-inputs")
    en = (SEED / "en.txt").read_text(encoding="utf-8")
    ko = (SEED / "ko.txt").read_text(encoding="utf-8")
    rng = random.Random(1)
    project = json.loads((GOLDEN / "seed001.dari.json").read_bytes())
    src_lines, tgt_lines = (
        "".join(project[side]["text"][a:b] + "\n" for a, b, _ in project[side]["segments"])
        for side in ("source", "target")
    )
    contents: dict[str, bytes] = {
        "en.txt": en.encode("utf-8"),
        "ko.txt": ko.encode("utf-8"),
        "bilingual.txt": (SEED / "bilingual.txt").read_bytes(),
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n \r\n",
        "binary.png": PNG + bytes(rng.randrange(256) for _ in range(2048)),
        "ko-cp949.txt": ko.encode("cp949"),
        "en-utf16-bom.txt": en.encode("utf-16"),
        "ko-utf16-bom.txt": ko.encode("utf-16"),
        "en-utf16le.txt": en.encode("utf-16-le"),
        "ko-utf16le.txt": ko.encode("utf-16-le"),
        "project.dari.json": (GOLDEN / "seed001.dari.json").read_bytes(),
        "good.tmx": (GOLDEN / "seed001.tmx").read_bytes(),
        "good.beads": (GOLDEN / "seed001.beads").read_bytes(),
        "truncated.tmx": (GOLDEN / "seed001.tmx").read_bytes()[:1500],
        "nobody.tmx": b'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/></tmx>\n',
        "other.xml": b'<?xml version="1.0"?>\n<html><body><p>Hello.</p></body></html>\n',
        "other.tmx": b'<?xml version="1.0"?>\n<html><body><p>Hello.</p></body></html>\n',
        "binary.tmx": PNG + bytes(rng.randrange(256) for _ in range(512)),
        "empty.tmx": b"",
        "garbage.beads": b"[0]:[0]\nthis is not a bead line\n",
        "bad-score.beads": b"[0]:[0]:1.2.3\n",
        "e-score.beads": b"[0]:[0]:e\n",
        "binary.beads": PNG + bytes(rng.randrange(256) for _ in range(512)),
        "good-utf16.beads": (GOLDEN / "seed001.beads").read_text(encoding="utf-8").encode("utf-16"),
        "tm-cp949.tsv": "en\tko\nHello, how are you?\t안녕하세요, 잘 지내세요?\n".encode("cp949"),
        "tm-utf16.tsv": "en\tko\nHello, how are you?\t안녕하세요, 잘 지내세요?\n".encode("utf-16"),
        "tm-en-only.tsv": b"en\tko\nHello, how are you?\tFine, thank you.\n",
        "src-lines-utf16le.txt": src_lines.encode("utf-16-le"),
        "tgt-lines-cp949.txt": tgt_lines.encode("cp949"),
        "bad-config.toml": b"fail_on = [\n",
        "bad-baseline.json": b'{"format": "dari-baseline", "findings": 3',
    }
    for name, data in {**contents, **_project_variants()}.items():
        (root / name).write_bytes(data)
    (root / "folder").mkdir()
    (root / "folder.txt").mkdir()
    (root / "folder.dari.json").mkdir()
    (root / "folder.tmx").mkdir()
    (root / "out-folder").mkdir()
    (root / "link-to-en.txt").symlink_to(root / "en.txt")
    return {p.name: p for p in root.iterdir()} | {"missing.txt": root / "missing.txt", "root": root}


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _argv(template: list[str], files: dict[str, Path]) -> list[str]:
    out = []
    for arg in template:
        if arg.startswith("@"):
            name = arg[1:]
            out.append(str(files[name]) if name in files else str(files["root"] / name))
        else:
            out.append(arg)
    return out


def _fails_cleanly(
    template: list[str], files: dict[str, Path], capsys: pytest.CaptureFixture[str], expect: str = ""
) -> str:
    root = files["root"]
    before = _snapshot(root)
    code = main(_argv(template, files))
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert code == 2, (code, captured.err)
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("dari: error: "), captured.err
    assert "Traceback" not in captured.err + captured.out
    assert expect.lower() in lines[0].lower(), lines[0]
    after = _snapshot(root)
    assert after == before, "an input was changed, or a file was left behind"
    return lines[0]


# (argv with @name for files of the fixture, substring the error line must contain)
TEXT_READERS: list[tuple[str, list[str]]] = [
    ("align-src", ["align", "-q", "@{}", "@ko.txt"]),
    ("align-tgt", ["align", "-q", "@en.txt", "@{}"]),
    ("align-one", ["align", "-q", "@{}"]),
    ("split", ["split", "@{}"]),
    ("check-src", ["check", "-q", "@{}", "@ko.txt"]),
    ("check-tgt", ["check", "-q", "@en.txt", "@{}"]),
]
BAD_TEXTS = [
    ("empty.txt", "empty"),
    ("blank.txt", "empty"),
    ("binary.png", "binary"),
    ("folder.txt", "director"),
    ("missing.txt", "no such file"),
]


@pytest.mark.parametrize(("reader", "template"), TEXT_READERS, ids=[r for r, _ in TEXT_READERS])
@pytest.mark.parametrize(("bad", "expect"), BAD_TEXTS, ids=[b for b, _ in BAD_TEXTS])
def test_bad_text_files(
    files: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    reader: str,
    template: list[str],
    bad: str,
    expect: str,
) -> None:
    argv = [a.format(bad) for a in template]
    if reader.startswith("check") and bad == "folder.txt":
        expect = "two files or two directories"
    _fails_cleanly(argv, files, capsys, expect)


PROJECT_READERS: list[tuple[str, list[str]]] = [
    ("export", ["export", "-q", "@{}", "-o", "@out.tmx"]),
    ("review", ["review", "@{}"]),
    ("check", ["check", "-q", "@{}"]),
    ("align", ["align", "-q", "@{}"]),
]


@pytest.mark.parametrize(("reader", "template"), PROJECT_READERS, ids=[r for r, _ in PROJECT_READERS])
@pytest.mark.parametrize("bad", [*BROKEN_PROJECTS, "folder.dari.json", "missing.dari.json"])
def test_broken_project_files(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], reader: str, template: list[str], bad: str
) -> None:
    expect = "newer than this dari" if bad.startswith("newer") else ""
    line = _fails_cleanly([a.format(bad) for a in template], files, capsys, expect)
    assert bad in line  # the message names the file
    assert not (files["root"] / "out.tmx").exists()


BAD_IMPORTS = [
    ("truncated.tmx", "malformed TMX"),
    ("nobody.tmx", "no translation units"),
    ("other.tmx", "not a TMX file"),
    ("binary.tmx", ""),
    ("empty.tmx", "empty"),
    ("folder.tmx", "director"),
    ("missing.tmx", "no such file"),
]


@pytest.mark.parametrize(("bad", "expect"), BAD_IMPORTS, ids=[b for b, _ in BAD_IMPORTS])
def test_bad_tmx_imports(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], bad: str, expect: str
) -> None:
    _fails_cleanly(["import", "-q", f"@{bad}", "-o", "@out.dari.json"], files, capsys, expect)


@pytest.mark.parametrize(
    ("template", "expect"),
    [
        (["import", "-q", "@other.xml", "--from", "tmx", "-o", "@out.dari.json"], "not a TMX file"),
        (["import", "-q", "@other.xml", "--from", "xliff", "-o", "@out.dari.json"], "not an XLIFF file"),
        (["import", "-q", "@good.tmx", "--from", "xliff", "-o", "@out.dari.json"], "not an XLIFF file"),
        (["import", "-q", "@other.xml", "-o", "@out.dari.json"], "cannot tell the format"),
        (["import", "-q", "@binary.png", "--from", "csv", "-o", "@out.dari.json"], "binary"),
        (["import", "-q", "@tm-en-only.tsv", "--tgt-lang", "ko", "-o", "@out.dari.json"], "hangul"),
        (["import", "-q", "@good.tmx", "--src-lang", "fr", "-o", "@out.dari.json"], "fr"),
    ],
)
def test_wrong_kind_of_file_imports(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], template: list[str], expect: str
) -> None:
    _fails_cleanly(template, files, capsys, expect)


@pytest.mark.parametrize(
    ("template", "expect"),
    [
        (["eval", "@good.beads", "@garbage.beads"], "not a bead line"),
        (["eval", "@garbage.beads", "@good.beads"], "not a bead line"),
        (["eval", "@good.beads", "@bad-score.beads"], "score"),
        (["eval", "@good.beads", "@e-score.beads"], "score"),
        (["eval", "@good.beads", "@binary.beads"], "binary"),
        (["eval", "@good.beads", "@empty.txt"], "empty"),
        (["eval", "@good.beads", "@missing.beads"], "no such file"),
        (["eval", "@good.beads", "@folder"], "both be files or both be directories"),
        (["eval", "@folder", "@folder"], "no gold files"),
        (
            ["import", "-q", "@garbage.beads", "--src", "@en.txt", "--tgt", "@ko.txt", "-o", "@o.dari.json"],
            "bead line",
        ),
        (
            ["import", "-q", "@good.beads", "--src", "@en.txt", "--tgt", "@binary.png", "-o", "@o.dari.json"],
            "binary",
        ),
        (["align", "-q", "--presplit", "@en.txt", "@ko.txt", "--gold", "@garbage.beads"], "not a bead line"),
    ],
)
def test_bad_bead_files(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], template: list[str], expect: str
) -> None:
    _fails_cleanly(template, files, capsys, expect)


def test_a_bad_gold_file_is_refused_before_the_project_is_written(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "out.dari.json"
    argv = ["align", "-q", "@en.txt", "@ko.txt", "-o", str(out), "--gold", "@garbage.beads"]
    _fails_cleanly(argv, files, capsys, "not a bead line")
    assert not out.exists()


@pytest.mark.parametrize(
    ("template", "expect"),
    [
        (["align", "-q", "@en.txt", "@en.txt", "--tgt-lang", "ko"], "hangul"),
        (["check", "-q", "@en.txt", "@en.txt", "--tgt-lang", "ko"], "hangul"),
        (["align", "-q", "@ko.txt", "@en.txt", "--src-lang", "en", "--tgt-lang", "ko"], "hangul"),
        (["check", "-q", "@en.txt", "@ko.txt", "--config", "@bad-config.toml"], "TOML"),
        (["check", "-q", "@en.txt", "@ko.txt", "--config", "@missing.toml"], "not found"),
        (["check", "-q", "@en.txt", "@ko.txt", "--baseline", "@bad-baseline.json"], "baseline"),
        (["check", "-q", "@en.txt", "@ko.txt", "--baseline", "@binary.png"], "baseline"),
        (["check", "-q", "@en.txt", "@ko.txt", "--glossary", "@binary.png"], "binary"),
        (["check", "-q", "@en.txt", "@ko.txt", "--glossary", "@folder"], "director"),
        (["check", "-q", "--manifest", "@binary.png"], "binary"),
        (["check", "-q", "--manifest", "@missing.tsv"], "no such file"),
        (["check", "-q", "@folder"], ""),
    ],
)
def test_wrong_language_and_bad_side_files(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], template: list[str], expect: str
) -> None:
    _fails_cleanly(template, files, capsys, expect)


WRITERS: list[tuple[str, list[str]]] = [
    ("align", ["align", "-q", "--presplit", "@en.txt", "@ko.txt", "-o", "{}"]),
    ("check-o", ["check", "-q", "@project.dari.json", "--fail-on", "never", "-o", "{}"]),
    ("check-baseline", ["check", "-q", "@project.dari.json", "--write-baseline", "{}"]),
    ("export", ["export", "-q", "@project.dari.json", "-o", "{}", "--to", "tmx"]),
    ("import", ["import", "-q", "@good.tmx", "-o", "{}"]),
]
BAD_OUTPUTS = [
    ("proc-missing", "/proc/x/out.dari.json", "does not exist"),
    ("proc", "/proc/dari-out.dari.json", "cannot write"),
    ("sys", "/sys/dari-out.dari.json", "cannot write"),
    ("folder", "@out-folder", "director"),
    ("no-parent", "@no/such/dir/out.dari.json", "does not exist"),
]


@pytest.mark.parametrize(("writer", "template"), WRITERS, ids=[w for w, _ in WRITERS])
@pytest.mark.parametrize(("where", "target", "expect"), BAD_OUTPUTS, ids=[w for w, _, _ in BAD_OUTPUTS])
def test_unwritable_outputs(
    files: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    writer: str,
    template: list[str],
    where: str,
    target: str,
    expect: str,
) -> None:
    if where == "sys" and not Path("/sys/kernel").is_dir():
        pytest.skip("no sysfs here")
    _fails_cleanly([a.format(target) for a in template], files, capsys, expect)


OVERWRITES: list[tuple[str, list[str]]] = [
    ("align-src", ["align", "-q", "--presplit", "@en.txt", "@ko.txt", "-o", "@en.txt"]),
    ("align-tgt", ["align", "-q", "--presplit", "@en.txt", "@ko.txt", "-o", "@ko.txt"]),
    ("align-link", ["align", "-q", "--presplit", "@en.txt", "@ko.txt", "-o", "@link-to-en.txt"]),
    ("align-project", ["align", "-q", "@project.dari.json", "-o", "@project.dari.json"]),
    ("check-o", ["check", "-q", "@en.txt", "@ko.txt", "-o", "@ko.txt"]),
    ("check-project", ["check", "-q", "@project.dari.json", "-o", "@project.dari.json"]),
    ("check-baseline", ["check", "-q", "@en.txt", "@ko.txt", "--write-baseline", "@en.txt"]),
    ("check-glossary", ["check", "-q", "@project.dari.json", "--glossary", "@tm-cp949.tsv", "-o", "@tm-cp949.tsv"]),
    ("check-config", ["check", "-q", "@project.dari.json", "--config", "@bad-config.toml", "-o", "@bad-config.toml"]),
    ("check-baseline-in", ["check", "-q", "@project.dari.json", "--baseline", "@bad-baseline.json", "-o", "@bad-baseline.json"]),
    ("export", ["export", "-q", "@project.dari.json", "-o", "@project.dari.json", "--to", "tmx"]),
    ("import", ["import", "-q", "@good.tmx", "-o", "@good.tmx"]),
    ("import-src", ["import", "-q", "@good.beads", "--src", "@en.txt", "--tgt", "@ko.txt", "-o", "@en.txt"]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "template"), OVERWRITES, ids=[c for c, _ in OVERWRITES])
def test_output_on_an_input_is_refused(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], case: str, template: list[str]
) -> None:
    _fails_cleanly(template, files, capsys, "input")


# Encodings that must work: (argv, acceptable exit codes)
WORKING = [
    (["align", "-q", "--format", "beads", "@en-utf16-bom.txt", "@ko-cp949.txt"], {0}),
    (["align", "-q", "--format", "beads", "@en-utf16le.txt", "@ko-utf16le.txt"], {0}),
    (["align", "-q", "--format", "beads", "--presplit", "@en.txt", "@ko-utf16-bom.txt"], {0}),
    (["split", "@ko-cp949.txt"], {0}),
    (["split", "@en-utf16le.txt"], {0}),
    (["split", "@ko-utf16-bom.txt"], {0}),
    (["check", "-q", "@en-utf16-bom.txt", "@ko-cp949.txt"], {0, 1}),
    (["eval", "@good.beads", "@good-utf16.beads"], {0}),
    (["import", "-q", "@tm-cp949.tsv", "-o", "@out-cp949.dari.json"], {0}),
    (["import", "-q", "@tm-utf16.tsv", "-o", "@out-utf16.dari.json"], {0}),
    (
        [
            "import",
            "-q",
            "@good.beads",
            "--src",
            "@src-lines-utf16le.txt",
            "--tgt",
            "@tgt-lines-cp949.txt",
            "-o",
            "@b.dari.json",
        ],
        {0},
    ),
]


@pytest.fixture
def scratch(files: dict[str, Path]) -> Iterator[dict[str, Path]]:
    """The shared inputs, with whatever a passing command wrote removed afterwards."""
    before = set(files["root"].iterdir())
    yield files
    for path in set(files["root"].iterdir()) - before:
        path.unlink()


@pytest.mark.parametrize(
    ("template", "codes"), WORKING, ids=[" ".join(t[:2]) + f"-{i}" for i, (t, _) in enumerate(WORKING)]
)
def test_cp949_and_utf16_inputs_work(
    scratch: dict[str, Path], capsys: pytest.CaptureFixture[str], template: list[str], codes: set[int]
) -> None:
    code = main(_argv(template, scratch))
    captured = capsys.readouterr()
    assert code in codes, captured.err
    assert "error" not in captured.err
    if template[0] == "split":
        assert "호잘리" in captured.out or "Khojaly" in captured.out
    if template[0] == "import":
        from align.project import load_project

        bitext = load_project(_argv([template[-1]], scratch)[0])
        assert "\ufffd" not in bitext.source.text + bitext.target.text
        assert bitext.target.lang == "ko"
        assert any("\uac00" <= ch <= "\ud7a3" for ch in bitext.target.text)  # Hangul survived


def test_cp949_text_aligns_like_utf8(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_argv(["align", "-q", "--format", "beads", "@en.txt", "@ko.txt"], files)) == 0
    utf8 = capsys.readouterr().out
    assert main(_argv(["align", "-q", "--format", "beads", "@en-utf16le.txt", "@ko-cp949.txt"], files)) == 0
    assert capsys.readouterr().out == utf8


def test_failed_run_keeps_an_earlier_output(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A run that fails never replaces (or truncates) what a previous run wrote."""
    out = tmp_path / "previous.dari.json"
    out.write_bytes(b"earlier result")
    for template in (
        ["align", "-q", "@en.txt", "@binary.png", "-o", str(out)],
        ["import", "-q", "@truncated.tmx", "-o", str(out)],
    ):
        _fails_cleanly(template, files, capsys)
    assert out.read_bytes() == b"earlier result"
    assert [p.name for p in tmp_path.iterdir()] == ["previous.dari.json"]


# --- the dispatcher's last line of defence -------------------------------------------------


def _boom(args: object) -> int:
    raise ValueError("something nobody expected\nsecond line")


def test_unexpected_exception_is_one_line_exit_70(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import align.cli.eval_cmd as eval_cmd

    monkeypatch.delenv("DARI_DEBUG", raising=False)
    monkeypatch.setattr(eval_cmd, "run", _boom)
    assert main(["eval", "a", "b"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("dari: internal error: ValueError: something nobody expected second line")
    assert "DARI_DEBUG=1" in err
    assert "Traceback" not in err


def test_dari_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import align.cli.eval_cmd as eval_cmd

    monkeypatch.setenv("DARI_DEBUG", "1")
    monkeypatch.setattr(eval_cmd, "run", _boom)
    with pytest.raises(ValueError, match="nobody expected"):
        main(["eval", "a", "b"])


def test_multi_line_error_messages_are_folded(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from align.errors import InputError

    def fail(args: object) -> int:
        raise InputError("x.csv: not a readable CSV file (error\n  at row 3\n)")

    import align.cli.eval_cmd as eval_cmd

    monkeypatch.setattr(eval_cmd, "run", fail)
    assert main(["eval", "a", "b"]) == 2
    assert capsys.readouterr().err == "dari: error: x.csv: not a readable CSV file (error at row 3 )\n"


def test_real_process_bad_input_and_closed_pipe(files: dict[str, Path]) -> None:
    """The installed entry point, as a user runs it: no traceback on a bad file, and none
    when the reader of stdout goes away early (``dari split big.txt | head -1``)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    env.pop("DARI_DEBUG", None)
    bad = subprocess.run(
        [sys.executable, "-m", "align", "split", str(files["binary.png"])],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert bad.returncode == 2
    assert bad.stderr.splitlines() == [
        f"dari: error: {files['binary.png']}: looks like a binary file, not text"
    ]
    big = files["root"] / "big.txt"
    try:
        big.write_text((SEED / "en.txt").read_text(encoding="utf-8") * 200, encoding="utf-8")
        piped = subprocess.run(
            f"{shutil.which('python') or sys.executable} -m align split --lang en --presplit {big} | head -1",
            shell=True, capture_output=True, text=True, env=env, timeout=60,
        )  # fmt: skip
    finally:
        big.unlink()
    assert piped.stdout.count("\n") == 1
    assert piped.stderr == ""


@pytest.mark.parametrize(
    ("argv", "expect"),
    [
        (
            ["align", "--threads", "abc", "a.txt", "b.txt"],
            "invalid int value: 'abc' (see 'dari align --help')",
        ),
        (["export", "x.dari.json"], "required: -o/--output"),
        (["check", "--format", "xml", "x"], "invalid choice: 'xml'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_are_one_line_too(
    capsys: pytest.CaptureFixture[str], argv: list[str], expect: str
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1, captured.err
    assert captured.err.startswith("dari: error: ")
    assert expect in captured.err


def test_output_through_a_pipe_or_symlink_keeps_the_node(files: dict[str, Path], tmp_path: Path) -> None:
    """``-o /dev/stdout`` once renamed a temporary file over /dev/stdout itself: special
    files are written through, symlinks followed. (A FIFO stands in for the device here.)"""
    import threading

    fifo = tmp_path / "pipe.tsv"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    try:
        assert main(["export", "-q", str(files["project.dari.json"]), "-o", str(fifo)]) == 0
    finally:
        reader.join(timeout=30)
    assert fifo.is_fifo()
    assert received and received[0].startswith(b"source\ttarget\t")

    real = tmp_path / "real.tsv"
    real.write_bytes(b"old")
    link = tmp_path / "link.tsv"
    link.symlink_to(real)
    assert main(["export", "-q", str(files["project.dari.json"]), "-o", str(link)]) == 0
    assert link.is_symlink()
    assert real.read_bytes() == received[0]


def test_ascii_locale_still_writes_utf8(files: dict[str, Path]) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C", "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [sys.executable, "-m", "align", "export", "-q", str(files["project.dari.json"]), "-o", "-", "--to", "tsv"],
        capture_output=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "호잘리".encode() in done.stdout


def test_review_with_a_binary_journal(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = tmp_path / "p.dari.json"
    shutil.copy(files["project.dari.json"], project)
    (tmp_path / "p.dari.json.journal").write_bytes(PNG + b"\n{}\n")
    assert main(["review", str(project)]) == 2
    assert capsys.readouterr().err.startswith("dari: error: ")


def test_unreadable_pair_in_a_directory_run_gets_one_stderr_line(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Many-pair runs list each unreadable pair in the report; stderr still says so in one line."""
    (tmp_path / "a.en").write_bytes(files["en.txt"].read_bytes())
    (tmp_path / "a.ko").write_bytes(files["binary.png"].read_bytes())
    (tmp_path / "b.en").write_bytes(files["en.txt"].read_bytes())
    (tmp_path / "b.ko").write_bytes(files["ko-cp949.txt"].read_bytes())
    assert main(["check", "-q", str(tmp_path), "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"dari: error: 1 of 2 pair(s) could not be checked: {tmp_path / 'a.ko'}: looks like a binary file, not text"
    ]
    assert json.loads(captured.out)  # the report itself is still complete and machine-readable


def test_impossible_export_date_is_refused(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["export", "-q", "@project.dari.json", "-o", "@x.tmx", "--date", "20261399T999999Z"]
    _fails_cleanly(argv, files, capsys, "is not a date")


def test_file_names_that_are_not_utf8(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Python hands such names over with surrogates, which no UTF-8 file or stdout can carry:
    they are written escaped (``\\udcff``) instead of ending the run with an internal error."""
    from align.project import load_project

    src = tmp_path / os.fsdecode(b"\xff-en.txt")
    src.write_bytes(files["en.txt"].read_bytes())
    out = tmp_path / "out.dari.json"
    assert main(["align", "-q", "--presplit", str(src), str(files["ko.txt"]), "-o", str(out)]) == 0
    assert "\\udcff-en.txt" in (load_project(out).source.path or "")
    assert main(["check", "-q", str(src), str(files["ko.txt"]), "--presplit", "--format", "json"]) in (0, 1)
    captured = capsys.readouterr()
    assert "udcff-en.txt" in captured.out
    assert captured.err == ""


@pytest.mark.parametrize(
    "template",
    [
        ["split", "/dev/zero"],
        ["align", "-q", "@en.txt", "/dev/urandom"],
        ["export", "-q", "/dev/zero", "-o", "@x.tmx"],
        ["eval", "@good.beads", "/dev/zero"],
    ],
)
def test_endless_binary_input_is_refused_at_once(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], template: list[str]
) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    _fails_cleanly(template, files, capsys, "binary")


@pytest.mark.parametrize(
    "argv",
    [
        ["split", "@en.txt"],
        ["export", "-q", "@project.dari.json", "-o", "-"],
        ["align", "-q", "--presplit", "@en.txt", "@ko.txt", "--format", "tsv"],
    ],
)
def test_full_disk_under_stdout(files: dict[str, Path], argv: list[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    env.pop("DARI_DEBUG", None)
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "align", *_argv(argv, files)],
            stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=120,
        )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["dari: error: No space left on device"]


def test_review_without_a_terminal_does_not_hang(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _fails_cleanly(["review", "@project.dari.json"], files, capsys, "interactive terminal")


def test_no_baseline_is_written_when_a_pair_could_not_be_read(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pairs = tmp_path / "pairs"
    pairs.mkdir()
    (pairs / "a.en").write_bytes(files["en.txt"].read_bytes())
    (pairs / "a.ko").write_bytes(b"")
    baseline = tmp_path / "baseline.json"
    assert main(["check", "-q", str(pairs), "--write-baseline", str(baseline)]) == 2
    line = capsys.readouterr().err.splitlines()
    assert line == [
        f"dari: error: no baseline written: 1 of 1 pair(s) could not be checked: {pairs / 'a.ko'}: file is empty"
    ]
    assert not baseline.exists()


def test_bilingual_file_with_a_language_it_does_not_hold(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _fails_cleanly(["align", "-q", "@bilingual.txt", "--tgt-lang", "ja"], files, capsys, "no kana")
    _fails_cleanly(["check", "-q", "@bilingual.txt", "--src-lang", "ru"], files, capsys, "no cyrillic")


def test_naming_one_side_of_a_bilingual_file_orders_both(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``--src-lang ko`` alone on an English-then-Korean file means ko -> en, not ko -> ko."""
    assert main(_argv(["align", "-q", "@bilingual.txt", "--src-lang", "ko", "--format", "tsv"], files)) == 0
    first = capsys.readouterr().out.splitlines()[1].split("\t")
    assert first[3].startswith("호잘리") and first[4].startswith("Action Plan")


@pytest.mark.parametrize(
    "template",
    [
        ["align", "-q", "--presplit", "@en.txt", "@ko.txt", "-o", "@result.tmx"],
        ["import", "-q", "@good.tmx", "-o", "@copy.tmx"],
        ["import", "-q", "@tm-cp949.tsv", "-o", "@copy.csv"],
    ],
)
def test_project_output_under_an_exchange_format_name(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], template: list[str]
) -> None:
    """A JSON project written as ``out.tmx`` would fool the next tool; say which command writes TMX."""
    _fails_cleanly(template, files, capsys, "dari export PROJECT -o")


@pytest.mark.parametrize(
    ("argv", "expect"),
    [
        (["align", "--batch-size", "0"], "batch size must be at least 1, got 0"),
        (["check", "--threads", "0"], "threads must be at least 1, got 0"),
        (["check", "--device", "cuda"], "the use encoder runs on the CPU only"),
    ],
)
def test_encoder_options_are_checked_by_align_and_check_alike(
    capsys: pytest.CaptureFixture[str], argv: list[str], expect: str
) -> None:
    """Both commands take the same encoder arguments (``align.cli.encoder_args``) and refuse
    bad values with the same one-line error."""
    assert main([*argv, str(SEED / "en.txt"), str(SEED / "ko.txt")]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1, captured.err
    assert expect in captured.err

"""What comes in is kept whole or refused in one line: entities, language codes, project files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.cli import main
from align.errors import InputError
from align.formats.tabular import read_table
from align.formats.tmx_reader import read_tmx
from align.formats.xliff_reader import read_xliff
from align.languages import is_language_tag
from align.model import Bitext
from align.project import bitext_from_json, dumps_project, load_project, project_chunks, save_project

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
SEED = REPO / "data" / "seed001"

ENTITY_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx [
<!ENTITY co "ACME">
<!ENTITY both "&co; &amp; partners">
<!ENTITY secret SYSTEM "file://{secret}">
]>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body><tu><tuv xml:lang="en"><seg>Before &co; after. &both;. &secret;</seg></tuv>
<tuv xml:lang="ko"><seg>앞에 &co; 뒤에.</seg></tuv></tu></body></tmx>
"""


def _one_line_error(capsys: pytest.CaptureFixture[str], code: int, expect: str) -> str:
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("dari: error: "), err
    assert expect in lines[0], lines[0]
    return lines[0]


def test_internal_entities_are_kept_and_external_ones_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    tmx = tmp_path / "ent.tmx"
    tmx.write_text(ENTITY_TMX.format(secret=secret), encoding="utf-8")
    bitext = read_tmx(tmx)
    assert bitext.source.segments[0].text == "Before ACME after. ACME & partners."
    assert bitext.target.segments[0].text == "앞에 ACME 뒤에."
    assert "SECRET" not in bitext.source.text
    warnings = bitext.meta["import_warnings"]
    assert len(warnings) == 1 and "'secret'" in warnings[0]
    out = tmp_path / "ent.dari.json"
    assert main(["import", "-q", str(tmx), "-o", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("dari: warning: ") and "entity 'secret'" in err[0]


def test_xliff_entities_are_kept(tmp_path: Path) -> None:
    golden = (GOLDEN / "seed001.xlf").read_text(encoding="utf-8")
    head, rest = golden.split("\n", 1)
    assert head.startswith("<?xml")
    doc = head + '\n<!DOCTYPE xliff [<!ENTITY co "ACME">]>\n' + rest.replace("Action Plan", "&co; Plan", 1)
    path = tmp_path / "ent.xlf"
    path.write_text(doc, encoding="utf-8")
    assert read_xliff(path).source.segments[0].text.startswith("ACME Plan")


def test_entity_expansion_bombs_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    levels = ['<!ENTITY a0 "' + "a" * 50 + '">'] + [
        f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">' for i in range(1, 9)
    ]
    path = tmp_path / "lol.tmx"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE tmx [{"".join(levels)}]><tmx version="1.4"><header srclang="en"/>'
        '<body><tu><tuv xml:lang="en"><seg>&a8;</seg></tuv><tuv xml:lang="ko"><seg>가</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    code = main(["import", "-q", str(path), "-o", str(tmp_path / "o.dari.json")])
    _one_line_error(capsys, code, "entities expand to far more text than the file holds")
    assert not (tmp_path / "o.dari.json").exists()


@pytest.mark.parametrize(
    "tag", ["en", "ko", "ko-KR", "zh-Hant-TW", "ko_KR", "EN-us", "sr-Latn", "x-private", "es-419"]
)
def test_language_tags_of_the_right_shape(tag: str) -> None:
    assert is_language_tag(tag)


@pytest.mark.parametrize(
    "tag", ["", "en\x01", "e", "en US", "en-", "-en", "k\u212a", "languagesx", "ko-KR-", "en-abcdefghi"]
)
def test_language_tags_of_the_wrong_shape(tag: str) -> None:
    assert not is_language_tag(tag)


@pytest.mark.parametrize(
    "argv",
    [
        ["align", "-q", "--src-lang", "en\x01", "@en", "@ko"],
        ["check", "-q", "--tgt-lang", "ko kr", "@en", "@ko"],
        ["import", "-q", "@tmx", "--src-lang", "en\x01", "-o", "@out"],
        ["export", "-q", "@project", "--tgt-lang-tag", "ko\x00", "-o", "@tmxout"],
    ],
)
def test_bad_language_codes_are_refused_at_the_door(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    files = {
        "@en": str(SEED / "en.txt"),
        "@ko": str(SEED / "ko.txt"),
        "@tmx": str(GOLDEN / "seed001.tmx"),
        "@project": str(GOLDEN / "seed001.dari.json"),
        "@out": str(tmp_path / "o.dari.json"),
        "@tmxout": str(tmp_path / "o.tmx"),
    }
    code = main([files.get(a, a) for a in argv])
    _one_line_error(capsys, code, "BCP-47")
    assert not list(tmp_path.iterdir())


def _golden() -> dict:
    return json.loads((GOLDEN / "seed001.dari.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("edit", "expect"),
    [
        ("p['version'] = 0", "version 0"),
        ("p['version'] = -5", "version -5"),
        ("p['version'] = '1'", 'version "1" is not an integer'),
        ("p['version'] = 1.0", "version 1.0 is not an integer"),
        ("del p['version']", "missing version"),
        ("p['source']['segments'][1][0] = 50", "overlaps"),
        ("p['source']['segments'][1][:2] = [415, 101]", "outside the text"),
        ("p['source']['segments'][2][2] = 10**9", "paragraph 1000000000"),
        ("p['source']['segments'][2][2] = -1", "paragraph -1"),
        ("p['target']['segments'][3][2] = 0", "out of order"),
        ("p['target']['lang'] = 'ko\\x01'", "BCP-47"),
    ],
)
def test_broken_projects_are_named_precisely(edit: str, expect: str) -> None:
    obj = _golden()
    exec(edit, {"p": obj})
    with pytest.raises(InputError, match="not a valid dari project file") as info:
        bitext_from_json(obj, "p.dari.json")
    assert expect in str(info.value)


def test_unknown_fields_survive_a_save(tmp_path: Path) -> None:
    obj = _golden()
    obj["x-reviewer"] = {"name": "Kim", "round": 2}
    obj["source"]["x-origin"] = ["cms", 7]
    path = tmp_path / "p.dari.json"
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    save_project(load_project(path), path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["x-reviewer"] == {"name": "Kim", "round": 2}
    assert saved["source"]["x-origin"] == ["cms", 7]
    assert saved["format"] == "dari-project"  # still first: file sniffing reads the head


_ODD_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), min_size=1, max_size=40
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_ODD_TEXT.filter(lambda t: t.strip() and "\n" not in t), min_size=1, max_size=5))
def test_streamed_project_is_byte_for_byte_dumps_project(lines: list[str]) -> None:
    from align.model import Bead, Document, segments_from_lines

    text, segments = segments_from_lines(lines)
    bitext = Bitext(
        Document("en", text, segments),
        Document("ko", text, segments),
        [Bead((i,), (i,), 0.5) for i in range(len(lines))],
        meta={"note": lines[0]},
    )
    assert b"".join(project_chunks(bitext)) == dumps_project(bitext).encode("utf-8", "backslashreplace")


def test_an_empty_project_goes_through_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    obj = _golden()
    for side in ("source", "target"):
        obj[side]["text"], obj[side]["segments"] = "", []
    obj["beads"], obj["findings"] = [], []
    path = tmp_path / "empty.dari.json"
    path.write_text(json.dumps(obj), encoding="utf-8")
    for argv in (
        ["check", "-q", str(path)],
        ["check", "-q", "--format", "json", str(path)],
        ["split", str(path)],
        ["export", "-q", str(path), "-o", str(tmp_path / "e.tmx")],
        ["export", "-q", str(path), "-o", str(tmp_path / "e.csv")],
        ["export", "-q", str(path), "-o", str(tmp_path / "e.xlf")],
    ):
        code = main(argv)
        err = capsys.readouterr().err
        assert code in (0, 2), (argv, err)
        assert "internal error" not in err and len(err.splitlines()) <= 1, err


async def test_split_in_an_empty_project_does_not_crash(tmp_path: Path) -> None:
    from tui.app import make_app

    obj = _golden()
    for side in ("source", "target"):
        obj[side]["text"], obj[side]["segments"] = "", []
    obj["beads"], obj["findings"] = [], []
    path = tmp_path / "empty.dari.json"
    path.write_text(json.dumps(obj), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("s", "m", "u", "c")
    assert app.bitext.beads == []


def test_tsv_cells_are_read_as_written(tmp_path: Path) -> None:
    """FLORES has Korean sentences that open with a quotation mark; TSV has no quoting."""
    path = tmp_path / "flores.tsv"
    path.write_text(
        'en\tko\n"Tonight," he said.\t"""북 캘리포니아 서해안 너머로""라고 말했다\n'
        'Plain "quoted" text.\t"따옴표\n',
        encoding="utf-8",
    )
    bitext = read_table(path, separator="\t", src_lang="en", tgt_lang="ko")
    assert bitext.source.texts == ['"Tonight," he said.', 'Plain "quoted" text.']
    assert bitext.target.texts == ['"""북 캘리포니아 서해안 너머로""라고 말했다', '"따옴표']


def test_a_broken_csv_is_one_line_naming_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.csv"
    path.write_text('en,ko\nfine,좋아\n"open quote,열린\n', encoding="utf-8")
    code = main(
        [
            "import",
            "-q",
            str(path),
            "--src-lang",
            "en",
            "--tgt-lang",
            "ko",
            "-o",
            str(tmp_path / "o.dari.json"),
        ]
    )
    line = _one_line_error(capsys, code, "bad.csv:")
    assert "malformed CSV" in line and "polars" not in line.lower() and "infer_schema" not in line


@pytest.mark.parametrize("depth", [1_500, 5_000])
def test_deeply_nested_segments_are_text_or_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], depth: int
) -> None:
    path = tmp_path / "deep.tmx"
    path.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>'
        + "<hi>" * depth
        + "deep text"
        + "</hi>" * depth
        + '<ph x="1">{b}</ph>.</seg></tuv><tuv xml:lang="ko"><seg>깊은 글.</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    out = tmp_path / "deep.dari.json"
    code = main(["import", "-q", str(path), "-o", str(out)])
    if code == 0:
        assert load_project(out).source.segments[0].text == "deep text."
        assert capsys.readouterr().err == ""
    else:
        line = _one_line_error(capsys, code, "nested too deep")
        assert "XML_PARSE_HUGE" not in line

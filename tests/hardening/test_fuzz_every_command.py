"""Fuzzing every command: random bytes, random Unicode, mutated projects, mutated TMX/XLIFF.

Whatever comes in, ``dari`` answers with exit 0 (1 for ``check`` with findings) or with one
``dari: error:`` line and exit 2: never a traceback, never ``internal error`` (exit 70),
never a change to an input file, and never more than ``TIME_LIMIT`` seconds per command.
The commands run in-process (as tests/cli/test_bad_inputs_everywhere.py does), so the
encoder is loaded once; the example counts keep the whole file around a minute or two on
two cores.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.cli import main
from align.errors import DariError

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
SEED = REPO / "data" / "seed001"
TIME_LIMIT = 60
"""Seconds one command may take on a small input, however odd (generous: CI machines are slow)."""


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


class _TooSlow(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def stop(_signum: int, _frame: object) -> None:
        raise _TooSlow(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_dari(argv: list[str], inputs: Path, allowed: tuple[int, ...] = (0, 2)) -> int:
    """Run one command; check the exit code, the one-line error, and that ``inputs`` is untouched."""
    before = _snapshot(inputs)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _time_limit(TIME_LIMIT):
        code = main(argv)
    text = err.getvalue()
    assert code in allowed, (argv, code, text)
    assert "Traceback" not in text + out.getvalue(), (argv, text)
    assert "internal error" not in text, (argv, text)
    if code == 2:
        lines = text.splitlines()
        assert lines and lines[-1].startswith("dari: error: "), (argv, text)
        assert all(line.startswith("dari: ") for line in lines), (argv, text)  # warnings, then the error
        assert sum(line.startswith("dari: error: ") for line in lines) == 1, (argv, text)
    assert _snapshot(inputs) == before, (argv, "an input file was changed")
    return code


def _text_commands(path: Path, outs: Path) -> list[tuple[list[str], tuple[int, ...]]]:
    ko, en = str(SEED / "ko.txt"), str(SEED / "en.txt")
    p = str(path)
    return [
        (["split", p], (0, 2)),
        (["align", "-q", p, ko], (0, 2)),
        (["align", "-q", en, p, "--format", "beads"], (0, 2)),
        (["align", "-q", p], (0, 2)),
        (["align", "-q", "--presplit", p, ko, "-o", str(outs / "a.dari.json")], (0, 2)),
        (["check", "-q", p, ko], (0, 1, 2)),
        (["check", "-q", "--format", "json", p], (0, 1, 2)),
        (["import", "-q", p, "--from", "tsv", "--src-lang", "en", "--tgt-lang", "ko", "-o", str(outs / "t.dari.json")], (0, 2)),
        (["import", "-q", p, "--from", "csv", "-o", str(outs / "c.dari.json")], (0, 2)),
        (["import", "-q", p, "--from", "tmx", "-o", str(outs / "x.dari.json")], (0, 2)),
        (["import", "-q", p, "--from", "beads", "--src", en, "--tgt", ko, "-o", str(outs / "b.dari.json")], (0, 2)),
        (["export", "-q", p, "-o", str(outs / "e.tmx")], (0, 2)),
        (["eval", str(GOLDEN / "seed001.beads"), p], (0, 2)),
    ]  # fmt: skip


def _option_file_commands(path: Path) -> list[tuple[list[str], tuple[int, ...]]]:
    """The files options name: configuration, glossary, baseline, manifest."""
    ko, en, p = str(SEED / "ko.txt"), str(SEED / "en.txt"), str(path)
    return [
        (["check", "-q", "--config", p, en, ko], (0, 1, 2)),
        (["check", "-q", "--glossary", p, en, ko], (0, 1, 2)),
        (["check", "-q", "--baseline", p, en, ko], (0, 1, 2)),
        (["check", "-q", "--manifest", p], (0, 1, 2)),
    ]


def _run_text_commands(data: bytes, *, option_files: bool = False) -> None:
    with tempfile.TemporaryDirectory(prefix="dari-fuzz-") as tmp:
        inputs, outs = Path(tmp) / "in", Path(tmp) / "out"
        inputs.mkdir()
        outs.mkdir()
        path = inputs / "input.txt"
        path.write_bytes(data)
        commands = _text_commands(path, outs) + (_option_file_commands(path) if option_files else [])
        for argv, allowed in commands:
            run_dari(argv, inputs, allowed)


@fuzz(20)
@given(st.binary(max_size=600))
def test_random_bytes_through_every_command(data: bytes) -> None:
    _run_text_commands(data, option_files=True)


# every script, combining marks, controls, formats and private use; sentence punctuation and
# line breaks mixed in so that the splitters and aligners see sentences and paragraphs
_ANY_CHARACTER = st.characters(exclude_categories=("Cs",))
_PUNCTUATION = st.sampled_from([". ", "? ", "! ", "。", "\n", "\n\n", " ", "\t", "\u0301", "\u200b", "\r\n"])
_UNICODE_TEXT = st.lists(
    st.one_of(st.text(_ANY_CHARACTER, min_size=1, max_size=12), _PUNCTUATION), max_size=40
).map("".join)


@fuzz(30)
@given(_UNICODE_TEXT, st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_random_unicode_through_every_command(text: str, encoding: str) -> None:
    _run_text_commands(text.encode(encoding, "surrogatepass"), option_files=True)


@fuzz(10)
@given(_UNICODE_TEXT)
def test_random_unicode_beside_real_text_aligns(text: str) -> None:
    """Odd characters inside an otherwise real bilingual text: still aligned or refused cleanly."""
    seed = (SEED / "en.txt").read_text(encoding="utf-8")
    cut = len(seed) // 2
    _run_text_commands((seed[:cut] + text + seed[cut:]).encode("utf-8"))


# --- project JSON mutations ------------------------------------------------------------

_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def _paths(obj: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(obj, list):
        for i, value in enumerate(obj[:4]):  # the first few items of long lists are enough
            yield from _paths(value, (*prefix, i))


def _mutate(obj: Any, rng: random.Random, value: Any) -> Any:
    """One random change: a value replaced, a key or item removed, an item duplicated, or a
    number nudged (offsets one off, a version of 0, a paragraph far away)."""
    paths = [p for p in _paths(obj) if p]
    path = rng.choice(paths)
    parent = obj
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    kind = rng.randrange(4)
    if kind == 0:
        parent[last] = value
    elif kind == 1:
        del parent[last]
    elif kind == 2 and isinstance(parent, list):
        parent.insert(last, json.loads(json.dumps(parent[last])))
    else:
        current = parent[last]
        if isinstance(current, int) and not isinstance(current, bool):
            parent[last] = current + rng.choice([-1, 1, -(10**6), 10**9])
        else:
            parent[last] = value
    return obj


_PROJECT = json.loads((GOLDEN / "seed001.dari.json").read_text(encoding="utf-8"))


@fuzz(150)
@given(st.randoms(use_true_random=False), st.lists(_JSON_VALUES, min_size=1, max_size=3))
def test_mutated_projects_through_every_command(rng: random.Random, values: list[Any]) -> None:
    obj = json.loads(json.dumps(_PROJECT))
    for value in values:
        obj = _mutate(obj, rng, value)
    with tempfile.TemporaryDirectory(prefix="dari-fuzz-") as tmp:
        inputs, outs = Path(tmp) / "in", Path(tmp) / "out"
        inputs.mkdir()
        outs.mkdir()
        path = inputs / "p.dari.json"
        path.write_text(json.dumps(obj, ensure_ascii=rng.random() < 0.5), encoding="utf-8")
        p = str(path)
        for argv, allowed in (
            (["export", "-q", p, "-o", str(outs / "e.tmx")], (0, 2)),
            (["export", "-q", p, "-o", str(outs / "e.xlf")], (0, 2)),
            (["export", "-q", p, "-o", str(outs / "e.tsv"), "--include-unpaired"], (0, 2)),
            (["export", "-q", p, "-o", str(outs / "e.beads")], (0, 2)),
            (["check", "-q", "--format", "sarif", p], (0, 1, 2)),
            (["check", "-q", p], (0, 1, 2)),
            (["split", p], (0, 2)),
            (["align", "-q", "--format", "beads", p], (0, 2)),
        ):
            run_dari(argv, inputs, allowed)
        _review_loads_or_refuses(path)
        exported = outs / "e.tmx"
        if exported.exists():  # what dari wrote, dari reads back
            run_dari(["import", "-q", str(exported), "-o", str(outs / "back.dari.json")], inputs)


def _review_loads_or_refuses(path: Path) -> None:
    """``dari review`` opens the project through ``make_app``: a DariError or an app."""
    from tui.app import make_app

    with _time_limit(TIME_LIMIT), contextlib.suppress(DariError):
        make_app(path)


# --- XML mutations of the golden TMX and XLIFF -------------------------------------------

_XML_SNIPPETS = [
    "&amp;", "&lt;", "&#0;", "&#x1F600;", "&#xD800;", "&undefined;", "<", ">", "]]>", "<![CDATA[x]]>",
    '<!DOCTYPE tmx [<!ENTITY e "ACME">]>', "&e;", '<ph x="1"/>', "<hi>", "</seg>", "</tu>",
    "<tuv xml:lang='ko\x01'>", 'xml:lang="en"', 'srcLang=""', "\x00", "\x1b", "\ufeff", "\u202e",
    "<?xml version='1.1'?>", "<!-- -->", "<?pi x?>", "\u0301", "가", "\n",
]  # fmt: skip


def _xml_mutation(text: str, rng: random.Random, snippet: str) -> str:
    at = rng.randrange(len(text) + 1)
    kind = rng.randrange(5)
    if kind == 0:
        return text[:at] + snippet + text[at:]
    if kind == 1:
        end = min(len(text), at + rng.randrange(1, 80))
        return text[:at] + text[end:]
    if kind == 2:
        end = min(len(text), at + rng.randrange(1, 200))
        return text[:end] + text[at:end] + text[end:]
    if kind == 3:
        return text[:at]  # truncated
    return text.replace('xml:lang="ko"', f'xml:lang="{snippet}"', 1).replace(
        'trgLang="ko"', f'trgLang="{snippet}"', 1
    )


@fuzz(80)
@given(
    st.sampled_from(["seed001.tmx", "seed001.unpaired-kr.tmx", "seed001.xlf"]),
    st.randoms(use_true_random=False),
    st.lists(st.sampled_from(_XML_SNIPPETS) | st.text(max_size=6), min_size=1, max_size=4),
)
def test_mutated_tmx_and_xliff_import(name: str, rng: random.Random, snippets: list[str]) -> None:
    text = (GOLDEN / name).read_text(encoding="utf-8")
    for snippet in snippets:
        text = _xml_mutation(text, rng, snippet)
    with tempfile.TemporaryDirectory(prefix="dari-fuzz-") as tmp:
        inputs, outs = Path(tmp) / "in", Path(tmp) / "out"
        inputs.mkdir()
        outs.mkdir()
        path = inputs / name
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        project = outs / "p.dari.json"
        code = run_dari(["import", "-q", str(path), "-o", str(project)], inputs)
        if code == 0:  # what was imported goes on through the other commands
            assert project.exists()
            later = Path(tmp) / "later"
            later.mkdir()
            for argv, allowed in (
                (["export", "-q", str(project), "-o", str(later / "again.tmx")], (0, 2)),
                (["export", "-q", str(project), "-o", str(later / "again.xlf")], (0, 2)),
                (["check", "-q", str(project)], (0, 1, 2)),
            ):
                run_dari(argv, outs, allowed)
            again = later / "again.tmx"
            if again.exists():  # what dari wrote, dari reads back
                run_dari(["import", "-q", str(again), "-o", str(outs / "back.dari.json")], later, (0,))
        else:
            assert not project.exists()

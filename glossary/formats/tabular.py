"""Glossaries as CSV and TSV tables: what translators keep in spreadsheets and what dari writes.

Written with the columns ``source, target, kind, score, count, status, example_source,
example_target``, one entry per row in the order given (best first), the first example only.
CSV uses standard quoting (UTF-8; ``excel=True`` adds the byte-order mark Excel needs to read
UTF-8); a line break inside a cell reads back as ``\n``, since every text file dari reads has
its carriage returns normalised. TSV is never quoted: a tab, newline, carriage return or backslash inside a cell is
written ``\\t``, ``\\n``, ``\\r``, ``\\\\``, so every row is one line any tool can cut.

Read leniently, since people make these files by hand and other tools export them:

* the header is optional; without one the first two columns are source and target and the
  rest is ignored; with one, columns are found by name (``source``/``term``,
  ``target``/``translation``, ``status``, ...) and unknown columns are ignored. A header of
  language codes (``en,ko``) names the two columns' languages, and the columns are swapped
  when the text runs the other way;
* rows without a status are **approved**: a list a person made is the list they agreed to;
  rows with a status keep it (dari's words and other tools', ``TermStatus.parse``);
* ``#`` lines are comments, except after the header of a file in dari's own layout (where a
  term may start with ``#``); the TSV escapes are undone only in dari's layout, so a
  hand-made TSV holding ``C:\\temp`` keeps its backslash;
* the delimiter of a ``.csv`` is guessed from its first line (comma, semicolon or tab).

Every problem is one ``InputError`` naming the file and line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from align.errors import InputError
from align.model import TermEntry, TermExample, TermStatus
from align.reading import read_text
from glossary.formats.values import (
    UNKNOWN_BEAD,
    format_score,
    parse_count,
    parse_kind,
    parse_score,
    parse_status,
    same_language,
)

COLUMNS = ("source", "target", "kind", "score", "count", "status", "example_source", "example_target")

_ALIASES = {
    "source": "source",
    "src": "source",
    "term": "source",
    "source term": "source",
    "target": "target",
    "tgt": "target",
    "translation": "target",
    "translations": "target",
    "target term": "target",
    "kind": "kind",
    "type": "kind",
    "score": "score",
    "confidence": "score",
    "count": "count",
    "frequency": "count",
    "freq": "count",
    "occurrences": "count",
    "status": "status",
    "example source": "example_source",
    "source example": "example_source",
    "example target": "example_target",
    "target example": "example_target",
    "note": "note",
    "notes": "note",
    "comment": "note",
}

_LANGUAGE_NAMES = {
    "english": "en",
    "korean": "ko",
    "japanese": "ja",
    "chinese": "zh",
    "german": "de",
    "french": "fr",
    "spanish": "es",
    "russian": "ru",
    "italian": "it",
    "portuguese": "pt",
    "azerbaijani": "az",
}
# Language subtags a header row may use: ISO 639-1 codes in use for software and documents.
_LANGUAGE_CODES = frozenset(
    re.findall(
        "[a-z]+",
        "af am ar az be bg bn bs ca cs cy da de el en es et eu fa fi fr ga gl gu he hi hr hu hy id is it "
        "ja ka kk km kn ko ky lo lt lv mk ml mn mr ms mt my nb ne nl nn no pa pl ps pt ro ru si sk sl sq "
        "sr sv sw ta te th tl tr uk ur uz vi zh zu",
    )
)
_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*")

_CSV_SPECIAL = frozenset(',"\r\n')
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_ESCAPE = re.compile(r"[\\\t\n\r]")
_TSV_UNESCAPE = re.compile(r"\\([\\tnr])")
_TSV_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def _cells(entry: TermEntry) -> list[str]:
    example = entry.examples[0] if entry.examples else None
    return [
        entry.source,
        entry.target,
        entry.kind.value,
        format_score(entry.score),
        str(entry.count),
        entry.status.value,
        example.source if example else "",
        example.target if example else "",
    ]


CHUNK = 2000
"""Rows per chunk the writers yield."""


def _csv_cell(text: str) -> str:
    """Standard CSV quoting, also for a lone carriage return (Python's writer, ending rows
    with ``\n``, leaves a cell holding ``\r`` unquoted, and a reader then breaks the row)."""
    if any(c in text for c in _CSV_SPECIAL):
        return '"' + text.replace('"', '""') + '"'
    return text


def _iter_csv(entries: Sequence[TermEntry], excel: bool) -> Iterator[str]:
    yield ("\ufeff" if excel else "") + ",".join(COLUMNS) + "\n"
    for start in range(0, len(entries), CHUNK):
        yield "".join(
            ",".join(_csv_cell(c) for c in _cells(e)) + "\n" for e in entries[start : start + CHUNK]
        )


def _tsv_cell(text: str) -> str:
    return _TSV_ESCAPE.sub(lambda m: _TSV_ESCAPES[m.group()], text)


def _iter_tsv(entries: Sequence[TermEntry], excel: bool) -> Iterator[str]:
    yield ("\ufeff" if excel else "") + "\t".join(COLUMNS) + "\n"
    for start in range(0, len(entries), CHUNK):
        yield "".join(
            "\t".join(_tsv_cell(c) for c in _cells(e)) + "\n" for e in entries[start : start + CHUNK]
        )


def dumps_csv(entries: Sequence[TermEntry], *, excel: bool = False) -> str:
    return "".join(_iter_csv(entries, excel))


def dumps_tsv(entries: Sequence[TermEntry], *, excel: bool = False) -> str:
    return "".join(_iter_tsv(entries, excel))


def write_csv(
    entries: Sequence[TermEntry], *, src_lang: str, tgt_lang: str, excel: bool = False
) -> Iterator[str]:
    """The registry's writer, in chunks (a table needs no languages: its columns say which
    side is which)."""
    return _iter_csv(entries, excel)


def write_tsv(
    entries: Sequence[TermEntry], *, src_lang: str, tgt_lang: str, excel: bool = False
) -> Iterator[str]:
    return _iter_tsv(entries, excel)


def _language(cell: str) -> str | None:
    """The language a header cell names (``en``, ``ko-KR``, ``Korean``), else None."""
    text = cell.strip()
    named = _LANGUAGE_NAMES.get(text.lower())
    if named:
        return named
    match = _TAG.fullmatch(text)
    if match and match.group(1).lower() in _LANGUAGE_CODES:
        return text
    return None


def _field(cell: str) -> str | None:
    return _ALIASES.get(" ".join(cell.strip().lower().replace("_", " ").replace("-", " ").split()))


class _Layout:
    """What the first row says about the table: its columns, languages and dialect."""

    def __init__(self, first: list[str]) -> None:
        fields = [_field(c) for c in first]
        langs = [_language(c) for c in first[:2]]
        self.columns: dict[str, int] = {"source": 0, "target": 1}
        self.languages: tuple[str, str] | None = None
        self.header = False
        if "source" in fields and "target" in fields:
            self.header = True
            self.columns = {}
            for index, name in enumerate(fields):
                if name is not None and name not in self.columns:
                    self.columns[name] = index
        elif len(first) >= 2 and langs[0] and langs[1] and not same_language(langs[0], langs[1]):
            self.header = True
            self.languages = (langs[0], langs[1])
        self.dari = self.header and sum(1 for name in COLUMNS if name in self.columns) >= 4


def _first_row(text: str, delimiter: str) -> list[str]:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return next(csv.reader([line], delimiter=delimiter), [])
    return []


def _guess_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip() and not line.startswith("#")), "")
    if "\t" in first:
        return "\t"
    return ";" if first.count(";") > first.count(",") else ","


def parse_table(
    text: str,
    name: str = "glossary",
    *,
    delimiter: str | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> list[TermEntry]:
    """Entries of a CSV/TSV glossary's text (see the module docstring for the rules)."""
    text = text.removeprefix("\ufeff")
    delimiter = delimiter or _guess_delimiter(text)
    layout = _Layout(_first_row(text, delimiter))
    plain = delimiter == "\t" and layout.dari
    reader = csv.reader(
        io.StringIO(text), delimiter=delimiter, quoting=csv.QUOTE_NONE if plain else csv.QUOTE_MINIMAL
    )
    swap = _orientation(layout, name, src_lang, tgt_lang)
    entries: list[TermEntry] = []
    seen_header = False
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"{name}:{reader.line_num}: {exc}") from None
        number, line = line, reader.line_num + 1
        cells = [_TSV_UNESCAPE.sub(lambda m: _TSV_UNESCAPES[m.group(1)], c) if plain else c for c in row]
        if not any(c.strip() for c in cells):
            continue
        comment = cells[0].lstrip().startswith("#")
        if comment and not (layout.dari and seen_header):
            continue
        if layout.header and not seen_header:
            seen_header = True
            continue
        entries.append(_entry(cells, layout, swap, f"{name}:{number}"))
    if not entries:
        raise InputError(f"{name}: the glossary has no entries")
    return entries


def _orientation(layout: _Layout, name: str, src_lang: str | None, tgt_lang: str | None) -> bool:
    """Whether the two term columns must be swapped for a text in ``src_lang → tgt_lang``."""
    if layout.languages is None:
        return False
    first, second = layout.languages
    if (src_lang and same_language(first, src_lang)) or (tgt_lang and same_language(second, tgt_lang)):
        return False
    if (src_lang and same_language(second, src_lang)) or (tgt_lang and same_language(first, tgt_lang)):
        return True
    if src_lang or tgt_lang:
        wanted = f"{src_lang or '?'}→{tgt_lang or '?'}"
        raise InputError(f"{name}: the glossary's columns are {first} and {second}; the text is {wanted}")
    return False


def _entry(cells: list[str], layout: _Layout, swap: bool, where: str) -> TermEntry:
    def cell(field: str) -> str:
        index = layout.columns.get(field)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    source, target = cell("source"), cell("target")
    if swap:
        source, target = target, source
    if not source or not target:
        shown = ", ".join(repr(c) for c in cells[:4])
        raise InputError(f"{where}: expected a source and a target term, got {shown}")
    try:
        kind = parse_kind(cell("kind"))
        score = parse_score(cell("score"))
        count = parse_count(cell("count"))
        status = parse_status(cell("status"), TermStatus.APPROVED)
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    example_source, example_target = cell("example_source"), cell("example_target")
    if swap:
        example_source, example_target = example_target, example_source
    examples = (
        [TermExample(UNKNOWN_BEAD, example_source, example_target)]
        if example_source or example_target
        else []
    )
    return TermEntry(
        source=source,
        target=target,
        count=count,
        status=status,
        note=cell("note"),
        kind=kind,
        score=score,
        examples=examples,
    )


def read_csv(path: Path, src_lang: str | None = None, tgt_lang: str | None = None) -> list[TermEntry]:
    return parse_table(read_text(path).text, str(path), src_lang=src_lang, tgt_lang=tgt_lang)


def read_tsv(path: Path, src_lang: str | None = None, tgt_lang: str | None = None) -> list[TermEntry]:
    return parse_table(read_text(path).text, str(path), delimiter="\t", src_lang=src_lang, tgt_lang=tgt_lang)

"""CSV and TSV: one row per bead, for spreadsheets and scripts.

Columns: ``source, target, bead_type, score, status, source_ids, target_ids``. Ids are
space-separated sentence numbers (``3 4``), not comma-separated, so that no spreadsheet
locale reads them as a decimal number.

CSV is RFC 4180: fields that hold a comma, a quote or a newline are quoted (written with
polars, read with the ``csv`` module, whose errors carry a line number). TSV has no quoting:
a cell is everything between two tabs, quotes included, so a tab-separated file from
``paste``, a database or another tool imports exactly as written (FLORES has Korean
sentences that start with a quotation mark). The price is on export: a tab or a line break
inside a sentence (wrapped text) becomes a space, the only way a TSV cell can hold it.

Reading takes any file with two text columns: ``--columns`` names them (or gives 1-based
positions), else ``source``/``target`` when present, else the first two. ``score`` and
``status`` columns are used when present, and ``bead_type`` tells a 1-0/0-1 row from a
pair with an empty sentence. Sentence boundaries inside an m-n bead are not
kept in a table: such a bead comes back as one sentence per side.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from align.errors import InputError, UsageError
from align.formats.imported import ImportedUnit, bitext_from_units, parse_score, parse_status, pick_languages
from align.formats.selection import DEFAULT_OPTIONS, ExportOptions, ExportUnit, export_units
from align.model import BeadStatus, Bitext

if TYPE_CHECKING:
    import polars as pl

    from align.formats.registry import ImportOptions

COLUMNS = ("source", "target", "bead_type", "score", "status", "source_ids", "target_ids")


CHUNK_ROWS = 10_000
"""Rows per polars frame: keeps a 100,000-bead export's memory flat and the output streamed."""


def _frame(units: list[ExportUnit]) -> pl.DataFrame:
    import polars as pl

    rows: dict[str, list[object]] = {name: [] for name in COLUMNS}
    for unit in units:
        bead = unit.bead
        rows["source"].append(unit.source)
        rows["target"].append(unit.target)
        rows["bead_type"].append(bead.kind)
        rows["score"].append(bead.score)
        rows["status"].append(bead.status.value)
        rows["source_ids"].append(" ".join(map(str, bead.src)))
        rows["target_ids"].append(" ".join(map(str, bead.tgt)))
    schema = {name: pl.String for name in COLUMNS} | {"score": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


_TSV_BREAKS = re.compile(r"[\t\r\n]")


def _tsv_rows(units: list[ExportUnit]) -> str:
    lines = []
    for unit in units:
        bead = unit.bead
        cells = (
            _TSV_BREAKS.sub(" ", unit.source),
            _TSV_BREAKS.sub(" ", unit.target),
            bead.kind,
            f"{bead.score:.4f}",
            bead.status.value,
            " ".join(map(str, bead.src)),
            " ".join(map(str, bead.tgt)),
        )
        lines.append("\t".join(cells) + "\n")
    return "".join(lines)


def iter_table(bitext: Bitext, options: ExportOptions, separator: str) -> Iterator[str]:
    """The table in chunks of ``CHUNK_ROWS`` rows; the header comes with the first chunk."""
    units = export_units(bitext, options)
    first = True
    while True:
        batch = list(islice(units, CHUNK_ROWS))
        if not batch and not first:
            return
        if separator == "\t":
            yield ("\t".join(COLUMNS) + "\n" if first else "") + _tsv_rows(batch)
            first = False
            continue
        yield _frame(batch).write_csv(
            separator=separator,
            float_precision=4,
            line_terminator="\n",
            quote_style="necessary",
            include_header=first,
        )
        first = False


def dumps_csv(bitext: Bitext, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    return "".join(iter_table(bitext, options, ","))


def dumps_tsv(bitext: Bitext, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    return "".join(iter_table(bitext, options, "\t"))


def _pick(header: list[str], columns: str | None, name: str) -> tuple[str, str]:
    if columns:
        wanted = [c.strip() for c in columns.split(",")]
        if len(wanted) != 2:
            raise UsageError(f"--columns needs two columns, e.g. 'src,tgt' or '1,2'; got {columns!r}")
        picked: list[str] = []
        for w in wanted:
            if w in header:
                picked.append(w)
            elif w.isdigit() and 1 <= int(w) <= len(header):
                picked.append(header[int(w) - 1])
            else:
                raise UsageError(f"{name}: no column {w!r} (columns: {', '.join(header)})")
        return picked[0], picked[1]
    if "source" in header and "target" in header:
        return "source", "target"
    if len(header) < 2:
        raise InputError(f"{name}: needs at least two columns, found {len(header)}")
    return header[0], header[1]


def _sides(kind: str | None, src: str | None, tgt: str | None) -> tuple[bool, bool]:
    """Which sides a row has: from its ``bead_type`` (so an empty 1-1 sentence stays 1-1),
    else from which cells hold text."""
    if kind:
        parts = kind.split("-")
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            return int(parts[0]) > 0, int(parts[1]) > 0
    return bool(src), bool(tgt)


def _csv_rows(text: str, name: str) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        yield from reader
    except csv.Error:
        raise InputError(
            f"{name}:{reader.line_num}: malformed CSV (a quoted field is not closed properly: a "
            'field that starts with " must end with ", with "" for each quote inside; '
            "a tab-separated file should be named .tsv or read with --from tsv)"
        ) from None


def _tsv_rows_in(text: str) -> Iterator[list[str]]:
    for line in text.split("\n"):
        yield line.removesuffix("\r").split("\t")


def _table(rows: Iterator[list[str]], has_header: bool, name: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows, blank lines left out and short rows padded with empty cells."""
    header: list[str] | None = None
    body: list[list[str]] = []
    for row in rows:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if header is None and has_header:
            header = [cell.strip() for cell in row]
            continue
        body.append(row)
    if header is None:
        width = max((len(r) for r in body), default=0)
        header = [f"column_{i + 1}" for i in range(width)]
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise InputError(f"{name}: column {column!r} appears twice in the header")
        seen.add(column)
    return header, body


def read_table(
    path: str | Path,
    *,
    separator: str,
    src_lang: str | None,
    tgt_lang: str | None,
    columns: str | None = None,
    has_header: bool = True,
) -> Bitext:
    from align.formats.xml_input import read_bytes
    from align.reading import decode_bytes

    name = str(path)
    # Spreadsheets save CSV as UTF-16 or CP949 as often as UTF-8: decode like any text input
    # (binary files refused there).
    text = decode_bytes(read_bytes(path, "CSV/TSV"), name, normalize_newlines=False).text
    rows = _tsv_rows_in(text) if separator == "\t" else _csv_rows(text, name)
    header, body = _table(rows, has_header, name)
    src_col, tgt_col = _pick(header, columns, name)
    index = {column: i for i, column in enumerate(header)}

    def cell(row: list[str], column: str) -> str | None:
        i = index.get(column)
        return row[i] if i is not None and i < len(row) else None

    units: list[ImportedUnit] = []
    for k, row in enumerate(body):
        where = f"{name}: row {k + 1}"
        src, tgt = cell(row, src_col), cell(row, tgt_col)
        has_src, has_tgt = _sides(cell(row, "bead_type"), src, tgt)
        units.append(
            ImportedUnit(
                source=[src or ""] if has_src else [],
                target=[tgt or ""] if has_tgt else [],
                score=parse_score(cell(row, "score"), 1.0, where),
                status=parse_status(cell(row, "status"), BeadStatus.CONFIRMED, where),
            )
        )
    src_lang, tgt_lang = pick_languages(
        src_lang,
        tgt_lang,
        [u.source[0] for u in units if u.source],
        [u.target[0] for u in units if u.target],
        name,
    )
    return bitext_from_units(
        units,
        source_lang=src_lang,
        target_lang=tgt_lang,
        name=name,
        fmt="tsv" if separator == "\t" else "csv",
    )


def iter_csv(bitext: Bitext, options: ExportOptions) -> Iterator[str]:
    """The registry's ``csv`` writer."""
    return iter_table(bitext, options, ",")


def iter_tsv(bitext: Bitext, options: ExportOptions) -> Iterator[str]:
    """The registry's ``tsv`` writer."""
    return iter_table(bitext, options, "\t")


def _import_table(path: Path, options: ImportOptions, separator: str) -> Bitext:
    return read_table(
        path,
        separator=separator,
        src_lang=options.src_lang,
        tgt_lang=options.tgt_lang,
        columns=options.columns,
        has_header=options.has_header,
    )


def import_csv(path: Path, options: ImportOptions) -> Bitext:
    """The registry's ``csv`` reader."""
    return _import_table(path, options, ",")


def import_tsv(path: Path, options: ImportOptions) -> Bitext:
    """The registry's ``tsv`` reader."""
    return _import_table(path, options, "\t")

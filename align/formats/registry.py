"""Exchange formats by name: the CLI and the TUI look writers and readers up here.

A writer turns a ``Bitext`` into the file's text; a reader turns a file into a ``Bitext``.
Formats are chosen by name (``--to tmx``) or by file suffix. Each module is imported only
when its format is used, so ``import align.formats.registry`` stays cheap (polars and
lxml load on demand).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.errors import UsageError
from align.formats.selection import DEFAULT_OPTIONS, ExportOptions
from align.model import Bitext
from align.registry import Entry, Registry

Writer = Callable[[Bitext, ExportOptions], Iterator[str]]
"""Yields the file's text in chunks (one chunk for small formats), for streaming writes.
A ``binary`` format's writer yields bytes instead (a zipped workbook has no text form)."""


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What a reader may need besides the file; each reader uses the fields it understands."""

    src_lang: str | None = None
    tgt_lang: str | None = None
    columns: str | None = None
    has_header: bool = True
    src_path: str | None = None
    tgt_path: str | None = None


Reader = Callable[[Path, ImportOptions], Bitext]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    description: str
    writer: str | None
    """``module:function`` of the writer, imported on use."""
    reader: str | None
    binary: bool = False
    """writes bytes, not text: no stdout, no ``write`` string"""

    def write(self, bitext: Bitext, options: ExportOptions = DEFAULT_OPTIONS) -> str:
        """The whole file as one string (tests, previews)."""
        if self.binary:
            raise UsageError(f"{self.name} is a binary format; write it to a file")
        return "".join(self.write_chunks(bitext, options))

    def write_chunks(self, bitext: Bitext, options: ExportOptions = DEFAULT_OPTIONS) -> Iterator[str]:
        """The file in pieces: what ``dari export`` streams to disk or stdout."""
        if self.writer is None:
            raise UsageError(f"dari cannot write {self.name} files")
        func: Writer = _load(self.writer)
        return func(bitext, options)

    def read(self, path: Path, options: ImportOptions | None = None) -> Bitext:
        if self.reader is None:
            raise UsageError(f"dari cannot import {self.name} files")
        func: Reader = _load(self.reader)
        return func(path, options or ImportOptions())


def _load(ref: str) -> Any:
    return Entry(ref, ref).load()


FORMATS: Registry[Format] = Registry("format")
"""Every exchange format by name; ``--to``/``--from`` choices and suffix lookup come from here."""
for _format in (
    Format("tmx", (".tmx",), "TMX 1.4b translation memory",
           "align.formats.tmx_writer:iter_tmx", "align.formats.tmx_reader:import_tmx"),
    Format("csv", (".csv",), "comma-separated table",
           "align.formats.tabular:iter_csv", "align.formats.tabular:import_csv"),
    Format("tsv", (".tsv", ".tab"), "tab-separated table",
           "align.formats.tabular:iter_tsv", "align.formats.tabular:import_tsv"),
    Format("xliff", (".xlf", ".xliff"), "XLIFF 2.1 bilingual file",
           "align.formats.xliff_writer:iter_xliff", "align.formats.xliff_reader:import_xliff"),
    Format("beads", (".beads", ".align"), "bead file ([src]:[tgt] per line)",
           "align.formats.beads:iter_beads", "align.formats.bead_import:import_beads"),
    Format("xlsx", (".xlsx",), "Excel review workbook (one row per bead, findings beside; dari[excel])",
           "align.formats.xlsx_writer:iter_xlsx", "align.formats.xlsx_reader:import_xlsx", binary=True),
):  # fmt: skip
    FORMATS.register(_format.name, _format.description, suffixes=_format.suffixes)(_format)


def format_names() -> list[str]:
    return FORMATS.names()


def get_format(name: str) -> Format:
    return FORMATS.load(name.lower())


def format_for_path(path: str | Path, given: str | None = None) -> Format:
    """The format named by ``given``, else the one the file's suffix implies."""
    if given:
        return get_format(given)
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    raise UsageError(
        f"cannot tell the format of {str(path)!r} from its suffix; give --to/--from ({FORMATS.known()})"
    )


def export_file(
    bitext: Bitext, path: str | Path, fmt: str | None = None, options: ExportOptions = DEFAULT_OPTIONS
) -> Format:
    """Write ``bitext`` to ``path`` atomically, streaming; the format is ``fmt`` or the
    suffix's. The one call the CLI and the TUI share; returns the format used."""
    from align.atomic import write_chunks_atomic

    chosen = format_for_path(path, fmt)
    chunks: Iterator[Any] = chosen.write_chunks(bitext, options)
    write_chunks_atomic(path, (c if isinstance(c, bytes) else c.encode("utf-8") for c in chunks))
    return chosen


def import_file(path: str | Path, fmt: str | None = None, options: ImportOptions | None = None) -> Bitext:
    """Read a TMX, XLIFF, CSV/TSV or bead file into a ``Bitext`` (format from ``fmt`` or suffix)."""
    return format_for_path(path, fmt).read(Path(path), options)

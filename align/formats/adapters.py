"""Glue between the registry's uniform signatures and each format's own functions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from align.errors import UsageError
from align.formats.registry import ImportOptions
from align.formats.selection import ExportOptions
from align.model import Bitext


def iter_beads(bitext: Bitext, options: ExportOptions) -> Iterator[str]:
    """Bead files always list every bead (ids must cover both texts); scores are appended."""
    from align.formats.beads import dumps_beads

    yield dumps_beads(bitext.beads, with_score=True)


def iter_csv(bitext: Bitext, options: ExportOptions) -> Iterator[str]:
    from align.formats.tabular import iter_table

    return iter_table(bitext, options, ",")


def iter_tsv(bitext: Bitext, options: ExportOptions) -> Iterator[str]:
    from align.formats.tabular import iter_table

    return iter_table(bitext, options, "\t")


def read_tmx(path: Path, options: ImportOptions) -> Bitext:
    from align.formats.tmx_reader import read_tmx as read

    return read(path, src_lang=options.src_lang, tgt_lang=options.tgt_lang)


def read_xliff(path: Path, options: ImportOptions) -> Bitext:
    from align.formats.xliff_reader import read_xliff as read

    return read(path)


def _read_table(path: Path, options: ImportOptions, separator: str) -> Bitext:
    from align.formats.tabular import read_table

    return read_table(
        path,
        separator=separator,
        src_lang=options.src_lang,
        tgt_lang=options.tgt_lang,
        columns=options.columns,
        has_header=options.has_header,
    )


def read_csv(path: Path, options: ImportOptions) -> Bitext:
    return _read_table(path, options, ",")


def read_tsv(path: Path, options: ImportOptions) -> Bitext:
    return _read_table(path, options, "\t")


def read_beads(path: Path, options: ImportOptions) -> Bitext:
    from align.formats.bead_import import read_bead_project

    if not options.src_path or not options.tgt_path:
        raise UsageError("importing a bead file needs its sentence files: --src FILE --tgt FILE")
    return read_bead_project(
        path, options.src_path, options.tgt_path, src_lang=options.src_lang, tgt_lang=options.tgt_lang
    )


def read_xlsx(path: Path, options: ImportOptions) -> Bitext:
    from align.formats.xlsx_reader import read_xlsx as read

    return read(path, src_lang=options.src_lang, tgt_lang=options.tgt_lang, columns=options.columns)

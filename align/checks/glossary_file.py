"""Reading a user's glossary for the ``term`` check: CSV or TSV, columns source and target.

A header row (``source,target`` or language codes such as ``en,ko``) is optional. A target
cell may list accepted alternatives separated by ``|`` (``대사관|공관``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from align.errors import InputError
from align.model import TermEntry, TermStatus
from align.reading import read_text

_HEADER_WORDS = {"source", "target", "src", "tgt", "term", "translation", "en", "ko", "english", "korean"}


def parse_glossary(text: str, name: str = "glossary") -> list[TermEntry]:
    """Entries of a CSV/TSV glossary text (the delimiter is guessed from the first line)."""
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else (";" if first.count(";") > first.count(",") else ",")
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    entries: list[TermEntry] = []
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise InputError(f"{name}:{number}: expected two columns (source, target), got {row!r}")
        if number == 1 and {c.lower() for c in cells[:2]} <= _HEADER_WORDS:
            continue
        entries.append(TermEntry(source=cells[0], target=cells[1], status=TermStatus.APPROVED))
    if not entries:
        raise InputError(f"{name}: the glossary has no entries")
    return entries


def read_glossary(path: str | Path) -> list[TermEntry]:
    """Read a CSV/TSV glossary file in any encoding ``read_text`` understands."""
    if Path(path).suffix.lower() in (".tbx", ".xml"):
        raise InputError(f"{path}: TBX glossaries are not supported yet; use CSV or TSV (source,target)")
    return parse_glossary(read_text(path).text, str(path))

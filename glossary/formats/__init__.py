"""Glossary files by format name: CSV, TSV, TMX and TBX, written and read.

One ``align.registry.Registry``, ``GLOSSARY_FORMAT_TABLE``, registers each format (name,
suffixes, description and its writer and reader as ``module:function``, imported only when
used), the same pattern as every other registry of dari; ``GLOSSARY_FORMATS`` (argparse
choices), the suffix lookup and the "unknown glossary format" message are derived from it. ``write_glossary`` and ``read_glossary`` are the
two calls the CLI, the review UI and the check share. A file's format comes from the name
given, else its suffix, else (reading only) its content: XML with a ``tbx``/``martif`` root
is TBX, with a ``tmx`` root TMX, text with a tab in its first row TSV, other text CSV.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.errors import InputError, UsageError
from align.model import TermEntry
from align.registry import Entry, Registry


@dataclass(frozen=True, slots=True)
class GlossaryFormat:
    name: str
    suffixes: tuple[str, ...]
    description: str
    writer: str
    """``module:function(entries, *, src_lang, tgt_lang, excel) -> Iterable[str]`` (the file in
    chunks), imported on use."""
    reader: str
    """``module:function(path, src_lang, tgt_lang) -> list[TermEntry]``, imported on use."""


GLOSSARY_FORMAT_TABLE: Registry[GlossaryFormat] = Registry(
    "glossary format",
    [
        Entry(f.name, None, f.description, {"suffixes": f.suffixes}, value=f)
        for f in (
            GlossaryFormat(
                "csv",
                (".csv",),
                "comma-separated table (UTF-8; --excel adds a BOM)",
                "glossary.formats.tabular:write_csv",
                "glossary.formats.tabular:read_csv",
            ),
            GlossaryFormat(
                "tsv",
                (".tsv", ".tab", ".txt"),
                "tab-separated table",
                "glossary.formats.tabular:write_tsv",
                "glossary.formats.tabular:read_tsv",
            ),
            GlossaryFormat(
                "tmx",
                (".tmx",),
                "TMX 1.4b, one unit per entry",
                "glossary.formats.tmx:write_tmx",
                "glossary.formats.tmx:read_tmx",
            ),
            GlossaryFormat(
                "tbx",
                (".tbx",),
                "TBX v3, TBX-Basic dialect (ISO 30042:2019)",
                "glossary.formats.tbx:write_tbx",
                "glossary.formats.tbx:read_tbx",
            ),
        )
    ],
)

GLOSSARY_FORMATS: tuple[str, ...] = tuple(GLOSSARY_FORMAT_TABLE.names())


def _load(ref: str) -> Any:
    module, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module), attr)


def get_glossary_format(name: str) -> GlossaryFormat:
    key = name.strip().lower()
    if key not in GLOSSARY_FORMAT_TABLE:
        raise GLOSSARY_FORMAT_TABLE.unknown(name)
    return GLOSSARY_FORMAT_TABLE[key]


def _by_suffix(path: str | Path) -> GlossaryFormat | None:
    suffix = Path(path).suffix.lower()
    return next((f for f in GLOSSARY_FORMAT_TABLE.values() if suffix in f.suffixes), None)


def _sniff(path: Path) -> GlossaryFormat:
    """The format a file's first bytes show: TBX/TMX by their XML root, else a table."""
    from align.reading import input_errors

    with input_errors(path, "glossary"), path.open("rb") as handle:
        head = handle.read(65536)
    from glossary.formats.values import head_text

    text = head_text(head).lstrip(" \t\r\n")
    if text.startswith("<"):
        from glossary.formats.tbx import xml_root_name

        root = xml_root_name(path)
        if root in ("tbx", "martif"):
            return GLOSSARY_FORMAT_TABLE["tbx"]
        return GLOSSARY_FORMAT_TABLE["tmx"]
    first = next((line for line in text.splitlines() if line.strip() and not line.startswith("#")), "")
    return GLOSSARY_FORMAT_TABLE["tsv" if "\t" in first else "csv"]


def write_glossary(
    entries: Sequence[TermEntry],
    path: str | Path | None,
    fmt: str | None = None,
    *,
    src_lang: str,
    tgt_lang: str,
    excel: bool = False,
) -> str | None:
    """Write ``entries`` (best first, in the order given) to ``path`` atomically, in ``fmt`` or
    the format the suffix names; with no path (or ``-``) return the text for stdout instead.
    Refusing to overwrite an input is the caller's job (it knows the inputs)."""
    to_stdout = path is None or str(path) == "-"
    if fmt:
        chosen = get_glossary_format(fmt)
    elif to_stdout:
        chosen = GLOSSARY_FORMAT_TABLE["tsv"]
    else:
        assert path is not None
        found = _by_suffix(path)
        if found is None:
            known = ", ".join(GLOSSARY_FORMATS)
            raise UsageError(
                f"cannot tell the glossary format of {str(path)!r} from its suffix; give --to ({known})"
            )
        chosen = found
    if chosen.name in ("tmx", "tbx") and not (src_lang.strip() and tgt_lang.strip()):
        raise UsageError(f"a {chosen.name.upper()} glossary needs the source and target languages")
    writer: Callable[..., Iterable[str]] = _load(chosen.writer)
    chunks = writer(entries, src_lang=src_lang, tgt_lang=tgt_lang, excel=excel)
    if to_stdout:
        return "".join(chunks)
    from align.atomic import write_chunks_atomic

    assert path is not None
    # streamed: a 100,000-entry TBX never sits in memory whole; encoded as write_text_atomic does
    write_chunks_atomic(path, (chunk.encode("utf-8", "backslashreplace") for chunk in chunks))
    return None


def read_glossary(
    path: str | Path, *, src_lang: str | None = None, tgt_lang: str | None = None, fmt: str | None = None
) -> list[TermEntry]:
    """Every entry of a user's glossary file, oriented ``src_lang → tgt_lang`` where the file
    names its languages (TBX, TMX, a CSV header of language codes). The format is ``fmt``,
    else the suffix's, else what the content shows. Raises ``InputError`` (one line, with
    the file and line) for anything wrong with the file."""
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a glossary file")
    chosen = get_glossary_format(fmt) if fmt else (_by_suffix(p) or _sniff(p))
    if chosen.name in ("csv", "tsv") and not fmt and p.suffix.lower() not in (".csv", ".tsv", ".tab"):
        chosen = _sniff(p)  # .txt or no suffix: a table, or XML saved under another name
    reader: Callable[..., list[TermEntry]] = _load(chosen.reader)
    return reader(p, src_lang, tgt_lang)


__all__ = [
    "GLOSSARY_FORMATS",
    "GLOSSARY_FORMAT_TABLE",
    "GlossaryFormat",
    "get_glossary_format",
    "read_glossary",
    "write_glossary",
]

"""Writing review workbooks (.xlsx) through polars and xlsxwriter: the layout every dari
spreadsheet shares. Frozen header row, autofilter, wrapped text aligned to the top, and
columns sized by *display* width, so that a column of Korean (each syllable as wide as two
Latin letters) is as readable as one of English.

xlsxwriter is the optional ``dari[excel]`` extra, imported here only when a workbook is
written; a missing package is one line naming the install command.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from align.errors import MissingDependencyError

if TYPE_CHECKING:
    import polars as pl

INSTALL_HINT = "pip install 'dari[excel]' (xlsxwriter, fastexcel)"
_MIN_WIDTH = 8
_MAX_WIDTH = 70
"""Widest column in character units; longer text wraps inside the cell."""


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    frame: pl.DataFrame
    wrap: Sequence[str] = ()
    """columns whose text wraps (sentences, messages)"""
    number_formats: dict[str, str] = field(default_factory=dict)
    choices: dict[str, Sequence[str]] = field(default_factory=dict)
    """columns restricted to a drop-down list (status: auto / confirmed / edited)"""


def display_width(text: str) -> int:
    """Columns a text fills in a spreadsheet cell: wide (Hangul, Han, kana) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_width(name: str, values: Sequence[object]) -> int:
    """Width in Excel character units: the longest line among (a sample of) the cells, capped."""
    widest = display_width(name) + 2
    for value in values[:2000]:
        if value is None:
            continue
        for line in str(value).split("\n"):
            widest = max(widest, display_width(line) + 2)
            if widest >= _MAX_WIDTH:
                return _MAX_WIDTH
    return max(_MIN_WIDTH, widest)


def require_xlsxwriter() -> Any:
    try:
        import xlsxwriter
    except ImportError:
        raise MissingDependencyError(f"xlsx files need xlsxwriter: {INSTALL_HINT}") from None
    return xlsxwriter


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The .xlsx file holding ``sheets``, in memory (written atomically by the caller)."""
    xlsxwriter = require_xlsxwriter()
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                            "strings_to_formulas": False, "strings_to_urls": False})  # fmt: skip
    # a fixed creation date: the same project gives the same file, byte for byte
    from datetime import datetime

    workbook.set_properties({"created": datetime(2000, 1, 1), "comments": "written by dari"})
    header = {"bold": True, "bg_color": "#DDE6F0", "valign": "top", "border": 1}
    for sheet in sheets:
        frame = sheet.frame
        formats: dict[str, Any] = {}
        for name in frame.columns:
            spec: dict[str, Any] = {"valign": "top"}
            if name in sheet.wrap:
                spec["text_wrap"] = True
            if name in sheet.number_formats:
                spec["num_format"] = sheet.number_formats[name]
            formats[name] = spec
        frame.write_excel(
            workbook,
            sheet.name,
            column_formats=formats,  # type: ignore[arg-type]
            header_format=header,
            autofilter=frame.height > 0,
            freeze_panes=(1, 0),
            include_header=True,
        )
        worksheet = workbook.get_worksheet_by_name(sheet.name)
        for k, name in enumerate(frame.columns):
            worksheet.set_column(k, k, column_width(name, frame[name].to_list()))
            if name in sheet.choices and frame.height:
                worksheet.data_validation(
                    1, k, frame.height, k, {"validate": "list", "source": list(sheet.choices[name])}
                )
    workbook.close()
    return buffer.getvalue()

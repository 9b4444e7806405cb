"""A reviewed spreadsheet back into a project: the ``beads`` sheet that ``dari export`` wrote
(or any sheet with two text columns), read with polars (fastexcel engine).

Every row becomes one bead; each line of a text cell one sentence, so beads come back as
they were exported, and a reviewer's edits are kept: changed text (a line added to a cell
makes it a 2-1 bead), changed ``status`` (auto / confirmed / edited) and score. Findings come
back from the ``findings`` column. Languages come from the ``about`` sheet, ``--src-lang`` /
``--tgt-lang``, or detection.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from align.errors import InputError, MissingDependencyError
from align.formats.imported import ImportedUnit, bitext_from_units, parse_score, parse_status, pick_languages
from align.model import BeadStatus, Bitext

if TYPE_CHECKING:
    from align.formats.registry import ImportOptions

_INSTALL = "pip install 'dari[excel]' (fastexcel)"


def _sheets(path: Path) -> dict[str, Any]:
    import polars as pl

    name = str(path)
    if not path.is_file():
        raise InputError(f"{name}: no such file")
    try:
        import fastexcel  # noqa: F401  (polars' xlsx reader)
    except ImportError:
        raise MissingDependencyError(f"reading xlsx files needs fastexcel: {_INSTALL}") from None
    try:
        # every column as text: a score column typed by a spreadsheet app must not break the import
        sheets = pl.read_excel(path, sheet_id=0, infer_schema_length=0, raise_if_empty=False)
    except Exception as exc:  # fastexcel raises its own types for corrupt or non-xlsx files
        first = " ".join(str(exc).split())[:200]
        raise InputError(f"{name}: not a readable xlsx workbook ({type(exc).__name__}: {first})") from None
    return dict(sheets)


def _about(sheets: dict[str, Any]) -> dict[str, str]:
    frame = sheets.get("about")
    if frame is None or not {"key", "value"} <= set(frame.columns):
        return {}
    return {
        str(k): str(v)
        for k, v in zip(frame["key"].to_list(), frame["value"].to_list(), strict=True)
        if k and v
    }


def _lines(cell: str | None) -> list[str]:
    if cell is None:
        return []
    return [line.strip() for line in str(cell).replace("\r\n", "\n").split("\n") if line.strip()]


def read_xlsx(
    path: str | Path, *, src_lang: str | None = None, tgt_lang: str | None = None, columns: str | None = None
) -> Bitext:
    from align.formats.tabular import _pick, _sides

    path = Path(path)
    name = str(path)
    sheets = _sheets(path)
    if not sheets:
        raise InputError(f"{name}: the workbook has no sheets")
    frame = sheets.get("beads", next(iter(sheets.values())))
    about = _about(sheets)
    src_col, tgt_col = _pick(frame.columns, columns, name)
    get = {c: frame[c].to_list() for c in ("score", "status", "bead_type", "findings") if c in frame.columns}
    units: list[ImportedUnit] = []
    for k, (src, tgt) in enumerate(zip(frame[src_col].to_list(), frame[tgt_col].to_list(), strict=True)):
        where = f"{name}: row {k + 2}"  # row 1 is the header
        kind = get["bead_type"][k] if "bead_type" in get else None
        src_lines, tgt_lines = _lines(src), _lines(tgt)
        has_src, has_tgt = _sides(kind, "\n".join(src_lines), "\n".join(tgt_lines))
        if has_src and not src_lines:
            src_lines = [""]
        if has_tgt and not tgt_lines:
            tgt_lines = [""]
        units.append(
            ImportedUnit(
                source=src_lines if has_src else [],
                target=tgt_lines if has_tgt else [],
                score=parse_score(get["score"][k] if "score" in get else None, 1.0, where),
                status=parse_status(
                    get["status"][k] if "status" in get else None, BeadStatus.CONFIRMED, where
                ),
                notes=_lines(get["findings"][k]) if "findings" in get else [],
            )
        )
    src_lang, tgt_lang = pick_languages(
        src_lang or about.get("source_lang"),
        tgt_lang or about.get("target_lang"),
        [" ".join(u.source) for u in units if u.source],
        [" ".join(u.target) for u in units if u.target],
        name,
    )
    return bitext_from_units(units, source_lang=src_lang, target_lang=tgt_lang, name=name, fmt="xlsx")


def import_xlsx(path: Path, options: ImportOptions) -> Bitext:
    """The registry's ``xlsx`` reader."""
    return read_xlsx(path, src_lang=options.src_lang, tgt_lang=options.tgt_lang, columns=options.columns)

"""The review spreadsheet of a project: one row per bead, every bead (1-0 and 0-1 included:
those are what a reviewer most needs to see), with the checks' findings beside each pair.

Sheet ``beads`` columns: ``source, target, bead_type, score, status, findings, source_ids,
target_ids``. The sentences of an m-n bead are on separate lines of one cell, so that the
sheet read back (``dari import``) gives the same beads; a sentence's own line breaks become
spaces. ``findings`` holds one ``severity: check: message`` line per finding (the TMX note
form). Sheet ``about`` records the languages and where the project came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from align.formats.selection import ExportOptions, export_units
from align.formats.text_rules import clean_text
from align.model import Bitext, Finding

BEAD_COLUMNS = ("source", "target", "bead_type", "score", "status", "findings", "source_ids", "target_ids")
STATUSES = ("auto", "confirmed", "edited")


def _cell_text(sentences: list[str]) -> str:
    return "\n".join(" ".join(clean_text(s).split("\n")).strip() for s in sentences)


def _with_check_findings(bitext: Bitext) -> Bitext:
    """The project's stored findings plus what the checks (default settings) find now, so a
    freshly aligned project's sheet shows its drift too; duplicates are dropped."""
    from align.checks import run_checks
    from align.formats.notes import format_note

    seen = {(format_note(f), f.src, f.tgt) for f in bitext.findings}
    extra: list[Finding] = []
    for finding in run_checks(bitext):
        key = (format_note(finding), finding.src, finding.tgt)
        if key not in seen:
            seen.add(key)
            extra.append(finding)
    return replace(bitext, findings=[*bitext.findings, *extra]) if extra else bitext


def workbook_for(bitext: Bitext, options: ExportOptions) -> bytes:
    import polars as pl

    from align.formats.spreadsheet import Sheet, workbook_bytes

    bitext = _with_check_findings(bitext)
    rows: dict[str, list[object]] = {name: [] for name in BEAD_COLUMNS}
    src_segments, tgt_segments = bitext.source.segments, bitext.target.segments
    for unit in export_units(bitext, replace(options, include_unpaired=True)):
        bead = unit.bead
        rows["source"].append(_cell_text([src_segments[i].text for i in bead.src]))
        rows["target"].append(_cell_text([tgt_segments[j].text for j in bead.tgt]))
        rows["bead_type"].append(bead.kind)
        rows["score"].append(round(bead.score, 4))
        rows["status"].append(bead.status.value)
        rows["findings"].append("\n".join(unit.notes))
        rows["source_ids"].append(" ".join(map(str, bead.src)))
        rows["target_ids"].append(" ".join(map(str, bead.tgt)))
    schema = {name: pl.String for name in BEAD_COLUMNS} | {"score": pl.Float64}
    beads = pl.DataFrame(rows, schema=schema)
    about = pl.DataFrame(
        {
            "key": ["source_lang", "target_lang", "source_file", "target_file", "dari"],
            "value": [
                bitext.source.lang,
                bitext.target.lang,
                bitext.source.path or "",
                bitext.target.path or "",
                str(bitext.signature.get("dari", "")),
            ],
        }
    )
    return workbook_bytes(
        [
            Sheet(
                "beads",
                beads,
                wrap=("source", "target", "findings"),
                number_formats={"score": "0.000"},
                choices={"status": STATUSES},
            ),
            Sheet("about", about),
        ]
    )


def iter_xlsx(bitext: Bitext, options: ExportOptions) -> Iterator[bytes]:
    yield workbook_for(bitext, options)

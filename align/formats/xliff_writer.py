"""XLIFF 2.1 output, for CAT tools that prefer it to TMX.

XLIFF 2.1 keeps the 2.0 core namespace (``urn:oasis:names:tc:xliff:document:2.0``) and
says ``version="2.1"``. One ``unit`` per bead, one ``segment`` per unit. The segment state
comes from the bead status:

===========  ==============  =========================================================
status       state           why
===========  ==============  =========================================================
auto         ``translated``  a target exists, but only the aligner vouches for it
edited       ``reviewed``    a person changed the pairing, but did not sign it off
confirmed    ``final``       a person signed the pair off
(no target)  ``initial``     1-0 beads with ``--include-unpaired``: nothing to pair
===========  ==============  =========================================================

Score, bead type, status and the sentence split of m-n beads ride in the Metadata module
(``mda:metaGroup category="dari"``) so ``dari import`` can restore the bead exactly; findings
become ``notes``. ``xml:space="preserve"`` on ``file`` keeps whitespace inside segments.
"""

from __future__ import annotations

from collections.abc import Iterator

from align.errors import UsageError
from align.formats.selection import (
    DEFAULT_OPTIONS,
    ExportOptions,
    document_notes,
    export_units,
    format_lengths,
    format_score,
    lang_tags,
)
from align.formats.text_rules import escape_attr, escape_text
from align.formats.tmx_writer import CHUNK_UNITS
from align.model import BeadStatus, Bitext

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
META_CATEGORY = "dari"

STATE_OF_STATUS = {
    BeadStatus.AUTO: "translated",
    BeadStatus.EDITED: "reviewed",
    BeadStatus.CONFIRMED: "final",
}


def _notes(notes: list[str], indent: str) -> str:
    if not notes:
        return ""
    inner = "".join(f"{indent}  <note>{escape_text(n)}</note>\n" for n in notes)
    return f"{indent}<notes>\n{inner}{indent}</notes>\n"


def dumps_xliff(bitext: Bitext, options: ExportOptions = DEFAULT_OPTIONS) -> str:
    return "".join(iter_xliff(bitext, options))


def iter_xliff(bitext: Bitext, options: ExportOptions = DEFAULT_OPTIONS) -> Iterator[str]:
    """The XLIFF text in chunks of ``CHUNK_UNITS`` units (see ``iter_tmx``)."""
    src_tag, tgt_tag = lang_tags(bitext, options)
    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<xliff xmlns="{XLIFF_NS}" xmlns:mda="{MDA_NS}" version="2.1"'
        f' srcLang="{escape_attr(src_tag)}" trgLang="{escape_attr(tgt_tag)}">\n',
        '  <file id="f1" xml:space="preserve">\n',
        _notes(document_notes(bitext), "    "),
    ]
    append = out.append
    number = 0
    for number, unit in enumerate(export_units(bitext, options), 1):
        bead = unit.bead
        meta = [
            ("score", format_score(bead.score)),
            ("bead-type", bead.kind),
            ("status", bead.status.value),
        ]
        if unit.source_lengths:
            meta.append(("source-split", format_lengths(unit.source_lengths)))
        if unit.target_lengths:
            meta.append(("target-split", format_lengths(unit.target_lengths)))
        append(
            f'    <unit id="u{number}">\n'
            "      <mda:metadata>\n"
            f'        <mda:metaGroup category="{META_CATEGORY}">\n'
        )
        out.extend(f'          <mda:meta type="{k}">{v}</mda:meta>\n' for k, v in meta)
        append("        </mda:metaGroup>\n      </mda:metadata>\n")
        append(_notes(unit.notes, "      "))
        state = STATE_OF_STATUS[bead.status] if bead.tgt else "initial"
        append(f'      <segment state="{state}">\n        <source>{escape_text(unit.source)}</source>\n')
        if bead.tgt:
            append(f"        <target>{escape_text(unit.target)}</target>\n")
        append("      </segment>\n    </unit>\n")
        if number % CHUNK_UNITS == 0:
            yield "".join(out)
            out.clear()
    if number == 0:
        # the XLIFF schema requires at least one unit per file; an empty file would be invalid
        raise UsageError("no beads match the selection, and an XLIFF file needs at least one unit")
    out.append("  </file>\n</xliff>\n")
    yield "".join(out)

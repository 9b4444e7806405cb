"""Building a project from translation units that came from outside (TMX, XLIFF, CSV/TSV).

Each unit becomes one bead; its sentences become segments, one per line of the rebuilt
document text (``segments_from_lines``), so offsets stay exact. Units keep their order.

Status policy, documented in the CLI help as well:
* a TM unit with no dari status is human-made, so it is ``confirmed`` with score 1.0;
* a unit dari wrote itself carries its score and status and gets them back;
* beads read from a bead file (``import_beads``) are machine output: ``auto``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from align.errors import InputError
from align.formats.notes import parse_note
from align.model import Bead, BeadStatus, Bitext, Document, Finding, segments_from_lines
from align.version import __version__


@dataclass(slots=True)
class ImportedUnit:
    """One translation unit: sentences per side (empty for a missing side), score, notes."""

    source: list[str]
    target: list[str]
    score: float = 1.0
    status: BeadStatus = BeadStatus.CONFIRMED
    notes: list[str] = field(default_factory=list)


def pick_languages(
    src_lang: str | None, tgt_lang: str | None, src_texts: Sequence[str], tgt_texts: Sequence[str], name: str
) -> tuple[str, str]:
    """The languages given, else detected from (a sample of) each side's text."""
    from align.languages import detect_language

    def detect(given: str | None, texts: Sequence[str], side: str) -> str:
        if given:
            return given
        try:
            return detect_language("\n".join(texts[:500]))
        except InputError:
            raise InputError(
                f"{name}: cannot tell the {side} language; give --src-lang and --tgt-lang"
            ) from None

    src = detect(src_lang, src_texts, "source")
    tgt = detect(tgt_lang, tgt_texts, "target")
    if src == tgt and not (src_lang and tgt_lang):
        raise InputError(
            f"{name}: both sides look like '{src}'; give --src-lang and --tgt-lang if that is intended"
        )
    return src, tgt


def parse_score(value: str | None, default: float, where: str) -> float:
    if value is None or not value.strip():
        return default
    try:
        score = float(value)
    except ValueError:
        raise InputError(f"{where}: score {value!r} is not a number") from None
    if score != score:  # NaN
        raise InputError(f"{where}: score {value!r} is not a number")
    return min(max(score, 0.0), 1.0)


def parse_status(value: str | None, default: BeadStatus, where: str) -> BeadStatus:
    if value is None or not value.strip():
        return default
    try:
        return BeadStatus(value.strip().lower())
    except ValueError:
        raise InputError(f"{where}: status {value!r} is not one of auto, confirmed, edited") from None


def bitext_from_units(
    units: Iterable[ImportedUnit],
    *,
    source_lang: str,
    target_lang: str,
    name: str,
    fmt: str,
    lang_tags: tuple[str, str] | None = None,
    document_notes: Sequence[str] = (),
    warnings: Sequence[str] = (),
) -> Bitext:
    """A project whose beads are the units, in order; refuses an import with no text.

    ``warnings`` (text the reader had to leave out, and why) go into
    ``meta["import_warnings"]``: the CLI shows them, and the project keeps them."""
    src_lines: list[str] = []
    tgt_lines: list[str] = []
    beads: list[Bead] = []
    findings: list[Finding] = [parse_note(n) for n in document_notes]
    for unit in units:  # one pass: a reader may build its units as they are asked for
        if not (unit.source or unit.target):
            continue
        src = tuple(range(len(src_lines), len(src_lines) + len(unit.source)))
        tgt = tuple(range(len(tgt_lines), len(tgt_lines) + len(unit.target)))
        src_lines.extend(unit.source)
        tgt_lines.extend(unit.target)
        beads.append(Bead(src, tgt, unit.score, unit.status))
        findings.extend(parse_note(n, src, tgt) for n in unit.notes)
    if not beads:
        raise InputError(f"{name}: no translation units with text in the two languages")
    src_text, src_segments = segments_from_lines(src_lines)
    tgt_text, tgt_segments = segments_from_lines(tgt_lines)
    meta: dict[str, Any] = {"imported_from": {"format": fmt, "file": name}}
    if lang_tags is not None and lang_tags != (source_lang, target_lang):
        meta["lang_tags"] = {"source": lang_tags[0], "target": lang_tags[1]}
    if warnings:
        meta["import_warnings"] = list(warnings)
    return Bitext(
        source=Document(source_lang, src_text, src_segments, path=name, encoding="utf-8"),
        target=Document(target_lang, tgt_text, tgt_segments, path=name, encoding="utf-8"),
        beads=beads,
        signature={"dari": __version__, "import": fmt, "langs": [source_lang, target_lang]},
        findings=findings,
        meta=meta,
    )

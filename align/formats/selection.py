"""Which beads an export writes, and the text and notes each one carries.

All writers share one selection so that ``--include-unpaired``, ``--min-score`` and
``--confirmed-only`` mean the same in TMX, CSV/TSV and XLIFF.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from align.errors import UsageError
from align.formats.notes import format_note
from align.formats.text_rules import needs_cleaning, segment_text, sentence_lengths
from align.languages import is_language_tag, language_tag_error
from align.model import Bead, BeadStatus, Bitext, Finding

_DATE = re.compile(r"^\d{8}T\d{6}Z$")


def _is_date(value: str) -> bool:
    """The shape, and a real calendar time (month 13 or hour 99 would reach the TMX as is)."""
    from datetime import datetime

    if not _DATE.match(value):
        return False
    try:
        datetime.strptime(value, "%Y%m%dT%H%M%SZ")
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to write; the defaults make a TM that CAT tools can use as it is."""

    include_unpaired: bool = False
    min_score: float | None = None
    confirmed_only: bool = False
    src_lang_tag: str | None = None
    tgt_lang_tag: str | None = None
    date: str | None = None
    """creationdate as YYYYMMDDThhmmssZ; None = now (UTC). Fix it for reproducible files."""

    def __post_init__(self) -> None:
        if self.date is not None and not _is_date(self.date):
            raise UsageError(f"--date {self.date!r} is not a date of the form YYYYMMDDThhmmssZ")
        for tag in (self.src_lang_tag, self.tgt_lang_tag):
            if tag is not None and not is_language_tag(tag):
                raise UsageError(f"language tag {language_tag_error(tag)}")
        if self.min_score is not None and not 0.0 <= self.min_score <= 1.0:
            raise UsageError(f"--min-score {self.min_score} is outside [0, 1]")


DEFAULT_OPTIONS = ExportOptions()


class ExportUnit(NamedTuple):
    """One bead as every exchange format sees it (a tuple: cheap at 100,000 units)."""

    position: int
    bead: Bead
    source: str
    target: str
    source_lengths: list[int]
    target_lengths: list[int]
    notes: list[str]


def lang_tags(bitext: Bitext, options: ExportOptions) -> tuple[str, str]:
    """BCP-47 tags: the option, else the tags an import recorded, else the documents' codes."""
    recorded = bitext.meta.get("lang_tags")
    recorded = recorded if isinstance(recorded, dict) else {}
    src = str(options.src_lang_tag or recorded.get("source") or bitext.source.lang)
    tgt = str(options.tgt_lang_tag or recorded.get("target") or bitext.target.lang)
    for tag in (src, tgt):
        if not is_language_tag(tag):
            raise UsageError(
                f"the project's language {language_tag_error(tag)}; give --src-lang-tag/--tgt-lang-tag"
            )
    return src, tgt


def creation_date(options: ExportOptions) -> str:
    if options.date is not None:
        return options.date
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _left_out_by(bead: Bead, options: ExportOptions) -> str | None:
    """Why an export leaves ``bead`` out (the first reason that applies), or None."""
    if bead.is_null and not options.include_unpaired:
        return "unpaired"
    if options.min_score is not None and bead.score < options.min_score:
        return "min-score"
    if options.confirmed_only and bead.status is not BeadStatus.CONFIRMED:
        return "confirmed-only"
    return None


def _keep(bead: Bead, options: ExportOptions) -> bool:
    return _left_out_by(bead, options) is None


def left_out_note(bitext: Bitext, options: ExportOptions) -> str:
    """What the export left out and why, for the CLI's closing line ("" when nothing):
    unpaired beads are left out by default, which a user who gave no option must be told
    as such, with the option that keeps them."""
    counts: dict[str, int] = {}
    for bead in bitext.beads:
        reason = _left_out_by(bead, options)
        if reason is not None:
            counts[reason] = counts.get(reason, 0) + 1
    parts = []
    if "unpaired" in counts:
        n = counts["unpaired"]
        parts.append(f"{n} unpaired 1-0/0-1 {'bead' if n == 1 else 'beads'}, which --include-unpaired keeps")
    if "min-score" in counts:
        parts.append(f"{counts['min-score']} below --min-score {options.min_score}")
    if "confirmed-only" in counts:
        parts.append(f"{counts['confirmed-only']} not confirmed (--confirmed-only)")
    return "left out: " + "; ".join(parts) if parts else ""


def count_units(bitext: Bitext, options: ExportOptions) -> int:
    """How many beads an export with these options writes (for the CLI's closing line)."""
    return sum(1 for bead in bitext.beads if _keep(bead, options))


def _findings_by_bead(bitext: Bitext) -> tuple[dict[int, list[Finding]], list[Finding]]:
    """Attach each finding to the first bead that holds one of its sentences."""
    src_owner: dict[int, int] = {}
    tgt_owner: dict[int, int] = {}
    for k, bead in enumerate(bitext.beads):
        for i in bead.src:
            src_owner[i] = k
        for j in bead.tgt:
            tgt_owner[j] = k
    by_bead: dict[int, list[Finding]] = {}
    document_level: list[Finding] = []
    for finding in bitext.findings:
        owners = [src_owner[i] for i in finding.src if i in src_owner]
        owners += [tgt_owner[j] for j in finding.tgt if j in tgt_owner]
        if owners:
            by_bead.setdefault(min(owners), []).append(finding)
        elif not finding.src and not finding.tgt:
            document_level.append(finding)
    return by_bead, document_level


def document_notes(bitext: Bitext) -> list[str]:
    """Notes for findings about the whole text rather than a bead (TMX header, XLIFF file)."""
    return [format_note(f) for f in _findings_by_bead(bitext)[1]]


def export_units(bitext: Bitext, options: ExportOptions) -> Iterator[ExportUnit]:
    """The selected beads in order, with their joined text and attached notes."""
    by_bead, _ = _findings_by_bead(bitext)
    src_lang, tgt_lang = bitext.source.lang, bitext.target.lang
    src_segments, tgt_segments = bitext.source.segments, bitext.target.segments
    no_notes: list[str] = []
    src_clean, tgt_clean = needs_cleaning(bitext.source.text), needs_cleaning(bitext.target.text)
    for k, bead in enumerate(bitext.beads):
        if not _keep(bead, options):
            continue
        src = [src_segments[i].text for i in bead.src]
        tgt = [tgt_segments[j].text for j in bead.tgt]
        found = by_bead.get(k)
        yield ExportUnit(
            k,
            bead,
            segment_text(src, src_lang, src_clean),
            segment_text(tgt, tgt_lang, tgt_clean),
            sentence_lengths(src) if len(src) > 1 else [],
            sentence_lengths(tgt) if len(tgt) > 1 else [],
            [format_note(f) for f in found] if found else no_notes,
        )


def format_score(score: float) -> str:
    return f"{score:.4f}"


def format_lengths(lengths: list[int]) -> str:
    return " ".join(map(str, lengths))

"""The document model every part of dari shares: segments, beads, findings and the bitext.

A ``Bitext`` is what the aligner produces, the checks read, the TUI edits, the exporters
write and the project file stores. Segments keep character offsets into their document's
text so that any sentence can be traced to its line and column in the user's file.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence (or pre-split line): ``text == document.text[start:end]``."""

    text: str
    start: int
    end: int
    para: int = 0


@dataclass(slots=True)
class Document:
    """One language version of the text, with its sentences."""

    lang: str
    text: str
    segments: list[Segment]
    path: str | None = None
    encoding: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Fields of the project file this dari does not know, written back as they came."""
    _line_starts: list[int] | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.segments)

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.segments]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset (columns count code points)."""
        if self._line_starts is None:
            starts = [0]
            starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
            self._line_starts = starts
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1


class BeadStatus(StrEnum):
    """How far a person has vouched for a bead: the review UI moves beads along this."""

    AUTO = "auto"
    CONFIRMED = "confirmed"
    EDITED = "edited"


@dataclass(slots=True)
class Bead:
    """A group of source sentences aligned with a group of target sentences.

    ``src`` and ``tgt`` are sorted, contiguous sentence numbers (0-based); either may be
    empty (1-0 or 0-1 bead). ``score`` is a confidence in [0, 1].
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0
    status: BeadStatus = BeadStatus.AUTO
    extra: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    """Fields another tool (or a newer dari) wrote that this one does not know: kept on save."""

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def is_null(self) -> bool:
        return not self.src or not self.tgt


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(slots=True)
class Finding:
    """One place where the two versions drift apart, as reported by a check."""

    check: str
    severity: Severity
    message: str
    src: tuple[int, ...] = ()
    tgt: tuple[int, ...] = ()
    suggestion: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    """Fields another tool (or a newer dari) wrote that this one does not know: kept on save."""


class TermStatus(StrEnum):
    """Where a glossary entry stands with its reviewer: only approved entries are enforced."""

    CANDIDATE = "candidate"
    APPROVED = "approved"
    REJECTED = "rejected"

    @classmethod
    def parse(cls, value: object, default: TermStatus | None = None) -> TermStatus:
        """A status from any file: dari's own words, bead words (older projects stored
        ``auto``/``confirmed``), and the TBX/termbase words other tools write."""
        text = str(value or "").strip().lower()
        if not text:
            if default is None:
                raise ValueError("empty status")
            return default
        status = _TERM_STATUS_WORDS.get(text)
        if status is None:
            raise ValueError(f"unknown status {value!r}")
        return status


_TERM_STATUS_WORDS = {
    "candidate": TermStatus.CANDIDATE,
    "auto": TermStatus.CANDIDATE,
    "new": TermStatus.CANDIDATE,
    "proposed": TermStatus.CANDIDATE,
    "provisional": TermStatus.CANDIDATE,
    "approved": TermStatus.APPROVED,
    "confirmed": TermStatus.APPROVED,
    "edited": TermStatus.APPROVED,
    "preferred": TermStatus.APPROVED,
    "admitted": TermStatus.APPROVED,
    "final": TermStatus.APPROVED,
    "rejected": TermStatus.REJECTED,
    "deprecated": TermStatus.REJECTED,
    "superseded": TermStatus.REJECTED,
}


class TermKind(StrEnum):
    """Names (people, places, organisations, products) are transliterated or kept; terms are
    translated. Reviewers sort and check them differently, so every entry says which."""

    NAME = "name"
    TERM = "term"


@dataclass(frozen=True, slots=True)
class TermExample:
    """Evidence for an entry: one aligned pair where both terms occur (``pair`` names the
    document pair in a corpus run, empty for a single text)."""

    bead: int
    source: str
    target: str
    pair: str = ""


@dataclass(slots=True)
class TermEntry:
    """A bilingual glossary entry: extracted by ``glossary``, imported from a user's file,
    stored in the project and enforced by the ``term`` check once approved.

    ``target`` may hold accepted alternatives separated by ``|`` (``대사관|공관``).
    """

    source: str
    target: str
    count: int = 0
    status: TermStatus = TermStatus.CANDIDATE
    note: str = ""
    kind: TermKind = TermKind.TERM
    score: float = 0.0
    examples: list[TermExample] = field(default_factory=list)
    extra: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    """Fields another tool (or a newer dari) wrote that this one does not know: kept on save."""

    @property
    def targets(self) -> list[str]:
        return [t.strip() for t in self.target.split("|") if t.strip()]


@dataclass(slots=True)
class Bitext:
    """Both documents, their alignment and everything dari learned about them."""

    source: Document
    target: Document
    beads: list[Bead]
    signature: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    glossary: list[TermEntry] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Top-level fields of the project file this dari does not know, written back as they came."""

    def bead_texts(self, bead: Bead) -> tuple[list[str], list[str]]:
        return (
            [self.source.segments[i].text for i in bead.src],
            [self.target.segments[j].text for j in bead.tgt],
        )


class BeadError(ValueError):
    """Beads that do not cover both documents exactly once, in order."""


def validate_beads(beads: Sequence[Bead], n_src: int, n_tgt: int) -> None:
    """Check the invariants every alignment keeps: each sentence in exactly one bead,
    ids contiguous inside a bead, and beads monotone on both sides."""
    next_src = 0
    next_tgt = 0
    for k, bead in enumerate(beads):
        if not bead.src and not bead.tgt:
            raise BeadError(f"bead {k} is empty")
        for side, ids, expected in (("source", bead.src, next_src), ("target", bead.tgt, next_tgt)):
            if ids and list(ids) != list(range(expected, expected + len(ids))):
                raise BeadError(f"bead {k}: {side} sentences {list(ids)} do not continue from {expected}")
        if not 0.0 <= bead.score <= 1.0:
            raise BeadError(f"bead {k}: score {bead.score} is outside [0, 1]")
        next_src += len(bead.src)
        next_tgt += len(bead.tgt)
    if next_src != n_src or next_tgt != n_tgt:
        raise BeadError(f"beads cover {next_src}/{n_src} source and {next_tgt}/{n_tgt} target sentences")


def segments_from_lines(lines: Iterable[str], *, para_per_line: bool = True) -> tuple[str, list[Segment]]:
    """Build a document text and its segments from ready-made sentences (imports, --presplit).

    The text is the lines joined by newlines; each segment is its line with surrounding
    whitespace trimmed, so the offset invariant holds.
    """
    parts: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        segments.append(
            Segment(stripped, offset + lead, offset + lead + len(stripped), i if para_per_line else 0)
        )
        parts.append(line)
        offset += len(line) + 1
    return "\n".join(parts) + ("\n" if parts else ""), segments

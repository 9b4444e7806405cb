"""How an entry's fields are spelled in files, and read back from files people edited.

Shared by every glossary format so that a score, a count, a kind or an example's place reads
the same way whichever file it came from. Scores are written as Python's shortest repr of the
float, which reads back to the same float (lossless), so ``0.92`` stays ``0.92``.
"""

from __future__ import annotations

import math
import re

from align.formats.text_rules import primary_subtag as core_primary_subtag
from align.model import TermKind, TermStatus

_KIND_WORDS = {
    "name": TermKind.NAME,
    "proper noun": TermKind.NAME,
    "propernoun": TermKind.NAME,
    "proper name": TermKind.NAME,
    "term": TermKind.TERM,
    "noun": TermKind.TERM,
    "common noun": TermKind.TERM,
}

UNKNOWN_BEAD = -1
"""The bead of an example read from a file that does not record one (CSV/TSV, other tools)."""


def format_score(score: float) -> str:
    return repr(float(score))


def parse_score(text: str) -> float:
    """A score in [0, 1]; a ValueError with a message a person can act on otherwise."""
    value = text.strip()
    if not value:
        return 0.0
    try:
        score = float(value.rstrip("%")) / (100.0 if value.endswith("%") else 1.0)
    except ValueError:
        raise ValueError(f"score {text!r} is not a number") from None
    if not math.isfinite(score) or not 0.0 <= score <= 1.0:
        raise ValueError(f"score {text!r} is outside [0, 1]")
    return score


def parse_count(text: str) -> int:
    value = text.strip().replace(",", "").replace("_", "")
    if not value:
        return 0
    try:
        count = int(value.split(".")[0]) if re.fullmatch(r"\d+\.0*", value) else int(value)
    except ValueError:
        raise ValueError(f"count {text!r} is not a whole number") from None
    if count < 0:
        raise ValueError(f"count {text!r} is negative")
    return count


def parse_kind(text: str) -> TermKind:
    value = " ".join(text.strip().lower().replace("_", " ").split())
    if not value:
        return TermKind.TERM
    kind = _KIND_WORDS.get(value)
    if kind is None:
        raise ValueError(f"unknown kind {text!r} (use name or term)")
    return kind


def parse_status(text: str, default: TermStatus) -> TermStatus:
    try:
        return TermStatus.parse(text, default)
    except ValueError:
        raise ValueError(f"unknown status {text!r} (use candidate, approved or rejected)") from None


def format_place(bead: int, pair: str) -> str:
    """Where an example comes from, as TBX ``admin type="source"`` and TMX notes spell it."""
    place = f"bead {bead}"
    return f"{place}, {pair}" if pair else place


_PLACE = re.compile(r"bead (-?\d+)(?:, (.*))?", re.DOTALL)


def parse_place(text: str) -> tuple[int, str] | None:
    """``(bead, pair)`` from ``format_place``'s text, or None for another tool's source note."""
    match = _PLACE.fullmatch(text.strip())
    if match is None:
        return None
    return int(match.group(1)), match.group(2) or ""


def head_text(data: bytes) -> str:
    """The first bytes of a file as text, for telling formats apart: UTF-16/32 by their
    byte-order mark (XML from Windows tools), else UTF-8 with errors replaced."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, "replace")
    return data.decode("utf-8", "replace").lstrip("\ufeff")


def primary_subtag(tag: str | None) -> str:
    """``ko-KR`` → ``ko``; files in the wild also write ``ko_KR`` and ``KO``; no tag: ``""``."""
    return core_primary_subtag(tag) if tag else ""


def same_language(a: str | None, b: str | None) -> bool:
    """Whether two language tags name the same language (``en`` matches ``en-US``); an exact
    match of the full tags is not required because files and users disagree on regions."""
    return bool(a) and bool(b) and primary_subtag(a) == primary_subtag(b)


def bcp47(tag: str) -> str:
    """``en_us`` → ``en-US``, ``ko`` → ``ko``: the BCP-47 spelling XML formats require."""
    parts = re.split(r"[-_]", tag.strip())
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            out.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(p for p in out if p)

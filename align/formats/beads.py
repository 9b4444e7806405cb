"""Bead files: ``[src ids]:[tgt ids]`` per line, the format of Vecalign, Bertalign and the
evaluation corpora, optionally followed by ``:score``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from align.errors import InputError
from align.model import Bead, Bitext

if TYPE_CHECKING:
    from align.formats.selection import ExportOptions

_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*([-+\d.eE]+)\s*)?$")


def _ids(field: str) -> tuple[int, ...]:
    return tuple(int(v) for v in field.replace(",", " ").split())


def parse_beads(text: str, name: str = "beads") -> list[Bead]:
    """Parse bead lines; blank lines are skipped, anything else malformed is an ``InputError``."""
    beads: list[Bead] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _LINE.match(line)
        if not m:
            raise InputError(f"{name}:{lineno}: not a bead line: {line.strip()[:60]!r}")
        try:
            score = float(m.group(3)) if m.group(3) else 0.0
        except ValueError:
            raise InputError(f"{name}:{lineno}: score {m.group(3)!r} is not a number") from None
        beads.append(Bead(_ids(m.group(1)), _ids(m.group(2)), min(max(score, 0.0), 1.0)))
    return beads


def read_beads(path: str | Path) -> list[Bead]:
    """Read a bead file in any encoding ``read_text`` knows (Windows tools write UTF-16).
    An empty file is refused: no alignment has no beads, so it is a failed run upstream."""
    from align.reading import read_text

    return parse_beads(read_text(path).text, str(path))


def format_bead(bead: Bead, with_score: bool = False) -> str:
    line = f"[{', '.join(map(str, bead.src))}]:[{', '.join(map(str, bead.tgt))}]"
    return f"{line}:{bead.score:.4f}" if with_score else line


def dumps_beads(beads: Iterable[Bead], with_score: bool = False) -> str:
    return "".join(format_bead(b, with_score) + "\n" for b in beads)


def iter_beads(bitext: Bitext, options: ExportOptions) -> Iterator[str]:
    """The registry's ``beads`` writer: every bead (ids must cover both texts), scores appended."""
    yield dumps_beads(bitext.beads, with_score=True)

"""Editing an alignment: merge, split, shift, unpair, confirm, with undo/redo and a recovery journal.

Every edit is a *splice*: beads ``[index, index + len(removed))`` are replaced by ``added``.
That one shape makes undo trivial (apply the inverse splice), keeps each edit O(size of the
edit) even on 100k-bead projects, and gives the recovery journal a tiny, append-only record:
one JSON line per splice, fsynced, replayable onto the last saved project after a crash.
The review UI calls these operations; they live in the core so that batch tools and tests
can use exactly the same semantics without Textual.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from align.errors import InputError, UsageError
from align.model import Bead, BeadError, BeadStatus, Bitext, validate_beads


@dataclass(frozen=True, slots=True)
class Splice:
    index: int
    removed: tuple[Bead, ...]
    added: tuple[Bead, ...]

    def inverse(self) -> Splice:
        return Splice(self.index, self.added, self.removed)


def _bead_json(b: Bead) -> dict[str, Any]:
    return {"src": list(b.src), "tgt": list(b.tgt), "score": b.score, "status": b.status.value}


def _bead_from_json(obj: dict[str, Any]) -> Bead:
    return Bead(tuple(obj["src"]), tuple(obj["tgt"]), float(obj["score"]), BeadStatus(obj["status"]))


class Journal:
    """Append-only record of splices beside a project file, so no edit is lost to a crash."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @staticmethod
    def for_project(project: str | Path) -> Journal:
        p = Path(project)
        return Journal(p.with_name(p.name + ".journal"))

    def append(self, op: str, splice: Splice) -> None:
        record = {
            "op": op,
            "index": splice.index,
            "removed": [_bead_json(b) for b in splice.removed],
            "added": [_bead_json(b) for b in splice.added],
        }
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def read(self) -> list[tuple[str, Splice]]:
        """Splices in order; a torn last line (crash mid-write) is ignored, anything else is an error."""
        if not self.path.exists():
            return []
        hint = "move it aside to open the project without the unsaved edits"
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{self.path}: cannot read the recovery journal ({exc}); {hint}") from None
        out: list[tuple[str, Splice]] = []
        for n, line in enumerate(lines, 1):
            try:
                rec = json.loads(line)
                splice = Splice(
                    int(rec["index"]),
                    tuple(_bead_from_json(b) for b in rec["removed"]),
                    tuple(_bead_from_json(b) for b in rec["added"]),
                )
            except (ValueError, KeyError, TypeError):
                if n == len(lines):
                    break
                raise InputError(f"{self.path}:{n}: corrupt journal line; {hint}") from None
            out.append((str(rec.get("op", "edit")), splice))
        return out

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


class Editor:
    """Applies edit operations to a bitext's beads, keeping the alignment invariants and history."""

    def __init__(self, bitext: Bitext, journal: Journal | None = None) -> None:
        self.bitext = bitext
        self.journal = journal
        self._undo: list[tuple[str, Splice]] = []
        self._redo: list[tuple[str, Splice]] = []

    @property
    def beads(self) -> list[Bead]:
        return self.bitext.beads

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def dirty(self) -> bool:
        return bool(self._undo)

    def _apply(self, splice: Splice) -> None:
        beads = self.bitext.beads
        current = tuple(beads[splice.index : splice.index + len(splice.removed)])
        if current != splice.removed:
            raise UsageError("the alignment changed underneath this edit")
        beads[splice.index : splice.index + len(splice.removed)] = list(splice.added)

    def _do(self, op: str, splice: Splice) -> Splice:
        self._apply(splice)
        self._undo.append((op, splice))
        self._redo.clear()
        if self.journal is not None:
            self.journal.append(op, splice)
        return splice

    def undo(self) -> str | None:
        if not self._undo:
            return None
        op, splice = self._undo.pop()
        self._apply(splice.inverse())
        self._redo.append((op, splice))
        if self.journal is not None:
            self.journal.append(f"undo {op}", splice.inverse())
        return op

    def redo(self) -> str | None:
        if not self._redo:
            return None
        op, splice = self._redo.pop()
        self._apply(splice)
        self._undo.append((op, splice))
        if self.journal is not None:
            self.journal.append(op, splice)
        return op

    def _bead(self, k: int) -> Bead:
        if not 0 <= k < len(self.beads):
            raise UsageError(f"no bead {k}")
        return self.beads[k]

    # --- operations -------------------------------------------------------------------
    def merge_next(self, k: int) -> Splice:
        """Join bead k and bead k+1 into one (e.g. a 1-0 and a 0-1 into a 1-1)."""
        a, b = self._bead(k), self._bead(k + 1)
        merged = Bead(a.src + b.src, a.tgt + b.tgt, min(a.score, b.score), BeadStatus.EDITED)
        return self._do("merge", Splice(k, (a, b), (merged,)))

    def split(self, k: int, src_at: int, tgt_at: int) -> Splice:
        """Cut bead k after ``src_at`` source and ``tgt_at`` target sentences into two beads."""
        bead = self._bead(k)
        if not (0 <= src_at <= len(bead.src) and 0 <= tgt_at <= len(bead.tgt)):
            raise UsageError(f"bead {k} cannot be split at {src_at}/{tgt_at}")
        first = Bead(bead.src[:src_at], bead.tgt[:tgt_at], bead.score, BeadStatus.EDITED)
        second = Bead(bead.src[src_at:], bead.tgt[tgt_at:], bead.score, BeadStatus.EDITED)
        if first.src + first.tgt == () or second.src + second.tgt == ():
            raise UsageError(f"splitting bead {k} there would leave an empty bead")
        return self._do("split", Splice(k, (bead,), (first, second)))

    def unpair(self, k: int) -> Splice:
        """Break bead k into 1-0 and 0-1 beads: these sentences have no counterpart."""
        bead = self._bead(k)
        added = tuple(Bead((i,), (), 0.0, BeadStatus.EDITED) for i in bead.src) + tuple(
            Bead((), (j,), 0.0, BeadStatus.EDITED) for j in bead.tgt
        )
        return self._do("unpair", Splice(k, (bead,), added))

    def shift(self, k: int, side: str, direction: str) -> Splice:
        """Move one boundary sentence between bead k and its neighbour.

        ``direction='down'`` moves bead k's last sentence on ``side`` into bead k+1;
        ``'up'`` pulls bead k+1's first sentence on ``side`` into bead k. A bead left
        empty disappears.
        """
        if side not in ("src", "tgt") or direction not in ("up", "down"):
            raise UsageError("shift needs side src|tgt and direction up|down")
        a, b = self._bead(k), self._bead(k + 1)
        a_ids, b_ids = getattr(a, side), getattr(b, side)
        if direction == "down":
            if not a_ids:
                raise UsageError(f"bead {k} has no {side} sentence to move")
            a_ids, b_ids = a_ids[:-1], a_ids[-1:] + b_ids
        else:
            if not b_ids:
                raise UsageError(f"bead {k + 1} has no {side} sentence to move")
            a_ids, b_ids = a_ids + b_ids[:1], b_ids[1:]
        new_a = replace(a, status=BeadStatus.EDITED, **{side: a_ids})
        new_b = replace(b, status=BeadStatus.EDITED, **{side: b_ids})
        added = tuple(x for x in (new_a, new_b) if x.src or x.tgt)
        return self._do("shift", Splice(k, (a, b), added))

    def set_status(self, ks: Sequence[int], status: BeadStatus) -> list[Splice]:
        """Confirm (or reopen) beads; each is its own undoable step."""
        out = []
        for k in ks:
            bead = self._bead(k)
            if bead.status is not status:
                out.append(
                    self._do(f"status {status.value}", Splice(k, (bead,), (replace(bead, status=status),)))
                )
        return out

    def check(self) -> None:
        validate_beads(self.beads, len(self.bitext.source.segments), len(self.bitext.target.segments))


def recover(bitext: Bitext, journal: Journal) -> int:
    """Replay a journal left by a session that did not save; returns the number of edits applied."""
    editor = Editor(bitext)
    entries = journal.read()
    original = list(bitext.beads)
    try:
        for _op, splice in entries:
            editor._apply(splice)
        editor.check()
    except (UsageError, BeadError):
        bitext.beads[:] = original
        raise InputError(
            f"{journal.path}: the recovery journal does not fit this project (was the project changed "
            "outside dari review?); move it aside to open the project without it"
        ) from None
    return len(entries)

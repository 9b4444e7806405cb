"""Editing an alignment: every review operation, with undo/redo and a recovery journal.

Every edit is a *change*: a bead splice (beads ``[index, index + len(removed))`` replaced by
``added``) plus, for the few edits that touch sentences themselves (edit a sentence's text,
split or join sentences), segment splices on one side. That one shape makes undo trivial
(apply the inverse), keeps each edit O(size of the edit) even on 100k-bead projects, tells
the UI exactly which rows to redraw, and gives the recovery journal a tiny append-only
record: one JSON line per change, fsynced before the screen shows it, replayable onto the
last saved project after a crash. The review UI calls these operations; they live in the
core so that batch tools and tests use exactly the same semantics without Textual.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from align.atomic import write_text_atomic
from align.errors import DariError, InputError, OutputError, UsageError
from align.model import Bead, BeadError, BeadStatus, Bitext, Document, Segment, TermEntry, validate_beads

SIDES = ("src", "tgt")

BeadScorer = Callable[[tuple[int, ...], tuple[int, ...]], float]
"""Scores a pair of sentence groups in [0, 1] (``align.rescoring`` builds one from vectors)."""


@dataclass(frozen=True, slots=True)
class Splice:
    index: int
    removed: tuple[Bead, ...]
    added: tuple[Bead, ...]

    def inverse(self) -> Splice:
        return Splice(self.index, self.added, self.removed)


@dataclass(frozen=True, slots=True)
class SegmentSplice:
    """Sentences ``[index, index + len(removed))`` of one side replaced by ``added``."""

    side: str
    index: int
    removed: tuple[Segment, ...]
    added: tuple[Segment, ...]

    def inverse(self) -> SegmentSplice:
        return SegmentSplice(self.side, self.index, self.added, self.removed)


@dataclass(frozen=True, slots=True)
class GlossarySplice:
    """Glossary entries ``[index, index + len(removed))`` replaced by ``added``: approving,
    rejecting, editing or adding a term is journaled and undone like any bead edit."""

    index: int
    removed: tuple[TermEntry, ...]
    added: tuple[TermEntry, ...]

    def inverse(self) -> GlossarySplice:
        return GlossarySplice(self.index, self.added, self.removed)


NO_BEADS = Splice(0, (), ())
"""The bead splice of a change that touches the glossary only."""


@dataclass(frozen=True, slots=True)
class Change:
    """One undoable step: what the user did (``op``) and what it replaced."""

    op: str
    splice: Splice
    segments: tuple[SegmentSplice, ...] = ()
    glossary: GlossarySplice | None = None

    def inverse(self, op: str | None = None) -> Change:
        return Change(
            op or self.op,
            self.splice.inverse(),
            tuple(s.inverse() for s in reversed(self.segments)),
            self.glossary.inverse() if self.glossary is not None else None,
        )


# --- journal ---------------------------------------------------------------------------------
def _bead_json(b: Bead) -> dict[str, Any]:
    return {"src": list(b.src), "tgt": list(b.tgt), "score": b.score, "status": b.status.value}


def _bead_from_json(obj: dict[str, Any]) -> Bead:
    return Bead(tuple(obj["src"]), tuple(obj["tgt"]), float(obj["score"]), BeadStatus(obj["status"]))


def _segment_json(s: Segment) -> list[Any]:
    return [s.text, s.start, s.end, s.para]


def _segment_from_json(obj: list[Any]) -> Segment:
    text, start, end, para = obj
    return Segment(str(text), int(start), int(end), int(para))


def change_to_json(change: Change) -> dict[str, Any]:
    record: dict[str, Any] = {
        "op": change.op,
        "index": change.splice.index,
        "removed": [_bead_json(b) for b in change.splice.removed],
        "added": [_bead_json(b) for b in change.splice.added],
    }
    if change.segments:
        record["segments"] = [
            {
                "side": s.side,
                "index": s.index,
                "removed": [_segment_json(x) for x in s.removed],
                "added": [_segment_json(x) for x in s.added],
            }
            for s in change.segments
        ]
    if change.glossary is not None:
        from align.project import term_to_json

        record["glossary"] = {
            "index": change.glossary.index,
            "removed": [term_to_json(t) for t in change.glossary.removed],
            "added": [term_to_json(t) for t in change.glossary.added],
        }
    return record


def change_from_json(rec: dict[str, Any]) -> Change:
    splice = Splice(
        int(rec["index"]),
        tuple(_bead_from_json(b) for b in rec["removed"]),
        tuple(_bead_from_json(b) for b in rec["added"]),
    )
    segments = tuple(
        SegmentSplice(
            str(s["side"]),
            int(s["index"]),
            tuple(_segment_from_json(x) for x in s["removed"]),
            tuple(_segment_from_json(x) for x in s["added"]),
        )
        for s in rec.get("segments", [])
    )
    if any(s.side not in SIDES for s in segments):
        raise ValueError("unknown side")
    glossary = None
    if "glossary" in rec:
        from align.project import term_from_json

        g = rec["glossary"]
        glossary = GlossarySplice(
            int(g["index"]),
            tuple(term_from_json(t) for t in g["removed"]),
            tuple(term_from_json(t) for t in g["added"]),
        )
    return Change(str(rec.get("op", "edit")), splice, segments, glossary)


class Journal:
    """Append-only record of one session's changes beside a project, so no edit is lost to a crash.

    The first line is a header naming the session and the project file it was started
    against (its fingerprint), so a journal is never replayed onto a project that was
    changed since. Only the session holding the project's lock writes it.
    """

    def __init__(self, path: str | Path, header: dict[str, Any] | None = None) -> None:
        self.path = Path(path)
        self.header = header or {}
        self._started = False

    @staticmethod
    def for_project(project: str | Path, header: dict[str, Any] | None = None) -> Journal:
        p = Path(project)
        return Journal(p.with_name(p.name + ".journal"), header)

    def _header_line(self) -> str:
        return json.dumps({"journal": "dari-review", "version": 2, **self.header}, ensure_ascii=False) + "\n"

    def append(self, change: Change) -> None:
        """Write and fsync one change; an ``OutputError`` (disk full, read-only) says it was not kept."""
        line = json.dumps(change_to_json(change), ensure_ascii=False) + "\n"
        try:
            fresh = not self.path.exists()
            with self.path.open("a", encoding="utf-8") as handle:
                if fresh or not self._started:
                    if fresh:
                        handle.write(self._header_line())
                    self._started = True
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise OutputError(
                f"cannot write the recovery journal {self.path}: {exc.strerror or exc}"
            ) from None

    def rewrite(self, changes: Iterable[Change]) -> None:
        """Replace the journal by exactly ``changes`` (atomically), after an append had failed."""
        text = self._header_line() + "".join(
            json.dumps(change_to_json(c), ensure_ascii=False) + "\n" for c in changes
        )
        write_text_atomic(self.path, text)
        self._started = True

    def read_header(self) -> dict[str, Any]:
        try:
            with self.path.open(encoding="utf-8") as handle:
                first = handle.readline()
            obj = json.loads(first)
        except (OSError, UnicodeDecodeError, ValueError):
            return {}
        return obj if isinstance(obj, dict) and obj.get("journal") == "dari-review" else {}

    def read(self) -> list[Change]:
        """Changes in order; a torn last line (crash mid-write) is ignored, anything else is an error."""
        if not self.path.exists():
            return []
        hint = "move it aside to open the project without the unsaved edits"
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{self.path}: cannot read the recovery journal ({exc}); {hint}") from None
        out: list[Change] = []
        for n, line in enumerate(lines, 1):
            try:
                rec = json.loads(line)
                if isinstance(rec, dict) and rec.get("journal") == "dari-review":
                    continue
                out.append(change_from_json(rec))
            except (ValueError, KeyError, TypeError, AttributeError):
                if n == len(lines):
                    break
                raise InputError(f"{self.path}:{n}: corrupt journal line; {hint}") from None
        return out

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self._started = False

    def set_aside(self) -> Path:
        """Keep a discarded journal under another name instead of deleting it: discarding is a
        decision made in a dialog, and a wrong click must still be recoverable by hand."""
        target = self.path.with_name(self.path.name + ".discarded")
        try:
            os.replace(self.path, target)
        except OSError as exc:
            raise OutputError(f"cannot move {self.path} aside: {exc.strerror or exc}") from None
        return target


# --- the editor --------------------------------------------------------------------------------
def _join_texts(lang: str, a: str, b: str) -> str:
    return a + b if lang.split("-")[0] in ("zh", "ja", "th") else f"{a} {b}"


def _with(bead: Bead, side: str, ids: tuple[int, ...]) -> Bead:
    """The bead with one side's sentences replaced."""
    return (
        Bead(ids, bead.tgt, bead.score, bead.status)
        if side == "src"
        else Bead(bead.src, ids, bead.score, bead.status)
    )


class Editor:
    """Applies edit operations to a bitext, keeping the alignment invariants and history."""

    def __init__(
        self, bitext: Bitext, journal: Journal | None = None, scorer: BeadScorer | None = None
    ) -> None:
        self.bitext = bitext
        self.journal = journal
        self.scorer = scorer
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._since_save: list[Change] = []
        self.journal_error: str | None = None
        self.unscored: list[Bead] = []
        """Beads given a provisional score (their sentences had no vectors yet)."""
        self.on_change: Callable[[Change], None] | None = None

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
        """Changes since the last save (an undo back to the saved state still counts: the
        journal holds it and the user is asked before quitting, which errs on the safe side)."""
        return bool(self._since_save)

    @property
    def unsaved_count(self) -> int:
        return len(self._since_save)

    def mark_saved(self) -> None:
        self._since_save.clear()
        self.journal_error = None
        if self.journal is not None:
            self.journal.clear()

    def adopt(self, changes: Sequence[Change]) -> None:
        """Take over changes replayed from a journal: undoable, unsaved, still journaled."""
        self._undo.extend(changes)
        self._since_save.extend(changes)

    # --- applying ----------------------------------------------------------------------------
    def _doc(self, side: str) -> Document:
        return self.bitext.source if side == "src" else self.bitext.target

    def _apply(self, change: Change) -> None:
        beads = self.bitext.beads
        s = change.splice
        current = tuple(beads[s.index : s.index + len(s.removed)])
        if current != s.removed:
            raise UsageError("the alignment changed underneath this edit")
        for seg in change.segments:
            segments = self._doc(seg.side).segments
            if tuple(segments[seg.index : seg.index + len(seg.removed)]) != seg.removed:
                raise UsageError("the sentences changed underneath this edit")
        g = change.glossary
        if g is not None and tuple(self.bitext.glossary[g.index : g.index + len(g.removed)]) != g.removed:
            raise UsageError("the glossary changed underneath this edit")
        for seg in change.segments:
            self._doc(seg.side).segments[seg.index : seg.index + len(seg.removed)] = list(seg.added)
        beads[s.index : s.index + len(s.removed)] = list(s.added)
        if g is not None:
            self.bitext.glossary[g.index : g.index + len(g.removed)] = list(g.added)

    def _record(self, change: Change) -> None:
        """Journal a change already applied in memory. A failed write keeps the edit (memory
        is the user's work too) and remembers that the journal lags; the next change tries to
        rewrite the journal whole."""
        self._since_save.append(change)
        if self.journal is not None:
            try:
                if self.journal_error is not None:
                    self.journal.rewrite(self._since_save)
                else:
                    self.journal.append(change)
                self.journal_error = None
            except DariError as exc:
                self.journal_error = str(exc)
        if self.on_change is not None:
            self.on_change(change)

    def _do(self, op: str, splice: Splice, segments: tuple[SegmentSplice, ...] = ()) -> Splice:
        change = Change(op, splice, segments)
        self._apply(change)
        self._undo.append(change)
        self._redo.clear()
        self._record(change)
        return splice

    def undo(self) -> Change | None:
        if not self._undo:
            return None
        change = self._undo.pop()
        inverse = change.inverse(f"undo {change.op}")
        self._apply(inverse)
        self._redo.append(change)
        self._record(inverse)
        return inverse

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        change = self._redo.pop()
        self._apply(change)
        self._undo.append(change)
        self._record(change)
        return change

    # --- glossary ------------------------------------------------------------------------------
    def _glossary(self, op: str, splice: GlossarySplice) -> None:
        change = Change(op, NO_BEADS, (), splice)
        self._apply(change)
        self._undo.append(change)
        self._redo.clear()
        self._record(change)

    def set_term(self, i: int, entry: TermEntry) -> None:
        """Replace glossary entry ``i`` (its status, its target, its kind)."""
        if not 0 <= i < len(self.bitext.glossary):
            raise UsageError(f"no glossary entry {i + 1}")
        self._glossary("edit term", GlossarySplice(i, (self.bitext.glossary[i],), (entry,)))

    def add_term(self, entry: TermEntry, at: int = 0) -> None:
        """Insert an entry (a reviewer's own, or one taken from the current pair)."""
        at = max(0, min(at, len(self.bitext.glossary)))
        self._glossary("add term", GlossarySplice(at, (), (entry,)))

    def replace_glossary(self, entries: Sequence[TermEntry], op: str = "extract glossary") -> None:
        """The whole glossary at once (a fresh extraction merged with the reviewed entries)."""
        self._glossary(op, GlossarySplice(0, tuple(self.bitext.glossary), tuple(entries)))

    def replace(self, op: str, index: int, removed: Sequence[Bead], added: Sequence[Bead]) -> Splice:
        """A ready-made splice (realign): refused if the beads changed since it was computed."""
        return self._do(op, Splice(index, tuple(removed), tuple(added)))

    # --- helpers --------------------------------------------------------------------------------
    def _bead(self, k: int) -> Bead:
        if not 0 <= k < len(self.beads):
            raise UsageError(f"no bead {k + 1}")
        return self.beads[k]

    def score(self, src: tuple[int, ...], tgt: tuple[int, ...], fallback: float) -> float | None:
        """A fresh score for an edited bead: nothing paired scores 0 (a missing translation
        must look low); a pair is scored from its sentence vectors when a scorer has them,
        else None (the caller keeps a provisional score)."""
        if not src or not tgt:
            return 0.0
        if self.scorer is not None:
            try:
                return min(1.0, max(0.0, float(self.scorer(src, tgt))))
            except DariError:
                pass
        return None

    def _edited(self, src: tuple[int, ...], tgt: tuple[int, ...], fallback: float) -> Bead:
        score = self.score(src, tgt, fallback)
        bead = Bead(src, tgt, min(1.0, max(0.0, fallback)) if score is None else score, BeadStatus.EDITED)
        if score is None:
            self.unscored.append(bead)
        return bead

    def rescore(self, bead: Bead) -> bool:
        """Give a provisionally scored bead its real score once its vectors exist. The bead is
        updated in place, so the undo history (which holds this very object) stays exact."""
        score = self.score(bead.src, bead.tgt, bead.score)
        if score is None or score == bead.score:
            return False
        bead.score = score
        return True

    def bead_of(self, side: str, i: int) -> int:
        """The bead holding sentence ``i`` of ``side`` (a scan: edits are rare, beads are many)."""
        for k, bead in enumerate(self.beads):
            ids = bead.src if side == "src" else bead.tgt
            if ids and ids[0] <= i <= ids[-1]:
                return k
        raise UsageError(f"no {'source' if side == 'src' else 'target'} sentence {i + 1}")

    # --- operations ---------------------------------------------------------------------------
    def merge_next(self, k: int) -> Splice:
        """Join bead k and bead k+1 into one (e.g. a 1-0 and a 0-1 into a 1-1)."""
        a, b = self._bead(k), self._bead(k + 1)
        merged = self._edited(a.src + b.src, a.tgt + b.tgt, min(a.score, b.score))
        return self._do("merge", Splice(k, (a, b), (merged,)))

    def merge_prev(self, k: int) -> Splice:
        if k <= 0:
            raise UsageError("the first bead has no bead above it")
        return self.merge_next(k - 1)

    def pair(self, k: int) -> Splice:
        """Pair two adjacent unpaired rows: a 1-0 (or n-0) with the 0-1 (0-n) next to it."""
        a, b = self._bead(k), self._bead(k + 1)
        if not (a.is_null and b.is_null) or bool(a.src) == bool(b.src):
            raise UsageError(f"beads {k + 1} and {k + 2} are not a source-only and a target-only row")
        merged = self._edited(a.src + b.src, a.tgt + b.tgt, 0.0)
        return self._do("pair", Splice(k, (a, b), (merged,)))

    def split(self, k: int, src_at: int, tgt_at: int) -> Splice:
        """Cut bead k after ``src_at`` source and ``tgt_at`` target sentences into two beads."""
        bead = self._bead(k)
        if not (0 <= src_at <= len(bead.src) and 0 <= tgt_at <= len(bead.tgt)):
            raise UsageError(f"bead {k + 1} cannot be split at {src_at}/{tgt_at}")
        s1, s2, t1, t2 = bead.src[:src_at], bead.src[src_at:], bead.tgt[:tgt_at], bead.tgt[tgt_at:]
        if not (s1 or t1) or not (s2 or t2):
            raise UsageError(f"splitting bead {k + 1} there would leave an empty bead")
        first = self._edited(s1, t1, bead.score)
        second = self._edited(s2, t2, bead.score)
        return self._do("split", Splice(k, (bead,), (first, second)))

    def unpair(self, k: int) -> Splice:
        """Break bead k into 1-0 and 0-1 beads: these sentences have no counterpart."""
        bead = self._bead(k)
        if bead.is_null and len(bead.src) + len(bead.tgt) == 1:
            raise UsageError(f"bead {k + 1} is already unpaired")
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
        if side not in SIDES or direction not in ("up", "down"):
            raise UsageError("shift needs side src|tgt and direction up|down")
        a, b = self._bead(k), self._bead(k + 1)
        a_ids, b_ids = getattr(a, side), getattr(b, side)
        if direction == "down":
            if not a_ids:
                raise UsageError(f"bead {k + 1} has no {side} sentence to move")
            a_ids, b_ids = a_ids[:-1], a_ids[-1:] + b_ids
        else:
            if not b_ids:
                raise UsageError(f"bead {k + 2} has no {side} sentence to move")
            a_ids, b_ids = a_ids + b_ids[:1], b_ids[1:]
        new_a = _with(a, side, a_ids)
        new_b = _with(b, side, b_ids)
        added = tuple(self._edited(x.src, x.tgt, x.score) for x in (new_a, new_b) if x.src or x.tgt)
        return self._do("shift", Splice(k, (a, b), added))

    def shift_rest(self, k: int, side: str, direction: str) -> Splice:
        """Move the whole rest of one side, from bead k on, one row down or up (InterText's
        "insert empty position" and "move up"); the other side stays where it is.

        Down: bead k's ``side`` becomes empty and each following row's ``side`` moves one row
        down, until a row whose ``side`` was empty takes the last one in (a new row at the end
        when there is none). Up: bead k's ``side`` sentences join bead k-1 and each following
        row's move one row up, until the row above an empty one is left empty. Only the rows
        up to that gap change, so the edit stays local.
        """
        if side not in SIDES or direction not in ("up", "down"):
            raise UsageError("moving the rest needs side src|tgt and direction up|down")
        beads = self.beads
        self._bead(k)
        if direction == "down":
            if not getattr(beads[k], side):
                raise UsageError(f"bead {k + 1} has no {side} sentences to move down")
            end = k + 1
            while end < len(beads) and getattr(beads[end], side):
                end += 1
            cells = [getattr(b, side) for b in beads[k:end]]  # contents moving one row down
            rows = list(beads[k : end + 1])
            new_cells = [(), *cells] if end < len(beads) else [(), *cells[:-1]]
            added = [_with(b, side, c) for b, c in zip(rows, new_cells, strict=False)]
            if end == len(beads):  # nothing to absorb it: the last row's content gets a row of its own
                last = cells[-1]
                added.append(Bead(last, ()) if side == "src" else Bead((), last))
            removed = rows
        else:
            if k == 0:
                raise UsageError("the first row cannot move up")
            if not getattr(beads[k], side):
                raise UsageError(f"bead {k + 1} has no {side} sentences to move up")
            end = k
            while end < len(beads) and getattr(beads[end], side):
                end += 1
            rows = list(beads[k - 1 : end])
            cells = [getattr(b, side) for b in beads[k:end]]
            first = _with(rows[0], side, getattr(rows[0], side) + cells[0])
            added = [first] + [_with(b, side, c) for b, c in zip(rows[1:], [*cells[1:], ()], strict=True)]
            removed = rows
        kept = [self._edited(b.src, b.tgt, b.score) for b in added if b.src or b.tgt]
        start = k if direction == "down" else k - 1
        return self._do(f"move rest {direction}", Splice(start, tuple(removed), tuple(kept)))

    def set_status(self, ks: Sequence[int], status: BeadStatus) -> list[Splice]:
        """Confirm (or reopen) beads as one undoable step; beads already there are left alone."""
        ks = sorted(set(ks))
        for k in ks:
            self._bead(k)
        changing = [k for k in ks if self.beads[k].status is not status]
        if not changing:
            return []
        lo, hi = changing[0], changing[-1] + 1
        wanted = set(changing)
        removed = tuple(self.beads[lo:hi])
        added = tuple(replace(b, status=status) if lo + r in wanted else b for r, b in enumerate(removed))
        return [self._do(f"status {status.value}", Splice(lo, removed, added))]

    def confirm_up_to(self, k: int) -> list[Splice]:
        self._bead(k)
        return self.set_status(range(k + 1), BeadStatus.CONFIRMED)

    def unconfirm(self, k: int) -> list[Splice]:
        """Back to what a person last did with the bead: edited, unless nobody touched it."""
        return self.set_status([k], BeadStatus.EDITED)

    # --- sentence operations -----------------------------------------------------------------
    def edit_text(self, side: str, i: int, text: str) -> Splice:
        """Replace one sentence's text. The offsets still point at the original text in the
        document, so the original is kept (and shown) and every sentence stays traceable."""
        if side not in SIDES:
            raise UsageError("side must be src or tgt")
        segments = self._doc(side).segments
        if not 0 <= i < len(segments):
            raise UsageError(f"no sentence {i + 1}")
        text = " ".join(text.split())
        if not text:
            raise UsageError("a sentence cannot be empty (unpair or join it instead)")
        old = segments[i]
        if text == old.text:
            raise UsageError("the text is unchanged")
        k = self.bead_of(side, i)
        bead = self.beads[k]
        new_seg = Segment(text, old.start, old.end, old.para)
        seg = SegmentSplice(side, i, (old,), (new_seg,))
        # score after the text is in place: apply the segment change, score, then undo it
        segments[i] = new_seg
        try:
            new_bead = self._edited(bead.src, bead.tgt, bead.score)
        finally:
            segments[i] = old
        return self._do("edit text", Splice(k, (bead,), (new_bead,)), (seg,))

    def text_history(self, side: str, i: int) -> list[str]:
        """Earlier texts of sentence ``i`` in this session, oldest first (from the undo
        history; the document keeps the original)."""
        out: list[str] = []
        for change in self._undo:
            for seg in change.segments:
                if seg.side == side and seg.index == i and len(seg.removed) == len(seg.added) == 1:
                    out.append(seg.removed[0].text)
        return out

    def _renumbered(self, k: int, side: str, at: int, delta: int, inside: tuple[int, ...]) -> list[Bead]:
        """Beads k.. with sentence ids of ``side`` above ``at`` moved by ``delta``; bead k gets ``inside``."""
        out: list[Bead] = []
        for r, bead in enumerate(self.beads[k:]):
            ids = getattr(bead, side)
            if r == 0:
                out.append(
                    self._edited(*((inside, bead.tgt) if side == "src" else (bead.src, inside)), bead.score)
                )
                continue
            if ids and ids[0] > at:
                bead = _with(bead, side, tuple(i + delta for i in ids))
            out.append(bead)
        return out

    def split_sentence(self, side: str, i: int, at: int) -> Splice:
        """Cut sentence ``i`` at character ``at`` into two sentences of the same bead; the
        sentence numbers after it move up by one (one splice from its bead to the end)."""
        segments = self._doc(side).segments if side in SIDES else None
        if segments is None or not 0 <= i < len(segments):
            raise UsageError(f"no sentence {i + 1}")
        old = segments[i]
        left, right = old.text[:at].rstrip(), old.text[at:].lstrip()
        if not left or not right:
            raise UsageError("split inside the sentence, not at its start or end")
        cut = (
            min(old.end, old.start + at)
            if old.text == self._doc(side).text[old.start : old.end]
            else old.start
        )
        parts = (Segment(left, old.start, cut, old.para), Segment(right, cut, old.end, old.para))
        k = self.bead_of(side, i)
        ids = getattr(self.beads[k], side)
        inside = (*ids, ids[-1] + 1)
        added = self._renumbered_after_segments(k, side, i, 1, inside, SegmentSplice(side, i, (old,), parts))
        return self._do(
            "split sentence",
            Splice(k, tuple(self.beads[k:]), tuple(added)),
            (SegmentSplice(side, i, (old,), parts),),
        )

    def join_sentences(self, side: str, i: int) -> Splice:
        """Join sentence ``i`` with sentence ``i + 1`` (both in one bead); later numbers move down."""
        doc = self._doc(side) if side in SIDES else None
        if doc is None or not 0 <= i < len(doc.segments) - 1:
            raise UsageError(f"no sentences {i + 1} and {i + 2} to join")
        k = self.bead_of(side, i)
        ids = getattr(self.beads[k], side)
        if i + 1 not in ids:
            raise UsageError(f"sentences {i + 1} and {i + 2} are in different beads; merge the beads first")
        a, b = doc.segments[i], doc.segments[i + 1]
        joined = Segment(_join_texts(doc.lang, a.text, b.text), a.start, b.end, a.para)
        seg = SegmentSplice(side, i, (a, b), (joined,))
        inside = ids[:-1]
        added = self._renumbered_after_segments(k, side, i, -1, inside, seg)
        return self._do("join sentences", Splice(k, tuple(self.beads[k:]), tuple(added)), (seg,))

    def _renumbered_after_segments(
        self, k: int, side: str, i: int, delta: int, inside: tuple[int, ...], seg: SegmentSplice
    ) -> list[Bead]:
        segments = self._doc(side).segments
        before = list(segments)
        segments[seg.index : seg.index + len(seg.removed)] = list(seg.added)
        try:
            return self._renumbered(k, side, i, delta, inside)
        finally:
            segments[:] = before

    def check(self) -> None:
        validate_beads(self.beads, len(self.bitext.source.segments), len(self.bitext.target.segments))


def recover(bitext: Bitext, journal: Journal) -> list[Change]:
    """Replay a journal left by a session that did not save; returns the changes applied
    (the new session adopts them, so they stay undoable and count as unsaved)."""
    editor = Editor(bitext)
    entries = journal.read()
    original = list(bitext.beads)
    originals = {side: list(editor._doc(side).segments) for side in SIDES}
    try:
        for change in entries:
            editor._apply(change)
        editor.check()
    except (UsageError, BeadError):
        bitext.beads[:] = original
        for side in SIDES:
            editor._doc(side).segments[:] = originals[side]
        raise InputError(
            f"{journal.path}: the recovery journal does not fit this project (was the project changed "
            "outside dari review?); move it aside to open the project without it"
        ) from None
    return entries

"""The review app: walk through an alignment, fix it, confirm it, save it without losing work.

``make_app`` is the one factory the CLI (``dari review``) and the tests share. Every edit goes
through ``align.editing.Editor`` (the same semantics as any batch tool) and is journaled
(fsynced) before the screen updates. One session holds a project's lock; a second one opens
it read-only. A journal left by a session that did not save is offered back at the next
open (recover or discard); a file changed on disk is never overwritten silently; a write
error is shown, and the edit stays in memory. Slow work (vectors for rescoring, checks,
realign, export) runs in thread workers on snapshots of the beads.
"""

from __future__ import annotations

import gc
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from align.editing import Change, Editor, Journal, recover
from align.errors import DariError, InputError
from align.model import Bead, BeadStatus, Bitext, Finding
from align.project import load_project, save_project
from align.session import ChangedOnDiskError, Fingerprint, LockedError, ProjectLock
from tui.background import BackgroundWork
from tui.bead_view import HEAD, LOW_SCORE, BeadView
from tui.dialogs import Choice, Prompt, SentenceEditor, SplitChooser
from tui.findings import FindingsPanel
from tui.glossary_panel import GlossaryPanel
from tui.help import HelpScreen
from tui.keys import KEYS, app_bindings
from tui.navigation import Navigation


class Line(Widget):
    """One line of text. ``Static.update`` asks for a new layout of the whole screen (it may
    change size); a line that cannot only repaints itself, which keeps a key at a few ms."""

    DEFAULT_CSS = "Line { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def show(self, text: Text) -> None:
        self._text = text
        self.refresh()

    def render(self) -> Text:
        return self._text


@dataclass
class Counts:
    """Status-bar figures, kept up to date per splice (never a pass over 50,000 beads per key)."""

    beads: int = 0
    unpaired: int = 0
    low: int = 0
    confirmed: int = 0

    def add(self, beads: Iterable[Bead], sign: int) -> None:
        for b in beads:
            self.beads += sign
            if b.is_null:
                self.unpaired += sign
            elif b.score < LOW_SCORE:
                self.low += sign
            if b.status is BeadStatus.CONFIRMED:
                self.confirmed += sign


class ReviewApp(Navigation, BackgroundWork):
    """Bead table, status bar, footer; dialogs for everything that asks."""

    CSS_PATH = "review.tcss"
    TITLE = "dari review"
    BINDINGS: ClassVar[list[BindingType]] = app_bindings()

    def __init__(
        self,
        bitext: Bitext,
        path: Path,
        *,
        lock: ProjectLock | None = None,
        read_only_reason: str | None = None,
        pending: list[Change] | None = None,
        stale_journal: str | None = None,
        scoring: bool = True,
        checking: bool = True,
        encoder: str = "use",
    ) -> None:
        super().__init__()
        self.bitext = bitext
        self.path = path
        self.lock = lock
        self.read_only_reason = read_only_reason
        self.pending = pending or []
        self.stale_journal = stale_journal
        self.scoring = scoring
        self.checking = checking
        self.encoder_name = encoder
        self.fingerprint = Fingerprint.of(path)
        header = {
            "session": lock.session if lock else "read-only",
            "pid": os.getpid(),
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "project_sha256": self.fingerprint.sha256 if self.fingerprint else None,
        }
        journal = None if read_only_reason else Journal.for_project(path, header)
        self.editor = Editor(bitext, journal)
        self.editor.on_change = self._on_change
        self.counts = Counts()
        self.counts.add(bitext.beads, 1)
        self.findings: list[Finding] = list(bitext.findings)
        self.findings_state = "as saved" if bitext.findings else "not run yet"
        self._flag_src: set[int] = set()
        self._flag_tgt: set[int] = set()
        self._index_findings()
        marks = bitext.meta.get("bookmarks", [])
        self.bookmarks: set[tuple[str, int]] = {
            (str(m[0]), int(m[1])) for m in marks if isinstance(m, list) and len(m) == 2
        }
        self.search_re: re.Pattern[str] | None = None
        self.search_dir = 1
        self.activity = ""
        self.encoder: Any = None
        self.recovered = 0

    # --- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Line(id="columns")
        view = BeadView(self.bitext, id="beads")
        view.flagged = self.is_flagged
        view.bookmarked = self._is_bookmarked
        yield view
        yield FindingsPanel(id="findings")
        yield GlossaryPanel(id="glossary")
        yield Line(id="status")
        yield Footer(compact=True)

    @property
    def view(self) -> BeadView:
        return self.query_one("#beads", BeadView)

    @property
    def cursor(self) -> int:
        return self.view.cursor

    def on_mount(self) -> None:
        self.sub_title = self.path.name
        self.view.focus()
        self._show_columns()
        self._update_status()
        if self.read_only_reason:
            self.notify(f"read-only: {self.read_only_reason}", severity="warning", timeout=10)
        if self.stale_journal:
            self.push_screen(
                Choice(
                    "An old recovery journal does not fit this project",
                    f"{self.stale_journal}\n\nSet it aside (kept as *.journal.discarded) and open the "
                    "project as saved, or open read-only and leave everything as it is?",
                    [("aside", "Set aside and open"), ("read-only", "Open read-only")],
                ),
                self._answer_stale,
            )
        elif self.pending:
            header = self.editor.journal.read_header() if self.editor.journal else {}
            when = header.get("started", "an earlier session")
            self.push_screen(
                Choice(
                    "Unsaved edits found",
                    f"{len(self.pending)} edits from the session of {when} were never saved "
                    f"(the terminal closed or the program was killed).\n\nRecover them (they stay "
                    "unsaved and undoable until you save), or discard them (the journal is kept "
                    "as *.journal.discarded)?",
                    [("recover", "Recover"), ("discard", "Discard")],
                ),
                self._answer_recover,
            )
        else:
            self._start_workers()

    def _start_workers(self) -> None:
        if self.scoring:
            self.load_vectors()
        if self.checking:  # findings saved with the project show until these are in
            self.run_checks()

    def _answer_stale(self, answer: str | None) -> None:
        if answer == "aside" and self.editor.journal is not None:
            try:
                self.editor.journal.set_aside()
            except DariError as exc:
                self.notify(str(exc), severity="error", timeout=10)
                self._go_read_only("the old journal could not be moved aside")
        else:
            self._go_read_only("the old recovery journal was left as it is")
        self._start_workers()

    def _answer_recover(self, answer: str | None) -> None:
        journal = self.editor.journal
        assert journal is not None
        if answer == "recover":
            try:
                changes = recover(self.bitext, journal)
            except DariError as exc:
                self.notify(str(exc), severity="error", timeout=10)
                self._go_read_only("the recovery journal could not be replayed")
                return
            self.editor.adopt(changes)
            try:
                journal.rewrite(changes)  # the journal now belongs to this session
            except DariError as exc:
                self.editor.journal_error = str(exc)
            self.recovered = len(changes)
            self.counts = Counts()
            self.counts.add(self.bitext.beads, 1)
            self.view.refresh_rows()
            self.notify(f"recovered {len(changes)} unsaved edits (ctrl+z undoes them)", timeout=6)
        else:
            try:
                aside = journal.set_aside()
                self.notify(f"discarded the unsaved edits (kept in {aside.name})", timeout=6)
            except DariError as exc:
                self.notify(str(exc), severity="error", timeout=10)
                self._go_read_only("the old journal could not be moved aside")
        self.pending = []
        self._update_status()
        self._start_workers()

    def _go_read_only(self, reason: str) -> None:
        self.read_only_reason = reason
        self.editor.journal = None
        if self.lock is not None:
            self.lock.release()
        self._update_status()

    def on_unmount(self) -> None:
        if self.lock is not None:
            self.lock.release()

    # --- display --------------------------------------------------------------------------------
    def _show_columns(self) -> None:
        view = self.view
        num, src_w, _ = view._columns()
        src, tgt = self.bitext.source, self.bitext.target
        head = Text(f"{'#':>{num}}    type score │ ", style="bold")
        head.append(Text(f"{src.lang} ({len(src.segments)} sentences)", style="bold blue"))
        head.pad_right(max(0, num + HEAD + 3 + src_w - head.cell_len))
        head.append(" │ ", style="bold")
        head.append(Text(f"{tgt.lang} ({len(tgt.segments)} sentences)", style="bold magenta"))
        self.query_one("#columns", Line).show(head)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_columns)

    def _update_status(self) -> None:
        c = self.counts
        flagged = self._flagged_count()
        parts = Text()
        parts.append(f" {self.cursor + 1 if c.beads else 0}/{c.beads}", style="bold")
        parts.append(f"  unpaired {c.unpaired}", style="red" if c.unpaired else "")
        parts.append(f"  low {c.low}", style="yellow" if c.low else "")
        parts.append(f"  flagged {flagged}", style="red" if flagged else "")
        parts.append(f"  confirmed {c.confirmed}", style="green")
        if self.read_only_reason:
            parts.append("  READ-ONLY", style="bold reverse yellow")
        elif self.editor.journal_error:
            parts.append("  JOURNAL NOT WRITTEN", style="bold reverse red")
        elif self.editor.dirty:
            parts.append(f"  ● unsaved {self.editor.unsaved_count}", style="bold yellow")
        else:
            parts.append("  saved", style="dim")
        if self.activity:
            parts.append(f"  {self.activity}", style="italic dim")
        self.query_one("#status", Line).show(parts)

    def _flagged_count(self) -> int:
        # findings may touch beads already counted as unpaired or low: count findings' beads apart
        return self.counts.unpaired + self.counts.low + self._finding_beads

    def _index_findings(self) -> None:
        self._flag_src = {i for f in self.findings for i in f.src}
        self._flag_tgt = {j for f in self.findings for j in f.tgt}
        self._finding_beads = sum(
            1
            for b in self.bitext.beads
            if not b.is_null
            and b.score >= LOW_SCORE
            and (any(i in self._flag_src for i in b.src) or any(j in self._flag_tgt for j in b.tgt))
        )

    def is_flagged(self, bead: Bead) -> bool:
        return (
            bead.is_null
            or bead.score < LOW_SCORE
            or any(i in self._flag_src for i in bead.src)
            or any(j in self._flag_tgt for j in bead.tgt)
        )

    def _has_finding(self, bead: Bead) -> bool:
        return any(i in self._flag_src for i in bead.src) or any(j in self._flag_tgt for j in bead.tgt)

    def on_bead_view_moved(self, _message: BeadView.Moved) -> None:
        self._update_status()

    # --- edits ----------------------------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        """Called by the editor after each change is applied and journaled."""
        self._on_change_counts(change.splice.removed, -1)
        self._on_change_counts(change.splice.added, 1)

    def _on_change_counts(self, beads: Iterable[Bead], sign: int) -> None:
        beads = list(beads)
        self.counts.add(beads, sign)
        for bead in beads:
            if not bead.is_null and bead.score >= LOW_SCORE and self._has_finding(bead):
                self._finding_beads += sign

    def _writable(self) -> bool:
        if self.read_only_reason:
            self.notify(f"read-only: {self.read_only_reason}", severity="warning")
            return False
        return True

    def _after_edit(self, cursor: int | None = None, full: bool = False) -> None:
        view = self.view
        if cursor is not None:
            view.cursor = max(0, min(cursor, len(self.bitext.beads) - 1))
        view.refresh_rows(clear=full)
        if self.editor.journal_error:
            self.notify(
                f"{self.editor.journal_error}. The edit is kept in memory; free space or fix the "
                "folder, then save (ctrl+s).",
                severity="error",
                timeout=10,
            )
        self._update_status()
        self._rescore_pending()
        if self.checking:
            self.schedule_checks()

    def _edit(self, what: str, *args: Any, cursor: int | None = None, full: bool = False) -> bool:
        if not self._writable():
            return False
        try:
            getattr(self.editor, what)(*args)
        except DariError as exc:
            self.notify(str(exc), severity="warning")
            return False
        self._after_edit(cursor, full)
        return True

    def action_confirm(self) -> None:
        k = self.cursor
        if self._edit("set_status", [k], BeadStatus.CONFIRMED):
            self.view.go(k + 1)

    def action_confirm_up_to(self) -> None:
        self._edit("confirm_up_to", self.cursor)

    def action_unconfirm(self) -> None:
        bead = self.bitext.beads[self.cursor] if self.bitext.beads else None
        if bead is not None and bead.status is not BeadStatus.CONFIRMED:
            self.notify("this bead is not confirmed")
            return
        self._edit("unconfirm", self.cursor)

    def action_merge(self, direction: int) -> None:
        k = self.cursor
        if direction > 0:
            self._edit("merge_next", k)
        else:
            self._edit("merge_prev", k, cursor=k - 1)

    def action_pair(self) -> None:
        self._edit("pair", self.cursor)

    def action_unpair(self) -> None:
        self._edit("unpair", self.cursor)

    def action_shift(self, side: str, direction: str) -> None:
        self._edit("shift", self.cursor, side, direction)

    def action_rest(self, side: str, direction: str) -> None:
        k = self.cursor
        self._edit("shift_rest", k, side, direction, cursor=k if direction == "down" else k - 1)

    def action_split(self) -> None:
        if not self._writable() or not self.bitext.beads:
            return
        k = self.cursor
        bead = self.bitext.beads[k]
        if len(bead.src) + len(bead.tgt) < 2:
            self.notify("a bead of one sentence cannot be split", severity="warning")
            return
        src, tgt = self.bitext.bead_texts(bead)

        def done(answer: tuple[int, int] | None) -> None:
            if answer is not None:
                self._edit("split", k, answer[0], answer[1], cursor=k)

        self.push_screen(SplitChooser(src, tgt), done)

    def action_edit(self, side: str) -> None:
        if not self._writable() or not self.bitext.beads:
            return
        k = self.cursor
        bead = self.bitext.beads[k]
        ids = bead.src if side == "src" else bead.tgt
        if not ids:
            self.notify("this side of the bead is empty", severity="warning")
            return
        doc = self.bitext.source if side == "src" else self.bitext.target
        texts = [doc.segments[i].text for i in ids]
        originals = [doc.text[doc.segments[i].start : doc.segments[i].end] for i in ids]

        def done(answer: tuple[str, int, int, str] | None) -> None:
            if answer is None:
                return
            kind, line, col, text = answer
            i = ids[min(line, len(ids) - 1)]
            if kind == "edit":
                self._edit("edit_text", side, i, text, cursor=k)
            elif kind == "split":
                self._edit("split_sentence", side, i, col, cursor=k, full=True)
            else:
                self._edit("join_sentences", side, i, cursor=k, full=True)

        name = "source" if side == "src" else "target"
        history = [self.editor.text_history(side, i) for i in ids]
        self.push_screen(SentenceEditor(f"Bead {k + 1}: {name} sentences", texts, originals, history), done)

    def action_undo(self) -> None:
        if not self._writable():
            return
        change = self.editor.undo()
        if change is None:
            self.notify("nothing to undo")
            return
        self._after_change(change)

    def action_redo(self) -> None:
        if not self._writable():
            return
        change = self.editor.redo()
        if change is None:
            self.notify("nothing to redo")
            return
        self._after_change(change)

    def _after_change(self, change: Change) -> None:
        """Redraw after an undo or redo; a glossary change leaves the cursor where it is."""
        if change.glossary is not None and not change.splice.removed and not change.splice.added:
            self._after_edit(None)
            self._show_glossary()
            return
        self._after_edit(change.splice.index, full=bool(change.segments))

    # --- saving and quitting --------------------------------------------------------------------
    def save(self, target: Path | None = None, *, force: bool = False) -> bool:
        """Save atomically; refuses a project changed on disk unless ``force``; never raises."""
        path = target or self.path
        try:
            if (
                target is None
                and not force
                and self.fingerprint is not None
                and not self.fingerprint.matches(path)
            ):
                raise ChangedOnDiskError(f"{path.name} changed on disk since it was opened")
            self.bitext.findings = list(self.findings)
            self.bitext.meta["reviewed"] = {
                "saved": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "by": "dari review",
            }
            self.bitext.meta["bookmarks"] = sorted([side, i] for side, i in self.bookmarks)
            if not self.bookmarks:
                self.bitext.meta.pop("bookmarks", None)
            save_project(self.bitext, path)
        except ChangedOnDiskError:
            raise
        except (DariError, OSError) as exc:
            self.notify(
                f"not saved: {exc}. Your edits are kept in memory and in the journal.",
                severity="error",
                timeout=12,
            )
            self._update_status()
            return False
        if target is None:
            self.fingerprint = Fingerprint.of(path)
            self.editor.mark_saved()
        self._update_status()
        self.notify(f"saved {path.name}")
        return True

    def _save_or_ask(self, then_quit: bool = False) -> None:
        if not self._writable():
            return
        try:
            ok = self.save()
        except ChangedOnDiskError as exc:
            copy = self.path.with_name(self.path.name.removesuffix(".dari.json") + ".mine.dari.json")

            def answer(choice: str | None) -> None:
                saved = False
                if choice == "copy":
                    saved = self.save(copy)
                    if saved:
                        self.notify(
                            f"your version is in {copy.name}; {self.path.name} was left as it is", timeout=10
                        )
                elif choice == "overwrite":
                    saved = self.save(force=True)
                if saved and then_quit and choice == "overwrite":
                    self.exit()

            self.push_screen(
                Choice(
                    "The project changed on disk",
                    f"{exc}. Saving would overwrite someone else's changes.\n\nSave your version as "
                    f"{copy.name}, overwrite the file, or cancel?",
                    [("copy", "Save a copy"), ("overwrite", "Overwrite"), ("cancel", "Cancel")],
                ),
                answer,
            )
            return
        if ok and then_quit:
            self.exit()

    def action_save(self) -> None:
        self._save_or_ask()

    async def action_quit(self) -> None:
        if self.read_only_reason or not self.editor.dirty:
            self.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self._save_or_ask(then_quit=True)
            elif choice == "discard":
                if self.editor.journal is not None:
                    self.editor.journal.clear()
                self.exit()

        self.push_screen(
            Choice(
                "Unsaved changes",
                f"{self.editor.unsaved_count} changes are not saved. Save them before quitting?",
                [("save", "Save"), ("discard", "Discard"), ("cancel", "Cancel")],
            ),
            answer,
        )

    # --- panels ---------------------------------------------------------------------------------
    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def _panel(self) -> FindingsPanel:
        return self.query_one("#findings", FindingsPanel)

    def action_findings(self) -> None:
        """Show the findings panel and move there; from the panel, back to the text."""
        panel = self._panel()
        if panel.has_focus:
            self.view.focus()
            return
        panel.show_findings(self.findings, self.findings_state)
        panel.add_class("-shown")
        panel.focus()
        self.call_after_refresh(self.view.refresh_rows, False)

    def on_findings_panel_leave(self, _message: FindingsPanel.Leave) -> None:
        panel = self._panel()
        panel.remove_class("-shown")
        self.view.focus()
        self.call_after_refresh(self.view.refresh_rows, False)

    def on_findings_panel_chosen(self, message: FindingsPanel.Chosen) -> None:
        if message.index >= len(self.findings):
            return
        f = self.findings[message.index]
        try:
            k = self.editor.bead_of("src", f.src[0]) if f.src else self.editor.bead_of("tgt", f.tgt[0])
        except (DariError, IndexError):
            self.notify("that finding's sentences are gone (the checks will run again)")
            return
        self.view.go(k)

    # --- glossary -------------------------------------------------------------------------------
    def _glossary_panel(self) -> GlossaryPanel:
        return self.query_one("#glossary", GlossaryPanel)

    def _show_glossary(self, note: str = "") -> None:
        panel = self._glossary_panel()
        if panel.has_class("-shown"):
            panel.show_entries(self.bitext.glossary, note)

    def action_glossary(self) -> None:
        """Show the glossary panel and move there (from the panel, back to the text); an
        empty glossary is extracted from the beads first, in a worker."""
        panel = self._glossary_panel()
        if panel.has_focus:
            self.view.focus()
            return
        panel.add_class("-shown")
        panel.show_entries(self.bitext.glossary, "extracting…" if not self.bitext.glossary else "")
        panel.focus()
        self.call_after_refresh(self.view.refresh_rows, False)
        if not self.bitext.glossary and self._writable():
            self.extract_glossary()

    def action_extract_glossary(self) -> None:
        if self._writable():
            self.extract_glossary()

    def on_glossary_panel_leave(self, _message: GlossaryPanel.Leave) -> None:
        self._glossary_panel().remove_class("-shown")
        self.view.focus()
        self.call_after_refresh(self.view.refresh_rows, False)

    def on_glossary_panel_chosen(self, message: GlossaryPanel.Chosen) -> None:
        entries = self.bitext.glossary
        if message.index >= len(entries) or not entries[message.index].examples:
            self.notify("this entry has no example pair")
            return
        example = entries[message.index].examples[0]
        if 0 <= example.bead < len(self.bitext.beads):
            self.view.go(example.bead)

    def on_glossary_panel_status(self, message: GlossaryPanel.Status) -> None:
        from dataclasses import replace

        if not self._writable() or message.index >= len(self.bitext.glossary):
            return
        entry = self.bitext.glossary[message.index]
        if entry.status is message.status:
            return
        self.editor.set_term(message.index, replace(entry, status=message.status))
        self._after_edit(None)
        self._show_glossary()

    def on_glossary_panel_edit(self, message: GlossaryPanel.Edit) -> None:
        from dataclasses import replace

        if not self._writable() or message.index >= len(self.bitext.glossary):
            return
        entry = self.bitext.glossary[message.index]

        def done(value: str | None) -> None:
            target = (value or "").strip()
            if not target or target == entry.target:
                return
            from align.model import TermStatus

            self.editor.set_term(message.index, replace(entry, target=target, status=TermStatus.APPROVED))
            self._after_edit(None)
            self._show_glossary()

        self.push_screen(Prompt(f"target for {entry.source!r} (alternatives: a|b)", entry.target), done)

    def action_add_term(self) -> None:
        """A reviewer's own entry, with the current pair as its evidence."""
        if not self._writable():
            return
        k = self.cursor

        def done(value: str | None) -> None:
            from align.model import TermEntry, TermExample, TermKind, TermStatus

            if not value or "=" not in value:
                if value:
                    self.notify("type the entry as: source term = target term", severity="warning")
                return
            source, target = (part.strip() for part in value.split("=", 1))
            if not source or not target:
                self.notify("both terms are needed: source term = target term", severity="warning")
                return
            src, tgt = self.bitext.bead_texts(self.bitext.beads[k])
            entry = TermEntry(
                source,
                target,
                count=1,
                status=TermStatus.APPROVED,
                kind=TermKind.NAME if source[:1].isupper() else TermKind.TERM,
                score=1.0,
                examples=[TermExample(k, " ".join(src), " ".join(tgt))],
            )
            self.editor.add_term(entry)
            self._after_edit(None)
            self._show_glossary()
            self.notify(f"added {source} ↔ {target} (approved)")

        self.push_screen(Prompt("new glossary entry from this pair: source term = target term"), done)

    def action_export(self) -> None:
        stem = self.path.name.removesuffix(".dari.json")

        def done(value: str | None) -> None:
            if value:
                self.export(Path(value).expanduser())

        self.push_screen(
            Prompt("export to (suffix picks the format: .tmx .csv .tsv .xlf .beads)", f"{stem}.tmx"), done
        )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for key in KEYS:
            if key.action:
                yield SystemCommand(key.label, key.help, lambda a=key.action: self.run_action(a))
        yield SystemCommand(
            "dari check", "Run dari check on the project now (findings list)", self.run_checks
        )
        yield SystemCommand("dari export", "Export like dari export (TMX/CSV/TSV/XLIFF)", self.action_export)
        yield SystemCommand(
            "dari glossary",
            "Extract the glossary from the beads again (approved and rejected entries are kept)",
            self.action_extract_glossary,
        )
        yield SystemCommand(
            "dari align (realign)", "Realign the unconfirmed rest with the aligner", self.action_realign
        )


def make_app(
    project: str | Path,
    *,
    read_only: bool = False,
    scoring: bool = True,
    checking: bool = True,
    encoder: str = "use",
) -> ReviewApp:
    """Open a project for review. Takes the project's lock (a live session elsewhere makes
    this one read-only) and finds a journal a previous session left (offered at mount)."""
    path = Path(project)
    bitext = load_project(path)
    # the project's hundreds of thousands of objects live as long as the app: keep the cyclic
    # garbage collector from walking them all on some key press (a 240 ms pause at 50,000 beads)
    gc.freeze()
    lock: ProjectLock | None = None
    reason = "opened with --read-only" if read_only else None
    if not read_only:
        lock = ProjectLock(path)
        try:
            lock.acquire()
        except LockedError as exc:
            lock = None
            reason = f"{exc}"
        except DariError as exc:
            lock = None
            reason = f"{exc}"
    pending: list[Change] = []
    stale: str | None = None
    journal = Journal.for_project(path)
    if reason is None and journal.path.exists():
        header = journal.read_header()
        now = Fingerprint.of(path)
        recorded = header.get("project_sha256")
        try:
            if recorded and now is not None and recorded != now.sha256:
                raise InputError(f"{journal.path.name} was written for an earlier version of {path.name}")
            pending = journal.read()
            probe = load_project(path)  # replay on a copy: the offer must not change anything yet
            recover(probe, journal)
        except DariError as exc:
            stale = str(exc)
            pending = []
        if not pending and stale is None:
            journal.clear()  # an empty journal (header only) holds nothing to recover
    return ReviewApp(
        bitext,
        path,
        lock=lock,
        read_only_reason=reason,
        pending=pending,
        stale_journal=stale,
        scoring=scoring,
        checking=checking,
        encoder=encoder,
    )

"""The review app: walk through an alignment, fix it, confirm it, save it without losing work.

``make_app`` is the one factory the CLI (``dari review``) and the tests share. Every edit goes
through ``align.editing.Editor`` (the same semantics as any batch tool) and is journaled
before the screen updates, so a crash or a closed terminal never loses a change: the next
``dari review`` replays the journal onto the last saved project.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static

from align.editing import Editor, Journal, recover
from align.errors import DariError
from align.model import Bead, BeadStatus, Bitext
from align.project import load_project, save_project

STATUS_STYLE = {BeadStatus.AUTO: "", BeadStatus.CONFIRMED: "green", BeadStatus.EDITED: "cyan"}


def _clip(text: str, width: int = 46) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class ReviewApp(App[None]):
    """Bead table on top, the selected pair in full below."""

    CSS_PATH = "review.tcss"
    TITLE = "dari review"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "confirm", "Confirm", id="confirm"),
        Binding("m", "merge", "Merge ↓", id="merge"),
        Binding("s", "split", "Split", id="split"),
        Binding("u", "unpair", "Unpair", id="unpair"),
        Binding("j", "shift('src', 'down')", "Src ↓", id="shift-src-down"),
        Binding("k", "shift('src', 'up')", "Src ↑", id="shift-src-up"),
        Binding("J", "shift('tgt', 'down')", "Tgt ↓", id="shift-tgt-down"),
        Binding("K", "shift('tgt', 'up')", "Tgt ↑", id="shift-tgt-up"),
        Binding("ctrl+z", "undo", "Undo", id="undo"),
        Binding("ctrl+y", "redo", "Redo", id="redo"),
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, bitext: Bitext, path: Path, recovered: int = 0) -> None:
        super().__init__()
        self.bitext = bitext
        self.path = path
        self.editor = Editor(bitext, Journal.for_project(path))
        self.recovered = recovered

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="beads", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#beads", DataTable)
        table.add_columns("#", "type", "score", "status", self.bitext.source.lang, self.bitext.target.lang)
        self._refill(0)
        self.sub_title = self.path.name
        if self.recovered:
            self.notify(f"recovered {self.recovered} unsaved edits from the journal", timeout=6)

    # --- display -------------------------------------------------------------------
    def _row(self, k: int, bead: Bead) -> tuple[Text, ...]:
        src, tgt = self.bitext.bead_texts(bead)
        style = STATUS_STYLE[bead.status]
        kind_style = "yellow" if bead.is_null else ("red" if bead.score < 0.5 else "")
        return (
            Text(str(k), style="dim"),
            Text(bead.kind, style=kind_style),
            Text(f"{bead.score:.2f}", style=kind_style),
            Text(bead.status.value, style=style),
            Text(_clip(" ".join(src))),
            Text(_clip(" ".join(tgt))),
        )

    def _refill(self, cursor: int) -> None:
        table = self.query_one("#beads", DataTable)
        table.clear()
        for k, bead in enumerate(self.bitext.beads):
            table.add_row(*self._row(k, bead))
        if self.bitext.beads:
            table.move_cursor(row=max(0, min(cursor, len(self.bitext.beads) - 1)))
        self._show_detail()

    def _show_detail(self) -> None:
        k = self.cursor
        detail = self.query_one("#detail", Static)
        if not 0 <= k < len(self.bitext.beads):
            detail.update("")
            return
        bead = self.bitext.beads[k]
        src, tgt = self.bitext.bead_texts(bead)
        body = Text()
        body.append(f"bead {k}  {bead.kind}  score {bead.score:.2f}  {bead.status.value}\n", style="bold")
        body.append(f"{self.bitext.source.lang}: ", style="bold blue")
        body.append((" ".join(src) or "—") + "\n")
        body.append(f"{self.bitext.target.lang}: ", style="bold magenta")
        body.append(" ".join(tgt) or "—")
        detail.update(body)

    @property
    def cursor(self) -> int:
        return self.query_one("#beads", DataTable).cursor_row

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    # --- edits ---------------------------------------------------------------------
    def _edit(self, what: str, *args: object) -> None:
        k = self.cursor
        try:
            getattr(self.editor, what)(*args)
        except DariError as exc:
            self.notify(str(exc), severity="warning")
            return
        self._refill(k)
        self.sub_title = f"{self.path.name} (modified)"

    def action_confirm(self) -> None:
        self._edit("set_status", [self.cursor], BeadStatus.CONFIRMED)
        self.query_one("#beads", DataTable).move_cursor(row=self.cursor + 1)

    def action_merge(self) -> None:
        self._edit("merge_next", self.cursor)

    def action_split(self) -> None:
        if not 0 <= self.cursor < len(self.bitext.beads):
            self.notify("no bead to split here", severity="warning")
            return  # an empty project has no row under the cursor
        bead = self.bitext.beads[self.cursor]
        self._edit("split", self.cursor, min(1, len(bead.src)), min(1, len(bead.tgt)))

    def action_unpair(self) -> None:
        self._edit("unpair", self.cursor)

    def action_shift(self, side: str, direction: str) -> None:
        self._edit("shift", self.cursor, side, direction)

    def action_undo(self) -> None:
        k = self.cursor
        if self.editor.undo() is None:
            self.notify("nothing to undo")
        self._refill(k)

    def action_redo(self) -> None:
        k = self.cursor
        if self.editor.redo() is None:
            self.notify("nothing to redo")
        self._refill(k)

    def action_save(self) -> None:
        try:
            save_project(self.bitext, self.path)
        except DariError as exc:
            self.notify(f"not saved: {exc}", severity="error", timeout=10)
            return
        assert self.editor.journal is not None
        self.editor.journal.clear()
        self.sub_title = self.path.name
        self.notify(f"saved {self.path.name}")


def make_app(project: str | Path) -> ReviewApp:
    """Open a project for review, replaying any journal a previous session left behind."""
    path = Path(project)
    bitext = load_project(path)
    journal = Journal.for_project(path)
    recovered = recover(bitext, journal) if journal.path.exists() else 0
    return ReviewApp(bitext, path, recovered)

"""The project's glossary as a panel under the text: approve, reject, edit, jump to evidence.

Built like the findings panel (``v`` shows it and moves the focus there and back). Every
change goes through the editor, so it is journaled, undoable and saved with the project like
any bead edit; an empty glossary is extracted from the current beads in a worker.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from align.model import TermEntry, TermStatus

STATUS_MARK = {
    TermStatus.APPROVED: ("✓", "green"),
    TermStatus.REJECTED: ("✗", "red"),
    TermStatus.CANDIDATE: ("·", "dim"),
}


def term_label(entry: TermEntry) -> Text:
    mark, style = STATUS_MARK[entry.status]
    text = Text()
    text.append(f"{mark} ", style=style)
    text.append(entry.source, style="bold")
    text.append("  ↔  ")
    text.append(entry.target, style="bold")
    text.append(f"   {entry.kind.value} · {entry.score:.2f} · {entry.count}×", style="dim")
    return text


class GlossaryPanel(OptionList):
    """One option per entry; the keys act on the highlighted entry."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,v", "leave", "Back to the text", show=False),
        Binding("a", "status('approved')", "Approve", show=False),
        Binding("r", "status('rejected')", "Reject", show=False),
        Binding("x", "status('candidate')", "Undecided", show=False),
        Binding("e", "edit", "Edit target", show=False),
    ]
    DEFAULT_CSS = """
    GlossaryPanel { height: 12; border: round $success; display: none; }
    GlossaryPanel.-shown { display: block; }
    """

    class Chosen(Message):
        """Enter: go to the entry's first example pair."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Status(Message):
        def __init__(self, index: int, status: TermStatus) -> None:
            super().__init__()
            self.index = index
            self.status = status

    class Edit(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Leave(Message):
        pass

    def show_entries(self, entries: list[TermEntry], note: str = "") -> None:
        highlighted = self.highlighted
        self.clear_options()
        if entries:
            self.add_options([Option(term_label(e), id=str(n)) for n, e in enumerate(entries)])
        else:
            self.add_option(Option(note or "no glossary yet", disabled=True))
        approved = sum(e.status is TermStatus.APPROVED for e in entries)
        self.border_title = (
            f"glossary: {len(entries)} ({approved} approved){' ' + note if note and entries else ''} — "
            "a approve, r reject, x undecided, e edit, enter shows the pair, v or esc back"
        )
        if entries:
            self.highlighted = min(highlighted or 0, len(entries) - 1)

    def _current(self) -> int | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id) if option.id is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(int(event.option.id)))

    def action_status(self, status: str) -> None:
        index = self._current()
        if index is not None:
            self.post_message(self.Status(index, TermStatus(status)))

    def action_edit(self) -> None:
        index = self._current()
        if index is not None:
            self.post_message(self.Edit(index))

    def action_leave(self) -> None:
        self.post_message(self.Leave())

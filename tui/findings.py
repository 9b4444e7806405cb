"""The findings of ``dari check`` as a panel under the text; enter jumps to the row.

A panel rather than a dialog: a reviewer works down the list while looking at the rows it
points to, so both stay on screen (``l`` shows it and moves the focus there and back).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from align.model import Finding

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def finding_label(f: Finding) -> Text:
    where = []
    if f.src:
        where.append(f"src {f.src[0] + 1}")
    if f.tgt:
        where.append(f"tgt {f.tgt[0] + 1}")
    text = Text()
    text.append(f"{f.severity.value:<7} ", style=SEVERITY_STYLE.get(f.severity.value, ""))
    text.append(f"{f.check:<10} ", style="bold")
    text.append(f"{', '.join(where):<15} ", style="dim")
    text.append(f.message)
    return text


class FindingsPanel(OptionList):
    """One option per finding; ``Chosen`` carries the finding's index."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,l", "leave", "Back to the text", show=False),
    ]
    DEFAULT_CSS = """
    FindingsPanel { height: 10; border: round $accent; display: none; }
    FindingsPanel.-shown { display: block; }
    """

    class Chosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Leave(Message):
        pass

    def show_findings(self, findings: list[Finding], state: str) -> None:
        highlighted = self.highlighted
        self.clear_options()
        if findings:
            self.add_options([Option(finding_label(f), id=str(n)) for n, f in enumerate(findings)])
        else:
            self.add_option(Option("no findings", disabled=True))
        self.border_title = f"findings: {len(findings)} ({state}) — enter jumps to the row, l or esc back"
        if findings:
            self.highlighted = min(highlighted or 0, len(findings) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(int(event.option.id)))

    def action_leave(self) -> None:
        self.post_message(self.Leave())

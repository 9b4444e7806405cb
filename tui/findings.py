"""The findings of ``dari check`` as a list beside the text; choosing one jumps to its row."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
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
    text.append(f"{f.check:<12} ", style="bold")
    text.append(f"{', '.join(where):<16} ", style="dim")
    text.append(f.message)
    return text


class FindingsScreen(ModalScreen[int | None]):
    """Answers the index of the chosen finding (the app jumps to its row)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,l,q", "close", "Close"),
    ]
    DEFAULT_CSS = """
    FindingsScreen { align: center middle; }
    FindingsScreen > Vertical { width: 100%; height: 100%; border: thick $accent; background: $surface; }
    FindingsScreen OptionList { height: 1fr; }
    """

    def __init__(self, findings: list[Finding], state: str) -> None:
        super().__init__()
        self.findings = findings
        self.state = state

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                Text(
                    f"Findings ({len(self.findings)}; {self.state}) — enter jumps to the row, esc closes",
                    style="bold",
                )
            )
            yield OptionList(
                *[Option(finding_label(f), id=str(n)) for n, f in enumerate(self.findings)]
                or [Option("no findings", disabled=True)],
                id="findings",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_close(self) -> None:
        self.dismiss(None)

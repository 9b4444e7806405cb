"""The help screen: every key of the app, grouped, from the one table the bindings come from."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keys import KEYS

INTRO = (
    "Each row is a bead: source sentences beside the target sentences they translate. "
    "The current row is shown in full, each sentence after its number; ¦ marks sentence "
    "boundaries in the other rows. Marks: ✓ confirmed, ✎ edited, · not reviewed; ! a finding, "
    "★ a bookmark. Scores: green ≥ .80, yellow ≥ .50, red below (a row with nothing paired is "
    "a missing translation and shows — in red). Every edit is journaled before the screen "
    "changes: a crash or a closed terminal loses nothing, and the next open offers to recover."
)


def help_table() -> Table:
    table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
    table.add_column("key", style="bold cyan", no_wrap=True)
    table.add_column("what", ratio=1)
    group = None
    for key in KEYS:
        if key.group != group:
            group = key.group
            table.add_row(Text(group, style="bold underline"), "")
        table.add_row(key.keys.replace(",", " "), key.help)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,h,f1", "close", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 100%; height: 100%; border: thick $accent; background: $surface; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("dari review — keys (esc closes)", style="bold"))
            yield Static(INTRO)
            yield Static(help_table())

    def action_close(self) -> None:
        self.dismiss(None)

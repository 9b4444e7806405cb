"""The review app's modal dialogs: questions that must be answered before work goes on
(recover or discard, save before quitting, overwrite a changed file), one-line prompts
(search, go to, export path), the sentence editor and the split chooser."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option


class Choice(ModalScreen[str]):
    """A question with buttons; each button's id is the answer, escape answers ``cancel``."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "answer('cancel')", "Cancel", show=False)]
    DEFAULT_CSS = """
    Choice { align: center middle; }
    Choice > Vertical { width: 76; max-width: 100%; height: auto; border: thick $accent; padding: 1 2; background: $surface; }
    Choice Horizontal { height: auto; margin-top: 1; }
    Choice Button { margin-right: 1; min-width: 10; }
    """

    def __init__(self, title: str, message: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text, style="bold"))
            yield Static(self.message)
            with Horizontal():
                for n, (answer, label) in enumerate(self.answers):
                    yield Button(
                        f"{label} ({label[0].lower()})", id=answer, variant="primary" if n == 0 else "default"
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()  # enter takes the first (safe) answer

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def on_key(self, event: events.Key) -> None:
        """Each answer's first letter answers it (s save, d discard, c cancel, r recover)."""
        for answer, label in self.answers:
            if event.character and event.character.lower() == label[0].lower():
                event.stop()
                self.dismiss(answer)
                return

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)


class Prompt(ModalScreen[str | None]):
    """One line of input at the bottom of the screen (search, go to, export path)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]
    DEFAULT_CSS = """
    Prompt { align: center bottom; }
    Prompt > Vertical { height: auto; width: 100%; background: $surface; border-top: solid $accent; padding: 0 1; }
    """

    def __init__(self, label: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.label = label
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.label)
            yield Input(value=self.value, placeholder=self.placeholder)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SentenceEditor(ModalScreen[tuple[str, int, int, str] | None]):
    """Edit the sentences of one side of a bead, one sentence per line.

    Answers ``("edit", line, 0, text)`` for each changed line's new text (the first one),
    ``("split", line, column, "")`` to cut the sentence under the cursor there, or
    ``("join", line, 0, "")`` to join the sentence under the cursor with the next one.
    The original text of each sentence is shown below, since an edit never loses it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "apply", "Apply", priority=True),
        Binding("ctrl+t", "split", "Split at cursor", priority=True),
        Binding("ctrl+j", "join", "Join with next", priority=True),
    ]
    DEFAULT_CSS = """
    SentenceEditor { align: center middle; }
    SentenceEditor > Vertical { width: 96%; height: 90%; border: thick $accent; background: $surface; padding: 0 1; }
    SentenceEditor TextArea { height: 1fr; }
    SentenceEditor #original { height: auto; max-height: 8; color: $text-muted; }
    SentenceEditor #keys { height: 1; color: $text-muted; }
    """

    def __init__(
        self, title: str, texts: list[str], originals: list[str], history: list[list[str]] | None = None
    ) -> None:
        super().__init__()
        self.title_text = title
        self.texts = texts
        self.originals = originals
        self.history = history or [[] for _ in texts]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text, style="bold"))
            yield TextArea("\n".join(self.texts), soft_wrap=True, id="text")
            yield Static(
                "ctrl+s apply · ctrl+t split sentence at cursor · ctrl+j join with next · esc cancel",
                id="keys",
            )
            changed = [
                (n, o) for n, (t, o) in enumerate(zip(self.texts, self.originals, strict=True)) if t != o
            ]
            if changed:
                with VerticalScroll(id="original"):
                    for n, original in changed:
                        yield Static(Text(f"original of line {n + 1}: {original}", style="italic"))

    def on_mount(self) -> None:
        self._area().focus()

    def _area(self) -> TextArea:
        return self.query_one("#text", TextArea)

    def action_apply(self) -> None:
        lines = self._area().text.split("\n")
        if len(lines) != len(self.texts):
            self.app.notify(
                "keep one sentence per line: use ctrl+t to split a sentence, ctrl+j to join two",
                severity="warning",
            )
            return
        for n, (new, old) in enumerate(zip(lines, self.texts, strict=True)):
            if new.strip() != old:
                self.dismiss(("edit", n, 0, new))
                return
        self.dismiss(None)

    def action_split(self) -> None:
        row, col = self._area().cursor_location
        self.dismiss(("split", row, col, ""))

    def action_join(self) -> None:
        row, _ = self._area().cursor_location
        self.dismiss(("join", row, 0, ""))

    def action_cancel(self) -> None:
        self.dismiss(None)


class SplitChooser(ModalScreen[tuple[int, int] | None]):
    """Choose where a bead is cut: after which source and after which target sentence."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("tab", "switch", "Other side", priority=True),
        Binding("enter", "done", "Split here", priority=True),
    ]
    DEFAULT_CSS = """
    SplitChooser { align: center middle; }
    SplitChooser > Vertical { width: 96%; height: 90%; border: thick $accent; background: $surface; padding: 0 1; }
    SplitChooser OptionList { height: 1fr; }
    """

    def __init__(self, src: list[str], tgt: list[str]) -> None:
        super().__init__()
        self.src = src
        self.tgt = tgt

    def _options(self, texts: list[str]) -> list[Option]:
        out = []
        for cut in range(len(texts) + 1):
            before = texts[cut - 1] if cut else "(start)"
            after = texts[cut] if cut < len(texts) else "(end)"
            out.append(Option(Text(f"after {cut}: …{before[-40:]}  ‖  {after[:40]}…"), id=str(cut)))
        return out

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                Text(
                    "Split the bead: pick a cut on each side (tab switches side, enter splits)", style="bold"
                )
            )
            yield Label("source")
            yield OptionList(*self._options(self.src), id="src")
            yield Label("target")
            yield OptionList(*self._options(self.tgt), id="tgt")

    def on_mount(self) -> None:
        for side, texts in (("src", self.src), ("tgt", self.tgt)):
            self.query_one(f"#{side}", OptionList).highlighted = min(1, len(texts))
        self.query_one("#src", OptionList).focus()

    def action_switch(self) -> None:
        src, tgt = self.query_one("#src", OptionList), self.query_one("#tgt", OptionList)
        (tgt if src.has_focus else src).focus()

    def action_done(self) -> None:
        src = self.query_one("#src", OptionList).highlighted or 0
        tgt = self.query_one("#tgt", OptionList).highlighted or 0
        self.dismiss((src, tgt))

    def action_cancel(self) -> None:
        self.dismiss(None)

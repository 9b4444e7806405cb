"""Aligning before a review (``dari review SRC TGT``): a progress bar while a worker aligns,
cancellable with escape; the result is written as a project the review then opens."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, ProgressBar
from textual.worker import get_current_worker

from align.errors import CancelledError, DariError


class AlignApp(App[Path | None]):
    """Returns the project path once written, None when cancelled; ``error`` says why not."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,ctrl+c", "cancel", "Cancel", priority=True)]
    DEFAULT_CSS = """
    AlignApp { align: center middle; }
    AlignApp > Vertical { width: 70; height: auto; border: thick $accent; padding: 1 2; }
    """

    def __init__(
        self, inputs: list[str], output: Path, options: Any, encoder: str, encoder_options: Any
    ) -> None:
        super().__init__()
        self.inputs = inputs
        self.output = output
        self.options = options
        self.encoder_name = encoder
        self.encoder_options = encoder_options
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Aligning {' + '.join(Path(p).name for p in self.inputs)} → {self.output.name}")
            yield Label("reading", id="stage")
            yield ProgressBar(id="bar", show_eta=False)
            yield Label("escape cancels", classes="dim")

    def on_mount(self) -> None:
        self.align()

    def _progress(self, stage: str, done: int, total: int) -> None:
        self.query_one("#stage", Label).update(stage)
        self.query_one("#bar", ProgressBar).update(total=total or None, progress=done)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def align(self) -> None:
        from align.pipeline import load_bitext
        from align.project import save_project

        worker = get_current_worker()
        try:
            bitext = load_bitext(
                self.inputs,
                self.options,
                encoder=self.encoder_name,
                encoder_options=self.encoder_options,
                progress=lambda s, d, t: self.call_from_thread(self._progress, s, d, t),
                cancel=lambda: worker.is_cancelled,
            )
            save_project(bitext, self.output)
        except CancelledError:
            return
        except DariError as exc:
            self.error = str(exc)
            self.call_from_thread(self.exit, None)
            return
        self.call_from_thread(self.exit, self.output)

    def action_cancel(self) -> None:
        self.workers.cancel_all()
        self.exit(None)

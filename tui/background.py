"""The review app's slow work, each in a thread worker on a snapshot of the beads so that
the keys never wait: sentence vectors for rescoring (cursor's neighbourhood first), the
checks (debounced after edits), realign, export. Results come back through
``call_from_thread``; escape cancels what is running.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.worker import get_current_worker

from align.editing import Editor
from align.errors import DariError
from align.model import Bead, BeadStatus, Bitext, Document, Finding
from tui.bead_view import BeadView


def snapshot(bitext: Bitext) -> Bitext:
    """A copy a worker can read while the user keeps editing (lists copied, items shared:
    beads and segments are replaced, never changed in place, by every edit)."""
    return Bitext(
        Document(bitext.source.lang, bitext.source.text, list(bitext.source.segments), bitext.source.path),
        Document(bitext.target.lang, bitext.target.text, list(bitext.target.segments), bitext.target.path),
        list(bitext.beads),
        dict(bitext.signature),
        list(bitext.findings),
        list(bitext.glossary),
        dict(bitext.meta),
    )


class BackgroundWork(App[None]):
    """Workers of the review app (mixed into ``ReviewApp``)."""

    bitext: Bitext
    path: Path
    editor: Editor
    encoder: Any
    encoder_name: str
    activity: str
    findings: list[Finding]
    findings_state: str

    def _update_status(self) -> None:
        raise NotImplementedError

    def _index_findings(self) -> None:
        raise NotImplementedError

    def _on_change_counts(self, beads: list[Bead], sign: int) -> None:
        raise NotImplementedError

    def _writable(self) -> bool:
        raise NotImplementedError

    def _edit(self, what: str, *args: Any, cursor: int | None = None, full: bool = False) -> bool:
        raise NotImplementedError

    def _view(self) -> BeadView:
        return self.query_one("#beads", BeadView)

    def _progress(self, text: str) -> None:
        self.activity = text
        self._update_status()

    def _load_encoder(self) -> Any:
        if self.encoder is None:
            from align.encoders import EncoderOptions

            # one thread: the worker must not starve the keys
            self.encoder = EncoderOptions(threads=1).load(self.encoder_name)
        return self.encoder

    @work(thread=True, exclusive=True, group="vectors", exit_on_error=False)
    def load_vectors(self) -> None:
        """Encode sentences (cursor's neighbourhood first) so edited beads get real scores."""
        from align.rescoring import VectorScorer, around

        worker = get_current_worker()
        try:
            self.call_from_thread(self._progress, "loading the encoder…")
            encoder = self._load_encoder()
            scorer = VectorScorer(self.bitext, lambda texts: encoder.encode(list(texts)))
            order = around(self._view().cursor, len(self.bitext.beads))
            self.editor.scorer = scorer
            scorer.encode_beads(order, cancel=lambda: worker.is_cancelled)
            self.call_from_thread(self._progress, "")
            self.call_from_thread(self._rescore_pending)
        except DariError as exc:
            if not worker.is_cancelled:
                self.call_from_thread(self._progress, f"no rescoring: {exc}")
        except Exception as exc:  # a backend failure must not end the review
            if not worker.is_cancelled:
                self.call_from_thread(self._progress, f"no rescoring: {type(exc).__name__}")

    def _rescore_pending(self) -> None:
        """Beads edited before their vectors existed get their real score in a worker."""
        scorer = self.editor.scorer
        if not self.editor.unscored or scorer is None or getattr(scorer, "typical", None) is None:
            return
        beads = list(self.editor.unscored)
        self.editor.unscored.clear()
        self.rescore(beads)

    @work(thread=True, group="rescore", exit_on_error=False)
    def rescore(self, beads: list[Bead]) -> None:
        worker = get_current_worker()
        scorer = self.editor.scorer
        try:
            scorer.encode_for(beads, cancel=lambda: worker.is_cancelled)  # type: ignore[union-attr]
        except Exception:  # the bead keeps its provisional score; nothing is lost
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._apply_rescores, beads)

    def _apply_rescores(self, beads: list[Bead]) -> None:
        present = {id(b) for b in self.bitext.beads}
        changed = False
        for bead in beads:
            if id(bead) not in present:
                continue  # undone or edited again meanwhile: that bead has its own score
            self._on_change_counts([bead], -1)
            changed |= self.editor.rescore(bead)
            self._on_change_counts([bead], 1)
        if changed:
            self._view().refresh_rows()
            self._update_status()

    def schedule_checks(self) -> None:
        timer = getattr(self, "_check_timer", None)
        if timer is not None:
            timer.stop()
        self._check_timer = self.set_timer(0.6, self.run_checks)

    @work(thread=True, exclusive=True, group="glossary", exit_on_error=False)
    def extract_glossary(self) -> None:
        """``dari glossary`` on the current beads; reviewed entries win over fresh ones."""
        from glossary.corpus import pairs_of_bitext
        from glossary.extraction import extract_glossary
        from glossary.merge import merge_glossaries

        copy = snapshot(self.bitext)
        self.call_from_thread(self._progress, "extracting the glossary…")
        try:
            pairs = pairs_of_bitext(copy, self.path.name)
            entries = extract_glossary(pairs, copy.source.lang, copy.target.lang, encoder=self.encoder)
            reviewed = [t for t in copy.glossary if t.status.value != "candidate"]
            merged = merge_glossaries(reviewed, entries).entries
        except Exception as exc:
            self.call_from_thread(self._progress, f"glossary failed: {type(exc).__name__}: {exc}")
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._set_glossary, merged)

    def _set_glossary(self, entries: list[Any]) -> None:
        self.activity = ""
        if entries == self.bitext.glossary:
            self._show_glossary()  # type: ignore[attr-defined]
            return
        self.editor.replace_glossary(entries)
        self._after_edit(None)  # type: ignore[attr-defined]
        self._show_glossary()  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="checks", exit_on_error=False)
    def run_checks(self) -> None:
        from align.checks.runner import run_checks

        worker = get_current_worker()
        copy = snapshot(self.bitext)
        self.call_from_thread(self._progress, "checking…")
        try:
            findings = run_checks(copy, self._check_context())
        except Exception as exc:
            self.call_from_thread(self._progress, f"checks failed: {type(exc).__name__}: {exc}")
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._set_findings, findings, copy.beads)

    def _check_context(self) -> Any:
        """The settings ``dari check PROJECT`` run from here would use (dari.toml found upwards,
        the encoder's sentence vectors once it is loaded), so the UI and the CLI report the same."""
        from align.checks.registry import CHECKS, CheckContext
        from align.cli.check_cmd import GlossaryReader
        from align.config import load_config
        from align.encoders import encoder_from_signature

        config = load_config(None, known_checks=set(CHECKS.names()))
        # the project's own encoder only: its vectors are what the aligner judged with
        same = encoder_from_signature(self.bitext.signature) == self.encoder_name
        context = CheckContext(config=config, encoder=self.encoder if same else None)
        if config.glossary:
            context.glossary_reader = GlossaryReader(str(config.glossary), None, None)
        return context

    def _set_findings(self, findings: list[Finding], beads: list[Bead]) -> None:
        self.findings = findings
        self.findings_state = "current" if beads == self.bitext.beads else "refreshing"
        self._index_findings()
        self.activity = ""
        panel = self.query_one("#findings")
        if panel.has_class("-shown"):
            panel.show_findings(findings, self.findings_state)  # type: ignore[attr-defined]
        self._view().refresh_rows()
        self._update_status()

    def action_realign(self) -> None:
        if not self._writable() or not self.bitext.beads:
            return
        from align.realign import unreviewed_stretch_start

        beads = self.bitext.beads
        start = unreviewed_stretch_start(beads, self._view().cursor)
        if all(b.status is not BeadStatus.AUTO for b in beads[start:]):
            self.notify("nothing to realign: every bead from here on was confirmed or edited")
            return
        self.realign(start)

    @work(thread=True, exclusive=True, group="realign", exit_on_error=False)
    def realign(self, start: int) -> None:
        """Realign every stretch of unreviewed beads from ``start`` to the end; confirmed and
        edited beads are anchors the aligner works between, never moves."""
        from align.realign import realign_from

        worker = get_current_worker()
        copy = snapshot(self.bitext)
        try:
            self.call_from_thread(self._progress, "realign: loading the encoder…")
            encoder = self._load_encoder()
            beads, out = realign_from(
                copy,
                start,
                encoder,
                progress=lambda _s, done, total: self.call_from_thread(
                    self._progress, f"realign {done * 100 // max(1, total)}%"
                ),
                cancel=lambda: worker.is_cancelled,
            )
        except DariError as exc:
            self.call_from_thread(self._progress, f"realign stopped: {exc}")
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._apply_realign, start, beads, out)

    def _apply_realign(self, start: int, removed: list[Bead], added: list[Bead]) -> None:
        self.activity = ""
        if removed == added:
            self.notify("realign: the aligner agrees with the current beads")
            self._update_status()
            return
        if self._edit("replace", "realign", start, removed, added, cursor=start):
            self.notify(
                f"realigned from bead {start + 1} ({len(removed)} beads → {len(added)}; ctrl+z undoes)"
            )

    def action_cancel_work(self) -> None:
        running = [
            w for w in self.workers if w.group in ("realign", "checks", "export") and not w.is_finished
        ]
        for worker in running:
            worker.cancel()
        if running:
            self._progress("stopped")

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export(self, target: Path) -> None:
        from align.formats.registry import export_file, format_for_path
        from align.formats.selection import ExportOptions

        copy = snapshot(self.bitext)
        try:
            fmt = format_for_path(str(target), None)
            if target.resolve() == self.path.resolve():
                raise DariError("refusing to export over the project file itself")
            export_file(copy, target, fmt.name, ExportOptions())
        except DariError as exc:
            self.call_from_thread(self.notify, f"not exported: {exc}", severity="error", timeout=10)
            return
        self.call_from_thread(self.notify, f"exported {fmt.name} → {target}")

"""The tasks a batch can run on each pair: align (writing a project file) and check.

Each task is a small picklable record of settings; ``setup`` loads the encoder on the worker.
``dari glossary`` over many pairs will be a third task of the same shape.
"""

from __future__ import annotations

import glob
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from align.batch.jobs import FAILED, KEPT, OK, PairJob, PairOutcome
from align.errors import InputError

if TYPE_CHECKING:
    from align.aligner import AlignParams
    from align.checks.registry import CheckContext
    from align.encoders import Encoder, EncoderOptions
    from align.model import Bitext


def bead_stats(n_src: int, n_tgt: int, beads: list[tuple[int, int, float]]) -> dict[str, Any]:
    """The summary's numbers for one alignment, from (source count, target count, score) per bead."""
    paired = [score for s, t, score in beads if s and t]
    return {
        "src_sentences": n_src,
        "tgt_sentences": n_tgt,
        "beads": len(beads),
        "unpaired": len(beads) - len(paired),
        "mean_score": round(sum(paired) / len(paired), 4) if paired else None,
    }


def bitext_stats(bitext: Bitext) -> dict[str, Any]:
    beads = [(len(b.src), len(b.tgt), round(b.score, 4)) for b in bitext.beads]
    return bead_stats(len(bitext.source.segments), len(bitext.target.segments), beads)


def _encoder_for(spec: str, options: EncoderOptions | None, threads: int | None) -> Encoder:
    from dataclasses import replace

    from align.encoders import EncoderOptions

    opts = options or EncoderOptions()
    if threads is not None and opts.threads is None:
        opts = replace(opts, threads=threads)
    return opts.load(spec)


@dataclass
class AlignTask:
    """Align each pair and write its project file to ``job.output``."""

    encoder: str = "use"
    encoder_options: EncoderOptions | None = None
    params: AlignParams | None = None
    presplit: bool = False
    kind: str = "align"
    _encoder: Any = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_encoder"] = None  # the model never travels: each worker loads its own
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def settings(self) -> dict[str, Any]:
        """What, besides the inputs and the encoder, the output depends on (for resume keys)."""
        from align.aligner import AlignParams

        return {
            "task": self.kind,
            "presplit": self.presplit,
            "params": (self.params or AlignParams()).to_dict(),
        }

    def setup(self, threads: int | None) -> None:
        if self._encoder is None:
            self._encoder = _encoder_for(self.encoder, self.encoder_options, threads)

    def align(self, job: PairJob) -> Bitext:
        from align.pipeline import InputOptions, align_documents, read_documents

        if job.target is None:
            raise InputError(f"{job.source}: no translation found for this file")
        self.setup(None)
        options = InputOptions(src_lang=job.src_lang, tgt_lang=job.tgt_lang, presplit=self.presplit)
        source, target = read_documents([job.source, job.target], options)
        bitext = align_documents(source, target, encoder=self._encoder, params=self.params)
        if job.key:
            bitext.meta["batch"] = {"key": job.key}
        return bitext

    def run(self, job: PairJob) -> PairOutcome:
        from align.atomic import write_text_atomic
        from align.project import dumps_project

        bitext = self.align(job)
        if job.output:
            out = Path(job.output)
            out.parent.mkdir(parents=True, exist_ok=True)
            # a worker stopped mid-write (the batch was interrupted) leaves its temporary file
            for stale in out.parent.glob(f".{glob.escape(out.name)}.*.tmp"):
                stale.unlink(missing_ok=True)
            write_text_atomic(out, dumps_project(bitext))
        return PairOutcome(job.name, OK, output=job.output, stats=bitext_stats(bitext))

    def resume(self, job: PairJob) -> PairOutcome | None:
        if not job.output or not Path(job.output).exists():
            return None
        try:
            obj = json.loads(Path(job.output).read_bytes())
            batch = obj.get("meta", {}).get("batch", {})
            beads = obj["beads"]
            statuses = {b.get("status", "auto") for b in beads}
            counts = (len(obj["source"]["segments"]), len(obj["target"]["segments"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return PairOutcome(
                job.name,
                FAILED,
                output=job.output,
                error=f"{job.output}: exists and is not a dari project; not overwritten",
            )
        if job.key and isinstance(batch, dict) and batch.get("key") == job.key:
            rows = [(len(b["src"]), len(b["tgt"]), float(b["score"])) for b in beads]
            return PairOutcome(job.name, KEPT, output=job.output, stats=bead_stats(*counts, rows))
        if not isinstance(batch, dict) or "key" not in batch or statuses - {"auto"}:
            # a project someone made or reviewed by hand: their work, never replaced
            return PairOutcome(
                job.name,
                FAILED,
                output=job.output,
                error=f"{job.output}: exists and holds work not made by this batch (reviewed or aligned by hand); move it away to realign",
            )
        return None  # our own earlier output, now stale: realign


@dataclass
class CheckTask:
    """Check each pair (aligning it first); the outcome's payload is the check's ``PairResult``."""

    context: CheckContext
    only: set[str] | None = None
    encoder: str = "use"
    encoder_options: EncoderOptions | None = None
    presplit: bool = False
    plot: bool = False
    """Draw each pair's alignment into its result (the HTML report shows it)."""
    keep_bitext: bool = False
    """Keep the bitext in the result (the HTML report shows both texts)."""
    kind: str = "check"
    _encoder: Any = field(default=None, repr=False, compare=False)
    _threads: int | None = field(default=None, repr=False, compare=False)
    _project_encoders: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_encoder"] = None
        state["_project_encoders"] = {}
        state["context"] = _without_encoder(self.context)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def setup(self, threads: int | None) -> None:
        """The encoder loads on first use only: a pair whose translation is missing needs none."""
        self._threads = threads

    def encoder_instance(self) -> Encoder:
        if self._encoder is None:
            self._encoder = _encoder_for(self.encoder, self.encoder_options, self._threads)
        return self._encoder

    def project_encoder(self, bitext: Bitext) -> Encoder | None:
        """The encoder a project file was aligned with (its signature names it), whose
        vectors the checks read back from the vector cache; None when it names none."""
        from align.encoders import encoder_from_signature

        spec = encoder_from_signature(bitext.signature)
        if spec is None:
            return None
        if spec == self.encoder:
            return self.encoder_instance()
        if spec not in self._project_encoders:
            self._project_encoders[spec] = _encoder_for(spec, self.encoder_options, self._threads)
        encoder: Encoder = self._project_encoders[spec]
        return encoder

    def check_paths(
        self, name: str, paths: list[str], src_lang: str | None, tgt_lang: str | None, progress: Any = None
    ) -> Any:
        from dataclasses import replace

        from align.checks import locate, run_checks
        from align.checks.report import PairResult
        from align.pipeline import InputOptions, align_documents, is_project_file, read_documents
        from align.project import load_project

        if len(paths) == 1 and is_project_file(paths[0]):
            bitext = load_project(paths[0])
            encoder = self.project_encoder(bitext)
        else:
            options = InputOptions(src_lang=src_lang, tgt_lang=tgt_lang, presplit=self.presplit)
            source, target = read_documents(paths, options)
            encoder = self.encoder_instance()
            bitext = align_documents(source, target, encoder=encoder, progress=progress)
        findings = run_checks(bitext, replace(self.context, encoder=encoder), self.only)
        plot_png = None
        if self.plot:
            from align.plotting.figure import render_plot

            plot_png = render_plot(bitext, encoder=self.encoder_instance(), dpi=80)
        return PairResult(
            name=name,
            findings=[locate(bitext, f) for f in findings],
            source_file=bitext.source.path,
            target_file=bitext.target.path,
            plot_png=plot_png,
            bitext=bitext if self.keep_bitext else None,
        )

    def run(self, job: PairJob) -> PairOutcome:
        if job.target is None:
            result = missing_translation(job, self.context)
            return PairOutcome(job.name, OK, stats={"findings": len(result.findings)}, payload=result)
        result = self.check_paths(job.name, [job.source, job.target], job.src_lang, job.tgt_lang)
        stats = {"findings": len(result.findings)}
        return PairOutcome(job.name, OK, stats=stats, payload=result)

    def resume(self, job: PairJob) -> PairOutcome | None:
        return None  # a check writes nothing to keep


def _without_encoder(context: CheckContext) -> CheckContext:
    from dataclasses import replace

    return replace(context, encoder=None)


def missing_translation(job: PairJob, context: CheckContext) -> Any:
    """A source file whose translation does not exist at all: drift too, reported as missing."""
    from align.checks.report import LocatedFinding, Location, PairResult, fingerprint
    from align.model import Finding, Severity

    result = PairResult(name=job.name, source_file=job.source)
    if context.config.is_enabled("missing"):
        message = "this file has no translation" + (
            f" ({job.tgt_lang} file not found)" if job.tgt_lang else ""
        )
        finding = Finding("missing", Severity.ERROR, message, suggestion="translate the file")
        loc = Location(job.source, 1, 1, "")
        result.findings.append(LocatedFinding(finding, loc, None, fingerprint("missing-file", job.name, "")))
    return result

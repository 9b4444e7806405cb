"""dari from Python: align, check and batch-align with polars DataFrames in and out.

For notebooks and pipelines; the ``dari`` command is a thin layer over these functions.
Encoders are loaded once per process and kept (loading USE costs half a second; aligning a
short document costs a few milliseconds), so calling ``align_texts`` in a loop is cheap.

Examples::

    import align.api

    beads = align.api.align_texts(english, korean)          # one row per bead
    beads = align.api.align_sentences(["Hi.", "Bye."], ["안녕.", "잘 가."])
    findings = align.api.check(align.api.align_files("a.en", "a.ko"))
    terms = align.api.glossary(align.api.align_files("a.en", "a.ko"))   # dari glossary's columns
    summary = align.api.align_batch(pairs, "out/", jobs=2)   # pairs: DataFrame src,tgt[,name]

Every function raises ``align.errors.DariError`` subclasses (``InputError``, ``UsageError``)
with a one-line message on bad input; none prints.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from align.errors import InputError, UsageError
from align.model import Bitext, Document

if TYPE_CHECKING:
    import polars as pl

    from align.aligner import AlignParams
    from align.batch.jobs import PairOutcome
    from align.batch.runner import BatchProgress
    from align.checks.pairing import FilePair
    from align.checks.registry import CheckContext
    from align.encoders import Encoder, EncoderOptions
    from align.progress import ProgressCallback

__all__ = [
    "align_batch",
    "align_files",
    "align_sentences",
    "align_texts",
    "batch_pairs",
    "beads_frame",
    "check",
    "check_batch",
    "findings_frame",
    "glossary",
    "load_encoder",
]


@functools.lru_cache(maxsize=4)
def _cached_encoder(spec: str, options: EncoderOptions | None) -> Encoder:
    from align.encoders import EncoderOptions

    return (options or EncoderOptions()).load(spec)


def load_encoder(spec: str | Encoder = "use", options: EncoderOptions | None = None) -> Encoder:
    """The encoder named ``spec`` (``use``, ``e5``, ``hf:PATH``), loaded once per process."""
    if not isinstance(spec, str):
        return spec
    return _cached_encoder(spec, options)


def _document(name: str, text: str, lang: str | None, presplit: bool) -> Document:
    from align.pipeline import document_from_text

    return document_from_text(name, text, lang, presplit)


def _sentence_document(name: str, sentences: Sequence[str], lang: str | None) -> Document:
    from align.model import segments_from_lines

    if isinstance(sentences, str):
        raise UsageError(f"{name}: give a list of sentences, not one string (use align_texts for text)")
    lines = [" ".join(str(s).split()) for s in sentences]
    if not any(lines):
        raise InputError(f"{name}: no sentences given")
    text, segments = segments_from_lines(lines)
    return _document(name, text, lang, True) if lang is None else Document(lang, text, segments, path=name)


def _same_language(source: Document, target: Document, given: bool) -> None:
    if source.lang == target.lang and not given:
        raise InputError(
            f"both sides look like the same language ('{source.lang}'); give src_lang and tgt_lang if that is intended"
        )


def _align(
    source: Document,
    target: Document,
    encoder: str | Encoder,
    params: AlignParams | None,
    progress: ProgressCallback | None,
) -> Bitext:
    from align.pipeline import align_documents

    return align_documents(source, target, encoder=load_encoder(encoder), params=params, progress=progress)


def align_texts(
    source: str,
    target: str,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    presplit: bool = False,
    encoder: str | Encoder = "use",
    params: AlignParams | None = None,
    progress: ProgressCallback | None = None,
) -> pl.DataFrame:
    """Split two texts into sentences and align them; one row per bead (see ``beads_frame``).
    Languages are detected when not given; ``presplit``: one sentence per line."""
    src = _document("source", source, src_lang, presplit)
    tgt = _document("target", target, tgt_lang, presplit)
    _same_language(src, tgt, bool(src_lang and tgt_lang))
    return beads_frame(_align(src, tgt, encoder, params, progress))


def align_sentences(
    source: Sequence[str],
    target: Sequence[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    encoder: str | Encoder = "use",
    params: AlignParams | None = None,
    progress: ProgressCallback | None = None,
) -> pl.DataFrame:
    """Align two lists of sentences as they are (no splitting); one row per bead."""
    src = _sentence_document("source", source, src_lang)
    tgt = _sentence_document("target", target, tgt_lang)
    _same_language(src, tgt, bool(src_lang and tgt_lang))
    return beads_frame(_align(src, tgt, encoder, params, progress))


def align_files(
    source: str | Path,
    target: str | Path | None = None,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    presplit: bool = False,
    encoder: str | Encoder = "use",
    params: AlignParams | None = None,
    progress: ProgressCallback | None = None,
) -> Bitext:
    """Two files, or one bilingual file, aligned; a project file (``*.dari.json``) is read as it is.
    The ``Bitext`` is what ``beads_frame``, ``check`` and ``align.project.save_project`` take."""
    from align.pipeline import InputOptions, load_bitext

    paths = [source] if target is None else [source, target]
    options = InputOptions(src_lang=src_lang, tgt_lang=tgt_lang, presplit=presplit)
    return load_bitext(paths, options, encoder=load_encoder(encoder), params=params, progress=progress)


def _bead_schema() -> dict[str, Any]:
    import polars as pl

    return {
        "bead": pl.Int64, "kind": pl.String, "src_ids": pl.List(pl.Int64), "tgt_ids": pl.List(pl.Int64),
        "src_text": pl.String, "tgt_text": pl.String, "score": pl.Float64, "status": pl.String,
    }  # fmt: skip


def beads_frame(bitext: Bitext) -> pl.DataFrame:
    """Beads as rows: ``bead``, ``kind`` (1-1, 2-1, 1-0...), ``src_ids``, ``tgt_ids`` (lists of
    sentence numbers from 0), ``src_text``, ``tgt_text`` (sentences joined by a space),
    ``score`` (0-1) and ``status`` (auto, confirmed, edited)."""
    import polars as pl

    src_texts = [s.text for s in bitext.source.segments]
    tgt_texts = [s.text for s in bitext.target.segments]
    beads = bitext.beads
    return pl.DataFrame(
        {
            "bead": list(range(len(beads))),
            "kind": [b.kind for b in beads],
            "src_ids": [list(b.src) for b in beads],
            "tgt_ids": [list(b.tgt) for b in beads],
            "src_text": [" ".join(src_texts[i] for i in b.src) for b in beads],
            "tgt_text": [" ".join(tgt_texts[j] for j in b.tgt) for b in beads],
            "score": [round(b.score, 4) for b in beads],
            "status": [b.status.value for b in beads],
        },
        schema=_bead_schema(),
    )


def _check_context(glossary: str | Path | None, config: str | Path | None) -> CheckContext:
    from align.checks.registry import CHECKS, CheckContext
    from align.config import load_config

    settings = load_config(str(config) if config else None, known_checks=set(CHECKS.names()))
    path = glossary or settings.glossary
    context = CheckContext(config=settings)
    if path:
        from align.cli.check_cmd import GlossaryReader  # any format the glossary reads

        context.glossary_reader = GlossaryReader(str(path), None, None)
    return context


def glossary(
    bitexts: Bitext | Sequence[tuple[str, Bitext]],
    *,
    encoder: str | Encoder | None = "use",
    max_words: int = 4,
    min_count: int = 1,
    top: int | None = None,
) -> pl.DataFrame:
    """The bilingual terms and names of aligned text (one bitext, or named bitexts of a
    corpus) as a DataFrame with ``dari glossary``'s columns, best first."""
    import polars as pl

    from glossary.corpus import pairs_of_bitexts
    from glossary.extraction import GlossaryOptions, extract_glossary

    named = [("", bitexts)] if isinstance(bitexts, Bitext) else list(bitexts)
    if not named:
        raise UsageError("no bitexts to learn a glossary from")
    first = named[0][1]
    entries = extract_glossary(
        pairs_of_bitexts(named),
        first.source.lang,
        first.target.lang,
        GlossaryOptions(max_words=max_words, min_count=min_count, top=top),
        encoder=None if encoder is None else load_encoder(encoder),
    )
    return pl.DataFrame(
        {
            "source": [e.source for e in entries],
            "target": [e.target for e in entries],
            "kind": [e.kind.value for e in entries],
            "score": [e.score for e in entries],
            "count": [e.count for e in entries],
            "status": [e.status.value for e in entries],
            "example_source": [e.examples[0].source if e.examples else "" for e in entries],
            "example_target": [e.examples[0].target if e.examples else "" for e in entries],
        },
        schema={
            "source": pl.String, "target": pl.String, "kind": pl.String, "score": pl.Float64,
            "count": pl.Int64, "status": pl.String, "example_source": pl.String, "example_target": pl.String,
        },
    )  # fmt: skip


def check(
    bitext: Bitext,
    *,
    glossary: str | Path | None = None,
    config: str | Path | None = None,
    only: Collection[str] | None = None,
    encoder: str | Encoder | None = "auto",
) -> pl.DataFrame:
    """Drift findings for an aligned bitext, one row each (see ``findings_frame``). ``config``:
    a dari.toml (default: found upwards from here); ``only``: check names; ``encoder``: the
    one whose sentence vectors tell an alignment slip from real drift: ``"auto"`` (default)
    the encoder the bitext's signature names, reading back the vectors aligning it cached;
    None: checks run without one."""
    from align.checks import locate, run_checks
    from align.encoders import encoder_from_signature

    ctx = _check_context(glossary, config)
    if encoder == "auto":
        encoder = encoder_from_signature(bitext.signature)
    if encoder is not None:
        ctx.encoder = load_encoder(encoder)
    findings = [locate(bitext, f) for f in run_checks(bitext, ctx, set(only) if only else None)]
    return findings_frame(findings)


def findings_frame(findings: Sequence[Any], pair: str | None = None) -> pl.DataFrame:
    """``LocatedFinding``s as rows: pair, check, severity, message, suggestion, src/tgt sentence
    numbers, file, line and column on each side."""
    import polars as pl

    rows = []
    for lf in findings:
        f = lf.finding
        rows.append(
            {
                "pair": pair,
                "check": f.check,
                "severity": f.severity.value,
                "message": f.message,
                "suggestion": f.suggestion,
                "src_ids": list(f.src),
                "tgt_ids": list(f.tgt),
                "src_file": lf.source.file if lf.source else None,
                "src_line": lf.source.line if lf.source else None,
                "tgt_file": lf.target.file if lf.target else None,
                "tgt_line": lf.target.line if lf.target else None,
            }
        )
    schema: Any = {
        "pair": pl.String, "check": pl.String, "severity": pl.String, "message": pl.String,
        "suggestion": pl.String, "src_ids": pl.List(pl.Int64), "tgt_ids": pl.List(pl.Int64),
        "src_file": pl.String, "src_line": pl.Int64, "tgt_file": pl.String, "tgt_line": pl.Int64,
    }  # fmt: skip
    return pl.DataFrame(rows, schema=schema)


def batch_pairs(
    pairs: pl.DataFrame | str | Path | Sequence[FilePair],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> list[FilePair]:
    """The pairs of a batch from a DataFrame (columns ``src``, ``tgt``, optional ``name``,
    ``src_lang``, ``tgt_lang``), a manifest CSV/TSV, or a directory (``dari check``'s pairing
    rules: ``x.en`` ↔ ``x.ko``, ``en/x`` ↔ ``ko/x``)."""
    from align.checks.pairing import FilePair, pair_directory, pairs_from_manifest

    if isinstance(pairs, str | Path):
        if Path(pairs).is_dir():
            return pair_directory(pairs, src_lang, tgt_lang)
        if not Path(pairs).is_file():
            raise InputError(f"{pairs}: no such manifest file or directory")
        return pairs_from_manifest(pairs, src_lang, tgt_lang)
    if isinstance(pairs, Sequence):
        from dataclasses import replace

        given: list[FilePair] = list(pairs)  # type: ignore[arg-type]  # str was handled above
        return [replace(p, src_lang=p.src_lang or src_lang, tgt_lang=p.tgt_lang or tgt_lang) for p in given]
    missing = {"src", "tgt"} - set(pairs.columns)
    if missing:
        raise UsageError(
            f"the pairs DataFrame needs columns src and tgt (missing: {', '.join(sorted(missing))})"
        )
    out = []
    for row in pairs.iter_rows(named=True):
        src, tgt = str(row["src"]), row["tgt"]
        out.append(
            FilePair(
                str(row.get("name") or src),
                Path(src),
                Path(tgt) if tgt else None,
                row.get("src_lang") or src_lang,
                row.get("tgt_lang") or tgt_lang,
            )
        )
    return out


def align_batch(
    pairs: pl.DataFrame | str | Path | Sequence[FilePair],
    out_dir: str | Path,
    *,
    jobs: int | None = None,
    engine: str = "local",
    address: str | None = None,
    encoder: str = "use",
    encoder_options: EncoderOptions | None = None,
    params: AlignParams | None = None,
    presplit: bool = False,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    progress: BatchProgress | None = None,
    summary: str | Path | None = None,
    write_summary_file: bool = True,
) -> pl.DataFrame:
    """Align many pairs (see ``batch_pairs``) into ``out_dir/NAME.dari.json``, on ``jobs``
    worker processes (default: every core) or Ray actors (``engine="ray"``, ``address``:
    a cluster). Pairs done by an earlier run with the same inputs, encoder and parameters
    are kept, not redone. Returns the summary (one row per pair; see
    ``align.batch.summary``) and writes it as Parquet to ``summary`` (default
    ``out_dir/summary.parquet``) unless ``write_summary_file`` is false. A pair that fails is a
    row with status ``error``; the others go on.

    Worker processes are spawned, as ``multiprocessing`` does on every platform that has no
    safe ``fork``: a script (not a notebook) that calls this with ``jobs`` above 1 must do so
    under ``if __name__ == "__main__":``."""
    from align.batch import get_engine, run_batch
    from align.batch.plan import plan_jobs
    from align.batch.summary import SUMMARY_NAME, import_polars_meanwhile, summary_frame, write_summary
    from align.batch.tasks import AlignTask

    file_pairs = batch_pairs(pairs, src_lang=src_lang, tgt_lang=tgt_lang)
    task = AlignTask(encoder=encoder, encoder_options=encoder_options, params=params, presplit=presplit)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: output must be a directory for a batch")
    out.mkdir(parents=True, exist_ok=True)
    job_list = plan_jobs(file_pairs, out_dir=out, settings=task.settings(), encoder=encoder)
    runner = get_engine(engine, jobs=jobs, address=address)
    import_polars_meanwhile()
    outcomes = run_batch(job_list, task, runner, progress=progress)
    frame = summary_frame(outcomes)
    if write_summary_file:
        write_summary(frame, Path(summary) if summary else out / SUMMARY_NAME)
    return frame


def check_batch(
    pairs: pl.DataFrame | str | Path | Sequence[FilePair],
    *,
    context: CheckContext | None = None,
    only: Collection[str] | None = None,
    jobs: int | None = None,
    engine: str = "local",
    address: str | None = None,
    encoder: str = "use",
    encoder_options: EncoderOptions | None = None,
    presplit: bool = False,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    progress: BatchProgress | None = None,
) -> list[PairOutcome]:
    """Check many pairs on ``jobs`` workers; each outcome's ``payload`` is the pair's
    ``PairResult`` (``findings_frame(outcome.payload.findings)`` for a table)."""
    from align.batch import get_engine, run_batch
    from align.batch.plan import plan_jobs
    from align.batch.tasks import CheckTask
    from align.checks.registry import CheckContext

    file_pairs = batch_pairs(pairs, src_lang=src_lang, tgt_lang=tgt_lang)
    task = CheckTask(
        context=context or CheckContext(),
        only=set(only) if only else None,
        encoder=encoder,
        encoder_options=encoder_options,
        presplit=presplit,
    )
    runner = get_engine(engine, jobs=jobs, address=address)
    return run_batch(plan_jobs(file_pairs), task, runner, progress=progress)

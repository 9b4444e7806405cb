"""From pairs of files to jobs: output paths, sizes and resume keys, worked out in the driver."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from align.batch.jobs import PairJob
from align.batch.resume import encoder_identity, output_name, pair_key
from align.errors import UsageError

if TYPE_CHECKING:
    from align.checks.pairing import FilePair

PROJECT_SUFFIX = ".dari.json"


def _size(path: Path | None) -> int:
    try:
        return path.stat().st_size if path is not None else 0
    except OSError:
        return 0


def plan_jobs(
    pairs: Sequence[FilePair],
    *,
    out_dir: str | Path | None = None,
    settings: dict[str, Any] | None = None,
    encoder: str | None = None,
) -> list[PairJob]:
    """One job per pair. With ``out_dir`` each gets ``OUTDIR/NAME.dari.json``; with
    ``settings`` and ``encoder`` each gets the key a rerun compares (see ``resume``)."""
    identity = encoder_identity(encoder) if encoder is not None and settings is not None else None
    jobs: list[PairJob] = []
    taken: dict[str, str] = {}
    for pair in pairs:
        output = None
        if out_dir is not None:
            output = str(Path(out_dir) / (output_name(pair.name) + PROJECT_SUFFIX))
            other = taken.setdefault(output, pair.name)
            if other != pair.name:
                raise UsageError(f"pairs {other!r} and {pair.name!r} would both be written to {output}")
        key = ""
        if identity is not None and settings is not None:
            try:
                key = pair_key(
                    str(pair.source), str(pair.target) if pair.target else None, settings, identity
                )
            except OSError:
                key = ""  # unreadable input: the pair's own run reports it
        jobs.append(
            PairJob(
                name=pair.name,
                source=str(pair.source),
                target=str(pair.target) if pair.target is not None else None,
                src_lang=pair.src_lang,
                tgt_lang=pair.tgt_lang,
                output=output,
                size=_size(pair.source) + _size(pair.target),
                key=key,
            )
        )
    names = [job.name for job in jobs]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise UsageError(f"pair {dup!r} is listed more than once")
    return jobs

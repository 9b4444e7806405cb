"""The batch summary: one row per pair, as a polars DataFrame and a Parquet file."""

from __future__ import annotations

import importlib
import io
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from align.atomic import write_bytes_atomic
from align.batch.jobs import PairOutcome

if TYPE_CHECKING:
    import polars as pl

SUMMARY_NAME = "summary.parquet"

COLUMNS = (
    "pair", "status", "src_sentences", "tgt_sentences", "beads", "unpaired",
    "mean_score", "findings", "seconds", "output", "error",
)  # fmt: skip


def import_polars_meanwhile() -> threading.Thread:
    """Start importing polars on a thread: the summary needs it only once every pair is done,
    and importing it then (0.12-0.16 s) added to the batch's wall time, while during the run
    the driver mostly waits on its workers (or, with one worker, leaves a core idle)."""
    thread = threading.Thread(target=importlib.import_module, args=("polars",), name="import-polars")
    thread.start()
    return thread


def summary_frame(outcomes: Sequence[PairOutcome]) -> pl.DataFrame:
    """The summary rows in the outcomes' order (counts null where the task has none)."""
    import polars as pl

    rows = [
        {
            "pair": o.name,
            "status": o.status,
            "src_sentences": o.stats.get("src_sentences"),
            "tgt_sentences": o.stats.get("tgt_sentences"),
            "beads": o.stats.get("beads"),
            "unpaired": o.stats.get("unpaired"),
            "mean_score": o.stats.get("mean_score"),
            "findings": o.stats.get("findings"),
            "seconds": round(o.seconds, 4),
            "output": o.output,
            "error": o.error,
        }
        for o in outcomes
    ]
    schema = {
        "pair": pl.String, "status": pl.String, "src_sentences": pl.Int64, "tgt_sentences": pl.Int64,
        "beads": pl.Int64, "unpaired": pl.Int64, "mean_score": pl.Float64, "findings": pl.Int64,
        "seconds": pl.Float64, "output": pl.String, "error": pl.String,
    }  # fmt: skip
    return pl.DataFrame(rows, schema=schema)


def write_summary(frame: pl.DataFrame, path: str | Path) -> None:
    """Parquet, written atomically (a summary is never half there)."""
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    write_bytes_atomic(path, buffer.getvalue())

"""Which source and target terms share aligned pairs, counted with polars.

A pair holding ``m`` source and ``n`` target candidates contributes ``m × n`` rows; the
joins and group-bys run in polars' native engine, so a corpus of thousands of pairs is
counted in well under a second, and the work grows with the text (sentence length is bounded
upstream), not with the square of the vocabulary.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _rows(ids_per_pair: Sequence[Sequence[int]], keep: Any) -> Any:
    import numpy as np
    import polars as pl

    lengths = np.fromiter((len(ids) for ids in ids_per_pair), dtype=np.int64, count=len(ids_per_pair))
    flat = np.fromiter((i for ids in ids_per_pair for i in ids), dtype=np.int64, count=int(lengths.sum()))
    pair = np.repeat(np.arange(len(ids_per_pair), dtype=np.int64), lengths)
    frame = pl.DataFrame({"pair": pair.astype(np.uint32), "term": flat.astype(np.uint32)})
    return frame.filter(pl.col("term").is_in(keep)) if keep is not None else frame


def cooccurrences(
    src_ids: Sequence[Sequence[int]],
    tgt_ids: Sequence[Sequence[int]],
    src_keep: Sequence[int],
    tgt_keep: Sequence[int],
) -> tuple[Any, Any]:
    """``(links, counts)``: every (pair, e, k) of co-occurring candidates, and per (e, k) the
    number of pairs ``c`` with the two marginals ``ce`` and ``ck``."""
    import polars as pl

    src = _rows(src_ids, pl.Series(list(src_keep), dtype=pl.UInt32))
    tgt = _rows(tgt_ids, pl.Series(list(tgt_keep), dtype=pl.UInt32))
    ce = src.group_by("term").len().rename({"term": "e", "len": "ce"})
    ck = tgt.group_by("term").len().rename({"term": "k", "len": "ck"})
    joined = src.rename({"term": "e"}).join(tgt.rename({"term": "k"}), on="pair", how="inner")
    counts = (
        joined.group_by(["e", "k"])
        .len()
        .rename({"len": "c"})
        .join(ce, on="e", how="left")
        .join(ck, on="k", how="left")
    )
    return joined, counts

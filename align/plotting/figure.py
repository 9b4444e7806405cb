"""Drawing an alignment with matplotlib (the optional ``dari[plot]`` extra, imported on use).

Three panels share one x axis, the source document from first to last sentence:

1. the path through the source x target plane over the similarity band, each paired bead
   (small documents: a box coloured by its score), unpaired sentences as red and purple
   crosses, low-confidence beads as orange dots, paragraph boundaries as thin grey lines;
2. the band straightened: similarity with the targets just before and after the path, so
   that a ridge leaving the middle row shows drift at any document length;
3. a strip of per-bead confidence along the document (red: low or unpaired).

Low-confidence stretches are shaded across all three. Markers have a fixed size in points and
shaded spans a minimum width, so a single unpaired sentence stays visible among 20,000.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from align.errors import MissingDependencyError, UsageError
from align.model import Bitext
from align.plotting.layout import LOW_CONFIDENCE, PlotLayout, build_layout, pool_columns

if TYPE_CHECKING:
    from align.encoders import Encoder

PLOT_FORMATS = ("png", "svg", "pdf")
INSTALL_HINT = "pip install 'dari[plot]' (matplotlib)"
_MAX_PIXELS = 1000
"""Longest side of the rasterised band image in panel 1."""
_MAX_LINES = 150
"""More paragraph boundaries than this are drawn as a rug of ticks, not full lines."""
_BOX_BEADS = 400
"""Up to this many beads each paired bead is drawn as its own box."""


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise MissingDependencyError(f"plots need matplotlib: {INSTALL_HINT}") from None
    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    return Figure


def require_matplotlib() -> None:
    """Raise the one-line install hint now, before slow work whose result would be plotted."""
    _pyplot()


def plot_format(path: str | Path, given: str | None = None) -> str:
    fmt = (given or Path(path).suffix.lstrip(".")).lower()
    if fmt not in PLOT_FORMATS:
        raise UsageError(f"cannot draw a plot as {fmt or 'a file without suffix'!r} (use .png, .svg or .pdf)")
    return fmt


def sentence_vectors(bitext: Bitext, encoder: Encoder) -> tuple[np.ndarray, np.ndarray]:
    """Both sides' sentence vectors (an encoder that just aligned them answers from its cache)."""
    src = encoder.encode(bitext.source.texts) if bitext.source.segments else np.zeros((0, 1), np.float32)
    tgt = encoder.encode(bitext.target.texts) if bitext.target.segments else np.zeros((0, 1), np.float32)
    return np.asarray(src, dtype=np.float32), np.asarray(tgt, dtype=np.float32)


def _printable(text: str, limit: int = 48) -> str | None:
    """``text`` shortened, or None when the default font lacks its script (Hangul, Han):
    a label of empty boxes helps nobody."""
    if any(ord(ch) >= 0x0530 for ch in text):
        return None
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_SMALL = 400
"""Up to this many sentences a side, panel 1 is the classic source x target dot-plot; beyond,
the path is drawn as its drift from the diagonal, where a few dropped sentences among
20,000 make a visible step instead of a kink one pixel wide."""


class _View:
    """Panel 1's coordinates: ``y`` as is (small documents) or minus the diagonal (long ones)."""

    def __init__(self, lay: PlotLayout) -> None:
        self.large = max(lay.n_src, lay.n_tgt) > _SMALL
        self.slope = lay.n_tgt / lay.n_src if lay.n_src else 1.0

    def y(self, x: np.ndarray | float, y: np.ndarray | float) -> np.ndarray:
        return np.asarray(y, dtype=np.float64) - (
            self.slope * np.asarray(x, dtype=np.float64) if self.large else 0.0
        )


def _band_image(lay: PlotLayout, view: _View) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """The band in panel 1's coordinates, max-pooled to at most ``_MAX_PIXELS`` a side."""
    width = min(max(lay.n_src, 1), _MAX_PIXELS)
    if not (lay.n_src and lay.n_tgt):
        return np.full((1, 1), np.nan), (0.0, 1.0, 0.0, 1.0)
    offsets = np.arange(-lay.half_width, lay.half_width + 1)
    rows = np.floor(lay.path).astype(np.int64).clip(0, lay.n_tgt - 1)[:, None] + offsets[None, :]
    cols = np.broadcast_to(np.arange(lay.n_src)[:, None], rows.shape)
    ok = ~np.isnan(lay.band) & (rows >= 0) & (rows < lay.n_tgt)
    ys = view.y(cols[ok] + 0.5, rows[ok] + 0.5)
    if view.large:
        lo, hi = float(ys.min()) - 0.5, float(ys.max()) + 0.5
    else:
        lo, hi = 0.0, float(lay.n_tgt)
    height = int(min(max(hi - lo, 1), _MAX_PIXELS // 2 if view.large else _MAX_PIXELS))
    image = np.full(height * width, -np.inf)
    px = (cols[ok] * width) // lay.n_src
    py = np.clip(((ys - lo) / (hi - lo) * height).astype(np.int64), 0, height - 1)
    np.maximum.at(image, py * width + px, lay.band[ok].astype(np.float64))
    image[np.isinf(image)] = np.nan
    return image.reshape(height, width), (0.0, float(lay.n_src), lo, hi)


def _stretches(lay: PlotLayout, view: _View) -> list[tuple[float, float, int]]:
    return lay.low_stretches(min_beads=5, gap=1) if view.large else lay.low_stretches()


def _shade_low(axes: list[Any], lay: PlotLayout, view: _View) -> None:
    min_width = max(0.5, 0.006 * max(lay.n_src, 1))
    for a, b, _count in _stretches(lay, view):
        if b - a < min_width:
            mid = (a + b) / 2
            a, b = mid - min_width / 2, mid + min_width / 2
        for ax in axes:
            ax.axvspan(a, b, color="#ff9f1c", alpha=0.3, lw=0, zorder=0.5)


def _paragraphs(ax: Any, lay: PlotLayout, view: _View) -> None:
    for starts, n, vertical in (
        (lay.src_para_starts, lay.n_src, True),
        (lay.tgt_para_starts, lay.n_tgt, False),
    ):
        if view.large and len(starts) > n / 3:
            continue  # a long text with a paragraph per line (pre-split input): boundaries say nothing
        if not vertical and view.large:
            continue  # horizontal lines have no place in the drift view
        if len(starts) <= _MAX_LINES:
            for s in starts:
                (ax.axvline if vertical else ax.axhline)(s, color="0.55", lw=0.6, ls=":", zorder=1)
        elif vertical:  # a rug along the edge: boundaries stay visible without greying the plot out
            ax.plot(starts, np.zeros(len(starts)), "|", color="0.45", ms=6, mew=0.4,
                    transform=ax.get_xaxis_transform(), clip_on=False)  # fmt: skip
        else:
            ax.plot(np.zeros(len(starts)), starts, "_", color="0.45", ms=6, mew=0.4,
                    transform=ax.get_yaxis_transform(), clip_on=False)  # fmt: skip


def _label_unpaired(ax: Any, lay: PlotLayout, bitext: Bitext, view: _View) -> None:
    """Name each unpaired sentence (few of them), or each long unsure stretch (long documents)."""
    us, ut = lay.unpaired_src, lay.unpaired_tgt
    if not view.large and len(us) + len(ut) <= 8:
        # labels stacked downwards so that neighbours never overlap
        for j, k in enumerate(us):
            text = _printable(bitext.source.segments[int(lay.x0[k])].text)
            label = f"{bitext.source.lang} #{lay.x0[k] + 1}" + (f": {text}" if text else "")
            ax.annotate(label, (lay.x0[k] + 0.5, lay.y0[k]), xytext=(10, -16 - 13 * j), textcoords="offset points",
                        fontsize=8, color="#d62828", zorder=6,
                        arrowprops={"arrowstyle": "-", "color": "#d62828", "lw": 0.5})  # fmt: skip
        for j, k in enumerate(ut):
            text = _printable(bitext.target.segments[int(lay.y0[k])].text)
            label = f"{bitext.target.lang} #{lay.y0[k] + 1}" + (f": {text}" if text else "")
            ax.annotate(label, (lay.x0[k], lay.y0[k] + 0.5), xytext=(-10, -16 - 13 * j), textcoords="offset points",
                        fontsize=8, color="#7b2cbf", ha="right", zorder=6,
                        arrowprops={"arrowstyle": "-", "color": "#7b2cbf", "lw": 0.5})  # fmt: skip
        return
    runs = sorted(_stretches(lay, view), key=lambda r: -r[2])[:6]
    for j, (a, b, count) in enumerate(sorted(runs)):
        k0 = int(np.searchsorted(lay.x0, a))
        k0 = min(k0, len(lay.x0) - 1)
        y = float(view.y(lay.x0[k0], lay.y0[k0]))
        ax.annotate(f"{count} unsure/unpaired beads\n{bitext.source.lang} {int(a) + 1:,}–{int(b):,}", (a, y),
                    xytext=(12, 28 + 22 * (j % 3)), textcoords="offset points", fontsize=8, color="#b35c00",
                    zorder=6, arrowprops={"arrowstyle": "->", "color": "#b35c00", "lw": 0.8})  # fmt: skip


def _path_panel(ax: Any, lay: PlotLayout, bitext: Bitext, view: _View) -> Any:
    image, extent = _band_image(lay, view)
    shown = ax.imshow(image, origin="lower", extent=extent, aspect="auto", cmap="Blues", vmin=0.0, vmax=1.0,
                      interpolation="nearest", zorder=0)  # fmt: skip
    paired = np.flatnonzero((lay.x1 > lay.x0) & (lay.y1 > lay.y0))
    if len(lay.score) <= _BOX_BEADS and not view.large:
        from matplotlib.cm import RdYlGn
        from matplotlib.patches import Rectangle

        for k in paired:
            ax.add_patch(Rectangle(
                (lay.x0[k], lay.y0[k]), lay.x1[k] - lay.x0[k], lay.y1[k] - lay.y0[k],
                fill=False, ec=RdYlGn(float(lay.score[k])), lw=1.6, zorder=3,
            ))  # fmt: skip
    xs = np.column_stack([lay.x0, lay.x1]).ravel()
    ys = np.column_stack([lay.y0, lay.y1]).ravel()
    ax.plot(xs, view.y(xs, ys), color="#1b263b", lw=0.9, zorder=2, label="path (chosen beads)")
    many = len(lay.score) > _BOX_BEADS
    low = np.flatnonzero(lay.low & (lay.x1 > lay.x0) & (lay.y1 > lay.y0))
    if len(low):
        cx, cy = (lay.x0[low] + lay.x1[low]) / 2, (lay.y0[low] + lay.y1[low]) / 2
        ax.plot(cx, view.y(cx, cy), "o", ms=3 if many else 6, mfc="none", mec="#ff7b00", mew=1.0 if many else 1.5,
                zorder=4, label=f"low confidence (< {LOW_CONFIDENCE}): {len(low):,}")  # fmt: skip
    us, ut = lay.unpaired_src, lay.unpaired_tgt
    size = 9 if len(us) + len(ut) <= 50 else 5
    if len(us):
        ax.plot(lay.x0[us] + 0.5, view.y(lay.x0[us] + 0.5, lay.y0[us]), "X", ms=size, color="#d62828",
                mec="white", mew=0.5, zorder=5,
                label=f"{bitext.source.lang} sentence without translation: {len(us):,}")  # fmt: skip
    if len(ut):
        ax.plot(lay.x0[ut], view.y(lay.x0[ut], lay.y0[ut] + 0.5), "P", ms=size, color="#7b2cbf", mec="white",
                mew=0.5, zorder=4.5, label=f"{bitext.target.lang} sentence without source: {len(ut):,}")  # fmt: skip
    _label_unpaired(ax, lay, bitext, view)
    _paragraphs(ax, lay, view)
    ax.set_xlim(0, max(lay.n_src, 1))
    if view.large:
        ax.set_ylim(extent[2], extent[3])
        ax.axhline(0, color="0.6", lw=0.6, ls="--", zorder=1)
        ax.set_ylabel(
            f"drift: {bitext.target.lang} sentence − {view.slope:.3f} × {bitext.source.lang} sentence"
        )
    else:
        ax.set_ylim(0, max(lay.n_tgt, 1))
        ax.set_ylabel(f"{bitext.target.lang} sentence")
    ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    return shown


def _band_panel(ax: Any, lay: PlotLayout) -> None:
    pooled = pool_columns(lay.band, 2000)
    ax.imshow(
        pooled.T, origin="lower", aspect="auto", cmap="Blues", vmin=0.0, vmax=1.0, interpolation="nearest",
        extent=(0, max(lay.n_src, 1), -lay.half_width - 0.5, lay.half_width + 0.5),
    )  # fmt: skip
    ax.axhline(0, color="#1b263b", lw=0.6, ls="--")
    ax.set_ylabel("similarity to\ntargets near path", fontsize=9)


def _confidence_panel(ax: Any, lay: PlotLayout) -> None:
    conf = np.zeros(max(lay.n_src, 1))
    for a, b, s, low in zip(
        lay.x0.tolist(), lay.x1.tolist(), lay.score.tolist(), lay.low.tolist(), strict=True
    ):
        conf[a:b] = 0.0 if low and s >= LOW_CONFIDENCE else s  # unpaired: red whatever its score
    pooled = len(conf) > 2000
    # a long document: the mean per bin (single unsure beads are the crosses above)
    strip = pool_columns(conf[:, None], 2000, how="mean" if pooled else "min")[:, 0]
    ax.imshow(strip[None, :], aspect="auto", cmap="RdYlGn", vmin=0.0, vmax=1.0, interpolation="nearest",
              extent=(0, max(lay.n_src, 1), 0, 1))  # fmt: skip
    ut = lay.unpaired_tgt
    if len(ut) and not pooled:
        ax.plot(lay.x0[ut], np.full(len(ut), 0.5), "P", ms=7, color="#7b2cbf", mec="white", mew=0.5)
    ax.set_yticks([])
    label = f"confidence\n(mean of {len(conf) / 2000:.0f})" if pooled else "confidence"
    ax.set_ylabel(label, fontsize=9, rotation=0, ha="right", va="center")
    ax.set_xlabel(f"source sentence ({lay.n_src:,})")


def draw(bitext: Bitext, lay: PlotLayout) -> Any:
    """The matplotlib ``Figure`` of ``lay``."""
    figure_cls = _pyplot()
    view = _View(lay)
    fig = figure_cls(figsize=(12, 9.5), layout="constrained")
    axes = fig.subplots(3, 1, sharex=True, gridspec_kw={"height_ratios": [6, 1.8, 0.45]})
    image = _path_panel(axes[0], lay, bitext, view)
    _band_panel(axes[1], lay)
    _confidence_panel(axes[2], lay)
    _shade_low([axes[0], axes[2]], lay, view)
    fig.colorbar(image, ax=axes[:2], label="cosine similarity", shrink=0.6, pad=0.01)
    name = Path(bitext.source.path).name if bitext.source.path else "alignment"
    runs = _stretches(lay, view)
    what = "runs of 5+ unsure beads" if view.large else "low-confidence stretch(es)"
    fig.suptitle(
        f"{name}: {lay.n_src:,} {bitext.source.lang} + {lay.n_tgt:,} {bitext.target.lang} sentences, "
        f"{len(lay.score):,} beads; unpaired {len(lay.unpaired_src):,} + {len(lay.unpaired_tgt):,}; "
        f"{len(runs)} {what} shaded",
        fontsize=11,
    )
    return fig


def render_plot(
    bitext: Bitext,
    vectors: tuple[np.ndarray, np.ndarray] | None = None,
    *,
    encoder: Encoder | None = None,
    fmt: str = "png",
    dpi: int = 110,
) -> bytes:
    """The plot as PNG/SVG/PDF bytes; vectors from ``vectors`` or computed with ``encoder``
    (neither: the band stays empty and the beads are drawn alone)."""
    if fmt not in PLOT_FORMATS:
        raise UsageError(f"unknown plot format {fmt!r} (use {', '.join(PLOT_FORMATS)})")
    _pyplot()  # the install hint before any encoding work
    if vectors is None and encoder is not None:
        vectors = sentence_vectors(bitext, encoder)
    src, tgt = vectors if vectors is not None else (None, None)
    fig = draw(bitext, build_layout(bitext, src, tgt))
    buffer = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else ({"Date": None} if fmt == "svg" else None)
    fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def plot_bitext(
    bitext: Bitext,
    path: str | Path,
    vectors: tuple[np.ndarray, np.ndarray] | None = None,
    *,
    encoder: Encoder | None = None,
    fmt: str | None = None,
) -> str:
    """Write the plot of ``bitext`` to ``path`` atomically; returns the format used."""
    from align.atomic import write_bytes_atomic

    chosen = plot_format(path, fmt)
    write_bytes_atomic(path, render_plot(bitext, vectors, encoder=encoder, fmt=chosen))
    return chosen

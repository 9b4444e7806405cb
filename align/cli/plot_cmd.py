"""``dari plot``: a picture of a project's alignment (PNG, SVG or PDF; needs ``dari[plot]``)."""

from __future__ import annotations

import argparse

from align.atomic import check_output_path
from align.cli.encoder_args import add_encoder_arguments, encoder_options


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Draw the alignment of a project file: the path of chosen beads over the band of "
        "sentence similarities around it, unpaired sentences (red and purple crosses), "
        "low-confidence stretches (shaded), paragraph boundaries, and a per-bead confidence "
        "strip along the document. The format comes from the suffix of FILE (.png .svg .pdf). "
        "Sentences are encoded again for the band (--encoder; default: the project's). "
        "Needs matplotlib: pip install 'dari[plot]'."
    )
    p.add_argument("project", metavar="PROJECT", help="project file (*.dari.json)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="picture to write (.png .svg .pdf)")
    add_encoder_arguments(p)
    p.set_defaults(encoder=None)
    for action in p._actions:
        if action.dest == "encoder":
            action.help = "encoder for the similarity band (default: the project's when bundled, else use)"
    p.add_argument("--no-band", action="store_true", help="draw the beads only (no encoder needed)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(func=run)


def project_encoder(signature: dict[str, object], given: str | None) -> str:
    """The encoder to redo the band with: the user's, else the one that aligned the project
    when it is a bundled one (an hf model path may not exist on this machine), else ``use``."""
    from align.encoders import ENCODERS, encoder_from_signature

    if given:
        return given
    spec = encoder_from_signature(signature)
    bundled = spec is not None and spec in ENCODERS and ENCODERS.get(spec).argument is None
    return spec if bundled and spec is not None else ENCODERS.names()[0]


def run(args: argparse.Namespace) -> int:
    from align.plotting.figure import plot_bitext, plot_format
    from align.project import load_project

    fmt = plot_format(args.output)
    check_output_path(args.output, [args.project])
    bitext = load_project(args.project)
    encoder = None
    if not args.no_band:
        encoder = encoder_options(args).load(project_encoder(bitext.signature, args.encoder))
    plot_bitext(bitext, args.output, encoder=encoder, fmt=fmt)
    if not args.quiet:
        from align.cli.console import stderr

        stderr.print(f"[green]plotted[/] {len(bitext.beads)} beads as {fmt} → {args.output}", highlight=False)
    return 0

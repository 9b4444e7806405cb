"""The encoder arguments shared by every command that may have to embed sentences."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from align.encoders import EncoderOptions


def _complete_encoders(**_kwargs: Any) -> list[str]:
    from align.encoders import ENCODERS

    return [f"{e.name}:" if e.argument else e.name for e in ENCODERS]


def add_encoder_arguments(p: argparse.ArgumentParser) -> None:
    from align.encoders import ENCODERS  # the names only: no backend, no numpy

    names = ENCODERS.shown_names()
    action = p.add_argument(
        "--encoder",
        default=names[0],
        help=f"{names[0]} (default), {', '.join(names[1:])}[#pooling=mean|cls|pooler][#prefix=TEXT] for a local transformers model",
    )
    action.completer = _complete_encoders  # type: ignore[attr-defined]
    p.add_argument(
        "--device", help="device for hf encoders (cpu, cuda, cuda:1); default: CUDA when available"
    )
    p.add_argument("--threads", type=int, help="encoder worker threads (default: all cores)")
    p.add_argument("--batch-size", type=int, help="encoder batch size")


def encoder_options(args: argparse.Namespace) -> EncoderOptions:
    from align.encoders import EncoderOptions  # the backends load only when an encoder is made

    return EncoderOptions(device=args.device, threads=args.threads, batch_size=args.batch_size)

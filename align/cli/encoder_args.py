"""The encoder arguments shared by every command that may have to embed sentences."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from align.encoders import EncoderOptions


def add_encoder_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--encoder",
        default="use",
        help="use (default), e5, or hf:PATH[#pooling=mean|cls|pooler][#prefix=TEXT] for a local transformers model",
    )
    p.add_argument(
        "--device", help="device for hf encoders (cpu, cuda, cuda:1); default: CUDA when available"
    )
    p.add_argument("--threads", type=int, help="encoder worker threads (default: all cores)")
    p.add_argument("--batch-size", type=int, help="encoder batch size")


def encoder_options(args: argparse.Namespace) -> EncoderOptions:
    from align.encoders import EncoderOptions  # numpy and the backends load only when needed

    return EncoderOptions(device=args.device, threads=args.threads, batch_size=args.batch_size)

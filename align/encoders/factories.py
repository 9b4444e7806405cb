"""How each registered encoder is built from its name and the run options.

One function per backend, named in ``align.encoders.ENCODERS``; each imports its backend only
when called, so listing the encoders (``--help``, completion, an error message) loads no model
code. Every factory takes the same arguments: the text after the colon (``hf:PATH``) and the
run options ``get_encoder`` checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from align.errors import UsageError

if TYPE_CHECKING:
    from align.encoders import Encoder
    from align.encoders.cache import EmbeddingCache


def _check_cpu_only(name: str, device: str | None) -> None:
    if device not in (None, "", "cpu"):
        raise UsageError(
            f"the {name} encoder runs on the CPU only; device '{device}' needs an hf:PATH encoder"
        )


def make_use(
    argument: str | None,
    *,
    device: str | None,
    batch_size: int | None,
    threads: int | None,
    cache: EmbeddingCache | None,
) -> Encoder:
    _check_cpu_only("use", device)
    from align.encoders.use_backend import UseEncoder

    return UseEncoder(threads=threads, batch_size=batch_size, cache=cache)


def make_e5(
    argument: str | None,
    *,
    device: str | None,
    batch_size: int | None,
    threads: int | None,
    cache: EmbeddingCache | None,
) -> Encoder:
    _check_cpu_only("e5", device)
    from align.encoders.e5_backend import E5Encoder

    return E5Encoder(threads=threads, batch_size=batch_size, cache=cache)


def make_hf(
    argument: str | None,
    *,
    device: str | None,
    batch_size: int | None,
    threads: int | None,
    cache: EmbeddingCache | None,
) -> Encoder:
    from align.encoders.hf_backend import HfEncoder
    from align.encoders.hf_spec import parse_hf_spec

    options = parse_hf_spec(f"hf:{argument or ''}")
    return HfEncoder(options, device=device, batch_size=batch_size, threads=threads, cache=cache)

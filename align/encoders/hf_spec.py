"""Parsing ``hf:PATH#option=value#...`` encoder names, without importing torch.

Syntax: ``hf:`` then a local model directory, then any of these options, each after a ``#``:

- ``pooling=mean`` (default; attention-masked mean of the last hidden states: e5, MiniLM,
  most sentence-transformers models), ``pooling=cls`` (first token's hidden state) or
  ``pooling=pooler`` (the model's pooler output, as LaBSE was trained);
- ``prefix=TEXT``: prepended to every text, spaces kept as written (``#prefix=query: ``
  for e5 models, which need the same prefix on both sides for symmetric similarity);
- ``max_length=N``: truncate inputs to N tokens (default: the model's own limit, at most 512).

Example: ``hf:/models/multilingual-e5-base#prefix=query: #pooling=mean``. A path cannot
contain ``#``. Parse errors are ``UsageError``s, raised before any model is touched.
"""

from __future__ import annotations

from dataclasses import dataclass

from align.errors import UsageError

POOLINGS: tuple[str, ...] = ("mean", "cls", "pooler")


@dataclass(frozen=True, slots=True)
class HfOptions:
    """A parsed ``hf:`` encoder name."""

    path: str
    pooling: str = "mean"
    prefix: str = ""
    max_length: int | None = None


def parse_hf_spec(spec: str) -> HfOptions:
    """``hf:PATH#pooling=cls#prefix=query: `` -> ``HfOptions`` (see the module docstring)."""
    if not spec.startswith("hf:"):
        raise UsageError(f"not an hf encoder name: '{spec}' (expected hf:PATH)")
    path, *parts = spec[3:].split("#")
    path = path.strip()
    if not path:
        raise UsageError("hf encoder needs a model directory: hf:PATH")
    pooling = "mean"
    prefix = ""
    max_length: int | None = None
    seen: set[str] = set()
    for part in parts:
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep:
            raise UsageError(f"hf encoder option '{part}' is not key=value (pooling, prefix, max_length)")
        if key in seen:
            raise UsageError(f"hf encoder option '{key}' given twice")
        seen.add(key)
        if key == "pooling":
            pooling = value.strip().lower()
            if pooling not in POOLINGS:
                raise UsageError(f"unknown pooling '{value}'; choose one of: {', '.join(POOLINGS)}")
        elif key == "prefix":
            prefix = value
        elif key == "max_length":
            try:
                max_length = int(value)
            except ValueError:
                raise UsageError(f"max_length must be a whole number, got '{value}'") from None
            if max_length < 2:
                raise UsageError(f"max_length must be at least 2, got {max_length}")
        else:
            raise UsageError(f"unknown hf encoder option '{key}'; known: pooling, prefix, max_length")
    return HfOptions(path=path, pooling=pooling, prefix=prefix, max_length=max_length)

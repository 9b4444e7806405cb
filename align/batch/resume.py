"""Whether an earlier run's output for a pair can be kept: the key of what it depends on.

A pair's output depends on its two input files (their bytes and names), the encoder, the
aligner's parameters, the reading options and dari's version. The key hashes all of them and
is stored in the project file (``meta.batch.key``); a rerun recomputes it and keeps the
output when the two agree. The encoder enters by a cheap identity (package versions, and the
size and modification time of its model files), not by its full signature, which hashes the
weights and would cost a model load before the first pair is even looked at.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from align.encoders import ENCODERS
from align.encoders.text_view import VIEW_VERSION
from align.errors import UsageError
from align.version import __version__


def file_digest(path: str | Path) -> str:
    """sha256 of a file's bytes, streamed (a book is read once, not held twice)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _package_files(distribution: str) -> list[tuple[str, int, int]]:
    try:
        files = metadata.files(distribution) or []
    except metadata.PackageNotFoundError:
        return []
    out = []
    for entry in files:
        if entry.suffix in (".npz", ".model", ".onnx", ".bin", ".safetensors", ".gguf"):
            located = Path(str(entry.locate()))
            if located.is_file():
                st = located.stat()
                out.append((str(entry), st.st_size, st.st_mtime_ns))
    return sorted(out)


def _directory_files(root: Path) -> list[tuple[str, int, int]]:
    if not root.is_dir():
        return []
    return sorted(
        (str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    )


def encoder_identity(spec: str) -> dict[str, Any]:
    """What identifies the encoder ``spec`` names, without loading it."""
    name = spec.strip()
    identity: dict[str, Any] = {"spec": spec, "text_view": VIEW_VERSION}
    package = ENCODERS.get(name).meta.get("package") if name in ENCODERS else None
    if package is not None:
        try:
            identity["version"] = metadata.version(package)
        except metadata.PackageNotFoundError:
            identity["version"] = None
        identity["files"] = _package_files(package)
    elif name.startswith("hf:"):
        from align.encoders.hf_spec import parse_hf_spec

        identity["files"] = _directory_files(Path(parse_hf_spec(spec.lstrip()).path))
    return identity


def pair_key(source: str, target: str | None, settings: dict[str, Any], encoder: dict[str, Any]) -> str:
    """The key of one pair's output (see the module docstring)."""
    record = {
        "dari": __version__,
        "source": [source, file_digest(source)],
        "target": [target, file_digest(target)] if target and Path(target).is_file() else [target, None],
        "settings": settings,
        "encoder": encoder,
    }
    blob = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def output_name(pair_name: str) -> str:
    """A pair's name as a relative path inside the output directory: no root, no ``..``."""
    parts = [p for p in PurePosixPath(pair_name.replace("\\", "/")).parts if p not in ("/", "", ".")]
    parts = ["__" if p == ".." else p.replace(":", "_") for p in parts]
    if not parts:
        raise UsageError(f"pair name {pair_name!r} gives no file name")
    return "/".join(parts)

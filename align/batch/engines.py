"""The engines a batch can run on, by name (one table; the CLI's choices come from it)."""

from __future__ import annotations

import importlib

from align.batch.jobs import Engine
from align.errors import UsageError

ENGINES: dict[str, tuple[str, str]] = {
    "local": ("align.batch.local:LocalEngine", "a pool of processes on this machine"),
    "ray": ("align.batch.ray_engine:RayEngine", "Ray actors on a local instance or a cluster (--address)"),
}
ENGINE_NAMES: tuple[str, ...] = tuple(ENGINES)


def get_engine(name: str, *, jobs: int | None = None, address: str | None = None) -> Engine:
    """The engine ``name`` with ``jobs`` workers (None: one per core it can use)."""
    if name not in ENGINES:
        raise UsageError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINE_NAMES)}")
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {jobs}")
    if address is not None and name != "ray":
        raise UsageError("--address applies to --engine ray")
    module, attr = ENGINES[name][0].split(":")
    factory = getattr(importlib.import_module(module), attr)
    engine: Engine = factory(jobs=jobs, address=address) if name == "ray" else factory(jobs=jobs)
    return engine

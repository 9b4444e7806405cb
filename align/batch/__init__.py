"""Many pairs in one run: a task applied to each pair, by an engine that decides where.

A *task* (``align.batch.tasks``) knows what to do with one pair (align it and write the project,
check it, and later build its glossary) and what to load once per worker (the encoder). An
*engine* knows only how to spread pairs over workers: ``local`` runs a pool of processes on this
machine, ``ray`` runs Ray actors on a local instance or a cluster. Neither knows the other's
business, so every command gets every engine, and a new task (``dari glossary`` over many pairs)
needs no engine code: it implements ``Task`` and calls ``run_batch``.

``run_batch`` adds what every batch wants regardless of engine: pairs whose output is already
complete and up to date are skipped (``resume``), each result is recorded the moment it arrives
so a kill loses at most the pairs in flight, and progress goes through a callback.
"""

from __future__ import annotations

from align.batch.engines import ENGINE_NAMES, get_engine
from align.batch.jobs import Engine, PairJob, PairOutcome, Task
from align.batch.runner import run_batch

__all__ = ["ENGINE_NAMES", "Engine", "PairJob", "PairOutcome", "Task", "get_engine", "run_batch"]

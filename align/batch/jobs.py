"""What passes between a batch's driver and its workers: jobs, outcomes, and the two protocols.

Everything here is plain picklable data, because a job crosses a process boundary (the local
pool) or a machine boundary (Ray) on its way to a worker, and its outcome comes back the same way.
"""

from __future__ import annotations

import math
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from align.errors import DariError

OK, FAILED, KEPT = "ok", "error", "kept"
"""Outcome statuses: done now, could not be done, or already done by an earlier run."""

GROUP_BYTES = 64 * 1024
"""Input bytes a group of small pairs may hold: about half a second of work with the USE
encoder, so handing a group to a worker costs nothing next to the work in it."""
GROUPS_PER_WORKER = 4
"""At least this many groups per worker, so the last groups to finish are short and the
workers stop at nearly the same time."""


@dataclass(frozen=True, slots=True)
class PairJob:
    """One pair to process: where its files are, their languages, and where its output goes."""

    name: str
    source: str
    target: str | None
    src_lang: str | None = None
    tgt_lang: str | None = None
    output: str | None = None
    size: int = 0
    """Bytes of both inputs, for grouping small pairs."""
    key: str = ""
    """What the output depends on (inputs, encoder, parameters), for skipping it on a rerun."""


@dataclass(slots=True)
class PairOutcome:
    """What became of one pair; ``stats`` feed the summary table, ``payload`` is the task's own."""

    name: str
    status: str
    seconds: float = 0.0
    error: str | None = None
    output: str | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    payload: Any = None

    @property
    def ok(self) -> bool:
        return self.status != FAILED


class Task(Protocol):
    """What to do with each pair. Instances are pickled to the workers: heavy state (the
    encoder) is created by ``setup``, once per worker, and never pickled."""

    kind: str

    def setup(self, threads: int | None) -> None:
        """Load what every pair needs, using at most ``threads`` CPU threads per pair."""
        ...

    def run(self, job: PairJob) -> PairOutcome:
        """Process one pair; a ``DariError`` raised here becomes that pair's error."""
        ...

    def resume(self, job: PairJob) -> PairOutcome | None:
        """In the driver, before any worker starts: the outcome of an earlier run whose output is
        complete and current (the pair is then skipped), or None to process the pair."""
        ...


OnOutcome = Callable[[PairOutcome], None]


class Engine(Protocol):
    """Spreads jobs over workers; calls ``on_outcome`` for each pair as soon as it is known."""

    name: str
    workers: int

    def run(self, jobs: Sequence[PairJob], task: Task, on_outcome: OnOutcome) -> None: ...


def run_job(task: Task, job: PairJob) -> PairOutcome:
    """One pair on a worker, timed; its failure becomes its outcome instead of stopping the run."""
    start = time.perf_counter()
    try:
        outcome = task.run(job)
    except DariError as exc:
        outcome = PairOutcome(job.name, FAILED, error=str(exc))
    except Exception as exc:  # a bug on one pair must not cost the others their results
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" at {last[0].filename}:{last[0].lineno}" if last else ""
        outcome = PairOutcome(job.name, FAILED, error=f"internal error: {type(exc).__name__}: {exc}{where}")
    outcome.seconds = time.perf_counter() - start
    return outcome


def run_group(task: Task, group: Sequence[PairJob]) -> list[PairOutcome]:
    return [run_job(task, job) for job in group]


def group_jobs(jobs: Sequence[PairJob], workers: int) -> list[list[PairJob]]:
    """Groups of jobs, biggest pairs first, each group holding at most ``GROUP_BYTES`` of input
    (a bigger pair alone) and at most 1/(workers x ``GROUPS_PER_WORKER``) of what is left, so
    the groups shrink towards the end and the workers finish at nearly the same time (the
    last groups handed out are the shortest)."""
    if not jobs:
        return []
    order = sorted(jobs, key=lambda job: -job.size)  # stable: equal sizes keep their order
    slots = max(1, workers) * GROUPS_PER_WORKER
    remaining = sum(max(1, job.size) for job in order)
    groups: list[list[PairJob]] = []
    current: list[PairJob] = []
    size = budget = 0
    for job in order:
        weight = max(1, job.size)
        if current and size + weight > budget:
            groups.append(current)
            remaining -= size
            current, size = [], 0
        if not current:
            budget = min(GROUP_BYTES, math.ceil(remaining / slots))
        current.append(job)
        size += weight
    groups.append(current)
    return groups

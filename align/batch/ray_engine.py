"""The Ray engine: the same tasks as the local pool, on Ray actors that keep the encoder loaded.

Users whose corpora outgrow one machine already run Ray clusters; dari runs there instead of
growing a scheduler of its own. Each actor is one worker: it unpickles the task, calls
``setup`` once (loading the encoder), then processes groups of pairs as the local pool's
workers do, with the same code, so the outputs are byte-identical. Paths in the jobs are
opened by the actors: on a cluster they must name storage every node sees.

With no ``address`` a private local instance is started for the run and stopped after it; an
already initialised Ray (a notebook's, a test's) is used as it is and left running.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from align.batch.jobs import FAILED, OnOutcome, PairJob, PairOutcome, Task, group_jobs, run_group
from align.errors import InputError, MissingDependencyError

IN_FLIGHT_PER_ACTOR = 2
"""Groups queued on each actor, so it starts the next one without waiting for the driver."""


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise MissingDependencyError("--engine ray needs Ray: pip install 'dari[ray]'") from exc
    return ray


class _Worker:
    """The actor's class: one task, set up once."""

    def __init__(self, task: Task, threads: int) -> None:
        from align.encoders.threads import limit_blas_for_process

        limit_blas_for_process(threads)
        task.setup(threads)
        self.task = task

    def run(self, group: list[PairJob]) -> list[PairOutcome]:
        return run_group(self.task, group)


class RayEngine:
    """``jobs`` actors of one CPU each (default: one per CPU of the Ray instance)."""

    name = "ray"

    def __init__(self, jobs: int | None = None, address: str | None = None) -> None:
        self.jobs = jobs
        self.address = address
        self.workers = jobs or 0

    def _connect(self, ray: Any) -> bool:
        """Initialise Ray unless it already is; True when this run started it."""
        if ray.is_initialized():
            return False
        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.ERROR,
        }
        if self.address:
            options["address"] = self.address
        elif self.jobs:
            options["num_cpus"] = self.jobs
        try:
            ray.init(**options)
        except ConnectionError as exc:
            raise InputError(f"cannot connect to Ray at {self.address}: {exc}") from None
        return True

    def run(self, jobs: Sequence[PairJob], task: Task, on_outcome: OnOutcome) -> None:
        if not jobs:
            return
        ray = _ray()
        started = self._connect(ray)
        actors: list[Any] = []
        try:
            cpus = int(ray.cluster_resources().get("CPU", 1))
            count = max(1, min(self.jobs or cpus, len(jobs)))
            self.workers = count
            actor_class = ray.remote(num_cpus=1)(_Worker)
            actors = [actor_class.remote(task, 1) for _ in range(count)]
            groups = group_jobs(jobs, count)
            queue = list(reversed(groups))
            pending: dict[Any, tuple[Any, list[PairJob]]] = {}

            def submit(actor: Any) -> None:
                if queue:
                    group = queue.pop()
                    pending[actor.run.remote(group)] = (actor, group)

            for actor in actors:
                for _ in range(IN_FLIGHT_PER_ACTOR):
                    submit(actor)
            while pending:
                ready, _ = ray.wait(list(pending), num_returns=1)
                for ref in ready:
                    actor, group = pending.pop(ref)
                    try:
                        outcomes: list[PairOutcome] = ray.get(ref)
                    except ray.exceptions.RayError as exc:
                        why = " ".join(str(exc).split())[:300]
                        outcomes = [PairOutcome(job.name, FAILED, error=f"ray: {why}") for job in group]
                    for outcome in outcomes:
                        on_outcome(outcome)
                    submit(actor)
        finally:
            for actor in actors:
                ray.kill(actor)
            if started:
                ray.shutdown()

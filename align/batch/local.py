"""The local engine: a pool of worker processes, each loading the task (its encoder) once.

Processes, not threads: the aligner, the reading and the checks are Python and numpy that
hold the GIL for long stretches, so only processes use every core for every stage. Workers
are spawned (not forked) so that they never inherit a lock held by one of the driver's
threads (the progress bar's), and they ignore ctrl+c: the driver alone decides to stop, and
the pairs in flight are the only ones lost. With one worker the pairs run in this process,
which spares a process start and an encoder load.
"""

from __future__ import annotations

import math
import multiprocessing
import signal
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from align.batch.jobs import (
    FAILED,
    GROUP_BYTES,
    OnOutcome,
    PairJob,
    PairOutcome,
    Task,
    group_jobs,
    run_group,
    run_job,
)
from align.encoders.threads import available_cores, blas_threads_for_children, limit_blas_for_process

_TASK: Task | None = None


def _start_worker(task: Task, threads: int) -> None:
    global _TASK
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_blas_for_process(threads)
    task.setup(threads)
    _TASK = task


def _work(group: list[PairJob]) -> list[PairOutcome]:
    assert _TASK is not None, "worker started without its task"
    return run_group(_TASK, group)


class LocalEngine:
    """``jobs`` worker processes (default: one per core), fewer when the work is small:
    a worker costs a process start and an encoder load (about a second), so each is given
    at least ``spread_bytes`` of input; a handful of short files run in this process."""

    name = "local"

    def __init__(self, jobs: int | None = None, spread_bytes: int = GROUP_BYTES) -> None:
        self.workers = jobs or available_cores()
        self.spread_bytes = spread_bytes

    def run(self, jobs: Sequence[PairJob], task: Task, on_outcome: OnOutcome) -> None:
        total = sum(job.size for job in jobs)
        workers = min(self.workers, len(jobs), max(1, math.ceil(total / max(1, self.spread_bytes))))
        if workers <= 1:
            task.setup(None)
            for job in jobs:
                on_outcome(run_job(task, job))
            return
        threads = max(1, available_cores() // workers)
        # the workers are spawned by the submits: all inside the block
        with blas_threads_for_children(threads):
            pool = ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(task, threads),
            )
            pending: dict[Future[list[PairOutcome]], list[PairJob]] = {
                pool.submit(_work, group): group for group in group_jobs(jobs, workers)
            }
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    group = pending.pop(future)
                    try:
                        outcomes = future.result()
                    except BrokenProcessPool:
                        outcomes = [
                            _lost(job, "a worker process died (killed or out of memory)") for job in group
                        ]
                    for outcome in outcomes:
                        on_outcome(outcome)
        finally:
            if pending:  # ctrl+c or an error: drop what has not started, stop what has
                for process in list((getattr(pool, "_processes", None) or {}).values()):
                    process.terminate()
            # all done: the workers exit (tearing down numpy and the model takes them a moment)
            # while the driver writes the summary; the interpreter joins them at exit
            pool.shutdown(wait=False, cancel_futures=True)


def _lost(job: PairJob, why: str) -> PairOutcome:
    return PairOutcome(job.name, FAILED, error=why)

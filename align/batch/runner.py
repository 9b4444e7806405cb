"""The driver's side of a batch: skip what is done, hand the rest to an engine, collect."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from align.batch.jobs import Engine, PairJob, PairOutcome, Task

BatchProgress = Callable[[PairOutcome, int, int], None]
"""``progress(outcome, done, total)`` after each pair, kept ones included."""


def run_batch(
    jobs: Sequence[PairJob],
    task: Task,
    engine: Engine,
    *,
    progress: BatchProgress | None = None,
) -> list[PairOutcome]:
    """Every job's outcome, in the order of ``jobs``.

    Pairs whose output an earlier run completed (``task.resume``) are not sent anywhere. The
    rest go to ``engine``; each outcome is passed to ``progress`` as it arrives, and the
    task has already written that pair's output by then, so an interrupted run loses only
    the pairs in flight (a ``KeyboardInterrupt`` propagates after the engine stopped).
    """
    names = [job.name for job in jobs]
    if len(set(names)) != len(names):
        raise ValueError("batch jobs must have distinct names")
    outcomes: dict[str, PairOutcome] = {}
    total = len(jobs)

    def record(outcome: PairOutcome) -> None:
        outcomes[outcome.name] = outcome
        if progress is not None:
            progress(outcome, len(outcomes), total)

    todo = []
    for job in jobs:
        kept = task.resume(job)
        if kept is None:
            todo.append(job)
        else:
            record(kept)
    if todo:
        engine.run(todo, task, record)
    return [outcomes[name] for name in names]

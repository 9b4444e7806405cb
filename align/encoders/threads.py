"""How many CPU threads an encoder may use, and keeping BLAS out of their way.

On a 2-core machine the fastest way to run many small matrix products is one Python worker
thread per core, each calling a single-threaded BLAS (numpy releases the GIL inside them);
letting OpenBLAS also start its own threads oversubscribes the cores and halves throughput.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator
from typing import Any


def available_cores() -> int:
    """Cores this process may run on (respects CPU affinity and container limits on Linux)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_threads(requested: int | None, cap: int = 8) -> int:
    """The requested thread count, or every available core up to ``cap``."""
    if requested is not None:
        return max(1, requested)
    return min(available_cores(), cap)


@functools.cache
def _blas_controller() -> Any | None:
    """threadpoolctl's controller, created once (it scans the loaded libraries)."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def can_limit_blas() -> bool:
    """Whether BLAS threads can be pinned to one (needs ``threadpoolctl``)."""
    return _blas_controller() is not None


@contextlib.contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Within the block, BLAS calls run on the calling thread only (when controllable)."""
    controller = _blas_controller()
    if controller is None:
        yield
        return
    with controller.limit(limits=1, user_api="blas"):
        yield


def limit_blas_for_process(threads: int) -> None:
    """From now on, BLAS uses at most ``threads`` threads in this process (a batch worker:
    the other workers have the other cores; OpenBLAS's default, one thread per core in every
    worker, oversubscribes them). A no-op without threadpoolctl."""
    controller = _blas_controller()
    if controller is not None:
        controller.limit(limits=max(1, threads), user_api="blas")


BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


@contextlib.contextmanager
def blas_threads_for_children(threads: int) -> Iterator[None]:
    """Child processes started within the block load BLAS with ``threads`` threads (a
    variable the user set is kept). ``limit_blas_for_process`` alone is not enough: OpenBLAS
    starts its thread pool when numpy is imported, and two batch workers whose idle pool
    threads spin made FLORES pairs 40x slower (120 pairs: 59 s instead of 3 s)."""
    saved = {name: os.environ.get(name) for name in BLAS_THREAD_VARIABLES}
    for name, value in saved.items():
        if value is None:
            os.environ[name] = str(max(1, threads))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)

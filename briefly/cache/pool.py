"""Running one function over many briefs, on every core when that pays.

Workers are forked, and each gets the build context through the pool's
initializer: nothing about a build is kept in module state of the process
that starts them.  Forking a process that runs other threads (the preview
server's watcher) can deadlock the child on a lock one of them held, so such
a process does the work itself.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Callable, Generic, Iterator, Sequence, TypeVar

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")

PARALLEL_THRESHOLD = 48
"""Below this many items, forking workers costs more than it saves."""


def can_fork() -> bool:
    return ((os.cpu_count() or 1) >= 2 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def run_all(function: Callable[[C, T], R], context: C, items: Sequence[T],
            threshold: int | None = None) -> Iterator[list[R]]:
    """``function(context, item)`` for every item, yielded in batches as they finish."""
    cpus = os.cpu_count() or 1
    if len(items) < (PARALLEL_THRESHOLD if threshold is None else threshold) or not can_fork():
        for item in items:
            yield [function(context, item)]
        return
    size = max(4, min(64, len(items) // (cpus * 8)))
    chunks = [list(items[i:i + size]) for i in range(0, len(items), size)]
    pool = multiprocessing.get_context("fork").Pool(
        cpus, initializer=_Worker.start, initargs=(function, context))
    try:
        yield from pool.imap_unordered(_Worker.run_chunk, chunks)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def map_in_order(function: Callable[[C, T], R], context: C, items: Sequence[T]) -> list[R]:
    """``function(context, item)`` for each item, one worker per item, results in order."""
    cpus = os.cpu_count() or 1
    if len(items) < 2 or not can_fork():
        return [function(context, item) for item in items]
    pool = multiprocessing.get_context("fork").Pool(
        min(cpus, len(items)), initializer=_Worker.start, initargs=(function, context))
    try:
        results = pool.map(_Worker.run_one, items, chunksize=1)
        pool.close()
        return results
    finally:
        pool.terminate()
        pool.join()


class _Worker(Generic[C, T, R]):
    """The function and context a worker process was started with."""

    job: tuple[Callable, object] | None = None

    @staticmethod
    def start(function: Callable, context: object) -> None:
        _Worker.job = (function, context)

    @staticmethod
    def run_one(item: object) -> object:
        assert _Worker.job is not None, "the pool's initializer sets the job"
        function, context = _Worker.job
        return function(context, item)

    @staticmethod
    def run_chunk(items: list) -> list:
        return [_Worker.run_one(item) for item in items]

"""Keep CPython's cycle collector from rescanning the build cache over and over.

A build holds hundreds of thousands of long-lived objects (the cache index:
per brief its summary, file signatures and output records).  The collector
walks every tracked object at each full collection, and with the default
thresholds it runs many of them while these are unpickled and used, a
large share of a no-op build on a big archive.  None of that data forms cycles,
so during a build collections are made rarer and the loaded index is moved
out of the collector's sight (``gc.freeze``); both are undone afterwards, so
the long-running preview server collects as usual between builds.
"""

from __future__ import annotations

import functools
import gc
from typing import Callable, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

# Young-generation threshold during a build, far above CPython's default: a
# large build allocates millions of objects, nearly all of them kept.
BUILD_THRESHOLD = 10_000


def collecting_rarely(build: Callable[P, R]) -> Callable[P, R]:
    """Run ``build`` with rarer collections; frozen objects are thawed at the end.

    A plain wrapper, not ``contextlib``: its context managers re-raise by
    setting ``__traceback__``, which a frozen ``BriefError`` refuses.
    """
    @functools.wraps(build)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        threshold = gc.get_threshold()
        gc.set_threshold(max(threshold[0], BUILD_THRESHOLD), *threshold[1:])
        try:
            return build(*args, **kwargs)
        finally:
            gc.set_threshold(*threshold)
            gc.unfreeze()
    return run


class bulk_load:  # noqa: N801 - used like a function: ``with bulk_load():``
    """Unpickle acyclic data without collections: none could free anything."""

    def __enter__(self) -> None:
        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            gc.enable()


def keep_out_of_collections() -> None:
    """Stop scanning everything alive now (e.g. a just-loaded index) until
    ``collecting_rarely`` ends; forked workers then also share its pages."""
    gc.freeze()

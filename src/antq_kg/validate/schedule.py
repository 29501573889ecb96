"""Running independent calls on a pool of threads with the result of one thread: :func:`mapped`.

The SPARQL engine (:mod:`.sparql_engine`) runs its compiled checks this way. A :class:`Schedule` says
how they start: in an order (the slowest first, so that the pool does not end on one long query),
some of them early, while the caller's thread does something else the others wait for (completing the
working store), on fewer threads than the pool's (that step is on the critical path). Whatever the
schedule and the threads, the results, and the error raised, are those of running the calls one after
the other in the items' order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Generic, TypeVar

_T = TypeVar("_T")
_R = TypeVar("_R")


@dataclass(frozen=True)
class Schedule:
    """How :func:`mapped` starts its items, each named by its position in them.

    ``order``: the order to start them in (their own when ``None``); ``early``: those started before
    the others, which ``between()`` waits for: it is called in the caller's thread while the early
    ones run, at most ``lanes`` of them at once (the pool's other threads left to it; all of them when
    ``None``), and the others start once it has returned.
    """

    order: Sequence[int] | None = None
    early: Collection[int] = ()
    between: Callable[[], None] | None = None
    lanes: int | None = None

    def starts(self, n: int) -> tuple[list[int], list[int]]:
        """The positions of ``n`` items started before ``between()`` and after it, each in the order
        to start them."""
        order = list(self.order if self.order is not None else range(n))
        return [k for k in order if k in self.early], [k for k in order if k not in self.early]


class _Lanes(Generic[_T, _R]):
    """At most ``lanes`` calls of ``fn`` at once until :meth:`open`, then any number."""

    def __init__(self, fn: Callable[[_T], _R], lanes: int) -> None:
        self._fn = fn
        self._gate = threading.Semaphore(lanes)

    def __call__(self, item: _T) -> _R:
        with self._gate:
            return self._fn(item)

    def open(self, waiting: int) -> None:
        """Let the ``waiting`` calls (at most: those submitted) through at once."""
        self._gate.release(waiting)


def mapped(
    pool: Executor | None, fn: Callable[[_T], _R], items: Sequence[_T], schedule: Schedule = Schedule()
) -> list[_R]:
    """``fn`` of each of ``items``, in their order, on ``pool``'s threads (started as ``schedule``
    says) or in this thread (the early items first, then ``between()``, then the others in order). An
    error is raised as one thread raises it: the first item's, in ``items``' order, whose ``fn`` fails
    (the items not started yet are dropped), once ``between()`` has returned."""
    early, later = schedule.starts(len(items))
    if len(items) < 2:
        pool = None  # nothing to run beside
    lanes = (
        _Lanes(fn, schedule.lanes)
        if pool is not None and schedule.lanes and schedule.between is not None
        else None
    )
    futures = {k: _started(pool, lanes or fn, items[k]) for k in early}
    try:
        try:
            if schedule.between is not None:
                schedule.between()
        finally:
            if lanes is not None and early:
                lanes.open(len(early))  # none of the early items waits any more
        if pool is not None:
            futures.update((k, pool.submit(fn, items[k])) for k in later)
        return [futures[k].result() if k in futures else fn(items[k]) for k in range(len(items))]
    finally:
        for future in futures.values():
            future.cancel()


def _started(pool: Executor | None, fn: Callable[[_T], _R], item: _T) -> Future[_R]:
    """``fn(item)`` submitted to ``pool``, or without one run in this thread, as a future done with its
    value or its error (raised where the result is read, as a pool's future raises it)."""
    if pool is not None:
        return pool.submit(fn, item)
    future: Future[_R] = Future()
    try:
        future.set_result(fn(item))
    except Exception as exc:
        future.set_exception(exc)
    return future

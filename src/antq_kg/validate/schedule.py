"""Running independent calls on a pool of threads with the result of one thread: :func:`mapped`.

The SPARQL engine (:mod:`.sparql_engine`) runs its compiled checks this way, started in an order of its
choosing (the slowest first, so that the pool does not end on one long query). Whatever the order and
the threads, the results, and the error raised, are those of running the calls one after the other in
the items' order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from typing import TypeVar

_T = TypeVar("_T")
_R = TypeVar("_R")


def mapped(
    pool: Executor | None,
    fn: Callable[[_T], _R],
    items: Sequence[_T],
    order: Sequence[int] | None = None,
) -> list[_R]:
    """``fn`` of each of ``items``, in their order, on ``pool``'s threads, started in ``order`` (the
    items' positions; their own order when ``None``), or without a pool in this thread in the items'
    order. An error is raised as one thread raises it: the first item's, in ``items``' order, whose
    ``fn`` fails (the items not started yet are dropped)."""
    if pool is None or len(items) < 2:  # nothing to run beside
        return [fn(item) for item in items]
    futures: dict[int, Future[_R]] = {}
    try:
        for k in order if order is not None else range(len(items)):
            futures[k] = pool.submit(fn, items[k])
        return [futures[k].result() for k in range(len(items))]
    finally:
        for future in futures.values():
            future.cancel()

"""Shared helpers for the tests of pyoxigraph results across threads.

pyoxigraph's query results (``QuerySolutions``) and quad iterators (``QuadIter``) are pyo3 ``unsendable``
classes: only the thread that made one may drop it. Dropped anywhere else, pyo3 leaks it and reports an
unraisable ``RuntimeError: … is unsendable, but is being dropped on another thread`` (through
``sys.unraisablehook``, so nothing fails where it happens). A result kept alive by an exception's
traceback, or by a reference cycle the garbage collector breaks later in whichever thread allocates,
is dropped by another thread.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def unraisable() -> Iterator[list[str]]:
    """The unraisable exceptions reported inside the block (their messages), none of them printed."""
    caught: list[str] = []
    old = sys.unraisablehook

    def hook(u: sys.UnraisableHookArgs) -> None:
        caught.append(f"{u.exc_type.__name__}: {u.exc_value}")

    sys.unraisablehook = hook
    try:
        yield caught
    finally:
        sys.unraisablehook = old


def raised_in_a_thread(fn: Callable[[], object]) -> BaseException:
    """The error ``fn()`` raises when run in a thread of its own (which has ended when this returns)."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as exc:  # handed to the caller's thread, with its traceback
            raised.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert raised, "fn() raised nothing"
    return raised.pop()


def collected_elsewhere() -> list[str]:
    """The unraisable exceptions reported while the garbage collector runs in a thread of its own:
    what the cycles left by the code run so far drop in a thread that did not make it."""
    with unraisable() as caught:
        thread = threading.Thread(target=gc.collect)
        thread.start()
        thread.join()
    return caught

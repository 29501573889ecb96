"""The C heap of a process that bulk-loads into RocksDB: fewer malloc arenas.

Oxigraph's bulk loader sorts each batch in memory on the thread that loads it, and RocksDB compacts on
threads of its own. With glibc's default of up to eight malloc arenas per CPU, each of those threads
allocates from an arena of its own, and what a thread frees stays mapped in its arena for that arena's
next allocation: the build's largest process kept more memory than it used. :func:`limit_arenas` caps
the arenas (``mallopt(M_ARENA_MAX, n)``, glibc's mallopt(3)); it acts on the arenas made after it, so a
command calls it before it starts any thread. Measured in ``bench/README.md`` (a 20,000-article build:
largest process 526–547 MB → 475–478 MB, the same CPU time); ``malloc_trim(3)`` after each load was
tried too and dropped: the peak stayed where it was and the pages handed back were faulted in again
(a fifth more system time).

A no-op where the C library is not glibc (musl, macOS): nothing else depends on it.
"""

from __future__ import annotations

import ctypes
import ctypes.util

__all__ = ["limit_arenas"]

#: glibc's ``M_ARENA_MAX`` (malloc.h).
_M_ARENA_MAX = -8


def limit_arenas(arenas: int = 2) -> bool:
    """At most ``arenas`` malloc arenas in this process from now on; whether the C library took it."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return False
    mallopt = getattr(libc, "mallopt", None)
    return (
        mallopt is not None and hasattr(libc, "gnu_get_libc_version") and mallopt(_M_ARENA_MAX, arenas) == 1
    )

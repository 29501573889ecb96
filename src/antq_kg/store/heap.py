"""The C heap of a process that bulk-loads into RocksDB: fewer malloc arenas, large blocks mapped apart.

Oxigraph's bulk loader sorts each batch in memory on the thread that loads it, and RocksDB compacts on
threads of its own. With glibc's default of up to eight malloc arenas per CPU, each of those threads
allocates from an arena of its own, and what a thread frees stays mapped in its arena for that arena's
next allocation: the build's largest process kept more memory than it used. :func:`limit_arenas` caps
the arenas (``mallopt(M_ARENA_MAX, n)``, glibc's mallopt(3)); it acts on the arenas made after it, so a
command calls it before it starts any thread. Measured in ``bench/README.md`` (a 20,000-article build:
largest process 526–547 MB → 475–478 MB, the same CPU time); ``malloc_trim(3)`` after each load was
tried too and dropped: the peak stayed where it was and the pages handed back were faulted in again
(a fifth more system time).

:func:`map_large_blocks` keeps glibc's threshold above which a block is mapped on its own (``mmap``) and
unmapped when freed at its default, 128 KiB. By default glibc raises that threshold each time such a
block is freed, to the freed block's size (up to 32 MiB on 64-bit; mallopt(3), ``M_MMAP_THRESHOLD``): after
the first 16 MB batches and bulk loads, their multi-MB buffers were carved from the arenas instead, and
what they left there when freed stayed in the process as free memory (``mallinfo2``'s ``fordblks``:
120–220 MB of a 350 MB main process at 8,000 articles, ``bench/bench_build_memory.py split``). Setting
the threshold turns the rise off.

Both are no-ops where the C library is not glibc (musl, macOS): nothing else depends on them.
"""

from __future__ import annotations

import ctypes
import ctypes.util

__all__ = ["MMAP_THRESHOLD", "limit_arenas", "map_large_blocks"]

#: glibc's ``M_ARENA_MAX`` and ``M_MMAP_THRESHOLD`` (malloc.h).
_M_ARENA_MAX = -8
_M_MMAP_THRESHOLD = -3
#: glibc's default mmap threshold (mallopt(3)), kept fixed by :func:`map_large_blocks`.
MMAP_THRESHOLD = 128 << 10


def _mallopt(param: int, value: int) -> bool:
    """glibc's ``mallopt(param, value)``; whether the C library is glibc and took it."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return False
    mallopt = getattr(libc, "mallopt", None)
    return mallopt is not None and hasattr(libc, "gnu_get_libc_version") and mallopt(param, value) == 1


def limit_arenas(arenas: int = 2) -> bool:
    """At most ``arenas`` malloc arenas in this process from now on; whether the C library took it."""
    return _mallopt(_M_ARENA_MAX, arenas)


def map_large_blocks(threshold: int = MMAP_THRESHOLD) -> bool:
    """Every block of ``threshold`` bytes or more mapped on its own and given back to the system when
    freed, from now on (the threshold no longer rises); whether the C library took it."""
    return _mallopt(_M_MMAP_THRESHOLD, threshold)

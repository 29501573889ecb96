"""The build caps the malloc arenas of its process (:mod:`antq_kg.store.heap`)."""

from __future__ import annotations

import platform
import subprocess
import sys
import textwrap

import pytest

from antq_kg.store import heap


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt(M_ARENA_MAX) is glibc's")
def test_with_the_arenas_capped_threads_share_them() -> None:
    """Eight threads each allocating at once make eight arenas by default and two after the cap
    (counted by glibc's malloc_info, one <heap> element per arena)."""
    script = textwrap.dedent(
        """
        import ctypes, sys, threading
        from antq_kg.store import heap
        if sys.argv[1] == "capped":
            assert heap.limit_arenas(2)
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc.restype = ctypes.c_void_p
        barrier = threading.Barrier(8)
        kept = []
        def work():
            barrier.wait()
            kept.extend(libc.malloc(4096) for _ in range(1000))
        threads = [threading.Thread(target=work) for _ in range(8)]
        [t.start() for t in threads]; [t.join() for t in threads]
        libc.open_memstream.restype = ctypes.c_void_p
        buf, size = ctypes.c_char_p(), ctypes.c_size_t()
        stream = libc.open_memstream(ctypes.byref(buf), ctypes.byref(size))
        libc.malloc_info(0, ctypes.c_void_p(stream)); libc.fclose(ctypes.c_void_p(stream))
        print(buf.value.decode().count("<heap nr="))
        """
    )

    def arenas(mode: str) -> int:
        out = subprocess.run([sys.executable, "-c", script, mode], capture_output=True, text=True, check=True)
        return int(out.stdout)

    assert arenas("capped") <= 2 < arenas("default")


def test_capping_is_a_no_op_elsewhere_and_says_so() -> None:
    assert heap.limit_arenas(8) is (platform.libc_ver()[0] == "glibc")

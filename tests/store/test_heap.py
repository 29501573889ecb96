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


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt(M_MMAP_THRESHOLD) is glibc's")
def test_with_the_mmap_threshold_kept_a_large_block_is_mapped_again_after_one_was_freed() -> None:
    """A 1 MiB block is mapped apart; once it is freed glibc raises its threshold past 1 MiB, so the
    next one is carved from the arena (and stays there when freed) unless the threshold is kept
    (counted by glibc's mallinfo2: ``hblks``, the blocks mapped apart, before and after)."""
    script = textwrap.dedent(
        """
        import ctypes, sys
        from antq_kg.store import heap
        if sys.argv[1] == "kept":
            assert heap.map_large_blocks()
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc.restype = ctypes.c_void_p
        class Info(ctypes.Structure):
            _fields_ = [(n, ctypes.c_size_t) for n in "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]
        libc.mallinfo2.restype = Info
        before = libc.mallinfo2().hblks
        libc.free(ctypes.c_void_p(libc.malloc(1 << 20)))
        block = libc.malloc(1 << 20)
        print(libc.mallinfo2().hblks - before)
        """
    )

    def mapped(mode: str) -> int:
        out = subprocess.run([sys.executable, "-c", script, mode], capture_output=True, text=True, check=True)
        return int(out.stdout)

    assert mapped("kept") == 1
    assert mapped("default") == 0


def test_keeping_the_threshold_is_a_no_op_elsewhere_and_says_so() -> None:
    assert heap.map_large_blocks() is (platform.libc_ver()[0] == "glibc")

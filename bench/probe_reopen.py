"""Probe: does closing and re-opening an on-disk pyoxigraph store give back the memory its bulk loads kept?

Bulk-loads an N-Quads file (e.g. ``antq-kg build -o FILE --format nquads --no-reference`` of the synthetic
corpus) into a fresh on-disk store in slices of ``--slice`` MB, ``--loaders`` at a time (as the build's loader
threads do), ``--rounds`` times over (each round after the first with instance IRIs of its own, so the store
keeps growing), with the process capped at two malloc arenas (``antq_kg.store.heap.limit_arenas``, as
``antq-kg build``). Every ``--every`` slices it prints the process's RSS, what the C heap has handed out and
not had back (glibc's ``mallinfo2``: the live memory, apart from the free memory the arenas keep) and the peak
RSS so far. With ``--reopen K`` the store is closed (every reference dropped, ``gc.collect()``) and opened
again at the same path every K slices, with the RSS and live memory before and after (``--trim``: and after
a ``malloc_trim(0)``). At the end: the same figures open, trimmed, closed, trimmed; then a fresh process opens
the store and prints its RSS (opened, then after counting every quad).

Run: ``.venv/bin/python bench/probe_reopen.py FILE.nq --store DIR [--rounds 4] [--reopen K] [--trim]
[--slice 16] [--loaders 2] [--every 20]``. Figures in ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import harness
import pyoxigraph as ox

from antq_kg.store.heap import limit_arenas


def rss_mb() -> float:
    """This process's resident set now (``VmRSS``), in MB."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_use_mb() -> float:
    """What the C heap has handed out and not been given back (glibc's ``mallinfo2``: ``uordblks`` +
    ``hblkhd``), in MB: the live memory, apart from what is free but kept in the arenas."""
    info = harness.mallinfo2()
    return float(info.uordblks + info.hblkhd) / (1 << 20) if info is not None else 0.0


def trim() -> float:
    """``malloc_trim(0)`` (glibc): hand the free memory of every arena back; the RSS after it, in MB."""
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    return rss_mb()


def slices(path: Path, size: int, rounds: int) -> Iterator[bytes]:
    """The file in slices of about ``size`` bytes, cut at line ends, ``rounds`` times over: round r > 0
    with its instance IRIs made its own (``/antq/id/`` → ``/antq/idR/``), so every round adds new quads."""
    for r in range(rounds):
        rest = b""
        with path.open("rb") as f:
            while chunk := f.read(size):
                data = rest + chunk
                cut = data.rfind(b"\n") + 1
                rest = data[cut:]
                yield data[:cut] if r == 0 else data[:cut].replace(b"/antq/id/", b"/antq/id%d/" % r)
        if rest:
            yield rest if r == 0 else rest.replace(b"/antq/id/", b"/antq/id%d/" % r)


def fresh_process(store: Path) -> str:
    code = (
        "import pyoxigraph as ox, sys\n"
        "def rss():\n"
        "    return [int(l.split()[1]) // 1024 for l in open('/proc/self/status') if l.startswith('VmRSS:')][0]\n"
        "s = ox.Store(sys.argv[1]); a = rss(); n = len(s); b = rss()\n"
        "print(f'fresh process: opened {a} MB; after counting {n:,} quads {b} MB')\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(store)], capture_output=True, text=True
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("nquads", type=Path)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--reopen", type=int, default=0, help="close and re-open every K slices (0: never)")
    parser.add_argument("--slice", type=int, default=16, help="MB per bulk load")
    parser.add_argument("--loaders", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1, help="load the file this many times (new IRIs)")
    parser.add_argument("--trim", action="store_true", help="malloc_trim(0) after each close")
    parser.add_argument("--every", type=int, default=10, help="print the RSS every this many slices")
    args = parser.parse_args()

    print(f"arenas capped: {limit_arenas()}; pid {os.getpid()}")
    shutil.rmtree(args.store, ignore_errors=True)
    store: ox.Store | None = ox.Store(str(args.store))
    pool = ThreadPoolExecutor(max_workers=args.loaders)
    loading: list[Future[None]] = []
    t0, cpu0 = time.perf_counter(), time.process_time()
    print(f"  opened: {rss_mb():.0f} MB")

    def wait_all() -> None:
        while loading:
            loading.pop(0).result()

    for i, data in enumerate(slices(args.nquads, args.slice << 20, args.rounds), 1):
        while len(loading) >= args.loaders:
            loading.pop(0).result()
        assert store is not None
        loading.append(pool.submit(store.bulk_load, data, ox.RdfFormat.N_QUADS, lenient=True))
        del data
        if i % args.every == 0:
            print(
                f"  slice {i:4d}: {rss_mb():.0f} MB, in use {in_use_mb():.0f} (peak {peak_mb():.0f}), {time.perf_counter() - t0:.0f} s"
            )
        if args.reopen and i % args.reopen == 0:
            wait_all()
            before, live = rss_mb(), in_use_mb()
            if args.trim:
                before = trim()
            store.flush()
            store = None
            gc.collect()
            closed = rss_mb()
            trimmed = f" → trimmed {trim():.0f}" if args.trim else ""
            store = ox.Store(str(args.store))
            print(
                f"  re-open after slice {i}: {before:.0f} (in use {live:.0f}) → closed {closed:.0f} "
                f"(in use {in_use_mb():.0f}){trimmed} → opened {rss_mb():.0f} MB"
            )
    wait_all()
    assert store is not None
    store.flush()
    end, live = rss_mb(), in_use_mb()
    end_trimmed = trim()
    store = None
    gc.collect()
    closed = rss_mb()
    print(
        f"  end: {end:.0f} MB (in use {live:.0f}), trimmed while open {end_trimmed:.0f} MB, closed {closed:.0f} MB, trimmed {trim():.0f} MB; peak {peak_mb():.0f} MB; "
        f"{time.perf_counter() - t0:.1f} s wall, {time.process_time() - cpu0:.1f} s CPU"
    )
    print("  " + fresh_process(args.store))


if __name__ == "__main__":
    main()

"""The build's memory as the corpus grows: where it goes, article by article.

Two ways, each over the first ``--articles`` articles of the cached synthetic corpus (``bench/synth.py``):

- ``sample`` (the default): ``antq-kg build --jobs N`` into a fresh on-disk store, its main process's
  RSS and its worker processes' RSS read from ``/proc`` every ``--interval`` seconds; each sample is put
  beside the article count of the last progress line (one every 5 s). Prints the main process's RSS at
  every ``--every`` articles, its peak while articles were coming and after the last one (the end
  phase: last bulk loads, the corpus labels, the run record, RocksDB's flush and close), the workers'
  peak, and the largest process's peak RSS as the kernel counted it (``ru_maxrss`` of the reaped
  children: the spikes between samples too).
- ``split``: the same build in this process through the library (``antq_kg.pipeline.build``, the
  process capped at two malloc arenas and its mmap threshold kept, as the command does), with
  ``tracemalloc`` started once the workers are forked; every ``--every`` articles: the RSS, the
  Python heap as tracemalloc counts it, glibc's ``mallinfo2`` (what the C heap has handed out and not
  had back), and the sites whose Python memory grew most since the previous snapshot. RSS less the Python heap is the native part (RocksDB,
  pyoxigraph, malloc's free lists, the interpreter). tracemalloc slows the main process down (it
  traces every allocation), so the timings of this mode mean nothing.

Run: ``nice -n 10 .venv/bin/python bench/bench_build_memory.py [sample|split] --articles 20000``.
Linux only (``/proc``).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

import harness

PAGE = os.sysconf("SC_PAGE_SIZE")
PROGRESS = re.compile(rb"build: (\d+)/(\d+) articles")


def rss_mb(pid: int) -> float:
    """The resident set of process ``pid`` in MB (``/proc/PID/statm``), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * PAGE / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (``/proc/PID/task/*/children``)."""
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", "rb") as f:
                kids += [int(k) for k in f.read().split()]
    except OSError:
        pass
    return kids


@dataclass
class Sample:
    at: float
    done: int
    main: float
    workers: float  # the largest worker's RSS


@dataclass
class Watch:
    """Samples of a running build, and the article count its progress lines gave last."""

    pid: int
    interval: float
    done: int = 0
    total: int = 0
    samples: list[Sample] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    t0: float = field(default_factory=time.monotonic)
    #: when the last progress line came (seconds from :attr:`t0`)
    last_line: float = 0.0

    def read_progress(self, stream: object) -> None:
        for line in iter(stream.readline, b""):  # type: ignore[attr-defined]
            m = PROGRESS.search(line)
            if m:
                self.done, self.total = int(m.group(1)), int(m.group(2))
                self.last_line = time.monotonic() - self.t0

    def sample(self) -> None:
        while not self.stop.is_set():
            kids = children(self.pid)
            self.samples.append(
                Sample(
                    time.monotonic() - self.t0,
                    self.done,
                    rss_mb(self.pid),
                    max((rss_mb(k) for k in kids), default=0.0),
                )
            )
            self.stop.wait(self.interval)


def sample(n: int, *, jobs: int, interval: float, every: int) -> None:
    folder = harness.corpus(n)
    paths = [str(p) for p in harness.corpus_paths(folder, n)]
    store = harness.CACHE / f"memory-{n}-{os.getpid()}" / "store"
    shutil.rmtree(store.parent, ignore_errors=True)
    argv = [*harness.antq(), "--store", str(store), "build", "--jobs", str(jobs), *paths]
    print(f"$ antq-kg --store {harness.rel(store)} build --jobs {jobs} <{n:,} articles>")
    print(f"uptime before: {os.getloadavg()}")
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    watch = Watch(proc.pid, interval)
    reader = threading.Thread(target=watch.read_progress, args=(proc.stderr,), daemon=True)
    sampler = threading.Thread(target=watch.sample, daemon=True)
    reader.start()
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    watch.stop.set()
    sampler.join()
    reader.join(timeout=5)
    print(f"uptime after: {os.getloadavg()}")
    print(f"exit {os.waitstatus_to_exitcode(status)}, wall {harness.seconds(wall)}")
    ss = [s for s in watch.samples if s.main > 0]
    print(f"\n{'articles':>15} {'main RSS MB: min':>17} {'max':>5} {'last':>5} {'largest worker MB':>18}")
    windows: dict[int, list[Sample]] = {}
    for s in ss:
        windows.setdefault(s.done // every, []).append(s)
    for k, win in sorted(windows.items()):
        print(
            f"{k * every:>7,}–{(k + 1) * every:<7,} {min(s.main for s in win):>17.0f} "
            f"{max(s.main for s in win):>5.0f} {win[-1].main:>5.0f} {max(s.workers for s in win):>18.0f}"
        )
    # the command writes no line for its last article: the progress lines come every 5 s, so every
    # sample taken 5 s after the last line is of the end phase (it may have begun up to 5 s earlier)
    during = [s for s in ss if s.at <= watch.last_line]
    end = [s for s in ss if s.at > watch.last_line + 5]
    if during:
        last = during[-1]
        print(f"main process at the last progress line: {last.main:.0f} MB ({last.done:,} articles)")
        print(f"main process peak while articles came: {max(s.main for s in during):.0f} MB")
    if end:
        print(
            f"main process peak from 5 s after the last progress line to the end ({end[-1].at - end[0].at:.0f} s): "
            f"{max(s.main for s in end):.0f} MB"
        )
    print(f"largest worker peak (samples): {max((s.workers for s in ss), default=0):.0f} MB")
    print(f"largest process peak RSS (kernel, ru_maxrss): {usage.ru_maxrss / 1024:.0f} MB")
    print(f"CPU (user + sys, all processes): {usage.ru_utime:.0f} + {usage.ru_stime:.0f} s")
    shutil.rmtree(store.parent, ignore_errors=True)


def mallinfo_mb() -> tuple[float, float]:
    """glibc's ``mallinfo2``: (in use, free kept in the arenas) in MB; (0, 0) where there is none."""
    m = harness.mallinfo2()
    return ((m.uordblks + m.hblkhd) / 2**20, m.fordblks / 2**20) if m is not None else (0.0, 0.0)


def split(n: int, *, jobs: int, every: int, top: int) -> None:
    from antq_kg.pipeline import build
    from antq_kg.store import EmbeddedStore, heap

    heap.limit_arenas()  # as ``antq-kg build`` does
    heap.map_large_blocks()
    folder = harness.corpus(n)
    paths = harness.corpus_paths(folder, n)
    where = harness.CACHE / f"memory-split-{n}-{os.getpid()}"
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    store = EmbeddedStore(where / "store")
    print(f"in-process build of {n:,} articles, --jobs {jobs}; uptime before: {os.getloadavg()}")
    print(
        f"{'articles':>9} {'RSS MB':>7} {'py heap MB':>10} {'py peak MB':>10} {'C in use MB':>11} {'C free MB':>9} {'native MB':>9}"
    )
    state: dict[str, object] = {"prev": None}

    def report(done: int) -> None:
        snap = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
        cur, peak = tracemalloc.get_traced_memory()
        used, free = mallinfo_mb()
        rss = rss_mb(os.getpid())
        print(
            f"{done:>9,} {rss:>7.0f} {cur / 2**20:>10.1f} {peak / 2**20:>10.1f} {used:>11.0f} {free:>9.0f} "
            f"{rss - cur / 2**20:>9.0f}",
            flush=True,
        )
        prev = state["prev"]
        if isinstance(prev, tracemalloc.Snapshot):
            for stat in snap.compare_to(prev, "lineno")[:top]:
                if stat.size_diff > 256 << 10:
                    frame = stat.traceback[0]
                    print(
                        f"            {stat.size_diff / 2**20:+7.2f} MB  {stat.size / 2**20:7.2f} MB  "
                        f"{stat.count_diff:+9,}  {harness.rel(Path(frame.filename))}:{frame.lineno}"
                    )
        state["prev"] = snap

    def progress(done: int, total: int) -> None:
        if done == 1:
            tracemalloc.start()  # after the worker processes are forked: they trace nothing
        if done % every == 0 or done == total:
            report(done)

    t = time.perf_counter()
    result = build(paths, store=store, jobs=jobs, on_progress=progress)
    report(n)  # after the end phase
    store.close()
    print(
        f"after the store closed: RSS {rss_mb(os.getpid()):.0f} MB, peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    print(result.summary(harness.rel(where / "store")), f"({harness.seconds(time.perf_counter() - t)})")
    print(f"uptime after: {os.getloadavg()}")
    shutil.rmtree(where, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", nargs="?", choices=("sample", "split"), default="sample")
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--interval", type=float, default=1.0, help="seconds between RSS samples (sample)")
    ap.add_argument("--every", type=int, default=2000, help="articles between two rows")
    ap.add_argument("--top", type=int, default=8, help="growing sites shown per row (split)")
    a = ap.parse_args()
    if a.mode == "sample":
        sample(a.articles, jobs=a.jobs, interval=a.interval, every=a.every)
    else:
        split(a.articles, jobs=a.jobs, every=a.every, top=a.top)
    sys.stdout.flush()


if __name__ == "__main__":
    main()

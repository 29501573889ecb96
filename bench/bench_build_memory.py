"""The build's memory as the corpus grows: where it goes, article by article.

Two ways, each over the first ``--articles`` articles of the cached synthetic corpus (``bench/synth.py``):

- ``sample`` (the default): ``antq-kg build --jobs N`` into a fresh on-disk store, its main process's
  RSS and its worker processes' RSS read from ``/proc`` every ``--interval`` seconds; each sample is put
  beside the article count of the last progress line (one every 5 s). Prints the main process's RSS at
  every ``--every`` articles, its peak while articles were coming and after the last one (the end
  phase: last bulk loads, the corpus labels, the run record, RocksDB's flush and close), the workers'
  peak, and the largest process's peak RSS as the kernel counted it (``ru_maxrss`` of the reaped
  children: the spikes between samples too). With ``--phases`` the command runs in a wrapper
  (``bench_build_memory.py phased-cli``) that marks on stderr when each step after the last article
  begins and ends (the last flush and its bulk loads, closing the loaders, withdrawing vanished
  articles, the corpus labels, the run record, RocksDB's flush and close, the commit, the collection
  of old generations, the read-only reopen of the new generation, the store's close), each mark with
  the process's RSS and its ``ru_maxrss`` at that moment: the step during which ``ru_maxrss`` rises
  is the one that set the peak, even between two samples. The samples are then printed against the
  steps.
- ``writes --store DIR``: what writing ``--quads`` label-like quads (one ``skos:prefLabel`` each, 2,000
  a call, as a first build's labels come) costs a large store in memory, each way in a fresh process:
  opening it read-only; transactional ``extend`` (through RocksDB's write-ahead log and memtables); the
  bulk loader's ``bulk_extend``; the RSS after opening, after the writes and after ``flush()``. It
  WRITES INTO ``DIR``: give it a throwaway store, e.g. the generation a ``sample --keep`` build left
  (``.antq/bench/memory-N-PID/store/gens/g000002``).
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
import functools
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import harness

PAGE = os.sysconf("SC_PAGE_SIZE")
PROGRESS = re.compile(rb"build: (\d+)/(\d+) articles")
#: A step's mark on the wrapped command's stderr: ``bench-phase: MONOTONIC STEP begin|end RSS_MB MAXRSS_MB``
PHASE = re.compile(rb"^bench-phase: ([\d.]+) (\S+) (begin|end) ([\d.]+) ([\d.]+)$")
F = TypeVar("F", bound=Callable[..., Any])


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
class Mark:
    """A step of the build beginning or ending, as the wrapped command marked it."""

    at: float  # seconds from the watch's t0
    step: str
    edge: str  # "begin" or "end"
    rss: float  # the main process's RSS then, MB
    maxrss: float  # its ru_maxrss then, MB


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
    #: the steps the wrapped command marked (``--phases``), in order
    marks: list[Mark] = field(default_factory=list)

    def read_progress(self, stream: object) -> None:
        for line in iter(stream.readline, b""):  # type: ignore[attr-defined]
            p = PHASE.match(line.strip())
            if p:
                self.marks.append(
                    Mark(
                        float(p.group(1)) - self.t0,
                        p.group(2).decode(),
                        p.group(3).decode(),
                        float(p.group(4)),
                        float(p.group(5)),
                    )
                )
                continue
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


def sample(
    n: int, *, jobs: int, interval: float, every: int, phases: bool = False, keep: bool = False
) -> None:
    folder = harness.corpus(n)
    paths = [str(p) for p in harness.corpus_paths(folder, n)]
    store = harness.CACHE / f"memory-{n}-{os.getpid()}" / "store"
    shutil.rmtree(store.parent, ignore_errors=True)
    command = (
        [sys.executable, str(Path(__file__).resolve()), "phased-cli", "--"] if phases else harness.antq()
    )
    argv = [*command, "--store", str(store), "build", "--jobs", str(jobs), *paths]
    print(
        f"$ antq-kg --store {harness.rel(store)} build --jobs {jobs} <{n:,} articles>"
        + (" (steps marked: phased-cli)" if phases else "")
    )
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
    if watch.marks:
        print_steps(watch.marks, ss)
    if keep:
        print(f"store kept: {harness.rel(store)}")
    else:
        shutil.rmtree(store.parent, ignore_errors=True)


def writes(store: Path, quads: int) -> None:
    """Each way of writing (read-only open, ``extend``, ``bulk_extend``) in a fresh process of its own."""
    print(f"{quads:,} label quads written into {harness.rel(store)}, 2,000 a call; uptime {os.getloadavg()}")
    for how in ("read-only", "extend", "bulk_extend"):
        subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "write-once", str(store), how, str(quads)],
            check=True,
        )


def write_once(store: Path, how: str, quads: int) -> None:
    """One way of :func:`writes`, in this process: its RSS after opening, the writes and the flush."""
    import pyoxigraph as ox

    me = os.getpid()
    start = rss_mb(me)
    if how == "read-only":
        ox.Store.read_only(str(store))
        print(f"  read-only open: RSS {start:.0f} → {rss_mb(me):.0f} MB")
        return
    db = ox.Store(str(store))
    opened = rss_mb(me)
    graph = ox.NamedNode(f"http://example.org/bench/{how}")
    pref = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    t = time.perf_counter()
    for k in range(0, quads, 2000):
        batch = [
            ox.Quad(
                ox.NamedNode(f"http://example.org/bench/{how}/e{i}"),
                pref,
                ox.Literal(f"Ban số {i}", language="vi"),
                graph,
            )
            for i in range(k, min(k + 2000, quads))
        ]
        (db.bulk_extend if how == "bulk_extend" else db.extend)(batch)
    wrote, took = rss_mb(me), time.perf_counter() - t
    db.flush()
    print(
        f"  {how}: RSS opened {opened:.0f} MB, after the writes {wrote:.0f} MB ({harness.seconds(took)}), "
        f"after flush() {rss_mb(me):.0f} MB; peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


def print_steps(marks: list[Mark], samples: list[Sample]) -> None:
    """The marked steps against the samples: per step (its bulk loads summed into one row), when it
    ran, its RSS at the start and end, the highest sample of the main process while it ran, and by
    how much the kernel's ``ru_maxrss`` rose during it (the step that raised it set the peak; summed
    over the step's runs, so loads that overlap may count one rise twice)."""
    print(
        f"\n{'step':<28} {'runs':>4} {'from s':>7} {'for s':>7} {'RSS MB at start':>15} {'at end':>6} "
        f"{'highest sample':>14} {'ru_maxrss rose MB':>17} {'to':>6}"
    )
    open_: dict[str, list[Mark]] = {}
    rows: dict[str, list[tuple[Mark, Mark]]] = {}
    for m in marks:
        if m.edge == "begin":
            open_.setdefault(m.step, []).append(m)
        elif open_.get(m.step):
            rows.setdefault(m.step, []).append((open_[m.step].pop(0), m))
    for step, spans in sorted(rows.items(), key=lambda kv: kv[1][0][0].at):
        inside = [s.main for s in samples for a, b in spans if a.at <= s.at <= b.at]
        rose = sum(max(0.0, b.maxrss - a.maxrss) for a, b in spans)
        print(
            f"{step:<28} {len(spans):>4} {spans[0][0].at:>7.0f} {sum(b.at - a.at for a, b in spans):>7.1f} "
            f"{spans[0][0].rss:>15.0f} {spans[-1][1].rss:>6.0f} {max(inside, default=0.0):>14.0f} "
            f"{rose:>17.0f} {spans[-1][1].maxrss:>6.0f}"
        )


def _marked(step: str, fn: F, *, when: Callable[[tuple[Any, ...], dict[str, Any]], bool] | None = None) -> F:
    """``fn`` marking on stderr when it begins and ends (:func:`phased_cli`), or only the calls ``when`` accepts."""

    def mark(edge: str) -> None:
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        sys.stderr.write(
            f"bench-phase: {time.monotonic():.3f} {step} {edge} {rss_mb(os.getpid()):.1f} {maxrss:.1f}\n"
        )
        sys.stderr.flush()

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if when is not None and not when(args, kwargs):
            return fn(*args, **kwargs)
        mark("begin")
        try:
            return fn(*args, **kwargs)
        finally:
            mark("end")

    return wrapper  # type: ignore[return-value]


class _MarkedFlush:
    """A pyoxigraph store whose ``flush`` (RocksDB's memtables written out) is marked; everything
    else is the store's. Dropping it drops the store."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self.flush = _marked("rocksdb-flush", store.flush)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def __len__(self) -> int:
        return len(self._store)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._store)


def phased_cli(argv: list[str]) -> None:
    """``antq-kg ARGV`` with the steps after the last article marked on stderr (``sample --phases``).

    The functions are wrapped in this process only (the bench's probe, not the command's code): the
    articles' end (the workers' results exhausted), the last ``_Batch.flush`` and every bulk load,
    ``_Batch.close``, ``withdraw_vanished``, ``CorpusLabels.refresh``, ``record_run``,
    ``StoreWriter.close`` (and RocksDB's ``flush`` inside it; the rest of it is the store's close),
    ``Layout.commit``/``collect``, ``EmbeddedStore.refresh`` (the read-only reopen of the new
    generation) and ``EmbeddedStore.close``."""
    from antq_kg.cli.app import main as antq_main
    from antq_kg.pipeline import builder, corpus
    from antq_kg.store import embedded, layout, session

    articles_done = threading.Event()
    source = builder.iter_built_articles  # type: ignore[attr-defined]

    def articles(*args: Any, **kwargs: Any) -> Iterator[Any]:
        yield from source(*args, **kwargs)
        articles_done.set()
        _marked("last-article", lambda: None)()

    builder.iter_built_articles = articles  # type: ignore[attr-defined]

    def after(args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        return articles_done.is_set()

    def before(args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        return not articles_done.is_set()

    def waits(args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        return articles_done.is_set() and bool(kwargs.get("wait", True))

    w = session.StoreWriter
    steps: list[tuple[type, str, str, Callable[[tuple[Any, ...], dict[str, Any]], bool] | None]] = [
        (builder._Batch, "flush", "last-flush", waits),
        (builder._Batch, "close", "batch-close", None),
        (builder._Build, "withdraw_vanished", "withdraw-vanished", None),
        (builder._Build, "record_run", "record-run", None),
        (corpus.CorpusLabels, "refresh", "labels-refresh", None),
        (w, "load_nquads", "bulk-load(end phase)", after),
        (w, "load_nquads", "bulk-load", before),
        (w, "close", "writer-close", None),
        (layout.Layout, "commit", "layout-commit", None),
        (layout.Layout, "collect", "layout-collect", None),
        (embedded.EmbeddedStore, "refresh", "reopen(refresh)", None),
        (embedded.EmbeddedStore, "close", "store-close", None),
    ]
    for owner, name, step, when in steps:
        setattr(owner, name, _marked(step, getattr(owner, name), when=when))
    init = w.__init__

    def writer_init(self: Any, store: Any, **kwargs: Any) -> None:
        init(self, _MarkedFlush(store) if kwargs.get("path") is not None else store, **kwargs)  # type: ignore[arg-type]

    w.__init__ = writer_init  # type: ignore[method-assign]
    sys.argv = ["antq-kg", *argv]
    antq_main()


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
    if sys.argv[1:2] == ["phased-cli"]:  # the wrapped command of ``sample --phases``
        rest = sys.argv[2:]
        phased_cli(rest[1:] if rest[:1] == ["--"] else rest)
        return
    if sys.argv[1:2] == ["write-once"]:  # one way of ``writes``
        write_once(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
        return
    ap.add_argument("mode", nargs="?", choices=("sample", "split", "writes"), default="sample")
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--interval", type=float, default=1.0, help="seconds between RSS samples (sample)")
    ap.add_argument("--every", type=int, default=2000, help="articles between two rows")
    ap.add_argument("--top", type=int, default=8, help="growing sites shown per row (split)")
    ap.add_argument(
        "--phases", action="store_true", help="mark the steps after the last article and print them (sample)"
    )
    ap.add_argument("--keep", action="store_true", help="leave the built store (sample)")
    ap.add_argument("--store", type=Path, help="a throwaway store to write into (writes)")
    ap.add_argument("--quads", type=int, default=250_000, help="label quads to write (writes)")
    a = ap.parse_args()
    if a.mode == "sample":
        sample(a.articles, jobs=a.jobs, interval=a.interval, every=a.every, phases=a.phases, keep=a.keep)
    elif a.mode == "writes":
        if a.store is None:
            ap.error("writes needs --store DIR")
        writes(a.store, a.quads)
    else:
        split(a.articles, jobs=a.jobs, every=a.every, top=a.top)
    sys.stdout.flush()


if __name__ == "__main__":
    main()

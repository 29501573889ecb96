"""Extraction benchmark against its targets (below): prints figures, asserts nothing.

1. characters per second of the full extraction (``read_document`` + ``antq_kg.mentions.extract``
   with the gazetteer) over the development corpus repeated to >= 5 MB, streamed one file at a
   time, one process (target >= 300,000 chars/s per core); wall clock and CPU time, and the first
   pass over the corpus apart (the stages' caches of names and keys are cold there);
2. the same run broken down by stage (CPU time): ingest (read, decode, NFC, sha256), fold (the match view),
   then places, people, campaigns, counts, abbrev (the stages of ``antq_kg.mentions.extract``,
   timed by wrapping each stage function in place, so the real ``extract`` runs), and the rest;
3. with ``--profile N`` (default 8; 0 turns it off): the top N functions by own time of each
   stage (cProfile over 1 MB of the corpus), so stage owners see their hot spots;
4. seed-sized articles per second through ``antq_kg.pipeline.iter_facts(..., jobs=2)``, the
   pool's start-up included (target >= 100 articles/s on 2 cores), and with ``jobs=1``;
5. peak RSS of a child process extracting N and 4N seed copies (memory must stay flat).

Run: ``.venv/bin/python bench/bench_extract.py [--mb 5] [--articles 400] [--corpus tests/data/dev/articles]``
(``make bench``). On a shared machine the wall-clock figures move with the load; the CPU-time
figure (``time.process_time``) is the per-core cost.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "hung-yen-antq.txt"

#: The stages of ``antq_kg.mentions.extract``: (report name, module, function).
STAGES = (
    ("places", "places", "extract_places"),
    ("byline", "byline", "extract_byline"),
    ("organisations", "organisations", "extract_organisations"),
    ("people", "people", "extract_people"),
    ("campaigns", "campaigns", "extract_campaigns"),
    ("counts", "counts", "extract_counts"),
    ("abbrev", "abbrev", "extract_abbreviations"),
)


class StageClock:
    """CPU time (and optionally a cProfile) per stage, collected by wrappers around each stage."""

    def __init__(self, *, profile: bool = False) -> None:
        self.seconds: dict[str, float] = {}
        self.profiles: dict[str, cProfile.Profile] = {}
        self.profile = profile

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        prof = self.profiles.setdefault(name, cProfile.Profile()) if self.profile else None
        clock = time.process_time  # CPU time: the shares hold on a busy machine

        def timed(*args: Any, **kwargs: Any) -> Any:
            t = clock()
            if prof is not None:
                prof.enable()
            try:
                return fn(*args, **kwargs)
            finally:
                if prof is not None:
                    prof.disable()
                self.seconds[name] = self.seconds.get(name, 0.0) + clock() - t

        return timed


@contextmanager
def stage_clock(clock: StageClock) -> Iterator[None]:
    """Wrap fold and every extraction stage function in place (restored on exit)."""
    import importlib

    import antq_kg.mentions.context as context

    targets = [
        (importlib.import_module(f"antq_kg.mentions.{module}"), function, name)
        for name, module, function in STAGES
    ]
    targets.append((context, "fold", "fold"))  # Context.__post_init__ builds the match view
    originals = [getattr(mod, function) for mod, function, _ in targets]
    for (mod, function, name), original in zip(targets, originals, strict=True):
        setattr(mod, function, clock.wrap(name, original))
    try:
        yield
    finally:
        for (mod, function, _), original in zip(targets, originals, strict=True):
            setattr(mod, function, original)


def corpus_files(dev: Path) -> list[Path]:
    files = sorted(dev.glob("*.txt"))
    if not files:
        raise SystemExit(f"no articles in {dev}")
    return files


def extract_corpus(files: list[Path], megabytes: float, clock: StageClock) -> dict[str, float]:
    """Extract ``files`` over and over until ``megabytes`` MB were read; figures by name."""
    from antq_kg.gazetteer import Gazetteer
    from antq_kg.mentions import extract
    from antq_kg.text import read_document

    gazetteer = Gazetteer.load()
    ingest = clock.wrap("ingest", read_document)
    target = int(megabytes * 1_000_000)
    chars = size = passes = 0
    first_chars, first_wall = 0, 0.0
    with stage_clock(clock):
        wall, cpu = time.perf_counter(), time.process_time()
        while size < target:
            for f in files:
                doc = ingest(f)
                extract(doc, gazetteer=gazetteer)
                chars += len(doc.text)
                size += f.stat().st_size
            passes += 1
            if passes == 1:
                first_chars, first_wall = chars, time.perf_counter() - wall
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "chars": chars,
        "bytes": size,
        "wall": wall,
        "cpu": cpu,
        "passes": passes,
        "first_chars": first_chars,
        "first_wall": first_wall,
    }


def print_breakdown(clock: StageClock, total: float, chars: float) -> None:
    names = ["ingest", "fold", *(s[0] for s in STAGES)]
    rest = total - sum(clock.seconds.get(n, 0.0) for n in names)
    print("per stage (CPU)    :  stage          seconds   share   chars/CPU-s")
    for name in [*names, "rest"]:
        secs = rest if name == "rest" else clock.seconds.get(name, 0.0)
        rate = f"{chars / secs:>12,.0f}" if secs > 0 else " " * 12
        print(f"                      {name:<13} {secs:8.2f}  {100 * secs / total:5.1f} %  {rate}")


def print_profiles(clock: StageClock, top: int) -> None:
    for name in ["ingest", "fold", *(s[0] for s in STAGES)]:
        prof = clock.profiles.get(name)
        if prof is None:
            continue
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out)
        stats.sort_stats("tottime").print_stats(top)
        lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
        start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
        print(f"-- hot spots of {name} (cProfile, by own time) --")
        for ln in lines[start : start + top + 1]:
            for prefix in (str(ROOT) + os.sep, sys.prefix + os.sep, sys.base_prefix + os.sep):
                ln = ln.replace(prefix, "")
            print("   " + ln)


def make_copies(directory: Path, count: int) -> None:
    for i in range(count):
        shutil.copyfile(SEED, directory / f"seed-{i:05d}.txt")


def children_cpu() -> float:
    """CPU seconds of the reaped child processes (the pool's workers once it has shut down)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def articles_per_second(count: int, jobs: int) -> tuple[int, float, int, float, float]:
    """(articles, seconds, errors, parent CPU s, workers' CPU s) for ``count`` seed copies through
    the pipeline with ``jobs`` (the pool's start-up and the gazetteer hand-over included)."""
    from antq_kg.errors import AntqError
    from antq_kg.gazetteer import Gazetteer
    from antq_kg.pipeline import iter_facts

    gazetteer = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        make_copies(Path(tmp), count)
        started, cpu, child = time.perf_counter(), time.process_time(), children_cpu()
        done = errors = 0
        for item in iter_facts([tmp], gazetteer=gazetteer, jobs=jobs):
            done += 1
            errors += isinstance(item, AntqError)
        return (
            done,
            time.perf_counter() - started,
            errors,
            time.process_time() - cpu,
            children_cpu() - child,
        )


def rss_child(count: int) -> None:
    """In a child process: extract ``count`` seed copies one by one, print peak RSS in KiB."""
    from antq_kg.gazetteer import Gazetteer
    from antq_kg.pipeline import iter_facts

    gazetteer = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        make_copies(Path(tmp), count)
        for _ in iter_facts([tmp], gazetteer=gazetteer, jobs=1):
            pass
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def peak_rss(count: int) -> int:
    out = subprocess.run(
        [sys.executable, __file__, "--rss-child", str(count)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=ROOT / "tests" / "data" / "dev" / "articles",
        help="folder of articles for the chars/s figure (default: the development corpus)",
    )
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size for the chars/s figure")
    parser.add_argument("--articles", type=int, default=400, help="seed copies for the --jobs 2 figure")
    parser.add_argument("--rss", type=int, default=100, help="N for the peak-RSS figure (N and 4N)")
    parser.add_argument("--profile", type=int, default=8, help="top N functions per stage (0: no profile)")
    parser.add_argument("--rss-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child is not None:
        rss_child(args.rss_child)
        return

    files = corpus_files(args.corpus)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"machine            : {cpus} CPUs, load average {os.getloadavg()[0]:.1f} (figures are noisy when busy)"
    )
    clock = StageClock()
    r = extract_corpus(files, args.mb, clock)
    chars = r["chars"]
    print(
        f"extract, 1 process : {chars:,.0f} chars ({r['bytes'] / 1e6:.1f} MB, {r['passes']:.0f} passes over "
        f"{len(files)} dev articles) in {r['wall']:.2f} s = {chars / r['wall']:,.0f} chars/s wall, "
        f"{chars / r['cpu']:,.0f} chars/CPU-s (target >= 300,000 per core)"
    )
    print(
        f"  first pass (cold): {r['first_chars'] / r['first_wall']:,.0f} chars/s wall "
        "(lexicons, regexes and name caches warming up)"
    )
    print_breakdown(clock, r["cpu"], chars)
    if args.profile:
        prof = StageClock(profile=True)
        extract_corpus(files, min(args.mb, 1.0), prof)
        print_profiles(prof, args.profile)

    n, secs, errors, parent, workers = articles_per_second(args.articles, jobs=2)
    print(
        f"pipeline, --jobs 2 : {n} seed-sized articles in {secs:.2f} s = {n / secs:,.1f} articles/s wall "
        f"(target >= 100; pool start-up included){f', {errors} errors' if errors else ''}"
    )
    print(
        f"  CPU: workers {workers:.2f} s, parent {parent:.2f} s; on 2 idle cores "
        f"~{n / max(workers / 2, parent):,.1f} articles/s"
    )
    n1, secs1, _, cpu1, _ = articles_per_second(args.articles // 2, jobs=1)
    print(
        f"pipeline, --jobs 1 : {n1} seed-sized articles in {secs1:.2f} s = {n1 / secs1:,.1f} articles/s wall, "
        f"{n1 / cpu1:,.1f} articles/CPU-s"
    )

    small, large = peak_rss(args.rss), peak_rss(4 * args.rss)
    print(
        f"peak RSS           : {args.rss} articles {small / 1024:.1f} MiB, {4 * args.rss} articles "
        f"{large / 1024:.1f} MiB (growth {100 * (large - small) / small:+.1f}%)"
    )


if __name__ == "__main__":
    main()

"""Where ``validate --engine sparql`` spends its time: each compiled check and each preparation step timed.

Runs :func:`antq_kg.validate.sparql_engine.validate_store_sparql` once over a store on disk (by default
the 1M-triple store that ``bench_validate.py`` caches under ``.antq/bench/``), with every helper function
of :mod:`antq_kg.validate.sparql_engine` and each run of a compiled check timed (wall and CPU of this
process for a step; wall and CPU of the thread that ran it for a check). Prints the preparation steps,
the ``--top`` slowest checks, and the checks' total by kind: SHACL Core per graph, SHACL-SPARQL per
graph, and the cross-graph checks (on the union). ``--jobs N``: the engine's threads (default: as the
CLI's, :func:`antq_kg.validate.sparql_engine.default_jobs`); with more than one the checks' wall
seconds add up to more than the run's.

Run: ``.venv/bin/python bench/profile_validate.py [--store DIR] [--top 15] [--jobs N]``.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import harness

#: The engine's functions not timed as steps: the checks' runner (timed per check), the whole run, helpers.
UNTIMED = (
    "_run",
    "_run_all",
    "validate_store_sparql",
    "validate_graph_sparql",
    "term_text",
    "default_jobs",
)


@dataclass
class Timed:
    """Seconds (wall, CPU) and calls of one step or check; ``results`` for a check."""

    wall: float = 0.0
    cpu: float = 0.0
    calls: int = 0
    results: int = 0


def newest_store() -> Path:
    """The store of the newest cached 1M-triple validation benchmark."""
    stores = sorted(harness.CACHE.glob("validate-*-t1000000/store"), key=lambda p: p.stat().st_mtime)
    if not stores:
        sys.exit("no cached store: run bench/bench_validate.py once (or give --store DIR)")
    return stores[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--store", type=Path, default=None, help="a store directory (default: the cached 1M store)"
    )
    parser.add_argument("--top", type=int, default=15, help="how many of the slowest checks to list")
    parser.add_argument(
        "--report", type=Path, default=None, help="write the results there, one a line (to compare runs)"
    )
    parser.add_argument("--jobs", type=int, default=None, help="the engine's threads (default: the CLI's)")
    args = parser.parse_args()

    from antq_kg.store import open_store
    from antq_kg.validate import Shapes
    from antq_kg.validate import sparql_engine as engine

    steps: dict[str, Timed] = {}
    checks: dict[tuple[str, str, str], Timed] = {}
    depth = threading.local()  # the checks run on the engine's threads
    lock = threading.Lock()

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*a: Any, **k: Any) -> Any:
            depth.n = getattr(depth, "n", 0) + 1
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*a, **k)
            finally:
                depth.n -= 1
                if depth.n == 0 and threading.current_thread() is threading.main_thread():
                    # a step called by another (or by a check, on a worker thread) is counted in it
                    t = steps.setdefault(name, Timed())
                    t.wall += time.perf_counter() - wall
                    t.cpu += time.process_time() - cpu
                    t.calls += 1

        return wrapper

    run = engine._run

    def run_timed(work: Any, check: Any, *rest: Any) -> Any:
        depth.n = getattr(depth, "n", 0) + 1
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            out = run(work, check, *rest)
        finally:
            depth.n -= 1
        kind = "across" if check.across else ("sparql" if check.component == "sparql" else "core")
        with lock:
            t = checks.setdefault((kind, check.shape, check.component), Timed())
            t.wall += time.perf_counter() - wall
            t.cpu += time.thread_time() - cpu
            t.calls += 1
            t.results += len(out)
        return out

    for name, fn in list(vars(engine).items()):
        if inspect.isfunction(fn) and fn.__module__ == engine.__name__ and name not in UNTIMED:
            setattr(engine, name, timed(name, fn))
    engine._run = run_timed  # type: ignore[assignment]
    engine.compile_shapes = timed("compile_shapes", engine.compile_shapes)  # type: ignore[assignment]

    store_path = args.store or newest_store()
    rules = Shapes.load()
    _ = rules.compiled, rules.ontology_ntriples  # parsed once, as a long-lived process would
    print(harness.machine())
    print(f"store: {harness.rel(store_path)}")
    with open_store(store_path, read_only=True) as store:
        wall, cpu = time.perf_counter(), time.process_time()
        jobs = args.jobs or engine.default_jobs()
        report = engine.validate_store_sparql(store, rules, jobs=jobs)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"validate_store_sparql (jobs {jobs}): {wall:.1f} s wall, {cpu:.1f} s CPU; {len(report.graphs):,} graphs, "
        f"{len(report.results):,} results; load {harness.load()}"
    )
    if args.report is not None:
        args.report.write_text("".join(f"{r}\n" for r in report.results), encoding="utf-8")
    print("\nsteps (wall s, CPU s, calls):")
    for name, t in sorted(steps.items(), key=lambda kv: -kv[1].wall):
        print(f"  {name:<28} {t.wall:7.2f} {t.cpu:7.2f} {t.calls:5}")
    ranked = sorted(checks.items(), key=lambda kv: -kv[1].wall)
    print(f"\nthe {args.top} slowest checks (wall s, CPU s, results):")
    for (kind, shape, component), t in ranked[: args.top]:
        print(
            f"  {t.wall:7.2f} {t.cpu:7.2f} {t.results:6}  {kind:<6} {shape.rsplit('#', 1)[-1]} ({component})"
        )
    print("\nchecks by kind (count, wall s, CPU s):")
    for kind in ("core", "sparql", "across"):
        ts = [t for (k, _s, _c), t in checks.items() if k == kind]
        print(f"  {kind:<7} {len(ts):4} {sum(t.wall for t in ts):7.2f} {sum(t.cpu for t in ts):7.2f}")
    total = sum(t.wall for t in checks.values())
    print(f"  all     {len(checks):4} {total:7.2f} {sum(t.cpu for t in checks.values()):7.2f}")


if __name__ == "__main__":
    main()

"""Build benchmark: ``antq-kg build`` against ``antq-kg extract`` over the same synthetic corpus, side by side.

For each corpus size (1,000 and 10,000 articles; ``--full`` adds 100,000; ``--quick`` only 1,000) it runs,
one after the other, on the same files (``bench/synth.py``, cached under ``.antq/bench/``):

1. ``antq-kg extract --jobs 2`` with the output thrown away: the floor, extraction alone;
2. ``antq-kg build --jobs 2`` into a fresh on-disk store;
3. the store's floor: everything the build wrote (the store's committed generation, dumped once to
   N-Quads, not measured) loaded by pyoxigraph's own ``Store.bulk_load`` into a fresh on-disk store, one
   call in a process of its own: the cost no build on this store can avoid;
4. the same build again over the unchanged corpus (an incremental build skips every article). When the
   build has no incremental mode (its summary and ``--help`` never mention unchanged articles) this
   figure is skipped with a note, unless ``--rebuild always``;

and prints for each: wall and CPU seconds, articles/s, peak memory (``harness``: the process tree's
PSS and the largest process's peak RSS) and the load average around it; then the ratios
build/extract (goal ≤ 1.25×, limit 1.5×), floor/extract beside it, and re-build/extract (goal ≤ 0.3×),
in wall time and in CPU time (CPU time moves less with the machine's load), the growth of peak memory
with the corpus (goal ≤ 700 MB, flat) and the projected time for 100,000 articles (goal < 20 min).

Run: ``.venv/bin/python bench/bench_build.py [--quick | --full | --sizes 1000,5000] [--jobs 2]``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import harness
import pyoxigraph as ox
from harness import Run, seconds

GOAL_BUILD, LIMIT_BUILD, GOAL_REBUILD, GOAL_MB, GOAL_100K_S = 1.25, 1.5, 0.3, 700, 20 * 60
UNCHANGED = re.compile(r"\bunchanged\b|\bincremental\b|\bskipped\b", re.IGNORECASE)
#: The floor's command: one call of pyoxigraph's bulk loader over an N-Quads file, into a fresh on-disk
#: store (``lenient``, as the build loads its own N-Quads: no IRI checks).
BULK_LOAD = (
    "import sys, pyoxigraph as ox\n"
    "ox.Store(sys.argv[2]).bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS, lenient=True)\n"
)


def row(label: str, run: Run, n: int) -> str:
    if not run.ok:
        what = "timed out" if run.timed_out else f"exit {run.returncode}"
        return f"  {label:<24} FAILED ({what}) after {run.wall:.1f} s: {run.last_line()[:160]}"
    return (
        f"  {label:<24} {run.wall:9.1f} {n / run.wall:11.1f} {run.cpu:9.1f} {run.tree_mb:9.0f} "
        f"{run.largest_mb:9.0f} {run.load:6.1f}"
    )


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b > 0 else "n/a"


def verdict(value: float, goal: float, limit: float | None = None) -> str:
    if value <= goal:
        return "meets the goal"
    if limit is not None and value <= limit:
        return "within the limit, not the goal"
    return "misses the goal" if limit is None else "over the limit"


def incremental(first_build: Run, build_help: str) -> bool:
    """Whether this version of the build skips unchanged articles (it says so in its summary or help)."""
    return bool(UNCHANGED.search(first_build.stderr) or UNCHANGED.search(build_help))


def generation(store: Path) -> Path:
    """The RocksDB folder of a store's committed generation (``HEAD`` names it under ``gens/``; a
    store without generations is one plain RocksDB folder)."""
    head = store / "HEAD"
    return store / "gens" / head.read_text(encoding="ascii").strip() if head.is_file() else store


def dump(store: Path, target: Path) -> int:
    """Everything in ``store``'s committed generation written to ``target`` as N-Quads; the quads."""
    built = ox.Store.read_only(str(generation(store)))
    built.dump(target, ox.RdfFormat.N_QUADS)
    return len(built)


def floor(store: Path, *, timeout: float | None) -> tuple[Run, int]:
    """Dump what the build wrote into ``store`` to N-Quads (not measured), then measure loading the
    file with pyoxigraph's bulk loader into a fresh on-disk store; the run and the quads dumped."""
    work = store.parent / "floor"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    quads = dump(store, work / "build.nq")
    run = harness.measure(
        [sys.executable, "-c", BULK_LOAD, str(work / "build.nq"), str(work / "store")], timeout=timeout
    )
    shutil.rmtree(work, ignore_errors=True)
    return run, quads


def bench_size(
    n: int, *, jobs: int, seed: int, rebuild: str, quiet: list[str], timeout: float | None
) -> dict[str, Run]:
    folder = harness.corpus(n, seed=seed)
    paths = harness.corpus_paths(folder, n)
    size = harness.corpus_bytes(paths)
    print(
        f"\ncorpus: {n:,} synthetic articles, {size / 1e6:.1f} MB of text, seed {seed} ({harness.rel(folder)})"
    )
    print(
        f"  {'':<24} {'wall s':>9} {'articles/s':>11} {'CPU s':>9} {'tree MB':>9} {'largest':>9} {'load':>6}"
    )
    runs: dict[str, Run] = {}
    strs = [str(p) for p in paths]
    runs["extract"] = harness.measure(
        [*harness.antq(), "extract", "--jobs", str(jobs), *strs], timeout=timeout
    )
    print(row(f"extract --jobs {jobs}", runs["extract"], n), flush=True)

    store = harness.CACHE / f"build-{n}" / "store"
    shutil.rmtree(store.parent, ignore_errors=True)
    build = [*harness.antq(), "--store", str(store), "build", *quiet, "--jobs", str(jobs), *strs]
    runs["build"] = harness.measure(build, timeout=timeout)
    print(row(f"build --jobs {jobs}", runs["build"], n), flush=True)
    if runs["build"].ok:
        print(f"  {'':<24} says: {runs['build'].last_line()[:150]}")
        runs["floor"], quads = floor(store, timeout=timeout)
        print(row("store floor (bulk_load)", runs["floor"], n), flush=True)
        print(f"  {'':<24} {quads:,} quads, everything the build wrote, in one bulk_load")

    has_incremental = runs["build"].ok and incremental(runs["build"], harness.help_text("build"))
    if rebuild == "always" or (rebuild == "auto" and has_incremental):
        runs["rebuild"] = harness.measure(build, timeout=timeout)
        label = "re-build, unchanged" if has_incremental else "re-build (no skipping)"
        print(row(label, runs["rebuild"], n), flush=True)
        if runs["rebuild"].ok:
            print(f"  {'':<24} says: {runs['rebuild'].last_line()[:150]}")
    elif rebuild == "auto":
        print(
            "  re-build, unchanged      skipped: this build has no incremental mode yet (its summary and --help "
            "never mention unchanged or skipped articles; it would rebuild every article). "
            "--rebuild always measures it anyway."
        )
    shutil.rmtree(store.parent, ignore_errors=True)
    return runs


def report(results: dict[int, dict[str, Run]]) -> None:
    print("\nfigures against the goals:")
    for n, runs in results.items():
        ex, b, rb, fl = runs["extract"], runs["build"], runs.get("rebuild"), runs.get("floor")
        if not (ex.ok and b.ok):
            print(f"  {n:,} articles: no ratio (a command failed)")
            continue
        print(
            f"  {n:,} articles: build/extract {ratio(b.wall, ex.wall)} wall, {ratio(b.cpu, ex.cpu)} CPU "
            f"(goal ≤ {GOAL_BUILD}×, limit {LIMIT_BUILD}×: {verdict(b.wall / ex.wall, GOAL_BUILD, LIMIT_BUILD)})"
        )
        if fl is not None and fl.ok:
            print(
                f"  {'':{len(f'{n:,}')}}           floor/extract {ratio(fl.wall, ex.wall)} wall, "
                f"{ratio(fl.cpu, ex.cpu)} CPU (the store's bulk load alone; build/floor "
                f"{ratio(b.wall, fl.wall)} wall, {ratio(b.cpu, fl.cpu)} CPU)"
            )
        if rb is not None and rb.ok:
            print(
                f"  {'':{len(f'{n:,}')}}           re-build/extract {ratio(rb.wall, ex.wall)} wall, "
                f"{ratio(rb.cpu, ex.cpu)} CPU (goal ≤ {GOAL_REBUILD}×: {verdict(rb.wall / ex.wall, GOAL_REBUILD)})"
            )
        # the floor's one bulk load holds its whole file's sort in memory: not the build's memory
        peak = max(r.tree_mb for what, r in runs.items() if r.ok and what != "floor")
        print(
            f"  {'':{len(f'{n:,}')}}           peak memory {peak:.0f} MB (process tree PSS; goal ≤ {GOAL_MB} MB: "
            f"{verdict(peak, GOAL_MB)})"
        )
    ok = {n: r for n, r in results.items() if r["build"].ok and r["extract"].ok}
    sizes = sorted(ok)
    if len(sizes) >= 2:
        small, large = sizes[-2], sizes[-1]
        for what in ("extract", "build"):
            a, b = ok[small][what], ok[large][what]
            print(
                f"  peak memory of {what}: {small:,} articles {a.tree_mb:.0f} MB, {large:,} articles "
                f"{b.tree_mb:.0f} MB ({100 * (b.tree_mb - a.tree_mb) / max(a.tree_mb, 1):+.0f}%; goal: flat)"
            )
    for what in ("extract", "build"):
        if not sizes:
            break
        if len(sizes) >= 2:  # a line through the two largest sizes: start-up apart from the per-article cost
            small, large = sizes[-2], sizes[-1]
            per = (ok[large][what].wall - ok[small][what].wall) / (large - small)
            fixed = max(ok[large][what].wall - per * large, 0.0)
        else:
            per, fixed = ok[sizes[0]][what].wall / sizes[0], 0.0
        projected = fixed + per * 100_000
        goal = f" (goal < 20 min: {verdict(projected, GOAL_100K_S)})" if what == "build" else ""
        print(f"  projected {what} of 100,000 articles at this load: {seconds(projected)}{goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="1,000 articles only (make bench)")
    group.add_argument("--full", action="store_true", help="1,000, 10,000 and 100,000 articles")
    group.add_argument("--sizes", help="comma-separated corpus sizes, e.g. 1000,5000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--rebuild",
        choices=("auto", "always", "never"),
        default="auto",
        help="measure the unchanged re-build: auto = only when the build is incremental",
    )
    parser.add_argument(
        "--timeout", type=float, default=None, help="give up on a command after this many seconds"
    )
    args = parser.parse_args()
    sizes = (
        [1000]
        if args.quick
        else [1000, 10_000, 100_000]
        if args.full
        else [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else [1000, 10_000]
    )

    print(harness.machine())
    print(f"antq-kg build vs extract, --jobs {args.jobs}; cache {harness.rel(harness.CACHE)}")
    quiet = ["--quiet"] if "--quiet" in harness.help_text("build") else []
    results = {
        n: bench_size(
            n, jobs=args.jobs, seed=args.seed, rebuild=args.rebuild, quiet=quiet, timeout=args.timeout
        )
        for n in sizes
    }
    report(results)
    if not all(r.ok for runs in results.values() for r in runs.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()

"""Validation benchmark: both engines side by side over the development corpus, then ``antq-kg validate`` over ~1M triples.

1. The development corpus (``--dev``, default ``tests/data/dev/articles``) plus the seed article is built
   into an in-memory store with the gazetteer, then ``antq_kg.validate.validate_store`` runs ``--repeat``
   times with each engine: ``sparql`` (the shapes compiled to SPARQL, run by Oxigraph over every graph
   at once) and ``pyshacl`` (pySHACL graph by graph, the reference). Printed per engine: wall-clock and
   CPU seconds per run, per article graph, triples/s, and whether the two reports are equal.
   ``--repeat 0`` skips it.
2. A store of synthetic articles, built once per version of the builder (a digest of ``src/antq_kg``
   but its ``validate`` package, the ontology but its shapes, the gazetteer and the generator names it) and kept
   under ``.antq/bench/``: enough articles of ``bench/synth.py`` to reach ``--triples`` (default
   1,000,000; ``--quick`` 200,000) triples in the graphs that ``validate`` checks (every graph but the
   reference graphs: ontology, gazetteer, links). Then ``antq-kg validate --engine sparql --jobs N`` runs
   over it (N: ``--sparql-jobs``, by default the engine's own threads, printed) and the benchmark prints the triples, the seconds (wall and CPU), triples/s, peak memory, the outcome
   (conforms, or the start of the report) and, when the store is not 1M triples, the time projected for
   1M at the measured rate. Goal: 1M triples in ≤ 15 s. pySHACL over the same store takes minutes
   (~13 min at 1M): it runs there only with ``--pyshacl-timeout S`` (``validate --engine pyshacl --jobs
   --validate-jobs``, stopped after S seconds); otherwise its 1M figure is projected from its rate over
   the development corpus.

Run: ``.venv/bin/python bench/bench_validate.py [--quick | --triples N] [--sparql-jobs N] [--pyshacl-timeout S] [--dev DIR] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import harness
import synth
from harness import seconds

GOAL_TRIPLES, GOAL_S = 1_000_000, 15.0
#: Validated triples per synthetic article, a first guess (corrected after the first build).
FIRST_GUESS = 1100
#: Graphs ``antq-kg validate`` leaves out (the library names them in ``reference_graph_names``).
REFERENCE_SUFFIXES = ("/ontology", "/id/graph/gazetteer", "/id/graph/links")


def graph_sizes(store: Path) -> dict[str, int]:
    """Triples per named graph of ``store``, asked through ``antq-kg query``."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    out = subprocess.run(
        [*harness.antq(), "--store", str(store), "query", query, "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {r["g"]: int(r["n"]) for r in csv.DictReader(io.StringIO(out.stdout))}


def validated_triples(store: Path) -> int:
    """Triples of the graphs ``validate`` checks: all but the reference graphs."""
    try:
        from antq_kg.reference import reference_graph_names

        reference = reference_graph_names()
    except ImportError:
        reference = set()
    return sum(
        n for g, n in graph_sizes(store).items() if g not in reference and not g.endswith(REFERENCE_SUFFIXES)
    )


def dev_corpus(dev: Path, repeat: int) -> dict[str, float]:
    """Figure 1: ``validate_store`` with each engine over the development corpus and the seed, best of
    ``repeat`` runs; returns each engine's validated triples per CPU second."""
    from antq_kg.gazetteer import Gazetteer
    from antq_kg.pipeline import build
    from antq_kg.store import open_store
    from antq_kg.validate import ENGINES, Shapes, validate_store

    rules = Shapes.load()
    rates: dict[str, float] = {}
    with open_store(None) as store:
        result = build(
            [dev, harness.ROOT / "data" / "articles" / "hung-yen-antq.txt"],
            gazetteer=Gazetteer.load(),
            store=store,
        )
        n = len(result.articles)
        print(
            f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (figures are noisy when busy); "
            f"{n} articles, {result.quads:,} article quads"
        )
        reports = {}
        for engine in ENGINES:
            walls, cpus = [], []
            for _ in range(repeat):
                wall, cpu = time.perf_counter(), time.process_time()
                reports[engine] = validate_store(store, shapes=rules, engine=engine)
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
            best, report = min(cpus), reports[engine]
            rates[engine] = result.quads / best if best else 0.0
            print(
                f"validate_store --engine {engine}: {min(walls):.2f} s wall, {best:.2f} s CPU per run (best of {repeat}); "
                f"{1000 * best / n:.0f} ms CPU per article graph, {rates[engine]:,.0f} triples/CPU s; "
                f"conforms={report.conforms}, {len(report.violations)} violations, {len(report.warnings)} warnings"
            )
        same = reports["sparql"] == reports["pyshacl"]
        print(
            f"  side by side: sparql {rates['sparql'] / rates['pyshacl']:.0f}× pyshacl's CPU rate; "
            f"the two reports are {'equal' if same else 'DIFFERENT'}"
        )
        if not same:
            sys.exit("the engines disagree over the development corpus")
    return rates


def cached_store(target: int, *, seed: int, jobs: int) -> tuple[Path, int, int]:
    """``(store, articles, triples)``: a store of at least ~``target`` validated triples, built once."""
    key = harness.content_hash(harness.BUILD_INPUTS, skip=("src/antq_kg/validate", "ontology/shapes.ttl"))
    folder = harness.CACHE / f"validate-{key}-s{seed}-t{target}"
    meta_file, store = folder / "store.json", folder / "store"
    if meta_file.is_file():
        meta = json.loads(meta_file.read_text())
        print(f"store: cached, {meta['articles']:,} articles ({harness.rel(store)})")
        return store, int(meta["articles"]), int(meta["triples"])
    for old in harness.CACHE.glob(f"validate-*-s{seed}-t{target}"):
        shutil.rmtree(old)  # built by another version of the builder, or a build that did not finish
    per_article = FIRST_GUESS
    articles, triples = 0, 0
    while triples < 0.95 * target:
        want = articles + max(math.ceil((target - triples) / per_article), 10)
        source = harness.corpus(want, seed=seed)
        fresh = (
            [str(p) for p in harness.corpus_paths(source, want)]
            if not articles  # a top-up: the new files
            else [str(synth.article_path(source, i)) for i in range(articles, want)]
        )
        print(f"store: building articles {articles:,}–{want - 1:,} into {harness.rel(store)} …", flush=True)
        run = harness.measure([*harness.antq(), "--store", str(store), "build", "--jobs", str(jobs), *fresh])
        if not run.ok:
            sys.exit(f"the build failed (exit {run.returncode}): {run.last_line()}")
        print(f"  built in {seconds(run.wall)} (load {run.load:.1f}): {run.last_line()[:120]}")
        articles, triples = want, validated_triples(store)
        per_article = max(triples // articles, 1)
    meta_file.write_text(json.dumps({"articles": articles, "triples": triples}))
    return store, articles, triples


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="a store of ~200,000 triples (make bench)")
    group.add_argument("--triples", type=int, default=GOAL_TRIPLES, help="triples to validate (default 1M)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="for building the store")
    parser.add_argument(
        "--validate-jobs",
        type=int,
        default=2,
        help="worker processes of the pyshacl engine (--pyshacl-timeout)",
    )
    parser.add_argument(
        "--sparql-jobs",
        type=int,
        default=None,
        help="threads of the sparql engine (default: its own, the CPUs available, at most 4)",
    )
    parser.add_argument(
        "--timeout", type=float, default=None, help="give up on the sparql engine after this many seconds"
    )
    parser.add_argument(
        "--pyshacl-timeout",
        type=float,
        default=None,
        help="also run the pyshacl engine over the store, stopped after this many seconds",
    )
    parser.add_argument("--dev", type=Path, default=harness.ROOT / "tests" / "data" / "dev" / "articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs over the development corpus (0: none)")
    args = parser.parse_args()
    target = 200_000 if args.quick else args.triples

    rates = dev_corpus(args.dev, args.repeat) if args.repeat else {}
    print(harness.machine())
    store, articles, triples = cached_store(target, seed=args.seed, jobs=args.jobs)
    print(f"store: {articles:,} synthetic articles, {triples:,} triples to validate")
    failed = False
    from antq_kg.validate.sparql_engine import default_jobs

    runs = [("sparql", args.sparql_jobs or default_jobs(), args.timeout)]
    if args.pyshacl_timeout:
        runs.append(("pyshacl", args.validate_jobs, args.pyshacl_timeout))
    for engine, jobs, timeout in runs:
        run, outcome = validate(store, engine, jobs, timeout=timeout)
        rate = triples / run.wall if run.wall else 0.0
        print(
            f"validate --engine {engine} --jobs {jobs}: {triples:,} triples in "
            f"{run.wall:.1f} s wall ({run.cpu:.1f} s CPU) = {rate:,.0f} triples/s; peak memory {run.tree_mb:.0f} MB "
            f"(largest process {run.largest_mb:.0f} MB); load {run.load:.1f}"
        )
        print(f"  outcome: {outcome}")
        if not run.timed_out and rate:
            at_goal = GOAL_TRIPLES / rate
            verdict = "meets the goal" if at_goal <= GOAL_S else "misses the goal"
            scale = "" if abs(triples - GOAL_TRIPLES) < 0.1 * GOAL_TRIPLES else " (projected at this rate)"
            cpu = f", {seconds(GOAL_TRIPLES / triples * run.cpu)} of CPU" if scale else ""
            print(f"  1M triples: {seconds(at_goal)}{scale}{cpu}; goal ≤ {GOAL_S:.0f} s: {verdict}")
        failed |= (run.timed_out and engine == "sparql") or (
            not run.timed_out and run.returncode not in (0, 1)
        )
    if "pyshacl" in rates and not args.pyshacl_timeout:
        print(
            f"validate --engine pyshacl (not run here; --pyshacl-timeout S runs it): 1M triples projected at its "
            f"development-corpus rate: {seconds(GOAL_TRIPLES / rates['pyshacl'])} of CPU"
        )
    if failed:
        sys.exit(1)


def validate(store: Path, engine: str, jobs: int, *, timeout: float | None) -> tuple[harness.Run, str]:
    """``antq-kg validate --engine E --jobs N`` over ``store``, measured, and its outcome in words."""
    out = harness.CACHE / "validate-report.txt"
    with out.open("wb") as report:
        run = harness.measure(
            [*harness.antq(), "--store", str(store), "validate", "--engine", engine, "--jobs", str(jobs)],
            stdout=report,
            timeout=timeout,
        )
    text = out.read_text(encoding="utf-8", errors="replace")
    if run.timed_out:
        return run, f"did not finish in {seconds(run.wall)} (killed)"
    if run.returncode in (0, 1):
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        return run, "conforms" if run.returncode == 0 else f"violations; the report begins: {first[:200]}"
    return run, f"error (exit {run.returncode}): {run.last_line()}"


if __name__ == "__main__":
    main()

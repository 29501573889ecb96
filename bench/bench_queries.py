"""Each competency query of ``queries/`` alone, in process, on the store of ``--articles`` synthetic articles.

The store is the soak's corpus A (built once per version of the builder, cached under ``.antq/bench/``,
see ``bench_soak.py``), opened read-only with :func:`antq_kg.store.open_store`; each query runs
``--repeat`` times through ``EmbeddedStore.query`` (the union default graph, as ``antq-kg query`` and the
endpoint run it) and the best time is printed with the rows it returned. A query whose time grows much
faster than the corpus multiplies facts the union default graph repeats once per article graph (see the
README's queries section). Goal: every query well under a second at 300 articles.

Run: ``.venv/bin/python bench/bench_queries.py [--articles 60] [--repeat 2] [--only 04,11]``.
"""

from __future__ import annotations

import argparse
import json
import time

import harness
from bench_soak import pristine_store, queries

from antq_kg.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each query; the best is printed")
    parser.add_argument("--only", default="", help="the queries whose names start so, e.g. 04,11")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(harness.machine())
    path, _ = pristine_store(args.articles, seed=args.seed)
    store = open_store(path, read_only=True)
    only = tuple(x for x in args.only.split(",") if x)
    print(f"{'query':40} {'alone ms':>10} {'rows':>7}   ({args.articles:,} articles, best of {args.repeat})")
    for name, text in queries().items():
        if only and not name.startswith(only):
            continue
        best, rows = float("inf"), 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = store.query(text)
            best = min(best, time.perf_counter() - start)
            rows = len(json.loads(result.payload)["results"]["bindings"])
        print(f"{name:40} {best * 1000:10,.0f} {rows:7,}", flush=True)


if __name__ == "__main__":
    main()

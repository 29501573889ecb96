"""Graph-building benchmark: prints figures, asserts nothing.

The development corpus (``--dev``, default ``tests/data/dev/articles``) plus the seed article is
extracted once (with the gazetteer), then the graph of every article is built ``--repeat`` times:

1. extraction cost, ms per article (CPU), for comparison: the graph builder should cost well under it
   (the build as a whole is to stay within ~1.25x of extraction);
2. the graph builder straight to pyoxigraph quads (``antq_kg.pipeline.article_quads``, what the build
   writes), ms per article (CPU) and quads per article;
3. the same articles as an rdflib ``Dataset`` (``antq_kg.graph.build_graph``, the Python API, pySHACL and
   the tests), ms per article.

Run: ``.venv/bin/python bench/bench_graph.py [--dev DIR] [--repeat 5]`` (``make bench``). CPU time
(``time.process_time``) is the per-core cost; wall clock moves with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "hung-yen-antq.txt"


def per_article(label: str, n: int, fn: Callable[[], Any], repeat: int) -> float:
    """Run ``fn`` (one pass over the articles) ``repeat`` times after a warm-up; print the mean and the
    best pass (the least disturbed by other processes) in CPU ms per article, return the best."""
    fn()
    passes = []
    for _ in range(repeat):
        cpu = time.process_time()
        fn()
        passes.append(1000 * (time.process_time() - cpu) / n)
    best, mean = min(passes), sum(passes) / len(passes)
    print(f"{label:<42}: {best:7.2f} ms/article CPU, best pass ({mean:.2f} mean of {repeat})")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--dev", type=Path, default=ROOT / "tests" / "data" / "dev" / "articles")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from antq_kg.gazetteer import Gazetteer
    from antq_kg.graph import BuildRun, build_graph
    from antq_kg.pipeline import article_quads, extract_article

    files = [SEED, *sorted(args.dev.glob("*.txt"))]
    gaz = Gazetteer.load()
    facts = [extract_article(f, gazetteer=gaz) for f in files]
    n = len(facts)
    run = BuildRun.new()
    print(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (figures are noisy when busy); {n} articles "
        f"({sum(len(f.text) for f in facts):,} chars)"
    )

    extract_ms = per_article(
        "extraction (read + extract)",
        n,
        lambda: [extract_article(f, gazetteer=gaz) for f in files],
        args.repeat,
    )
    quads = [article_quads(f, gazetteer=gaz, run=run) for f in facts]
    quads_ms = per_article(
        "graph builder → pyoxigraph quads",
        n,
        lambda: [article_quads(f, gazetteer=gaz, run=run) for f in facts],
        args.repeat,
    )
    rdflib_ms = per_article(
        "graph builder → rdflib Dataset", n, lambda: build_graph(facts, gazetteer=gaz, run=run), args.repeat
    )
    print(f"quads per article                         : {sum(map(len, quads)) / n:7.0f}")
    print(
        f"graph builder / extraction                : {quads_ms / extract_ms:7.2f}x (quads), "
        f"{rdflib_ms / extract_ms:.2f}x (rdflib)"
    )


if __name__ == "__main__":
    main()

"""Validation benchmark: prints figures, asserts nothing.

The development corpus (``--dev``, default ``tests/data/dev/articles``) plus the seed article is built into an
in-memory store with the gazetteer, then ``antq_kg.validate.validate_store`` runs ``--repeat`` times: every
article graph on its own (with the ontology and the gazetteer units it names), then the cross-article shapes
on the union. Printed: wall-clock and CPU seconds per run, and per article graph.

Run: ``.venv/bin/python bench/bench_validate.py [--dev DIR] [--repeat 3]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "hung-yen-antq.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--dev", type=Path, default=ROOT / "tests" / "data" / "dev" / "articles")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from antq_kg.gazetteer import Gazetteer
    from antq_kg.pipeline import build
    from antq_kg.store import open_store
    from antq_kg.validate import Shapes, validate_store

    rules = Shapes.load()
    with open_store(None) as store:
        result = build([args.dev, SEED], gazetteer=Gazetteer.load(), store=store)
        n = len(result.articles)
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (figures are noisy when busy); "
              f"{n} articles, {result.quads:,} article quads")
        walls, cpus = [], []
        for _ in range(args.repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            report = validate_store(store, shapes=rules)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        best = min(cpus)
        print(f"validate_store: {min(walls):.2f} s wall, {best:.2f} s CPU per run (best of {args.repeat}); "
              f"{1000 * best / n:.0f} ms CPU per article graph; conforms={report.conforms}, "
              f"{len(report.violations)} violations, {len(report.warnings)} warnings")


if __name__ == "__main__":
    main()

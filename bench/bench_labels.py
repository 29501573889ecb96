"""Corpus-graph benchmark: what choosing the preferred labels costs a build, over a synthetic corpus.

The synthetic corpus (``bench/synth.py``, ``--articles`` of them, 10,000 by default) is built into a fresh
on-disk store (``antq_kg.pipeline.build``, two workers, reference graphs left out); then, in write sessions
that are thrown away (nothing is committed):

1. the full recompute: every article graph counted as written, so every organisation and initiative is
   chosen again (what a build of the whole corpus pays, once);
2. one article replaced: only the entities its graph names (what an incremental build pays);
3. nothing changed (an unchanged re-build: no query at all).

Prints figures (seconds, entities, quads of the corpus graph) beside the build's wall time; asserts nothing.
Run: ``.venv/bin/python bench/bench_labels.py [--articles 10000]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness


class _Discard(Exception):
    """Raised to leave a write session without committing it."""


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    from antq_kg.gazetteer import Gazetteer
    from antq_kg.iris import corpus_graph_iri
    from antq_kg.pipeline import build
    from antq_kg.pipeline.corpus import CorpusLabels
    from antq_kg.store import open_store

    print(f"corpus graph over {args.articles} synthetic articles; {harness.machine()}; load {harness.load()}")
    folder = harness.corpus(args.articles)
    gaz = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "store") as store:
        t = time.perf_counter()
        result = build([folder], gazetteer=gaz, store=store, reference=False, jobs=args.jobs)
        wall = time.perf_counter() - t
        articles = [g for g in store.graphs() if "/graph/" in g and "/graph/run/" not in g]
        articles.remove(corpus_graph_iri())
        labelled = len(list(store.quads(corpus_graph_iri())))
        print(
            f"{'build (extraction, graphs, corpus graph)':<44}: {wall:7.2f} s  {len(result.articles)} articles"
        )
        print(f"{'corpus graph':<44}: {labelled} quads")

        def timed(what: str, written: list[str], dropped: list[str]) -> None:
            t = time.perf_counter()
            try:
                with store.writer() as session:
                    labels = CorpusLabels(session)
                    labels.dropping(dropped)
                    for g in written:
                        labels.wrote(g)
                    changed = labels.refresh()
                    spent = time.perf_counter() - t
                    raise _Discard
            except _Discard:
                pass
            share = f"{100 * spent / wall:5.1f} % of the build"
            print(
                f"{what:<44}: {spent:7.3f} s  {labels.chosen:>6} entities chosen again  {changed} changed  ({share})"
            )

        timed("full recompute (every article written)", articles, [])
        timed("one article replaced", [articles[0]], [articles[0]])
        timed("nothing changed", [], [])


if __name__ == "__main__":
    main()

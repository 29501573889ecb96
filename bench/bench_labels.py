"""Corpus-graph benchmark: what choosing the preferred labels costs a build, over a synthetic corpus.

The synthetic corpus (``bench/synth.py``, ``--articles`` of them, 10,000 by default) is built into a fresh
on-disk store (``antq_kg.pipeline.build``, two workers, reference graphs left out); then, in write sessions
that are thrown away (nothing is committed):

1. the full recompute: every article graph counted as written, so every organisation and initiative is
   chosen again (what a build of the whole corpus pays, once);
2. one article replaced: only the entities its graph names (what an incremental build pays);
3. nothing changed (an unchanged re-build: no query at all);
4. the recompute a SPARQL Update through the endpoint is followed by (every spelling in the store read
   with one query, the corpus graph made exactly what it should be), beside what a committed one-triple
   update costs without it (the write session: a checkpoint of the store, the update, the commit).

With ``--copies K`` the labels of the built articles (each article graph's organisations and initiatives, their
types and ``rdfs:label``, its publication date) are copied into K − 1 more graphs each before the three are
timed: what the step reads at K times the corpus, without extracting it (``--articles 1000 --copies 10`` stands
for 10,000 articles whose entities recur ten times as often; the corpus graph is then chosen again in full
first, outside the timing).

Prints figures (seconds, entities, quads of the corpus graph) beside the build's wall time; asserts nothing.
Run: ``.venv/bin/python bench/bench_labels.py [--articles 10000] [--copies K]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness

from antq_kg.graph.corpus import LABELLED_CLASSES
from antq_kg.store import EmbeddedStore


class _Discard(Exception):
    """Raised to leave a write session without committing it."""


def _copies(store: EmbeddedStore, articles: list[str], copies: int) -> list[str]:
    """Copy what the corpus graph's step reads of each article graph into ``copies - 1`` more graphs."""
    import pyoxigraph as ox

    wanted = " ".join(f"<{c}>" for c in LABELLED_CLASSES)
    label, date = "<http://www.w3.org/2000/01/rdf-schema#label>", "<https://schema.org/datePublished>"
    kind = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    rows = store.query(
        f"SELECT ?g ?s ?p ?o {{ GRAPH ?g {{ {{ VALUES ?c {{ {wanted} }} ?s a ?c BIND ({kind} AS ?p) BIND (?c AS ?o) }}"
        f" UNION {{ VALUES ?c {{ {wanted} }} ?s a ?c ; {label} ?o BIND ({label} AS ?p) }}"
        f" UNION {{ ?s {date} ?o BIND ({date} AS ?p) }} }} }}"
    ).rows()
    out = list(articles)
    quads: list[ox.Quad] = []
    for k in range(1, copies):
        for g, s, p, o in rows:
            assert isinstance(g, ox.NamedNode) and isinstance(s, ox.NamedNode) and isinstance(p, ox.NamedNode)
            assert isinstance(o, ox.NamedNode | ox.Literal)
            quads.append(ox.Quad(s, p, o, ox.NamedNode(f"{g.value}-copy{k}")))
        out += [f"{g}-copy{k}" for g in articles]
    with store.writer() as session:
        session.add_quads(quads, bulk=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--copies", type=int, default=1)
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
        if args.copies > 1:
            articles = _copies(store, articles, args.copies)
            with store.writer() as session:
                full = CorpusLabels(session)
                for g in articles:
                    full.wrote(g)
                full.refresh()
            print(f"{'labels copied':<44}: {len(articles)} article graphs")
        labelled = len(list(store.quads(corpus_graph_iri())))
        print(
            f"{'build (extraction, graphs, corpus graph)':<44}: {wall:7.2f} s  {len(result.articles)} articles"
        )
        print(f"{'corpus graph':<44}: {labelled} quads")

        def timed(what: str, written: list[str], dropped: list[str], *, recompute: bool = False) -> None:
            t = time.perf_counter()
            try:
                with store.writer() as session:
                    labels = CorpusLabels(session)
                    if recompute:
                        changed = labels.recompute()
                    else:
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
        timed("recompute (after a SPARQL Update)", [], [], recompute=True)
        t = time.perf_counter()
        with store.writer() as session:
            session.update('INSERT DATA { GRAPH <urn:bench> { <urn:s> <urn:p> "o" } }')
        print(f"{'a one-triple update, committed':<44}: {time.perf_counter() - t:7.3f} s")


if __name__ == "__main__":
    main()

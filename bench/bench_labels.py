"""Corpus-graph benchmark: what choosing the preferred labels costs a build, over a synthetic corpus.

The synthetic corpus (``bench/synth.py``, ``--articles`` of them, 10,000 by default) is built into a fresh
on-disk store (``antq_kg.pipeline.build``, two workers, reference graphs left out); then, in write sessions
that are thrown away (nothing is committed):

1. the full recompute: every article graph counted as written, so every organisation, initiative and
   person is chosen again (what a build of the whole corpus pays, once);
2. one article replaced: only the entities its graph names (what an incremental build pays);
3. nothing changed (an unchanged re-build: no query at all);
4. the recompute a SPARQL Update whose graphs its text does not fix (``GRAPH ?g``) is followed by (every
   spelling in the store read with one query, the corpus graph made exactly what it should be);
5. a one-triple SPARQL Update of one article graph as the endpoint runs it
   (:func:`antq_kg.pipeline.corpus.update_labelled`: the graphs read from its text, the labels of what
   that graph names chosen again), and the same triple written through ``GRAPH ?g`` (the text does not
   fix the graph: the full recompute); beside them, what a committed one-triple update costs without
   labels (the write session: a checkpoint of the store, the update, the commit), and what reading the
   graphs of a ~46 KiB ``INSERT DATA`` costs (rdflib's parse, which decides how long an update is worth
   parsing: :data:`antq_kg.pipeline.corpus.CHARS_PER_ARTICLE`).

With ``--copies K`` the labels of the built articles (each article graph's organisations, initiatives and persons,
their types and ``rdfs:label``, its publication date) are copied into K − 1 more graphs each before the three are
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
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness

from antq_kg.graph.corpus import LABELLED_CLASSES
from antq_kg.pipeline.corpus import CorpusLabels
from antq_kg.store import EmbeddedStore, StoreWriter


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
    from antq_kg.pipeline.corpus import update_labelled
    from antq_kg.pipeline.updates import graphs_written
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

        def timed(what: str, step: Callable[[StoreWriter], tuple[CorpusLabels, int | str]]) -> None:
            t = time.perf_counter()
            try:
                with store.writer() as session:
                    labels, changed = step(session)
                    spent = time.perf_counter() - t
                    raise _Discard
            except _Discard:
                pass
            share = f"{100 * spent / wall:5.1f} % of the build"
            print(
                f"{what:<44}: {spent:7.3f} s  {labels.chosen:>6} entities chosen again  {changed} changed  ({share})"
            )

        def refreshed(
            written: list[str], dropped: list[str]
        ) -> Callable[[StoreWriter], tuple[CorpusLabels, int]]:
            def step(session: StoreWriter) -> tuple[CorpusLabels, int]:
                labels = CorpusLabels(session)
                labels.dropping(dropped)
                for g in written:
                    labels.wrote(g)
                return labels, labels.refresh()

            return step

        def recomputed(session: StoreWriter) -> tuple[CorpusLabels, int]:
            labels = CorpusLabels(session)
            return labels, labels.recompute()

        one_triple = f'INSERT DATA {{ GRAPH <{articles[0]}> {{ <urn:s> <urn:p> "o" }} }}'

        #: the same triple through a template whose graph is a variable: the text does not fix it
        one_triple_anywhere = (
            f'INSERT {{ GRAPH ?g {{ <urn:s> <urn:p> "o" }} }} WHERE {{ VALUES ?g {{ <{articles[0]}> }} }}'
        )

        def updating(text: str) -> Callable[[StoreWriter], tuple[CorpusLabels, str]]:
            return lambda session: (update_labelled(session, text), "-")

        graphs_written(one_triple)  # rdflib's grammar is built on its first use: once per process, not timed
        timed("full recompute (every article written)", refreshed(articles, []))
        timed("one article replaced", refreshed([articles[0]], [articles[0]]))
        timed("nothing changed", refreshed([], []))
        timed("recompute (after a SPARQL Update, GRAPH ?g)", recomputed)
        timed("one-graph SPARQL Update with its labels", updating(one_triple))
        timed("the same through GRAPH ?g (full recompute)", updating(one_triple_anywhere))
        t = time.perf_counter()
        with store.writer() as session:
            session.update('INSERT DATA { GRAPH <urn:bench> { <urn:s> <urn:p> "o" } }')
        print(f"{'a one-triple update, committed':<44}: {time.perf_counter() - t:7.3f} s")
        body = " . ".join(f'<urn:s{i}> <urn:p> "Ban chỉ đạo số {i} huyện Kim Động"@vi' for i in range(800))
        big = f"INSERT DATA {{ GRAPH <urn:bench> {{ {body} }} }}"
        t = time.perf_counter()
        assert graphs_written(big) is not None
        spent = time.perf_counter() - t
        print(f"{'graphs of a ' + str(len(big) // 1024) + ' KiB INSERT DATA read':<44}: {spent:7.3f} s")


if __name__ == "__main__":
    main()

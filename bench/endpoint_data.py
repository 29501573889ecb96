"""A deterministic 1M-quad dataset of the project's shape, for the endpoint benchmark.

The seed article and the held-out articles of ``tests/data`` are built by the real pipeline
(:func:`antq_kg.pipeline.build`: article graphs, the build run, the ontology and the gazetteer graph
of ~200k quads); then the article graphs are copied, with every data IRI of an article renamed per
copy (``{base}id/person/x`` → ``{base}id/person/c7-x``), until the dataset holds ``target`` quads.
Places, concepts and the ontology stay shared, as they are across real articles, so the competency
queries of ``queries/`` find as many answers per article as on the real graph. Same input, same
output: nothing random.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [
    ROOT / "data" / "articles",
    ROOT / "tests" / "data" / "heldout" / "articles",
    ROOT / "tests" / "data" / "heldout2" / "articles",
]


def write_dataset(path: Path, *, target: int = 1_000_000) -> int:
    """Write about ``target`` quads as N-Quads to ``path``; returns the number written."""
    from antq_kg.gazetteer import Gazetteer
    from antq_kg.pipeline import DEFAULT_BASE_IRI, build
    from antq_kg.reference import reference_graph_names
    from antq_kg.store import EmbeddedStore

    store = EmbeddedStore(None)
    result = build(ARTICLES, base_iri=DEFAULT_BASE_IRI, gazetteer=Gazetteer.load(), store=store)
    reference = reference_graph_names(base_iri=DEFAULT_BASE_IRI) | {result.run_graph}
    shared = {
        q.subject.value for g in reference for q in store.quads(g) if isinstance(q.subject, ox.NamedNode)
    }
    article_quads = [q for g in store.graphs() if g not in reference for q in store.quads(g)]
    prefix = f"{DEFAULT_BASE_IRI}id/"
    pattern = re.compile(re.escape(prefix) + r"([^/]+)/")
    written = 0
    with path.open("wb") as out:
        ox.serialize(iter(store), out, ox.RdfFormat.N_QUADS)
        written += len(store)
        copy = 1
        while written < target:
            renamed: dict[str, ox.NamedNode] = {}

            def rename(
                term: ox.NamedNode, k: int = copy, cache: dict[str, ox.NamedNode] = renamed
            ) -> ox.NamedNode:
                value = term.value
                if not value.startswith(prefix) or value in shared:
                    return term
                found = cache.get(value)
                if found is None:
                    found = cache[value] = ox.NamedNode(
                        pattern.sub(lambda m: f"{prefix}{m.group(1)}/c{k}-", value, 1)
                    )
                return found

            batch = []
            for q in article_quads:
                s, o, g = q.subject, q.object, q.graph_name
                batch.append(
                    ox.Quad(
                        rename(s) if isinstance(s, ox.NamedNode) else s,
                        q.predicate,
                        rename(o) if isinstance(o, ox.NamedNode) else o,
                        rename(g) if isinstance(g, ox.NamedNode) else g,
                    )
                )
                if written + len(batch) >= target:
                    break
            ox.serialize(batch, out, ox.RdfFormat.N_QUADS)
            written += len(batch)
            copy += 1
    return written


if __name__ == "__main__":
    import sys

    print(write_dataset(Path(sys.argv[1]), target=int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000))

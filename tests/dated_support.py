"""Dated articles read by the real pipeline and built into one store, as ``antq-kg build`` leaves it:
the helpers of the tests of identity over time (``test_graph_over_time``, ``test_graph_reorganised``)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from antq_kg.gazetteer import Gazetteer
from antq_kg.gazetteer_rdf import gazetteer_quads
from antq_kg.graph import BuildRun, article_quads, corpus_quads, ontology_quads
from antq_kg.pipeline import extract_article
from antq_kg.prefixes import sparql_prologue
from antq_kg.store import EmbeddedStore, open_store


def folder_quads(folder: Path, gazetteer: Gazetteer) -> list[ox.Quad]:
    """The quads of every ``*.txt`` article of ``folder`` (with its sidecar), extracted and built in one run,
    and the corpus graph of their preferred labels."""
    run = BuildRun.new()
    out: list[ox.Quad] = []
    for path in sorted(folder.glob("*.txt")):
        out += article_quads(extract_article(path, gazetteer=gazetteer), gazetteer=gazetteer, run=run)
    return out + corpus_quads(out)


def built_store(quads: list[ox.Quad], gazetteer: Gazetteer) -> EmbeddedStore:
    """An in-memory store of the article quads with the ontology and the gazetteer graph."""
    store = open_store(None)
    store.add_quads(quads)
    store.add_quads(ontology_quads())
    store.add_quads(gazetteer_quads(gazetteer), bulk=True)
    return store


def select(store: EmbeddedStore, query: str) -> list[tuple[str, ...]]:
    """The rows of a SELECT (the library's prefixes prepended), each term as its string value ("" unbound)."""
    result = store.query(sparql_prologue() + query).rows()  # type: ignore[union-attr]
    return [tuple(t.value if t is not None else "" for t in r) for r in result]

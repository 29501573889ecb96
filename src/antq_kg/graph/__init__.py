"""Graph stage: :class:`~antq_kg.model.Facts` → RDF, one named graph per article.

The package, by part:

- :mod:`~antq_kg.graph.writer` — the quad writer (pyoxigraph quads, cached terms, NIF evidence);
- :mod:`~antq_kg.graph.article` — the news article, its text and date, initiatives, abbreviations;
- :mod:`~antq_kg.graph.places` — places and gazetteer units;
- :mod:`~antq_kg.graph.agents` — organisations, persons, posts and memberships (W3C ORG);
- :mod:`~antq_kg.graph.cube` — counts as an RDF Data Cube;
- :mod:`~antq_kg.graph.build` — one article's quads and the build run's record; the rdflib view;
- :mod:`~antq_kg.graph.views` — the Web Annotation export view.

Who is the same entity is decided in :mod:`antq_kg.identity`, IRIs are minted by :mod:`antq_kg.iris`;
the model is ``ontology/antq.ttl``, checked by ``ontology/shapes.ttl``.
"""

from __future__ import annotations

from ..iris import ONTOLOGY_GRAPH
from ..orgnames import ORG_KINDS, expand_abbreviations, org_kind, party_committee_of, split_org_name
from .build import (
    BuildRun,
    BuiltArticle,
    add_article,
    add_ontology,
    article_nquads,
    article_quads,
    build_graph,
    new_dataset,
    ontology_quads,
    run_graph_iri,
)
from .corpus import corpus_quads
from .cube import STRUCTURE, component_iri
from .views import annotations_view
from .writer import sentence_span

__all__ = [
    "ONTOLOGY_GRAPH",
    "ORG_KINDS",
    "STRUCTURE",
    "BuildRun",
    "BuiltArticle",
    "add_article",
    "add_ontology",
    "annotations_view",
    "article_nquads",
    "article_quads",
    "build_graph",
    "component_iri",
    "corpus_quads",
    "expand_abbreviations",
    "new_dataset",
    "ontology_quads",
    "org_kind",
    "party_committee_of",
    "run_graph_iri",
    "sentence_span",
    "split_org_name",
]

"""Concepts in the built graph: curated ones are the ontology's and keep their labels (SKOS S13); the ones
minted from text follow the base IRI.

SKOS S13 (https://www.w3.org/TR/skos-reference/#L1607): skos:prefLabel, skos:altLabel and skos:hiddenLabel
are pairwise disjoint. The graph used to add each phrase as written as an altLabel of the concept it
named, so "Giám đốc"@vi was both the prefLabel and an altLabel of the Director post (19 concepts of the
development corpus); a curated concept is now stated by the ontology only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from antq_kg.gazetteer import Gazetteer
from antq_kg.graph import BuildRun, article_quads, ontology_quads
from antq_kg.pipeline import build, extract_article
from antq_kg.store import EmbeddedStore, open_store

ROOT = Path(__file__).resolve().parents[2]
IDENTITY = ROOT / "tests" / "data" / "identity"
W3ID = "https://w3id.org/antq/id/"
SKOS = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


@pytest.fixture(scope="module")
def corpus_store(gazetteer: Gazetteer, dev_corpus: Path) -> EmbeddedStore:
    """The articles of ``data/articles``, the dated reports and the development corpus, with the ontology."""
    paths = [ROOT / "data" / "articles", IDENTITY, dev_corpus / "articles"]
    store = open_store(None)
    result = build(paths, gazetteer=gazetteer, store=store)
    assert result.ok, result.errors
    return store


def test_no_concept_has_an_alt_or_hidden_label_equal_to_its_pref_label(corpus_store: EmbeddedStore) -> None:
    clashes = corpus_store.query(
        SKOS
        + "SELECT DISTINCT ?c ?l WHERE { ?c a skos:Concept ; skos:prefLabel ?l ; skos:altLabel|skos:hiddenLabel ?l }"
    ).rows()
    assert clashes == []
    named = corpus_store.query(
        SKOS + "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?x ?p ?c . ?c skos:prefLabel ?l ; skos:inScheme ?s "
        "FILTER (?p != skos:member && ?p != skos:topConceptOf && ?p != skos:broader) }"
    ).rows()
    assert int(named[0][0].value) > 20  # type: ignore[union-attr]  # curated concepts the articles use


def test_an_article_graph_never_relabels_a_curated_concept(gazetteer: Gazetteer) -> None:
    quads = article_quads(
        extract_article(IDENTITY / "thai-binh-2023.txt", gazetteer=gazetteer), gazetteer=gazetteer
    )
    curated = {q.subject.value for q in ontology_quads() if q.subject.value.startswith(W3ID + "concept/")}
    used = {q.object.value for q in quads if q.object.value.startswith(W3ID + "concept/")}
    assert used and used <= curated  # rank, post, unit type, initiative kind, qualifier, levels
    assert not {q for q in quads if q.subject.value in curated}


def test_concepts_minted_from_text_follow_the_base_iri(gazetteer: Gazetteer) -> None:
    base = "http://example.org/kg/"
    facts = extract_article(ROOT / "data" / "articles" / "hung-yen-antq.txt", gazetteer=gazetteer)
    quads = article_quads(facts, base_iri=base, gazetteer=gazetteer, run=BuildRun.new())
    curated = {q.subject.value for q in ontology_quads()}
    iris = {
        t.value
        for q in quads
        for t in (q.subject, q.object, q.graph_name)
        if hasattr(t, "value") and "://" in t.value
    }
    minted = {i for i in iris if i.startswith(base + "id/concept/")}
    assert "abbreviation" in {i.split("/")[-2] for i in minted}
    # the cube's code lists are curated and closed: nothing of them is minted from the text
    assert not {i.split("/")[-2] for i in minted} & {"unit-type", "criterion", "period", "scope"}
    assert base + "id/dataset/counts" in iris
    stray = {i for i in iris if i.startswith(W3ID) and i not in curated}
    assert stray == set(), "every IRI under the default base is a curated concept of the ontology"

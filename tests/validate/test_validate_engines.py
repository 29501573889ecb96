"""The two validation engines give the same report — the shapes compiled to SPARQL and run by Oxigraph
over every graph at once (the default), and pySHACL graph by graph (the reference) — over built corpora
and over stores whose graphs disagree with each other; and a shape the compiler does not support
stops the validation with an OntologyError that names it, never a silent pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns
from test_shapes import mini_graph

from antq_kg.errors import OntologyError
from antq_kg.gazetteer import Gazetteer
from antq_kg.pipeline import build
from antq_kg.store import open_store
from antq_kg.validate import DEFAULT_SHAPES, Shapes, validate, validate_store

ROOT = Path(__file__).resolve().parents[2]
ORG, SKOS, RDF, FOAF = ns.ORG, ns.SKOS, ns.RDF, ns.FOAF
SHAPE = "https://w3id.org/antq/shapes#"


@pytest.fixture(scope="module")
def rules() -> Shapes:
    return Shapes.load()


@pytest.mark.parametrize("corpus", ["tests/data/dev/articles", "data/articles"])
def test_the_engines_agree_over_a_built_corpus(corpus: str, gazetteer: Gazetteer, rules: Shapes) -> None:
    with open_store(None) as store:
        result = build([ROOT / corpus], gazetteer=gazetteer, store=store)
        assert result.ok and len(result.articles) >= 5
        compiled = validate_store(store, shapes=rules)
        reference = validate_store(store, shapes=rules, engine="pyshacl")
    assert compiled.results, "the corpus has warnings to compare"
    assert compiled == reference


def test_the_engines_agree_on_an_on_disk_store(tmp_path: Path, gazetteer: Gazetteer, rules: Shapes) -> None:
    """The SPARQL engine works on a checkpoint of an on-disk store; the store itself is unchanged."""
    with open_store(tmp_path / "store") as store:
        build([ROOT / "data" / "articles"], gazetteer=gazetteer, store=store)
    with open_store(tmp_path / "store", read_only=True) as store:
        before = len(store)
        compiled = validate_store(store, shapes=rules)
        assert len(store) == before
        assert compiled == validate_store(store, shapes=rules, engine="pyshacl")


def test_a_graph_is_judged_with_the_reference_units_it_names(gazetteer: Gazetteer, rules: Shapes) -> None:
    """An article graph that names gazetteer places without restating them: both engines judge it with
    the places' gazetteer triples (and their ancestors'), so it conforms as it did with them restated."""
    from antq_kg.gazetteer_rdf import gazetteer_graph_iri

    units = gazetteer_graph_iri()
    with open_store(None) as store:
        build([ROOT / "data" / "articles"], gazetteer=gazetteer, store=store)
        before = validate_store(store, shapes=rules)
        restated = (
            f"GRAPH <{units}> {{ ?x a <https://schema.org/AdministrativeArea> }} GRAPH ?g {{ ?x ?p ?o }}"
        )
        assert store.query(f"ASK {{ {restated} FILTER (?g != <{units}>) }}").boolean
        store.update(f"DELETE {{ GRAPH ?g {{ ?x ?p ?o }} }} WHERE {{ {restated} FILTER (?g != <{units}>) }}")
        compiled = validate_store(store, shapes=rules)
        reference = validate_store(store, shapes=rules, engine="pyshacl")
    assert compiled == reference
    assert compiled.violations == before.violations


def conflicting_graphs() -> Dataset:
    """Two graphs that each hold: one organisation classified differently in each (one
    org:classification per graph), a person typed in one and named in the other."""
    g = mini_graph()
    org = next(iter(g.subjects(RDF.type, ORG.Organization)))
    kind = g.value(org, ORG.classification)
    ds = Dataset()
    first = ds.graph(URIRef("https://w3id.org/antq/id/graph/first"))
    for t in g:
        first.add(t)
    second = ds.graph(URIRef("https://w3id.org/antq/id/graph/second"))
    second.add((org, RDF.type, ORG.Organization))
    second.add((org, SKOS.prefLabel, g.value(org, SKOS.prefLabel)))  # type: ignore[arg-type]
    other = URIRef("https://w3id.org/antq/id/concept/org-kind/ubnd")
    second.add((org, ORG.classification, other if kind != other else URIRef(str(other) + "x")))
    person = URIRef("https://w3id.org/antq/id/person/x/a")
    second.add((person, RDF.type, FOAF.Person))
    first.add((person, FOAF.name, Literal("An", lang="vi")))
    return ds


def test_each_graph_is_judged_on_its_own_by_both_engines(rules: Shapes) -> None:
    ds = conflicting_graphs()
    compiled = validate(ds, shapes=rules)
    reference = validate(ds, shapes=rules, engine="pyshacl")
    assert compiled == reference
    found = {(r.shape.removeprefix(SHAPE), r.graphs) for r in compiled.results if r.severity == "Violation"}
    assert ("PersonName", ("https://w3id.org/antq/id/graph/second",)) in found
    assert not any(shape == "OrganizationKind" for shape, _ in found)  # one classification per graph


def test_labels_sharing_a_language_across_graphs_fail_once_per_language(rules: Shapes) -> None:
    """sh:uniqueLang over the union: three spellings in @vi (in two graphs) and two in @en give one
    result per language, not one per pair of labels; a single @fr label gives none."""
    ds = conflicting_graphs()
    org = next(
        iter(ds.graph(URIRef("https://w3id.org/antq/id/graph/second")).subjects(RDF.type, ORG.Organization))
    )
    for graph, text, lang in [
        ("first", "Công an xã", "vi"), ("second", "Công an phường", "vi"), ("first", "Commune police", "en"),
        ("second", "Ward police", "en"), ("second", "Police", "fr"),
    ]:  # fmt: skip
        ds.graph(URIRef(f"https://w3id.org/antq/id/graph/{graph}")).add(
            (org, SKOS.prefLabel, Literal(text, lang=lang))
        )
    compiled = validate(ds, shapes=rules)
    assert compiled == validate(ds, shapes=rules, engine="pyshacl")
    unique = [r for r in compiled.results if r.shape == f"{SHAPE}PrefLabelUniqueLang"]
    assert len(unique) == 2 and {r.focus_node for r in unique} == {str(org)}


def test_an_ontology_concept_is_judged_with_what_each_graph_adds_to_it(rules: Shapes) -> None:
    """The ontology's concepts are focus nodes in every graph; a graph that gives one a label of the
    wrong language fails it there only (the other graph is judged with the ontology's triples alone)."""
    ds = conflicting_graphs()
    concept = URIRef("https://w3id.org/antq/id/concept/org-kind/ubnd")
    assert (concept, RDF.type, SKOS.Concept) in rules.ontology
    ds.graph(URIRef("https://w3id.org/antq/id/graph/first")).add(
        (concept, SKOS.prefLabel, Literal("x", lang="fr"))
    )
    compiled = validate(ds, shapes=rules)
    assert compiled == validate(ds, shapes=rules, engine="pyshacl")
    failing = {r.graphs for r in compiled.results if r.focus_node == str(concept)}
    assert failing == {("https://w3id.org/antq/id/graph/first",)}


def test_an_ontology_concept_failing_a_shape_fails_in_every_graph_but_where_a_graph_mends_it() -> None:
    """Judged once on the ontology alone, a failing concept is reported in each graph, except in a graph
    that states what it lacks."""
    rules = Shapes.load(
        shapes_with(
            "shape:Concept sh:property shape:Notation . shape:Notation sh:path "
            '<http://www.w3.org/2004/02/skos/core#notation> ; sh:minCount 1 ; sh:message "A notation."@en .'
        )
    )
    ds = conflicting_graphs()
    concept = URIRef("https://w3id.org/antq/id/concept/org-kind/ubnd")
    ds.graph(URIRef("https://w3id.org/antq/id/graph/second")).add((concept, SKOS.notation, Literal("U")))
    compiled = validate(ds, shapes=rules)
    assert compiled == validate(ds, shapes=rules, engine="pyshacl")
    notation = [r for r in compiled.results if r.shape == f"{SHAPE}Notation"]
    graphs = {r.graphs for r in notation if r.focus_node == str(concept)}
    assert graphs == {("https://w3id.org/antq/id/graph/first",)}
    assert len({r.focus_node for r in notation}) > 100  # the ontology's other concepts, in both graphs


def shapes_with(extra: str) -> Graph:
    g = Graph().parse(DEFAULT_SHAPES)
    g.parse(
        data="@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix shape: <https://w3id.org/antq/shapes#> .\n"
        + extra,
        format="turtle",
    )
    return g


UNSUPPORTED = {
    "a closed shape": ("shape:Person sh:closed true .", "shape:Person"),
    "sh:ask": (
        'shape:Context sh:sparql shape:Asked . shape:Asked sh:ask "ASK { $this ?p ?o }" .',
        "shape:Asked",
    ),
    "GRAPH in a per-graph SPARQL constraint": (
        "shape:Context sh:sparql shape:InGraph . shape:InGraph sh:prefixes <https://w3id.org/antq/shapes> ; "
        'sh:select "SELECT $this WHERE { GRAPH ?x { $this ?p ?o } }" .',
        "shape:InGraph",
    ),
    "a nested sh:minCount above 1": (
        "shape:InRankScheme sh:property shape:TwoLabels . shape:TwoLabels sh:path "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ; sh:minCount 2 .",
        "shape:TwoLabels",
    ),
}


@pytest.mark.parametrize("name", sorted(UNSUPPORTED))
def test_a_feature_the_compiler_does_not_know_fails_loudly_naming_the_shape(name: str) -> None:
    extra, shape = UNSUPPORTED[name]
    rules = Shapes.load(shapes_with(extra))
    with pytest.raises(OntologyError, match=shape):
        validate(mini_graph(), shapes=rules)

"""The endpoint describing itself: the SPARQL 1.1 Service Description at ``/sparql`` and VoID at
``/.well-known/void`` (and ``antq-kg export --void``), read back with rdflib."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from typer.testing import CliRunner

from antq_kg.cli import app as cli
from antq_kg.formats import RDF_FORMATS
from antq_kg.web import create_app
from web_support import EX, TRIG, loaded_store_dir, sample_store

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
FMT = rdflib.Namespace("http://www.w3.org/ns/formats/")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = rdflib.Namespace("https://schema.org/")
BASE = "https://w3id.org/antq/"
#: The sample plus a Wikidata link and a GSO code, so both linksets count something.
LINKS = f"""<{EX}graph3> {{
  <{EX}hy> <{SKOS}exactMatch> <http://www.wikidata.org/entity/Q1> .
  <{EX}hy> <{SKOS}notation> "33"^^<https://w3id.org/antq/ontology#gsoCode> .
}}"""


@pytest.fixture(scope="module")
def queries_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    qdir = tmp_path_factory.mktemp("queries")
    (qdir / "01-places.rq").write_text(
        "# Các địa danh?\n# Which places?\nSELECT ?l { ?s ?p ?l }\n", encoding="utf-8"
    )
    (qdir / "02-any.rq").write_text("# Có gì không?\nASK { ?s ?p ?o }\n", encoding="utf-8")
    return qdir


@pytest.fixture(scope="module")
def client(queries_dir: Path) -> Iterator[TestClient]:
    store = sample_store()
    store.load_bytes(LINKS.encode(), RDF_FORMATS["trig"])
    with TestClient(create_app(store, base_iri=BASE, queries_dir=queries_dir)) as c:
        yield c


def graph_of(response: httpx.Response) -> rdflib.Graph:
    assert response.status_code == 200, response.text
    return rdflib.Graph().parse(data=response.text, format="turtle")


def test_the_service_description_names_endpoint_languages_formats_and_features(client: TestClient) -> None:
    g = graph_of(client.get("/sparql", headers={"Accept": "text/turtle"}))
    service = rdflib.URIRef("http://testserver/sparql")
    assert (service, RDF.type, SD.Service) in g
    assert (service, SD.endpoint, service) in g
    assert set(g.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    assert set(g.objects(service, SD.feature)) == {SD.UnionDefaultGraph}
    formats = set(g.objects(service, SD.resultFormat))
    assert {
        FMT.SPARQL_Results_JSON,
        FMT.SPARQL_Results_XML,
        FMT.SPARQL_Results_CSV,
        FMT.SPARQL_Results_TSV,
        FMT.Turtle,
        FMT["N-Triples"],
        FMT["JSON-LD"],
        FMT.RDF_XML,
    } <= formats
    assert not list(g.objects(service, SD.inputFormat))  # no writes here
    assert {str(o) for o in g.objects(None, SD.name)} == {f"{EX}graph1", f"{EX}graph2", f"{EX}graph3"}


def test_the_competency_queries_are_its_examples(client: TestClient) -> None:
    g = graph_of(client.get("/sparql", headers={"Accept": "text/turtle"}))
    examples = set(g.subjects(RDF.type, SH.SPARQLExecutable))
    assert {str(e) for e in examples} == {
        "http://testserver/sparql#example-01-places",
        "http://testserver/sparql#example-02-any",
    }
    places = rdflib.URIRef("http://testserver/sparql#example-01-places")
    assert str(g.value(places, RDFS.label)) == "Các địa danh?"
    assert str(g.value(places, RDFS.comment)) == "Which places?"
    assert str(g.value(places, SH.select)).endswith("SELECT ?l { ?s ?p ?l }\n")
    assert g.value(places, SCHEMA.target) == rdflib.URIRef("http://testserver/sparql")
    assert (rdflib.URIRef("http://testserver/sparql#example-02-any"), SH.ask, None) in g


def test_federation_and_updates_appear_only_when_enabled(queries_dir: Path) -> None:
    app = create_app(
        sample_store(),
        base_iri=BASE,
        queries_dir=queries_dir,
        allow_services=["https://query.wikidata.org/sparql"],
        write_token="s3cret",
    )
    with TestClient(app) as c:
        g = graph_of(c.get("/sparql", headers={"Accept": "text/turtle"}))
    service = rdflib.URIRef("http://testserver/sparql")
    assert set(g.objects(service, SD.feature)) == {SD.UnionDefaultGraph, SD.BasicFederatedQuery}
    assert set(g.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query, SD.SPARQL11Update}
    assert FMT.Turtle in set(g.objects(service, SD.inputFormat))


def test_void_counts_the_store(client: TestClient) -> None:
    r = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    g = graph_of(r)
    dataset = rdflib.URIRef(f"{BASE}id/dataset")
    assert (dataset, RDF.type, VOID.Dataset) in g

    def number(p: rdflib.URIRef) -> int:
        return int(g.value(dataset, p))  # type: ignore[arg-type]

    # graph1: 7 triples about hy, nh, mh, pct; graph2: 2 about c1; graph3: 2 more about hy
    assert number(VOID.triples) == 11
    assert number(VOID.entities) == number(VOID.distinctSubjects) == 5
    assert number(VOID.properties) == 6  # label, code, parent, value, exactMatch, notation
    assert number(VOID.classes) == 0
    # five labels, "33", 161, ex:mh and ex:hy as parents, wd:Q1, "33"^^antq:gsoCode
    assert number(VOID.distinctObjects) == 11
    subsets = {str(s) for s in g.objects(dataset, VOID.subset)}
    assert {f"{EX}graph1", f"{EX}graph2", f"{EX}graph3"} <= subsets
    assert int(g.value(rdflib.URIRef(f"{EX}graph1"), VOID.triples)) == 7  # type: ignore[arg-type]
    assert g.value(dataset, DCTERMS.license) == rdflib.URIRef("https://spdx.org/licenses/MIT")
    assert g.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef("http://testserver/sparql")
    linksets = {
        (g.value(ls, VOID.linkPredicate), g.value(ls, VOID.objectsTarget), int(g.value(ls, VOID.triples)))  # type: ignore[arg-type]
        for ls in g.subjects(RDF.type, VOID.Linkset)
    }
    assert linksets == {
        (SKOS.exactMatch, rdflib.URIRef("http://www.wikidata.org/"), 1),
        (SKOS.notation, rdflib.URIRef("https://danhmuchanhchinh.nso.gov.vn/"), 1),
    }
    assert r.headers["access-control-allow-origin"] == "*"
    assert (
        client.get("/.well-known/void", headers={"Accept": "application/ld+json"}).headers["content-type"]
        == "application/ld+json"
    )


def test_export_void_writes_the_same_description(tmp_path: Path) -> None:
    store = loaded_store_dir(tmp_path, TRIG + LINKS)
    runner = CliRunner()
    out = tmp_path / "void.ttl"
    result = runner.invoke(
        cli,
        [
            "--store",
            store,
            "export",
            "--void",
            "-o",
            str(out),
            "--sparql-endpoint",
            "http://127.0.0.1:8000/sparql",
        ],
    )
    assert result.exit_code == 0, result.output
    g = rdflib.Graph().parse(out)
    dataset = rdflib.URIRef(f"{BASE}id/dataset")
    assert int(g.value(dataset, VOID.triples)) == 11  # type: ignore[arg-type]
    assert g.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef("http://127.0.0.1:8000/sparql")

"""The endpoint over real HTTP: uvicorn on 127.0.0.1 in a thread, queried by real SPARQL clients
(SPARQLWrapper and rdflib's SPARQLStore), as a researcher's tools would."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from antq_kg.web import create_app
from web_support import EX, sample_store, serve_in_thread

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    app = create_app(sample_store(), base_iri="https://w3id.org/antq/")
    with serve_in_thread(app) as base:
        yield f"{base}/sparql"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(endpoint: str, method: str) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setMethod(method)
    sw.setQuery(
        f"SELECT ?l WHERE {{ ?s <{LABEL}> ?l FILTER(CONTAINS(?l, 'Hòa') || CONTAINS(?l, '%25')) }} ORDER BY ?l"
    )
    sw.setReturnFormat(JSON)
    data = sw.query().convert()
    assert isinstance(data, dict)
    assert [b["l"]["value"] for b in data["results"]["bindings"]] == ["100%25 hoàn thành", "xã Nhân Hòa"]
    assert all(b["l"]["xml:lang"] == "vi" for b in data["results"]["bindings"])


def test_sparqlwrapper_xml_csv_and_ask(endpoint: str) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(f"SELECT ?v WHERE {{ ?s <{EX}value> ?v }}")
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    assert [n.firstChild.data for n in doc.getElementsByTagName("literal")] == ["161"]  # type: ignore[union-attr]
    sw.setReturnFormat(CSV)
    assert sw.query().convert() == b"v\r\n161\r\n"
    sw.setQuery('ASK { ?s ?p "tỉnh Hưng Yên"@vi }')
    sw.setReturnFormat(JSON)
    assert sw.query().convert() == {"head": {}, "boolean": True}


def test_sparqlwrapper_construct_turtle(endpoint: str) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(f"CONSTRUCT {{ ?s <{EX}parent> ?o }} WHERE {{ ?s <{EX}parent> ?o }}")
    sw.setReturnFormat(TURTLE)
    g = rdflib.Graph().parse(data=sw.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert len(g) == 2


@pytest.mark.filterwarnings(
    "ignore:not detected query type:RuntimeWarning", "ignore:unknown query type:RuntimeWarning"
)
def test_sparqlwrapper_reports_a_bad_query(endpoint: str) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setQuery("SELEC ?x")
    sw.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="SPARQL syntax error"):
        sw.query()


@pytest.mark.parametrize("method", ["GET", "POST_FORM"])
def test_rdflib_sparqlstore(endpoint: str, method: str) -> None:
    store = SPARQLStore(endpoint, method=method, returnFormat="json")
    g = rdflib.Graph(store=store)
    rows = list(g.query(f"SELECT ?l WHERE {{ <{EX}hy> <{LABEL}> ?l }}"))
    assert [str(r[0]) for r in rows] == ["tỉnh Hưng Yên"]  # type: ignore[index]
    assert (rdflib.URIRef(f"{EX}c1"), rdflib.URIRef(f"{EX}value"), rdflib.Literal(161)) in g
    store.close()


def test_plain_http_client_and_the_query_page(endpoint: str) -> None:
    base = endpoint.removesuffix("/sparql")
    with httpx.Client() as client:
        r = client.get(f"{base}/")
        assert r.status_code == 200 and "Competency queries" in r.text
        r = client.post(
            endpoint,
            content='SELECT ?s { ?s ?p "100%25 hoàn thành"@vi }',
            headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
        )
        assert r.text == f"s\r\n{EX}pct\r\n"


def test_federated_service_runs_only_to_an_allowed_endpoint(endpoint: str) -> None:
    """A real SERVICE call from one store to the served endpoint over 127.0.0.1, allowed by name."""
    from antq_kg.errors import QueryError
    from antq_kg.store import open_store

    query = f"SELECT ?l {{ SERVICE <{endpoint}> {{ <{EX}hy> <{LABEL}> ?l }} }}"
    with open_store(None) as local:
        with pytest.raises(QueryError, match="not allowed"):
            local.query(query)
        assert local.query(query, services=[endpoint]).table()[1] == [["tỉnh Hưng Yên"]]


def test_endpoint_refuses_service_to_anywhere(endpoint: str) -> None:
    with httpx.Client() as client:
        r = client.get(
            endpoint, params={"query": "SELECT * { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }"}
        )
    assert r.status_code == 400
    assert r.text == "SERVICE <http://169.254.169.254/> is not allowed here (federated queries are off)\n"


def test_an_allowed_service_that_fails_is_503_naming_the_endpoint() -> None:
    """The SERVICE call's failure is the remote end's (its endpoint named), not the store's."""
    from web_support import free_port

    url = f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there
    app = create_app(sample_store(), base_iri="https://w3id.org/antq/", allow_services=[url])
    with serve_in_thread(app) as base:
        r = httpx.get(
            f"{base}/sparql",
            params={"query": f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"},
            headers={"Accept": "application/sparql-results+json"},
        )
    assert r.status_code == 503
    assert f"{url}: the SERVICE call failed: " in r.text


def test_the_query_workers_leave_no_temporary_folder_served_or_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers' socket folder exists while they serve: an app never served makes none, and one
    served removes it when it stops."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    create_app(sample_store(), base_iri="https://w3id.org/antq/")
    assert list(tmp_path.glob("antq-pool-*")) == []
    app = create_app(sample_store(), base_iri="https://w3id.org/antq/")
    with serve_in_thread(app) as base:
        r = httpx.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert r.status_code == 200 and len(list(tmp_path.glob("antq-pool-*"))) == 1
    assert list(tmp_path.glob("antq-*")) == []

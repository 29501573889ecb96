"""The SPARQL 1.1 Protocol endpoint in-process: three request forms × Accept types; error shape."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import rdflib
from fastapi.testclient import TestClient

from antq_kg.errors import StoreError
from antq_kg.formats import by_media_type
from antq_kg.store import parse_rdf
from antq_kg.web import create_app
from web_support import EX, sample_store

SELECT = f"SELECT ?label WHERE {{ <{EX}nh> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}"
PERCENT = 'SELECT ?s WHERE { ?s ?p "100%25 hoàn thành"@vi }'  # a literal %25 must survive decoding
CONSTRUCT = f"CONSTRUCT {{ ?s <{EX}parent> ?o }} WHERE {{ ?s <{EX}parent> ?o }}"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    qdir = tmp_path / "queries"
    qdir.mkdir()
    (qdir / "01-places.rq").write_text(
        "# Các địa danh trong bài?\n# Which places does the article name?\nSELECT ?l { ?s ?p ?l }\n",
        encoding="utf-8",
    )
    app = create_app(sample_store(), base_iri="https://w3id.org/antq/", queries_dir=qdir)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def ask(client: TestClient, form: str, query: str, accept: str | None) -> object:
    headers = {"Accept": accept} if accept else {}
    if form == "get":
        return client.get(f"/sparql?query={quote(query)}", headers=headers)
    if form == "form":
        return client.post("/sparql", data={"query": query}, headers=headers)
    return client.post(
        "/sparql",
        content=query.encode("utf-8"),
        headers={**headers, "Content-Type": "application/sparql-query"},
    )


FORMS = ["get", "form", "direct"]


def labels_from(body: bytes, content_type: str) -> list[str]:
    if content_type.startswith("application/sparql-results+json"):
        return [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]]
    if content_type.startswith("application/sparql-results+xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        return [e.text or "" for e in ET.fromstring(body).iterfind(".//r:binding/r:literal", ns)]
    if content_type.startswith("text/csv"):
        return [row[0] for row in list(csv.reader(io.StringIO(body.decode())))[1:]]
    assert content_type.startswith("text/tab-separated-values")
    return [line for line in body.decode().splitlines()[1:]]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (None, "application/sparql-results+json"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/sparql-results+xml"),
    ],
)
def test_select_in_every_form_and_result_format(
    client: TestClient, form: str, accept: str | None, content_type: str
) -> None:
    r = ask(client, form, SELECT, accept)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == content_type
    expected = ['"xã Nhân Hòa"@vi'] if content_type.startswith("text/tab") else ["xã Nhân Hòa"]
    assert labels_from(r.content, r.headers["content-type"]) == expected
    assert "Accept" in r.headers["vary"]


@pytest.mark.parametrize("form", FORMS)
def test_a_literal_percent_25_survives_every_form(client: TestClient, form: str) -> None:
    r = ask(client, form, PERCENT, "application/sparql-results+json")
    assert r.status_code == 200, r.text
    assert [b["s"]["value"] for b in r.json()["results"]["bindings"]] == [f"{EX}pct"]


@pytest.mark.parametrize("form", FORMS)
def test_ask(client: TestClient, form: str) -> None:
    r = ask(client, form, 'ASK { ?s ?p "huyện Mỹ Hào"@vi }', None)
    assert r.json() == {"head": {}, "boolean": True}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    ("accept", "rdf_format", "content_type"),
    [
        (None, "turtle", "text/turtle; charset=utf-8"),
        ("text/turtle", "turtle", "text/turtle; charset=utf-8"),
        ("application/n-triples", "ntriples", "application/n-triples"),
        ("application/rdf+xml", "rdfxml", "application/rdf+xml"),
        ("application/ld+json", "jsonld", "application/ld+json"),
        ("application/sparql-results+json, text/turtle;q=0.9", "turtle", "text/turtle; charset=utf-8"),
    ],
)
def test_construct_is_negotiated_among_rdf_formats(
    client: TestClient, form: str, accept: str | None, rdf_format: str, content_type: str
) -> None:
    r = ask(client, form, CONSTRUCT, accept)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == content_type
    fmt = by_media_type(r.headers["content-type"])
    assert fmt is not None and fmt.name == rdf_format
    triples = {(q.subject.value, q.predicate.value, q.object.value) for q in parse_rdf(r.content, fmt)}
    assert triples == {(f"{EX}nh", f"{EX}parent", f"{EX}mh"), (f"{EX}mh", f"{EX}parent", f"{EX}hy")}


def test_queries_see_named_graphs(client: TestClient) -> None:
    r = ask(client, "get", "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", None)
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [f"{EX}graph1", f"{EX}graph2"]


def test_service_description_without_query(client: TestClient) -> None:
    r = client.get("/sparql")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/turtle; charset=utf-8"
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = rdflib.URIRef("http://testserver/sparql")
    assert (service, rdflib.RDF.type, sd.Service) in g
    assert (service, sd.endpoint, service) in g
    assert {str(o) for o in g.objects(None, sd.name)} == {f"{EX}graph1", f"{EX}graph2"}
    as_jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert as_jsonld.headers["content-type"] == "application/ld+json"


# -- errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMS)
def test_malformed_query_is_400_plain_text_for_sparql_clients(client: TestClient, form: str) -> None:
    r = ask(client, form, "SELEC ?x", "application/sparql-results+json")
    assert r.status_code == 400
    assert r.headers["content-type"] == "text/plain; charset=utf-8"
    assert r.text.startswith("SPARQL syntax error at line 1, column ")
    assert r.text.count("\n") == 1


def test_error_body_is_json_when_json_is_asked_for(client: TestClient) -> None:
    r = ask(client, "get", "SELEC ?x", "application/json")
    assert r.status_code == 400
    body = r.json()
    assert body["ok"] is False and body["status"] == 400
    assert body["error"].startswith("SPARQL syntax error")


def test_error_body_is_html_for_browsers(client: TestClient) -> None:
    r = ask(client, "get", "SELECT ?x { <a> }", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert r.status_code == 400
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>Error 400</h1>" in r.text


def test_missing_query_and_unsupported_content_type(client: TestClient) -> None:
    r = client.post("/sparql", data={"nothing": "here"}, headers={"Accept": "application/json"})
    assert r.status_code == 400
    assert r.json() == {"ok": False, "error": "missing 'query' parameter", "status": 400}
    r = client.post("/sparql", content=b"SELECT * {}", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


def test_the_query_url_never_takes_an_update(client: TestClient) -> None:
    update = f'INSERT DATA {{ <{EX}x> <{EX}p> "y" }}'
    for r in (
        client.post("/sparql", data={"update": update}, headers={"Accept": "application/json"}),
        client.post(
            "/sparql",
            content=update,
            headers={"Content-Type": "application/sparql-update", "Accept": "application/json"},
        ),
        client.get(f"/sparql?update={quote(update)}", headers={"Accept": "application/json"}),
    ):
        assert r.status_code == 403
        assert r.json()["error"].startswith(
            "SPARQL Update is not accepted on the query URL /sparql: send it to /update"
        )
    assert ask(client, "get", f"ASK {{ <{EX}x> ?p ?o }}", None).json()["boolean"] is False


def test_unknown_page_is_404_in_the_same_shape(client: TestClient) -> None:
    r = client.get(
        "/no/such/page", headers={"Accept": "application/json"}
    )  # /id/… is a route now (test_web_pages)
    assert r.status_code == 404
    assert r.json() == {"ok": False, "error": "Not Found", "status": 404}


class _BrokenStore:
    """A store whose backend is down: every call fails like an unreachable database."""

    def __getattr__(self, name: str) -> object:
        def fail(*args: object, **kwargs: object) -> object:
            raise StoreError("store unavailable", path="/srv/store")

        return fail

    def __len__(self) -> int:
        raise StoreError("store unavailable", path="/srv/store")


class _CrashingStore(_BrokenStore):
    def __getattr__(self, name: str) -> object:
        def fail(*args: object, **kwargs: object) -> object:
            raise RuntimeError("secret internal detail")

        return fail


def test_store_outage_is_503_and_crash_is_500_without_details(caplog: pytest.LogCaptureFixture) -> None:
    with TestClient(create_app(_BrokenStore(), base_iri="x:"), raise_server_exceptions=False) as c:  # type: ignore[arg-type]
        r = ask(c, "get", "ASK {}", "application/json")
        assert r.status_code == 503
        assert r.json() == {"ok": False, "error": "/srv/store: store unavailable", "status": 503}
    with TestClient(create_app(_CrashingStore(), base_iri="x:"), raise_server_exceptions=False) as c:  # type: ignore[arg-type]
        r = ask(c, "get", "ASK {}", None)
        assert r.status_code == 500
        assert r.text == "internal server error\n"
        assert "secret internal detail" not in r.text
    assert any("error serving GET /sparql" in rec.message for rec in caplog.records)


# -- the query page ------------------------------------------------------------------------------------


def test_query_page_lists_competency_queries(client: TestClient) -> None:
    r = client.get("/", headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    page = r.text
    assert '<textarea id="query"' in page
    assert "Các địa danh trong bài?" in page
    assert "Which places does the article name?" in page
    assert 'data-query="# Các địa danh trong bài?' in page
    assert '<script src="/static/query.js">' in page
    assert client.get("/static/query.js").status_code == 200


def test_query_page_escapes_a_query_from_the_url(client: TestClient) -> None:
    r = client.get("/?query=" + quote("SELECT * { ?s ?p '</textarea><script>alert(1)</script>' }"))
    assert "<script>alert(1)</script>" not in r.text
    assert "window.ANTQ_AUTORUN = true" in r.text

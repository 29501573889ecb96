"""Linked-data pages for the graph's IRIs: ``/id/…`` → 303 → ``/doc/…``, negotiated HTML / RDF.

The store is what ``make serve`` serves: the seed article read from its text by the extractor and
built with the gazetteer (``antq_kg.pipeline.build``), in memory. The resources the tests open are
found by querying that store, never copied from a gold file.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from antq_kg.errors import NotFound
from antq_kg.explain import explain
from antq_kg.formats import RDF_FORMATS
from antq_kg.gazetteer import Gazetteer
from antq_kg.pipeline import build
from antq_kg.store import EmbeddedStore, open_store
from antq_kg.text import read_document
from antq_kg.web import create_app, serve_once
from antq_kg.web.urls import Urls
from conftest import SEED
from web_support import serve_in_thread

BASE = "https://w3id.org/antq/"
ID = BASE + "id/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
#: rdflib 7.6's own JSON-LD parser builds a ConjunctiveGraph internally and warns about it.
RDFLIB_JSONLD = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    store = open_store(None)
    result = build([SEED], gazetteer=Gazetteer.load(), store=store)
    assert result.ok, result.errors
    return store


@pytest.fixture(scope="module")
def client(store: EmbeddedStore) -> Iterator[TestClient]:
    with TestClient(create_app(store, base_iri=BASE), raise_server_exceptions=False) as c:
        yield c


def first(store: EmbeddedStore, kind: str) -> str:
    """The first IRI of a kind (``person``, ``place``…) the seed graph holds."""
    rows = store.query(
        f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER (STRSTARTS(STR(?s), '{ID}{kind}/')) }} ORDER BY ?s LIMIT 1"
    ).rows()
    assert rows and isinstance(rows[0][0], ox.NamedNode), f"no {kind} in the seed graph"
    return rows[0][0].value


def quoted(store: EmbeddedStore, kind: str) -> str:
    """The first IRI of a kind that the seed article quotes (a span is its evidence): the gazetteer's
    units are places too, but only the ones the article names have evidence."""
    rows = store.query(
        "PREFIX gaf: <http://groundedannotationframework.org/gaf#> "
        f"SELECT DISTINCT ?s WHERE {{ ?s gaf:denotedBy ?span FILTER (STRSTARTS(STR(?s), '{ID}{kind}/')) }} "
        "ORDER BY ?s LIMIT 1"
    ).rows()
    assert rows and isinstance(rows[0][0], ox.NamedNode), f"no quoted {kind} in the seed graph"
    return rows[0][0].value


def person(store: EmbeddedStore) -> str:
    return first(store, "person")


def local(iri: str) -> str:
    """The path after ``/id/`` or ``/doc/`` (percent-encoded), by the app's own mapping."""
    path = Urls(BASE).id_path(iri)
    assert path is not None
    return path.removeprefix("/id/")


class Links(HTMLParser):
    """The ``href`` of every ``<a>`` and the cells of every evidence row of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.spans: list[list[str]] = []
        self._in_span = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")
        if tag == "tr" and a.get("class") == "span":
            self._in_span = True
            self.spans.append([])
        if tag == "td" and self._in_span:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.spans[-1].append("".join(self._cell))
            self._cell = None
        if tag == "tr":
            self._in_span = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse_page(text: str) -> Links:
    links = Links()
    links.feed(text)
    return links


# -- /id/ → 303 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", ["person", "place", "org", "initiative", "obs", "post", "article", "membership", "rank-statement"]
)
def test_an_id_answers_303_see_other_to_its_document(
    client: TestClient, store: EmbeddedStore, kind: str
) -> None:
    iri = first(store, kind)
    response = client.get(f"/id/{local(iri)}", follow_redirects=False, headers={"Accept": BROWSER})
    assert response.status_code == 303
    assert response.headers["location"] == f"/doc/{local(iri)}"
    assert response.headers["cache-control"] == "public, max-age=300"
    assert response.content == b""


def test_following_the_303_gets_the_page(client: TestClient, store: EmbeddedStore) -> None:
    response = client.get(f"/id/{local(person(store))}", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert [r.status_code for r in response.history] == [303]
    assert response.url.path == f"/doc/{local(person(store))}"


def test_head_on_an_id_is_a_303_too(client: TestClient, store: EmbeddedStore) -> None:
    response = client.head(f"/id/{local(person(store))}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/doc/{local(person(store))}"


def test_an_evidence_span_iri_with_a_fragment_has_a_page(client: TestClient, store: EmbeddedStore) -> None:
    (row,) = store.query(
        f"PREFIX gaf: <http://groundedannotationframework.org/gaf#> SELECT ?span WHERE {{ <{person(store)}> "
        "gaf:denotedBy ?span } ORDER BY ?span LIMIT 1"
    ).rows()
    assert isinstance(row[0], ox.NamedNode)
    span = row[0].value
    assert "#char=" in span
    path = local(span)
    assert "%23char=" in path and "#" not in path
    response = client.get(f"/id/{path}", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    nif = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    begin, end = (int(str(graph.value(rdflib.URIRef(span), p))) for p in (nif.beginIndex, nif.endIndex))
    quote = str(graph.value(rdflib.URIRef(span), nif.anchorOf))
    assert read_document(SEED).text[begin:end] == quote


# -- negotiation ----------------------------------------------------------------------------------

NEGOTIATION = [
    (BROWSER, "text/html", "html"),
    (None, "text/html", "html"),
    ("*/*", "text/html", "html"),
    ("text/turtle", "text/turtle", "ttl"),
    ("application/x-turtle", "text/turtle", "ttl"),
    ("application/ld+json", "application/ld+json", "jsonld"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/rdf+xml", "application/rdf+xml", "rdf"),
    ("text/html;q=0.5, text/turtle", "text/turtle", "ttl"),
    ("text/turtle;q=0.4, application/ld+json;q=0.9, text/html;q=0.1", "application/ld+json", "jsonld"),
    ("application/n-triples, text/html", "text/html", "html"),
]


@pytest.mark.parametrize(("accept", "media_type", "suffix"), NEGOTIATION)
def test_the_document_follows_accept(
    client: TestClient, store: EmbeddedStore, accept: str | None, media_type: str, suffix: str
) -> None:
    path = local(person(store))
    response = client.get(f"/doc/{path}", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert response.headers["vary"] == "Accept"
    assert response.headers["content-location"] == f"/doc/{path}.{suffix}"


def test_an_accept_naming_no_offered_type_is_406(client: TestClient, store: EmbeddedStore) -> None:
    response = client.get(f"/doc/{local(person(store))}", headers={"Accept": "application/json"})
    assert response.status_code == 406
    body = response.json()
    assert body["ok"] is False and body["status"] == 406
    assert "text/turtle" in body["error"] and "application/ld+json" in body["error"]


@pytest.mark.parametrize(
    ("suffix", "accept", "media_type"),
    [
        ("ttl", BROWSER, "text/turtle"),
        ("jsonld", "text/turtle", "application/ld+json"),
        ("nt", "text/html", "application/n-triples"),
        ("html", "application/ld+json", "text/html"),
    ],
)
def test_a_suffix_overrides_accept(
    client: TestClient, store: EmbeddedStore, suffix: str, accept: str, media_type: str
) -> None:
    response = client.get(f"/doc/{local(person(store))}.{suffix}", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "content-location" not in response.headers
    assert "vary" not in response.headers


# -- the RDF representations ---------------------------------------------------------------------


def store_triples(store: EmbeddedStore, iri: str) -> set[tuple[rdflib.term.Node, ...]]:
    """The triples with ``iri`` as subject, read from the store, as rdflib terms."""
    nt = store.query(f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}").serialize(
        RDF_FORMATS["ntriples"]
    )
    return set(rdflib.Graph().parse(data=nt.decode("utf-8"), format="nt"))


@RDFLIB_JSONLD
@pytest.mark.parametrize("kind", ["person", "place", "obs"])
def test_json_ld_parses_and_holds_the_resources_triples(
    client: TestClient, store: EmbeddedStore, kind: str
) -> None:
    iri = quoted(store, kind)
    response = client.get(f"/doc/{local(iri)}.jsonld")
    json.loads(response.text)  # well-formed JSON first
    graph = rdflib.Graph().parse(data=response.text, format="json-ld")
    expected = store_triples(store, iri)
    assert expected and expected <= set(graph)
    assert {s for s, _, _ in graph} - {rdflib.URIRef(iri)}, "the evidence spans travel with the resource"


@RDFLIB_JSONLD
def test_turtle_json_ld_and_n_triples_say_the_same(client: TestClient, store: EmbeddedStore) -> None:
    path = local(person(store))
    graphs = [
        rdflib.Graph().parse(data=client.get(f"/doc/{path}.{suffix}").text, format=fmt)
        for suffix, fmt in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"), ("rdf", "xml"))
    ]
    assert all(len(g) == len(graphs[0]) > 0 for g in graphs)
    assert all(set(g) == set(graphs[0]) for g in graphs[1:])


def test_the_rdf_carries_each_quoted_span_and_its_offsets(client: TestClient, store: EmbeddedStore) -> None:
    iri = quoted(store, "place")
    graph = rdflib.Graph().parse(data=client.get(f"/doc/{local(iri)}.ttl").text, format="turtle")
    text = read_document(SEED).text
    rows = list(
        graph.query(
            "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
            "PREFIX gaf: <http://groundedannotationframework.org/gaf#> "
            "SELECT ?b ?e ?q WHERE { ?x gaf:denotedBy ?span . ?span nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?q }",
            initBindings={"x": rdflib.URIRef(iri)},
        )
    )
    assert rows
    for b, e, q in rows:  # type: ignore[misc]
        assert text[int(str(b)) : int(str(e))] == str(q)


# -- the HTML page -----------------------------------------------------------------------------------


def test_the_page_shows_what_explain_finds(client: TestClient, store: EmbeddedStore) -> None:
    iri = person(store)
    e = explain(store, iri, base_iri=BASE)
    page = client.get(f"/doc/{local(iri)}.html").text
    assert f'<h1 lang="vi">{e.labels[0]}</h1>' in page
    assert f"Is {e.kind}" in page
    for basis in e.identity:
        assert basis.replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;") in page


def test_a_place_is_titled_by_its_rdfs_label_not_its_bare_name(
    client: TestClient, store: EmbeddedStore
) -> None:
    rows = store.query(
        "SELECT DISTINCT ?place ?label WHERE { ?place a <https://schema.org/AdministrativeArea> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label ; <https://schema.org/name> ?name ; "
        "<http://groundedannotationframework.org/gaf#denotedBy> ?span "
        f"FILTER (?name != ?label && STRSTARTS(STR(?place), '{ID}place/')) }} ORDER BY ?place"
    ).rows()
    assert rows, "no seed place with a label beside its bare name"
    for place, label in rows:
        assert isinstance(place, ox.NamedNode) and isinstance(label, ox.Literal)
        assert f'<h1 lang="vi">{label.value}</h1>' in client.get(f"/doc/{local(place.value)}.html").text


def test_the_page_shows_each_evidence_quote_with_offsets_that_slice_the_article(
    client: TestClient, store: EmbeddedStore
) -> None:
    text = read_document(SEED).text
    for kind in ("person", "place", "org"):
        page = parse_page(client.get(f"/doc/{local(quoted(store, kind))}.html").text)
        assert page.spans, f"no evidence on the {kind} page"
        for article, begin, end, quote, context in page.spans:
            assert article == SEED.name
            assert text[int(begin) : int(end)] == quote
            assert quote in context and context != quote
            assert " ".join(context.strip("…").split()) in " ".join(text.split())


def test_the_quote_is_marked_up_as_vietnamese(client: TestClient, store: EmbeddedStore) -> None:
    e = explain(store, person(store), base_iri=BASE)
    page = client.get(f"/doc/{local(person(store))}.html").text
    assert f'<q lang="vi">{e.evidence[0].quote}</q>' in page


def test_an_article_link_is_named_by_its_file_and_its_text_page_shows_the_text(
    client: TestClient, store: EmbeddedStore
) -> None:
    page = client.get(f"/doc/{local(person(store))}.html").text
    article = first(store, "article")  # the news article; its text is the nif:Context …/text
    assert f'<a href="/id/{local(article)}" title="{article}">{SEED.name}</a>' in page
    context = client.get(f"/doc/{local(article)}/text.html").text
    text = read_document(SEED).text
    assert f"({len(text)} code points)" in context
    shown = re.search(r'<pre lang="vi" class="article-text">(.*?)</pre>', context, re.DOTALL)
    assert shown and html.unescape(shown.group(1)) == text


def test_labels_are_shown_with_their_language(client: TestClient, store: EmbeddedStore) -> None:
    (row,) = store.query(
        "PREFIX antq: <https://w3id.org/antq/ontology#> SELECT DISTINCT ?rank WHERE { ?p antq:rank ?rank }"
    ).rows()
    assert isinstance(row[0], ox.NamedNode)
    labels = store.query(
        f"PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?l WHERE {{ <{row[0].value}> skos:prefLabel ?l }}"
    ).rows()
    langs = {label.language for (label,) in labels if isinstance(label, ox.Literal)}
    assert {"vi", "en"} <= langs
    page = client.get(f"/doc/{local(row[0].value)}.html").text
    for (label,) in labels:
        assert isinstance(label, ox.Literal)
        assert f'<td lang="{label.language}">{label.value}</td><td>{label.language}</td>' in page


def test_a_place_page_shows_the_gazetteer_chain_and_successors(
    client: TestClient, store: EmbeddedStore
) -> None:
    rows = store.query(
        "PREFIX gaf: <http://groundedannotationframework.org/gaf#> SELECT DISTINCT ?p WHERE { ?p gaf:denotedBy ?u "
        f"FILTER (STRSTARTS(STR(?p), '{ID}place/')) }} ORDER BY ?p"
    ).rows()
    shown = 0
    for (place,) in rows:
        assert isinstance(place, ox.NamedNode)
        e = explain(store, place.value, base_iri=BASE)
        page = client.get(f"/doc/{local(place.value)}.html").text
        if e.chain:
            assert " › ".join(e.chain) in page
            shown += 1
        if e.successors:
            assert "; ".join(e.successors) in page
    assert shown, "no seed place with a gazetteer chain"
    nhan_hoa = client.get("/doc/place/c12118-2019.html")  # Nhân Hòa is commune 12118 (pre-2019)
    assert nhan_hoa.status_code == 200 and "(12118)" in nhan_hoa.text


def test_every_local_link_on_a_page_leads_to_another_page(client: TestClient, store: EmbeddedStore) -> None:
    page = parse_page(client.get(f"/doc/{local(person(store))}.html").text)
    ids = sorted({h for h in page.hrefs if h.startswith("/id/")})
    assert len(ids) >= 3  # the posts, the rank, the article
    for href in ids:
        response = client.get(href, follow_redirects=False)
        assert response.status_code == 303, href
        assert client.get(response.headers["location"], headers={"Accept": BROWSER}).status_code == 200, href
    docs = {h for h in page.hrefs if h.startswith("/doc/")}
    assert {h.rsplit(".", 1)[1] for h in docs} >= {"ttl", "jsonld", "nt"}
    assert all(client.get(h).status_code == 200 for h in docs)


def test_a_page_links_the_resources_that_point_at_it(client: TestClient, store: EmbeddedStore) -> None:
    iri = person(store)
    holders = {
        row[0].value
        for row in store.query(f"SELECT DISTINCT ?s WHERE {{ ?s ?p <{iri}> }}").rows()
        if isinstance(row[0], ox.NamedNode)
    }
    assert holders
    hrefs = set(parse_page(client.get(f"/doc/{local(iri)}.html").text).hrefs)
    assert {f"/id/{local(h)}" for h in holders} <= hrefs


# -- the ontology's terms ------------------------------------------------------------------------------

ANTQ = "https://w3id.org/antq/ontology#"


def test_a_property_on_a_page_links_to_its_definition_with_labels_in_vietnamese_and_english(
    client: TestClient, store: EmbeddedStore
) -> None:
    page = client.get(f"/doc/{local(person(store))}.html").text  # its rank statement points to it
    assert f'<a href="/def/person" title="{ANTQ}person">antq:person</a>' in page
    definition = client.get("/def/person", headers={"Accept": BROWSER})
    assert definition.status_code == 200
    labels = {
        (label.value, label.language)
        for (label,) in store.query(
            f"SELECT ?l WHERE {{ <{ANTQ}person> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
        ).rows()
        if isinstance(label, ox.Literal)
    }
    assert {lang for _, lang in labels} == {"vi", "en"}
    for text, lang in labels:
        assert f'<td lang="{lang}">{text}</td>' in definition.text


@RDFLIB_JSONLD
def test_a_definition_is_negotiated_like_any_document(client: TestClient) -> None:
    turtle = client.get("/def/rank", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-location"] == "/def/rank.ttl"
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    assert (rdflib.URIRef(ANTQ + "rank"), rdflib.RDFS.label, rdflib.Literal("rank", lang="en")) in graph
    jsonld = rdflib.Graph().parse(data=client.get("/def/rank.jsonld").text, format="json-ld")
    assert set(jsonld) == set(graph)
    ontology = client.get("/def/", headers={"Accept": "text/turtle"})
    assert (rdflib.URIRef(ANTQ.rstrip("#")), rdflib.RDF.type, rdflib.OWL.Ontology) in rdflib.Graph().parse(
        data=ontology.text, format="turtle"
    )
    missing = client.get("/def/noSuchTerm", headers={"Accept": "application/json"})
    assert (
        missing.status_code == 404
        and missing.json()["error"] == f"no resource <{ANTQ}noSuchTerm> in the store"
    )


def test_serve_get_follows_the_303_like_a_browser(store: EmbeddedStore) -> None:
    """``antq-kg serve --get /id/…`` (:func:`antq_kg.web.serve_once`) prints the page about the IRI."""
    e = explain(store, person(store), base_iri=BASE)
    status, body = serve_once(create_app(store, base_iri=BASE), f"/id/{local(person(store))}")
    assert status == 200 and f'<h1 lang="vi">{e.labels[0]}</h1>' in body
    status, body = serve_once(create_app(store, base_iri=BASE), f"/doc/{local(person(store))}.nt")
    assert status == 200 and body.startswith("<")


# -- not found ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/id/person/nobody",
        "/doc/person/nobody",
        "/doc/person/nobody.ttl",
        "/id/",
        "/id/a%20b",
        "/id/x%3E%20%7D",
    ],
)
def test_an_unknown_iri_is_404_in_the_json_error_shape(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"Accept": "application/json"}, follow_redirects=False)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body == {"ok": False, "error": body["error"], "status": 404}
    assert body["error"].startswith("no resource")


def test_an_unknown_iri_is_404_as_a_page_for_browsers_and_text_for_rdf_clients(client: TestClient) -> None:
    page = client.get("/doc/person/nobody", headers={"Accept": BROWSER})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "<h1>Error 404</h1>" in page.text and f"&lt;{ID}person/nobody&gt;" in page.text
    text = client.get("/id/person/nobody", headers={"Accept": "text/turtle"})
    assert text.status_code == 404
    assert text.headers["content-type"].startswith("text/plain")
    assert text.text == f"no resource <{ID}person/nobody> in the store\n"


# -- the mapping and the query page --------------------------------------------------------------------


def test_every_data_iri_of_the_seed_maps_to_a_path_and_back(store: EmbeddedStore) -> None:
    urls = Urls(BASE)
    iris = [
        row[0].value
        for row in store.query(
            f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER STRSTARTS(STR(?s), '{ID}') }}"
        ).rows()
        if isinstance(row[0], ox.NamedNode)
    ]
    assert len(iris) > 100
    for iri in iris:
        path = urls.id_path(iri)
        assert path is not None and "#" not in path and "?" not in path
        assert urls.iri(unquote(path.removeprefix("/id/"))) == iri


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1))
def test_any_iri_under_the_base_maps_to_a_path_and_back(rest: str) -> None:
    urls = Urls(BASE)
    try:
        iri = urls.iri(rest)
    except NotFound:
        return  # not an IRI (a space, '<', '"'…): no page, and the path says so
    path = urls.id_path(iri)
    assert path is not None
    assert urls.iri(unquote(path.removeprefix("/id/"))) == iri


def test_the_mapping_follows_a_configured_base_iri() -> None:
    store = open_store(None)
    store.load_bytes(
        b'<http://127.0.0.1:8000/id/place/x> <http://www.w3.org/2000/01/rdf-schema#label> "th\xc3\xb4n X"@vi .\n'
        b'<https://w3id.org/antq/id/place/x> <http://www.w3.org/2000/01/rdf-schema#label> "other"@vi .\n',
        RDF_FORMATS["ntriples"],
    )
    with TestClient(create_app(store, base_iri="http://127.0.0.1:8000"), raise_server_exceptions=False) as c:
        response = c.get("/id/place/x", headers={"Accept": "application/n-triples"})
        assert response.status_code == 200
        assert response.text.startswith("<http://127.0.0.1:8000/id/place/x> ")
        assert "other" not in response.text
        assert 'window.ANTQ_ID_PREFIX = "http://127.0.0.1:8000/id/"' in c.get("/").text


def test_the_query_page_tells_its_script_the_data_prefix(client: TestClient) -> None:
    page = client.get("/").text
    assert f'window.ANTQ_ID_PREFIX = "{ID}";' in page
    assert f'window.ANTQ_DEF_PREFIX = "{ANTQ}";' in page


# -- a real linked-data client ------------------------------------------------------------------------


def test_rdflib_dereferences_an_iri_over_http(store: EmbeddedStore) -> None:
    """rdflib, given the local /id/ URL, sends its RDF Accept header, follows the 303 and parses."""
    iri = person(store)
    with serve_in_thread(create_app(store, base_iri=BASE)) as url:
        graph = rdflib.Graph().parse(f"{url}/id/{local(iri)}")
    assert store_triples(store, iri) <= set(graph)

"""Dataset selection over real HTTP (SPARQL 1.1 Protocol §2.1.4, Query §13): ``default-graph-uri``,
``named-graph-uri`` (repeatable, GET and POST) and ``FROM`` / ``FROM NAMED`` pick graphs of the store,
the protocol parameters override the query's dataset, and without either the default graph is the
union of all graphs. Exact answers over the two-graph sample (graph1: four places, graph2: one count)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper
from typer.testing import CliRunner

from antq_kg.cli import app as cli
from antq_kg.web import create_app
from web_support import EX, TRIG, loaded_store_dir, sample_store, serve_in_thread

G1, G2 = f"{EX}graph1", f"{EX}graph2"
SUBJECTS = "SELECT DISTINCT ?s {{ {from} ?s ?p ?o }} ORDER BY ?s"
IN_G1 = [f"{EX}hy", f"{EX}mh", f"{EX}nh", f"{EX}pct"]
IN_G2 = [f"{EX}c1"]
GRAPHS = "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with serve_in_thread(create_app(sample_store(), base_iri="https://w3id.org/antq/")) as base:
        yield f"{base}/sparql"


def values(response: httpx.Response, var: str) -> list[str]:
    assert response.status_code == 200, response.text
    return [b[var]["value"] for b in response.json()["results"]["bindings"]]


def get(endpoint: str, query: str, **params: list[str]) -> httpx.Response:
    pairs = [("query", query)] + [(k.replace("_", "-"), v) for k, vs in params.items() for v in vs]
    return httpx.get(endpoint, params=pairs, headers={"Accept": "application/sparql-results+json"})


def test_without_a_dataset_the_default_graph_is_the_union(endpoint: str) -> None:
    assert values(get(endpoint, SUBJECTS.format(**{"from": ""})), "s") == sorted(IN_G1 + IN_G2)
    assert values(get(endpoint, GRAPHS), "g") == [G1, G2]


def test_default_graph_uri_picks_one_graph(endpoint: str) -> None:
    assert values(get(endpoint, SUBJECTS.format(**{"from": ""}), default_graph_uri=[G2]), "s") == IN_G2
    assert values(get(endpoint, SUBJECTS.format(**{"from": ""}), default_graph_uri=[G1]), "s") == IN_G1


def test_repeated_default_graph_uri_merges_the_graphs(endpoint: str) -> None:
    r = get(endpoint, SUBJECTS.format(**{"from": ""}), default_graph_uri=[G1, G2])
    assert values(r, "s") == sorted(IN_G1 + IN_G2)


def test_named_graph_uri_alone_leaves_the_default_graph_empty(endpoint: str) -> None:
    assert values(get(endpoint, GRAPHS, named_graph_uri=[G2]), "g") == [G2]
    assert values(get(endpoint, SUBJECTS.format(**{"from": ""}), named_graph_uri=[G2]), "s") == []
    assert values(get(endpoint, GRAPHS, named_graph_uri=[G1, G2]), "g") == [G1, G2]


def test_from_and_from_named_in_the_query(endpoint: str) -> None:
    assert (
        values(get(endpoint, SUBJECTS.format(**{"from": ""}).replace("{", f"FROM <{G2}> {{", 1)), "s")
        == IN_G2
    )
    query = f"SELECT DISTINCT ?g FROM NAMED <{G1}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert values(get(endpoint, query), "g") == [G1]
    both = f"SELECT DISTINCT ?s FROM <{G1}> FROM <{G2}> {{ ?s ?p ?o }} ORDER BY ?s"
    assert values(get(endpoint, both), "s") == sorted(IN_G1 + IN_G2)


def test_protocol_parameters_override_the_querys_from(endpoint: str) -> None:
    query = f"SELECT DISTINCT ?s FROM <{G1}> {{ ?s ?p ?o }} ORDER BY ?s"
    assert values(get(endpoint, query, default_graph_uri=[G2]), "s") == IN_G2
    named = f"SELECT DISTINCT ?g FROM NAMED <{G1}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert values(get(endpoint, named, named_graph_uri=[G2]), "g") == [G2]


def test_a_graph_the_store_lacks_is_empty_not_fetched(endpoint: str) -> None:
    assert (
        values(get(endpoint, SUBJECTS.format(**{"from": ""}), default_graph_uri=[f"{EX}nothing"]), "s") == []
    )


def test_post_form_and_post_direct_carry_the_dataset_too(endpoint: str) -> None:
    query = SUBJECTS.format(**{"from": ""})
    form = httpx.post(
        endpoint,
        data={"query": query, "default-graph-uri": [G2]},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert values(form, "s") == IN_G2
    direct = httpx.post(
        endpoint,
        params=[("default-graph-uri", G1), ("default-graph-uri", G2)],
        content=query,
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    assert values(direct, "s") == sorted(IN_G1 + IN_G2)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_default_and_named_graphs(endpoint: str, method: str) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setMethod(method)
    sw.setReturnFormat(JSON)
    sw.setQuery(SUBJECTS.format(**{"from": ""}))
    sw.addDefaultGraph(G2)
    data = sw.query().convert()
    assert isinstance(data, dict)
    assert [b["s"]["value"] for b in data["results"]["bindings"]] == IN_G2
    sw = SPARQLWrapper(endpoint)
    sw.setMethod(method)
    sw.setReturnFormat(JSON)
    sw.setQuery(GRAPHS)
    sw.addNamedGraph(G1)
    data = sw.query().convert()
    assert isinstance(data, dict)
    assert [b["g"]["value"] for b in data["results"]["bindings"]] == [G1]


def test_rdflib_sparqlstore_queries_one_graph_by_its_identifier(endpoint: str) -> None:
    store = SPARQLStore(endpoint, returnFormat="json")
    graph = rdflib.Graph(store=store, identifier=rdflib.URIRef(G2))
    assert sorted(str(s) for s in graph.subjects(unique=True)) == IN_G2
    whole = rdflib.Graph(store=store)
    assert len(list(whole.query("SELECT DISTINCT ?s { ?s ?p ?o }"))) == len(IN_G1 + IN_G2)
    store.close()


def test_the_cli_query_takes_the_same_dataset_options(tmp_path: Path) -> None:
    store = loaded_store_dir(tmp_path, TRIG)
    runner = CliRunner()
    query = SUBJECTS.format(**{"from": ""})
    one = runner.invoke(cli, ["--store", store, "query", "--format", "csv", "--default-graph", G2, query])
    assert one.exit_code == 0, one.output
    assert one.stdout.split() == ["s", *IN_G2]
    named = runner.invoke(cli, ["--store", store, "query", "--format", "csv", "--named-graph", G1, GRAPHS])
    assert named.stdout.split() == ["g", G1]
    from_clause = runner.invoke(
        cli, ["--store", store, "query", "--format", "csv", query.replace("{", f"FROM <{G2}> {{", 1)]
    )
    assert from_clause.stdout.split() == ["s", *IN_G2]

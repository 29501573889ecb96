"""``--store URL``: ``query`` and ``serve`` read a remote SPARQL endpoint (a real Oxigraph server on
127.0.0.1) exactly as they read the local store; errors are one line naming the URL, exit code 2."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

import sparql_servers
from antq_kg.cli import app
from antq_kg.errors import QueryError, RemoteError
from antq_kg.formats import RDF_FORMATS, RESULT_FORMATS
from antq_kg.remote import RemoteStore
from antq_kg.store import EmbeddedStore, open_store
from sparql_servers import SparqlServer
from web_support import TRIG

ROOT = Path(__file__).resolve().parents[2]
LABELS = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s"


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = open_store(tmp_path_factory.mktemp("remote-cli") / "store")
    store.load_bytes(TRIG.encode("utf-8"), RDF_FORMATS["trig"], source="sample.trig")
    yield store
    store.close()


@pytest.fixture(scope="module")
def remote(local: EmbeddedStore) -> Iterator[SparqlServer]:
    with sparql_servers.oxigraph_server() as server:
        with RemoteStore(server.query, graph_store_url=server.graph_store) as target:
            for g in local.graphs():
                target.put_graph(g, local.quads(g))
        yield server


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_query_reads_the_remote_endpoint_as_it_reads_the_local_store(
    local: EmbeddedStore, remote: SparqlServer
) -> None:
    here = run("--store", str(local.path), "query", LABELS, "--format", "csv")
    there = run("--store", remote.query, "query", LABELS, "--format", "csv")
    assert here == there
    assert "tỉnh Hưng Yên" in there[1]


def test_serve_fronts_the_remote_endpoint_with_the_same_pages(remote: SparqlServer) -> None:
    code, body, _ = run(
        "--store",
        remote.query,
        "serve",
        "--get",
        "/sparql?query=" + httpx.QueryParams({"q": "ASK { ?s ?p 161 }"})["q"],
    )
    assert code == 0 and '"boolean":true' in body.replace(" ", "")
    code, page, _ = run("--store", remote.query, "serve", "--get", "/")
    assert code == 0 and "<html" in page.lower()


def test_serve_keeps_its_safety_rules_in_front_of_a_remote_endpoint(remote: SparqlServer) -> None:
    service = "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    code, body, _ = run(
        "--store", remote.query, "serve", "--get", f"/sparql?query={httpx.QueryParams({'q': service})['q']}"
    )
    assert code == 2 and "is not allowed here" in body


def test_write_commands_refuse_a_remote_store(remote: SparqlServer, tmp_path: Path) -> None:
    code, _, err = run("--store", remote.query, "load", str(tmp_path / "x.ttl"))
    assert code == 2
    assert err == (
        f"Error: --store {remote.query}: this command writes to a local store; build or load into a "
        "directory, then copy it with `antq-kg push --to URL`\n"
    )


def test_errors_are_one_line_naming_the_url() -> None:
    url = f"http://127.0.0.1:{sparql_servers.free_port()}/sparql"
    assert run("--store", url, "query", "ASK {}") == (
        2,
        "",
        f"Error: {url}: endpoint unreachable (connection refused)\n",
    )


def test_a_malformed_query_is_the_servers_one_line_answer(remote: SparqlServer) -> None:
    code, _, err = run("--store", remote.query, "query", "SELEC * { ?s ?p ?o }")
    assert code == 2
    assert err.startswith(f"Error: {remote.query}: rejected by the server (HTTP 400): ")
    assert err.count("\n") == 1


def test_the_answer_streams_the_negotiated_format_or_converts_it(remote: SparqlServer) -> None:
    with RemoteStore(remote.query) as store:
        with store.answer(LABELS, results=RESULT_FORMATS["tsv"]) as streamed:
            assert (streamed.kind, streamed.format.name) == ("solutions", "tsv")
            tsv = b"".join(streamed.chunks).decode()
        assert tsv.splitlines()[0] == "?s\t?label" and '"tỉnh Hưng Yên"@vi' in tsv
        with store.answer("ASK { ?s ?p 161 }", results=RESULT_FORMATS["xml"]) as asked:
            assert asked.kind == "boolean" and b"<boolean>true</boolean>" in b"".join(asked.chunks)
        with store.answer(
            "CONSTRUCT WHERE { ?s <http://example.org/code> ?o }", graph=RDF_FORMATS["jsonld"]
        ) as graph:
            assert graph.format.name == "jsonld" and b'"33"' in b"".join(graph.chunks)
        with (
            pytest.raises(QueryError, match="is not allowed here"),
            store.answer("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"),
        ):
            pass
    with pytest.raises(RemoteError, match="not found"), RemoteStore(remote.query + "-nope").answer(LABELS):
        pass

"""Writes over real HTTP: SPARQL Update at ``/update`` and the Graph Store Protocol at ``/store`` exist
only with a write token, take only requests bearing it, each change atomic and seen by every query
after it; never on the query URL, never cross-origin. And ``--no-text``: spans without full texts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from typer.testing import CliRunner

from antq_kg.cli import app as cli
from antq_kg.formats import RDF_FORMATS
from antq_kg.store import EmbeddedStore, open_store
from antq_kg.web import create_app
from web_support import EX, TRIG, loaded_store_dir, sample_store, serve_in_thread

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
JSON_RESULTS = {"Accept": "application/sparql-results+json"}
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ARTICLE = f"""<{EX}article1> {{
  <{EX}text1> <{NIF}isString> "Công an tỉnh Hưng Yên tổ chức hội nghị." .
  <{EX}span1> <{NIF}anchorOf> "Công an tỉnh Hưng Yên" ; <{NIF}beginIndex> 0 ; <{NIF}endIndex> 21 ;
    <{NIF}referenceContext> <{EX}text1> .
}}"""


def ask(base: str, query: str) -> bool:
    r = httpx.get(f"{base}/sparql", params={"query": query}, headers=JSON_RESULTS)
    assert r.status_code == 200, r.text
    return bool(r.json()["boolean"])


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve_in_thread(
        create_app(sample_store(), base_iri="https://w3id.org/antq/", write_token=TOKEN)
    ) as url:
        yield url


def test_without_a_token_there_are_no_write_routes() -> None:
    with serve_in_thread(create_app(sample_store(), base_iri="https://w3id.org/antq/")) as url:
        r = httpx.post(
            f"{url}/update",
            content="CLEAR ALL",
            headers={**AUTH, "Content-Type": "application/sparql-update"},
        )
        assert r.status_code == 404
        assert httpx.put(f"{url}/store?default", content="", headers=AUTH).status_code in (404, 405)
        assert ask(url, "ASK { ?s ?p ?o }")


def test_an_update_needs_the_bearer_token(base: str) -> None:
    update = f'INSERT DATA {{ GRAPH <{EX}g9> {{ <{EX}x> <{EX}p> "y" }} }}'
    headers = {"Content-Type": "application/sparql-update"}
    missing = httpx.post(f"{base}/update", content=update, headers=headers)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert (
        missing.text
        == "writing needs 'Authorization: Bearer <token>' (the token given to serve --write-token)\n"
    )
    wrong = httpx.post(f"{base}/update", content=update, headers={**headers, "Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and wrong.text == "wrong write token\n"
    assert not ask(base, f"ASK {{ <{EX}x> ?p ?o }}")
    ok = httpx.post(f"{base}/update", content=update, headers={**headers, **AUTH})
    assert ok.status_code == 204
    assert ask(base, f'ASK {{ <{EX}x> <{EX}p> "y" }}')  # the next query sees it


def test_an_update_is_all_or_nothing(base: str) -> None:
    update = (
        f"INSERT DATA {{ GRAPH <{EX}g8> {{ <{EX}half> <{EX}p> 1 }} }} ;\n"
        f"DROP GRAPH <{EX}no-such-graph>"
    )  # the second operation fails
    r = httpx.post(
        f"{base}/update", content=update, headers={**AUTH, "Content-Type": "application/sparql-update"}
    )
    assert r.status_code in (400, 503)
    assert not ask(base, f"ASK {{ <{EX}half> ?p ?o }}")
    bad = httpx.post(
        f"{base}/update",
        content="INSERT DATA { <a> }",
        headers={**AUTH, "Content-Type": "application/sparql-update"},
    )
    assert bad.status_code == 400 and bad.text.startswith("SPARQL syntax error at line 1, column ")


def test_the_query_url_refuses_updates_even_with_the_token(base: str) -> None:
    r = httpx.post(
        f"{base}/sparql", content="CLEAR ALL", headers={**AUTH, "Content-Type": "application/sparql-update"}
    )
    assert r.status_code == 403
    assert ask(base, "ASK { ?s ?p ?o }")


def test_writes_are_never_cross_origin(base: str) -> None:
    preflight = httpx.options(
        f"{base}/update",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert preflight.status_code == 403
    assert "access-control-allow-origin" not in preflight.headers
    r = httpx.post(
        f"{base}/update",
        content="CLEAR ALL",
        headers={**AUTH, "Origin": "https://evil.example", "Content-Type": "application/sparql-update"},
    )
    assert r.status_code == 403 and r.text == "cross-origin writes are refused\n"
    assert "access-control-allow-origin" not in r.headers
    assert ask(base, "ASK { ?s ?p ?o }")


def test_the_graph_store_protocol_puts_gets_posts_and_deletes(base: str) -> None:
    graph = f"{EX}gsp"
    ttl = {"Content-Type": "text/turtle"}
    put = httpx.put(
        f"{base}/store",
        params={"graph": graph},
        headers={**AUTH, **ttl},
        content=f'<{EX}a> <{EX}p> "một" .'.encode(),
    )
    assert put.status_code == 204
    post = httpx.post(
        f"{base}/store",
        params={"graph": graph},
        headers={**AUTH, **ttl},
        content=f'<{EX}a> <{EX}p> "hai" .'.encode(),
    )
    assert post.status_code == 204
    got = httpx.get(
        f"{base}/store", params={"graph": graph}, headers={**AUTH, "Accept": "application/n-triples"}
    )
    assert got.status_code == 200
    assert {str(o) for o in rdflib.Graph().parse(data=got.text, format="nt").objects()} == {"một", "hai"}
    replaced = httpx.put(
        f"{base}/store",
        params={"graph": graph},
        headers={**AUTH, **ttl},
        content=f'<{EX}a> <{EX}p> "ba" .'.encode(),
    )
    assert replaced.status_code == 204
    rows = httpx.get(
        f"{base}/sparql",
        headers=JSON_RESULTS,
        params={"query": f"SELECT ?o {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"},
    ).json()["results"]["bindings"]
    assert [b["o"]["value"] for b in rows] == ["ba"]
    assert httpx.delete(f"{base}/store", params={"graph": graph}, headers=AUTH).status_code == 204
    assert not ask(base, f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert httpx.delete(f"{base}/store", params={"graph": graph}, headers=AUTH).status_code == 404
    assert httpx.get(f"{base}/store", params={"graph": graph}).status_code == 401


def test_a_write_to_a_store_directory_persists_and_readers_move_on(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with open_store(path) as store:
        store.load_bytes(TRIG.encode(), RDF_FORMATS["trig"])
    served = EmbeddedStore(path, read_only=True)
    with serve_in_thread(create_app(served, base_iri="https://w3id.org/antq/", write_token=TOKEN)) as url:
        r = httpx.post(
            f"{url}/update",
            headers={**AUTH, "Content-Type": "application/sparql-update"},
            content=f'INSERT DATA {{ GRAPH <{EX}new> {{ <{EX}n> <{EX}p> "mới" }} }}',
        )
        assert r.status_code == 204
        assert ask(url, f'ASK {{ <{EX}n> <{EX}p> "mới" }}')
    served.close()
    with open_store(path, read_only=True) as again:
        assert f"{EX}new" in again.graphs()


# -- publishing without the full texts ------------------------------------------------------------------


def test_serve_no_text_keeps_spans_and_quotes_but_not_the_text() -> None:
    store = sample_store()
    store.load_bytes(ARTICLE.encode(), RDF_FORMATS["trig"])
    with serve_in_thread(create_app(store, base_iri="https://w3id.org/antq/", no_text=True)) as url:
        assert not ask(url, f"ASK {{ ?s <{NIF}isString> ?text }}")
        assert ask(
            url, f'ASK {{ <{EX}span1> <{NIF}anchorOf> "Công an tỉnh Hưng Yên" ; <{NIF}beginIndex> 0 }}'
        )
        assert ask(url, f"ASK {{ <{EX}hy> ?p ?o }}")
    assert store.query(f"ASK {{ ?s <{NIF}isString> ?text }}").boolean  # the source keeps its texts


def test_export_no_text(tmp_path: Path) -> None:
    store = loaded_store_dir(tmp_path, ARTICLE)
    runner = CliRunner()
    out = tmp_path / "out.nq"
    result = runner.invoke(cli, ["--store", store, "export", "--no-text", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "isString" not in text and "Công an tỉnh Hưng Yên tổ chức" not in text
    assert f'<{EX}span1> <{NIF}anchorOf> "Công an tỉnh Hưng Yên"' in text


# -- a build writing while serve reads ------------------------------------------------------------------


def test_serve_moves_to_a_generation_a_build_committed(tmp_path: Path) -> None:
    import time

    path = tmp_path / "store"
    with open_store(path) as store:
        store.load_bytes(TRIG.encode(), RDF_FORMATS["trig"])
    served = EmbeddedStore(path, read_only=True)
    with serve_in_thread(create_app(served, base_iri="https://w3id.org/antq/")) as url:
        assert not ask(url, f"ASK {{ <{EX}built> ?p ?o }}")
        with open_store(path) as build:  # another writer, as `antq-kg build` would be
            build.load_bytes(f'<{EX}graph9> {{ <{EX}built> <{EX}p> "mới" }}'.encode(), RDF_FORMATS["trig"])
        deadline = time.monotonic() + 15
        while not ask(url, f"ASK {{ <{EX}built> ?p ?o }}"):  # every answer is one generation or the other
            assert ask(url, f"ASK {{ <{EX}hy> ?p ?o }}")
            assert time.monotonic() < deadline
            time.sleep(0.1)
    served.close()

"""Every write of the endpoint keeps the corpus graph right, in its own transaction, over real HTTP: a Graph
Store PUT, POST or DELETE of an article graph chooses again the preferred labels of what it names, a SPARQL
Update has every label chosen again, and the corpus graph itself is never written from outside."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

import sparql_servers
from antq_kg.gazetteer import Gazetteer
from antq_kg.pipeline import build
from antq_kg.remote import RemoteStore
from antq_kg.store import EmbeddedStore, open_store
from antq_kg.validate import validate_store
from antq_kg.web import create_app
from labels_support import (
    BOARD_LOWER,
    BOARD_UPPER,
    CORPUS,
    LOWER,
    ORG,
    RDFS,
    SKOS,
    UPPER,
    article,
    cli,
    corpus_graph,
    pref_of,
    preferred,
    two_spellings,
)
from web_support import serve_in_thread

TOKEN = "labels-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
GRAPH = "https://w3id.org/antq/id/graph/"


@dataclass
class Served:
    url: str
    store: Path
    articles: Path
    tmp: Path


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture
def served(tmp_path: Path, gazetteer: Gazetteer) -> Iterator[Served]:
    """Articles a ("Toàn dân", the earlier) and b ("toàn dân") built into a store served with writes."""
    folder = two_spellings(tmp_path / "in")
    path = tmp_path / "store"
    with open_store(path) as s:
        build([folder], store=s, gazetteer=gazetteer, reference=False)
    reader = EmbeddedStore(path, read_only=True)
    with serve_in_thread(create_app(reader, base_iri="https://w3id.org/antq/", write_token=TOKEN)) as url:
        yield Served(url, path, folder, tmp_path)
    reader.close()


def built_graphs(s: Served, name: str) -> dict[str, bytes]:
    """Article ``name`` built on its own (``build -o``): each of its graphs as N-Triples."""
    out = s.tmp / f"{name}.nq"
    cli("--store", s.tmp / "unused", "build", "--no-reference", s.articles / f"{name}.txt", "-o", out)
    graphs: dict[str, list[ox.Triple]] = {}
    for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS):
        assert isinstance(q.graph_name, ox.NamedNode)
        graphs.setdefault(q.graph_name.value, []).append(q.triple)
    return {g: ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES) or b"" for g, ts in graphs.items()}


def send(s: Served, method: str, graph: str, body: bytes = b"") -> httpx.Response:
    headers = {**AUTH, "Content-Type": "application/n-triples"}
    return httpx.request(method, f"{s.url}/store", params={"graph": graph}, content=body, headers=headers)


def update(s: Served, text: str) -> None:
    r = httpx.post(
        f"{s.url}/update", content=text, headers={**AUTH, "Content-Type": "application/sparql-update"}
    )
    assert r.status_code == 204, r.text


def corpus_of(s: Served, gazetteer: Gazetteer, names: list[str]) -> list[str]:
    """The corpus graph a build of the articles ``names`` (as their files are now) states."""
    with open_store(s.tmp / f"built-{'-'.join(names)}") as built:
        build([s.articles / f"{n}.txt" for n in names], store=built, gazetteer=gazetteer, reference=False)
        return corpus_graph(built)


def stored(s: Served) -> EmbeddedStore:
    return open_store(s.store, read_only=True)


def test_graph_store_writes_of_article_graphs_choose_the_labels_again(
    served: Served, gazetteer: Gazetteer
) -> None:
    s = served
    with stored(s) as st:
        assert pref_of(st, BOARD_LOWER) == BOARD_UPPER  # one article each: the earlier
    article(s.articles, "c", LOWER, "2024-05-01", village="Nam")
    for graph, body in built_graphs(s, "c").items():  # POST c's graphs (its corpus graph is refused below)
        assert send(s, "POST", graph, body).status_code == (405 if graph == CORPUS else 204)
    with stored(s) as st:
        assert pref_of(st, BOARD_UPPER) == BOARD_LOWER  # two against one
        assert corpus_graph(st) == corpus_of(s, gazetteer, ["a", "b", "c"])
        assert validate_store(st).conforms
    article(s.articles, "b", UPPER, "2024-04-09", village="Tây")  # b now spells it like a
    assert send(s, "PUT", f"{GRAPH}b", built_graphs(s, "b")[f"{GRAPH}b"]).status_code == 204
    with stored(s) as st:
        assert pref_of(st, BOARD_LOWER) == BOARD_UPPER
        assert corpus_graph(st) == corpus_of(s, gazetteer, ["a", "b", "c"])
    assert send(s, "DELETE", f"{GRAPH}a").status_code == 204
    with stored(s) as st:  # b against c: the earlier, b
        assert pref_of(st, BOARD_LOWER) == BOARD_UPPER
        derived = {q.object.value for q in st.quads(CORPUS) if q.predicate.value.endswith("wasDerivedFrom")}
        assert derived == {f"{GRAPH}b", f"{GRAPH}c"}
    (s.articles / "a.txt").unlink()
    with stored(s) as st:
        assert corpus_graph(st) == corpus_of(s, gazetteer, ["b", "c"])


def test_the_corpus_graph_is_not_written_through_the_graph_store(served: Served) -> None:
    with stored(served) as st:
        before = corpus_graph(st)
    (org,) = {e for e, labels in preferred_of(served).items() if BOARD_UPPER in labels}
    body = f'<{org}> <{SKOS}prefLabel> "Ban khác"@vi .\n'.encode()
    for method in ("PUT", "POST", "DELETE"):
        r = send(served, method, CORPUS, body if method != "DELETE" else b"")
        assert r.status_code == 405, (method, r.text)
        assert r.headers["allow"] == "GET"
        assert "corpus graph" in r.text and "article graphs" in r.text
    got = httpx.get(
        f"{served.url}/store", params={"graph": CORPUS}, headers={**AUTH, "Accept": "application/n-triples"}
    )
    assert got.status_code == 200 and BOARD_UPPER in got.text
    with stored(served) as st:
        assert corpus_graph(st) == before


def preferred_of(s: Served) -> dict[str, list[str]]:
    with stored(s) as st:
        return preferred(st)


def test_a_sparql_update_has_every_label_chosen_again_in_its_transaction(
    served: Served, gazetteer: Gazetteer
) -> None:
    s = served
    # a writes the board as b does: one spelling left
    update(
        s,
        f"DELETE {{ GRAPH ?g {{ ?o <{RDFS}label> ?l }} }} INSERT {{ GRAPH ?g {{ ?o <{RDFS}label> ?new }} }} "
        f'WHERE {{ GRAPH ?g {{ ?o a <{ORG}> ; <{RDFS}label> ?l FILTER (?l = "{BOARD_UPPER}"@vi) }} '
        f'BIND (STRLANG("{BOARD_LOWER}", "vi") AS ?new) }}',
    )
    with stored(s) as st:
        assert pref_of(st, BOARD_LOWER) == BOARD_LOWER
        assert validate_store(st).conforms
    # a second opinion written into the corpus graph does not survive the update that wrote it
    (org,) = {e for e, labels in preferred_of(s).items() if labels == [BOARD_LOWER]}
    update(s, f'INSERT DATA {{ GRAPH <{CORPUS}> {{ <{org}> <{SKOS}prefLabel> "Ban khác"@vi }} }}')
    with stored(s) as st:
        assert preferred(st)[org] == [BOARD_LOWER]
    update(s, f"DROP GRAPH <{GRAPH}a> ; DROP GRAPH <{GRAPH}b>")
    with stored(s) as st:
        assert CORPUS not in st.graphs()  # nothing left to label


def test_writes_through_to_a_remote_store_keep_its_labels_by_queries_and_updates(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    """``serve --store URL --write-token``: the same refresh runs through the store protocol (each request
    atomic on the server, not the whole write)."""
    folder = two_spellings(tmp_path / "in")
    article(folder, "c", LOWER, "2024-05-01", village="Nam")
    with open_store(tmp_path / "all") as both:
        build([folder], store=both, gazetteer=gazetteer, reference=False)
        expected = corpus_graph(both)
    s = Served("", tmp_path / "unused-store", folder, tmp_path)
    with (
        sparql_servers.oxigraph_server() as server,
        RemoteStore(server.query, update_url=server.update) as remote,
        serve_in_thread(create_app(remote, base_iri="https://w3id.org/antq/", write_token=TOKEN)) as url,
    ):
        s.url = url
        for name in ("a", "b", "c"):
            for graph, body in built_graphs(s, name).items():
                if graph != CORPUS:
                    assert send(s, "POST", graph, body).status_code == 204
        assert sorted(map(str, remote.quads(CORPUS))) == expected
        update(s, f"DROP GRAPH <{GRAPH}c>")
        assert pref_of(remote, BOARD_LOWER) == BOARD_UPPER  # type: ignore[arg-type]

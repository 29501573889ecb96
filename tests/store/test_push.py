"""``push``: the local store copied into a real SPARQL server graph by graph, by either write protocol,
resumed after an interruption, with nothing sent again for graphs the target already holds.

The store: the seed article and the held-out articles (one graph each, plus the build run's graph)
and the ontology graph, whose OWL axioms hold blank nodes. Each module-scoped server starts empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sparql_servers
from antq_kg.cli import app
from antq_kg.errors import RemoteError
from antq_kg.formats import RDF_FORMATS
from antq_kg.gazetteer import Gazetteer
from antq_kg.graph import ONTOLOGY_GRAPH
from antq_kg.pipeline import build
from antq_kg.push import PushJournal, graph_ntriples, push
from antq_kg.reference import load_reference_graphs
from antq_kg.remote import PasswordAuth, RemoteStore
from antq_kg.store import EmbeddedStore, Store, open_store
from sparql_servers import SparqlServer

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = str(ONTOLOGY_GRAPH)
CORPUS = "https://w3id.org/antq/id/graph/corpus"


@pytest.fixture(scope="module")
def local(
    tmp_path_factory: pytest.TempPathFactory, seed_path: Path, gazetteer: Gazetteer
) -> Iterator[EmbeddedStore]:
    store = open_store(tmp_path_factory.mktemp("push") / "store")
    result = build(
        [seed_path, ROOT / "tests" / "data" / "heldout" / "articles"],
        gazetteer=gazetteer,
        store=store,
        reference=False,
    )
    assert result.ok and len(result.articles) >= 8
    load_reference_graphs(store, base_iri="https://w3id.org/antq/", gazetteer=None)
    assert ONTOLOGY in store.graphs()
    yield store
    store.close()


@pytest.fixture(scope="module")
def oxigraph() -> Iterator[SparqlServer]:
    with sparql_servers.oxigraph_server() as server:
        yield server


@pytest.fixture(scope="module")
def virtuoso() -> Iterator[SparqlServer]:
    if reason := sparql_servers.virtuoso_missing():
        pytest.skip(reason)
    with sparql_servers.virtuoso_server() as server:
        yield server


def targets(server: SparqlServer) -> dict[str, RemoteStore]:
    """Every way to write to ``server``: Graph Store and Update, anonymous and (Virtuoso) with a password."""
    out = {
        "graph-store": RemoteStore(server.query, graph_store_url=server.graph_store),
        "update": RemoteStore(server.query, update_url=server.update, update_batch=300),
    }
    if server.user and server.password:
        auth = PasswordAuth(server.user, server.password)
        out["graph-store-auth"] = RemoteStore(
            server.query, graph_store_url=server.graph_store_auth, auth=auth
        )
        out["update-auth"] = RemoteStore(
            server.query, update_url=server.update_auth, auth=auth, update_batch=300
        )
    return out


def sent(local: Store) -> list[str]:
    """The graphs a push sends: all but the corpus graph, which is chosen again on the target."""
    return [g for g in local.graphs() if g != CORPUS]


def sent_triples(local: Store) -> int:
    return len(local) - len(list(local.quads(CORPUS)))


def holds_the_same(target: Store, local: Store) -> None:
    """Every graph of ``local`` on the target, triple for triple (blank-node graphs: shape for shape)."""
    assert target.graphs() == local.graphs()
    for g in local.graphs():
        mine = graph_ntriples(local, g)
        if b"_:" in mine:  # blank node labels are the server's own
            shape = f"""SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?b) AS ?nodes)
                        WHERE {{ GRAPH <{g}> {{ ?b ?p ?o FILTER isBlank(?b) }} }}"""
            assert target.query(shape).table() == local.query(shape).table()
            assert len(list(target.quads(g))) == mine.count(b"\n")
        else:  # each server writes N-Triples its own way (Virtuoso: tabs, \u escapes): compare the triples
            assert {str(q.triple) for q in target.quads(g)} == {str(q.triple) for q in local.quads(g)}, g


@pytest.mark.parametrize("server_name", ["oxigraph", "virtuoso"])
def test_push_by_every_protocol_copies_every_graph_and_a_repush_sends_nothing(
    server_name: str, local: EmbeddedStore, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    server: SparqlServer = request.getfixturevalue(server_name)
    for how, target in targets(server).items():
        target.clear()
        assert target.graphs() == [], how
        journal = PushJournal(tmp_path / f"{how}.json", target=target.url)
        first = push(local, target, journal=journal)
        assert (sorted(first.sent), first.skipped, first.triples) == (sent(local), [], sent_triples(local)), (
            how
        )
        assert first.union_default_graph is True
        holds_the_same(target, local)
        again = push(local, target, journal=PushJournal(journal.path, target=target.url))
        assert (again.sent, again.requests, len(again.skipped), again.relabelled) == (
            [],
            0,
            len(sent(local)),
            0,
        ), how
        target.close()


class Interrupted(Exception):
    """Stands for the kill of a push (Ctrl-C, a lost connection) after some requests."""


class StopsAfter(RemoteStore):
    def __init__(self, *args: object, requests: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.left = requests

    def send_batch(self, graph: str | None, ntriples: bytes, *, replace: bool) -> None:
        if self.left == 0:
            raise Interrupted
        self.left -= 1
        super().send_batch(graph, ntriples, replace=replace)


@pytest.mark.parametrize("server_name", ["oxigraph", "virtuoso"])
def test_an_interrupted_push_resumes_where_it_stopped(
    server_name: str, local: EmbeddedStore, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    server: SparqlServer = request.getfixturevalue(server_name)
    RemoteStore(server.query, update_url=server.update).clear()
    journal_path = tmp_path / "journal.json"
    # batches of 100 triples: the ontology (~1,400 triples) and the larger articles take several requests
    cut = StopsAfter(server.query, update_url=server.update, update_batch=100, requests=12)
    with pytest.raises(Interrupted):
        push(local, cut, journal=PushJournal(journal_path, target=server.query))
    finished = set(PushJournal(journal_path, target=server.query).graphs)
    assert 0 < len(finished) < len(local.graphs())

    target = RemoteStore(server.query, update_url=server.update, update_batch=100)
    resumed = push(local, target, journal=PushJournal(journal_path, target=server.query))
    assert set(resumed.skipped) == finished
    assert set(resumed.sent) == set(sent(local)) - finished
    holds_the_same(target, local)

    # a graph that went missing on the target since (dropped by someone) is sent again, and only it
    article = next(g for g in local.graphs() if "/graph/" in g and g != ONTOLOGY)
    target.drop_graphs([article], default=False)
    mended = push(local, target, journal=PushJournal(journal_path, target=server.query))
    assert mended.sent == [article]
    holds_the_same(target, local)


def test_push_command_prints_progress_and_a_summary_then_resumes_with_nothing_to_send(
    local: EmbeddedStore, oxigraph: SparqlServer
) -> None:
    RemoteStore(oxigraph.query, graph_store_url=oxigraph.graph_store).clear()
    runner = CliRunner()
    args = ["--store", str(local.path), "push", "--to", oxigraph.query, "--graph-store", oxigraph.graph_store]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    lines = first.stderr.splitlines()
    graphs, triples = len(sent(local)), sent_triples(local)
    assert lines[-2].startswith(f"push: {graphs}/{graphs} graphs, {triples}/{triples} triples (100%)")
    assert lines[-1].startswith(f"Pushed {graphs} graph(s), {triples} triples in ")
    assert lines[-1].endswith(f"→ {oxigraph.query}")
    assert list((local.path / "push").glob("127.0.0.1_*.json"))  # type: ignore[operator]
    again = runner.invoke(app, [*args, "--quiet"])
    assert again.exit_code == 0
    assert again.stderr.startswith(
        f"Pushed 0 graph(s), 0 triples in 0 request(s), {len(sent(local))} unchanged"
    )


def test_push_command_errors_are_one_line_naming_the_url(
    local: EmbeddedStore, virtuoso: SparqlServer
) -> None:
    runner = CliRunner()
    base = ["--store", str(local.path), "push", "--to", virtuoso.query]
    wrong = runner.invoke(
        app,
        [
            *base,
            "--graph-store",
            str(virtuoso.graph_store_auth),
            "--user",
            "dba",
            "--password",
            "not-the-password",
        ],
    )
    assert (wrong.exit_code, wrong.stderr) == (
        2,
        f"Error: {virtuoso.graph_store_auth}: not authorised (HTTP 401): check --user/--password or --token\n",
    )
    port = sparql_servers.free_port()
    down = runner.invoke(app, ["--store", str(local.path), "push", "--to", f"http://127.0.0.1:{port}/sparql"])
    assert (down.exit_code, down.stderr) == (
        2,
        f"Error: http://127.0.0.1:{port}/sparql: endpoint unreachable (connection refused)\n",
    )
    mixed = runner.invoke(app, [*base, "--user", "dba", "--token", "t"])
    assert (mixed.exit_code, mixed.stderr) == (
        2,
        "Error: give either --user/--password or --token, not both\n",
    )
    not_url = runner.invoke(app, ["--store", str(local.path), "push", "--to", "127.0.0.1:8890/sparql"])
    assert not_url.exit_code == 2 and "not an http(s) URL" in not_url.stderr


def test_a_server_without_union_default_graph_is_named_after_the_push(
    local: EmbeddedStore, tmp_path: Path
) -> None:
    with sparql_servers.oxigraph_server(union_default_graph=False) as server:
        target = RemoteStore(server.query, graph_store_url=server.graph_store)
        summary = push(local, target)
        assert summary.union_default_graph is False
        assert sorted(summary.sent) == sent(local)
        # the corpus graph, chosen on the target by queries that name their graphs, is the local one
        assert {str(q.triple) for q in target.quads(CORPUS)} == {str(q.triple) for q in local.quads(CORPUS)}


def test_a_remote_store_writes_reads_and_dumps_like_the_embedded_one(oxigraph: SparqlServer) -> None:
    target = RemoteStore(oxigraph.query, update_url=oxigraph.update)
    target.clear()
    data = (
        '<http://e/a> <http://e/p> "Hòa"@vi <http://e/g1> .\n'
        '<http://e/a> <http://e/q> _:x <http://e/g1> .\n_:x <http://e/r> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://e/g1> .\n'
        '<http://e/b> <http://e/p> "b" <http://e/g2> .\n'
    ).encode()
    assert target.load_bytes(data, RDF_FORMATS["nquads"], source="d.nq") == 4
    assert (target.graphs(), len(target)) == (["http://e/g1", "http://e/g2"], 4)
    assert target.query("SELECT ?v { <http://e/a> <http://e/q>/<http://e/r> ?v }").table() == (["v"], [["1"]])
    target.load_bytes(b'<http://e/c> <http://e/p> "c" <http://e/g2> .', RDF_FORMATS["nquads"], replace=True)
    assert [str(q.object) for q in target.quads("http://e/g2")] == ['"c"']
    dumped = open_store(None)
    dumped.load_bytes(target.dump(RDF_FORMATS["nquads"]), RDF_FORMATS["nquads"])
    assert (dumped.graphs(), len(dumped)) == (["http://e/g1", "http://e/g2"], 4)
    target.drop_graphs(["http://e/g1"])
    assert target.graphs() == ["http://e/g2"]
    with pytest.raises(RemoteError, match=r"^http://127\.0\.0\.1:\d+/nope: not found \(HTTP 404\)"):
        RemoteStore(oxigraph.query.replace("/query", "/nope")).graphs()


def test_two_stores_pushed_into_one_server_give_it_the_labels_a_build_of_both_gives(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    from labels_support import (
        BOARD_LOWER,
        BOARD_UPPER,
        CORPUS,
        LOWER,
        article,
        corpus_graph,
        pref_of,
        two_spellings,
    )

    folder = two_spellings(tmp_path / "in")  # a: "Toàn dân" (the earlier), b: "toàn dân"
    article(folder, "c", LOWER, "2024-05-01", village="Nam")
    with open_store(tmp_path / "all") as both:
        build([folder], store=both, gazetteer=gazetteer, reference=False)
        expected = corpus_graph(both)
    with sparql_servers.oxigraph_server() as server:
        for name, files, via in (("a", ["a"], "graph-store"), ("bc", ["b", "c"], "update")):
            with open_store(tmp_path / name) as s:
                build([folder / f"{f}.txt" for f in files], store=s, gazetteer=gazetteer, reference=False)
                assert pref_of(s, BOARD_LOWER) == (BOARD_UPPER if name == "a" else BOARD_LOWER)
                with targets(server)[via] as target:
                    push(s, target)
        with RemoteStore(server.query, graph_store_url=server.graph_store) as target:
            assert sorted(map(str, target.quads(CORPUS))) == expected
            # the one preferred label over the three articles, whichever store was pushed last
            assert pref_of(target, BOARD_UPPER) == BOARD_LOWER  # type: ignore[arg-type]
            with open_store(tmp_path / "a") as s:
                again = push(s, target)  # no journal: a's graphs go again, the labels stay those of all three
                assert (again.sent, again.relabelled) == (sent(s), 0)

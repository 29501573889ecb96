"""One contract for every store: the embedded store, and the same graph pushed to an Oxigraph server and
to Virtuoso, read back through :class:`antq_kg.remote.RemoteStore`, give the same answers.

The graph is the seed build (``antq-kg build data/articles/hung-yen-antq.txt``: the article, its build
run, the ontology and the gazetteer, ~200k quads), pushed once per server: to Oxigraph through its Graph Store, to
Virtuoso through its authenticated Graph Store (HTTP Digest). Every competency query of ``queries/``
must give the embedded store's rows, in its order. Terms are compared as RDF 1.1 reads them:
numbers by value (``"7"^^xsd:nonNegativeInteger`` and ``"7"^^xsd:integer`` are both 7 — a server may
give a different numeric type to an aggregate), a simple literal and an ``xsd:string`` alike, language
tags without case (RDF 1.1 §3.3; Oxigraph and Virtuoso both write them in lower case), blank nodes as
blank nodes (labels are the server's own).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from antq_kg.errors import QueryError
from antq_kg.gazetteer import Gazetteer
from antq_kg.iris import corpus_graph_iri
from antq_kg.pipeline import build
from antq_kg.push import PushJournal, push
from antq_kg.remote import PasswordAuth, RemoteStore
from antq_kg.store import EmbeddedStore, Store, open_store
from sparql_servers import SparqlServer

ROOT = Path(__file__).resolve().parents[2]
QUERIES = sorted(p.name for p in (ROOT / "queries").glob("*.rq") if p.name != "federated-wikidata.rq")
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {
    f"{XSD}{t}" for t in ("integer", "decimal", "nonNegativeInteger", "double", "float", "int", "long")
}
BACKENDS = ["embedded", "oxigraph", "virtuoso"]
#: empty on one article: what several articles share (16), a rank that changed between two (18)
NEEDS_SEVERAL_ARTICLES = {"16-shared-entities.rq", "18-promotions.rq"}
#: Virtuoso 7.2.5 (Debian bookworm) evaluates a transitive property path (``skos:broader+``,
#: ``schema:containedInPlace*``) joined with other patterns wrongly: 02 loses every row, 04 gives the
#: first model the second model's places (each part of either query alone answers right). The bug is
#: intermittent (the same build answered 02 right in one CI run and wrong in the next), so the mark is
#: not strict; the other queries pin Virtuoso's answers exactly.
VIRTUOSO_PATH_BUG = {"02-grassroots-unit-counts.rq", "04-local-models-and-places.rq"}


def plain(term: Any) -> Any:
    """A result term as RDF 1.1 compares it (see the module docstring)."""
    if isinstance(term, ox.Literal):
        if term.datatype.value in NUMERIC:
            return Decimal(term.value)
        if term.language:
            return (term.value, term.language.lower())
        return term.value if term.datatype.value == f"{XSD}string" else (term.value, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return "_:"
    return None if term is None else term.value


def answer(store: Store, name: str) -> list[tuple[Any, ...]]:
    result = store.query((ROOT / "queries" / name).read_text(encoding="utf-8"))
    return [tuple(plain(t) for t in row) for row in result.rows()]


@pytest.fixture(scope="session")
def seed_store(
    tmp_path_factory: pytest.TempPathFactory, seed_path: Path, gazetteer: Gazetteer
) -> Iterator[EmbeddedStore]:
    """The seed build on disk, as ``antq-kg build data/articles/hung-yen-antq.txt`` makes it."""
    store = open_store(tmp_path_factory.mktemp("contract") / "store")
    result = build([seed_path], gazetteer=gazetteer, store=store)
    assert result.ok and len(result.articles) == 1
    yield store
    store.close()


def pushed(store: Store) -> list[str]:
    """The graphs a push sends: all but the corpus graph, which the push chooses on the target."""
    return [g for g in store.graphs() if g != corpus_graph_iri()]


@pytest.fixture(scope="session")
def oxigraph_store(oxigraph_server: SparqlServer, seed_store: EmbeddedStore) -> Iterator[RemoteStore]:
    with RemoteStore(oxigraph_server.query, graph_store_url=oxigraph_server.graph_store) as remote:
        summary = push(seed_store, remote)
        assert summary.union_default_graph is True and summary.sent == pushed(seed_store)
        yield remote


@pytest.fixture(scope="session")
def virtuoso_store(virtuoso_server: SparqlServer, seed_store: EmbeddedStore) -> Iterator[RemoteStore]:
    assert virtuoso_server.user and virtuoso_server.password
    auth = PasswordAuth(virtuoso_server.user, virtuoso_server.password)
    with RemoteStore(
        virtuoso_server.query, graph_store_url=virtuoso_server.graph_store_auth, auth=auth
    ) as remote:
        summary = push(seed_store, remote, journal=PushJournal(None, target=virtuoso_server.query))
        assert summary.union_default_graph is True and summary.sent == pushed(seed_store)
        yield remote


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Store:
    """Each backend in turn, holding the seed build."""
    name = "seed_store" if request.param == "embedded" else f"{request.param}_store"
    found: Store = request.getfixturevalue(name)
    return found


@pytest.mark.parametrize("query", QUERIES)
def test_every_competency_query_gives_the_embedded_stores_rows(
    store: Store, seed_store: EmbeddedStore, query: str, request: pytest.FixtureRequest
) -> None:
    if request.node.callspec.params["store"] == "virtuoso" and query in VIRTUOSO_PATH_BUG:
        request.applymarker(
            pytest.mark.xfail(strict=False, reason="Virtuoso 7.2 transitive property paths (intermittent)")
        )
    expected = answer(seed_store, query)
    assert expected or query in NEEDS_SEVERAL_ARTICLES
    assert answer(store, query) == expected


def table(store: Store, name: str) -> list[list[str]]:
    return store.query((ROOT / "queries" / name).read_text(encoding="utf-8")).table()[1]


def test_the_headline_answers(store: Store) -> None:
    assert table(store, "03-mediation-total.rq") == [["Hưng Yên", "", "1021", "2"]]  # the seed is undated
    assert [r[:3] for r in table(store, "01-provincial-police-leader.rq")] == [
        ["Trần Huy Ngạn", "Đại tá", "Bí thư Đảng ủy"],
        ["Trần Huy Ngạn", "Đại tá", "Giám đốc"],
    ]
    assert ["xã Nhân Hòa", "2019-04-30", "phường Nhân Hòa", "phường Mỹ Hào"] in table(
        store, "08-places-replaced-after-2025.rq"
    )


def test_the_same_graphs_of_the_same_size(store: Store, seed_store: EmbeddedStore) -> None:
    assert store.graphs() == seed_store.graphs()
    assert len(store) == len(seed_store)


def test_a_graph_reads_back_triple_for_triple(store: Store, seed_store: EmbeddedStore) -> None:
    (row,) = (
        seed_store.query(  # an article graph is named by its text's hash, its file name is antq:sourcePath
            'SELECT ?g WHERE { GRAPH ?g { ?a <https://w3id.org/antq/ontology#sourcePath> "hung-yen-antq.txt" } }'
        ).rows()
    )
    assert isinstance(row[0], ox.NamedNode)
    article = row[0].value
    triples = {str(q.triple) for q in store.quads(article)}
    assert triples == {str(q.triple) for q in seed_store.quads(article)}
    assert all(q.graph_name == ox.NamedNode(article) for q in store.quads(article))


def test_blank_node_structures_survive(store: Store, seed_store: EmbeddedStore) -> None:
    shape = """SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?b) AS ?nodes) WHERE {
                 GRAPH <https://w3id.org/antq/ontology> { ?b ?p ?o FILTER isBlank(?b) } }"""
    rows = [tuple(plain(t) for t in r) for r in store.query(shape).rows()]
    assert rows == [tuple(plain(t) for t in r) for r in seed_store.query(shape).rows()]
    assert rows[0][0] > 0


def test_ask_gives_a_boolean_either_way(store: Store) -> None:
    yes = store.query(
        "ASK { ?p <http://xmlns.com/foaf/0.1/name> ?name FILTER(STR(?name) = 'Trần Huy Ngạn') }"
    )
    no = store.query("ASK { ?p <http://xmlns.com/foaf/0.1/name> 'Nobody'@vi }")
    assert (yes.kind, yes.boolean, no.boolean) == ("boolean", True, False)
    assert yes.table() == (["boolean"], [["true"]])


def test_construct_gives_a_graph(store: Store) -> None:
    result = store.query("""CONSTRUCT { ?p <http://xmlns.com/foaf/0.1/name> ?n }
                            WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> ; <http://xmlns.com/foaf/0.1/name> ?n }""")
    assert result.kind == "graph"
    assert [plain(q.object) for q in result.quads()] == [("Trần Huy Ngạn", "vi")]


def test_a_federated_query_is_refused_before_it_leaves(store: Store) -> None:
    with pytest.raises(QueryError, match=r"SERVICE <http://127\.0\.0\.1:9/sparql> is not allowed here"):
        store.query("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


def test_a_syntax_error_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError) as caught:
        store.query("SELEC ?s WHERE { ?s ?p ?o }")
    message = str(caught.value)
    assert "\n" not in message
    if isinstance(store, RemoteStore):
        assert message.startswith(f"{store.url}: rejected by the server (HTTP 400): ")
        assert "SELEC" in message or "1:1" in message or "line 1" in message

"""The embedded Oxigraph store: atomic loads, graph replacement, queries, dumps, errors."""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path

import pytest
import rdflib

from antq_kg.errors import InputError, QueryError, StoreError
from antq_kg.formats import RDF_FORMATS, RESULT_FORMATS, by_name
from antq_kg.store import EmbeddedStore, Store, open_store, parse_rdf
from threads_support import raised_in_a_thread, unraisable
from web_support import free_port

EX = "http://example.org/"
GOOD_TTL = f"""@prefix ex: <{EX}> .
ex:ht a ex:Person ; ex:name "Trần Huy Ngạn"@vi ; ex:rank "Đại tá"@vi .
"""
BAD_TTL = f"""@prefix ex: <{EX}> .
ex:a ex:p ex:b .

ex:c ex:p .
"""


def _article(name: str, *labels: str) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    g = ds.graph(rdflib.URIRef(f"{EX}graph/{name}"))
    for i, label in enumerate(labels):
        g.add((rdflib.URIRef(f"{EX}{name}/{i}"), rdflib.RDFS.label, rdflib.Literal(label, lang="vi")))
    return ds


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    s = open_store(tmp_path / "store")
    yield s  # type: ignore[misc]
    s.close()


def test_embedded_store_satisfies_the_protocol(store: EmbeddedStore) -> None:
    assert isinstance(store, Store)


def test_store_lives_on_disk_and_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with open_store(path) as s:
        s.load_dataset(_article("a", "xã Nhân Hòa"))
    head = (path / "HEAD").read_text().strip()
    assert (path / "gens" / head / "CURRENT").exists()  # RocksDB files, not an in-memory store
    with open_store(path, read_only=True) as again:
        assert len(again) == 1
        assert again.graphs() == [f"{EX}graph/a"]


def test_load_file_and_query_in_vietnamese(store: EmbeddedStore, tmp_path: Path) -> None:
    f = tmp_path / "people.ttl"
    f.write_text(GOOD_TTL, encoding="utf-8")
    assert store.load_file(f) == 3
    header, rows = store.query(f"SELECT ?n WHERE {{ ?p <{EX}name> ?n }}").table()
    assert header == ["n"]
    assert rows == [["Trần Huy Ngạn"]]


def test_bad_file_fails_with_file_and_line_and_leaves_store_unchanged(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    store.load_dataset(_article("a", "thôn Lỗ Xá"))
    before = store.dump(RDF_FORMATS["nquads"])
    bad = tmp_path / "bad.ttl"
    bad.write_text(BAD_TTL, encoding="utf-8")
    with pytest.raises(InputError) as info:
        store.load_file(bad)
    assert str(info.value) == f"{bad}: Turtle syntax error at line 4, column 11: . is not a valid RDF object"
    assert "\n" not in str(info.value)
    # the good first triple of the bad file was not written either
    assert store.dump(RDF_FORMATS["nquads"]) == before
    assert len(store) == 1


def test_bad_replace_leaves_old_graph_in_place(store: EmbeddedStore, tmp_path: Path) -> None:
    store.load_dataset(_article("a", "one", "two"))
    bad = tmp_path / "bad.nq"
    bad.write_text(f'<{EX}x> <{EX}p> "ok" <{EX}graph/a> .\n<{EX}x> <{EX}p> "unterminated <{EX}graph/a> .\n')
    with pytest.raises(InputError, match=r"bad\.nq: N-Quads syntax error at line 2"):
        store.load_file(bad, replace=True)
    assert len(store) == 2


def test_missing_empty_and_directory_inputs(store: EmbeddedStore, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.ttl: No such file or directory$"):
        store.load_file(tmp_path / "nope.ttl")
    empty = tmp_path / "empty.ttl"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.ttl: empty file$"):
        store.load_file(empty)
    d = tmp_path / "dir.ttl"
    d.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        store.load_file(d)
    with pytest.raises(InputError, match=r"cannot tell the RDF format"):
        store.load_file(tmp_path / "notes.txt")


def test_rebuilding_an_article_replaces_its_graph_without_duplicates(store: EmbeddedStore) -> None:
    store.load_dataset(_article("a", "old 1", "old 2"))
    store.load_dataset(_article("b", "other"))
    store.load_dataset(_article("a", "new"), replace=True)
    store.load_dataset(_article("a", "new"), replace=True)
    assert len(store) == 2
    _, rows = store.query(f"SELECT ?l {{ GRAPH <{EX}graph/a> {{ ?s ?p ?l }} }}").table()
    assert rows == [["new"]]
    assert store.graphs() == [f"{EX}graph/a", f"{EX}graph/b"]


def test_blank_nodes_of_two_loads_stay_apart(store: EmbeddedStore) -> None:
    data = f"_:b0 <{EX}p> 1 .".encode()
    store.load_bytes(data, RDF_FORMATS["turtle"])
    store.load_bytes(data, RDF_FORMATS["turtle"])
    assert store.query("SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o }").table()[1] == [["2"]]


def test_queries_see_the_union_of_named_graphs_and_graph_names(store: EmbeddedStore) -> None:
    store.load_dataset(_article("a", "x"))
    store.load_dataset(_article("b", "y"))
    assert store.query("ASK { ?s ?p 'x'@vi }").boolean is True
    _, rows = store.query(
        "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    ).table()
    assert rows == [[f"{EX}graph/a", "1"], [f"{EX}graph/b", "1"]]


def test_query_result_serializes_to_every_result_format(store: EmbeddedStore) -> None:
    store.load_dataset(_article("a", "Hòa"))
    result = store.query("SELECT ?l { ?s ?p ?l }")
    assert '"Hòa"' in result.serialize(RESULT_FORMATS["json"]).decode()
    assert '<literal xml:lang="vi">Hòa</literal>' in result.serialize(RESULT_FORMATS["xml"]).decode()
    assert result.serialize(RESULT_FORMATS["csv"]).decode() == "l\r\nHòa\r\n"
    assert result.serialize(RESULT_FORMATS["tsv"]).decode() == '?l\n"Hòa"@vi\n'
    with pytest.raises(QueryError):
        result.serialize(RDF_FORMATS["turtle"])


def test_construct_result_serializes_to_rdf(store: EmbeddedStore) -> None:
    store.load_dataset(_article("a", "Hòa"))
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert result.kind == "graph"
    g = rdflib.Graph().parse(data=result.serialize(RDF_FORMATS["turtle"]), format="turtle")
    assert len(g) == 1
    assert rdflib.Literal("Hòa", lang="vi") in set(g.objects())


@pytest.mark.parametrize("query", ["SELEC ?x", "SELECT ?x WHERE { ?x ?p }", "SELECT * { ?s ?p ?o } LIMIT -1"])
def test_malformed_query_is_a_query_error(store: EmbeddedStore, query: str) -> None:
    with pytest.raises(QueryError, match=r"^SPARQL syntax error"):
        store.query(query)


@pytest.mark.parametrize("name", list(RDF_FORMATS))
def test_dump_round_trips_through_every_rdf_format(store: EmbeddedStore, name: str) -> None:
    store.load_dataset(_article("a", "xã Nhân Hòa"))
    store.load_dataset(_article("b", "huyện Mỹ Hào"))
    fmt = by_name(name)
    data = store.dump(fmt)
    other = open_store(None)
    other.load_bytes(data, fmt)
    assert len(other) == 2
    if fmt.datasets:
        assert other.graphs() == store.graphs()
    else:
        assert other.graphs() == []  # merged into one graph for triple-only formats


def test_clear_empties_the_store(store: EmbeddedStore) -> None:
    store.load_dataset(_article("a", "x"))
    store.clear()
    assert len(store) == 0
    assert store.graphs() == []


def test_read_only_store_refuses_writes_and_missing_store_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "missing", read_only=True)
    with open_store(tmp_path / "s") as s:
        s.load_dataset(_article("a", "x"))
    with open_store(tmp_path / "s", read_only=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.load_dataset(_article("b", "y"))
        assert len(ro) == 1


def test_a_second_writer_that_will_not_wait_gets_a_store_error(store: EmbeddedStore) -> None:
    assert store.path is not None
    other = EmbeddedStore(store.path)  # opening to read takes no lock
    errors: list[StoreError] = []

    def write() -> None:
        try:
            with other.writer(wait=False):
                pass
        except StoreError as exc:
            errors.append(exc)

    with store.writer():
        thread = threading.Thread(target=write)
        thread.start()
        thread.join()
    assert len(errors) == 1
    assert errors[0].message.startswith(
        f"another writer is using the store (pid {os.getpid()}, antq-kg write since "
    )


def test_parse_rdf_rejects_result_formats() -> None:
    with pytest.raises(InputError, match="not an RDF format"):
        parse_rdf(b"x", RESULT_FORMATS["json"])


def test_oxigraph_stores_derived_integer_types_as_xsd_integer(store: EmbeddedStore) -> None:
    """Pinned backend behaviour: Oxigraph canonicalises numeric literals on write
    (xsd:nonNegativeInteger → xsd:integer, "01" → "1"), so shapes checking literals read back from
    the store must accept xsd:integer with sh:minInclusive 0 rather than sh:datatype
    xsd:nonNegativeInteger."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    data = f'<{EX}a> <{EX}begin> "07"^^<{xsd}nonNegativeInteger> <{EX}g> .'.encode()
    store.load_bytes(data, RDF_FORMATS["nquads"])
    assert (
        store.dump(RDF_FORMATS["nquads"]).decode().strip()
        == f'<{EX}a> <{EX}begin> "7"^^<{xsd}integer> <{EX}g> .'
    )


def test_service_calls_are_refused_unless_allowed(store: EmbeddedStore) -> None:
    query = "SELECT * { ?s <http://x#p> ?o . SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match=r"^SERVICE <http://10\.0\.0\.1/sparql> is not allowed here"):
        store.query(query)
    with pytest.raises(QueryError, match="not allowed"):
        store.query("SELECT * { SERVICE ?anywhere { ?s ?p ?o } }", services=["http://10.0.0.1/sparql"])
    # a SERVICE inside a string or comment is no call
    assert (
        store.query('ASK { ?s ?p "SERVICE <http://10.0.0.1/>" } # SERVICE <http://10.0.0.1/>').boolean
        is False
    )


def test_a_query_failing_half_written_in_a_thread_leaves_no_result_for_another_thread_to_drop(
    store: EmbeddedStore,
) -> None:
    """An allowed SERVICE call to a port nothing listens on fails while the result is written, in the
    thread that ran the query; the error, freed in this thread, holds no pyoxigraph result (which only
    the thread that made it may drop)."""
    store.load_bytes(f"<{EX}a> <{EX}p> <{EX}b> .".encode(), RDF_FORMATS["turtle"], source="a.ttl")
    url = f"http://127.0.0.1:{free_port()}/sparql"
    error = raised_in_a_thread(
        lambda: store.query(f"SELECT * {{ ?s ?p ?o SERVICE <{url}> {{ ?s ?p ?o }} }}", services=[url])
    )
    assert "Connection refused" in str(error)
    with unraisable() as caught:
        del error
        gc.collect()
    assert caught == []


def test_a_bulk_add_stores_the_same_quads_as_a_transactional_add(tmp_path: Path) -> None:
    quads = parse_rdf(
        f'<{EX}a> <{EX}p> "Hòa"@vi <{EX}g> .\n<{EX}a> <{EX}q> <{EX}b> .\n'.encode(), RDF_FORMATS["nquads"]
    )
    with open_store(tmp_path / "bulk") as bulk, open_store(tmp_path / "tx") as tx:
        assert bulk.add_quads(quads, bulk=True) == tx.add_quads(quads) == 2
        assert set(bulk) == set(tx) == set(quads)
        assert bulk.graphs() == [f"{EX}g"]

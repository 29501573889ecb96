"""Links to Wikidata, against a real local SPARQL server.

The ``wikidata`` fixture runs the Oxigraph server of the ``oxigraph`` package on 127.0.0.1 over a
small hand-written Wikidata-shaped fixture (``tests/data/wikidata_fixture.ttl``, invented item
QIDs, decoys marked) and stops it at the end. Nothing here talks to anything but 127.0.0.1.
"""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS
from typer.testing import CliRunner

from antq_kg.cli import app
from antq_kg.errors import QueryError, RemoteError
from antq_kg.gazetteer import Gazetteer
from antq_kg.gazetteer_rdf import units_to_graph
from antq_kg.graph import build_graph
from antq_kg.link import (
    WIKIDATA_ENDPOINT,
    Link,
    default_links_directory,
    federated_query,
    links_graph_iri,
    links_to_turtle,
    load_links,
    read_links,
    reconcile_wikidata,
    select_units,
    sparql_select,
    write_links,
)
from antq_kg.model import facts_from_json
from antq_kg.store import open_store
from antq_kg.text import read_document

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "wikidata_fixture.ttl"
WD = "http://www.wikidata.org/entity/"
ADMIN = "https://w3id.org/antq/id/place/"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"

#: The seed article's units (as of its date) and the ones the decoys aim at.
UNITS = [
    "p33",
    "d333",
    "c12400",
    "d328-2019",
    "c12118-2019",
    "d328",
    "c12118",
    "c09259",
    "p34",
    "np33",
    "nc12391",
    "c11644",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The query URL of a local Oxigraph server holding the Wikidata-shaped fixture."""
    exe = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
    if exe is None:
        pytest.skip("the oxigraph server (PyPI package 'oxigraph') is not installed")
    location = tmp_path_factory.mktemp("wikidata")
    subprocess.run(
        [exe, "load", "--location", str(location), "--file", str(FIXTURE)], check=True, capture_output=True
    )
    port = free_port()
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"oxigraph server did not start: {proc.stderr.read() if proc.stderr else ''!r}"
                )
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def links(gaz: Gazetteer, wikidata: str) -> list[Link]:
    return reconcile_wikidata(gaz, [gaz.get(k) for k in UNITS], endpoint=wikidata, timeout=10)


def dead_endpoint() -> str:
    return f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there


# -- reconciliation --------------------------------------------------------------------------------


def test_reconciliation_links_exactly_the_right_items(links: list[Link]) -> None:
    assert {(link.unit_key, link.qid, link.method) for link in links} == {
        ("p27", "Q900056", "iso3166-2"),  # Bắc Ninh, ancestor of phường Nhân Hòa of Quế Võ
        ("p33", "Q36235", "iso3166-2"),
        ("np33", "Q36235", "label+parent+class"),  # post-2025 Hưng Yên: no ISO code in the gazetteer
        ("d259", "Q900259", "label+parent+class"),
        ("d328", "Q6945614", "label+parent+class"),
        ("d328-2019", "Q6945614", "label+parent+class"),  # huyện Mỹ Hào: the item has the thị xã class
        ("d333", "Q7188239", "label+parent+class"),
        ("c09259", "Q909259", "label+parent+class"),
        ("c12118", "Q912118", "label+parent+class"),
        ("c12118-2019", "Q912118", "label+parent+class"),
        ("c12400", "Q912400", "label+parent+class"),  # by its former parent (a normal-rank statement)
        ("nc12391", "Q912400", "label+parent+class"),  # the same item, by its truthy parent
    }


def test_decoys_are_not_linked(links: list[Link]) -> None:
    by_unit = {link.unit_key: link.qid for link in links}
    linked = set(by_unit.values())
    assert "Q990001" not in linked  # "Nhân Hòa" in Mỹ Hào, but a school
    assert "Q911999" not in linked  # "Quang Hưng" in another province (deprecated statement in Phù Cừ)
    assert by_unit["c12118"] != "Q909259"  # the other province's phường Nhân Hòa
    assert "p34" not in by_unit  # VN-20 on two items: ambiguous
    assert "c11644" not in by_unit  # no item at all


def test_evidence_says_what_matched(links: list[Link], wikidata: str) -> None:
    by_unit = {link.unit_key: link for link in links}
    assert by_unit["p33"].evidence == "P300 = VN-66"
    assert by_unit["p33"].label == "Hưng Yên"
    nhan_hoa = by_unit["c12118-2019"]
    assert nhan_hoa.label == "Nhân Hoà"  # the other tone placement matched by folding
    assert nhan_hoa.evidence == "label 'Nhân Hoà'@vi; P131 wd:Q6945614; P31 wd:Q1369758"
    assert nhan_hoa.parent_iri == WD + "Q6945614"
    assert by_unit["d328-2019"].evidence == "label 'Mỹ Hào (thị xã)'@vi; P131 wd:Q36235; P31 wd:Q7825375"
    assert {link.endpoint for link in links} == {wikidata}


def test_unmatched_units_are_reported(gaz: Gazetteer, wikidata: str) -> None:
    notes: list[str] = []
    reconcile_wikidata(gaz, [gaz.get("p34"), gaz.get("c11644")], endpoint=wikidata, on_note=notes.append)
    assert "p34 (tỉnh Thái Bình): 2 items with P300 VN-20, not linked" in notes
    assert any(n.startswith("c11644 (xã Quang Hưng): parent d313 not linked") for n in notes)


def test_queries_are_batched(gaz: Gazetteer, wikidata: str) -> None:
    seen: list[str] = []

    def record(request: httpx.Request) -> None:
        seen.append(request.content.decode())

    with httpx.Client(event_hooks={"request": [record]}) as client:
        one = reconcile_wikidata(
            gaz, [gaz.get(k) for k in UNITS], endpoint=wikidata, client=client, batch=100
        )
    # one P300 query, then one query per level for the label matches
    assert len(seen) == 4
    with httpx.Client(event_hooks={"request": [record]}) as client:
        small = reconcile_wikidata(
            gaz, [gaz.get(k) for k in UNITS], endpoint=wikidata, client=client, batch=1
        )
    assert len(seen) > 8
    assert one == small


# -- the protocol client ---------------------------------------------------------------------------


def test_a_dead_endpoint_is_one_remote_error(gaz: Gazetteer) -> None:
    url = dead_endpoint()
    with pytest.raises(RemoteError) as info:
        reconcile_wikidata(gaz, [gaz.get("p33")], endpoint=url, timeout=2)
    assert info.value.endpoint == url
    assert str(info.value).startswith(f"{url}: cannot reach the SPARQL endpoint")
    assert "\n" not in str(info.value)


def test_an_http_error_carries_its_status(wikidata: str) -> None:
    with pytest.raises(RemoteError) as info:
        sparql_select(wikidata, "SELECT WHERE {")
    assert info.value.status == 400
    assert str(info.value).startswith(f"{wikidata}: HTTP 400: ")


def test_a_body_that_is_not_sparql_json_is_a_remote_error() -> None:
    class Html(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = b"<html>maintenance</html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Html)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    try:
        with pytest.raises(RemoteError) as info:
            sparql_select(url, "SELECT * {}", timeout=5)
        assert str(info.value) == f"{url}: not a SPARQL JSON result (Content-Type text/html)"
    finally:
        server.shutdown()
        server.server_close()


# -- the links file --------------------------------------------------------------------------------


def test_written_links_reload_offline(links: list[Link], tmp_path: Path) -> None:
    path = tmp_path / "links" / "wikidata.ttl"
    write_links(links, path)
    assert read_links(path) == links
    g = load_links(path.parent)
    assert (URIRef(ADMIN + "c12118-2019"), SKOS.exactMatch, URIRef(WD + "Q912118")) in g
    assert len(set(g.subjects(SKOS.exactMatch, None))) == len(links)


def test_links_file_is_deterministic_and_sorted(links: list[Link], tmp_path: Path) -> None:
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    write_links(links, a)
    write_links(list(reversed(links)), b)
    assert a.read_bytes() == b.read_bytes()
    keys = [
        line.split()[0].removeprefix(f"<{ADMIN}").removesuffix(">")
        for line in a.read_text(encoding="utf-8").splitlines()
        if line.startswith(f"<{ADMIN}")
    ]
    assert keys == sorted(keys) == sorted(link.unit_key for link in links)
    Graph().parse(a, format="turtle")  # valid Turtle


def test_writing_merges_with_the_links_already_there(links: list[Link], tmp_path: Path) -> None:
    path = tmp_path / "wikidata.ttl"
    write_links(links[:3], path)
    kept = write_links(links[3:], path)
    assert kept == links
    assert write_links([], path, merge=False) == []


def test_load_links_rebases_to_another_base_iri(links: list[Link], tmp_path: Path) -> None:
    write_links(links, tmp_path / "wikidata.ttl")
    g = load_links(tmp_path, base_iri="http://example.org/kg/")
    assert (URIRef("http://example.org/kg/id/place/p33"), SKOS.exactMatch, URIRef(WD + "Q36235")) in g
    assert not any(str(s).startswith("https://w3id.org/") for s in g.subjects())


def test_turtle_of_no_links_is_still_valid() -> None:
    Graph().parse(data=links_to_turtle([]), format="turtle")


def test_select_units_by_scope_and_province(gaz: Gazetteer) -> None:
    provinces = select_units(gaz, "provinces")
    assert {u.level for u in provinces} == {1}
    assert len(provinces) == 63 + 34 + sum(1 for u in gaz if u.level == 1 and "-" in u.key)
    hy = select_units(gaz, "districts", province="33")
    assert {"d328", "d328-2019", "d333"} <= {u.key for u in hy}
    assert all(gaz.province(u).code == "33" for u in hy)  # type: ignore[union-attr]


# -- CLI ---------------------------------------------------------------------------------------------


def test_cli_link_writes_the_links_file(wikidata: str, tmp_path: Path) -> None:
    out = tmp_path / "wikidata.ttl"
    result = CliRunner().invoke(
        app,
        [
            "link",
            "--wikidata",
            "--endpoint",
            wikidata,
            "--scope",
            "districts",
            "--province",
            "33",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    linked = {link.unit_key: link.qid for link in read_links(out)}
    assert linked == {"p33": "Q36235", "d328": "Q6945614", "d328-2019": "Q6945614", "d333": "Q7188239"}
    assert (
        result.stderr.splitlines()[-1] == f"Linked 4 unit(s) to Wikidata via {wikidata}; 4 link(s) in {out}"
    )


def test_cli_link_to_a_dead_endpoint_is_one_line_and_exit_2(tmp_path: Path) -> None:
    url = dead_endpoint()
    out = tmp_path / "wikidata.ttl"
    result = CliRunner().invoke(
        app,
        ["link", "--wikidata", "--endpoint", url, "--scope", "provinces", "--province", "33", "-o", str(out)],
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {url}: cannot reach the SPARQL endpoint")
    assert result.stderr.count("\n") == 1
    assert not out.exists()


def test_cli_link_needs_a_target() -> None:
    result = CliRunner().invoke(app, ["link"])
    assert result.exit_code == 2
    assert "--wikidata" in result.stderr


def test_cli_gazetteer_lookup_table() -> None:
    result = CliRunner().invoke(
        app, ["gazetteer", "lookup", "xã Nhân Hoà", "--within", "33", "--on", "2018-06-01"]
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["key", "code", "type", "name", "chain", "valid"]
    assert lines[2].split() == [
        "c12118-2019",
        "12118",
        "xã",
        "Nhân",
        "Hòa",
        "huyện",
        "Mỹ",
        "Hào",
        "›",
        "tỉnh",
        "Hưng",
        "Yên",
        "…",
        "–",
        "2019-04-30",
    ]
    assert lines[-1] == "(1 row)"


def test_cli_gazetteer_lookup_filters_by_type_and_reports_nothing_found() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "lookup", "Nhân Hòa", "--type", "phường", "--within", "p33"])
    assert [line.split()[0] for line in result.stdout.splitlines()[2:-1]] == ["c12118"]
    none = runner.invoke(app, ["gazetteer", "lookup", "Không Có", "--within", "p33"])
    assert none.exit_code == 0
    assert none.stderr == "No unit called 'Không Có'.\n"


def test_cli_gazetteer_lookup_rejects_a_bad_date_and_an_unknown_scope() -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["gazetteer", "lookup", "Nhân Hòa", "--on", "2018-13-01"]).exit_code == 2
    bad = runner.invoke(app, ["gazetteer", "lookup", "Nhân Hòa", "--within", "Atlantis"])
    assert bad.exit_code == 2
    assert bad.stderr == "Error: --within: no administrative unit called 'Atlantis'\n"


def test_cli_gazetteer_export_to_a_file_has_the_gazetteer_and_links_graphs(
    links: list[Link], tmp_path: Path
) -> None:
    out = tmp_path / "gazetteer.nq"
    write_links(links, tmp_path / "links" / "wikidata.ttl")
    result = CliRunner().invoke(
        app, ["gazetteer", "export", "-o", str(out), "--links", str(tmp_path / "links")]
    )
    assert result.exit_code == 0, result.stderr
    store = ox.Store()
    store.load(path=str(out), format=ox.RdfFormat.N_QUADS)
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {"https://w3id.org/antq/id/graph/gazetteer", "https://w3id.org/antq/id/graph/links"}
    # the results read where they are made, kept in no local: this frame is in a cycle with the
    # runner's result (its traceback's frames lead back here), which any thread may collect
    linked = list(
        store.query(
            "SELECT ?u ?i { GRAPH <https://w3id.org/antq/id/graph/links> { ?u <http://www.w3.org/2004/02/skos/core#exactMatch> ?i } }"
        )
    )
    assert len(linked) == len(links)
    assert bool(
        store.query(
            "ASK { GRAPH <https://w3id.org/antq/id/graph/gazetteer> { "
            "<https://w3id.org/antq/id/place/c12118-2019> <http://purl.org/dc/terms/isReplacedBy> "
            "<https://w3id.org/antq/id/place/c12118> } }"
        )
    )


def test_cli_gazetteer_export_into_the_store(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    result = CliRunner().invoke(app, ["--store", str(store_dir), "gazetteer", "export"])
    assert result.exit_code == 0, result.stderr
    with open_store(store_dir, read_only=True) as store:
        assert "https://w3id.org/antq/id/graph/gazetteer" in store.graphs()
        n = store.query("SELECT (COUNT(*) AS ?n) { ?u a <https://schema.org/AdministrativeArea> }").rows()[0][
            0
        ]
        assert n is not None and int(n.value) == len(Gazetteer.load())


# -- SERVICE allow-list and the federated competency query ---------------------------------------


def test_a_service_outside_the_allow_list_is_refused_before_anything_runs(wikidata: str) -> None:
    store = open_store(None)
    with pytest.raises(QueryError, match="is not allowed"):
        federated_query(store, f"SELECT * {{ SERVICE <{wikidata}> {{ ?s ?p ?o }} }}")
    with pytest.raises(QueryError, match="is not allowed"):
        federated_query(store, "SELECT * { SERVICE ?x { ?s ?p ?o } }", allowed=[wikidata])
    rows = federated_query(
        store,
        f"SELECT ?l {{ SERVICE <{wikidata}> {{ wd:Q881 rdfs:label ?l }} }} ORDER BY ?l".replace(
            "SELECT",
            "PREFIX wd: <http://www.wikidata.org/entity/> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT",
        ),
        allowed=[wikidata],
    ).table()[1]
    assert rows == [["Vietnam"], ["Việt Nam"]]


@pytest.fixture(scope="module")
def seed_store(gaz: Gazetteer, links: list[Link], tmp_path_factory: pytest.TempPathFactory) -> object:
    """The seed article's graph (from the hand-checked facts fixture) with its units and the links."""
    doc = read_document(ROOT / "data" / "articles" / "hung-yen-antq.txt")
    facts = facts_from_json(
        json.loads((ROOT / "tests" / "data" / "seed_facts.json").read_text(encoding="utf-8")),
        text=doc.text,
        path=doc.path,
    )
    ds = build_graph([facts], gazetteer=gaz)
    units_to_graph(
        gaz,
        [gaz.get(k) for k in ("p33", "d333", "c12400", "d328-2019", "c12118-2019")],
        into=ds.graph(URIRef("https://w3id.org/antq/id/graph/gazetteer")),
    )
    directory = tmp_path_factory.mktemp("links")
    write_links(links, directory / "wikidata.ttl")
    load_links(directory, into=ds.graph(links_graph_iri()))  # the reconciled links…
    load_links(default_links_directory(), into=ds.graph(links_graph_iri()))  # …and the shipped ones
    store = open_store(None)
    store.load_dataset(ds)
    return store


@pytest.fixture(scope="module")
def built_seed_store(gaz: Gazetteer) -> object:
    """The seed article as a plain build makes it: no reconciliation ran, only the links the project ships."""
    from antq_kg.pipeline import build

    store = open_store(None)
    result = build([ROOT / "data" / "articles" / "hung-yen-antq.txt"], gazetteer=gaz, store=store)
    assert result.ok and str(links_graph_iri()) in result.reference
    return store


def federated(store: object, wikidata: str) -> list[list[str]]:
    local = (
        (ROOT / "queries" / "federated-wikidata.rq")
        .read_text(encoding="utf-8")
        .replace(f"<{WIKIDATA_ENDPOINT}>", f"<{wikidata}>")
    )
    return federated_query(store, local, allowed=[wikidata]).table()[1]  # type: ignore[arg-type]


def test_federated_wikidata_query_joins_the_articles_places(seed_store: object, wikidata: str) -> None:
    sparql = (ROOT / "queries" / "federated-wikidata.rq").read_text(encoding="utf-8")
    assert f"SERVICE <{WIKIDATA_ENDPOINT}>" in sparql
    local = sparql.replace(f"<{WIKIDATA_ENDPOINT}>", f"<{wikidata}>")
    with pytest.raises(QueryError):  # the local server is not on the default allow-list
        federated_query(seed_store, local)  # type: ignore[arg-type]
    result = federated_query(seed_store, local, allowed=[wikidata])  # type: ignore[arg-type]
    assert result.table()[1] == [  # shipped and reconciled links agree on the province and districts
        ["huyện Mỹ Hào", "d328-2019", WD + "Q6945614", "Mỹ Hào", ""],
        ["huyện Phù Cừ", "d333", WD + "Q7188239", "Phù Cừ District", ""],
        ["tỉnh Hưng Yên", "p33", WD + "Q36235", "Hưng Yên Province", "VN-66"],
        ["xã Nhân Hòa", "c12118-2019", WD + "Q912118", "Nhân Hòa Ward", ""],
        ["xã Quang Hưng", "c12400", WD + "Q912400", "Quang Hưng Commune", ""],
    ]


def test_federated_query_answers_for_the_seeds_places_with_the_shipped_links_alone(
    built_seed_store: object, wikidata: str
) -> None:
    """A fresh build links the seed's province and districts to Wikidata out of the box (data/links/
    wikidata-admin.ttl, by GSO code and date); its communes wait for antq-kg link --wikidata."""
    assert federated(built_seed_store, wikidata) == [
        ["huyện Mỹ Hào", "d328-2019", WD + "Q6945614", "Mỹ Hào", ""],
        ["huyện Phù Cừ", "d333", WD + "Q7188239", "Phù Cừ District", ""],
        ["tỉnh Hưng Yên", "p33", WD + "Q36235", "Hưng Yên Province", "VN-66"],
    ]


def test_federated_query_states_its_question_in_vietnamese_and_english() -> None:
    header = (ROOT / "queries" / "federated-wikidata.rq").read_text(encoding="utf-8").splitlines()[:2]
    assert header[0].startswith("# Câu hỏi: ")
    assert header[1].startswith("# Question: ")

"""The endpoint under hostile or careless use, over real HTTP on 127.0.0.1: a runaway query is stopped
and its worker replaced while a neighbour is answered, a timeout never becomes a truncated 200, large
results stream, nothing connects out, request sizes are limited, cross-origin reads are open and
writes are not, negotiation says 406."""

from __future__ import annotations

import json
import os
import resource
import socket
import threading
import time
import urllib.error
from collections.abc import Iterator

import httpx
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from antq_kg.web import Limits, PoolSettings, create_app
from web_support import EX, sample_store, serve_in_thread

JSON_RESULTS = {"Accept": "application/sparql-results+json"}
#: A cross product of every triple with itself eleven times: ~10^13 rows, never finishes.
RUNAWAY = "SELECT (COUNT(*) AS ?n) {" + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(11)) + "}"
#: The same cross product, streamed row by row (first rows at once, the end never).
STREAMING_RUNAWAY = "SELECT * {" + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(11)) + "}"
TIMEOUT = 3.0


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, object]]:
    app = create_app(
        sample_store(),
        base_iri="https://w3id.org/antq/",
        pool=PoolSettings(workers=2, timeout=TIMEOUT),
        limits=Limits(max_query_string=16 * 1024),
    )
    with serve_in_thread(app) as base:
        yield base, app


@pytest.fixture
def base(server: tuple[str, object]) -> str:
    return server[0]


def worker_pids(app: object) -> set[int]:
    pool = app.state.served.pool  # type: ignore[attr-defined]
    return {w.pid for gen in pool._generations.values() for w in gen.workers}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split()[2] != "Z"


# -- runaway queries ---------------------------------------------------------------------------------------


def test_a_runaway_query_is_stopped_with_503_while_a_neighbour_is_answered_within_a_second(
    server: tuple[str, object],
) -> None:
    base, app = server
    before = worker_pids(app)
    result: dict[str, httpx.Response] = {}

    def runaway() -> None:
        result["r"] = httpx.post(
            f"{base}/sparql",
            content=RUNAWAY,
            timeout=60,
            headers={**JSON_RESULTS, "Content-Type": "application/sparql-query"},
        )

    thread = threading.Thread(target=runaway)
    started = time.monotonic()
    thread.start()
    time.sleep(0.5)
    for _ in range(3):  # the neighbour, three times while the runaway runs
        t = time.monotonic()
        ask = httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, headers=JSON_RESULTS, timeout=10)
        assert ask.json() == {"head": {}, "boolean": True}
        assert time.monotonic() - t < 1.0
    thread.join(timeout=30)
    r = result["r"]
    elapsed = time.monotonic() - started
    assert r.status_code == 503
    assert r.text == f"query stopped: it ran longer than the server's time limit of {TIMEOUT:g} s\n"
    assert TIMEOUT <= elapsed < TIMEOUT + 5
    killed = before - worker_pids(app)
    assert len(killed) == 1
    deadline = time.monotonic() + 10
    while (any(alive(pid) for pid in killed) or len(worker_pids(app)) < 2) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in killed)  # SIGKILLed: gone, not just forgotten
    assert len(worker_pids(app)) == 2  # and a fresh worker replaced it
    assert httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, headers=JSON_RESULTS).status_code == 200


def test_a_timeout_after_streaming_began_aborts_the_connection(base: str) -> None:
    with httpx.stream(
        "POST",
        f"{base}/sparql",
        content=STREAMING_RUNAWAY,
        timeout=60,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"},
    ) as r:
        assert r.status_code == 200  # rows were already flowing when the time ran out
        received = 0
        with pytest.raises(httpx.RemoteProtocolError, match=r"incomplete chunked read|peer closed"):
            for chunk in r.iter_bytes():
                received += len(chunk)
        assert received > 0


def test_sparqlwrapper_sees_the_timeout_as_an_error(base: str) -> None:
    sw = SPARQLWrapper(f"{base}/sparql")
    sw.setQuery(RUNAWAY)
    sw.setReturnFormat(JSON)
    with pytest.raises(urllib.error.HTTPError) as caught:
        sw.query()
    assert caught.value.code == 503
    assert json.loads(caught.value.read()) == {  # SPARQLWrapper's Accept names application/json
        "ok": False,
        "status": 503,
        "error": f"query stopped: it ran longer than the server's time limit of {TIMEOUT:g} s",
    }


def test_a_large_select_starts_at_once_and_memory_stays_flat(base: str) -> None:
    """Over a million rows (the sample's 9 triples six times over, twice: 2 × 9^6) stream in chunks."""
    query = "SELECT ?o0 {" + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(6)) + " VALUES ?k { 1 2 } }"
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    first: float | None = None
    lines = 0
    with httpx.stream(
        "POST",
        f"{base}/sparql",
        content=query,
        timeout=60,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"},
    ) as r:
        assert r.status_code == 200
        assert "content-length" not in r.headers  # streamed, not assembled first
        for chunk in r.iter_bytes():
            if first is None:
                first = time.monotonic() - started
            lines += chunk.count(b"\n")
    assert lines == 2 * 9**6 + 1
    assert first is not None and first < 2.0
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert grown_mib < 32  # the ~40 MB result never sat in this process (server and client) at once


# -- nothing connects out ---------------------------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[str, list[object]]]:
    """A loopback listener that records every connection made to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.2)
    seen: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, addr = sock.accept()
            except TimeoutError:
                continue
            seen.append(addr)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/x", seen
    stop.set()
    thread.join()
    sock.close()


def test_neither_service_nor_from_nor_dataset_parameters_connect_out(
    base: str, listener: tuple[str, list[object]]
) -> None:
    url, seen = listener
    service = httpx.get(f"{base}/sparql", params={"query": f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"})
    assert service.status_code == 400
    assert service.text == f"SERVICE <{url}> is not allowed here (federated queries are off)\n"
    silent = httpx.get(
        f"{base}/sparql", params={"query": f"SELECT * {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}"}
    )
    assert silent.status_code == 400
    from_url = httpx.get(
        f"{base}/sparql", params={"query": f"SELECT * FROM <{url}> {{ ?s ?p ?o }}"}, headers=JSON_RESULTS
    )
    assert from_url.status_code == 200 and from_url.json()["results"]["bindings"] == []
    named = httpx.get(
        f"{base}/sparql",
        headers=JSON_RESULTS,
        params={"query": "SELECT * { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": url},
    )
    assert named.status_code == 200 and named.json()["results"]["bindings"] == []
    time.sleep(0.5)
    assert seen == []


# -- limits ------------------------------------------------------------------------------------------------


def test_a_32_mib_body_is_413_with_a_clear_message(base: str) -> None:
    body = b"SELECT * { ?s ?p ?o } #" + b"x" * (32 * 1024 * 1024)
    r = httpx.post(
        f"{base}/sparql", content=body, headers={"Content-Type": "application/sparql-query"}, timeout=60
    )
    assert r.status_code == 413
    assert r.text == f"request body of {len(body)} bytes is over the limit of 1048576 bytes\n"


def test_a_large_body_without_a_length_is_413_too(base: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"query=SELECT+*+%7B%7D+%23"
        for _ in range(40):
            yield b"x" * 65536

    r = httpx.post(
        f"{base}/sparql",
        content=chunks(),
        timeout=60,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 413
    assert r.text == "request body is over the limit of 1048576 bytes\n"


def test_an_over_long_query_string_is_414(base: str) -> None:
    query = "SELECT * { ?s ?p ?o } #" + "x" * 20_000
    r = httpx.get(f"{base}/sparql", params={"query": query})
    assert r.status_code == 414
    assert r.text == "query string of 20043 bytes is over the limit of 16384 bytes: send the query by POST\n"


# -- negotiation -------------------------------------------------------------------------------------------


def test_an_accept_listing_only_unsupported_types_is_406(base: str) -> None:
    r = httpx.get(
        f"{base}/sparql",
        params={"query": "SELECT * { ?s ?p ?o }"},
        headers={"Accept": "image/png, text/x-foo"},
    )
    assert r.status_code == 406
    assert r.text.startswith("none of the types in Accept: image/png, text/x-foo is offered")
    construct = httpx.get(
        f"{base}/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "text/csv"}
    )
    assert construct.status_code == 406
    assert (
        construct.text
        == "a CONSTRUCT/DESCRIBE result cannot be written in any type the Accept header lists\n"
    )


def test_a_browser_at_sparql_without_a_query_gets_the_query_page(base: str) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    r = httpx.get(f"{base}/sparql", headers={"Accept": browser}, follow_redirects=True)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<textarea id="query"' in r.text


def test_a_syntax_error_names_line_and_column(base: str) -> None:
    r = httpx.post(
        f"{base}/sparql",
        content="SELECT ?s\nWHERE { ?s ?p }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert r.status_code == 400
    assert r.text.startswith("SPARQL syntax error at line 2, column 16: expected ")


# -- cross-origin reads ------------------------------------------------------------------------------------


def test_reads_are_open_to_every_origin_without_credentials(base: str) -> None:
    origin = {"Origin": "https://yasgui.example"}
    for path, params in (
        ("/sparql", {"query": "ASK {}"}),
        ("/sparql", {}),
        ("/.well-known/void", {}),
        ("/def/", {}),
        ("/doc/nothing-here", {}),
    ):
        r = httpx.get(f"{base}{path}", params=params, headers={**origin, "Accept": "text/turtle"})
        assert r.headers["access-control-allow-origin"] == "*", path
        assert "access-control-allow-credentials" not in r.headers
    post = httpx.post(
        f"{base}/sparql", content="ASK {}", headers={**origin, "Content-Type": "application/sparql-query"}
    )
    assert post.status_code == 200 and post.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_preflight_for_a_read_is_answered(base: str, method: str) -> None:
    r = httpx.options(
        f"{base}/sparql",
        headers={
            "Origin": "https://yasgui.example",
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert r.status_code == 204
    assert r.headers["access-control-allow-origin"] == "*"
    assert method in r.headers["access-control-allow-methods"]
    assert "content-type" in r.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in r.headers


def test_max_rows_caps_and_says_so() -> None:
    app = create_app(
        sample_store(), base_iri="https://w3id.org/antq/", pool=PoolSettings(workers=2, max_rows=2)
    )
    with serve_in_thread(app) as base:
        r = httpx.get(
            f"{base}/sparql", params={"query": "SELECT ?s { ?s ?p ?o } ORDER BY ?s"}, headers=JSON_RESULTS
        )
        assert r.headers["x-sparql-maxrows"] == "2"
        assert len(r.json()["results"]["bindings"]) == 2
        xml = httpx.get(
            f"{base}/sparql",
            params={"query": "SELECT ?s { ?s ?p ?o }"},
            headers={"Accept": "application/sparql-results+xml"},
        )
        assert xml.text.count("<result>") == 2
        assert xml.text.rstrip().endswith(
            "<!-- result reached the server's row cap of 2 rows; there may be more -->"
        )
        ttl = httpx.get(
            f"{base}/sparql",
            params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
            headers={"Accept": "application/n-triples"},
        )
        assert [line for line in ttl.text.splitlines() if not line.startswith("#")].__len__() == 2
        assert ttl.text.endswith("# result cut at 2 rows by the server's row cap\n")
        small = httpx.get(
            f"{base}/sparql",
            params={"query": f"SELECT ?v {{ ?s <{EX}value> ?v }}"},
            headers={"Accept": "application/sparql-results+xml"},
        )
        assert small.text.count("<result>") == 1 and "row cap" not in small.text

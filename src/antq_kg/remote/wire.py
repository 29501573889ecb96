"""What goes over the wire to a SPARQL 1.1 server: the query form, answers read into the
:class:`~antq_kg.store.QueryResult` the embedded store gives, HTTP errors as :mod:`antq_kg.errors`,
N-Triples cut into write batches that keep blank nodes together."""

from __future__ import annotations

import html
import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from ..errors import QueryError, RemoteError
from ..formats import RDF_FORMATS, Format
from ..store import (
    QueryResult,
    ResultKind,
    parse_rdf,
    serialize_quads,
)

_FORM = re.compile(r"(?<![\w:$?])(SELECT|CONSTRUCT|DESCRIBE|ASK)(?![\w:-])", re.IGNORECASE)
_MASK = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)
_BNODE_CHARS = re.compile(r"[^A-Za-z0-9_-]")


def is_url(text: str | Path) -> bool:
    """Whether a ``--store`` value names a remote endpoint rather than a directory.

    >>> is_url("http://127.0.0.1:7878/query"), is_url(".antq/store"), is_url("HTTPS://x.org/sparql")
    (True, False, True)
    """
    return isinstance(text, str) and text.lower().startswith(("http://", "https://"))


def query_form(sparql: str) -> str | None:
    """``SELECT``, ``CONSTRUCT``, ``DESCRIBE`` or ``ASK`` (SPARQL 1.1 Query §10): the first form
    keyword outside strings, IRIs and comments, or ``None``.

    >>> query_form('PREFIX ask: <http://e/> # SELECT\\nconstruct { ?s ask:p "ASK" } WHERE { ?s ?p ?o }')
    'CONSTRUCT'
    >>> query_form("INSERT DATA { <http://e/a> <http://e/p> 1 }") is None
    True
    """
    m = _FORM.search(_MASK.sub(" ", sparql))
    return m.group(1).upper() if m else None


def _server_message(response: httpx.Response) -> str:
    """The server's explanation as one short line (HTML stripped, Virtuoso's echo of the query cut)."""
    text = response.text if response.content else ""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split()).split(" SPARQL query:", 1)[0]
    return text[:300] + ("…" if len(text) > 300 else "")


def _fix_bnodes(value: Any, labels: dict[str, str]) -> Any:
    if isinstance(value, dict):
        if value.get("type") == "bnode" and isinstance(value.get("value"), str):
            raw = value["value"]
            label = labels.get(raw)
            if label is None:
                label = labels[raw] = _BNODE_CHARS.sub("", raw.rsplit("/", 1)[-1]) or f"b{len(labels)}"
            return {**value, "value": label}
        return {k: _fix_bnodes(v, labels) for k, v in value.items()}
    if isinstance(value, list):
        return [_fix_bnodes(v, labels) for v in value]
    return value


def results_payload(data: bytes, fmt: Format, *, form: str | None) -> QueryResult:
    """A SELECT/ASK answer as the :class:`QueryResult` the embedded store gives (SPARQL JSON).

    >>> from antq_kg.formats import RESULT_FORMATS
    >>> results_payload(b'{"head":{"vars":["__ASK_RETVAL"]},"results":{"bindings":[]}}',
    ...                 RESULT_FORMATS["json"], form="ASK").boolean
    False
    """
    if fmt.name != "json":
        assert isinstance(fmt.oxigraph, ox.QueryResultsFormat)
        parsed = ox.parse_query_results(data, fmt.oxigraph)
        data = parsed.serialize(format=ox.QueryResultsFormat.JSON) or b""
    doc = json.loads(data)
    if "boolean" in doc:
        return QueryResult("boolean", json.dumps({"head": {}, "boolean": bool(doc["boolean"])}).encode())
    rows = doc.get("results", {}).get("bindings", [])
    if form == "ASK":  # Virtuoso: a table with one row per "true"
        truth = any(str(b.get(v, {}).get("value", "0")) not in ("0", "false") for b in rows for v in b)
        return QueryResult("boolean", json.dumps({"head": {}, "boolean": truth}).encode())
    if b'"bnode"' in data:
        data = json.dumps(_fix_bnodes(doc, {}), ensure_ascii=False).encode("utf-8")
    return QueryResult("solutions", data)


def graph_payload(data: bytes, fmt: Format) -> QueryResult:
    """A CONSTRUCT/DESCRIBE answer in any RDF format as a :class:`QueryResult` (N-Triples)."""
    assert isinstance(fmt.oxigraph, ox.RdfFormat)
    if fmt.name == "ntriples":
        try:
            deque(ox.parse(data, ox.RdfFormat.N_TRIPLES), maxlen=0)  # checked, not rewritten
            return QueryResult("graph", data)
        except SyntaxError:
            pass  # e.g. blank node labels Oxigraph rejects: re-written below
    quads = parse_rdf(data, fmt, source="<answer>") if data.strip() else []
    return QueryResult("graph", serialize_quads(quads, RDF_FORMATS["ntriples"]) if quads else b"")


@dataclass(frozen=True, slots=True)
class RemoteAnswer:
    """A query's answer in the format a client negotiated: ``chunks`` stream it as the server sends it
    when the server speaks that format, else the whole answer converted."""

    kind: ResultKind
    format: Format
    chunks: Iterator[bytes]


def http_reason(exc: httpx.HTTPError) -> str:
    text = " ".join(str(exc).split())
    if isinstance(exc, httpx.ConnectError) and "refused" in text.lower():
        return "connection refused"
    return text or type(exc).__name__


def status_error(response: httpx.Response, url: str) -> RemoteError | QueryError:
    """An HTTP error status as an error of :mod:`antq_kg.errors`, naming the URL and the status."""
    status = response.status_code
    said = _server_message(response)
    if status == 400:
        return QueryError(f"rejected by the server (HTTP 400): {said or 'bad request'}", path=url)
    if status in (401, 403):
        hint = (
            "check --user/--password or --token"
            if status == 401
            else "the credentials lack the right to do this"
        )
        error = RemoteError(f"not authorised (HTTP {status}): {hint}", endpoint=url, status=status)
    elif status == 404:
        error = RemoteError("not found (HTTP 404): is this the right URL?", endpoint=url, status=status)
    else:
        reason = response.reason_phrase or "error"
        error = RemoteError(
            f"HTTP {status} {reason}" + (f": {said}" if said else ""), endpoint=url, status=status
        )
    return error


_LITERAL = re.compile(rb'"(?:[^"\\\n]|\\.)*"')
_BNODE = re.compile(rb"_:[^\s.]+(?:\.[^\s.]+)*")


def batched(ntriples: bytes, size: int) -> Iterator[bytes]:
    r"""N-Triples in batches of about ``size`` lines, every group of triples joined by blank nodes in one
    batch (blank node labels are local to one request: a split group would become two sets of nodes).

    >>> doc = b"".join(b"<http://e/%d> <http://e/p> %s .\n" % (i, b"_:x" if i in (0, 3) else b'"_:y"')
    ...                for i in range(4))
    >>> [[line[10:11] for line in batch.splitlines()] for batch in batched(doc, 2)]
    [[b'1', b'2'], [b'0', b'3']]
    """
    parent: dict[bytes, bytes] = {}

    def find(x: bytes) -> bytes:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    plain: list[bytes] = []
    linked: list[tuple[bytes, bytes]] = []
    for line in ntriples.splitlines(keepends=True):
        nodes = _BNODE.findall(_LITERAL.sub(b'""', line)) if b"_:" in line else []
        if not nodes:
            if line.strip():
                plain.append(line)
            continue
        for other in nodes[1:]:
            parent[find(other)] = find(nodes[0])
        linked.append((nodes[0], line))
    groups: dict[bytes, list[bytes]] = {}
    for node, line in linked:
        groups.setdefault(find(node), []).append(line)
    batch: list[bytes] = []
    for unit in [*([line] for line in plain), *groups.values()]:
        if batch and len(batch) + len(unit) > size:
            yield b"".join(batch)
            batch = []
        batch.extend(unit)
    if batch:
        yield b"".join(batch)

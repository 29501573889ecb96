"""The :class:`RemoteStore`: the :class:`~antq_kg.store.Store` protocol over the SPARQL 1.1 Protocol,
Update and Graph Store HTTP Protocol."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from ..errors import InputError, QueryError, RemoteError
from ..formats import RDF_FORMATS, RESULT_FORMATS, Format, by_media_type
from ..store import (
    QueryResult,
    ResultKind,
    read_rdf_file,
    serialize_quads,
    service_endpoints,
    term_text,
)
from ..store.rdf import LoadsQuads
from .wire import RemoteAnswer, batched, graph_payload, http_reason, query_form, results_payload, status_error

#: Seconds to wait for a server (connect, and between bytes of an answer).
DEFAULT_TIMEOUT = 60.0
#: Triples per write request: SPARQL Update text (Virtuoso's parser runs out of memory near 5,000
#: triples in one INSERT DATA) and Graph Store bodies.
UPDATE_BATCH = 1_000
GRAPH_STORE_BATCH = 50_000
#: Graphs a server keeps for itself (Virtuoso's schemas, LDP and service description).
SYSTEM_GRAPH_PREFIXES: tuple[str, ...] = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/",
)

_RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.8"
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.8, application/rdf+xml;q=0.5"
#: What :meth:`RemoteStore.answer` also takes when the server lacks the format a client asked for.
_FALLBACK = {
    "results": "application/sparql-results+json;q=0.5, application/sparql-results+xml;q=0.4",
    "rdf": "application/n-triples;q=0.5, text/turtle;q=0.4",
}


class RemoteStore(LoadsQuads):
    """A :class:`~antq_kg.store.Store` on a SPARQL 1.1 server: query at ``url``; writes by SPARQL
    Update at ``update_url`` (default: ``url``) or, when given, the Graph Store at ``graph_store_url``.

    ``client`` lets a caller bring its own ``httpx.Client`` (a FastAPI ``TestClient`` is one);
    otherwise the store opens one and closes it in :meth:`close`. Writes are one request per batch of
    :data:`UPDATE_BATCH` (Update) or :data:`GRAPH_STORE_BATCH` triples (Graph Store): atomic per
    request, not across them. Blank nodes that share a batch stay joined; a batch is never split
    inside a group of triples linked by blank nodes.
    """

    path: Path | None = None
    read_only: bool = False

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        auth: httpx.Auth | None = None,
        client: httpx.Client | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        hidden_graphs: Sequence[str] = SYSTEM_GRAPH_PREFIXES,
        update_batch: int = UPDATE_BATCH,
        graph_store_batch: int = GRAPH_STORE_BATCH,
    ) -> None:
        self.url = url
        self.update_url = update_url or url
        self.graph_store_url = graph_store_url
        self.hidden_graphs = tuple(hidden_graphs)
        self.update_batch = update_batch
        self.graph_store_batch = graph_store_batch
        self._auth = auth
        self._timeout = timeout
        self._own_client = client is None
        self._client = client if client is not None else httpx.Client(timeout=timeout, follow_redirects=True)

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # -- transport --------------------------------------------------------------------------------------

    def _request(self, method: str, url: str, *, stream: bool = False, **kwargs: Any) -> httpx.Response:
        request = self._client.build_request(method, url, **kwargs)
        try:
            response = self._client.send(request, auth=self._auth or httpx.USE_CLIENT_DEFAULT, stream=stream)
        except httpx.TimeoutException:
            raise RemoteError(f"no answer within {self._timeout:g} s", endpoint=url) from None
        except httpx.HTTPError as exc:
            raise RemoteError(f"endpoint unreachable ({http_reason(exc)})", endpoint=url) from None
        if response.status_code >= 400:
            if stream:
                response.read()
                response.close()
            raise status_error(response, url)
        return response

    def _post_form(
        self,
        url: str,
        field: str,
        text: str,
        *,
        accept: str | None = None,
        params: list[tuple[str, str]] | None = None,
        stream: bool = False,
    ) -> httpx.Response:
        headers = {"Accept": accept} if accept else {}
        return self._request(
            "POST", url, data={field: text}, params=params or None, headers=headers, stream=stream
        )

    # -- reading --------------------------------------------------------------------------------------

    def _check_services(self, sparql: str, services: Collection[str]) -> None:
        refused = [iri for iri in service_endpoints(sparql) if iri not in services]
        if refused:
            raise QueryError(f"SERVICE <{refused[0]}> is not allowed here (federated queries are off)")

    @staticmethod
    def _dataset(
        default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None
    ) -> list[tuple[str, str]]:
        """The protocol's dataset parameters (SPARQL 1.1 Protocol §2.1.4)."""
        return [("default-graph-uri", g) for g in default_graphs or ()] + [
            ("named-graph-uri", g) for g in named_graphs or ()
        ]

    def query(
        self,
        sparql: str,
        *,
        services: Collection[str] = (),
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query on the server; ``SERVICE`` calls are refused here, before sending,
        unless listed in ``services`` (the server would otherwise fetch any URL a query names)."""
        self._check_services(sparql, services)
        form = query_form(sparql)
        accept = _GRAPH_ACCEPT if form in ("CONSTRUCT", "DESCRIBE") else _RESULTS_ACCEPT
        if form is None:
            accept = f"{_RESULTS_ACCEPT}, {_GRAPH_ACCEPT}"
        response = self._post_form(
            self.url, "query", sparql, accept=accept, params=self._dataset(default_graphs, named_graphs)
        )
        return self._result(response, form)

    def _result(self, response: httpx.Response, form: str | None) -> QueryResult:
        content_type = response.headers.get("content-type", "")
        results = by_media_type(content_type, "results")
        try:
            if results is not None:
                return results_payload(response.content, results, form=form)
            rdf = by_media_type(content_type, "rdf") or (
                RDF_FORMATS["ntriples"] if content_type.startswith("text/plain") else None
            )
            if rdf is not None:
                return graph_payload(response.content, rdf)
        except (SyntaxError, ValueError, KeyError, InputError) as exc:
            raise RemoteError(
                f"unreadable answer ({' '.join(str(exc).split())[:200]})", endpoint=str(response.url)
            ) from None
        raise RemoteError(f"unexpected answer type {content_type or '(none)'!r}", endpoint=str(response.url))

    @contextmanager
    def answer(
        self,
        sparql: str,
        *,
        results: Format = RESULT_FORMATS["json"],
        graph: Format = RDF_FORMATS["turtle"],
        services: Collection[str] = (),
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> Iterator[RemoteAnswer]:
        """A query's answer in ``results`` (SELECT/ASK) or ``graph`` (CONSTRUCT/DESCRIBE) format, for an
        endpoint that fronts this server: streamed through unchanged when the server answers in that
        format, else converted here (Virtuoso's ASK table always is)."""
        self._check_services(sparql, services)
        form = query_form(sparql)
        wanted = graph if form in ("CONSTRUCT", "DESCRIBE") else results
        accept = f"{wanted.media_type}, {_FALLBACK[wanted.kind]}"
        response = self._post_form(
            self.url,
            "query",
            sparql,
            accept=accept,
            stream=True,
            params=self._dataset(default_graphs, named_graphs),
        )
        try:
            got = by_media_type(response.headers.get("content-type", ""), wanted.kind)
            if got == wanted and form not in ("ASK", None):
                kind: ResultKind = "graph" if wanted.kind == "rdf" else "solutions"
                yield RemoteAnswer(kind, wanted, self._stream(response))
                return
            response.read()
            result = self._result(response, form)
            fmt = (
                wanted
                if (result.kind == "graph") == (wanted.kind == "rdf")
                else (graph if result.kind == "graph" else results)
            )
            yield RemoteAnswer(result.kind, fmt, iter([result.serialize(fmt)]))
        finally:
            response.close()

    def _stream(self, response: httpx.Response) -> Iterator[bytes]:
        try:
            yield from response.iter_bytes()
        except httpx.HTTPError as exc:
            raise RemoteError(f"answer cut short ({http_reason(exc)})", endpoint=str(response.url)) from None

    def _visible(self, graph: str) -> bool:
        return not graph.startswith(self.hidden_graphs)

    def graphs(self) -> list[str]:
        """The named graphs that hold triples, sorted (the server's own graphs left out)."""
        rows = self.query(
            "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        ).rows()  # Virtuoso: DISTINCT is slower
        return sorted(g for g in (_label(r[0]) for r in rows if r[0] is not None) if self._visible(g))

    def graph_sizes(self) -> dict[str, int]:
        """Triples per named graph (the server's own graphs left out): one query."""
        rows = self.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows()
        out: dict[str, int] = {}
        for g, n in rows:
            if g is not None and n is not None and self._visible(_label(g)):
                out[_label(g)] = int(term_text(n))
        return out

    def __len__(self) -> int:
        """The quads of the named graphs (on a union-default-graph server the default graph is their union)."""
        return sum(self.graph_sizes().values())

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one named graph (``None``: the default graph), by a Graph Store ``GET`` when
        there is a Graph Store URL, else by ``CONSTRUCT``."""
        name: ox.NamedNode | ox.DefaultGraph = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
        if self.graph_store_url is not None:
            params = {"default": ""} if graph is None else {"graph": graph}
            response = self._request(
                "GET",
                self.graph_store_url,
                params=_gsp_params(self.graph_store_url, params),
                headers={"Accept": _GRAPH_ACCEPT},
            )
            triples = self._result(response, "CONSTRUCT").quads()
        elif graph is None:  # on a union-default-graph server: what no named graph holds
            triples = self.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
            ).quads()
        else:
            triples = self.query(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
            ).quads()
        for q in triples:
            yield ox.Quad(q.subject, q.predicate, q.object, name)

    def dump(self, format: Format) -> bytes:
        """Every visible graph, fetched one by one (all graphs merged for triple-only formats)."""
        if format.kind != "rdf":
            raise InputError(f"{format.name} is not an RDF format")
        quads: list[ox.Quad] = []
        for g in [None, *self.graphs()]:
            quads.extend(self.quads(g))
        return serialize_quads(quads, format)

    # -- writing --------------------------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update on the server (an HTTP 400 is a ``QueryError``)."""
        self._post_form(self.update_url, "update", sparql)

    def put_graph(
        self, graph: str | None, triples: Iterable[ox.Triple | ox.Quad], *, append: bool = False
    ) -> int:
        """Replace (or, with ``append``, add to) one graph; returns the requests sent (see :meth:`send_batch`)."""
        body = (
            ox.serialize(
                [t.triple if isinstance(t, ox.Quad) else t for t in triples], format=ox.RdfFormat.N_TRIPLES
            )
            or b""
        )
        batches = list(batched(body, self.batch_size)) or [b""]
        for i, batch in enumerate(batches):
            self.send_batch(graph, batch, replace=not append and i == 0)
        return len(batches)

    @property
    def batch_size(self) -> int:
        """Triples per write request: :data:`GRAPH_STORE_BATCH` with a Graph Store, else :data:`UPDATE_BATCH`."""
        return self.graph_store_batch if self.graph_store_url else self.update_batch

    def send_batch(self, graph: str | None, ntriples: bytes, *, replace: bool) -> None:
        """One write request: N-Triples lines into ``graph`` (``None``: the default graph), replacing its
        content when ``replace`` — a Graph Store ``PUT`` (``POST`` to add) when there is a Graph Store URL,
        else a SPARQL Update ``DROP SILENT`` + ``INSERT DATA`` (N-Triples terms are SPARQL terms), or
        ``INSERT { … } WHERE {}`` when blank nodes are among them (one solution: one set of fresh nodes)."""
        if self.graph_store_url is not None:
            params = _gsp_params(self.graph_store_url, {"default": ""} if graph is None else {"graph": graph})
            self._request(
                "PUT" if replace else "POST",
                self.graph_store_url,
                params=params,
                content=ntriples,
                headers={"Content-Type": "application/n-triples"},
            )
            return
        where = "DEFAULT" if graph is None else f"GRAPH <{graph}>"
        ops = [f"DROP SILENT {where}"] if replace else []
        if ntriples.strip():
            lines = ntriples.decode("utf-8")
            block = lines if graph is None else f"GRAPH <{graph}> {{\n{lines}}}"
            # Virtuoso refuses blank nodes in INSERT DATA; a template with an empty WHERE means the same
            ops.append(
                f"INSERT {{ {block} }} WHERE {{}}" if b"_:" in ntriples else f"INSERT DATA {{ {block} }}"
            )
        if ops:
            self.update(" ;\n".join(ops))

    def write_quads(self, quads: Iterable[ox.Quad], *, replace: bool, keep: Collection[str] = ()) -> int:
        by_graph: dict[str | None, list[ox.Quad]] = {}
        for q in quads:
            by_graph.setdefault(
                None if isinstance(q.graph_name, ox.DefaultGraph) else _label(q.graph_name), []
            ).append(q)
        for g, batch in by_graph.items():
            self.put_graph(g, batch, append=not replace or g is None or g in keep)
        return sum(len(b) for b in by_graph.values())

    def add_quads(self, quads: Sequence[ox.Quad], *, bulk: bool = False) -> int:
        """Add quads graph by graph (``bulk`` changes nothing here: every write is batched)."""
        return self.write_quads(quads, replace=False)

    def replace_graphs(self, quads: Iterable[ox.Quad], *, keep: Collection[str] = ()) -> int:
        """Replace every named graph the quads mention (except ``keep``, added to) with their quads."""
        return self.write_quads(quads, replace=True, keep=keep)

    def load_file(self, path: str | Path, format: Format | None = None, *, replace: bool = False) -> int:
        """Parse an RDF file completely here (``InputError`` names file and line), then send it."""
        return self.write_quads(read_rdf_file(path, format), replace=replace)

    def drop_graphs(self, names: Iterable[str], *, default: bool = True) -> None:
        """Drop named graphs (and empty the default graph) in one SPARQL Update or Graph Store deletes."""
        targets: list[str | None] = [None] if default else []
        targets += [n for n in names if not n.startswith("_:")]
        if self.graph_store_url is None:
            ops = [f"DROP SILENT {'DEFAULT' if g is None else f'GRAPH <{g}>'}" for g in targets]
            if ops:
                self.update(" ;\n".join(ops))
            return
        for g in targets:
            params = _gsp_params(self.graph_store_url, {"default": ""} if g is None else {"graph": g})
            try:
                self._request("DELETE", self.graph_store_url, params=params)
            except RemoteError as exc:
                if exc.status != 404:  # an absent graph is dropped already
                    raise

    def clear(self) -> None:
        """Drop every visible named graph (the server's own graphs stay, and so does the default graph's own
        content, which Virtuoso's Graph Store cannot even name: its error 22023)."""
        self.drop_graphs(self.graphs(), default=False)

    def close(self) -> None:
        """Close the HTTP client this store opened (a client passed in is the caller's)."""
        if self._own_client:
            self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _label(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(getattr(term, "value", term))


def _gsp_params(url: str, params: dict[str, str]) -> dict[str, str]:
    """Graph Store parameters; Virtuoso's ``/sparql-graph-crud`` names the graph ``graph-uri``."""
    if "graph-crud" in url and "graph" in params:
        return {"graph-uri": params["graph"]}
    return params

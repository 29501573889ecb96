"""SPARQL 1.1 Protocol router (https://www.w3.org/TR/sparql11-protocol/ §2.1 query operation).

Three request forms: GET ``/sparql?query=…``, POST ``application/x-www-form-urlencoded`` with a
``query`` field, POST ``application/sparql-query`` with the query as the body. Form bodies are
decoded exactly once (a literal ``%25`` in a query stays ``%25``).

- **Dataset** (§2.1.4): ``default-graph-uri`` and ``named-graph-uri``, each repeatable, in the URL
  (GET, and POST ``application/sparql-query``) or the form, pick graphs of the store and override
  the query's ``FROM`` / ``FROM NAMED``; with neither, the query's own dataset clause, else the union
  of all graphs (:func:`antq_kg.store.dataset_options`). Nothing is ever fetched from the web.
- **Evaluation** happens in a worker process (:mod:`antq_kg.querypool`), never on the event loop:
  the handler awaits the head of the result, so a query error or a timeout is a clean error status
  (400, 406, 503) and a 200 is sent only once a result exists. The result is written by Oxigraph's
  serialiser in the worker, in the negotiated format, and streamed in chunks; a query that runs
  past the time limit while streaming gets its connection aborted (no clean end of a truncated body).
- **Negotiation**: SELECT/ASK among the SPARQL result formats, CONSTRUCT/DESCRIBE among the RDF
  formats (:func:`antq_kg.formats.negotiate`); 406 when the ``Accept`` header lists nothing offered.
- **Row cap** (``serve --max-rows N``): a SELECT gets at most N solutions (its top-level ``LIMIT``
  lowered to N), a CONSTRUCT/DESCRIBE at most N triples. Every such response says the cap in
  ``X-SPARQL-MaxRows: N``; when a result reaches it, formats that allow comments end with one saying
  so (Turtle, TriG, N-Triples, N-Quads: ``# …``; SPARQL XML, RDF/XML: ``<!-- … -->``).
- **Limits**: a request body over ``max_body`` bytes is 413, a query string over
  ``max_query_string`` bytes is 414 (send long queries by POST).
- **No query**: a browser (``Accept`` preferring ``text/html``) is sent to the query page; other
  clients get the SPARQL 1.1 Service Description (:mod:`antq_kg.web.describe`).
- **Updates** are never accepted here (403): they go to ``/update`` (:mod:`antq_kg.web.writes`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse
from starlette.exceptions import HTTPException

from ..errors import InputError, NotAcceptable, QueryError, QueryTimeout
from ..formats import RDF_FORMATS, RESULT_FORMATS, Format, accepts, negotiate
from ..querypool import RunningQuery, job_for
from ..querytext import cap_limit, check_services
from . import app_limits, served_of

router = APIRouter()

#: Media types a /sparql request body may have.
QUERY_BODY_TYPES = ("application/sparql-query", "application/x-www-form-urlencoded")


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise QueryError(f"more than one '{name}' parameter")
    return values[0]


def wants_page(accept: str | None) -> bool:
    """Whether a client without a query should get the query page (a browser) rather than RDF.

    >>> wants_page("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    True
    >>> wants_page("text/turtle"), wants_page(None), wants_page("*/*")
    (False, False, False)
    """
    if not accept:
        return False
    html = max(accepts(accept, "text/html"), accepts(accept, "application/xhtml+xml"))
    fmt = negotiate(accept, "rdf")
    rdf = accepts(accept, fmt.media_type) if fmt is not None else 0.0
    return html > rdf


def _refuse_update(params: dict[str, list[str]]) -> None:
    if "update" in params:
        raise HTTPException(
            403,
            "SPARQL Update is not accepted on the query URL /sparql: send it to /update "
            "(only when the server runs with --write-token)",
        )


@router.get("/sparql")
async def sparql_get(request: Request) -> Response:
    """GET: ``?query=`` runs a query; no query gives the query page (browsers) or the service description."""
    raw = request.scope.get("query_string", b"")
    limit = app_limits(request).max_query_string
    if len(raw) > limit:
        raise HTTPException(
            414,
            f"query string of {len(raw)} bytes is over the limit of {limit} bytes: send the query by POST",
        )
    params = parse_qs(raw.decode("latin-1"), keep_blank_values=True, encoding="utf-8")
    _refuse_update(params)
    query = _one(params, "query")
    if query is None:
        if wants_page(request.headers.get("accept")):
            return RedirectResponse("/", status_code=303)
        from .describe import service_description

        return await service_description(request)
    return await answer(request, query, params)


@router.post("/sparql")
async def sparql_post(request: Request) -> Response:
    """POST: a URL-encoded form (``query``) or a direct ``application/sparql-query`` body."""
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type == "application/sparql-update":
        _refuse_update({"update": []})
    if content_type not in QUERY_BODY_TYPES:
        raise HTTPException(
            415,
            f"unsupported Content-Type {content_type or '(none)'!r}: use "
            "application/sparql-query or application/x-www-form-urlencoded",
        )
    text = await read_body(request)
    url_params = parse_qs(request.url.query, keep_blank_values=True)
    if content_type == "application/x-www-form-urlencoded":
        params = parse_qs(text, keep_blank_values=True)
        _refuse_update(params)
        query = _one(params, "query")
        if query is None:
            raise QueryError("missing 'query' parameter")
        return await answer(request, query, params)
    _refuse_update(url_params)
    return await answer(request, text, url_params)


async def read_body(request: Request) -> str:
    """The request body as text, refused with 413 past the size limit (before reading, if it says its size)."""
    limit = app_limits(request).max_body
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body of {int(declared)} bytes is over the limit of {limit} bytes")
    body = bytearray()
    async for part in request.stream():
        body += part
        if len(body) > limit:
            raise HTTPException(413, f"request body is over the limit of {limit} bytes")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"request body is not UTF-8 (byte offset {exc.start})") from exc


async def answer(request: Request, query: str, params: dict[str, list[str]]) -> Response:
    """Run ``query`` in a worker and answer with its result, streamed as the worker writes it."""
    if not query.strip():
        raise QueryError("missing 'query' parameter")
    served = served_of(request)
    check_services(query, request.app.state.allow_services)
    accept = request.headers.get("accept")
    results, graph = negotiate(accept, "results"), negotiate(accept, "rdf")
    if results is None and graph is None:
        raise NotAcceptable(
            f"none of the types in Accept: {accept} is offered: SPARQL results as "
            "application/sparql-results+json, +xml, text/csv, text/tab-separated-values; "
            "graphs as text/turtle, application/n-triples, application/ld+json, …"
        )
    max_rows = served.settings.max_rows
    if served.remote:
        return await _answer_remote(
            request, cap_limit(query, max_rows) if max_rows else query, params, results=results, graph=graph
        )
    job = job_for(
        query,
        results=results,
        graph=graph,
        max_rows=max_rows,
        default_graphs=params.get("default-graph-uri", []),
        named_graphs=params.get("named-graph-uri", []),
    )
    pool = await served.started()
    running = await pool.run(job)
    assert running.head is not None
    fmt = running.head.format
    headers = {"Vary": "Accept"}
    if max_rows is not None and running.head.kind != "boolean":
        headers["X-SPARQL-MaxRows"] = str(max_rows)
    if running.finished:  # the whole result is already here: one plain response
        body = running.first
        running.close()
        return Response(body, media_type=fmt.content_type, headers=headers)
    return StreamingResponse(_stream(running), media_type=fmt.content_type, headers=headers)


async def _answer_remote(
    request: Request,
    query: str,
    params: dict[str, list[str]],
    *,
    results: Format | None,
    graph: Format | None,
) -> Response:
    """A remote endpoint's answer, streamed through (:meth:`antq_kg.remote.RemoteStore.answer`).

    The HTTP client runs in threads; the time limit bounds the wait for the head of the answer
    (the request itself is bounded by the remote store's own timeout).
    """
    served = served_of(request)
    store: Any = served.source
    limit = served.settings.timeout
    opened = store.answer(
        query,
        results=results or RESULT_FORMATS["json"],
        graph=graph or RDF_FORMATS["turtle"],
        services=request.app.state.allow_services,
        default_graphs=params.get("default-graph-uri") or None,
        named_graphs=params.get("named-graph-uri") or None,
    )
    try:
        remote = await asyncio.wait_for(asyncio.to_thread(opened.__enter__), limit)
    except TimeoutError:
        raise QueryTimeout(
            f"no answer from the remote endpoint within the server's time limit of {limit:g} s"
        ) from None
    if (remote.format.kind == "rdf" and graph is None) or (
        remote.format.kind == "results" and results is None
    ):
        await asyncio.to_thread(opened.__exit__, None, None, None)
        raise NotAcceptable("the result cannot be written in any type the Accept header lists")

    async def chunks() -> AsyncIterator[bytes]:
        try:
            while (chunk := await asyncio.to_thread(next, remote.chunks, None)) is not None:
                yield chunk
        finally:
            await asyncio.to_thread(opened.__exit__, None, None, None)

    return StreamingResponse(chunks(), media_type=remote.format.content_type, headers={"Vary": "Accept"})


async def _stream(running: RunningQuery) -> AsyncIterator[bytes]:
    """The result's chunks; an error or timeout mid-stream propagates, which aborts the connection."""
    try:
        async for chunk in running.chunks():
            yield chunk
    finally:
        running.close()


__all__ = ["QUERY_BODY_TYPES", "answer", "read_body", "router", "wants_page"]

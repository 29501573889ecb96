"""Web layer: the SPARQL 1.1 endpoint and the query page, as an app factory (the only FastAPI code).

``create_app(store, *, base_iri)`` builds a fresh :class:`fastapi.FastAPI` around a
:class:`antq_kg.store.Store` (no module-level app or graph). Queries run in worker processes over
a snapshot of the store (:mod:`antq_kg.web.served`, :mod:`antq_kg.querypool`), started with the
app. Routes:

- ``/sparql`` — SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/): GET ``?query=``,
  POST ``application/x-www-form-urlencoded``, POST ``application/sparql-query``; dataset
  parameters, time limit, row cap, size limits (:mod:`antq_kg.web.sparql`); without a query, the
  query page for browsers and the SPARQL 1.1 Service Description for others.
- ``/.well-known/void`` — the VoID description of the dataset (:mod:`antq_kg.void`).
- ``/update``, ``/store`` — SPARQL Update and the Graph Store HTTP Protocol, only with a write
  token (:mod:`antq_kg.web.writes`).
- ``/`` — a query page: a form, a results table drawn by ``static/query.js`` (which calls
  ``/sparql`` with ``Accept: application/sparql-results+json``), and the competency queries of
  ``queries/*.rq`` to load into the form. Result IRIs under ``{base}id/`` link to their ``/id/`` page.
- ``/id/{path}`` — 303 See Other to ``/doc/{path}``, the content-negotiated description of the
  resource ``{base}id/{path}`` (HTML, Turtle, JSON-LD, N-Triples…; a ``.ttl``/``.jsonld``/``.nt``/
  ``.html`` suffix overrides ``Accept``): :mod:`antq_kg.web.resources`, paths from
  :class:`antq_kg.web.urls.Urls`.

One exception handler maps errors (:mod:`antq_kg.errors`): ``QueryError``/``InputError`` → 400,
``NotFound`` → 404, ``NotAcceptable`` → 406, ``StoreError``/``RemoteError``/``QueryTimeout`` → 503,
HTTP errors (401, 403, 413, 414, 415…) as raised, anything else → 500 (logged). The body follows
``Accept``: HTML for browsers, ``{"ok": false, "error": …, "status": …}`` for JSON, plain text
otherwise (what SPARQL clients show their users). The read-only routes answer other origins
(:mod:`antq_kg.web.cors`).
"""

from __future__ import annotations

import html
import logging
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import (
    AntqError,
    InputError,
    NotAcceptable,
    NotFound,
    QueryError,
    QueryTimeout,
    RemoteError,
    StoreError,
)
from ..formats import accepts
from ..resources import queries_dir, web_static_dir
from ..store import Store
from .served import PoolSettings, Served

log = logging.getLogger("antq_kg.web")

#: The competency queries shipped with the package (the repository's ``queries/``).
DEFAULT_QUERIES_DIR = queries_dir()


#: Request body limit (bytes) unless ``serve --max-body`` says otherwise.
DEFAULT_MAX_BODY = 1024 * 1024
#: Query string limit (bytes): longer queries go by POST.
DEFAULT_MAX_QUERY_STRING = 64 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Request size limits: the body (413 beyond) and the URL's query string (414 beyond)."""

    max_body: int = DEFAULT_MAX_BODY
    max_query_string: int = DEFAULT_MAX_QUERY_STRING


def served_of(request: Request) -> Served:
    """What the app serves (snapshot, workers, writes)."""
    served: Served = request.app.state.served
    return served


def app_limits(request: Request) -> Limits:
    """The app's request size limits."""
    limits: Limits = request.app.state.limits
    return limits


def get_store(request: Request) -> Store:
    """The store the pages read: the served snapshot (a FastAPI dependency)."""
    return served_of(request).reader()


StoreDep = Annotated[Store, Depends(get_store)]


def error_status(exc: BaseException) -> int:
    """The HTTP status of an error.

    >>> error_status(QueryError("bad")), error_status(NotFound("x")), error_status(StoreError("down"))
    (400, 404, 503)
    >>> error_status(RuntimeError())
    500
    """
    if isinstance(exc, QueryError | InputError):
        return 400
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, NotAcceptable):
        return 406
    if isinstance(exc, StoreError | RemoteError | QueryTimeout):
        return 503
    if isinstance(exc, StarletteHTTPException):
        return exc.status_code
    if isinstance(exc, RequestValidationError):
        return 400
    return 500


def error_body_kind(accept: str | None) -> str:
    """``html``, ``json`` or ``text``: what the client asked for by name (text when unsure).

    >>> error_body_kind("text/html,application/xhtml+xml,*/*;q=0.8")
    'html'
    >>> error_body_kind("application/json")
    'json'
    >>> error_body_kind("application/sparql-results+json")
    'text'
    """
    best, kind = 0.0, "text"
    for media_type, name in (("text/plain", "text"), ("application/json", "json"), ("text/html", "html")):
        q = accepts(accept, media_type) if accept and media_type in accept.lower() else 0.0
        if q > best:
            best, kind = q, name
    return kind


def _message(exc: BaseException, status: int) -> str:
    if isinstance(exc, AntqError):
        return str(exc)
    if isinstance(exc, StarletteHTTPException):
        return str(exc.detail)
    if isinstance(exc, RequestValidationError):
        return "; ".join(str(e.get("msg", e)) for e in exc.errors()) or "bad request"
    return "internal server error"


async def handle_error(request: Request, exc: Exception) -> Response:
    """The one exception handler: status from the error's class, body shaped by ``Accept``."""
    status = error_status(exc)
    if status >= 500 and not isinstance(exc, StoreError | RemoteError | QueryTimeout):
        log.error("error serving %s %s", request.method, request.url.path, exc_info=exc)
    message = _message(exc, status)
    kind = error_body_kind(request.headers.get("accept"))
    headers = {"Vary": "Accept", **(getattr(exc, "headers", None) or {})}
    if kind == "json":
        return JSONResponse(
            {"ok": False, "error": message, "status": status}, status_code=status, headers=headers
        )
    if kind == "html":
        page = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error '
            f'{status}</title><link rel="stylesheet" href="/static/style.css"></head><body><main>'
            f'<h1>Error {status}</h1><p class="error">{html.escape(message)}</p>'
            '<p><a href="/">Back to the query page</a></p></main></body></html>'
        )
        return HTMLResponse(page, status_code=status, headers=headers)
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


def create_app(
    store: Store,
    *,
    base_iri: str,
    allow_services: Collection[str] = (),
    queries_dir: Path | None = None,
    title: str = "antq-kg",
    pool: PoolSettings | None = None,
    limits: Limits | None = None,
    write_token: str | None = None,
    no_text: bool = False,
) -> FastAPI:
    """A FastAPI app serving ``store``: SPARQL endpoint at ``/sparql``, query page at ``/``.

    Federated ``SERVICE`` calls are refused (400) unless their endpoint is in ``allow_services``.
    ``pool`` sizes the query workers and sets the time limit and row cap; ``limits`` the request
    sizes. ``write_token`` turns on ``/update`` and ``/store`` for requests bearing it; ``no_text``
    serves the graph without the articles' full text (``nif:isString``).
    """
    from . import describe, pages, resources, sparql, writes
    from .cors import CorsMiddleware
    from .urls import Urls

    served = Served(store, settings=pool or PoolSettings(), no_text=no_text)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            if not served.remote:
                await served.started()
        except Exception as exc:  # the store may come up later: /sparql says 503 meanwhile
            log.warning("query workers not started: %s", exc)
        try:
            yield
        finally:
            await served.close()

    app = FastAPI(title=title, docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.served = served
    app.state.limits = limits or Limits()
    app.state.base_iri = base_iri
    app.state.urls = Urls(base_iri)
    app.state.write_token = write_token
    app.state.allow_services = frozenset(allow_services)
    app.state.queries_dir = queries_dir if queries_dir is not None else DEFAULT_QUERIES_DIR
    app.include_router(sparql.router)
    app.include_router(describe.router)
    if write_token is not None:
        app.include_router(writes.router)
    app.include_router(pages.router)
    app.include_router(resources.router)
    app.mount("/static", StaticFiles(directory=web_static_dir()), name="static")
    for cls in (AntqError, StarletteHTTPException, RequestValidationError, Exception):
        app.add_exception_handler(cls, handle_error)
    app.add_middleware(CorsMiddleware)
    return app


def serve_once(app: FastAPI, path: str) -> tuple[int, str]:
    """GET ``path`` from ``app`` in-process (``antq-kg serve --get``): status and body text."""
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get(path)
    return response.status_code, response.text


__all__ = [
    "DEFAULT_MAX_BODY",
    "DEFAULT_MAX_QUERY_STRING",
    "Limits",
    "PoolSettings",
    "StoreDep",
    "app_limits",
    "create_app",
    "error_status",
    "get_store",
    "handle_error",
    "serve_once",
    "served_of",
]

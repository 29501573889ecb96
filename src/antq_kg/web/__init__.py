"""Web layer: the SPARQL 1.1 endpoint and the query page, as an app factory (the only FastAPI code).

``create_app(store, *, base_iri)`` builds a fresh :class:`fastapi.FastAPI` around a
:class:`antq_kg.store.Store` (no module-level app or graph). Routes:

- ``/sparql`` — SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/): GET ``?query=``,
  POST ``application/x-www-form-urlencoded``, POST ``application/sparql-query``; results negotiated
  through :mod:`antq_kg.formats`; without a query, the SPARQL 1.1 Service Description (Turtle).
- ``/`` — a query page: a form, a results table drawn by ``static/query.js`` (which calls
  ``/sparql`` with ``Accept: application/sparql-results+json``), and the competency queries of
  ``queries/*.rq`` to load into the form. Result IRIs under ``{base}id/`` link to their ``/id/`` page.
- ``/id/{path}`` — 303 See Other to ``/doc/{path}``, the content-negotiated description of the
  resource ``{base}id/{path}`` (HTML, Turtle, JSON-LD, N-Triples…; a ``.ttl``/``.jsonld``/``.nt``/
  ``.html`` suffix overrides ``Accept``): :mod:`antq_kg.web.resources`, paths from
  :class:`antq_kg.web.urls.Urls`.

One exception handler maps errors (:mod:`antq_kg.errors`): ``QueryError``/``InputError`` → 400,
``NotFound`` → 404, ``StoreError``/``RemoteError`` → 503, anything else → 500 (logged). The body
follows ``Accept``: HTML for browsers, ``{"ok": false, "error": …, "status": …}`` for JSON, plain
text otherwise (what SPARQL clients show their users).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Collection
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import AntqError, InputError, NotFound, QueryError, RemoteError, StoreError
from ..formats import accepts
from ..resources import queries_dir, web_static_dir
from ..store import Store

log = logging.getLogger("antq_kg.web")

#: The competency queries shipped with the package (the repository's ``queries/``).
DEFAULT_QUERIES_DIR = queries_dir()


def get_store(request: Request) -> Store:
    """The app's store (a FastAPI dependency)."""
    store: Store = request.app.state.store
    return store


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
    if isinstance(exc, StoreError | RemoteError):
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
    if status >= 500 and not isinstance(exc, StoreError | RemoteError):
        log.error("error serving %s %s", request.method, request.url.path, exc_info=exc)
    message = _message(exc, status)
    kind = error_body_kind(request.headers.get("accept"))
    headers = {"Vary": "Accept"}
    if kind == "json":
        return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status, headers=headers)
    if kind == "html":
        page = (
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error "
            f"{status}</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body><main>"
            f"<h1>Error {status}</h1><p class=\"error\">{html.escape(message)}</p>"
            "<p><a href=\"/\">Back to the query page</a></p></main></body></html>"
        )
        return HTMLResponse(page, status_code=status, headers=headers)
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


def create_app(
    store: Store,
    *,
    base_iri: str,
    allow_update: bool = False,
    allow_services: Collection[str] = (),
    queries_dir: Path | None = None,
    title: str = "antq-kg",
) -> FastAPI:
    """A FastAPI app serving ``store``: SPARQL endpoint at ``/sparql``, query page at ``/``.

    Federated ``SERVICE`` calls are refused (400) unless their endpoint is in ``allow_services``.
    """
    from . import pages, resources, sparql
    from .urls import Urls

    app = FastAPI(title=title, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = store
    app.state.base_iri = base_iri
    app.state.urls = Urls(base_iri)
    app.state.allow_update = allow_update
    app.state.allow_services = frozenset(allow_services)
    app.state.queries_dir = queries_dir if queries_dir is not None else DEFAULT_QUERIES_DIR
    app.include_router(sparql.router)
    app.include_router(pages.router)
    app.include_router(resources.router)
    app.mount("/static", StaticFiles(directory=web_static_dir()), name="static")
    for cls in (AntqError, StarletteHTTPException, RequestValidationError, Exception):
        app.add_exception_handler(cls, handle_error)
    return app


def serve_once(app: FastAPI, path: str) -> tuple[int, str]:
    """GET ``path`` from ``app`` in-process (``antq-kg serve --get``): status and body text."""
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get(path)
    return response.status_code, response.text


__all__ = ["StoreDep", "create_app", "error_status", "get_store", "handle_error", "serve_once"]

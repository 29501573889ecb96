"""Writes, only when the server runs with a write token: SPARQL 1.1 Update at ``/update`` and the
SPARQL 1.1 Graph Store HTTP Protocol at ``/store``.

- SPARQL 1.1 Protocol §2.2 (update operation): POST ``application/sparql-update`` or a form with
  ``update``; 204 when done.
- Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/): ``?graph=IRI`` or
  ``?default``; GET the graph (negotiated RDF), PUT replaces it with the body, POST adds the body
  to it, DELETE drops it (404 when it does not exist). The body's format comes from its
  ``Content-Type`` (:mod:`antq_kg.formats`).

The corpus graph (one ``skos:prefLabel`` per organisation, initiative and person, chosen over every
article graph: :mod:`antq_kg.pipeline.corpus`) is kept right by every write, in the same transaction, by
choosing again the labels of what the written graphs name, before and after
(:func:`antq_kg.pipeline.corpus.labels_kept`). A Graph Store write names its graph; a SPARQL Update's
graphs are read from its text before it runs (:func:`antq_kg.pipeline.corpus.update_labelled`:
``INSERT DATA``/``DELETE DATA`` quads, ``GRAPH <g>`` or ``WITH <g>`` templates, ``CLEAR``/``DROP``/
``CREATE``/``LOAD``/``ADD``/``COPY``/``MOVE`` of named graphs). Only an update whose graphs the text
does not fix (a template ``GRAPH ?g``, ``CLEAR``/``DROP ALL|NAMED``, an Oxigraph extension rdflib's
parser does not know, a text longer than parsing is worth) is followed by the choice of every label over the whole store (1.9 s per 1,000
articles on a busy 2-CPU machine, ``bench/bench_labels.py``). The corpus graph itself is derived,
never written: Graph Store PUT, POST and DELETE of it are refused with 405 (the method is not allowed
on that resource; GET reads it), and an update that writes it by name with 400 and the reason, before
anything runs: 400 is the SPARQL 1.1 Protocol's client-error answer to an update request, as for a
malformed one (POST is allowed on ``/update``, so not 405; 401 and 403 there mean the token).

Only a request with ``Authorization: Bearer <token>`` gets through (401 without one, 403 with a
wrong one), and never from another origin: no CORS header, preflights refused, and a request whose
``Origin`` is not this server is 403. Each write is one transaction through the store's writer and
readers move to the new snapshot when it commits (:meth:`antq_kg.web.served.Served.write`): a query
that starts after the 204 sees the change, no query ever sees half of it.
"""

from __future__ import annotations

import hmac
from contextlib import AbstractContextManager
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from ..errors import NotAcceptable, NotFound, QueryError
from ..formats import by_media_type, negotiate
from ..iris import corpus_graph_iri
from ..pipeline.corpus import CorpusLabels, labels_kept, update_labelled
from ..store import StoreWriter, parse_rdf, serialize_quads
from . import served_of
from .sparql import read_body

router = APIRouter()


def authorize(request: Request) -> None:
    """401 without a bearer token, 403 with a wrong one or from another origin."""
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise HTTPException(403, "cross-origin writes are refused")
    token: str = request.app.state.write_token
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(
            401,
            "writing needs 'Authorization: Bearer <token>' (the token given to serve --write-token)",
            headers={"WWW-Authenticate": 'Bearer realm="antq-kg"'},
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "wrong write token")


@router.options("/update")
@router.options("/store")
def refuse_preflight() -> Response:
    """Cross-origin preflights of the write routes are refused."""
    raise HTTPException(403, "cross-origin requests to the write routes are refused")


@router.post("/update")
async def update(request: Request) -> Response:
    """SPARQL 1.1 Update, applied atomically."""
    authorize(request)
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    text = await read_body(request)
    if content_type == "application/x-www-form-urlencoded":
        values = parse_qs(text, keep_blank_values=True).get("update", [])
        if len(values) != 1:
            raise QueryError("a form needs exactly one 'update' parameter")
        text = values[0]
    elif content_type != "application/sparql-update":
        raise HTTPException(415, "send application/sparql-update or a form with 'update'")
    if not text.strip():
        raise QueryError("empty update")
    base_iri: str = request.app.state.base_iri

    def apply(store: StoreWriter) -> None:  # one write session: the update and the labels commit together
        update_labelled(store, text, base_iri=base_iri)

    await served_of(request).write(apply)
    return Response(status_code=204)


def _target(request: Request, *, writing: bool = True) -> ox.NamedNode | ox.DefaultGraph:
    params = parse_qs(request.url.query, keep_blank_values=True)
    graphs = params.get("graph", [])
    if ("default" in params) == bool(graphs) or len(graphs) > 1:
        raise QueryError("name one graph: ?graph=IRI or ?default")
    if "default" in params:
        return ox.DefaultGraph()
    try:
        target = ox.NamedNode(graphs[0])
    except ValueError:
        raise QueryError(f"not an IRI: {graphs[0]!r}") from None
    if writing and target.value == corpus_graph_iri(base_iri=request.app.state.base_iri):
        raise HTTPException(
            405,
            "the corpus graph is chosen over the article graphs and never written: "
            "write the article graphs and their labels follow",
            headers={"Allow": "GET"},
        )
    return target


def _kept(
    request: Request, store: StoreWriter, target: ox.NamedNode | ox.DefaultGraph
) -> AbstractContextManager[CorpusLabels]:
    """Around a write of ``target``: the labels of what it names, chosen again in the same session."""
    graphs = [] if isinstance(target, ox.DefaultGraph) else [target.value]
    return labels_kept(store, graphs, base_iri=request.app.state.base_iri)


def _drop(store: StoreWriter, target: ox.NamedNode | ox.DefaultGraph) -> None:
    if isinstance(target, ox.DefaultGraph):
        store.drop_graphs([], default=True)
    else:
        store.drop_graphs([target.value], default=False)


async def _body_quads(request: Request, target: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    fmt = by_media_type(request.headers.get("content-type", ""))
    if fmt is None or fmt.datasets:
        raise HTTPException(415, "send a graph as text/turtle, application/n-triples, application/rdf+xml, …")
    text = await read_body(request)
    if not text.strip():
        return []
    triples = parse_rdf(text.encode("utf-8"), fmt, source="request body")
    return [ox.Quad(q.subject, q.predicate, q.object, target) for q in triples]


def _exists(store: StoreWriter, target: ox.NamedNode | ox.DefaultGraph) -> bool:
    return isinstance(target, ox.DefaultGraph) or store.has_graph(target.value)


@router.get("/store")
async def get_graph(request: Request) -> Response:
    """GSP GET: the graph, negotiated among the RDF formats."""
    authorize(request)
    target = _target(request, writing=False)
    fmt = negotiate(request.headers.get("accept"), "rdf")
    if fmt is None:
        raise NotAcceptable("a graph is RDF: ask for text/turtle, application/n-triples, …")
    served = served_of(request)
    await served.started()
    reader = served.reader()
    name = None if isinstance(target, ox.DefaultGraph) else target.value
    quads = list(reader.quads(name))
    if not quads and name is not None and name not in reader.graphs():
        raise NotFound(f"no graph <{name}> in the store")
    return Response(serialize_quads(quads, fmt), media_type=fmt.content_type, headers={"Vary": "Accept"})


@router.put("/store")
async def put_graph(request: Request) -> Response:
    """GSP PUT: the body replaces the graph, in one transaction."""
    authorize(request)
    target = _target(request)
    quads = await _body_quads(request, target)

    def replace(store: StoreWriter) -> None:  # one write session: the steps and the labels commit together
        with _kept(request, store, target):
            _drop(store, target)
            store.add_quads(quads)

    await served_of(request).write(replace)
    return Response(status_code=204)


@router.post("/store")
async def post_graph(request: Request) -> Response:
    """GSP POST: the body is added to the graph, in one transaction."""
    authorize(request)
    target = _target(request)
    quads = await _body_quads(request, target)

    def add(store: StoreWriter) -> None:
        with _kept(request, store, target):
            store.add_quads(quads)

    if quads:
        await served_of(request).write(add)
    return Response(status_code=204)


@router.delete("/store")
async def delete_graph(request: Request) -> Response:
    """GSP DELETE: the graph is dropped (404 if it is not there)."""
    authorize(request)
    target = _target(request)

    def drop(store: StoreWriter) -> bool:
        if not _exists(store, target):
            return False
        with _kept(request, store, target):
            _drop(store, target)
        return True

    if not await served_of(request).write(drop):
        raise NotFound(f"no graph {target} in the store")
    return Response(status_code=204)


__all__ = ["authorize", "router"]

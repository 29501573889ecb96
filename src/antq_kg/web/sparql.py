"""SPARQL 1.1 Protocol router (https://www.w3.org/TR/sparql11-protocol/ §2.1 query operation).

Three request forms: GET ``/sparql?query=…``, POST ``application/x-www-form-urlencoded`` with a
``query`` field, POST ``application/sparql-query`` with the query as the body. Form bodies are
decoded exactly once (a literal ``%25`` in a query stays ``%25``). SELECT/ASK results are negotiated
among the SPARQL result formats, CONSTRUCT/DESCRIBE among the RDF formats (:func:`negotiate`), the
default when nothing listed is acceptable. Updates (``update`` field or
``application/sparql-update``) are refused with 403 unless the app allows them. GET without a query
returns the SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/).
"""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from ..errors import InputError, QueryError
from ..formats import RDF_FORMATS, RESULT_FORMATS, Format, Kind, negotiate
from ..store import QueryResult, parse_rdf, serialize_quads
from . import StoreDep

router = APIRouter()

_SD = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix fmt: <http://www.w3.org/ns/formats/> .
<{endpoint}> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:feature sd:UnionDefaultGraph ;
  sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV,
    fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:TriG, fmt:N-Triples, fmt:N-Quads, fmt:JSON-LD, fmt:RDF_XML ;
  sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] {named} ] .
"""


def _respond(result: QueryResult, accept: str | None) -> Response:
    kind: Kind = "rdf" if result.kind == "graph" else "results"
    fmt: Format = negotiate(accept, kind) or (RDF_FORMATS["turtle"] if kind == "rdf" else RESULT_FORMATS["json"])
    return Response(result.serialize(fmt), media_type=fmt.content_type, headers={"Vary": "Accept"})


def _run(store: StoreDep, request: Request, query: str | None, update: str | None) -> Response:
    if update is not None:
        if not request.app.state.allow_update:
            raise HTTPException(403, "SPARQL Update is not allowed on this endpoint")
        store.update(update)
        return Response(status_code=204)
    if query is None or not query.strip():
        raise QueryError("missing 'query' parameter")
    return _respond(store.query(query, services=request.app.state.allow_services), request.headers.get("accept"))


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise QueryError(f"more than one '{name}' parameter")
    return values[0]


@router.get("/sparql")
def sparql_get(request: Request, store: StoreDep) -> Response:
    """GET: ``?query=`` runs a query; no query gives the service description."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    query = _one(params, "query")
    if query is None and "update" not in params:
        return _service_description(request, store)
    if "update" in params:
        raise HTTPException(405, "SPARQL Update needs POST")
    return _run(store, request, query, None)


@router.post("/sparql")
async def sparql_post(request: Request, store: StoreDep) -> Response:
    """POST: a URL-encoded form (``query`` or ``update``) or a direct query / update body."""
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"request body is not UTF-8 (byte offset {exc.start})") from exc
    if content_type == "application/x-www-form-urlencoded":
        params = parse_qs(text, keep_blank_values=True)
        return _run(store, request, _one(params, "query"), _one(params, "update"))
    if content_type == "application/sparql-query":
        return _run(store, request, text, None)
    if content_type == "application/sparql-update":
        return _run(store, request, None, text)
    raise HTTPException(415, f"unsupported Content-Type {content_type or '(none)'!r}: use "
                        "application/sparql-query or application/x-www-form-urlencoded")


def _service_description(request: Request, store: StoreDep) -> Response:
    endpoint = str(request.url.replace(query=""))
    named = "".join(f" ;\n    sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ]" for g in store.graphs()
                    if not g.startswith("_:"))
    turtle = _SD.format(endpoint=endpoint, named=named).encode("utf-8")
    fmt = negotiate(request.headers.get("accept"), "rdf") or RDF_FORMATS["turtle"]
    data = turtle if fmt.name == "turtle" else serialize_quads(parse_rdf(turtle, RDF_FORMATS["turtle"]), fmt)
    return Response(data, media_type=fmt.content_type, headers={"Vary": "Accept"})

"""The endpoint describing itself: the SPARQL 1.1 Service Description at ``/sparql`` and VoID at
``/.well-known/void``.

- Service Description (https://www.w3.org/TR/sparql11-service-description/): the endpoint IRI,
  the languages (SPARQL 1.1 Query; Update when writes are on, at ``/update``), the result and
  input formats (W3C format IRIs, http://www.w3.org/ns/formats/), the features
  (``sd:UnionDefaultGraph``; ``sd:BasicFederatedQuery`` only when some ``SERVICE`` endpoint is
  allow-listed), the default dataset with its named graphs, and the competency queries of
  ``queries/`` as examples (``sh:SPARQLExecutable`` with ``sh:select``/``sh:ask``/``sh:construct``
  and ``schema:target``, the shape used by the SIB SPARQL examples).
- VoID (https://www.w3.org/TR/void/ §6.2, the ``/.well-known/void`` location):
  :func:`antq_kg.void.void_turtle`, computed once per served snapshot.

Both are written as Turtle and negotiated among the RDF formats.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..errors import NotAcceptable
from ..formats import RDF_FORMATS, negotiate
from ..querytext import query_form
from ..store import parse_rdf, serialize_quads
from ..void import void_turtle
from . import served_of

router = APIRouter()

_FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "trig": "TriG",
    "ntriples": "N-Triples",
    "nquads": "N-Quads",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
}


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"""{escaped}"""' if "\n" in text else f'"{escaped}"'


def service_description_turtle(request: Request) -> str:
    """The Service Description of this app's endpoint, as Turtle."""
    from .pages import competency_queries

    served = served_of(request)
    endpoint = str(request.url.replace(query=""))
    base = endpoint.removesuffix("/sparql")
    graphs = served.cached("graphs", lambda: served.reader().graphs())
    languages = ["sd:SPARQL11Query"] + (["sd:SPARQL11Update"] if request.app.state.write_token else [])
    features = ["sd:UnionDefaultGraph"] + (
        ["sd:BasicFederatedQuery"] if request.app.state.allow_services else []
    )
    lines = [
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .",
        "@prefix fmt: <http://www.w3.org/ns/formats/> .",
        "@prefix void: <http://rdfs.org/ns/void#> .",
        "@prefix sh: <http://www.w3.org/ns/shacl#> .",
        "@prefix schema: <https://schema.org/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "",
        f"<{endpoint}> a sd:Service ;",
        f"  sd:endpoint <{endpoint}> ;",
        f"  sd:supportedLanguage {', '.join(languages)} ;",
        f"  sd:feature {', '.join(features)} ;",
        "  sd:resultFormat " + ", ".join(f"fmt:{v}" for v in _FORMAT_IRIS.values()) + " ;",
    ]
    if request.app.state.write_token:
        lines.append("  sd:inputFormat " + ", ".join(f"fmt:{_FORMAT_IRIS[f]}" for f in RDF_FORMATS) + " ;")
    named = "".join(
        f" ;\n    sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ]" for g in graphs if not g.startswith("_:")
    )
    lines += [
        f"  dcterms:description {_literal('SPARQL 1.1 endpoint of antq-kg; the default graph is the union of the named graphs.')}@en ;",
        f"  void:rootResource <{base}/.well-known/void> ;",
        f"  sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ]{named} ] .",
        "",
    ]
    for q in competency_queries(request.app.state.queries_dir):
        kind = (query_form(q.text) or "SELECT").lower()
        lines += [
            f"<{base}/sparql#example-{q.name}> a sh:SPARQLExecutable, sh:SPARQL{kind.capitalize()}Executable ;",
            f"  rdfs:label {_literal(q.title)} ;",
            *([f"  rdfs:comment {_literal(q.description)} ;"] if q.description else []),
            f"  sh:{kind} {_literal(q.text)} ;",
            f"  schema:target <{endpoint}> .",
            "",
        ]
    return "\n".join(lines)


def _negotiated(request: Request, turtle: str) -> Response:
    fmt = negotiate(request.headers.get("accept"), "rdf")
    if fmt is None:
        raise NotAcceptable(
            "this description is RDF: ask for text/turtle, application/ld+json, "
            "application/n-triples, application/rdf+xml, …"
        )
    data = turtle.encode("utf-8")
    if fmt.name != "turtle":
        data = serialize_quads(parse_rdf(data, RDF_FORMATS["turtle"]), fmt)
    return Response(data, media_type=fmt.content_type, headers={"Vary": "Accept"})


async def service_description(request: Request) -> Response:
    """``GET /sparql`` without a query, for a client that is not a browser."""
    return _negotiated(request, await asyncio.to_thread(service_description_turtle, request))


@router.get("/.well-known/void")
async def void_description(request: Request) -> Response:
    """The dataset's VoID description, computed once per served snapshot."""
    served = served_of(request)
    await served.started()
    base = str(request.base_url).rstrip("/")

    def make() -> str:
        return void_turtle(
            served.reader(), base_iri=request.app.state.base_iri, sparql_endpoint=f"{base}/sparql"
        )

    text = await asyncio.to_thread(served.cached, "void", make)
    return _negotiated(request, text)


__all__ = ["router", "service_description", "service_description_turtle", "void_description"]

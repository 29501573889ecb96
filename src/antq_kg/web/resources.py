"""Linked-data pages for the graph's IRIs: ``/id/…`` answers 303, ``/doc/…`` describes the resource.

The W3C "Cool URIs for the Semantic Web" 303 pattern (https://www.w3.org/TR/cooluris/#r303gendocument):
the IRI ``{base}id/{path}`` names a thing (a person, a place, a count), so its local path
``/id/{path}`` answers ``303 See Other`` to ``/doc/{path}``, the document about it. That document is
content-negotiated (RFC 9110 §12.5.1) between HTML for people and every RDF format of
:mod:`antq_kg.formats` (Turtle, JSON-LD, N-Triples…); a suffix (``/doc/{path}.ttl``, ``.jsonld``,
``.nt``, ``.html``) names one representation and overrides ``Accept``. The mapping between IRIs and
paths is :class:`antq_kg.web.urls.Urls`. The project ontology's terms (hash IRIs, which need no
303) have their documents at ``/def/{term}``, negotiated the same way.

- HTML: the read model :func:`antq_kg.describe.resource_view` (what :func:`antq_kg.explain.explain`
  finds — kind, labels, identity basis, gazetteer chain and successors, the articles and the exact
  quoted spans with their code-point offsets — plus the resource's statements and the statements that
  point at it), rendered here with every data IRI linked to its ``/id/`` page.
- RDF: :func:`antq_kg.describe.describe`, the ``DESCRIBE`` of the resource together with the evidence
  spans it is ``gaf:denotedBy``, so a client gets the quoted text and offsets without a second request.

An IRI the store does not mention is ``NotFound`` (404), in the error shape the one exception
handler of :mod:`antq_kg.web` gives every error; an ``Accept`` that names neither HTML nor an RDF
format is 406.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from ..describe import ResourceView, around, describe, exists, resource_view
from ..errors import NotFound
from ..explain import Evidence, Explanation, compact
from ..formats import RDF_FORMATS, accepts, negotiate, parse_accept
from ..store import Store, Term
from . import StoreDep
from .pages import templates
from .urls import SUFFIXES, Representation, Urls, split_suffix

router = APIRouter()

#: How long a client may cache a 303 (the target of an IRI never changes; whether it exists may).
SEE_OTHER_CACHE = "public, max-age=300"
_PLAIN = {"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def choose_representation(accept: str | None) -> Representation | None:
    """What ``/doc/`` sends for an ``Accept`` header: ``"html"``, an RDF format, or ``None`` (406).

    HTML wins ties, so a browser (``text/html,…,*/*;q=0.8``), a bare ``*/*`` or no header at all get
    the page for people; an RDF client names its format.

    >>> choose_representation("text/html,application/xhtml+xml,*/*;q=0.8")
    'html'
    >>> choose_representation("text/turtle").name, choose_representation("application/ld+json").name
    ('turtle', 'jsonld')
    >>> choose_representation("text/html;q=0.5, application/n-triples").name
    'ntriples'
    >>> choose_representation(None), choose_representation("*/*")
    ('html', 'html')
    >>> choose_representation("application/sparql-results+json") is None
    True
    """
    if accept is None or not accept.strip():
        return "html"
    html_q = max(accepts(accept, "text/html"), accepts(accept, "application/xhtml+xml"))
    fmt = negotiate(accept, "rdf")
    rdf_q = 0.0
    if fmt is not None:
        aliases = {f"{r.type}/{r.subtype}": r.q for r in parse_accept(accept)}
        rdf_q = max([accepts(accept, fmt.media_type)] + [aliases.get(mt, 0.0) for mt in fmt.media_types[1:]])
    if html_q > 0 and html_q >= rdf_q:
        return "html"
    return fmt if rdf_q > 0 else None


# -- what a page shows ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Value:
    """One RDF term as a page shows it: its text, where it links, its language and datatype."""

    text: str
    href: str | None = None
    iri: str | None = None
    lang: str | None = None
    datatype: str | None = None


@dataclass(frozen=True, slots=True)
class Arc:
    """One statement next to the resource: ``predicate`` and the term at its other end."""

    predicate: Value
    other: Value


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One quoted span: its article (linked), offsets, the quote and the text around it."""

    article: Value
    begin: int
    end: int
    quote: str
    before: str = ""
    after: str = ""


@dataclass(frozen=True, slots=True)
class Alternate:
    """Another representation of the same document."""

    name: str
    media_type: str
    href: str


@dataclass(frozen=True, slots=True)
class ResourcePage:
    """Everything the HTML page of one resource shows."""

    iri: str
    title: str
    explanation: Explanation
    types: tuple[Value, ...]
    labels: tuple[Value, ...]
    statements: tuple[Arc, ...]
    incoming: tuple[Arc, ...]
    incoming_truncated: bool
    articles: tuple[Value, ...]
    evidence: tuple[EvidenceRow, ...]
    alternates: tuple[Alternate, ...]
    text: str | None = None


def value_of(term: Term | None, urls: Urls, *, label: Term | None = None) -> Value:
    """A term as a page shows it: IRIs by their label (else compacted) and linked, literals as written.

    >>> urls = Urls("https://w3id.org/antq/")
    >>> value_of(ox.NamedNode("https://w3id.org/antq/id/place/p33"), urls,
    ...          label=ox.Literal("tỉnh Hưng Yên", language="vi"))
    Value(text='tỉnh Hưng Yên', href='/id/place/p33', iri='https://w3id.org/antq/id/place/p33', lang='vi', datatype=None)
    >>> value_of(ox.NamedNode("http://www.w3.org/ns/org#holds"), urls).text
    'org:holds'
    >>> value_of(ox.Literal("161", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), urls)
    Value(text='161', href=None, iri=None, lang=None, datatype='xsd:integer')
    """
    if term is None:
        return Value("")
    if isinstance(term, ox.NamedNode):
        lang = label.language if isinstance(label, ox.Literal) else None
        text = label.value if isinstance(label, ox.Literal) else compact(term.value)
        return Value(text, href=urls.href(term.value), iri=term.value, lang=lang or None)
    if isinstance(term, ox.BlankNode):
        return Value(f"_:{term.value}")
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        return Value(
            term.value,
            lang=term.language or None,
            datatype=None if datatype in _PLAIN else compact(datatype),
        )
    return Value(str(term))


def resource_page(store: Store, iri: str, urls: Urls) -> ResourcePage:
    """What the HTML page of ``iri`` shows (``NotFound`` when the store does not mention it)."""
    view: ResourceView = resource_view(store, iri, base_iri=urls.base_iri)
    explanation = view.explanation

    def article(key: str) -> Value:
        found = view.sources.get(key)
        return Value(key, href=urls.href(found[0]), iri=found[0]) if found else Value(key)

    def quoted(ev: Evidence) -> tuple[str, str]:
        text = view.sources.get(ev.article, ("", None))[1]
        if text is None or text[ev.begin : ev.end] != ev.quote:
            return "", ""
        return around(text, ev.begin, ev.end)

    alternates = tuple(
        Alternate(name, rep if isinstance(rep, str) else rep.media_type, urls.document(iri, name))
        for name, rep in SUFFIXES.items()
        if isinstance(rep, str) or rep.name in ("turtle", "jsonld", "ntriples", "rdfxml")
    )
    return ResourcePage(
        iri=iri,
        title=view.title,
        explanation=explanation,
        types=tuple(value_of(ox.NamedNode(t), urls) for t in explanation.types),
        labels=tuple(value_of(label, urls) for label in view.labels),
        statements=tuple(
            Arc(value_of(a.predicate, urls), value_of(a.other, urls, label=a.label)) for a in view.statements
        ),
        incoming=tuple(
            Arc(value_of(a.predicate, urls), value_of(a.other, urls, label=a.label)) for a in view.incoming
        ),
        incoming_truncated=view.incoming_truncated,
        articles=tuple(article(a) for a in explanation.articles),
        evidence=tuple(
            EvidenceRow(article(ev.article), ev.begin, ev.end, ev.quote, *quoted(ev))
            for ev in explanation.evidence
        ),
        alternates=alternates,
        text=view.text,
    )


# -- routes -------------------------------------------------------------------------------------------


def _urls(request: Request) -> Urls:
    urls: Urls = request.app.state.urls
    return urls


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"])
def see_other(path: str, request: Request, store: StoreDep) -> Response:
    """``/id/{path}``: 303 See Other to the document about ``{base}id/{path}`` (404 if unknown)."""
    urls = _urls(request)
    iri = urls.iri(path)
    if not exists(store, iri):
        raise NotFound(f"no resource <{iri}> in the store")
    return Response(
        status_code=303, headers={"Location": urls.doc_path(iri), "Cache-Control": SEE_OTHER_CACHE}
    )


@router.api_route("/doc/{path:path}", methods=["GET", "HEAD"])
def document(path: str, request: Request, store: StoreDep) -> Response:
    """``/doc/{path}[.suffix]``: the description of ``{base}id/{path}``, as HTML or RDF."""
    stem, rep = split_suffix(path)
    return _describe(request, store, _urls(request).iri(stem), rep)


@router.api_route("/def/{path:path}", methods=["GET", "HEAD"])
def definition(path: str, request: Request, store: StoreDep) -> Response:
    """``/def/{term}[.suffix]``: the description of the ontology term ``antq:{term}`` (``/def/``: the ontology)."""
    stem, rep = split_suffix(path)
    return _describe(request, store, _urls(request).term(stem), rep)


def _describe(request: Request, store: Store, iri: str, rep: Representation | None) -> Response:
    urls = _urls(request)
    if not exists(store, iri):
        raise NotFound(f"no resource <{iri}> in the store")
    headers: dict[str, str] = {}
    if rep is None:
        rep = choose_representation(request.headers.get("accept"))
        if rep is None:
            offered = ", ".join(["text/html"] + [f.media_type for f in RDF_FORMATS.values()])
            raise HTTPException(406, f"no acceptable representation of <{iri}>: offered {offered}")
        suffix = rep if isinstance(rep, str) else rep.extension
        headers = {"Vary": "Accept", "Content-Location": urls.document(iri, suffix)}
    if isinstance(rep, str):
        page = resource_page(store, iri, urls)
        return templates.TemplateResponse(
            request, "resource.html", {"page": page, "e": page.explanation}, headers=headers
        )
    return Response(describe(store, iri).serialize(rep), media_type=rep.content_type, headers=headers)


__all__ = [
    "Alternate",
    "Arc",
    "EvidenceRow",
    "ResourcePage",
    "Value",
    "around",
    "choose_representation",
    "describe",
    "exists",
    "resource_page",
    "router",
    "value_of",
]

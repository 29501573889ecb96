"""Linked-data pages for the graph's IRIs: ``/id/…`` answers 303, ``/doc/…`` describes the resource.

The W3C "Cool URIs for the Semantic Web" 303 pattern (https://www.w3.org/TR/cooluris/#r303gendocument):
the IRI ``{base}id/{path}`` names a thing (a person, a place, a count), so its local path
``/id/{path}`` answers ``303 See Other`` to ``/doc/{path}``, the document about it. That document is
content-negotiated (RFC 9110 §12.5.1) between HTML for people and every RDF format of
:mod:`antq_kg.formats` (Turtle, JSON-LD, N-Triples…); a suffix (``/doc/{path}.ttl``, ``.jsonld``,
``.nt``, ``.html``) names one representation and overrides ``Accept``. The mapping between IRIs and
paths is :class:`antq_kg.web.urls.Urls`. The project ontology's terms (hash IRIs, which need no
303) have their documents at ``/def/{term}``, negotiated the same way.

- HTML: what :func:`antq_kg.explain.explain` finds (kind, labels, identity basis, gazetteer chain and
  successors, the articles and the exact quoted spans with their code-point offsets), plus the
  resource's statements and the statements that point at it, every data IRI linked to its ``/id/``
  page.
- RDF: ``DESCRIBE`` of the resource (Oxigraph's Concise Bounded Description,
  https://www.w3.org/submissions/CBD/) together with the evidence spans it is ``gaf:denotedBy``, so a
  client gets the quoted text and offsets without a second request.

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

from ..errors import NotFound
from ..explain import Evidence, Explanation, compact, explain
from ..formats import RDF_FORMATS, accepts, negotiate, parse_accept
from ..store import QueryResult, Store, Term
from ..vocab import PREFIXES
from . import StoreDep
from .pages import templates
from .urls import SUFFIXES, Representation, Urls, split_suffix

router = APIRouter()

#: How long a client may cache a 303 (the target of an IRI never changes; whether it exists may).
SEE_OTHER_CACHE = "public, max-age=300"
#: At most this many incoming statements on a page (a province is the parent of hundreds of units).
INCOMING_LIMIT = 200

_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
_LABELS = "rdfs:label|skos:prefLabel|skos:altLabel|foaf:name|schema:name"
#: What names a linked resource, first found first: a label, else an article's headline or file name.
_LINK_LABELS = (
    "rdfs:label",
    "skos:prefLabel",
    "foaf:name",
    "schema:name",
    "schema:headline",
    "dcterms:title",
    "antq:sourcePath",
)
#: Code points of the article shown on each side of a quoted span.
CONTEXT_WIDTH = 60
#: Shown in their own sections (types, labels, evidence, identity) or too long for a table.
_SHOWN_ELSEWHERE = (
    "rdf:type",
    "rdfs:label",
    "skos:prefLabel",
    "skos:altLabel",
    "foaf:name",
    "schema:name",
    "gaf:denotedBy",
    "antq:identityBasis",
    "antq:identityKey",
    "nif:isString",
)
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


def around(text: str, begin: int, end: int, *, width: int = CONTEXT_WIDTH) -> tuple[str, str]:
    """The ``width`` code points before and after ``text[begin:end]``, cut at a space, "…" where cut.

    >>> around("Đại tá Trần Huy Ngạn, Bí thư Đảng ủy, Giám đốc Công an tỉnh", 7, 20, width=12)
    ('Đại tá ', ', Bí thư…')
    >>> around("Tin bài\\nthôn Lỗ Xá", 8, 18)
    ('Tin bài ', '')
    >>> around("abc", 5, 9)
    ('', '')
    """
    if not 0 <= begin <= end <= len(text):
        return "", ""
    before, after = text[max(0, begin - width) : begin], text[end : end + width]
    if begin - width > 0:
        before = "…" + (before.split(" ", 1)[1] if " " in before else before)
    if end + width < len(text):
        after = (after.rsplit(" ", 1)[0] if " " in after else after) + "…"
    return before.replace("\n", " "), after.replace("\n", " ")  # ingest made every line break \n


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


def _rows(store: Store, iri: str, body: str) -> list[tuple[Term | None, ...]]:
    return store.query(_PREFIXES + body.replace("$node", f"<{iri}>")).rows()


def exists(store: Store, iri: str) -> bool:
    """Whether the store has a statement about or pointing at ``iri`` (an IRI already checked by :class:`Urls`)."""
    return store.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}").boolean


def describe(store: Store, iri: str) -> QueryResult:
    """The RDF about ``iri``: its ``DESCRIBE`` (CBD) and the evidence spans it is ``gaf:denotedBy``.

    Raises :class:`~antq_kg.errors.NotFound` when the store does not mention ``iri``.
    """
    if not exists(store, iri):
        raise NotFound(f"no resource <{iri}> in the store")
    return store.query(
        _PREFIXES + f"DESCRIBE <{iri}> ?span WHERE {{ OPTIONAL {{ <{iri}> gaf:denotedBy ?span }} }}"
    )


def resource_page(store: Store, iri: str, urls: Urls) -> ResourcePage:
    """What the HTML page of ``iri`` shows (``NotFound`` when the store does not mention it)."""
    explanation = explain(store, iri, base_iri=urls.base_iri)
    hidden = ", ".join(_SHOWN_ELSEWHERE)
    label_of = (
        "".join(
            f"OPTIONAL {{ ?x {p} ?l{i} FILTER (LANG(?l{i}) IN ('', 'vi')) }} "
            for i, p in enumerate(_LINK_LABELS)
        )
        + f"BIND (COALESCE({', '.join(f'?l{i}' for i in range(len(_LINK_LABELS)))}) AS ?l)"
    )
    statements = tuple(
        Arc(value_of(p, urls), value_of(o, urls, label=label))
        for p, o, label in _rows(
            store,
            iri,
            f"SELECT ?p ?o (MIN(?l) AS ?label) WHERE {{ $node ?p ?o FILTER (?p NOT IN ({hidden})) "
            f"{label_of.replace('?x', '?o')} }} GROUP BY ?p ?o ORDER BY ?p ?o",
        )
    )
    incoming_rows = _rows(
        store,
        iri,
        f"SELECT ?p ?s (MIN(?l) AS ?label) WHERE {{ ?s ?p $node {label_of.replace('?x', '?s')} }} "
        f"GROUP BY ?p ?s ORDER BY ?p ?s LIMIT {INCOMING_LIMIT + 1}",
    )
    incoming = tuple(Arc(value_of(p, urls), value_of(s, urls, label=label)) for p, s, label in incoming_rows)
    labels = tuple(
        value_of(label, urls)
        for (label,) in _rows(
            store, iri, f"SELECT DISTINCT ?l WHERE {{ $node {_LABELS} ?l }} ORDER BY LANG(?l) ?l"
        )
    )
    types = tuple(value_of(ox.NamedNode(t), urls) for t in explanation.types)
    sources = _sources(store, explanation.articles, urls)

    def article(key: str) -> Value:
        found = sources.get(key)
        return Value(key, href=urls.href(found[0]), iri=found[0]) if found else Value(key)

    evidence = tuple(
        EvidenceRow(article(ev.article), ev.begin, ev.end, ev.quote, *_around_quote(sources, ev))
        for ev in explanation.evidence
    )
    # The title: the first label property found (rdfs:label before schema:name…), in Vietnamese or untagged.
    names = [
        _value(r[0]) for r in _rows(store, iri, f"SELECT ?l WHERE {{ {label_of.replace('?x', '$node')} }}")
    ]
    title = min(n for n in names if n) if any(names) else (labels[0].text if labels else compact(iri))
    (text,) = next(iter(_rows(store, iri, "SELECT ?t WHERE { $node nif:isString ?t } LIMIT 1")), (None,))
    alternates = tuple(
        Alternate(name, rep if isinstance(rep, str) else rep.media_type, urls.document(iri, name))
        for name, rep in SUFFIXES.items()
        if isinstance(rep, str) or rep.name in ("turtle", "jsonld", "ntriples", "rdfxml")
    )
    return ResourcePage(
        iri=iri,
        title=title,
        explanation=explanation,
        types=types,
        labels=labels,
        statements=statements,
        incoming=incoming[:INCOMING_LIMIT],
        incoming_truncated=len(incoming) > INCOMING_LIMIT,
        articles=tuple(article(a) for a in explanation.articles),
        evidence=evidence,
        alternates=alternates,
        text=_value(text) if text is not None else None,
    )


def _value(term: Term | None) -> str:
    return "" if term is None else term.value if not isinstance(term, ox.Triple) else str(term)


def _sources(store: Store, keys: tuple[str, ...], urls: Urls) -> dict[str, tuple[str, str | None]]:
    """Article IRI and NFC text for each article key :func:`explain` gives (a source path, or the IRI)."""
    paths = " ".join(str(ox.Literal(k)) for k in keys)
    iris = " ".join(f"<{k}>" for k in keys if urls.local(k) is not None)
    rows = store.query(
        _PREFIXES
        + f"SELECT ?key ?article ?text WHERE {{ {{ VALUES ?key {{ {paths} }} ?article antq:sourcePath ?key }} "
        f"UNION {{ VALUES ?article {{ {iris} }} BIND (STR(?article) AS ?key) }} "
        "OPTIONAL { ?ctx prov:wasDerivedFrom ?article ; nif:isString ?text } }"
    ).rows()
    return {_value(key): (_value(a), _value(text) if text is not None else None) for key, a, text in rows}


def _around_quote(sources: dict[str, tuple[str, str | None]], ev: Evidence) -> tuple[str, str]:
    text = sources.get(ev.article, ("", None))[1]
    if text is None or text[ev.begin : ev.end] != ev.quote:
        return "", ""
    return around(text, ev.begin, ev.end)


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

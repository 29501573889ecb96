"""What the graph says of one resource: the read model of the resource pages (``/doc/…``), in SPARQL.

:func:`resource_view` gathers, through the :class:`~antq_kg.store.Store` protocol (an embedded store
or a remote endpoint alike), what a page about an IRI shows: :func:`antq_kg.explain.explain` (kind,
labels, identity basis, gazetteer chain, articles, quoted evidence), the resource's own statements
and the statements pointing at it, each other end with its label, a title, the article's text when
the resource is one, and the text of every supporting article (to quote the evidence in context).
:func:`describe` is the RDF about an IRI: its ``DESCRIBE`` (Oxigraph's Concise Bounded Description,
https://www.w3.org/submissions/CBD/) plus the evidence spans it is ``gaf:denotedBy``.

Nothing here knows about HTTP or HTML: :mod:`antq_kg.web.resources` renders the view.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from .errors import NotFound
from .explain import Explanation, compact, explain
from .iris import DEFAULT_BASE_IRI, data_iri
from .store import QueryResult, Store, Term
from .vocab import PREFIXES

__all__ = ["Arc", "ResourceView", "around", "describe", "exists", "resource_view"]

#: At most this many incoming statements (a province is the parent of hundreds of units).
INCOMING_LIMIT = 200
#: Code points of the article shown on each side of a quoted span.
CONTEXT_WIDTH = 60

_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
_LABELS = "rdfs:label|skos:prefLabel|skos:altLabel|foaf:name|schema:name"
#: What names a linked resource, first found first: its preferred label (an organisation's, initiative's or
#: person's is the one chosen over the corpus; each article spells it in its own rdfs:label), a label, else an
#: article's headline or file name.
_LINK_LABELS = (
    "skos:prefLabel",
    "rdfs:label",
    "foaf:name",
    "schema:name",
    "schema:headline",
    "dcterms:title",
    "antq:sourcePath",
)
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


@dataclass(frozen=True, slots=True)
class Arc:
    """One statement next to the resource: its predicate, the term at the other end and that term's label."""

    predicate: Term
    other: Term
    label: Term | None = None


@dataclass(frozen=True, slots=True)
class ResourceView:
    """Everything the graph says of one resource, as a page shows it."""

    iri: str
    title: str
    explanation: Explanation
    labels: tuple[Term, ...]
    statements: tuple[Arc, ...]
    incoming: tuple[Arc, ...]
    incoming_truncated: bool
    #: article key (as :func:`explain` names articles) → (article IRI, its NFC text or ``None``)
    sources: dict[str, tuple[str, str | None]]
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


def _rows(store: Store, iri: str, body: str) -> list[tuple[Term | None, ...]]:
    return store.query(_PREFIXES + body.replace("$node", f"<{iri}>")).rows()


def _value(term: Term | None) -> str:
    return "" if term is None else term.value if not isinstance(term, ox.Triple) else str(term)


def exists(store: Store, iri: str) -> bool:
    """Whether the store has a statement about or pointing at ``iri`` (an IRI already checked by the caller)."""
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


def resource_view(store: Store, iri: str, *, base_iri: str = DEFAULT_BASE_IRI) -> ResourceView:
    """What a page about ``iri`` shows (``NotFound`` when the store does not mention it)."""
    explanation = explain(store, iri, base_iri=base_iri)
    hidden = ", ".join(_SHOWN_ELSEWHERE)
    label_of = (
        "".join(
            f"OPTIONAL {{ ?x {p} ?l{i} FILTER (LANG(?l{i}) IN ('', 'vi')) }} "
            for i, p in enumerate(_LINK_LABELS)
        )
        + f"BIND (COALESCE({', '.join(f'?l{i}' for i in range(len(_LINK_LABELS)))}) AS ?l)"
    )

    def arcs(pattern: str, other: str, limit: str = "") -> tuple[Arc, ...]:
        query = (
            f"SELECT ?p {other} (MIN(?l) AS ?label) WHERE {{ {pattern} {label_of.replace('?x', other)} }} "
            f"GROUP BY ?p {other} ORDER BY ?p {other}{limit}"
        )
        return tuple(Arc(p, o, label) for p, o, label in _rows(store, iri, query))  # type: ignore[arg-type]

    statements = arcs(f"$node ?p ?o FILTER (?p NOT IN ({hidden}))", "?o")
    incoming = arcs("?s ?p $node", "?s", f" LIMIT {INCOMING_LIMIT + 1}")
    labels = tuple(
        label
        for (label,) in _rows(
            store, iri, f"SELECT DISTINCT ?l WHERE {{ $node {_LABELS} ?l }} ORDER BY LANG(?l) ?l"
        )
        if label is not None
    )
    # The title: the first label property found (skos:prefLabel, rdfs:label, schema:name…), in Vietnamese or untagged.
    names = [
        _value(r[0]) for r in _rows(store, iri, f"SELECT ?l WHERE {{ {label_of.replace('?x', '$node')} }}")
    ]
    title = min(n for n in names if n) if any(names) else (_value(labels[0]) if labels else compact(iri))
    (text,) = next(iter(_rows(store, iri, "SELECT ?t WHERE { $node nif:isString ?t } LIMIT 1")), (None,))
    return ResourceView(
        iri=iri,
        title=title,
        explanation=explanation,
        labels=labels,
        statements=statements,
        incoming=incoming[:INCOMING_LIMIT],
        incoming_truncated=len(incoming) > INCOMING_LIMIT,
        sources=_sources(store, explanation.articles, base_iri=base_iri),
        text=_value(text) if text is not None else None,
    )


def _sources(store: Store, keys: tuple[str, ...], *, base_iri: str) -> dict[str, tuple[str, str | None]]:
    """Article IRI and NFC text for each article key :func:`explain` gives (a source path, or the IRI)."""
    data = data_iri("", base_iri=base_iri)
    paths = " ".join(str(ox.Literal(k)) for k in keys)
    iris = " ".join(f"<{k}>" for k in keys if k.startswith(data) and len(k) > len(data))
    rows = store.query(
        _PREFIXES
        + f"SELECT ?key ?article ?text WHERE {{ {{ VALUES ?key {{ {paths} }} ?article antq:sourcePath ?key }} "
        f"UNION {{ VALUES ?article {{ {iris} }} BIND (STR(?article) AS ?key) }} "
        "OPTIONAL { ?ctx prov:wasDerivedFrom ?article ; nif:isString ?text } }"
    ).rows()
    return {_value(key): (_value(a), _value(text) if text is not None else None) for key, a, text in rows}

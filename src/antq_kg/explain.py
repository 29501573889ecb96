"""Explain one IRI of the store in plain words: every merge is explainable.

:func:`explain` answers, for a person, organisation, place, gazetteer unit, initiative, count,
post, abbreviation, mention or article: what it is (its types), its labels, what the graph states
of it, which articles and exact spans (quoted, with code-point offsets into the NFC text) support
it, and, for an entity shared by articles, the basis it was merged on (``antq:identityBasis``,
decided by :mod:`antq_kg.identity`). For a person it also names the namesakes it was *not* merged
with and why (persons are one only with the same name and the same organisation, or organisations one
became by a reorganisation), and what each article says of them at its date (the rank first, then the
posts). For a place (``id/place/{key}``, a gazetteer unit version, or a residential unit) it gives the
chain (village › commune › district › province), what the unit became (``dcterms:isReplacedBy``,
followed to today), and its near-namesakes: the places in the same unit whose names differ from its own
by diacritics alone ("thôn Hà" and "thôn Hạ"), which are other places, since names keep every diacritic.

Everything is read with SPARQL through the :class:`~antq_kg.store.Store` protocol, so the same
function explains an embedded store or a remote endpoint. The result is a typed
:class:`Explanation`; :meth:`Explanation.text` renders it for the CLI (``antq-kg explain IRI``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from .errors import InputError, NotFound
from .iris import ascii_fold
from .prefixes import sparql_prologue
from .text import fold_key
from .vocab import DEFAULT_BASE_IRI, PREFIXES

if TYPE_CHECKING:
    from .store import Store, Term

    #: Runs a SELECT with ``$node`` standing for the explained IRI.
    Rows: TypeAlias = Callable[[str], list[tuple[Term | None, ...]]]

__all__ = ["Evidence", "Explanation", "explain", "kind_of"]

#: What a type means, in words, most specific first (the first type found names the kind).
KINDS: tuple[tuple[str, str], ...] = (
    ("http://xmlns.com/foaf/0.1/Person", "a person"),
    ("http://www.w3.org/ns/org#Organization", "an organisation"),
    (
        "http://www.w3.org/ns/org#Post",
        "a post: one role in one organisation, held by whoever the articles name",
    ),
    (
        "http://www.w3.org/ns/org#Membership",
        "a holding of a post or membership, dated by its article (a fact)",
    ),
    (
        "https://w3id.org/antq/ontology#RankStatement",
        "a rank an article gives a person as of its date (a fact)",
    ),
    ("http://www.w3.org/ns/org#ChangeEvent", "a reorganisation of organisations"),
    (
        "https://w3id.org/antq/ontology#AdminChange",
        "a change of administrative units (merge, split, rename, upgrade)",
    ),
    (
        "https://w3id.org/antq/ontology#VagueCount",
        "a count with no number: bounds only, outside the data cube (a fact)",
    ),
    (
        "http://purl.org/linked-data/cube#Observation",
        "a count: an observation of the corpus's data cube (a fact)",
    ),
    (
        "https://w3id.org/antq/ontology#Count",
        "a count the data cube cannot tell from another of its article (a fact)",
    ),
    ("https://w3id.org/antq/ontology#CampaignParticipation", "an initiative run in a place (a fact)"),
    ("https://w3id.org/antq/ontology#AbbreviationUse", "an abbreviation used by an article (a fact)"),
    ("https://w3id.org/antq/ontology#Initiative", "a named initiative (movement, campaign, model, title…)"),
    ("https://schema.org/AdministrativeArea", "a place (administrative or residential unit)"),
    ("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Sentence", "a sentence of an article"),
    (
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Phrase",
        "a mention: a span of an article",
    ),
    ("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Context", "the text of an article"),
    ("https://schema.org/NewsArticle", "a news article"),
    ("http://purl.org/linked-data/cube#DataSet", "the data cube of the articles' counts"),
    ("https://w3id.org/antq/ontology#ArticleGraph", "the named graph of an article"),
    ("https://w3id.org/antq/ontology#BuildRun", "a build run"),
    ("http://www.w3.org/2004/02/skos/core#ConceptScheme", "a concept scheme"),
    ("http://www.w3.org/2004/02/skos/core#Concept", "a concept"),
    ("http://www.w3.org/2006/time#Instant", "an instant in time"),
    ("http://www.w3.org/2006/time#ProperInterval", "an interval of time"),
)

_PREFIXES = sparql_prologue()
_LABELS = "rdfs:label|skos:prefLabel|skos:altLabel|foaf:name|schema:name"
#: Properties shown elsewhere in the explanation (or too long to show).
_HIDDEN = (
    "rdf:type",
    "gaf:denotedBy",
    "rdfs:label",
    "skos:prefLabel",
    "skos:altLabel",
    "foaf:name",
    "schema:name",
    "antq:identityBasis",
    "antq:identityKey",
    "nif:isString",
)
_NOT_IRI = re.compile(r'[\s<>"{}|\\^`]')


def kind_of(types: tuple[str, ...]) -> str:
    """The kind of a resource with ``types``, in words.

    >>> kind_of(("https://schema.org/Person", "http://xmlns.com/foaf/0.1/Person"))
    'a person'
    >>> kind_of(())
    'a resource with no type'
    """
    for iri, words in KINDS:
        if iri in types:
            return words
    return "a resource" if types else "a resource with no type"


def compact(iri: str) -> str:
    """``iri`` with a known prefix (``org:postIn``), else unchanged.

    >>> compact("http://www.w3.org/ns/org#postIn"), compact("https://example.org/x")
    ('org:postIn', 'https://example.org/x')
    """
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None or not iri[len(best) :] or "/" in iri[len(best) :]:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One span of one article supporting the resource."""

    article: str
    begin: int
    end: int
    quote: str

    def text(self) -> str:
        """The span as one line.

        >>> Evidence("a.txt", 7, 20, "Trần Huy Ngạn").text()
        'a.txt [7:20] "Trần Huy Ngạn"'
        """
        return f'{self.article} [{self.begin}:{self.end}] "{self.quote}"'


@dataclass(frozen=True, slots=True)
class Explanation:
    """Everything :func:`explain` found about one IRI."""

    iri: str
    kind: str
    types: tuple[str, ...]
    labels: tuple[str, ...]
    statements: tuple[tuple[str, str], ...]
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    identity: tuple[str, ...]
    chain: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    #: other persons with the same folded name, or other places in the same unit whose name differs by
    #: diacritics alone, each with why it is another one
    namesakes: tuple[str, ...] = ()
    #: for a person, what each article says of them at its date, by date then article: the rank, the posts
    #: held, then the former posts ("nguyên …")
    dated: tuple[str, ...] = ()

    def text(self) -> str:
        """The explanation in plain words, one fact per line."""
        lines = [
            f"<{self.iri}>",
            f"  is {self.kind}" + (f" ({', '.join(map(compact, self.types))})" if self.types else ""),
        ]
        if self.labels:
            lines.append("  labels: " + "; ".join(self.labels))
        if self.identity:
            lines.append("  identity:")
            lines += [f"    {basis}" for basis in self.identity]
        if self.namesakes:
            if self.kind.startswith("a place"):
                same = "same letters, other diacritics"
            elif any("by diacritics alone" in why for why in self.namesakes):
                same = "same name, or the same letters with other diacritics"
            else:
                same = "same name"
            lines.append(f"  not merged with ({same}):")
            lines += [f"    {why}" for why in self.namesakes]
        if self.dated:
            lines.append("  as of each article's date:")
            lines += [f"    {line}" for line in self.dated]
        if self.chain:
            lines.append("  gazetteer chain: " + " › ".join(self.chain))
        if self.successors:
            lines.append("  became: " + "; ".join(self.successors))
        if self.statements:
            lines.append("  states:")
            lines += [f"    {p}: {v}" for p, v in self.statements]
        lines.append("  articles: " + (", ".join(self.articles) if self.articles else "none"))
        if self.evidence:
            lines.append(f"  evidence ({len(self.evidence)} span{'s' if len(self.evidence) != 1 else ''}):")
            lines += [f"    {e.text()}" for e in self.evidence]
        else:
            lines.append("  evidence: none (reference data, or stated without a span)")
        return "\n".join(lines)


def _value(term: Term | None) -> str:
    from .store import term_text

    return term_text(term)


def explain(store: Store, iri: str, *, base_iri: str = DEFAULT_BASE_IRI) -> Explanation:
    """Explain ``iri`` (absolute, or relative to ``base_iri``: ``id/org/cong-an/p33``).

    Raises :class:`~antq_kg.errors.InputError` for something that is not an IRI and
    :class:`~antq_kg.errors.NotFound` when the store does not mention it.
    """
    iri = iri.strip().removeprefix("<").removesuffix(">")
    if not iri or _NOT_IRI.search(iri):
        raise InputError(f"not an IRI: {iri!r}")
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri):
        iri = base_iri.rstrip("/") + "/" + iri.lstrip("/")
    node = f"<{iri}>"

    def rows(body: str) -> list[tuple[Term | None, ...]]:
        return store.query(_PREFIXES + body.replace("$node", node)).rows()

    if not store.query(_PREFIXES + f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }}").boolean:
        raise NotFound(f"no resource <{iri}> in the store")
    types = tuple(sorted({_value(r[0]) for r in rows("SELECT DISTINCT ?t WHERE { $node a ?t }")}))
    labels = tuple(
        dict.fromkeys(
            _value(r[0]) for r in rows(f"SELECT DISTINCT ?l WHERE {{ $node {_LABELS} ?l }} ORDER BY ?l")
        )
    )
    hidden = ", ".join(_HIDDEN)
    statements = tuple(
        (compact(_value(p)), _value(label) if label is not None else compact(_value(o)))
        for p, o, label in rows(
            "SELECT ?p ?o (SAMPLE(?l) AS ?label) WHERE { $node ?p ?o . "
            f"FILTER (?p NOT IN ({hidden})) "
            "OPTIONAL { ?o rdfs:label|skos:prefLabel|skos:altLabel ?l FILTER (LANG(?l) IN ('', 'vi')) } } "
            "GROUP BY ?p ?o ORDER BY ?p ?o"
        )
    )
    identity = tuple(
        _value(r[0]) for r in rows("SELECT DISTINCT ?b WHERE { $node antq:identityBasis ?b } ORDER BY ?b")
    )
    evidence = tuple(
        Evidence(_value(path) or _value(article), int(_value(b)), int(_value(e)), _value(quote))
        for path, article, b, e, quote in rows(
            "SELECT DISTINCT ?path ?article ?b ?e ?quote WHERE { "
            "{ $node gaf:denotedBy ?ph } UNION { BIND ($node AS ?ph) ?ph nif:anchorOf ?any } "
            "?ph nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?quote ; nif:referenceContext ?ctx . "
            "?ctx prov:wasDerivedFrom ?article . OPTIONAL { ?article antq:sourcePath ?path } } "
            "ORDER BY ?path ?article ?b ?e"
        )
    )
    articles = tuple(
        dict.fromkeys(
            [e.article for e in evidence]
            + [
                _value(path) or _value(article)
                for path, article in rows(
                    "SELECT DISTINCT ?path ?article WHERE { GRAPH ?g { { $node ?p ?o } UNION { ?s ?q $node } } "
                    "?g a antq:ArticleGraph ; prov:wasDerivedFrom ?article . "
                    "OPTIONAL { ?article antq:sourcePath ?path } } ORDER BY ?path ?article"
                )
            ]
        )
    )
    chain, successors = _gazetteer(rows)
    namesakes = (
        _near_namesakes(rows)
        + _near_namesake_persons(rows)
        + tuple(
            f"<{_value(other)}>: identity key {_value(key)!r}, another organisation or none stated "
            "(persons are one only with the same name and the same organisation, or organisations one became "
            "by a reorganisation)"
            for other, key in rows(
                "SELECT DISTINCT ?other ?key WHERE { $node a foaf:Person ; antq:identityKey ?mine . "
                "?other a foaf:Person ; antq:identityKey ?key . FILTER (?other != $node) "
                'FILTER (STRBEFORE(STRAFTER(?key, "person|"), "|") = STRBEFORE(STRAFTER(?mine, "person|"), "|")) '
                "} ORDER BY ?other"
            )
        )
    )
    dated = tuple(
        f"{_value(day) or 'date unknown'}: {_value(what)} ({_value(path) or _value(article)})"
        for day, what, path, article, _ in rows(
            "SELECT DISTINCT ?day ?what ?path ?article ?order WHERE { "
            "{ ?s antq:person $node ; antq:rank/skos:prefLabel ?what ; antq:asOf ?at FILTER (LANG(?what) = 'vi') "
            "BIND (0 AS ?order) } "
            "UNION { ?s org:member $node ; rdfs:label ?what ; org:memberDuring ?during . "
            "{ ?during time:inside ?at BIND (1 AS ?order) } UNION { ?during time:before ?at BIND (2 AS ?order) } } "
            "?s prov:wasDerivedFrom ?article . OPTIONAL { ?at time:inXSDDate ?day } "
            "OPTIONAL { ?article antq:sourcePath ?path } } ORDER BY ?day ?path ?order ?what"
        )
    )
    return Explanation(
        iri=iri,
        kind=kind_of(types),
        types=types,
        labels=labels,
        statements=statements,
        articles=articles,
        evidence=evidence,
        identity=identity,
        chain=chain,
        successors=successors,
        namesakes=namesakes,
        dated=dated,
    )


def _near_namesakes(run: Rows) -> tuple[str, ...]:
    """The places in the same unit as the place ``$node`` whose label differs from its own by
    diacritics alone (the same letters once folded to ASCII), each with why it is another place."""
    out: list[str] = []
    for mine, other, label, parent in run(
        "SELECT DISTINCT ?mine ?other ?label ?parent WHERE { $node a schema:AdministrativeArea ; rdfs:label ?mine ; "
        "schema:containedInPlace ?up . ?other schema:containedInPlace ?up ; rdfs:label ?label . "
        "FILTER (?other != $node) OPTIONAL { ?up rdfs:label ?parent } } ORDER BY ?other"
    ):
        a, b = _value(mine), _value(label)
        if fold_key(a) == fold_key(b) or ascii_fold(a) != ascii_fold(b):
            continue
        line = (
            f"<{_value(other)}>: '{b}', another place in {_value(parent) or 'the same unit'}: its name differs "
            f"from '{a}' by diacritics alone (names keep every diacritic)"
        )
        if line not in out:
            out.append(line)
    return tuple(out)


def _near_namesake_persons(run: Rows) -> tuple[str, ...]:
    """The persons whose name differs from the name of the person ``$node`` by diacritics alone
    ("Nguyễn Văn Khải" and "Nguyễn Văn Khái"), each with why it is another person: names are compared
    folded (case, tone placement), never with their diacritics dropped."""
    out: list[str] = []
    for mine, other, name in run(
        "SELECT DISTINCT ?mine ?other ?name WHERE { $node a foaf:Person ; foaf:name ?mine . "
        "?other a foaf:Person ; foaf:name ?name FILTER (?other != $node && STRLEN(?name) = STRLEN(?mine)) } "
        "ORDER BY ?other"
    ):
        a, b = _value(mine), _value(name)
        if fold_key(a) != fold_key(b) and ascii_fold(a) == ascii_fold(b):
            out.append(f"<{_value(other)}>: '{b}', another name: it differs from '{a}' by diacritics alone")
    return tuple(out)


def _gazetteer(run: Rows) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The chain of the place ``$node`` (itself first) and what it became, when it is a gazetteer unit."""
    chain: list[str] = []
    for label, code, _depth in run(
        "SELECT DISTINCT ?label ?code ?depth WHERE { $node a schema:AdministrativeArea ; schema:containedInPlace* ?a . "
        "?a rdfs:label ?label ; antq:adminLevel/antq:levelDepth ?depth . FILTER (?depth > 0) "
        "OPTIONAL { ?a skos:notation ?code } } ORDER BY DESC(?depth) ?label"
    ):
        text = _value(label) + (f" ({_value(code)})" if code is not None else "")
        if text not in chain:
            chain.append(text)
    successors = [
        f"{_value(label)}" + (f" (from {_value(start)})" if start is not None else "")
        for label, start in run(
            "SELECT DISTINCT ?label ?start WHERE { $node dcterms:isReplacedBy+ ?s . "
            "?s rdfs:label ?label . OPTIONAL { ?s antq:validFrom ?start } "
            "FILTER NOT EXISTS { ?s antq:validTo ?end } } ORDER BY ?label"
        )
    ]
    return tuple(chain), tuple(dict.fromkeys(successors))

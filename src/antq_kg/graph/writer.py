"""The quad writer: one named graph as a list of pyoxigraph quads, with the NIF evidence of one article.

No rdflib here: the graph of an article is written straight as ``pyoxigraph.Quad`` objects (what the
store loads), terms made once each per article, duplicates dropped when the graph is taken
(:meth:`Writer.quads`), no blank nodes (fragments of the article's IRIs instead).

Evidence model (NIF 2.1 core, https://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core/nif-core.html):
the article's NFC text is a ``nif:Context``; every mention a ``nif:Phrase`` with
``nif:referenceContext``, ``nif:beginIndex``/``nif:endIndex`` (code points, RFC 5147 gaps) and
``nif:anchorOf`` the exact slice; count mentions also point to their ``nif:Sentence``. Every fact
node has ``gaf:denotedBy`` ≥ 1 phrase and ``prov:wasDerivedFrom`` the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal
from typing import TypeAlias

import pyoxigraph as ox

from ..iris import Minter, slug
from ..text import Span
from ..vocab import PREFIXES, SCHEMES
from .concepts import curated

__all__ = ["NS", "ArticleWriter", "Names", "Writer", "sentence_span"]

Object: TypeAlias = ox.NamedNode | ox.Literal


class Names:
    """The pyoxigraph terms of one namespace, made once each: ``Names(ns).rank``, ``Names(ns)["rank"]``.

    A term, once made, is an attribute of the instance, so later lookups are plain attribute reads.
    """

    def __init__(self, base: str) -> None:
        self._base = base

    def __getitem__(self, local: str) -> ox.NamedNode:
        term: ox.NamedNode | None = self.__dict__.get(local)
        if term is None:
            term = ox.NamedNode(self._base + local)
            setattr(self, local, term)
        return term

    def __getattr__(self, local: str) -> ox.NamedNode:  # only called for a term not made yet
        if local.startswith("_"):
            raise AttributeError(local)
        return self[local]


class _Namespaces:
    """The namespaces of :data:`antq_kg.vocab.PREFIXES` as :class:`Names`."""

    def __init__(self) -> None:
        self.antq, self.org, self.foaf = (
            Names(PREFIXES["antq"]),
            Names(PREFIXES["org"]),
            Names(PREFIXES["foaf"]),
        )
        self.schema, self.prov, self.nif = (
            Names(PREFIXES["schema"]),
            Names(PREFIXES["prov"]),
            Names(PREFIXES["nif"]),
        )
        self.gaf, self.qb, self.skos = Names(PREFIXES["gaf"]), Names(PREFIXES["qb"]), Names(PREFIXES["skos"])
        self.dcterms, self.time = Names(PREFIXES["dcterms"]), Names(PREFIXES["time"])
        self.sdmx_dimension, self.sdmx_attribute = (
            Names(PREFIXES["sdmx-dimension"]),
            Names(PREFIXES["sdmx-attribute"]),
        )
        self.sdmx_code = Names(PREFIXES["sdmx-code"])
        self.rdf, self.rdfs, self.xsd = (
            Names(PREFIXES["rdf"]),
            Names(PREFIXES["rdfs"]),
            Names(PREFIXES["xsd"]),
        )
        self.type = self.rdf.type
        self.label = self.rdfs.label


#: Every namespace the graph writer uses, as pyoxigraph terms.
NS = _Namespaces()
_SCHEMES = {slug: ox.NamedNode(str(iri)) for slug, iri in SCHEMES.items()}


class Writer:
    """Collects the quads of one named graph (``graph``); call :meth:`quads` for the result."""

    def __init__(self, graph: str) -> None:
        self.graph = ox.NamedNode(graph)
        self._triples: list[tuple[ox.NamedNode, ox.NamedNode, Object]] = []
        self._nodes: dict[str, ox.NamedNode] = {}

    def node(self, iri: str) -> ox.NamedNode:
        """The term of ``iri`` (made once per writer)."""
        term = self._nodes.get(iri)
        if term is None:
            term = self._nodes[iri] = ox.NamedNode(iri)
        return term

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: Object) -> None:
        """State ``s p o`` in the graph (a repeated statement is kept once)."""
        self._triples.append((s, p, o))

    def statements(self) -> list[tuple[ox.NamedNode, ox.NamedNode, Object]]:
        """The statements as written (a repeated one as often as it was added)."""
        return self._triples

    def quads(self) -> list[ox.Quad]:
        """The graph's quads, each once, in the order first written."""
        g = self.graph
        return [ox.Quad(s, p, o, g) for s, p, o in dict.fromkeys(self._triples)]

    def nquads(self) -> tuple[bytes, int]:
        """The graph as N-Quads (https://www.w3.org/TR/n-quads/) and how many quads: the statements of
        :meth:`quads`, in the same order, each once.

        The build's fast path: no ``Quad`` objects, each term's text made once (pyoxigraph's own
        N-Triples form, ``str(term)``, the syntax ``pyoxigraph.serialize`` writes) and every line a
        join of strings; the store bulk-loads the bytes as they are.

        >>> w = Writer("http://e/g")
        >>> w.add(w.node("http://e/x"), NS.label, vi("Hòa")); w.add(w.node("http://e/x"), NS.label, vi("Hòa"))
        >>> data, n = w.nquads()
        >>> data.decode(), n
        ('<http://e/x> <http://www.w3.org/2000/01/rdf-schema#label> "Hòa"@vi <http://e/g> .\\n', 1)
        """
        text: dict[int, str] = {}  # by id(): every term stays alive in self._triples meanwhile
        get = text.get
        tail = f" {self.graph} .\n"
        lines = []
        for s, p, o in self._triples:
            a = get(id(s)) or text.setdefault(id(s), str(s))
            b = get(id(p)) or text.setdefault(id(p), str(p))
            c = get(id(o)) or text.setdefault(id(o), str(o))
            lines.append(f"{a} {b} {c}{tail}")
        unique = dict.fromkeys(lines)
        return "".join(unique).encode(), len(unique)


# -- literals -----------------------------------------------------------------------------------------


def vi(text: str) -> ox.Literal:
    """A Vietnamese literal."""
    return ox.Literal(text, language="vi")


def en(text: str) -> ox.Literal:
    """An English literal."""
    return ox.Literal(text, language="en")


def plain(text: str) -> ox.Literal:
    """A simple literal (``xsd:string``)."""
    return ox.Literal(text)


def nonneg(value: int) -> ox.Literal:
    """An ``xsd:nonNegativeInteger``."""
    return ox.Literal(str(value), datatype=NS.xsd.nonNegativeInteger)


def integer(value: int) -> ox.Literal:
    """An ``xsd:integer``."""
    return ox.Literal(str(value), datatype=NS.xsd.integer)


def decimal(value: Decimal) -> ox.Literal:
    """An ``xsd:decimal`` in plain notation (never an exponent: ``Decimal("1E+3")`` is ``1000``)."""
    text = format(value, "f")
    return ox.Literal(text, datatype=NS.xsd.decimal)


def boolean(value: bool) -> ox.Literal:
    """An ``xsd:boolean``."""
    return ox.Literal("true" if value else "false", datatype=NS.xsd.boolean)


def xsd_date(value: str) -> ox.Literal:
    """An ``xsd:date`` (``YYYY-MM-DD``)."""
    return ox.Literal(value, datatype=NS.xsd.date)


def xsd_datetime(value: datetime) -> ox.Literal:
    """An ``xsd:dateTime`` (UTC when naive)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return ox.Literal(value.isoformat(), datatype=NS.xsd.dateTime)


# -- one article's evidence --------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?:[.!?…]+[\"”’)]*)(?=\s+\S)|\n")


def _sentence_ends(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, is a line break)`` of every sentence end of ``text``, in order."""
    return [(mt.start(), mt.end(), mt.group() == "\n") for mt in _SENTENCE_END.finditer(text)]


def sentence_span(text: str, span: Span, ends: list[tuple[int, int, bool]] | None = None) -> Span:
    """The sentence (or line) around ``span``: cut at line breaks and at ``. ! ? …`` before a space
    (``ends``: :func:`_sentence_ends` of ``text``, when already known).

    >>> t = "Một câu. Hai có 5 tổ; 6 đội.\\nBa"
    >>> sentence_span(t, Span(16, 19)).slice(t)
    'Hai có 5 tổ; 6 đội.'
    """
    begin, end = 0, len(text)
    for start, stop, newline in _sentence_ends(text) if ends is None else ends:
        if stop <= span.begin:
            begin = stop
        elif start >= span.end:
            end = start if newline else stop
            break
    while begin < span.begin and text[begin].isspace():
        begin += 1
    while end > span.end and text[end - 1].isspace():
        end -= 1
    return Span(begin, end)


class ArticleWriter(Writer):
    """The writer of one article's named graph: its IRIs (``minter``), its text, and its evidence."""

    def __init__(self, minter: Minter, text: str) -> None:
        super().__init__(minter.graph)
        self.m = minter
        self.text = text
        self.article = self.node(minter.news_article)
        self.context = self.node(minter.context)
        #: the article's publication instant (``time:Instant``; its date, when known, is stated by the article)
        self.publication = self.node(f"{minter.news_article}#publication")
        self._phrases: dict[Span, ox.NamedNode] = {}
        self._sentences: dict[Span, ox.NamedNode] = {}
        self._ends: list[tuple[int, int, bool]] | None = None
        self._codes: dict[tuple[str, str], tuple[ox.NamedNode, bool]] = {}

    def _span_node(self, span: Span, cls: ox.NamedNode) -> ox.NamedNode:
        node = self.node(self.m.phrase(span.begin, span.end))
        self.add(node, NS.type, cls)
        self.add(node, NS.nif.referenceContext, self.context)
        self.add(node, NS.nif.beginIndex, nonneg(span.begin))
        self.add(node, NS.nif.endIndex, nonneg(span.end))
        self.add(node, NS.nif.anchorOf, plain(span.slice(self.text)))
        return node

    def phrase(self, span: Span, *, with_sentence: bool = False) -> ox.NamedNode:
        """The ``nif:Phrase`` of ``span`` (described once)."""
        node = self._phrases.get(span)
        if node is None:
            node = self._phrases[span] = self._span_node(span, NS.nif.Phrase)
        if with_sentence:
            if self._ends is None:
                self._ends = _sentence_ends(self.text)
            sentence = sentence_span(self.text, span, self._ends)
            s_node = self._sentences.get(sentence)
            if s_node is None:
                s_node = self._sentences[sentence] = self._span_node(sentence, NS.nif.Sentence)
            self.add(node, NS.nif.sentence, s_node)
        return node

    def evidence(self, node: ox.NamedNode, spans: Iterable[Span], *, with_sentence: bool = False) -> None:
        """``node gaf:denotedBy`` the phrase of each span."""
        for span in spans:
            self.add(node, NS.gaf.denotedBy, self.phrase(span, with_sentence=with_sentence))

    def fact(
        self, node: ox.NamedNode, cls: ox.NamedNode, spans: Iterable[Span], *, with_sentence: bool = False
    ) -> None:
        """A fact node: its class, ``prov:wasDerivedFrom`` the article, and its evidence."""
        self.add(node, NS.type, cls)
        self.add(node, NS.prov.wasDerivedFrom, self.article)
        self.evidence(node, spans, with_sentence=with_sentence)

    def code(self, scheme: str, phrase: str) -> tuple[ox.NamedNode, bool]:
        """The concept of ``scheme`` that ``phrase`` names, and whether it is curated
        (:mod:`antq_kg.graph.concepts`); nothing is stated."""
        found = self._codes.get((scheme, phrase))
        if found is None:
            iri = curated().find(scheme, phrase)
            found = self._codes[(scheme, phrase)] = (
                (self.node(iri), True)
                if iri is not None
                else (self.node(self.m.concept(scheme, slug(phrase))), False)
            )
        return found

    def concept(self, scheme: str, phrase: str) -> ox.NamedNode:
        """The concept of ``scheme`` that ``phrase`` names: a curated one (stated in the ontology), or
        one minted from the phrase and stated here with the phrase as ``skos:altLabel``."""
        node, known = self.code(scheme, phrase)
        if not known:
            self.add(node, NS.type, NS.skos.Concept)
            self.add(node, NS.skos.inScheme, _SCHEMES[scheme])
            self.add(node, NS.skos.altLabel, vi(phrase))
        return node

    def identity(self, node: ox.NamedNode, key: str, basis: str) -> None:
        """Record why ``node`` is the IRI it is (``antq:identityKey``, ``antq:identityBasis``)."""
        self.add(node, NS.antq.identityKey, plain(key))
        self.add(node, NS.antq.identityBasis, en(basis))

"""rdflib ↔ pyoxigraph: the one place where RDF terms and quads cross between the two libraries.

The graph is built as pyoxigraph quads and stored by Oxigraph; rdflib holds it for the Python API
(:func:`antq_kg.graph.build_graph` returns an rdflib ``Dataset``), pySHACL and the tests. Conversions
keep the RDF 1.1 meaning: a simple literal comes back as a plain rdflib ``Literal`` (pyoxigraph
reports it as ``xsd:string``; rdflib tells the two apart), typed literals keep their lexical form, and
rdflib's default graph (``urn:x-rdflib:default``) is the store's default graph. Terms are converted
once each per call (articles repeat their IRIs and concepts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeAlias

import pyoxigraph as ox
import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier

from .errors import InputError

__all__ = [
    "OxTerm",
    "dataset_to_quads",
    "oxigraph_terms",
    "quads_to_dataset",
    "quads_to_graph",
    "rdflib_terms",
]

OxTerm: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")


def _to_rdflib(term: OxTerm) -> Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype == _XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    raise InputError(f"RDF-star triple terms are not supported here: {term}")


def rdflib_terms() -> Callable[[OxTerm], Identifier]:
    """A converter of pyoxigraph terms to equal rdflib terms, caching each term it has seen.

    >>> to = rdflib_terms()
    >>> to(ox.Literal("x")), to(ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    (rdflib.term.Literal('x'), rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')))
    """
    cache: dict[OxTerm, Identifier] = {}

    def convert(term: OxTerm) -> Identifier:
        found = cache.get(term)
        if found is None:
            found = cache[term] = _to_rdflib(term)
        return found

    return convert


def _to_oxigraph(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode()  # fresh, once per distinct rdflib blank node (the caller caches)
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise InputError(f"unsupported RDF term {term!r}", path="<dataset>")


def oxigraph_terms() -> Callable[[object], ox.NamedNode | ox.BlankNode | ox.Literal]:
    """A converter of rdflib terms to pyoxigraph terms, caching each (a blank node stays one node).

    >>> to = oxigraph_terms()
    >>> to(rdflib.Literal("Hòa", lang="vi")), to(rdflib.BNode("b")) == to(rdflib.BNode("b"))
    (<Literal value=Hòa language=vi>, True)
    """
    cache: dict[object, ox.NamedNode | ox.BlankNode | ox.Literal] = {}

    def convert(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        found = cache.get(term)  # rdflib term equality includes a literal's datatype and language
        if found is None:
            found = cache[term] = _to_oxigraph(term)
        return found

    return convert


def dataset_to_quads(dataset: rdflib.Dataset | rdflib.Graph) -> list[ox.Quad]:
    """The quads of an rdflib ``Dataset`` (or the triples of a ``Graph``, in the default graph) as
    pyoxigraph quads; blank nodes get fresh labels. ``InputError`` for what Oxigraph cannot hold.
    """
    term = oxigraph_terms()
    out: list[ox.Quad] = []
    items: Iterable[tuple[object, object, object, object]]
    if isinstance(dataset, rdflib.Dataset):
        items = dataset.quads((None, None, None, None))
    else:
        items = ((s, p, o, None) for s, p, o in dataset)
    try:
        for s, p, o, c in items:
            name = c.identifier if isinstance(c, rdflib.Graph) else c
            graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph = (
                ox.DefaultGraph() if name is None or name == DATASET_DEFAULT_GRAPH_ID else term(name)  # type: ignore[assignment]
            )
            subject = term(s)
            if isinstance(subject, ox.Literal):
                raise InputError(f"literal {s!r} used as a subject", path="<dataset>")
            predicate = term(p)
            if not isinstance(predicate, ox.NamedNode):
                raise InputError(f"{p!r} used as a predicate", path="<dataset>")
            out.append(ox.Quad(subject, predicate, term(o), graph))
    except ValueError as exc:  # an IRI or language tag pyoxigraph rejects
        raise InputError(" ".join(str(exc).split()), path="<dataset>") from exc
    return out


def quads_to_dataset(quads: Iterable[ox.Quad], into: rdflib.Dataset | None = None) -> rdflib.Dataset:
    """pyoxigraph quads into an rdflib ``Dataset`` (a new one unless ``into``), graph by graph.

    >>> q = ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"), ox.NamedNode("http://e/g"))
    >>> [(str(g.identifier), len(g)) for g in quads_to_dataset([q]).graphs() if len(g)]
    [('http://e/g', 1)]
    """
    ds = rdflib.Dataset() if into is None else into
    term = rdflib_terms()
    graphs: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, rdflib.Graph] = {}
    batches: dict[rdflib.Graph, list[tuple[Identifier, Identifier, Identifier, rdflib.Graph]]] = {}
    for q in quads:
        name = q.graph_name
        g = graphs.get(name)
        if g is None:
            g = graphs[name] = ds.default_graph if isinstance(name, ox.DefaultGraph) else ds.graph(term(name))
            batches[g] = []
        batches[g].append((term(q.subject), term(q.predicate), term(q.object), g))
    for g, batch in batches.items():
        g.addN(batch)
    return ds


def quads_to_graph(quads: Iterable[ox.Quad], into: rdflib.Graph | None = None) -> rdflib.Graph:
    """The triples of pyoxigraph quads (graph names dropped) in an rdflib ``Graph``."""
    g = rdflib.Graph() if into is None else into
    term = rdflib_terms()
    g.addN((term(q.subject), term(q.predicate), term(q.object), g) for q in quads)
    return g

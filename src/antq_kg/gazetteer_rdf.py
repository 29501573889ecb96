"""Gazetteer as RDF: administrative units as time-bounded ``schema:AdministrativeArea`` individuals.

Modelling (``../shared/docs/VOCAB.md`` §1 "Places", §4; issue 4 "In the graph"), for each unit
``{base}id/admin/{key}`` (key scheme: ``data/gazetteer/README.md``):

* ``a schema:AdministrativeArea``; ``rdfs:label`` and ``schema:name`` with the type word, ``@vi``
  ("xã Nhân Hòa");
* the GSO code twice: ``skos:notation "12118"^^antq:gsoCode`` and ``schema:identifier`` → a
  ``schema:PropertyValue`` (``schema:propertyID "GSO"``), an IRI ``{unit}#gso`` rather than a
  blank node so that the output is the same triples every time;
* ``antq:adminLevel`` → a concept of the admin-level scheme
  (``https://w3id.org/antq/id/concept/admin-level/{tinh,thanh-pho-tw,thanh-pho,huyen,quan,thi-xa,
  xa,phuong,thi-tran,dac-khu}``, the slugs of :data:`antq_kg.vocab.LEVEL_DEPTH`; ``thanh-pho-tw``
  is a centrally-governed city, ``thanh-pho`` a provincial one; ``quoc-gia`` for Viet Nam, which
  is also a ``schema:Country``);
* ``schema:containedInPlace`` → the parent; ``antq:validFrom``/``antq:validTo`` ``xsd:date``;
* ``dcterms:isReplacedBy`` → each successor and ``dcterms:replaces`` → each predecessor (2019 and
  2025 changes), ``dcterms:source`` the data source or the resolution;
* provinces: ``antq:iso3166_2 "VN-66"`` (pre-2025 codes, from ``pycountry``) and, where the IRI was read in
  the OMG LCC source, ``skos:exactMatch`` the LCC subdivision; Viet Nam ``skos:exactMatch wd:Q881``.

:func:`units_to_quads` by default adds what makes the given units self-describing: their
ancestors, successors (followed to today) and predecessors (``closure=True``).

Two views of the same triples: :func:`units_to_quads` emits ``pyoxigraph`` quads straight from
the gazetteer records (no rdflib objects: the whole gazetteer, ~200k quads, is built in about a
second and bulk-loaded into the store, :func:`gazetteer_quads`); :func:`units_to_graph` is the
rdflib view of the same quads, for callers that add a few units to an rdflib graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib import namespace as rns
from rdflib.term import Identifier

from .gazetteer import AdminUnit, Gazetteer
from .vocab import ANTQ, DEFAULT_BASE_IRI, PREFIXES, WD, concept

__all__ = [
    "GSO_CODE",
    "WIKIDATA_VIET_NAM",
    "admin_iri",
    "gazetteer_graph_iri",
    "gazetteer_quads",
    "level_slug",
    "units_to_graph",
    "units_to_quads",
]

#: Datatype of GSO administrative codes (no Wikidata property exists for them, VOCAB.md §1).
GSO_CODE = ANTQ.gsoCode
#: Viet Nam in Wikidata.
WIKIDATA_VIET_NAM = WD.Q881
LCC_VN = Namespace("https://www.omg.org/spec/LCC/Countries/Regions/ISO3166-2-SubdivisionCodes-VN/")

_SLUGS = {
    "tỉnh": "tinh",
    "huyện": "huyen",
    "quận": "quan",
    "thị xã": "thi-xa",
    "xã": "xa",
    "phường": "phuong",
    "thị trấn": "thi-tran",
    "đặc khu": "dac-khu",
}


def level_slug(unit: AdminUnit) -> str:
    """The admin-level concept slug of a unit (``quoc-gia`` for Viet Nam).

    >>> from datetime import date
    >>> level_slug(AdminUnit("p01", "01", "thành phố", "Hà Nội", 1, "VN", None, date(2025, 6, 30)))
    'thanh-pho-tw'
    >>> level_slug(AdminUnit("d323", "323", "thành phố", "Hưng Yên", 2, "p33", None, None))
    'thanh-pho'
    """
    if unit.level == 0:
        return "quoc-gia"
    if unit.type == "thành phố":
        return "thanh-pho-tw" if unit.level == 1 else "thanh-pho"
    return _SLUGS[unit.type]


def admin_iri(key: str, *, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """``{base}id/admin/{key}``, the IRI the graph builder mints for a gazetteer unit.

    >>> admin_iri("c12118-2019")
    rdflib.term.URIRef('https://w3id.org/antq/id/admin/c12118-2019')
    """
    return URIRef(f"{base_iri}id/admin/{key}")


def gazetteer_graph_iri(*, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The named graph the gazetteer is loaded into (``antq-kg gazetteer export``).

    >>> gazetteer_graph_iri()
    rdflib.term.URIRef('https://w3id.org/antq/id/graph/gazetteer')
    """
    return URIRef(f"{base_iri}id/graph/gazetteer")


def _closure(gaz: Gazetteer, units: Iterable[AdminUnit]) -> list[AdminUnit]:
    """The units, their successors (transitively) and predecessors, and all their ancestors."""
    seen: dict[str, AdminUnit] = {}
    first: list[AdminUnit] = []
    for u in units:
        if u.key not in seen:
            seen[u.key] = u
            first.append(u)
    linked = [v for u in first for v in gaz.predecessors(u)]
    todo = list(first)
    while todo:
        for v in gaz.successors(todo.pop()):
            if v not in linked:
                linked.append(v)
                todo.append(v)
    for u in [*first, *linked]:
        for v in (u, *gaz.ancestors(u)):
            seen.setdefault(v.key, v)
    return list(seen.values())


class _Terms:
    """The constant terms of :func:`units_to_quads`, built once per call (pyoxigraph terms)."""

    def __init__(self, base_iri: str) -> None:
        n = ox.NamedNode
        self.base = f"{base_iri}id/admin/"
        self.type, self.label = n(str(rns.RDF.type)), n(str(rns.RDFS.label))
        self.name, self.source = n(str(rns.SDO.name)), n(str(rns.DCTERMS.source))
        self.area, self.country = n(str(rns.SDO.AdministrativeArea)), n(str(rns.SDO.Country))
        self.level, self.exact = n(str(ANTQ.adminLevel)), n(str(rns.SKOS.exactMatch))
        self.notation, self.identifier = n(str(rns.SKOS.notation)), n(str(rns.SDO.identifier))
        self.property_value, self.property_id = n(str(rns.SDO.PropertyValue)), n(str(rns.SDO.propertyID))
        self.value, self.gso = n(str(rns.SDO.value)), ox.Literal("GSO")
        self.contained = n(str(rns.SDO.containedInPlace))
        self.valid_from, self.valid_to = n(str(ANTQ.validFrom)), n(str(ANTQ.validTo))
        self.replaced_by, self.replaces = n(str(rns.DCTERMS.isReplacedBy)), n(str(rns.DCTERMS.replaces))
        self.iso, self.viet_nam = n(str(ANTQ.iso3166_2)), n(str(WIKIDATA_VIET_NAM))
        self.gso_code, self.date = n(str(GSO_CODE)), n(str(rns.XSD.date))
        self.vn_code = ox.Literal("VN")
        self.levels: dict[str, ox.NamedNode] = {}
        self.units: dict[str, ox.NamedNode] = {}

    def unit(self, key: str) -> ox.NamedNode:
        node = self.units.get(key)
        if node is None:
            node = self.units[key] = ox.NamedNode(self.base + key)
        return node

    def level_of(self, slug: str) -> ox.NamedNode:
        node = self.levels.get(slug)
        if node is None:
            node = self.levels[slug] = ox.NamedNode(str(concept("admin-level", slug)))
        return node


def units_to_quads(
    gaz: Gazetteer,
    units: Iterable[AdminUnit] | None = None,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    closure: bool = True,
    graph: str | None = None,
) -> Iterator[ox.Quad]:
    """The RDF description of ``units`` (default: the whole gazetteer) as pyoxigraph quads.

    With ``closure`` (the default) the ancestors, successors (followed to today) and predecessors
    of the given units are described too, so a graph of one article's places carries their whole
    chains. ``graph`` names the graph the quads are in (default: the default graph).

    >>> from datetime import date
    >>> gaz = Gazetteer([AdminUnit("VN", "VN", "", "Việt Nam", 0, None, None, None),
    ...                  AdminUnit("p33", "33", "tỉnh", "Hưng Yên", 1, "VN", None, date(2025, 6, 30))])
    >>> quads = list(units_to_quads(gaz, [gaz.get("p33")], closure=False))
    >>> len(quads)
    11
    >>> print(quads[1])
    <https://w3id.org/antq/id/admin/p33> <http://www.w3.org/2000/01/rdf-schema#label> "tỉnh Hưng Yên"@vi
    >>> print(quads[-1].object)
    "2025-06-30"^^<http://www.w3.org/2001/XMLSchema#date>
    """
    chosen = gaz.units() if units is None else (_closure(gaz, units) if closure else list(units))
    t = _Terms(base_iri)
    g: ox.NamedNode | ox.DefaultGraph = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
    Q, L = ox.Quad, ox.Literal
    for u in chosen:
        s = t.unit(u.key)
        yield Q(s, t.type, t.area, g)
        label = L(u.label, language="vi")
        yield Q(s, t.label, label, g)
        yield Q(s, t.name, label, g)
        if u.source:
            yield Q(s, t.source, L(u.source), g)
        if u.level == 0:
            yield Q(s, t.type, t.country, g)
            yield Q(s, t.level, t.level_of("quoc-gia"), g)
            yield Q(s, t.exact, t.viet_nam, g)
            yield Q(s, t.notation, t.vn_code, g)
            continue
        yield Q(s, t.notation, L(u.code, datatype=t.gso_code), g)
        ident = ox.NamedNode(f"{s.value}#gso")
        yield Q(s, t.identifier, ident, g)
        yield Q(ident, t.type, t.property_value, g)
        yield Q(ident, t.property_id, t.gso, g)
        yield Q(ident, t.value, L(u.code), g)
        yield Q(s, t.level, t.level_of(level_slug(u)), g)
        if u.parent_key:
            yield Q(s, t.contained, t.unit(u.parent_key), g)
        if u.valid_from is not None:
            yield Q(s, t.valid_from, L(u.valid_from.isoformat(), datatype=t.date), g)
        if u.valid_to is not None:
            yield Q(s, t.valid_to, L(u.valid_to.isoformat(), datatype=t.date), g)
        for new in gaz.successors(u):
            yield Q(s, t.replaced_by, t.unit(new.key), g)
        for old in gaz.predecessors(u):
            yield Q(s, t.replaces, t.unit(old.key), g)
        if u.level == 1:
            iso = gaz.iso3166_2.get(u.key)
            if iso:
                yield Q(s, t.iso, L(iso), g)
            lcc = gaz.lcc.get(u.key)
            if lcc:
                yield Q(s, t.exact, ox.NamedNode(lcc), g)


def gazetteer_quads(gaz: Gazetteer, *, base_iri: str = DEFAULT_BASE_IRI) -> list[ox.Quad]:
    """The whole gazetteer in its own named graph (:func:`gazetteer_graph_iri`), as quads ready
    for ``EmbeddedStore.add_quads`` (``antq-kg gazetteer export``, the build's reference graphs)."""
    return list(units_to_quads(gaz, base_iri=base_iri, graph=str(gazetteer_graph_iri(base_iri=base_iri))))


_XSD_STRING = ox.NamedNode(str(rns.XSD.string))


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Identifier:
    """A pyoxigraph term as the equal rdflib term (dates stay typed literals with the same lexical form)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype == _XSD_STRING:  # a simple literal: rdflib tells "x" from "x"^^xsd:string
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"no rdflib view of {term}")


def units_to_graph(
    gaz: Gazetteer,
    units: Iterable[AdminUnit] | None = None,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    closure: bool = True,
    into: Graph | None = None,
) -> Graph:
    """The rdflib view of :func:`units_to_quads` (same arguments), for a few units at a time.

    ``into`` adds the triples to an existing graph (e.g. a named graph of a ``Dataset``). For the
    whole gazetteer use :func:`gazetteer_quads`: building 200k rdflib triples takes seconds.
    """
    g = Graph() if into is None else into
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("lcc-3166-2-vn", LCC_VN)
    add = g.add
    cache: dict[object, Identifier] = {}

    def term(x: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Identifier:
        found = cache.get(x)
        if found is None:
            found = cache[x] = _rdflib_term(x)
        return found

    for q in units_to_quads(gaz, units, base_iri=base_iri, closure=closure):
        add((term(q.subject), term(q.predicate), term(q.object)))
    return g

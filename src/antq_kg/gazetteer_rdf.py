"""Gazetteer as RDF: administrative units as time-bounded ``schema:AdministrativeArea`` individuals.

Modelling (``docs/VOCABULARY.md`` §1 "Reused vocabularies", §4 "The 2025 reform"), for each unit
``{base}id/place/{key}`` (key scheme: ``data/gazetteer/README.md``; the same IRI the article graphs
point to when they name the unit):

* ``a schema:AdministrativeArea``; ``rdfs:label`` with the type word ("xã Nhân Hòa"), ``schema:name``
  without it ("Nhân Hòa"), ``@vi``;
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
  2025 changes), ``dcterms:source`` the data source or the resolution: the shortcuts of
* one ``antq:AdminChange`` (a ``prov:Activity``, ``{base}id/change/admin/{new key}``) per unit that
  succeeded others: ``prov:used`` the old units, ``prov:generated`` the new one, ``antq:changeType``
  merge | split | rename | upgrade | reform (:func:`change_type`), ``dcterms:date`` (the new unit's first
  day), ``antq:split true`` when the succession data flags a split, ``dcterms:source`` the act where
  ``manual.csv`` cites one, else the data source. A district "replaced" by the communes its communes
  became (``derived:communes``) keeps the shortcut and gets no event: it is no legal change;
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
from datetime import timedelta

import pyoxigraph as ox
from rdflib import Graph, Namespace, URIRef
from rdflib import namespace as rns

from . import iris
from .convert import quads_to_graph
from .gazetteer import AdminUnit, Gazetteer, Succession
from .identity.levels import unit_level
from .iris import folded_name
from .vocab import ANTQ, CONCEPT, DEFAULT_BASE_IRI, PREFIXES, WD, concept

__all__ = [
    "GSO_CODE",
    "WIKIDATA_VIET_NAM",
    "gazetteer_graph_iri",
    "gazetteer_quads",
    "level_slug",
    "place_iri",
    "units_to_graph",
    "units_to_quads",
]

#: Datatype of GSO administrative codes (no Wikidata property exists for them).
GSO_CODE = ANTQ.gsoCode
#: Viet Nam in Wikidata.
WIKIDATA_VIET_NAM = WD.Q881
LCC_VN = Namespace("https://www.omg.org/spec/LCC/Countries/Regions/ISO3166-2-SubdivisionCodes-VN/")


def level_slug(unit: AdminUnit) -> str:
    """The admin-level concept slug of a unit (:func:`antq_kg.identity.levels.unit_level`)."""
    return unit_level(unit)


def place_iri(key: str, *, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The IRI of gazetteer unit ``key`` (:func:`antq_kg.iris.place_iri`) as an rdflib term.

    >>> place_iri("c12118-2019")
    rdflib.term.URIRef('https://w3id.org/antq/id/place/c12118-2019')
    """
    return URIRef(iris.place_iri(key, base_iri=base_iri))


def gazetteer_graph_iri(*, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The named graph the gazetteer is loaded into (``antq-kg gazetteer export``).

    >>> gazetteer_graph_iri()
    rdflib.term.URIRef('https://w3id.org/antq/id/graph/gazetteer')
    """
    return URIRef(iris.gazetteer_graph_iri(base_iri=base_iri))


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
    for v in list(linked):  # what else each change used, so that its event names units described here
        linked += [w for w in gaz.predecessors(v) if w not in linked]
    for u in [*first, *linked]:
        for v in (u, *gaz.ancestors(u)):
            seen.setdefault(v.key, v)
    return list(seen.values())


class _Terms:
    """The constant terms of :func:`units_to_quads`, built once per call (pyoxigraph terms)."""

    def __init__(self, base_iri: str) -> None:
        n = ox.NamedNode
        self.base = iris.place_iri("", base_iri=base_iri)
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
        self.change, self.activity = n(str(ANTQ.AdminChange)), n(str(rns.PROV.Activity))
        self.change_type, self.split = n(str(ANTQ.changeType)), n(str(ANTQ["split"]))  # not str.split
        self.true = ox.Literal("true", datatype=n(str(rns.XSD.boolean)))
        self.used, self.generated = n(str(rns.PROV.used)), n(str(rns.PROV.generated))
        self.when = n(str(rns.DCTERMS.date))
        self.changes = iris.data_iri("change/admin/", base_iri=base_iri)
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
    of the given units are described too (and the other units their successors came from), so a graph
    of one article's places carries their whole chains and every unit its change events name. ``graph`` names the graph the quads are in (default: the default graph).

    >>> from datetime import date
    >>> gaz = Gazetteer([AdminUnit("VN", "VN", "", "Việt Nam", 0, None, None, None),
    ...                  AdminUnit("p33", "33", "tỉnh", "Hưng Yên", 1, "VN", None, date(2025, 6, 30))])
    >>> quads = list(units_to_quads(gaz, [gaz.get("p33")], closure=False))
    >>> len(quads)
    11
    >>> print(quads[1])
    <https://w3id.org/antq/id/place/p33> <http://www.w3.org/2000/01/rdf-schema#label> "tỉnh Hưng Yên"@vi
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
        yield Q(s, t.name, L(u.name, language="vi"), g)
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
        yield from _change_quads(gaz, u, t, g)
        if u.level == 1:
            iso = gaz.iso3166_2.get(u.key)
            if iso:
                yield Q(s, t.iso, L(iso), g)
            lcc = gaz.lcc.get(u.key)
            if lcc:
                yield Q(s, t.exact, ox.NamedNode(lcc), g)


#: Succession sources the gazetteer script derives rather than reads (a district "replaced by" the new
#: communes its communes became): kept as ``dcterms:isReplacedBy`` shortcuts, not as legal changes.
DERIVED_SOURCE = "derived:communes"


def change_type(new: AdminUnit, olds: list[tuple[AdminUnit, Succession]]) -> str:
    """The kind of the change that made ``new`` of ``olds`` (each with its succession link): ``merge``
    (several units), ``split`` (one unit divided between several), ``upgrade`` (same name, another type),
    ``rename`` (another name), ``reform`` (same name and type: a new version at a reform).

    >>> from antq_kg.gazetteer import AdminUnit, Succession
    >>> xa = AdminUnit("c1-2019", "1", "xã", "Nhân Hòa", 3, None, None, None)
    >>> phuong = AdminUnit("c1", "1", "phường", "Nhân Hoà", 3, None, None, None)
    >>> change_type(phuong, [(xa, Succession("c1-2019", "c1", False, True, "Res. 656/NQ-UBTVQH14"))])
    'upgrade'
    """
    if len(olds) > 1:
        return "merge"
    old, link = olds[0]
    if link.split:
        return "split"
    if folded_name(old.name) != folded_name(new.name):
        return "rename"
    return "reform" if old.type == new.type else "upgrade"


def _change_quads(
    gaz: Gazetteer, new: AdminUnit, t: _Terms, g: ox.NamedNode | ox.DefaultGraph
) -> Iterator[ox.Quad]:
    """The ``antq:AdminChange`` that made ``new`` (when the gazetteer records one): a ``prov:Activity``
    that ``prov:used`` the old units and ``prov:generated`` the new one, with its type, its date (the
    new unit's first day, else the day after the old ones' last), the split flag of the succession data,
    and ``dcterms:source`` each source of the links (the act, for the changes ``manual.csv`` records)."""
    olds = [
        (old, link)
        for old in gaz.predecessors(new)
        for link in gaz.succession(old)
        if link.new_key == new.key and link.source != DERIVED_SOURCE
    ]
    if not olds:
        return
    Q, L = ox.Quad, ox.Literal
    event = ox.NamedNode(t.changes + new.key)
    yield Q(event, t.type, t.change, g)
    yield Q(event, t.type, t.activity, g)
    kind = change_type(new, olds)
    yield Q(event, t.change_type, ox.NamedNode(f"{CONCEPT}admin-change/{kind}"), g)
    yield Q(event, t.label, L(f"{', '.join(o.label for o, _ in olds)} → {new.label}", language="vi"), g)
    day = new.valid_from
    ends = {o.valid_to for o, _ in olds}
    if day is None and len(ends) == 1:
        (end,) = ends
        day = end + timedelta(days=1) if end is not None else None
    if day is not None:
        yield Q(event, t.when, L(day.isoformat(), datatype=t.date), g)
    if any(link.split for _, link in olds):
        yield Q(event, t.split, t.true, g)
    for source in sorted({link.source for _, link in olds if link.source}):
        yield Q(event, t.source, L(source), g)
    for old, _ in olds:
        yield Q(event, t.used, t.unit(old.key), g)
    yield Q(event, t.generated, t.unit(new.key), g)


def gazetteer_quads(gaz: Gazetteer, *, base_iri: str = DEFAULT_BASE_IRI) -> list[ox.Quad]:
    """The whole gazetteer in its own named graph (:func:`gazetteer_graph_iri`), as quads ready
    for ``EmbeddedStore.add_quads`` (``antq-kg gazetteer export``, the build's reference graphs)."""
    return list(units_to_quads(gaz, base_iri=base_iri, graph=str(gazetteer_graph_iri(base_iri=base_iri))))


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
    return quads_to_graph(units_to_quads(gaz, units, base_iri=base_iri, closure=closure), g)

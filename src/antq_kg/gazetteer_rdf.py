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
* provinces: ``antq:iso3166_2 "VN-66"`` (pre-2025 codes, hand-kept) and, where the IRI was read in
  the OMG LCC source, ``skos:exactMatch`` the LCC subdivision; Viet Nam ``skos:exactMatch wd:Q881``.

:func:`units_to_graph` by default adds what makes the given units self-describing: their
ancestors, successors (followed to today) and predecessors (``closure=True``).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib import namespace as rns

from .gazetteer import AdminUnit, Gazetteer
from .vocab import ANTQ, DEFAULT_BASE_IRI, PREFIXES, concept

__all__ = [
    "GSO_CODE",
    "WIKIDATA_VIET_NAM",
    "admin_iri",
    "gazetteer_dataset",
    "gazetteer_graph_iri",
    "level_slug",
    "units_to_graph",
]

#: Datatype of GSO administrative codes (no Wikidata property exists for them, VOCAB.md §1).
GSO_CODE = ANTQ.gsoCode
WD = Namespace("http://www.wikidata.org/entity/")
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


def units_to_graph(
    gaz: Gazetteer,
    units: Iterable[AdminUnit] | None = None,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    closure: bool = True,
    into: Graph | None = None,
) -> Graph:
    """The RDF description of ``units`` (default: the whole gazetteer), see the module docstring.

    With ``closure`` (the default) the ancestors, successors (followed to today) and predecessors
    of the given units are described too, so a graph of one article's places carries their whole chains.
    ``into`` adds the triples to an existing graph (e.g. a named graph of a ``Dataset``).
    """
    chosen = gaz.units() if units is None else (_closure(gaz, units) if closure else list(units))
    g = Graph() if into is None else into
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("wd", WD)
    g.bind("lcc-3166-2-vn", LCC_VN)
    add = g.add
    for u in chosen:
        s = admin_iri(u.key, base_iri=base_iri)
        add((s, rns.RDF.type, rns.SDO.AdministrativeArea))
        label = Literal(u.label, lang="vi")
        add((s, rns.RDFS.label, label))
        add((s, rns.SDO.name, label))
        if u.source:
            add((s, rns.DCTERMS.source, Literal(u.source)))
        if u.level == 0:
            add((s, rns.RDF.type, rns.SDO.Country))
            add((s, ANTQ.adminLevel, concept("admin-level", "quoc-gia")))
            add((s, rns.SKOS.exactMatch, WIKIDATA_VIET_NAM))
            add((s, rns.SKOS.notation, Literal("VN")))
            continue
        add((s, rns.SKOS.notation, Literal(u.code, datatype=GSO_CODE)))
        ident = URIRef(f"{s}#gso")
        add((s, rns.SDO.identifier, ident))
        add((ident, rns.RDF.type, rns.SDO.PropertyValue))
        add((ident, rns.SDO.propertyID, Literal("GSO")))
        add((ident, rns.SDO.value, Literal(u.code)))
        add((s, ANTQ.adminLevel, concept("admin-level", level_slug(u))))
        if u.parent_key:
            add((s, rns.SDO.containedInPlace, admin_iri(u.parent_key, base_iri=base_iri)))
        if u.valid_from is not None:
            add((s, ANTQ.validFrom, Literal(u.valid_from, datatype=rns.XSD.date)))
        if u.valid_to is not None:
            add((s, ANTQ.validTo, Literal(u.valid_to, datatype=rns.XSD.date)))
        for new in gaz.successors(u):
            add((s, rns.DCTERMS.isReplacedBy, admin_iri(new.key, base_iri=base_iri)))
        for old in gaz.predecessors(u):
            add((s, rns.DCTERMS.replaces, admin_iri(old.key, base_iri=base_iri)))
        if u.level == 1:
            iso = gaz.iso3166_2.get(u.key)
            if iso:
                add((s, ANTQ.iso3166_2, Literal(iso)))
            lcc = gaz.lcc.get(u.key)
            if lcc:
                add((s, rns.SKOS.exactMatch, URIRef(lcc)))
    return g


def gazetteer_dataset(gaz: Gazetteer, *, base_iri: str = DEFAULT_BASE_IRI) -> Dataset:
    """The whole gazetteer in its own named graph (:func:`gazetteer_graph_iri`), for
    ``antq-kg gazetteer export`` and for loading beside the article graphs."""
    ds = Dataset()
    units_to_graph(gaz, base_iri=base_iri, into=ds.graph(gazetteer_graph_iri(base_iri=base_iri)))
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    return ds

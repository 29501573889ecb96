"""The gazetteer as RDF: units, codes, levels, validity, successors."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rns

from antq_kg.gazetteer import Gazetteer
from antq_kg.gazetteer_rdf import (
    GSO_CODE,
    WIKIDATA_VIET_NAM,
    gazetteer_graph_iri,
    gazetteer_quads,
    place_iri,
    units_to_graph,
    units_to_quads,
)
from antq_kg.vocab import ANTQ, concept

ID = "https://w3id.org/antq/id/place/"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def seed_graph(gaz: Gazetteer) -> Graph:
    """The units the seed article names, as resolved for a text written before May 2019."""
    chains = [
        [("tỉnh", "Hưng Yên")],
        [("huyện", "Phù Cừ"), ("tỉnh", "Hưng Yên")],
        [("xã", "Quang Hưng"), ("huyện", "Phù Cừ"), ("tỉnh", "Hưng Yên")],
        [("xã", "Nhân Hòa"), ("huyện", "Mỹ Hào"), ("tỉnh", "Hưng Yên")],
    ]
    units = [gaz.resolve_chain(c, on=date(2018, 6, 1)).unit for c in chains]
    assert all(units)
    return units_to_graph(gaz, [u for u in units if u is not None])


def test_xa_nhan_hoa_is_described_with_code_level_label_parent_and_validity(seed_graph: Graph) -> None:
    s = URIRef(ID + "c12118-2019")
    g = seed_graph
    assert (s, rns.RDF.type, rns.SDO.AdministrativeArea) in g
    assert g.value(s, rns.RDFS.label) == Literal("xã Nhân Hòa", lang="vi")
    assert g.value(s, rns.SDO.name) == Literal("Nhân Hòa", lang="vi")
    assert g.value(s, rns.SKOS.notation) == Literal("12118", datatype=GSO_CODE)
    ident = g.value(s, rns.SDO.identifier)
    assert g.value(ident, rns.SDO.propertyID) == Literal("GSO")
    assert g.value(ident, rns.SDO.value) == Literal("12118")
    assert g.value(s, ANTQ.adminLevel) == concept("admin-level", "xa")
    assert g.value(s, rns.SDO.containedInPlace) == URIRef(ID + "d328-2019")
    assert g.value(s, ANTQ.validTo) == Literal(date(2019, 4, 30), datatype=rns.XSD.date)
    assert g.value(s, ANTQ.validFrom) is None
    assert g.value(s, rns.DCTERMS.isReplacedBy) == URIRef(ID + "c12118")


def test_the_closure_carries_the_parent_chain_up_to_viet_nam(seed_graph: Graph) -> None:
    g = seed_graph
    q = f"SELECT ?label WHERE {{ <{ID}c12118-2019> schema:containedInPlace+ ?p . ?p rdfs:label ?label }}"
    labels = {str(r[0]) for r in g.query(q, initNs={"schema": rns.SDO, "rdfs": rns.RDFS})}
    assert labels == {"huyện Mỹ Hào", "tỉnh Hưng Yên", "Việt Nam"}
    vn = URIRef(ID + "VN")
    assert (vn, rns.SKOS.exactMatch, WIKIDATA_VIET_NAM) in g


def test_a_query_walks_from_huyen_phu_cu_to_the_communes_covering_it_today(seed_graph: Graph) -> None:
    q = f"SELECT ?code WHERE {{ <{ID}d333> dcterms:isReplacedBy ?new . ?new skos:notation ?code ; antq:validFrom ?f }}"
    ns = {"dcterms": rns.DCTERMS, "skos": rns.SKOS, "antq": ANTQ}
    codes = {str(r[0]) for r in seed_graph.query(q, initNs=ns)}
    assert codes == {"12391", "12406", "12424", "12427"}  # Quang Hưng, Đoàn Đào, Tiên Tiến, Tống Trân


def test_successors_of_the_seed_communes_and_province(seed_graph: Graph) -> None:
    g = seed_graph
    assert g.value(URIRef(ID + "c12118"), rns.DCTERMS.isReplacedBy) == URIRef(ID + "nc12103")
    assert g.value(URIRef(ID + "c12400"), rns.DCTERMS.isReplacedBy) == URIRef(ID + "nc12391")
    assert g.value(URIRef(ID + "p33"), rns.DCTERMS.isReplacedBy) == URIRef(ID + "np33")
    assert (URIRef(ID + "nc12103"), rns.DCTERMS.replaces, URIRef(ID + "c12118")) in g
    new = URIRef(ID + "nc12103")
    assert g.value(new, rns.RDFS.label) == Literal("phường Mỹ Hào", lang="vi")
    assert g.value(new, rns.SDO.containedInPlace) == URIRef(ID + "np33")
    assert g.value(new, ANTQ.validFrom) == Literal(date(2025, 7, 1), datatype=rns.XSD.date)


def test_provinces_carry_iso_3166_2_and_the_verified_lcc_iri(seed_graph: Graph) -> None:
    hy = URIRef(ID + "p33")
    assert seed_graph.value(hy, ANTQ.iso3166_2) == Literal("VN-66")
    assert (
        hy,
        rns.SKOS.exactMatch,
        URIRef("https://www.omg.org/spec/LCC/Countries/Regions/ISO3166-2-SubdivisionCodes-VN/HungYen"),
    ) in seed_graph
    assert seed_graph.value(URIRef(ID + "np33"), ANTQ.iso3166_2) is None  # post-merger codes unverified


def test_city_levels_use_the_two_thanh_pho_concepts(gaz: Gazetteer) -> None:
    g = units_to_graph(gaz, [gaz.get("p01"), gaz.get("d323")], closure=False)
    assert g.value(place_iri("p01"), ANTQ.adminLevel) == concept("admin-level", "thanh-pho-tw")
    assert g.value(place_iri("d323"), ANTQ.adminLevel) == concept("admin-level", "thanh-pho")


def test_base_iri_is_configurable(gaz: Gazetteer) -> None:
    g = units_to_graph(gaz, [gaz.get("p33")], base_iri="http://example.org/kg/", closure=False)
    subjects = {s for s in g.subjects(rns.RDF.type, rns.SDO.AdministrativeArea)}
    assert subjects == {URIRef("http://example.org/kg/id/place/p33")}


def test_output_is_deterministic(gaz: Gazetteer) -> None:
    units = [gaz.get("c12118-2019"), gaz.get("d333")]
    assert set(units_to_graph(gaz, units)) == set(units_to_graph(gaz, list(reversed(units))))


def test_the_whole_gazetteer_is_one_named_graph_with_every_unit_under_a_higher_level(gaz: Gazetteer) -> None:
    base = "http://example.org/kg/"
    quads = gazetteer_quads(gaz, base_iri=base)
    assert {q.graph_name for q in quads} == {ox.NamedNode(str(gazetteer_graph_iri(base_iri=base)))}
    rdf_type, area = ox.NamedNode(str(rns.RDF.type)), ox.NamedNode(str(rns.SDO.AdministrativeArea))
    contained, label = ox.NamedNode(str(rns.SDO.containedInPlace)), ox.NamedNode(str(rns.RDFS.label))
    areas = {q.subject.value for q in quads if q.predicate == rdf_type and q.object == area}
    assert len(areas) == len(gaz)
    assert base + "id/place/c12118-2019" in areas
    level_of = {f"{base}id/place/{u.key}": u.level for u in gaz.units()}
    parents = [(q.subject.value, q.object.value) for q in quads if q.predicate == contained]
    assert len(parents) == len(gaz) - 1  # every unit but Viet Nam
    assert all(level_of[parent] < level_of[child] for child, parent in parents)
    labels = {q.subject.value: q.object for q in quads if q.predicate == label}
    assert set(labels) == areas | {s for s in labels if s.startswith(base + "id/change/admin/")}
    assert all(isinstance(o, ox.Literal) and o.language == "vi" for o in labels.values())


def test_the_rdflib_view_holds_exactly_the_quads_of_a_province(gaz: Gazetteer) -> None:
    """Old Hưng Yên with its closure: the rdflib graph and the pyoxigraph quads are the same triples,
    datatypes and language tags included (a plain literal stays plain, not ``^^xsd:string``)."""
    hung_yen = gaz.get("p33")
    units = [u for u in gaz.units() if hung_yen in gaz.ancestors(u)]
    quads = {q.triple for q in units_to_quads(gaz, units)}
    view = units_to_graph(gaz, units)
    assert len(view) == len(quads) > 1000
    parsed = {
        q.triple for q in ox.parse(view.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    }
    assert parsed == quads
    assert (place_iri("c12400"), rns.DCTERMS.source, Literal("vietnam-provinces==0.6.0")) in view


def test_the_gazetteer_graph_of_a_province_conforms_to_the_shapes(gaz: Gazetteer) -> None:
    """Every unit of old Hưng Yên (2019 versions included), what they became, Viet Nam: SHACL-valid."""
    from antq_kg.validate import validate

    hung_yen = gaz.get("p33")
    units = [u for u in gaz.units() if hung_yen in gaz.ancestors(u)] + [hung_yen]
    report = validate(units_to_graph(gaz, units))
    assert report.conforms, report.text()


def change(g: Graph, new_key: str) -> URIRef:
    (event,) = g.subjects(rns.PROV.generated, URIRef(ID + new_key))
    assert (event, rns.RDF.type, ANTQ.AdminChange) in g and (event, rns.RDF.type, rns.PROV.Activity) in g
    return event  # type: ignore[return-value]


def kind(g: Graph, event: URIRef) -> str:
    return str(g.value(event, ANTQ.changeType)).rsplit("/", 1)[1]


def test_succession_is_a_dated_event_with_its_act_and_the_shortcut_stays(gaz: Gazetteer) -> None:
    g = units_to_graph(gaz, [gaz.get("c12118-2019")])
    upgrade = change(g, "c12118")
    assert kind(g, upgrade) == "upgrade"  # xã Nhân Hòa became phường Nhân Hòa
    assert g.value(upgrade, rns.DCTERMS.date) == Literal(date(2019, 5, 1), datatype=rns.XSD.date)
    assert "656/NQ-UBTVQH14" in str(g.value(upgrade, rns.DCTERMS.source))
    assert set(g.objects(upgrade, rns.PROV.used)) == {URIRef(ID + "c12118-2019")}
    assert (URIRef(ID + "c12118-2019"), rns.DCTERMS.isReplacedBy, URIRef(ID + "c12118")) in g
    merge = change(g, "nc12103")  # 2025: four units became phường Mỹ Hào
    assert kind(g, merge) == "merge"
    assert len(set(g.objects(merge, rns.PROV.used))) == 4
    assert all((u, rns.RDF.type, rns.SDO.AdministrativeArea) in g for u in g.objects(merge, rns.PROV.used))
    assert g.value(merge, rns.DCTERMS.date) == Literal(date(2025, 7, 1), datatype=rns.XSD.date)


def test_a_split_unit_carries_the_split_flag_and_a_rename_its_type(gaz: Gazetteer) -> None:
    split_links = [
        s for u in gaz.units() for s in gaz.succession(u) if s.split and s.source != "derived:communes"
    ]
    assert split_links
    g = units_to_graph(gaz, [gaz.get(split_links[0].new_key)])
    assert g.value(change(g, split_links[0].new_key), ANTQ["split"]) == Literal(True)
    hue = units_to_graph(gaz, [gaz.get("p46")], closure=False)
    assert kind(hue, change(hue, "p46")) == "rename"  # tỉnh Thừa Thiên Huế → thành phố Huế, 2025-01-01


def test_a_districts_derived_replacement_is_a_shortcut_not_a_change(gaz: Gazetteer) -> None:
    district = gaz.get("d333")  # huyện Phù Cừ: its communes became new communes in 2025
    g = units_to_graph(gaz, [district])
    assert set(g.objects(URIRef(ID + "d333"), rns.DCTERMS.isReplacedBy))
    assert not set(g.subjects(rns.PROV.used, URIRef(ID + "d333")))

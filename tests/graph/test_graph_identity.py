"""Cross-article identity: one IRI per unit version, organisation, movement and person across articles,
and persons never merged on the name alone.

Three small hand-made articles (facts written here with their offsets, not extracted): A and B
name the same village, commune, provincial police (written "Công an tỉnh" and "CA tỉnh"), the
movement in two forms and the same director; B also has a namesake in a commune police; C is dated
after the 2025 reform, so its provincial police is another organisation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns

from antq_kg.gazetteer import Gazetteer
from antq_kg.graph import build_graph
from antq_kg.model import Campaign, Facts, Organization, Person, Place
from antq_kg.text import Span, fold_key
from antq_kg.validate import validate
from antq_kg.vocab import ANTQ, GAF, SCHEMA

ID = "https://w3id.org/antq/id/"

TEXT_A = (
    "Đại tá Nguyễn Văn An, Giám đốc Công an tỉnh Hưng Yên, về thăm thôn Lỗ Xá, xã Nhân Hòa, "
    "huyện Mỹ Hào, tỉnh Hưng Yên. Phong trào Toàn dân bảo vệ an ninh Tổ quốc ở đây rất mạnh. "
    "Ông Lê Văn Cường phát biểu."
)
TEXT_B = (
    "Đại tá Nguyễn Văn An, Giám đốc CA tỉnh Hưng Yên, dự hội nghị ở thôn Lỗ Xá, xã Nhân Hoà, "
    "huyện Mỹ Hào. Phong trào toàn dân bảo vệ ANTQ được biểu dương. Đại úy Nguyễn Văn An, cán bộ "
    "Công an xã Quang Hưng, huyện Phù Cừ, tỉnh Hưng Yên nhận giấy khen. Ông Lê Văn Cường dự."
)
TEXT_C = "Thiếu tướng Phạm Văn Dũng, Giám đốc Công an tỉnh Hưng Yên, chủ trì hội nghị."


def span(text: str, sub: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``sub`` in ``text`` (the test's own offsets are checked here)."""
    begin = -1
    for _ in range(nth + 1):
        begin = text.index(sub, begin + 1)
    return Span(begin, begin + len(sub))


def facts(path: str, text: str, **kw: object) -> Facts:
    return Facts(path=path, text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), **kw)  # type: ignore[arg-type]


def article_a() -> Facts:
    t = TEXT_A
    province = Place("tỉnh", "Hưng Yên", spans=(span(t, "tỉnh Hưng Yên", 1),))
    district = Place("huyện", "Mỹ Hào", province)
    commune = Place("xã", "Nhân Hòa", district)
    village = Place("thôn", "Lỗ Xá", commune, spans=(span(t, "thôn Lỗ Xá"),))
    return facts(
        "a.txt",
        t,
        places=(village, province),
        persons=(
            Person(
                "Nguyễn Văn An",
                "Đại tá",
                ("Giám đốc",),
                "Công an tỉnh Hưng Yên",
                spans=(span(t, "Nguyễn Văn An"),),
                post_spans=(span(t, "Giám đốc"),),
            ),
            Person("Lê Văn Cường", honorific="Ông", spans=(span(t, "Lê Văn Cường"),)),
        ),
        organizations=(Organization("Công an tỉnh Hưng Yên", (span(t, "Công an tỉnh Hưng Yên"),)),),
        campaigns=(
            Campaign(
                "Toàn dân bảo vệ an ninh Tổ quốc",
                "phong trào",
                spans=(span(t, "Toàn dân bảo vệ an ninh Tổ quốc"),),
            ),
        ),
    )


def article_b() -> Facts:
    t = TEXT_B
    district = Place("huyện", "Mỹ Hào")
    commune = Place("xã", "Nhân Hoà", district)
    village = Place("thôn", "Lỗ Xá", commune, spans=(span(t, "thôn Lỗ Xá"),))
    quang_hung = Place(
        "xã",
        "Quang Hưng",
        Place("huyện", "Phù Cừ", Place("tỉnh", "Hưng Yên")),
        spans=(span(t, "xã Quang Hưng"),),
    )
    return facts(
        "b.txt",
        t,
        places=(village, quang_hung),
        persons=(
            Person(
                "Nguyễn Văn An",
                "Đại tá",
                ("Giám đốc",),
                "CA tỉnh Hưng Yên",
                spans=(span(t, "Nguyễn Văn An"),),
                post_spans=(span(t, "Giám đốc"),),
            ),
            Person(
                "Nguyễn Văn An", "Đại úy", (), "Công an xã Quang Hưng", spans=(span(t, "Nguyễn Văn An", 1),)
            ),
            Person("Lê Văn Cường", honorific="Ông", spans=(span(t, "Lê Văn Cường"),)),
        ),
        organizations=(
            Organization("CA tỉnh Hưng Yên", (span(t, "CA tỉnh Hưng Yên"),)),
            Organization("Công an xã Quang Hưng", (span(t, "Công an xã Quang Hưng"),)),
        ),
        campaigns=(Campaign("toàn dân bảo vệ ANTQ", "phong trào", spans=(span(t, "toàn dân bảo vệ ANTQ"),)),),
    )


def article_c() -> Facts:
    t = TEXT_C
    return facts(
        "c.txt",
        t,
        places=(Place("tỉnh", "Hưng Yên", spans=(span(t, "tỉnh Hưng Yên"),)),),
        persons=(
            Person(
                "Phạm Văn Dũng",
                "Thiếu tướng",
                ("Giám đốc",),
                "Công an tỉnh Hưng Yên",
                spans=(span(t, "Phạm Văn Dũng"),),
                post_spans=(span(t, "Giám đốc"),),
            ),
        ),
        organizations=(Organization("Công an tỉnh Hưng Yên", (span(t, "Công an tỉnh Hưng Yên"),)),),
        metadata={"date": {"published": "2025-09-01"}},
    )


@pytest.fixture(scope="module")
def ds(gazetteer: Gazetteer) -> Dataset:
    return build_graph([article_a(), article_b(), article_c()], gazetteer=gazetteer)


@pytest.fixture(scope="module")
def union(ds: Dataset) -> Graph:
    """All graphs together, as a query over the store sees them."""
    return union_of(ds)


def union_of(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def graph_of(ds: Dataset, path: str) -> Graph:
    """The named graph of the article read from ``path`` (its IRI comes from its text, not its name)."""
    (g,) = [g for g in ds.graphs() if (None, ANTQ.sourcePath, Literal(path)) in g]
    return g


def subjects_labelled(g: Graph, cls: URIRef, label: str, prop: URIRef = ns.RDFS.label) -> Iterator[URIRef]:
    for s in g.subjects(ns.RDF.type, cls):
        if any(fold_key(str(o)) == fold_key(label) for o in g.objects(s, prop)) and isinstance(s, URIRef):
            yield s


def one(g: Graph, cls: URIRef, label: str, prop: URIRef = ns.RDFS.label) -> URIRef:
    """The one node of ``cls`` labelled ``label`` that the article quotes (not one it only points to,
    like the police of the merged province its provincial police became)."""
    (s,) = {s for s in subjects_labelled(g, cls, label, prop) if (s, GAF.denotedBy, None) in g}
    return s


def persons_named(g: Graph, name: str) -> set[URIRef]:
    return set(subjects_labelled(g, ns.FOAF.Person, name, ns.FOAF.name))


def test_the_same_village_and_commune_are_one_iri_however_the_chain_is_written(
    ds: Dataset, union: Graph
) -> None:
    a, b = graph_of(ds, "a.txt"), graph_of(ds, "b.txt")
    village = one(a, SCHEMA.AdministrativeArea, "thôn Lỗ Xá")
    assert village == one(b, SCHEMA.AdministrativeArea, "thôn Lỗ Xá")
    # under the unit version of xã Nhân Hòa it lies in (12118, to 2019-04-30)
    assert str(village) == ID + "place/c12118-2019/thon-lo-xa-fa6020"
    commune = a.value(village, SCHEMA.containedInPlace)
    assert commune == b.value(village, SCHEMA.containedInPlace) == URIRef(ID + "place/c12118-2019")
    # B writes "Nhân Hoà" (old tone placement) and no province: the gazetteer still gives one chain
    assert union.value(commune, ns.RDFS.label) == Literal("xã Nhân Hòa", lang="vi")


def test_the_union_of_the_articles_still_conforms_to_the_shapes(ds: Dataset) -> None:
    """One IRI shared by articles must not collect contradicting values (two parents, two ranks…)."""
    report = validate(ds)
    assert report.conforms, report.text()


def test_an_organisation_written_two_ways_is_one_iri_with_one_label(ds: Dataset, union: Graph) -> None:
    a, b = graph_of(ds, "a.txt"), graph_of(ds, "b.txt")
    police_a = one(a, ns.ORG.Organization, "Công an tỉnh Hưng Yên")
    police_b = one(b, ns.ORG.Organization, "Công an tỉnh Hưng Yên")
    assert police_a == police_b == URIRef(ID + "org/cong-an-a8a91f/p33")
    assert set(union.objects(police_a, ns.SKOS.prefLabel)) == {Literal("Công an tỉnh Hưng Yên", lang="vi")}
    assert (police_a, ns.SKOS.altLabel, Literal("CA tỉnh Hưng Yên", lang="vi")) in b
    assert "serving the same unit (p33)" in str(b.value(police_a, ANTQ.identityBasis))


def test_the_police_of_the_province_after_the_2025_reform_is_another_organisation(ds: Dataset) -> None:
    police_c = one(graph_of(ds, "c.txt"), ns.ORG.Organization, "Công an tỉnh Hưng Yên")
    assert police_c == URIRef(ID + "org/cong-an-a8a91f/np33")  # the province merged with Thái Bình


def test_the_movement_in_two_written_forms_is_one_iri(ds: Dataset, union: Graph) -> None:
    movement = URIRef(ID + "initiative/toan-dan-bao-ve-an-ninh-to-quoc-49db2a")
    for path in ("a.txt", "b.txt"):
        assert (movement, ns.RDF.type, ANTQ.Initiative) in graph_of(ds, path)
    assert set(union.objects(movement, ns.SKOS.prefLabel)) == {
        Literal("Toàn dân bảo vệ an ninh Tổ quốc", lang="vi")
    }
    assert (movement, ns.SKOS.altLabel, Literal("toàn dân bảo vệ ANTQ", lang="vi")) in graph_of(ds, "b.txt")


def test_the_same_name_and_organisation_is_one_person(ds: Dataset, union: Graph) -> None:
    (in_a,) = persons_named(graph_of(ds, "a.txt"), "Nguyễn Văn An")
    in_b = persons_named(graph_of(ds, "b.txt"), "Nguyễn Văn An")
    assert in_a in in_b
    # no rank, no post in it: the name and the lineage of the organisation (the police of the province
    # the 2025 merger made of Hưng Yên and Thái Bình)
    assert str(in_a) == ID + "person/cong-an-a8a91f/np33/nguyen-van-an-e9f08e"
    basis = str(union.value(in_a, ANTQ.identityBasis))
    assert "never merged on the name alone" in basis and "lineage org|công an|np33" in basis
    assert "Công an tỉnh Hưng Yên (p33) → Công an tỉnh Hưng Yên (np33) on 2025-07-01" in basis


def test_a_namesake_in_another_organisation_is_another_person(ds: Dataset, union: Graph) -> None:
    in_b = persons_named(graph_of(ds, "b.txt"), "Nguyễn Văn An")
    assert len(in_b) == 2
    (namesake,) = in_b - persons_named(graph_of(ds, "a.txt"), "Nguyễn Văn An")
    ranks = {union.value(statement, ANTQ.rank) for statement in union.subjects(ANTQ.person, namesake)}
    assert {str(r).rsplit("/", 1)[1] for r in ranks} == {"dai-uy"}  # B's Đại úy, not A's Đại tá


def test_a_person_without_organisation_is_never_merged_across_articles(ds: Dataset, union: Graph) -> None:
    (in_a,) = persons_named(graph_of(ds, "a.txt"), "Lê Văn Cường")
    (in_b,) = persons_named(graph_of(ds, "b.txt"), "Lê Văn Cường")
    assert in_a != in_b
    assert "this article's person only" in str(union.value(in_a, ANTQ.identityBasis))


def test_a_bare_organisation_stays_in_its_article(gazetteer: Gazetteer) -> None:
    t = "Công an tỉnh đã phối hợp."
    bare = facts("d.txt", t, organizations=(Organization("Công an tỉnh", (span(t, "Công an tỉnh"),)),))
    other = facts("e.txt", t + " ", organizations=bare.organizations)
    ds = build_graph([bare, other], gazetteer=gazetteer)
    orgs = set(union_of(ds).subjects(ns.RDF.type, ns.ORG.Organization))
    assert len(orgs) == 2


def test_without_a_gazetteer_organisations_still_merge_on_the_expanded_name() -> None:
    ds = build_graph([article_a(), article_b()])
    police = URIRef(ID + "org/cong-an-tinh-hung-yen-9ce9b5")
    assert len({g.identifier for g in ds.graphs() if (police, ns.RDF.type, ns.ORG.Organization) in g}) == 2


def test_two_wards_of_one_name_told_apart_by_their_parenthesised_district_are_two_police(
    gazetteer: Gazetteer,
) -> None:
    t = "Công an phường Nguyễn Nghiêm (Đức Phổ) và Công an phường Nguyễn Nghiêm (TP Quảng Ngãi), tỉnh Quảng Ngãi."
    f = facts(
        "q.txt",
        t,
        places=(Place("tỉnh", "Quảng Ngãi", spans=(span(t, "tỉnh Quảng Ngãi"),)),),
        organizations=(
            Organization(
                "Công an phường Nguyễn Nghiêm (Đức Phổ)", (span(t, "Công an phường Nguyễn Nghiêm (Đức Phổ)"),)
            ),
            Organization(
                "Công an phường Nguyễn Nghiêm (TP Quảng Ngãi)",
                (span(t, "Công an phường Nguyễn Nghiêm (TP Quảng Ngãi)"),),
            ),
        ),
    )
    g = union_of(build_graph([f], gazetteer=gazetteer))
    written = {p for p in g.subjects(ns.RDF.type, ns.ORG.Organization) if (p, GAF.denotedBy, None) in g}
    assert len(written) == 2
    assert all(str(p).startswith(ID + "org/cong-an-a8a91f/c") for p in written), written
    districts = {g.value(p, ns.ORG.subOrganizationOf) for p in written}
    assert len(districts) == 2, "each ward's police sits under its own district's police"


def test_competency_query_16_lists_what_several_articles_name_and_why(ds: Dataset) -> None:
    import pyoxigraph as ox

    from antq_kg.graph import add_ontology, new_dataset

    ontology = new_dataset()
    add_ontology(ontology)
    store = ox.Store()
    for part in (ds, ontology):
        store.load(part.serialize(format="nquads").encode(), format=ox.RdfFormat.N_QUADS)
    query = (Path(__file__).resolve().parents[2] / "queries" / "16-shared-entities.rq").read_text(
        encoding="utf-8"
    )
    rows = [[t.value for t in r] for r in store.query(query, use_default_graph_as_union=True)]  # type: ignore[union-attr]
    assert [(r[1], int(r[2])) for r in rows] == [
        ("Công an tỉnh Hưng Yên", 2),
        ("Nguyễn Văn An", 2),
        ("Toàn dân bảo vệ an ninh Tổ quốc", 2),
        ("thôn Lỗ Xá", 2),
    ]
    by_label = {r[1]: r[3] for r in rows}
    assert "never merged on the name alone" in by_label["Nguyễn Văn An"]
    assert by_label["thôn Lỗ Xá"].startswith("residential unit 'thôn lỗ xá'")
    assert by_label["thôn Lỗ Xá"].endswith("(c12118-2019)")


def test_a_party_secretary_of_a_commune_council_sits_in_the_commune_party_committee() -> None:
    """ "Bí thư Đảng ủy, Chủ tịch HĐND xã Ô Lâm": the commune's Đảng ủy, not one inside the council."""
    from antq_kg.graph import party_committee_of

    assert party_committee_of("HĐND xã Ô Lâm") == "Đảng ủy xã Ô Lâm"
    assert party_committee_of("UBND huyện Tri Tôn") == "Đảng ủy huyện Tri Tôn"
    assert party_committee_of("Công an tỉnh Hưng Yên") == "Đảng ủy Công an tỉnh Hưng Yên"

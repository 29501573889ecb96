"""Identity across the 2025 reorganisations, over three dated articles read by the real pipeline.

``tests/data/reorganised/``: short Vietnamese reports with sidecars (dates, bylines):

- ``thai-binh-2024-05.txt`` (2024-05-14): Đại tá Nguyễn Văn Khải, Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc
  Công an tỉnh Thái Bình; Trung tá Trần Văn Bình, Trưởng Công an huyện Kiến Xương; "Ủy ban MTTQ tỉnh
  Thái Bình";
- ``thai-binh-2024-11.txt`` (2024-11-20): Thiếu tướng Nguyễn Văn Khải, the same posts (a promotion);
  "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thái Bình";
- ``hung-yen-2025-09.txt`` (2025-09-05), after the district police ended (2025-03-01) and Thái Bình
  merged into Hưng Yên (2025-07-01): Nguyễn Văn Khải, "nguyên Giám đốc Công an tỉnh Thái Bình", Giám đốc
  Công an tỉnh Hưng Yên; Trần Văn Bình, "nguyên Trưởng Công an huyện Kiến Xương", Phó Trưởng phòng Tham
  mưu Công an tỉnh Hưng Yên; Thiếu tá Trần Văn Bính of another division of the same police, a name that
  differs from Trần Văn Bình by one diacritic.

Each article is extracted with its sidecar and built with the gazetteer into one store with the
ontology and the gazetteer graph, as ``antq-kg build`` leaves it.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from antq_kg.explain import explain
from antq_kg.gazetteer import Gazetteer
from antq_kg.identity.article import ArticleIdentities
from antq_kg.identity.lineage import lineage
from antq_kg.identity.rules import unit_organization
from antq_kg.model import Facts, Person
from antq_kg.store import EmbeddedStore
from antq_kg.validate import validate
from dated_support import built_store, folder_quads, select

DATA = Path(__file__).resolve().parents[1] / "data" / "reorganised"
ID = "https://w3id.org/antq/id/"
KHAI, BINH = "Nguyễn Văn Khải", "Trần Văn Bình"
TB, HY = "Công an tỉnh Thái Bình", "Công an tỉnh Hưng Yên"


@pytest.fixture(scope="module")
def quads(gazetteer: Gazetteer) -> list[ox.Quad]:
    return folder_quads(DATA, gazetteer)


@pytest.fixture(scope="module")
def store(quads: list[ox.Quad], gazetteer: Gazetteer) -> EmbeddedStore:
    return built_store(quads, gazetteer)


def person(store: EmbeddedStore, name: str) -> str:
    (found,) = select(store, f"SELECT DISTINCT ?p WHERE {{ ?p a foaf:Person ; foaf:name '{name}'@vi }}")
    return found[0]


def holdings(store: EmbeddedStore, name: str) -> list[tuple[str, ...]]:
    """(date, organisation, role, "holding" | "former", the shared post's label) of each holding; a role
    the ontology does not curate ("Ủy viên") is labelled by its written form (``skos:altLabel``)."""
    return select(
        store,
        "SELECT DISTINCT ?date ?org ?role ?when ?post WHERE { ?m a org:Membership ; "
        f"org:member/foaf:name '{name}'@vi ; org:organization/skos:prefLabel ?org ; "
        "org:role ?r ; antq:post/rdfs:label ?post ; org:memberDuring ?i . "
        "{ ?i time:inside/time:inXSDDate ?date BIND ('holding' AS ?when) } "
        "UNION { ?i time:before/time:inXSDDate ?date BIND ('former' AS ?when) } "
        "OPTIONAL { ?r skos:prefLabel ?pref FILTER (LANG(?pref) = 'vi') } OPTIONAL { ?r skos:altLabel ?alt } "
        "BIND (COALESCE(?pref, ?alt) AS ?role) } ORDER BY ?date ?when ?org",
    )


def test_a_director_promoted_and_moved_by_the_provinces_merger_is_one_person(store: EmbeddedStore) -> None:
    khai = person(store, KHAI)  # one IRI in all three articles
    assert khai == ID + "person/cong-an-a8a91f/np33/nguyen-van-khai-78293c"  # the lineage's organisation
    ranks = select(
        store,
        f"SELECT DISTINCT ?date ?rank WHERE {{ ?s antq:person <{khai}> ; antq:rank/skos:prefLabel ?rank ; "
        "antq:asOf/time:inXSDDate ?date FILTER (LANG(?rank) = 'vi') } ORDER BY ?date",
    )
    assert ranks == [("2024-05-14", "Đại tá"), ("2024-11-20", "Thiếu tướng"), ("2025-09-05", "Thiếu tướng")]
    bases = {r[0] for r in select(store, f"SELECT DISTINCT ?b WHERE {{ <{khai}> antq:identityBasis ?b }}")}
    assert any(
        "Công an tỉnh Thái Bình (p34) → Công an tỉnh Hưng Yên (np33) on 2025-07-01" in b for b in bases
    )
    assert all("never merged on the name alone" in b for b in bases)


def test_the_two_provinces_police_stay_two_organisations_linked_by_a_change_event(
    store: EmbeddedStore,
) -> None:
    police = select(
        store,
        "SELECT DISTINCT ?o ?label WHERE { ?o a org:Organization ; skos:prefLabel ?label "
        f"FILTER (?label IN ('{TB}'@vi, '{HY}'@vi)) }} ORDER BY ?o",
    )
    # the merged province's police, and the two it was made of (Hưng Yên's named by the change event only)
    assert [r[0].removeprefix(ID) for r in police] == [
        "org/cong-an-a8a91f/np33", "org/cong-an-a8a91f/p33", "org/cong-an-a8a91f/p34",
    ]  # fmt: skip
    events = select(
        store,
        "SELECT DISTINCT ?date ?from ?to WHERE { ?e a org:ChangeEvent ; dcterms:date ?date ; "
        "org:originalOrganization ?o ; org:resultingOrganization ?n . ?o org:changedBy ?e ; skos:prefLabel ?from . "
        "?n org:resultedFrom ?e ; skos:prefLabel ?to } ORDER BY ?date ?from",
    )
    assert ("2025-03-01", "Công an huyện Kiến Xương", TB) in events  # the district police ended
    assert ("2025-07-01", TB, HY) in events and ("2025-07-01", HY, HY) in events  # the provinces merged


def test_a_shared_post_keeps_its_holdings_and_a_former_post_ends_before_the_date(
    store: EmbeddedStore,
) -> None:
    giam_doc_tb = f"Giám đốc – {TB}"
    assert [h for h in holdings(store, KHAI) if h[2] == "Giám đốc"] == [
        ("2024-05-14", TB, "Giám đốc", "holding", giam_doc_tb),
        ("2024-11-20", TB, "Giám đốc", "holding", giam_doc_tb),
        ("2025-09-05", TB, "Giám đốc", "former", giam_doc_tb),  # "nguyên Giám đốc Công an tỉnh Thái Bình"
        ("2025-09-05", HY, "Giám đốc", "holding", f"Giám đốc – {HY}"),
    ]
    (post_iri,) = select(
        store, f"SELECT DISTINCT ?p WHERE {{ ?p a org:Post ; rdfs:label '{giam_doc_tb}'@vi }}"
    )
    assert select(store, f"SELECT DISTINCT ?h WHERE {{ <{post_iri[0]}> org:heldBy ?h }}") == [
        (person(store, KHAI),)
    ]


def test_a_former_post_names_its_own_organisation_and_the_officer_stays_one_person(
    store: EmbeddedStore,
) -> None:
    assert holdings(store, BINH) == [
        ("2024-05-14", "Công an huyện Kiến Xương", "Trưởng", "holding", "Trưởng – Công an huyện Kiến Xương"),
        ("2025-09-05", "Công an huyện Kiến Xương", "Trưởng", "former", "Trưởng – Công an huyện Kiến Xương"),
        ("2025-09-05", "Phòng Tham mưu Công an tỉnh Hưng Yên", "Phó Trưởng phòng", "holding",
         "Phó Trưởng phòng – Phòng Tham mưu Công an tỉnh Hưng Yên"),
    ]  # fmt: skip
    binh = person(store, BINH)
    basis = " ".join(r[0] for r in select(store, f"SELECT ?b WHERE {{ <{binh}> antq:identityBasis ?b }}"))
    assert "Công an huyện Kiến Xương (d343) → Công an tỉnh Thái Bình (p34) on 2025-03-01" in basis
    assert "Phòng Tham mưu Công an tỉnh Hưng Yên is a division of Công an tỉnh Hưng Yên" in basis


def test_a_seat_on_the_standing_committee_is_held_in_the_party_body_not_the_police(
    store: EmbeddedStore,
) -> None:
    seats = [h for h in holdings(store, KHAI) if h[2] != "Giám đốc"]
    assert seats == [
        ("2024-05-14", "Ban Thường vụ Tỉnh ủy Thái Bình", "Ủy viên", "holding", "Ủy viên – Ban Thường vụ Tỉnh ủy Thái Bình"),
        ("2024-11-20", "Ban Thường vụ Tỉnh ủy Thái Bình", "Ủy viên", "holding", "Ủy viên – Ban Thường vụ Tỉnh ủy Thái Bình"),
    ]  # fmt: skip
    assert select(
        store,
        "SELECT DISTINCT ?up WHERE { ?b skos:prefLabel 'Ban Thường vụ Tỉnh ủy Thái Bình'@vi ; "
        "org:subOrganizationOf/skos:prefLabel ?up }",
    ) == [("Tỉnh ủy Thái Bình",)]


def test_the_fatherland_front_written_two_ways_is_one_organisation(store: EmbeddedStore) -> None:
    found = select(
        store,
        "SELECT DISTINCT ?o ?label ?quote WHERE { ?o a org:Organization ; skos:prefLabel ?label ; "
        "gaf:denotedBy/nif:anchorOf ?quote FILTER (CONTAINS(STR(?label), 'Mặt trận')) } ORDER BY ?quote",
    )
    assert {r[:2] for r in found} == {
        (
            ID + "org/uy-ban-mat-tran-to-quoc-viet-nam-d28aee/p34",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thái Bình",
        )
    }
    assert [r[2] for r in found] == [
        "Ủy ban MTTQ tỉnh Thái Bình",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thái Bình",
    ]


def test_explain_orders_each_dates_rank_posts_then_former_posts(store: EmbeddedStore) -> None:
    e = explain(store, person(store, BINH))
    assert e.articles == ("hung-yen-2025-09.txt", "thai-binh-2024-05.txt")
    assert e.dated == (
        "2024-05-14: Trung tá (thai-binh-2024-05.txt)",
        f"2024-05-14: {BINH} – Trưởng, Công an huyện Kiến Xương (thai-binh-2024-05.txt)",
        "2025-09-05: Thượng tá (hung-yen-2025-09.txt)",
        f"2025-09-05: {BINH} – Phó Trưởng phòng, Phòng Tham mưu Công an tỉnh Hưng Yên (hung-yen-2025-09.txt)",
        f"2025-09-05: {BINH} – nguyên Trưởng, Công an huyện Kiến Xương (hung-yen-2025-09.txt)",
    )
    assert any("linked by the 2025 reorganisations" in basis for basis in e.identity)


def test_a_name_one_diacritic_away_in_the_same_police_is_another_person_and_explain_says_so(
    store: EmbeddedStore,
) -> None:
    binh, binh_acute = person(store, BINH), person(store, "Trần Văn Bính")
    assert binh != binh_acute  # both in the lineage of Công an tỉnh Hưng Yên: the names differ
    e = explain(store, binh)
    assert e.namesakes == (
        f"<{binh_acute}>: 'Trần Văn Bính', another name: it differs from '{BINH}' by diacritics alone",
    )
    assert "not merged with (same name, or the same letters with other diacritics):" in e.text()


def test_the_union_of_the_reorganised_articles_conforms_to_the_shapes(quads: list[ox.Quad]) -> None:
    from antq_kg.convert import quads_to_dataset

    report = validate(quads_to_dataset(quads))
    assert report.conforms, report.text()


# -- the lineage rule itself, on the gazetteer ---------------------------------------------------------------


def test_a_merger_links_namesakes_but_a_split_ends_the_lineage(gazetteer: Gazetteer) -> None:
    """The rule without the extraction: a person's key follows the organisation's unit while the
    gazetteer gives it one successor and no split flag. Huyện Kim Thành (d293) was split among communes
    on 2025-07-01, so its council's officer and a namesake in one of those communes stay two."""
    ids = ArticleIdentities(Facts("a.txt", "", ""), "a", gazetteer)
    an = Person("Nguyễn Văn An")

    def key(head: str, unit: str) -> str:
        return ids.person(an, unit_organization(head, gazetteer.get(unit))).key

    assert key("Ủy ban nhân dân", "p34") == key("Ủy ban nhân dân", "np33")  # Thái Bình merged into Hưng Yên
    assert key("Công an", "d293") == key("Công an", "np31")  # district police → Hải Dương's → Hải Phòng's
    (after_split,) = {r.new_key for r in gazetteer.succession(gazetteer.get("d293"))} & {"nc10750"}
    assert key("Ủy ban nhân dân", "d293") != key("Ủy ban nhân dân", after_split)
    assert key("Ủy ban nhân dân", "d293").endswith("|org|ủy ban nhân dân|d293")
    assert lineage(gazetteer, unit_organization("Ủy ban nhân dân", gazetteer.get("d293"))).steps == ()

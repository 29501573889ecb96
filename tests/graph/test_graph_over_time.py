"""Identity that survives time, over several dated articles read by the real pipeline.

``tests/data/identity/``: three short Vietnamese reports with sidecars (dates, bylines) on one province:

- ``thai-binh-2023.txt`` (2023-05-10): Đại tá Nguyễn Văn Khải, Giám đốc Công an tỉnh Thái Bình; 1,250
  tổ an ninh nhân dân; thôn Hà and thôn Hạ of xã Đông Hoàng, huyện Đông Hưng;
- ``thai-binh-2024.txt`` (2024-08-20): Thiếu tướng Nguyễn Văn Khải, the same director, promoted; 1,262;
- ``dong-hoang-2024.txt`` (2024-09-02): Thiếu tá Nguyễn Văn Khải, Trưởng Công an xã Đông Hoàng, a namesake
  in another organisation; thôn Hạ again.

Each article is extracted (``antq_kg.pipeline.extract_article`` with its sidecar) and built with the
gazetteer into one store with the ontology and the gazetteer graph, as ``antq-kg build`` leaves it.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from antq_kg.explain import explain
from antq_kg.gazetteer import Gazetteer
from antq_kg.graph import article_quads
from antq_kg.pipeline import extract_article
from antq_kg.store import EmbeddedStore, open_store
from antq_kg.validate import validate
from dated_support import built_store, folder_quads, select

DATA = Path(__file__).resolve().parents[1] / "data" / "identity"
ROOT = Path(__file__).resolve().parents[2]
ID = "https://w3id.org/antq/id/"
KHAI = "Nguyễn Văn Khải"


@pytest.fixture(scope="module")
def quads(gazetteer: Gazetteer) -> list[ox.Quad]:
    return folder_quads(DATA, gazetteer)


@pytest.fixture(scope="module")
def store(quads: list[ox.Quad], gazetteer: Gazetteer) -> EmbeddedStore:
    return built_store(quads, gazetteer)


def test_a_promoted_director_is_one_person_with_two_dated_rank_statements(store: EmbeddedStore) -> None:
    found = select(
        store,
        f"SELECT DISTINCT ?person ?rank ?date ?file WHERE {{ ?s a antq:RankStatement ; antq:person ?person ; "
        f"antq:rank/skos:prefLabel ?rank ; antq:asOf/time:inXSDDate ?date ; prov:wasDerivedFrom/antq:sourcePath ?file . "
        f"?person foaf:name '{KHAI}'@vi . ?m org:member ?person ; org:role <{ID}concept/post/giam-doc> . "
        "FILTER (LANG(?rank) = 'vi') } ORDER BY ?date",
    )
    assert [r[1:] for r in found] == [
        ("Đại tá", "2023-05-10", "thai-binh-2023.txt"),
        ("Thiếu tướng", "2024-08-20", "thai-binh-2024.txt"),
    ]
    (person,) = {r[0] for r in found}
    # name + the lineage of the organisation (Thái Bình's police became the merged Hưng Yên's), no rank, no post
    assert person.startswith(ID + "person/cong-an-a8a91f/np33/")
    assert not select(store, f"SELECT ?r WHERE {{ <{person}> antq:rank ?r }}"), (
        "no undated rank on the person"
    )
    dated = explain(store, person).dated
    assert "2023-05-10: Đại tá (thai-binh-2023.txt)" in dated
    assert "2024-08-20: Thiếu tướng (thai-binh-2024.txt)" in dated


def test_the_directors_post_is_one_post_with_a_membership_per_article(store: EmbeddedStore) -> None:
    found = select(
        store,
        "SELECT DISTINCT ?post ?m ?date WHERE { ?post a org:Post ; org:role ?role ; org:postIn ?police . "
        f"?police skos:prefLabel 'Công an tỉnh Thái Bình'@vi . FILTER (?role = <{ID}concept/post/giam-doc>) "
        "?m antq:post ?post ; org:memberDuring/time:inside ?at ; org:organization ?police ; org:role ?role . "
        "?at time:inXSDDate ?date } ORDER BY ?date",
    )
    assert len(found) == 2
    assert {r[0] for r in found} == {ID + "post/cong-an-a8a91f/p34/giam-doc-57e156"}
    assert [r[2] for r in found] == ["2023-05-10", "2024-08-20"]
    assert len({r[1] for r in found}) == 2, "each holding is its article's fact"
    holders = select(store, f"SELECT DISTINCT ?who WHERE {{ <{found[0][0]}> org:heldBy ?who }}")
    assert len(holders) == 1


def test_the_same_name_in_another_organisation_is_another_person_and_explain_says_why(
    store: EmbeddedStore,
) -> None:
    people = select(
        store,
        f"SELECT DISTINCT ?p ?key WHERE {{ ?p foaf:name '{KHAI}'@vi ; antq:identityKey ?key }} ORDER BY ?key",
    )
    assert len(people) == 2
    keys = sorted(r[1] for r in people)  # each organisation's lineage: the commune merged into xã nc12775
    assert keys == [f"person|{KHAI.lower()}|org|công an|nc12775", f"person|{KHAI.lower()}|org|công an|np33"]
    commune = next(r[0] for r in people if r[1].endswith("nc12775"))
    director = next(r[0] for r in people if r[1].endswith("np33"))
    e = explain(store, commune)
    assert [why.split(">")[0].lstrip("<") for why in e.namesakes] == [director]
    assert "same name and the same organisation" in e.text()


def test_thon_ha_and_thon_ha_with_a_dot_are_two_villages_and_each_one_across_articles(
    store: EmbeddedStore,
) -> None:
    found = select(
        store,
        "SELECT ?v ?label (COUNT(DISTINCT ?g) AS ?articles) ?commune WHERE { GRAPH ?g { ?v gaf:denotedBy ?s } "
        "?v antq:adminLevel <https://w3id.org/antq/id/concept/admin-level/thon> ; rdfs:label ?label ; "
        "schema:containedInPlace ?commune } GROUP BY ?v ?label ?commune ORDER BY ?label",
    )
    assert [(r[1], r[2]) for r in found] == [("thôn Hà", "1"), ("thôn Hạ", "2")]
    assert len({r[0] for r in found}) == 2
    assert {r[3] for r in found} == {ID + "place/c12808"}  # xã Đông Hoàng, as in force in 2023-2024
    assert all(r[0].startswith(ID + "place/c12808/thon-ha-") for r in found)


def test_the_police_hierarchy_and_the_2025_reorganisations_of_the_organisations_named(
    store: EmbeddedStore,
) -> None:
    chain = select(
        store,
        "SELECT ?label WHERE { ?c skos:prefLabel 'Công an xã Đông Hoàng'@vi ; org:subOrganizationOf* ?up . "
        "?up skos:prefLabel ?label . OPTIONAL { ?up org:subOrganizationOf ?above } } ",
    )
    assert {r[0] for r in chain} == {
        "Công an xã Đông Hoàng", "Công an huyện Đông Hưng", "Công an tỉnh Thái Bình", "Bộ Công an",
    }  # fmt: skip
    events = select(
        store,
        "SELECT DISTINCT ?date ?from ?to WHERE { ?e a org:ChangeEvent ; dcterms:date ?date ; "
        "org:originalOrganization/skos:prefLabel ?from ; org:resultingOrganization/skos:prefLabel ?to . "
        "?o org:changedBy ?e . ?n org:resultedFrom ?e } ORDER BY ?date ?from",
    )
    assert ("2025-03-01", "Công an huyện Đông Hưng", "Công an tỉnh Thái Bình") in events
    assert ("2025-07-01", "Công an tỉnh Thái Bình", "Công an tỉnh Hưng Yên") in events  # merged province


def test_one_author_across_articles_and_article_iris_from_their_text(store: EmbeddedStore) -> None:
    authors = select(
        store,
        "SELECT ?a (COUNT(DISTINCT ?art) AS ?n) WHERE { ?art schema:author ?a } GROUP BY ?a ORDER BY ?a",
    )
    assert sorted(int(r[1]) for r in authors) == [1, 2]  # Minh Anh wrote both Thái Bình reports
    assert all(r[0].startswith(ID + "author/") for r in authors)
    articles = select(store, "SELECT ?a ?file WHERE { ?a antq:sourcePath ?file }")
    assert all(len(r[0].removeprefix(ID + "article/")) == 16 for r in articles)


def test_a_declared_identifier_in_the_sidecar_names_the_article(gazetteer: Gazetteer, tmp_path: Path) -> None:
    import json
    import shutil

    copy = tmp_path / "renamed.txt"
    shutil.copyfile(DATA / "thai-binh-2024.txt", copy)
    quads = article_quads(extract_article(copy, gazetteer=gazetteer), gazetteer=gazetteer)
    first = next(q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode))
    original = article_quads(
        extract_article(DATA / "thai-binh-2024.txt", gazetteer=gazetteer), gazetteer=gazetteer
    )
    assert first == next(q.graph_name.value for q in original if isinstance(q.graph_name, ox.NamedNode))
    (tmp_path / "renamed.meta.json").write_text(json.dumps({"id": "TB/2024-08-20"}), encoding="utf-8")
    declared = article_quads(extract_article(copy, gazetteer=gazetteer), gazetteer=gazetteer)
    assert {q.graph_name.value for q in declared if isinstance(q.graph_name, ox.NamedNode)} >= {
        ID + "graph/tb-2024-08-20"
    }


def test_the_union_of_the_dated_articles_conforms_to_the_shapes(quads: list[ox.Quad]) -> None:
    from antq_kg.convert import quads_to_dataset

    report = validate(quads_to_dataset(quads))
    assert report.conforms, report.text()


def test_every_iri_the_graph_points_to_exists(gazetteer: Gazetteer, dev_corpus: Path) -> None:
    """Built like ``antq-kg build`` from the seed, these articles and the development corpus, with the
    reference graphs: every data IRI in object position is the subject of a statement somewhere."""
    from antq_kg.pipeline import build

    store = open_store(None)
    folders = [ROOT / "data" / "articles", DATA, dev_corpus / "articles"]
    result = build(folders, gazetteer=gazetteer, store=store)
    assert result.ok and len(result.articles) == sum(len(list(f.glob("*.txt"))) for f in folders) >= 18
    dangling = select(
        store,
        f"SELECT DISTINCT ?o WHERE {{ ?s ?p ?o FILTER (isIRI(?o) && STRSTARTS(STR(?o), '{ID}')) "
        "FILTER NOT EXISTS { ?o ?q ?any } } ORDER BY ?o",
    )
    assert dangling == []
    pointed = select(
        store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?s ?p ?o FILTER (STRSTARTS(STR(?o), '{ID}')) }}"
    )
    assert int(pointed[0][0]) > 1000

"""``antq-kg explain IRI`` and :func:`antq_kg.explain.explain`: every merge is explainable, and so is
every namesake that was not merged.

The store holds two small hand-made articles (``tests/graph/test_graph_identity.py``) built with the
gazetteer, the ontology and the gazetteer description of their units, as ``antq-kg build`` leaves it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from test_graph_identity import article_a, article_b
from typer.testing import CliRunner

from antq_kg.cli import app
from antq_kg.errors import InputError, NotFound
from antq_kg.explain import Explanation, explain
from antq_kg.gazetteer import Gazetteer
from antq_kg.gazetteer_rdf import units_to_graph
from antq_kg.graph import add_ontology, build_graph
from antq_kg.store import EmbeddedStore, open_store
from antq_kg.vocab import SCHEMA

ID = "https://w3id.org/antq/id/"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    gaz = Gazetteer.load()
    ds = build_graph([article_a(), article_b()], gazetteer=gaz)
    add_ontology(ds)
    keys = {
        str(s).removeprefix(ID + "place/")
        for s, _, _, _ in ds.quads((None, None, SCHEMA.AdministrativeArea, None))
    }
    ds.graph(URIRef(ID + "graph/gazetteer")).__iadd__(
        units_to_graph(gaz, [gaz.get(k) for k in sorted(keys) if k in gaz])
    )
    path = tmp_path_factory.mktemp("store")
    with open_store(path) as store:
        store.load_dataset(ds)
    return path


@pytest.fixture(scope="module")
def store(store_dir: Path) -> EmbeddedStore:
    return open_store(store_dir, read_only=True)


def person_iri(store: EmbeddedStore, rank: str) -> str:
    """The Nguyễn Văn An an article gives ``rank`` (a rank statement; ranks are not in person IRIs)."""
    (row,) = store.query(
        "PREFIX antq: <https://w3id.org/antq/ontology#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
        "SELECT DISTINCT ?p WHERE { ?p foaf:name 'Nguyễn Văn An'@vi . ?s antq:person ?p ; "
        f"antq:rank <https://w3id.org/antq/id/concept/rank/{rank}> }}"
    ).rows()
    assert row[0] is not None
    return row[0].value


def test_a_merged_person_is_explained_with_both_articles_spans_and_the_basis(store: EmbeddedStore) -> None:
    e = explain(store, person_iri(store, "dai-ta"))
    assert isinstance(e, Explanation)
    assert e.kind == "a person"
    assert e.labels == ("Nguyễn Văn An",)
    assert e.articles == ("a.txt", "b.txt")
    assert [(ev.article, ev.quote) for ev in e.evidence] == [
        ("a.txt", "Nguyễn Văn An"),
        ("b.txt", "Nguyễn Văn An"),
    ]
    assert all(ev.end - ev.begin == len("Nguyễn Văn An") for ev in e.evidence)
    (basis,) = e.identity
    assert "never merged on the name alone" in basis and "org|công an|np33" in basis
    assert ("org:holds", "Giám đốc – Công an tỉnh Hưng Yên") in e.statements
    (namesake,) = e.namesakes  # B's Đại úy of the commune police shares the name only
    assert namesake.startswith(f"<{person_iri(store, 'dai-uy')}>") and "org|công an|nc" in namesake
    assert "same name and the same organisation" in e.text()


def test_two_people_sharing_only_a_name_are_each_told_why_they_are_not_one(store: EmbeddedStore) -> None:
    director, captain = person_iri(store, "dai-ta"), person_iri(store, "dai-uy")
    assert director != captain
    text = explain(store, captain).text()
    assert "not merged with (same name):" in text
    assert f"<{director}>: identity key 'person|nguyễn văn an|org|công an|np33'" in text


def test_an_organisation_written_two_ways_shows_both_spellings(store: EmbeddedStore) -> None:
    e = explain(store, "id/org/cong-an-a8a91f/p33")  # relative to the base IRI
    assert e.iri == ID + "org/cong-an-a8a91f/p33"
    assert e.kind == "an organisation"
    assert {ev.quote for ev in e.evidence} == {"Công an tỉnh Hưng Yên", "CA tỉnh Hưng Yên"}
    assert "CA tỉnh Hưng Yên" in e.labels
    assert "serving the same unit (p33)" in e.identity[0]


def test_an_admin_unit_gives_its_gazetteer_chain_and_what_it_became(store: EmbeddedStore) -> None:
    e = explain(store, ID + "place/c12118-2019")  # the unit version, one IRI for articles and gazetteer
    assert e.chain == ("xã Nhân Hòa (12118)", "huyện Mỹ Hào (328)", "tỉnh Hưng Yên (33)")
    assert e.successors == ("phường Mỹ Hào (from 2025-07-01)",)
    assert e.articles == ("a.txt", "b.txt")  # both name the commune (as the parent of thôn Lỗ Xá)
    province = explain(store, ID + "place/p33")
    assert [(ev.article, ev.quote) for ev in province.evidence] == [("a.txt", "tỉnh Hưng Yên")]


def test_a_residential_unit_is_explained_through_its_commune(store: EmbeddedStore) -> None:
    e = explain(store, ID + "place/c12118-2019/thon-lo-xa-fa6020")
    assert e.kind == "a place (administrative or residential unit)"
    assert "of the unit the gazetteer resolved (c12118-2019)" in e.identity[0]
    assert e.chain == ("thôn Lỗ Xá", "xã Nhân Hòa (12118)", "huyện Mỹ Hào (328)", "tỉnh Hưng Yên (33)")
    assert [ev.quote for ev in e.evidence] == ["thôn Lỗ Xá", "thôn Lỗ Xá"]


def test_a_mention_is_its_own_evidence(store: EmbeddedStore) -> None:
    e = explain(store, person_iri(store, "dai-uy"))
    phrase_rows = store.query(
        "PREFIX gaf: <http://groundedannotationframework.org/gaf#> "
        f"SELECT ?ph WHERE {{ <{e.iri}> gaf:denotedBy ?ph }}"
    ).rows()
    mention = explain(store, phrase_rows[0][0].value)  # type: ignore[union-attr]
    assert mention.kind == "a mention: a span of an article"
    assert [(ev.article, ev.quote) for ev in mention.evidence] == [("b.txt", "Nguyễn Văn An")]


def test_an_unknown_iri_is_not_found_and_garbage_is_not_an_iri(store: EmbeddedStore) -> None:
    with pytest.raises(NotFound, match="no resource"):
        explain(store, ID + "person/nobody")
    with pytest.raises(InputError, match="not an IRI"):
        explain(store, "a b> } DROP ALL")


runner = CliRunner()


def test_cli_explain_prints_the_explanation(store_dir: Path) -> None:
    result = runner.invoke(
        app, ["--store", str(store_dir), "explain", ID + "initiative/toan-dan-bao-ve-an-ninh-to-quoc-49db2a"]
    )
    assert result.exit_code == 0, result.output
    assert "is a named initiative" in result.output
    assert "a.txt [" in result.output and '"Toàn dân bảo vệ an ninh Tổ quốc"' in result.output
    assert '"toàn dân bảo vệ ANTQ"' in result.output
    assert "a written form of the movement" in result.output


def test_cli_explain_of_a_missing_iri_is_one_line_and_exit_2(store_dir: Path) -> None:
    result = runner.invoke(app, ["--store", str(store_dir), "explain", "id/person/nobody"])
    assert result.exit_code == 2
    assert result.output == f"Error: no resource <{ID}person/nobody> in the store\n"

"""The pipeline behind ``antq-kg build``/``extract``: article discovery, sidecars, errors, streaming."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from antq_kg.errors import ArticleError, InputError
from antq_kg.model import Facts
from antq_kg.pipeline import build, find_articles, iter_facts, read_sidecar, sidecar_path
from antq_kg.store import open_store

ARTICLE = 'Công an huyện Phù Cừ ra mắt mô hình "Camera an ninh" ở thôn Lỗ Xá.\n\nPhương Thủy\n'


def write(path: Path, text: str = ARTICLE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folders_are_searched_recursively_in_sorted_order(tmp_path: Path) -> None:
    b = write(tmp_path / "b.txt")
    a = write(tmp_path / "z" / "a.txt")
    c = write(tmp_path / "a" / "c.txt")
    write(tmp_path / "a" / "c.meta.json", "{}")
    found = list(find_articles([tmp_path]))
    assert found == [c, b, a]  # sorted by full path: a/c.txt, b.txt, z/a.txt


def test_a_missing_path_is_an_error_item_not_an_exception(tmp_path: Path) -> None:
    items = list(find_articles([tmp_path / "gone.txt"]))
    assert len(items) == 1 and isinstance(items[0], ArticleError)
    assert str(items[0]) == f"{tmp_path / 'gone.txt'}: No such file or directory"


def test_sidecar_meta_json_is_preferred_and_passed_on(tmp_path: Path) -> None:
    article = write(tmp_path / "hy.txt")
    meta = {
        "language": "vi",
        "author": "Phương Thủy",
        "title": None,
        "date": {"published": None, "stated": False, "before": "2019-05-01"},
    }
    write(tmp_path / "hy.json", json.dumps({"language": "en"}))
    write(tmp_path / "hy.meta.json", json.dumps(meta, ensure_ascii=False))
    assert sidecar_path(article) == tmp_path / "hy.meta.json"
    [facts] = list(iter_facts([article]))
    assert isinstance(facts, Facts)
    assert facts.metadata["language"] == "vi"
    assert facts.metadata["date"]["before"] == "2019-05-01"
    assert facts.metadata["author"] == "Phương Thủy"


def test_article_without_sidecar_builds_with_empty_metadata(tmp_path: Path) -> None:
    article = write(tmp_path / "plain.txt")
    assert read_sidecar(article) == {}
    [facts] = list(iter_facts([article]))
    assert isinstance(facts, Facts) and facts.metadata == {}


def test_bad_sidecar_is_reported_for_its_article(tmp_path: Path) -> None:
    article = write(tmp_path / "x.txt")
    write(tmp_path / "x.meta.json", '{"language": "vi",\n "author": }')
    with pytest.raises(InputError, match=r"x\.meta\.json: bad JSON at line 2, column 12"):
        read_sidecar(article)
    [item] = list(iter_facts([article]))
    assert isinstance(item, InputError)


def test_seed_sidecar_in_data_articles_is_read(seed_path: Path) -> None:
    meta = read_sidecar(seed_path)
    assert meta["language"] == "vi"
    assert meta["date"]["before"] == "2019-05-01"


def test_build_streams_into_the_store_and_records_errors(tmp_path: Path) -> None:
    from antq_kg.iris import corpus_graph_iri

    good = [write(tmp_path / "in" / f"{i}.txt", ARTICLE.replace("Lỗ Xá", f"Xóm {i}")) for i in range(3)]
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe\x00")
    seen: list[str] = []
    with open_store(tmp_path / "store") as store:
        result = build(
            [tmp_path / "in"], store=store, on_error=lambda e: seen.append(str(e)), reference=False
        )
        assert sorted(result.articles) == sorted(str(p) for p in good)
        assert len(result.errors) == 1 and seen == [str(result.errors[0])]
        assert not result.ok
        graphs = store.graphs()
        assert result.run_graph in graphs
        corpus = corpus_graph_iri()
        assert len(graphs) == 5 and corpus in graphs  # three article graphs, one run graph, the corpus graph
        # each article also (re)writes the run's shared activity triples, so the store holds fewer
        article_quads = sum(len(list(store.quads(g))) for g in graphs if g not in (result.run_graph, corpus))
        assert 0 < article_quads < result.quads


def test_build_without_a_store_counts_only(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt")
    result = build([article])
    assert result.ok and result.articles[str(article)] > 0


def test_two_jobs_give_the_same_facts_in_the_same_order(tmp_path: Path) -> None:
    for i in range(6):
        write(tmp_path / f"{i}.txt", ARTICLE + f"\nBài số {i}.\n")
    (tmp_path / "3.txt").write_bytes(b"")
    one = list(iter_facts([tmp_path], jobs=1))
    two = list(iter_facts([tmp_path], jobs=2))
    assert [type(x).__name__ for x in one] == [type(x).__name__ for x in two]
    assert [x.path for x in one if isinstance(x, Facts)] == [x.path for x in two if isinstance(x, Facts)]
    assert [str(x) for x in one if not isinstance(x, Facts)] == [
        str(x) for x in two if not isinstance(x, Facts)
    ]
    assert [x for x in one if isinstance(x, Facts)] == [x for x in two if isinstance(x, Facts)]


def test_reference_graphs_and_reset_keep_only_the_gazetteer(tmp_path: Path) -> None:
    from antq_kg.formats import RDF_FORMATS
    from antq_kg.gazetteer_rdf import gazetteer_graph_iri
    from antq_kg.reference import load_reference_graphs, reference_graph_names, reset_store

    with open_store(tmp_path / "store") as store:
        loaded = load_reference_graphs(
            store, base_iri="https://w3id.org/antq/", gazetteer=None, links=tmp_path / "no-links"
        )
        [ontology] = loaded  # no gazetteer given: the ontology graph only
        assert ontology in reference_graph_names() and loaded[ontology] > 100
        gaz = str(gazetteer_graph_iri())
        assert gaz in reference_graph_names()
        store.load_bytes(f'<http://e/x> <http://e/p> "1" <{gaz}> .'.encode(), RDF_FORMATS["nquads"])
        store.load_bytes(b'<http://e/y> <http://e/p> "2" .', RDF_FORMATS["nquads"])
        build([write(tmp_path / "a.txt")], store=store, reference=False)
        reset_store(store)
        assert store.graphs() == [gaz]
        assert len(store) == 1


def test_the_gazetteer_graph_is_bulk_loaded_once_and_kept_by_later_builds(tmp_path: Path) -> None:
    from datetime import date

    from antq_kg.gazetteer import AdminUnit, Gazetteer
    from antq_kg.gazetteer_rdf import gazetteer_graph_iri, units_to_quads
    from antq_kg.reference import load_reference_graphs

    gaz = Gazetteer(
        [
            AdminUnit("VN", "VN", "", "Việt Nam", 0, None, None, None),
            AdminUnit("p33", "33", "tỉnh", "Hưng Yên", 1, "VN", None, date(2025, 6, 30)),
        ]
    )
    name = str(gazetteer_graph_iri())
    with open_store(tmp_path / "store") as store:
        first = load_reference_graphs(store, base_iri="https://w3id.org/antq/", gazetteer=gaz)
        assert first[name] == len(list(units_to_quads(gaz))) == len(list(store.quads(name)))
        again = load_reference_graphs(store, base_iri="https://w3id.org/antq/", gazetteer=gaz)
        assert name not in again  # already there: not rebuilt
        hits = store.query(f"ASK {{ GRAPH <{name}> {{ <https://w3id.org/antq/id/place/p33> ?p ?o }} }}")
        assert hits.boolean


LINKS_TTL = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wd: <http://www.wikidata.org/entity/> .
<https://w3id.org/antq/id/place/p33> skos:exactMatch wd:Q%s .
"""


def test_links_files_are_loaded_into_their_own_graph_and_replaced_by_each_build(tmp_path: Path) -> None:
    from antq_kg.link import links_graph_iri
    from antq_kg.reference import load_reference_graphs, reference_graph_names

    links = tmp_path / "links"
    links.mkdir()
    (links / "wikidata.ttl").write_text(LINKS_TTL % "1", encoding="utf-8")
    (links / "README.md").write_text("not RDF", encoding="utf-8")
    name = str(links_graph_iri())
    ask = "ASK { GRAPH <%s> { <https://w3id.org/antq/id/place/p33> <http://www.w3.org/2004/02/skos/core#exactMatch> <http://www.wikidata.org/entity/Q%s> } }"
    with open_store(tmp_path / "store") as store:
        first = load_reference_graphs(store, base_iri="https://w3id.org/antq/", gazetteer=None, links=links)
        assert first[name] == 1 and name in reference_graph_names()
        assert store.query(ask % (name, "1")).boolean
        (links / "wikidata.ttl").write_text(LINKS_TTL % "2", encoding="utf-8")  # re-reconciled
        build([write(tmp_path / "a.txt")], store=store, links=links)
        assert store.query(ask % (name, "2")).boolean
        assert not store.query(ask % (name, "1")).boolean  # replaced, not merged
        assert len(list(store.quads(name))) == 1


def test_links_follow_the_base_iri_and_an_empty_folder_loads_nothing(tmp_path: Path) -> None:
    from antq_kg.graph import ONTOLOGY_GRAPH
    from antq_kg.link import links_graph_iri
    from antq_kg.reference import load_reference_graphs

    links = tmp_path / "links"
    links.mkdir()
    with open_store(None) as store:
        loaded = load_reference_graphs(store, base_iri="http://e.org/", gazetteer=None, links=links)
        assert list(loaded) == [str(ONTOLOGY_GRAPH)]  # no *.ttl: no links graph
        assert str(links_graph_iri(base_iri="http://e.org/")) not in store.graphs()
        (links / "wikidata.ttl").write_text(LINKS_TTL % "1", encoding="utf-8")
        load_reference_graphs(store, base_iri="http://e.org/", gazetteer=None, links=links)
        [quad] = store.quads(str(links_graph_iri(base_iri="http://e.org/")))
        assert quad.subject.value == "http://e.org/id/place/p33"


def test_a_broken_links_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    from antq_kg.reference import load_reference_graphs

    links = tmp_path / "links"
    links.mkdir()
    (links / "bad.ttl").write_text("<a> <b> .", encoding="utf-8")
    with open_store(None) as store, pytest.raises(InputError, match=r"bad\.ttl"):
        load_reference_graphs(store, base_iri="https://w3id.org/antq/", gazetteer=None, links=links)


def test_two_jobs_build_the_same_graphs_as_one_in_the_same_order(tmp_path: Path, seed_path: Path) -> None:
    """With ``jobs=2`` the workers build the graphs too; what comes back is the in-process build, byte for byte,
    and it parses into the quads of :func:`antq_kg.graph.article_quads`."""
    from antq_kg.gazetteer import Gazetteer
    from antq_kg.graph import BuildRun, article_quads
    from antq_kg.pipeline import extract_article, iter_built_articles

    write(tmp_path / "0.txt", seed_path.read_text(encoding="utf-8"))
    write(tmp_path / "1.txt")
    (tmp_path / "2.txt").write_bytes(b"\x00\x01")
    gaz, run = Gazetteer.load(), BuildRun.new()
    one = list(iter_built_articles([tmp_path], gazetteer=gaz, run=run, jobs=1))
    two = list(iter_built_articles([tmp_path], gazetteer=gaz, run=run, jobs=2))
    assert (
        [type(x).__name__ for x in one]
        == [type(x).__name__ for x in two]
        == ["tuple", "tuple", "ArticleError"]
    )
    assert str(one[2]) == str(two[2])
    for mine, theirs in zip(one[:2], two[:2], strict=True):
        assert isinstance(mine, tuple) and isinstance(theirs, tuple)
        assert mine == theirs
        path, built = mine
        quads = article_quads(extract_article(Path(path), gazetteer=gaz), gazetteer=gaz, run=run)
        assert list(ox.parse(built.data, ox.RdfFormat.N_QUADS)) == quads
        assert built.quads == len(quads) > 0 and built.graph == quads[0].graph_name.value

"""Incremental builds, removal and run records, on real on-disk stores.

An article is skipped when its text, sidecar and the pipeline version are those recorded by the
build that last wrote it; its file is the key (its absolute path).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib

from antq_kg.errors import InputError
from antq_kg.gazetteer import Gazetteer
from antq_kg.pipeline import build, remove
from antq_kg.runs import RUN_TERMS, pipeline_version, read_sources
from antq_kg.store import EmbeddedStore, open_store

BASE = "https://w3id.org/antq/"
ANTQ = "https://w3id.org/antq/ontology#"
ARTICLE = 'Công an huyện Phù Cừ ra mắt mô hình "Camera an ninh" ở thôn {place}.\n\nPhương Thủy\n'


def write(path: Path, place: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(place=place), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for i, place in enumerate(("Lỗ Xá", "Nhân Hòa", "Xóm Đông")):
        write(tmp_path / "in" / f"{i}.txt", place)
    return tmp_path / "in"


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    s = open_store(tmp_path / "store")
    yield s  # type: ignore[misc]
    s.close()


def article_graphs(store: EmbeddedStore) -> list[str]:
    return [g for g in store.graphs() if "/graph/run/" not in g and not g.endswith("/graph/corpus")]


def run_record(store: EmbeddedStore, run_id: str) -> dict[str, str]:
    q = f"SELECT ?p ?o {{ <{BASE}id/run/{run_id}> ?p ?o }}"
    return {p.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]: o.value for p, o in store.query(q).rows()}  # type: ignore[union-attr]


def links_of(store: EmbeddedStore, graph: str) -> int:
    return int(store.query(f"SELECT (COUNT(*) AS ?n) {{ <{graph}> ?p ?o }}").rows()[0][0].value)  # type: ignore[union-attr]


def test_an_unchanged_corpus_is_skipped_without_extracting(corpus: Path, store: EmbeddedStore) -> None:
    first = build([corpus], store=store, reference=False)
    assert first.counts == {"added": 3, "replaced": 0, "unchanged": 0, "removed": 0, "failed": 0}
    before = {g: sorted(map(str, store.quads(g))) for g in article_graphs(store)}
    again = build([corpus], store=store, reference=False)
    assert again.counts == {"added": 0, "replaced": 0, "unchanged": 3, "removed": 0, "failed": 0}
    assert again.articles == {}  # nothing was extracted or built
    assert {g: sorted(map(str, store.quads(g))) for g in article_graphs(store)} == before
    assert run_record(store, again.run_id)["articlesUnchanged"] == "3"


def test_a_changed_text_or_sidecar_replaces_only_that_article(corpus: Path, store: EmbeddedStore) -> None:
    build([corpus], store=store, reference=False)
    old = read_sources(store)[str((corpus / "1.txt").resolve())].graph
    write(corpus / "1.txt", "Nhân Hòa mới")
    (corpus / "2.meta.json").write_text(json.dumps({"author": "Phương Thủy"}), encoding="utf-8")
    result = build([corpus], store=store, reference=False)
    assert sorted(result.replaced) == [str(corpus / "1.txt"), str(corpus / "2.txt")]
    assert result.unchanged == [str(corpus / "0.txt")]
    sources = read_sources(store)
    assert len(sources) == 3  # one record per file: the newest
    new = sources[str((corpus / "1.txt").resolve())].graph
    assert new != old and old not in store.graphs() and new in store.graphs()
    assert links_of(store, old) == 0  # its run links went with it
    assert sources[str((corpus / "2.txt").resolve())].sidecar_sha256 is not None
    assert len(article_graphs(store)) == 3


def test_force_builds_everything_again(corpus: Path, store: EmbeddedStore) -> None:
    build([corpus], store=store, reference=False)
    result = build([corpus], store=store, reference=False, force=True)
    assert result.counts["replaced"] == 3 and result.counts["unchanged"] == 0
    for graph in article_graphs(store):  # one run generated each graph: the latest
        runs = store.query(f"SELECT ?r {{ <{graph}> <http://www.w3.org/ns/prov#wasGeneratedBy> ?r }}").rows()
        assert [r.value for (r,) in runs] == [f"{BASE}id/run/{result.run_id}"]  # type: ignore[union-attr]


def test_a_new_pipeline_version_builds_everything_again(
    corpus: Path, store: EmbeddedStore, gazetteer: Gazetteer
) -> None:
    assert pipeline_version(base_iri=BASE, gazetteer=None) != pipeline_version(
        base_iri=BASE, gazetteer=gazetteer
    )
    assert pipeline_version(base_iri=BASE, gazetteer=None) != pipeline_version(
        base_iri="http://e.org/", gazetteer=None
    )
    assert pipeline_version(base_iri=BASE, gazetteer=None) == pipeline_version(base_iri=BASE, gazetteer=None)
    build([corpus], store=store, reference=False)
    result = build([corpus], store=store, reference=False, gazetteer=gazetteer)
    assert result.counts["replaced"] == 3


def test_files_gone_from_a_folder_are_withdrawn_by_the_next_build(corpus: Path, store: EmbeddedStore) -> None:
    build([corpus], store=store, reference=False)
    gone = read_sources(store)[str((corpus / "0.txt").resolve())].graph
    (corpus / "0.txt").unlink()
    result = build([corpus], store=store, reference=False)
    assert result.counts == {"added": 0, "replaced": 0, "unchanged": 2, "removed": 1, "failed": 0}
    assert gone not in store.graphs() and links_of(store, gone) == 0
    assert str((corpus / "0.txt").resolve()) not in read_sources(store)
    build([corpus / "1.txt"], store=store, reference=False)  # a file argument withdraws nothing else
    assert len(article_graphs(store)) == 2


def test_remove_by_path_article_iri_and_graph_iri(corpus: Path, store: EmbeddedStore) -> None:
    build([corpus], store=store, reference=False)
    sources = read_sources(store)
    graphs = [sources[str((corpus / f"{i}.txt").resolve())].graph for i in range(3)]
    article = store.query(
        f"SELECT ?a {{ GRAPH <{graphs[1]}> {{ ?a a <https://schema.org/NewsArticle> }} }}"
    ).rows()[0][0]
    assert article is not None
    result = remove([str(corpus / "0.txt"), article.value, graphs[2]], store=store)  # type: ignore[union-attr]
    assert result.removed == graphs and result.errors == []
    assert article_graphs(store) == []
    assert read_sources(store) == {}
    assert all(links_of(store, g) == 0 for g in graphs)
    again = build([corpus], store=store, reference=False)
    assert again.counts["added"] == 3


def test_one_graph_from_two_files_stays_until_neither_gives_it(tmp_path: Path, store: EmbeddedStore) -> None:
    twins = [write(tmp_path / d / "same.txt", "Lỗ Xá") for d in ("a", "b")]  # one text, one article IRI
    first = build(twins, store=store, reference=False)
    assert first.counts["added"] == 2 and len(article_graphs(store)) == 1
    [graph] = article_graphs(store)
    assert build(twins, store=store, reference=False).counts["unchanged"] == 2
    assert remove([str(twins[0])], store=store).removed == []
    assert graph in store.graphs()  # the other file still gives it
    assert remove([str(twins[1])], store=store).removed == [graph]
    assert article_graphs(store) == [] and read_sources(store) == {}


def test_remove_names_what_it_cannot_find_and_still_removes_the_rest(
    corpus: Path, store: EmbeddedStore
) -> None:
    build([corpus], store=store, reference=False)
    result = remove(
        [str(corpus / "nope.txt"), "https://w3id.org/antq/id/graph/nope", str(corpus)], store=store
    )
    assert [str(e) for e in result.errors] == [
        f"{corpus / 'nope.txt'}: no article built from this file or folder is in the store",
        "https://w3id.org/antq/id/graph/nope: no article or article graph with this IRI is in the store",
    ]
    assert all(isinstance(e, InputError) for e in result.errors)
    assert len(result.removed) == 3 and article_graphs(store) == []


def test_a_run_records_start_end_outcome_counts_and_versions(corpus: Path, store: EmbeddedStore) -> None:
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\x00")
    result = build([corpus], store=store, reference=False)
    record = run_record(store, result.run_id)
    assert record["outcome"] == "failed"
    assert (record["articlesAdded"], record["articlesFailed"], record["articlesReplaced"]) == ("3", "1", "0")
    assert record["startedAtTime"] <= record["endedAtTime"]
    assert record["toolVersion"] and record["pipelineVersion"].startswith(record["toolVersion"] + "+")
    (corpus / "bad.txt").unlink()
    ok = build([corpus], store=store, reference=False)
    assert run_record(store, ok.run_id)["outcome"] == "completed"


def test_a_build_that_stops_on_an_error_keeps_nothing_and_the_next_one_records_it(
    corpus: Path, store: EmbeddedStore
) -> None:
    before = store.generation

    def stop(done: int, total: int) -> None:
        if done == 2:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        build([corpus], store=store, reference=False, on_progress=stop)
    assert store.generation == before and len(store) == 0
    notes: list[str] = []
    result = build([corpus], store=store, reference=False, on_note=notes.append)
    [entry] = result.unfinished
    assert notes == [
        f"note: the earlier build run {entry.run} (started {entry.started}, pid {entry.pid}) did not "
        "complete (stopped on an error: disk on fire); nothing it wrote was kept, and it is recorded as failed"
    ]
    record = run_record(store, str(entry.run))
    assert (record["outcome"], record["runError"]) == ("failed", "disk on fire")
    assert "endedAtTime" not in record
    assert build([corpus], store=store, reference=False).unfinished == []  # said once


def test_reference_graphs_are_reloaded_only_when_their_content_changed(
    tmp_path: Path, store: EmbeddedStore
) -> None:
    from antq_kg.graph import ONTOLOGY_GRAPH
    from antq_kg.link import links_graph_iri
    from antq_kg.reference import load_reference_graphs

    links = tmp_path / "links"
    links.mkdir()
    (links / "w.ttl").write_text(
        "<https://w3id.org/antq/id/admin/p33> <http://www.w3.org/2004/02/skos/core#exactMatch> "
        "<http://www.wikidata.org/entity/Q1> .\n",
        encoding="utf-8",
    )
    first = load_reference_graphs(store, base_iri=BASE, gazetteer=None, links=links)
    assert sorted(first) == sorted([str(ONTOLOGY_GRAPH), str(links_graph_iri(base_iri=BASE))])
    assert load_reference_graphs(store, base_iri=BASE, gazetteer=None, links=links) == {}
    (links / "w.ttl").write_text((links / "w.ttl").read_text().replace("Q1", "Q2"), encoding="utf-8")
    assert list(load_reference_graphs(store, base_iri=BASE, gazetteer=None, links=links)) == [
        str(links_graph_iri(base_iri=BASE))
    ]
    store.drop_graphs([str(ONTOLOGY_GRAPH)], default=False)  # a graph gone is loaded again, whatever its hash
    assert list(load_reference_graphs(store, base_iri=BASE, gazetteer=None, links=links)) == [
        str(ONTOLOGY_GRAPH)
    ]


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(Path(__file__).resolve().parents[2] / "ontology" / "antq.ttl")


@pytest.mark.parametrize("term", RUN_TERMS)
def test_every_run_record_term_is_declared_with_vi_en_labels_and_a_definition(
    ontology: rdflib.Graph, term: str
) -> None:
    iri = rdflib.URIRef(ANTQ + term)
    assert set(ontology.objects(iri, rdflib.RDF.type)) & {
        rdflib.OWL.Class,
        rdflib.OWL.DatatypeProperty,
        rdflib.OWL.ObjectProperty,
    }
    for prop in (rdflib.RDFS.label, rdflib.RDFS.comment):
        assert {o.language for o in ontology.objects(iri, prop) if isinstance(o, rdflib.Literal)} >= {
            "vi",
            "en",
        }

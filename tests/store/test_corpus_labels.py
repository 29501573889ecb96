"""One preferred label per shared entity, chosen over the corpus (the corpus graph), on real stores.

Two articles that write one organisation, one initiative or one person in different case name one IRI; each keeps its
spelling as ``rdfs:label`` in its own graph, and the corpus graph states the one ``skos:prefLabel``: the
spelling most articles write, an all-capitals one only when there is no other, ties to the earliest
article, then the article id, then code-point order.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from antq_kg import resources
from antq_kg.cli import app
from antq_kg.describe import resource_view
from antq_kg.errors import QueryError
from antq_kg.export import file_to_store
from antq_kg.gazetteer import Gazetteer
from antq_kg.graph.corpus import LABELLED_CLASSES, LabelUse, tally
from antq_kg.pipeline import build, remove
from antq_kg.pipeline.corpus import PARSED_ALWAYS, CorpusLabels, SpellingTally, labels_kept, update_labelled
from antq_kg.pipeline.load import load_files
from antq_kg.store import EmbeddedStore, check_rdf_file, open_store, rdf_file
from antq_kg.validate import validate_store
from conftest import SEED
from labels_support import (
    BOARD_LOWER,
    BOARD_UPPER,
    CORPUS,
    LOWER,
    ORG,
    PERSON,
    PERSON_LOWER,
    PERSON_UPPER,
    RDFS,
    SKOS,
    UPPER,
    article,
    built_apart,
    cli,
    corpus_graph,
    pref_of,
    preferred,
    rows,
    two_spellings,
)

TYPED = f"a ?c VALUES ?c {{ {' '.join(f'<{c}>' for c in LABELLED_CLASSES)} }}"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    s = open_store(tmp_path / "store")
    yield s  # type: ignore[misc]
    s.close()


def competency(store: EmbeddedStore, name: str) -> list[tuple[str, ...]]:
    """The rows of a competency query of ``queries/``."""
    return rows(store, (resources.queries_dir() / name).read_text(encoding="utf-8"))


def test_case_variants_are_one_entity_with_one_preferred_label_and_each_spelling_in_its_graph(
    tmp_path: Path, store: EmbeddedStore, gazetteer: Gazetteer
) -> None:
    folder = two_spellings(tmp_path / "in")
    result = build([folder], store=store, gazetteer=gazetteer)
    assert result.ok
    board = rows(
        store,
        f'SELECT ?g ?l {{ GRAPH ?g {{ ?o a <{ORG}> ; <{RDFS}label> ?l FILTER (STRSTARTS(?l, "Ban chỉ đạo")) }} }}',
    )
    assert board == [
        ("https://w3id.org/antq/id/graph/a", BOARD_UPPER),
        ("https://w3id.org/antq/id/graph/b", BOARD_LOWER),
    ]
    (org,) = {o for (o,) in rows(store, f'SELECT DISTINCT ?o {{ ?o <{RDFS}label> "{BOARD_LOWER}"@vi }}')}
    assert rows(store, f'SELECT DISTINCT ?o {{ ?o <{RDFS}label> "{BOARD_UPPER}"@vi }}') == [(org,)]
    # no article graph states a preferred label of its own; the corpus graph states one per entity
    assert rows(store, f"SELECT ?g {{ GRAPH ?g {{ <{org}> <{SKOS}prefLabel> ?l }} }}") == [(CORPUS,)]
    assert all(len(v) == 1 for v in preferred(store).values())
    # one article each: the tie goes to the earlier article
    assert preferred(store)[org] == [BOARD_UPPER]
    assert pref_of(store, "camera an ninh") == "Camera an ninh"
    for engine in ("sparql", "pyshacl"):
        report = validate_store(store, engine=engine)
        assert report.conforms, (engine, [r for r in report.results if r.severity == "Violation"])
    # the organisation list shows it once
    assert [r[0] for r in competency(store, "11-organisations.rq") if "Ban chỉ đạo" in r[0]] == [BOARD_UPPER]


def test_the_spelling_most_articles_write_wins_and_removing_them_changes_the_choice(
    tmp_path: Path, store: EmbeddedStore, gazetteer: Gazetteer
) -> None:
    folder = two_spellings(tmp_path / "in")
    c = article(folder, "c", LOWER, "2024-05-01", village="Nam")
    build([folder], store=store, gazetteer=gazetteer, reference=False)
    assert pref_of(store, BOARD_UPPER) == BOARD_LOWER
    assert pref_of(store, "camera an ninh") == "camera an ninh"
    # its page is titled by the preferred label, and lists every spelling
    (org,) = {o for (o,) in rows(store, f'SELECT DISTINCT ?o {{ ?o <{SKOS}prefLabel> "{BOARD_LOWER}"@vi }}')}
    view = resource_view(store, org)
    assert view.title == BOARD_LOWER
    assert {t.value for t in view.labels} == {BOARD_UPPER, BOARD_LOWER}
    # the competency queries list it once, by the preferred label
    shared = [r for r in competency(store, "16-shared-entities.rq") if r[0] == org]
    assert [(r[1], r[2]) for r in shared] == [(BOARD_LOWER, "3")]
    listed = [r[0] for r in competency(store, "11-organisations.rq") if "Ban chỉ đạo" in r[0]]
    assert listed == [BOARD_LOWER]
    removed = remove([str(c)], store=store)
    assert removed.removed == ["https://w3id.org/antq/id/graph/c"]
    assert pref_of(store, BOARD_UPPER) == BOARD_UPPER  # one each again: the earlier article's
    assert pref_of(store, "camera an ninh") == "Camera an ninh"
    derived = rows(
        store,
        f"SELECT ?g {{ GRAPH <{CORPUS}> {{ <{CORPUS}> <http://www.w3.org/ns/prov#wasDerivedFrom> ?g }} }}",
    )
    assert derived == [("https://w3id.org/antq/id/graph/a",), ("https://w3id.org/antq/id/graph/b",)]
    remove([str(folder)], store=store)
    assert CORPUS not in store.graphs()  # nothing left to label


def test_a_headline_in_capitals_is_chosen_only_when_there_is_no_other(
    tmp_path: Path, store: EmbeddedStore, gazetteer: Gazetteer
) -> None:
    folder = tmp_path / "in"
    shout = {"movement": "TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC", "model": "CAMERA AN NINH", "person": PERSON_UPPER}
    article(folder, "a", shout, "2024-01-01")
    article(folder, "b", shout, "2024-01-02", village="Tây")
    build([folder], store=store, gazetteer=gazetteer, reference=False)
    assert pref_of(store, "camera an ninh") == "CAMERA AN NINH"
    assert pref_of(store, PERSON_LOWER) == PERSON_UPPER
    article(folder, "c", LOWER, "2024-06-01", village="Nam")
    build([folder], store=store, gazetteer=gazetteer, reference=False)
    assert pref_of(store, "camera an ninh") == "camera an ninh"  # one article against two, but not shouting
    assert pref_of(store, PERSON_UPPER) == PERSON_LOWER


def test_the_corpus_graph_is_the_same_whatever_the_build_order_batches_or_jobs(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    folder = tmp_path / "in"
    paths = [
        article(folder, "a", UPPER, "2024-03-05"),
        article(folder, "b", LOWER, "2024-04-09", village="Tây"),
        article(folder, "c", LOWER, "2024-03-05", village="Nam"),
        article(folder, "d", UPPER, "2024-05-05", village="Bắc"),
    ]
    graphs = []
    for i, (order, jobs) in enumerate(((paths, 1), (paths[::-1], 1), (paths, 2))):
        with open_store(tmp_path / f"s{i}") as s:
            if jobs == 1:
                for p in order:  # one build per article, in this order
                    build([p], store=s, gazetteer=gazetteer, reference=False)
            else:
                build([folder], store=s, gazetteer=gazetteer, reference=False, jobs=jobs)
            graphs.append(corpus_graph(s))
            # two spellings, two articles each: the earliest date (a and c, 2024-03-05), then the article id (a)
            assert pref_of(s, BOARD_LOWER) == BOARD_UPPER
    assert graphs[0] == graphs[1] == graphs[2] and graphs[0]


def test_choosing_labels_a_few_entities_at_a_time_gives_the_same_corpus_graph(
    tmp_path: Path, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refresh takes the entities in batches (its memory is bounded by a batch, not by the corpus):
    batches of one entity, with a replaced article and a removed one, give what one batch gives."""
    from antq_kg.pipeline import corpus

    folder = two_spellings(tmp_path / "in")
    c = article(folder, "c", LOWER, "2024-05-01", village="Nam")
    graphs = []
    for i, size in enumerate((corpus.ENTITIES, 1)):
        monkeypatch.setattr(corpus, "ENTITIES", size)
        with open_store(tmp_path / f"s{i}") as s:
            build([folder], store=s, gazetteer=gazetteer, reference=False)
            first = corpus_graph(s)
            assert pref_of(s, BOARD_UPPER) == BOARD_LOWER
            remove([str(c)], store=s)
            assert pref_of(s, BOARD_UPPER) == BOARD_UPPER
            graphs.append((first, corpus_graph(s)))
            assert len(preferred(s)) > 1  # more than one batch when a batch holds one entity
    assert graphs[0] == graphs[1]


def test_a_first_build_tallies_the_spellings_as_they_pass_and_states_what_reading_them_back_states(
    tmp_path: Path, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into a store that labels nothing yet, the build counts each article's spellings as its graph
    passes, instead of reading them back from the store it has just bulk-loaded; the corpus graph is
    the one the store's reading gives, for real articles too."""
    from antq_kg.pipeline import corpus

    folder = tmp_path / "in"
    article(folder, "a", UPPER, "2024-03-05")
    article(folder, "d", UPPER, "2024-06-01", village="Bắc")
    article(folder, "c", LOWER, "2024-01-01", village="Nam")
    article(folder, "e", LOWER, "2024-02-01", village="Tây")  # two each: the earliest article's (c) wins
    for src in sorted(SEED.parent.glob("*.txt"))[:4]:
        (folder / src.name).write_bytes(src.read_bytes())
    reads: list[int] = []
    relabel = corpus.CorpusLabels._relabel
    monkeypatch.setattr(
        corpus.CorpusLabels, "_relabel", lambda self, *a: reads.append(1) or relabel(self, *a)
    )
    with open_store(tmp_path / "tallied") as s:
        build([folder], store=s, gazetteer=gazetteer, reference=False, jobs=2)
        tallied = corpus_graph(s)
        assert pref_of(s, BOARD_UPPER) == BOARD_LOWER
    assert reads == []
    monkeypatch.setattr(corpus.CorpusLabels, "_nothing_labelled", lambda self: False)
    with open_store(tmp_path / "read") as s:
        build([folder], store=s, gazetteer=gazetteer, reference=False)
        assert corpus_graph(s) == tallied
    assert reads
    assert len([q for q in tallied if "prefLabel" in q]) > 10


def test_the_tally_kept_on_disk_counts_the_spellings_as_the_tally_in_memory_does() -> None:
    """The first build's spellings are kept in SQLite, not in Python objects: each entity's spellings
    come back whole, a batch at a time, with the counts, earliest dates and least graphs the
    in-memory tally gives (:func:`antq_kg.graph.corpus.tally`), strings compared by code point as
    Python compares them (``g/B`` before ``g/a``; ``ｱ`` U+FF71 before an astral character), and an
    entity no graph spells left out."""
    uses = [
        LabelUse("e/1", "Ban A", "g/a", "2024-03-05"),
        LabelUse("e/1", "Ban A", "g/B", None),
        LabelUse("e/1", "BAN A", "g/c", "2024-01-01"),
        LabelUse("e/1", "Ban a", "g/\U0001f600", None),
        LabelUse("e/1", "Ban a", "g/\uff71", None),
        LabelUse("e/2", "Lê Văn Ánh", "g/đ", "2023-12-31"),
        LabelUse("e/2", "Lê Văn Ánh", "g/d", "2024-12-31"),
        LabelUse("e/3", "Trần Thị Bé", "g/a", None),
    ]
    t = SpellingTally()
    try:
        for graph in sorted({u.graph for u in uses}):
            names = [(u.entity, u.label) for u in uses if u.graph == graph]
            t.add(
                graph,
                names + ([("e/unspelt", None)] if graph == "g/a" else []),
                next((u.date for u in uses if u.graph == graph and u.date), None),
            )
        batches = list(t.batches(2))
        assert [sorted(b) for b in batches] == [["e/1", "e/2"], ["e/3"]]
        assert {e: s for b in batches for e, s in b.items()} == tally(
            LabelUse(
                u.entity,
                u.label,
                u.graph,
                next((v.date for v in uses if v.graph == u.graph and v.date), None),
            )
            for u in uses
        )
        assert t.entities() == 4  # the unspelt one counted among those the graphs name
        assert sorted(g for gs in t.naming(2) for g in gs) == sorted({u.graph for u in uses})
    finally:
        t.close()


def test_a_first_build_labels_the_entities_spelt_and_passes_over_one_only_typed(
    store: EmbeddedStore,
) -> None:
    """A graph may type an entity without spelling it; in a first build (spellings tallied as the
    graphs pass) that entity gets no label and the others theirs, as when the spellings are read back."""
    graph = "https://w3id.org/antq/id/graph/a"
    spelt, bare = "https://w3id.org/antq/id/org/spelt", "https://w3id.org/antq/id/org/bare"
    with store.writer() as w:
        labels = CorpusLabels(w, tally=True)
        assert labels.spellings is not None
        w.update(
            f'INSERT DATA {{ GRAPH <{graph}> {{ <{spelt}> a <{ORG}> ; <{RDFS}label> "Ban A"@vi . <{bare}> a <{ORG}> }} }}'
        )
        labels.wrote(graph, [(bare, None), (spelt, "Ban A")], "2024-01-01")
        assert labels.refresh() == 1
        assert labels.chosen == 2
    assert preferred(store) == {spelt: ["Ban A"]}
    assert any(f"wasDerivedFrom> <{graph}>" in q for q in corpus_graph(store))


def test_an_unchanged_rebuild_leaves_the_corpus_graph_untouched_and_a_replaced_article_updates_it(
    tmp_path: Path, store: EmbeddedStore, gazetteer: Gazetteer
) -> None:
    folder = two_spellings(tmp_path / "in")
    build([folder], store=store, gazetteer=gazetteer, reference=False)
    before = corpus_graph(store)
    again = build([folder], store=store, gazetteer=gazetteer, reference=False)
    assert again.counts["unchanged"] == 2
    assert corpus_graph(store) == before
    article(folder, "a", LOWER, "2024-03-05")  # a now spells it like b
    build([folder], store=store, gazetteer=gazetteer, reference=False)
    assert pref_of(store, BOARD_UPPER) == BOARD_LOWER
    assert not store.query(f'ASK {{ ?e <{RDFS}label> "{BOARD_UPPER}"@vi }}').boolean


def test_build_to_a_file_and_export_carry_the_corpus_graph(tmp_path: Path) -> None:
    folder = two_spellings(tmp_path / "in")
    runner = CliRunner()
    store_dir = tmp_path / "store"
    built = tmp_path / "built.nq"
    result = runner.invoke(
        app, ["--store", str(store_dir), "build", "--no-reference", str(folder), "-o", str(built)]
    )
    assert result.exit_code == 0, result.stderr
    assert (
        runner.invoke(app, ["--store", str(store_dir), "build", "--no-reference", str(folder)]).exit_code == 0
    )
    exported = tmp_path / "export.nq"
    result = runner.invoke(app, ["--store", str(store_dir), "export", "-o", str(exported)])
    assert result.exit_code == 0, result.stderr
    for path in (built, exported):
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
        prefs = {
            (q.subject.value, q.object.value)
            for q in quads
            if q.predicate.value == f"{SKOS}prefLabel" and q.graph_name == ox.NamedNode(CORPUS)
        }
        assert ("Camera an ninh" in {label for _, label in prefs}) and BOARD_UPPER in {
            label for _, label in prefs
        }
        assert not any(
            q.predicate.value == f"{SKOS}prefLabel"
            and q.graph_name != ox.NamedNode(CORPUS)
            and q.subject.value.startswith("https://w3id.org/antq/id/org/")
            for q in quads
        )
    with open_store(store_dir) as s:
        assert validate_store(s).conforms


def test_loading_files_built_apart_gives_the_corpus_graph_a_build_of_all_of_them_gives(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    folder, a, bc = built_apart(tmp_path)
    with open_store(tmp_path / "built") as s:
        build([folder], store=s, gazetteer=gazetteer, reference=False)
        expected = corpus_graph(s)
        assert pref_of(s, BOARD_UPPER) == BOARD_LOWER
    for name, loads in (("together", [[a, bc]]), ("a-then-bc", [[a], [bc]]), ("bc-then-a", [[bc], [a]])):
        where = tmp_path / name
        for files in loads:
            cli("--store", where, "load", *files)
        with open_store(where) as s:
            assert corpus_graph(s) == expected, name
            assert all(len(v) == 1 for v in preferred(s).values()), name
            assert pref_of(s, BOARD_UPPER) == BOARD_LOWER
            assert validate_store(s).conforms, name
    # `serve a.nq bc.nq` serves them the same way
    with file_to_store([bc, a], base_iri="https://w3id.org/antq/") as served:
        assert corpus_graph(served) == expected


def test_load_replace_lets_a_file_replace_an_article_graph_and_its_labels_follow(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    folder, a, bc = built_apart(tmp_path)
    where = tmp_path / "store"
    cli("--store", where, "load", a, bc)
    article(folder, "b", UPPER, "2024-04-09", village="Tây")  # b now spells it like a: two against one
    b2 = tmp_path / "b2.nq"
    cli("--store", tmp_path / "unused", "build", "--no-reference", folder / "b.txt", "-o", b2)
    cli("--store", where, "load", "--replace", b2)
    with open_store(tmp_path / "built") as s:
        build([folder], store=s, gazetteer=gazetteer, reference=False)
        expected = corpus_graph(s)
    with open_store(where) as s:
        assert pref_of(s, BOARD_LOWER) == BOARD_UPPER
        b_labels = rows(
            s,
            f"SELECT ?l {{ GRAPH <https://w3id.org/antq/id/graph/b> {{ ?o a <{ORG}> ; <{RDFS}label> ?l }} }}",
        )
        assert (BOARD_LOWER,) not in b_labels  # the old graph b went
        assert corpus_graph(s) == expected
        assert validate_store(s).conforms


def test_a_load_that_fails_leaves_the_corpus_graph_as_it_was(tmp_path: Path, gazetteer: Gazetteer) -> None:
    folder, _, bc = built_apart(tmp_path)
    with open_store(tmp_path / "store") as s:
        build([folder / "a.txt"], store=s, gazetteer=gazetteer, reference=False)
        before = corpus_graph(s)
        checked = [check_rdf_file(rdf_file(bc), graphs=True)]
        with pytest.raises(RuntimeError), s.writer(op="load") as w:
            load_files(w, checked)
            assert pref_of(w, BOARD_LOWER) == BOARD_LOWER  # chosen again inside the session
            raise RuntimeError("killed")
        assert corpus_graph(s) == before
        assert pref_of(s, BOARD_LOWER) == BOARD_UPPER


def test_relabel_mends_a_store_whose_corpus_graph_was_written_by_hand(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    folder, _, _ = built_apart(tmp_path)
    where = tmp_path / "store"
    with open_store(where) as s:
        build([folder], store=s, gazetteer=gazetteer, reference=False)
        expected = corpus_graph(s)
        entities = len(preferred(s))
        (org,) = {e for e, labels in preferred(s).items() if labels == [BOARD_LOWER]}
        with s.writer() as w:  # a second opinion, as two files loaded by an earlier version left
            w.update(f'INSERT DATA {{ GRAPH <{CORPUS}> {{ <{org}> <{SKOS}prefLabel> "{BOARD_UPPER}"@vi }} }}')
        assert not validate_store(s).conforms
    result = CliRunner().invoke(app, ["--store", str(where), "relabel"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"Chose the preferred labels of {entities} entities again, 1 changed")
    with open_store(where) as s:
        assert corpus_graph(s) == expected
        assert validate_store(s).conforms


def test_an_update_chooses_again_the_labels_of_the_graphs_its_text_writes_only(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    """A SPARQL Update whose graphs are known from its text chooses the entities those graphs name, before
    and after; one whose graphs are not (``GRAPH ?g``), or too long to be worth parsing, chooses them all."""
    folder = two_spellings(tmp_path / "in")
    article(folder, "d", {**UPPER, "model": "Đèn đường an ninh"}, "2024-06-01", village="Bắc")
    graph = CORPUS.removesuffix("corpus")
    with open_store(tmp_path / "store") as s:
        build([folder], store=s, gazetteer=gazetteer, reference=False)
        everything = len(preferred(s))
        named_by_a = len(rows(s, f"SELECT DISTINCT ?e {{ GRAPH <{graph}a> {{ ?e {TYPED} }} }}"))
        assert named_by_a < everything  # d's model is not a's
        note = f'<{graph}a> <{RDFS}comment> "…"'
        scoped = f"INSERT DATA {{ GRAPH <{graph}a> {{ {note} }} }}"
        every = f"INSERT {{ GRAPH ?g {{ {note} }} }} WHERE {{ GRAPH ?g {{ ?s a <{ORG}> }} }}"
        long = f"INSERT DATA {{ GRAPH <{graph}a> {{ {' . '.join([note] * (PARSED_ALWAYS // len(note)))} }} }}"
        for text, chosen in ((scoped, named_by_a), (every, everything), (long, everything)):
            with s.writer() as w:
                assert update_labelled(w, text).chosen == chosen, text[:80]
        with pytest.raises(QueryError, match="writes the corpus graph"), s.writer() as w:
            update_labelled(w, f"CLEAR GRAPH <{CORPUS}>")
        assert pref_of(s, BOARD_LOWER) == BOARD_UPPER


def test_a_graph_that_names_an_entity_without_spelling_it_is_not_one_the_labels_derive_from(
    tmp_path: Path, store: EmbeddedStore, gazetteer: Gazetteer
) -> None:
    """The corpus graph is derived from the graphs that spell an entity: a graph that only types it
    (written by hand, say) is not linked by ``prov:wasDerivedFrom``, whether the labels are chosen for
    the graphs written or all over again, so the two ways state the same corpus graph."""
    build([two_spellings(tmp_path / "in")], store=store, gazetteer=gazetteer, reference=False)
    (org, _), *_ = preferred(store).items()
    bare = "https://w3id.org/antq/id/graph/typed-only"
    with store.writer() as w, labels_kept(w, [bare]) as labels:
        w.update(f"INSERT DATA {{ GRAPH <{bare}> {{ <{org}> a <{ORG}> }} }}")
    assert labels.chosen >= 1
    kept = corpus_graph(store)
    assert not any(bare in q for q in kept)
    with store.writer() as w:
        assert CorpusLabels(w).recompute() == 0
    assert corpus_graph(store) == kept


def person_rows(store: EmbeddedStore, query: str) -> list[tuple[str, ...]]:
    """The rows of competency query ``query`` that name the person of the test articles, in any case."""
    return [r for r in competency(store, query) if any(v.lower() == PERSON_LOWER.lower() for v in r)]


def test_a_person_written_in_capitals_in_one_article_has_one_preferred_label_however_the_store_was_built(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    """Article a writes "TRẦN HUY NGẠN" (as a headline would), b and c "Trần Huy Ngạn": one person (same
    folded name, same organisation), one ``skos:prefLabel``, the same whether the store was built at once
    (the spellings tallied as they pass), article by article (read back), after a removal, or by
    ``relabel``; the article's author (a ``schema:Person`` only) gets none. (With the reference graphs:
    the ranks' labels are the ontology's.)"""
    folder = two_spellings(tmp_path / "in")
    article(folder, "c", LOWER, "2024-05-01", village="Nam")
    with open_store(tmp_path / "at-once") as s:
        build([folder], store=s, gazetteer=gazetteer)
        at_once = corpus_graph(s)
        assert pref_of(s, PERSON_UPPER) == PERSON_LOWER
        persons = rows(s, f"SELECT DISTINCT ?p {{ ?p a <{PERSON}> }}")
        assert len(persons) == 1  # one IRI across the three articles
        (person,) = persons[0]
        spelled = rows(s, f"SELECT ?g ?l {{ GRAPH ?g {{ <{person}> <{RDFS}label> ?l }} }}")
        graph = CORPUS.removesuffix("corpus")
        assert spelled == [
            (f"{graph}a", PERSON_UPPER),
            (f"{graph}b", PERSON_LOWER),
            (f"{graph}c", PERSON_LOWER),
        ]
        assert rows(s, f"SELECT ?g {{ GRAPH ?g {{ <{person}> <{SKOS}prefLabel> ?l }} }}") == [(CORPUS,)]
        authors = f"?a a <https://schema.org/Person> FILTER NOT EXISTS {{ ?a a <{PERSON}> }}"
        assert rows(s, f"SELECT DISTINCT ?a {{ {authors} }}")  # the byline "Phương Thủy"
        assert not s.query(f"ASK {{ {authors} ?a <{SKOS}prefLabel> ?l }}").boolean
        assert validate_store(s).conforms
        # the competency queries and its page name the person once, by the preferred label
        for query in ("01-provincial-police-leader.rq", "10-persons-by-rank.rq", "19-post-holders.rq"):
            named = person_rows(s, query)
            assert named and all(PERSON_LOWER in r and PERSON_UPPER not in r for r in named), (query, named)
        assert [r[1] for r in competency(s, "16-shared-entities.rq") if r[0] == person] == [PERSON_LOWER]
        assert resource_view(s, person).title == PERSON_LOWER
    with open_store(tmp_path / "one-by-one") as s:
        build([folder / "a.txt"], store=s, gazetteer=gazetteer)
        assert pref_of(s, PERSON_LOWER) == PERSON_UPPER  # the only spelling, capitals or not
        assert person_rows(s, "10-persons-by-rank.rq")[0][0] == PERSON_UPPER
        build([folder / "b.txt"], store=s, gazetteer=gazetteer)
        assert pref_of(s, PERSON_UPPER) == PERSON_LOWER
        build([folder / "c.txt"], store=s, gazetteer=gazetteer)
        assert corpus_graph(s) == at_once
        remove([str(folder / "b.txt"), str(folder / "c.txt")], store=s)
        assert pref_of(s, PERSON_LOWER) == PERSON_UPPER
        assert validate_store(s).conforms


def test_relabel_mends_a_person_with_no_preferred_label_or_two_and_validate_names_it(tmp_path: Path) -> None:
    folder = two_spellings(tmp_path / "in")
    where = tmp_path / "store"
    cli("--store", where, "build", "--no-reference", folder)
    with open_store(where) as s:
        expected = corpus_graph(s)
        entities = len(preferred(s))
        ((person,),) = rows(s, f"SELECT DISTINCT ?p {{ ?p a <{PERSON}> }}")
        pref = f'<{person}> <{SKOS}prefLabel> "{PERSON_LOWER}"@vi'
        none = f"DELETE DATA {{ GRAPH <{CORPUS}> {{ {pref} }} }}"
        two = f'INSERT DATA {{ GRAPH <{CORPUS}> {{ {pref} . <{person}> <{SKOS}prefLabel> "{PERSON_UPPER}"@vi }} }}'
        for broken in (none, two):
            with s.writer() as w:  # as a store written by hand, or by a version that chose no person's label
                w.update(broken)
            for engine in ("sparql", "pyshacl"):
                faults = [r for r in validate_store(s, engine=engine).results if r.focus_node == person]
                assert {r.shape.rsplit("#", 1)[-1] for r in faults} >= {"OnePreferredLabel"}, (engine, faults)
                assert any("person" in r.message and "một người" in (r.message_vi or "") for r in faults)
    result = CliRunner().invoke(app, ["--store", str(where), "relabel"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"Chose the preferred labels of {entities} entities again, 1 changed")
    with open_store(where) as s:
        assert corpus_graph(s) == expected
        assert pref_of(s, PERSON_UPPER) == PERSON_LOWER
        assert validate_store(s).conforms


def test_a_first_build_writes_its_labels_through_the_bulk_loader_not_the_write_ahead_log(
    tmp_path: Path,
) -> None:
    """The labels a first build chooses from its tally are all new quads: they go to the bulk loader,
    as the article graphs do. Written in transactions they passed through RocksDB's write-ahead log
    and memtables, which nothing flushes before the session closes: at 50,000 articles that held
    ~280 MB in the build's process (``bench/bench_build_memory.py sample --phases``). The log's size
    is the witness: it does not grow while the labels are written, and the labels are all there."""
    entities = [f"https://w3id.org/antq/id/org/{i}" for i in range(3000)]
    path = tmp_path / "store"
    with open_store(path) as store:
        with store.writer() as w:
            labels = CorpusLabels(w, tally=True)
            assert labels.spellings is not None
            for i, e in enumerate(entities):
                labels.wrote(f"https://w3id.org/antq/id/graph/{i}", [(e, f"Ban số {i}")], "2024-01-01")
            (session,) = (path / "gens").glob("*.tmp")

            def logged() -> int:
                return sum(f.stat().st_size for f in session.glob("*.log"))

            before = logged()
            assert labels.refresh() == len(entities)
            assert logged() == before
        chosen = dict(rows(store, f"SELECT ?e ?l {{ GRAPH <{CORPUS}> {{ ?e <{SKOS}prefLabel> ?l }} }}"))
        assert len(chosen) == len(entities) and chosen[entities[7]] == "Ban số 7"

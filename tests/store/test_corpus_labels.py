"""One preferred label per shared entity, chosen over the corpus (the corpus graph), on real stores.

Two articles that write one organisation or one initiative in different case name one IRI; each keeps its
spelling as ``rdfs:label`` in its own graph, and the corpus graph states the one ``skos:prefLabel``: the
spelling most articles write, an all-capitals one only when there is no other, ties to the earliest
article, then the article id, then code-point order.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from antq_kg import resources
from antq_kg.cli import app
from antq_kg.describe import resource_view
from antq_kg.gazetteer import Gazetteer
from antq_kg.pipeline import build, remove
from antq_kg.store import EmbeddedStore, open_store
from antq_kg.validate import validate_store
from conftest import SEED

CORPUS = "https://w3id.org/antq/id/graph/corpus"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
ORG = "http://www.w3.org/ns/org#Organization"
INITIATIVE = "https://w3id.org/antq/ontology#Initiative"

# An organisation whose head is in no lexicon, serving a unit of the gazetteer, and a model named in the text.
TEXT = (
    "Sáng {day}, Ban chỉ đạo phong trào {movement} huyện Kim Động tổ chức lễ ra mắt mô hình "
    '"{model}" tại thôn {village}, xã Nghĩa Dân, huyện Kim Động, tỉnh Hưng Yên.\n\nPhương Thủy\n'
)
UPPER = {"movement": "Toàn dân bảo vệ an ninh Tổ quốc", "model": "Camera an ninh"}
LOWER = {"movement": "toàn dân bảo vệ an ninh Tổ quốc", "model": "camera an ninh"}
BOARD_UPPER = "Ban chỉ đạo phong trào Toàn dân bảo vệ an ninh Tổ quốc huyện Kim Động"
BOARD_LOWER = "Ban chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc huyện Kim Động"


def article(folder: Path, name: str, spelling: dict[str, str], published: str, village: str = "Đông") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(
        TEXT.format(day=published[8:] + "/" + published[5:7], village=village, **spelling), "utf-8"
    )
    meta = {"id": name, "language": "vi", "date": {"published": published}}
    (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def two_spellings(folder: Path) -> Path:
    """Article a (2024-03-05) writes "Toàn dân", "Camera an ninh"; article b (2024-04-09) "toàn dân", "camera an ninh"."""
    article(folder, "a", UPPER, "2024-03-05")
    article(folder, "b", LOWER, "2024-04-09", village="Tây")
    return folder


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    s = open_store(tmp_path / "store")
    yield s  # type: ignore[misc]
    s.close()


def rows(store: EmbeddedStore, query: str) -> list[tuple[str, ...]]:
    return sorted(tuple(t.value if t is not None else "" for t in row) for row in store.query(query).rows())


def preferred(store: EmbeddedStore) -> dict[str, list[str]]:
    """Each organisation's and initiative's preferred labels over the union, by its label in the corpus."""
    found: dict[str, list[str]] = {}
    for e, label in rows(
        store,
        f"SELECT DISTINCT ?e ?l {{ VALUES ?c {{ <{ORG}> <{INITIATIVE}> }} ?e a ?c ; <{SKOS}prefLabel> ?l }}",
    ):
        found.setdefault(e, []).append(label)
    return found


def pref_of(store: EmbeddedStore, label_like: str) -> str:
    """The one preferred label of the entity some article spells ``label_like`` (folded by case)."""
    spelled = {
        e
        for (e,) in rows(
            store,
            f'SELECT DISTINCT ?e {{ ?e <{RDFS}label> ?l FILTER (LCASE(STR(?l)) = LCASE("{label_like}")) }}',
        )
    }
    assert spelled, label_like
    labels = {tuple(v) for e, v in preferred(store).items() if e in spelled}
    assert len(labels) == 1, labels
    (only,) = labels
    assert len(only) == 1, only
    return only[0]


def competency(store: EmbeddedStore, name: str) -> list[tuple[str, ...]]:
    """The rows of a competency query of ``queries/``."""
    return rows(store, (resources.queries_dir() / name).read_text(encoding="utf-8"))


def corpus_graph(store: EmbeddedStore) -> list[str]:
    return sorted(map(str, store.quads(CORPUS)))


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
    shout = {"movement": "TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC", "model": "CAMERA AN NINH"}
    article(folder, "a", shout, "2024-01-01")
    article(folder, "b", shout, "2024-01-02", village="Tây")
    build([folder], store=store, gazetteer=gazetteer, reference=False)
    assert pref_of(store, "camera an ninh") == "CAMERA AN NINH"
    article(folder, "c", LOWER, "2024-06-01", village="Nam")
    build([folder], store=store, gazetteer=gazetteer, reference=False)
    assert pref_of(store, "camera an ninh") == "camera an ninh"  # one article against two, but not shouting


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

"""The SPARQL engine runs its compiled checks on a pool of threads (``jobs``): the report is the same,
result for result and in the same order, as with one thread — over built corpora, over a store of
broken graphs and over graphs whose violation a reference unit brings — and an error in one check
surfaces as it does in one thread.
"""

from __future__ import annotations

import gc
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from test_shapes import mini_graph
from test_validate_parity import CASES, cases_dataset

from antq_kg.errors import QueryError
from antq_kg.gazetteer import Gazetteer
from antq_kg.gazetteer_rdf import gazetteer_graph_iri
from antq_kg.pipeline import build
from antq_kg.store import open_store
from antq_kg.validate import DEFAULT_SHAPES, Shapes, validate_store
from antq_kg.validate.schedule import mapped
from antq_kg.validate.sparql_engine import MAX_JOBS, SLOWEST, _solutions, default_jobs
from threads_support import raised_in_a_thread, unraisable
from web_support import free_port

ROOT = Path(__file__).resolve().parents[2]
GRAPH = "https://w3id.org/antq/id/graph/case"
SCHEMA, ANTQ = "https://schema.org/", "https://w3id.org/antq/ontology#"
SHAPE = "https://w3id.org/antq/shapes#"


@pytest.fixture(scope="module")
def rules() -> Shapes:
    return Shapes.load()


def test_by_default_the_checks_run_on_the_cpus_the_process_may_use_at_most_four() -> None:
    assert default_jobs() == min(len(os.sched_getaffinity(0)), MAX_JOBS)


def test_the_slowest_shapes_started_first_are_shapes_of_the_project(rules: Shapes) -> None:
    named = {c.shape.rsplit("#", 1)[-1] for c in rules.compiled[0]}
    assert set(SLOWEST) <= named


def test_results_are_merged_in_the_checks_order_whatever_finishes_first() -> None:
    finished: list[int] = []

    def check(k: int) -> tuple[int, str]:
        time.sleep(0.05 * (4 - k))  # the first started last finishes first
        finished.append(k)
        return k, threading.current_thread().name

    with ThreadPoolExecutor(2, thread_name_prefix="validate") as pool:
        found = mapped(pool, check, [0, 1, 2, 3], order=[3, 2, 1, 0])
    assert [k for k, _thread in found] == [0, 1, 2, 3]
    assert finished != [0, 1, 2, 3]
    assert {thread for _k, thread in found} == {"validate_0", "validate_1"}


def test_the_first_failing_check_in_order_raises_not_the_first_to_fail() -> None:
    def check(k: int) -> int:
        time.sleep(0.2 if k == 1 else 0.0)
        if k in (1, 3):
            raise QueryError(f"check {k} failed")
        return k

    with ThreadPoolExecutor(2) as pool, pytest.raises(QueryError, match="check 1 failed"):
        mapped(pool, check, [0, 1, 2, 3])


def test_threads_find_what_one_thread_finds_over_the_built_corpora(
    gazetteer: Gazetteer, rules: Shapes
) -> None:
    with open_store(None) as store:
        result = build(
            [ROOT / "tests/data/dev/articles", ROOT / "data/articles"], gazetteer=gazetteer, store=store
        )
        assert result.ok and len(result.articles) >= 10
        one = validate_store(store, shapes=rules, jobs=1)
        reports = [validate_store(store, shapes=rules, jobs=jobs) for jobs in (2, 3)]
    assert one.results, "the corpora have warnings to compare"
    for report in reports:
        assert report == one
        assert json.dumps(report.to_json(), ensure_ascii=False) == json.dumps(
            one.to_json(), ensure_ascii=False
        )


def test_threads_find_what_one_thread_finds_over_broken_graphs(rules: Shapes) -> None:
    """Every broken case in a graph of its own, beside a clean one: many checks with results."""
    with open_store(None) as store:
        store.load_dataset(cases_dataset(sorted(CASES)))
        one = validate_store(store, shapes=rules, jobs=1)
        two = validate_store(store, shapes=rules, jobs=2)
    assert not one.conforms
    assert len({r.shape for r in one.results}) > 10
    assert two.results == one.results
    assert two == one


def test_what_a_unit_brings_into_a_graph_is_judged_whatever_the_threads(
    gazetteer: Gazetteer, rules: Shapes
) -> None:
    """A place the article graphs name, not restated in them, given a second administrative level in
    the gazetteer: the graphs naming it fail ``shape:PlaceLevel`` (sh:maxCount 1) once the unit is
    handed out to them, with one thread or several, as pySHACL finds."""
    units = gazetteer_graph_iri()
    restated = f"GRAPH <{units}> {{ ?x a <{SCHEMA}AdministrativeArea> }} GRAPH ?g {{ ?x ?p ?o }}"
    with open_store(None) as store:
        build([ROOT / "data" / "articles"], gazetteer=gazetteer, store=store)
        named = {
            row[0] for row in store.query(f"SELECT ?x WHERE {{ {restated} FILTER (?g != <{units}>) }}").rows()
        }
        assert named
        store.update(f"DELETE {{ GRAPH ?g {{ ?x ?p ?o }} }} WHERE {{ {restated} FILTER (?g != <{units}>) }}")
        place = sorted(str(x).strip("<>") for x in named)[0]
        levels = {
            str(row[0])
            for row in store.query(f"SELECT DISTINCT ?l WHERE {{ ?x <{ANTQ}adminLevel> ?l }}").rows()
        }
        own = {
            str(row[0])
            for row in store.query(f"SELECT ?l WHERE {{ <{place}> <{ANTQ}adminLevel> ?l }}").rows()
        }
        other = sorted(levels - own)[0]
        store.update(f"INSERT DATA {{ GRAPH <{units}> {{ <{place}> <{ANTQ}adminLevel> {other} }} }}")
        reports = [validate_store(store, shapes=rules, jobs=jobs) for jobs in (1, 2)]
        reference = validate_store(store, shapes=rules, engine="pyshacl")
    found = [r for r in reports[0].violations if r.shape == f"{SHAPE}PlaceLevel" and r.focus_node == place]
    assert found and all(r.graphs and r.graphs[0] != units for r in found)
    assert reports[0] == reports[1] == reference


@pytest.mark.parametrize(
    ("condition", "error", "message"),
    [
        (  # Oxigraph rejects the compiled query
            "?o = nope:x",
            QueryError,
            "the compiled check of <https://example.org/Broken> (sparql) failed: error at",
        ),
        (  # Oxigraph fails while it evaluates the query
            "<https://example.org/unknown-function>(?o)",
            QueryError,
            "the compiled check of <https://example.org/Broken> (sparql) failed: The custom function "
            "<https://example.org/unknown-function> is not supported",
        ),
    ],
)
def test_an_error_in_one_check_surfaces_as_in_one_thread(
    condition: str, error: type[Exception], message: str
) -> None:
    shapes = Graph().parse(DEFAULT_SHAPES)
    shapes.parse(
        data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <https://example.org/Broken> a sh:NodeShape ;
            sh:targetClass <http://www.w3.org/2004/02/skos/core#Concept> ;
            sh:sparql [ sh:select "SELECT $this WHERE {{ $this ?p ?o FILTER ({condition}) }}" ] .
        """,
        format="turtle",
    )
    rules = Shapes.load(shapes)
    ds = Dataset()
    named = ds.graph(URIRef(GRAPH))
    for t in mini_graph():
        named.add(t)
    raised: list[tuple[type[BaseException], str]] = []
    with open_store(None) as store:
        store.load_dataset(ds)
        before = (store.graphs(), len(store))
        for jobs in (1, 2):
            with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
                validate_store(store, shapes=rules, jobs=jobs)
            raised.append((caught.type, str(caught.value)))
        assert (store.graphs(), len(store)) == before  # the checked store is only read
    assert raised[0] == raised[1]


def test_a_check_failing_half_read_on_a_pool_thread_leaves_no_result_for_another_thread_to_drop(
    rules: Shapes,
) -> None:
    """A check's query that fails while its solutions are read (here a SERVICE call to a port nothing
    listens on, which the compiler never writes but Oxigraph runs): the error, raised again and freed
    in the thread merging the results, holds no pyoxigraph result of the pool's thread (which only that
    thread may drop)."""
    work = ox.Store()
    work.add(ox.Quad(ox.NamedNode(f"{GRAPH}/a"), ox.NamedNode(f"{GRAPH}/p"), ox.Literal("b")))
    url = f"http://127.0.0.1:{free_port()}/sparql"
    sparql = f"SELECT * {{ ?s ?p ?o SERVICE <{url}> {{ ?s ?p ?o }} }}"
    error = raised_in_a_thread(lambda: list(_solutions(work, rules.compiled[0][0], sparql)))
    assert isinstance(error, QueryError) and "Connection refused" in str(error)
    with unraisable() as caught:
        del error
        gc.collect()
    assert caught == []

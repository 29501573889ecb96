"""The SPARQL engine starts the checks that cannot read a reference unit's triples while it hands the
units out to the data graphs (and the others after): a check reading a predicate or class the
gazetteer or the links hold, a variable predicate in the data graph, a closure path, or judged once on
the ontology waits; what the units bring into a graph is found whatever the threads.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from antq_kg.errors import QueryError
from antq_kg.gazetteer import Gazetteer
from antq_kg.gazetteer_rdf import gazetteer_graph_iri
from antq_kg.pipeline import build
from antq_kg.store import open_store
from antq_kg.validate import Shapes, validate_store
from antq_kg.validate.checks import Batch, Check, batched
from antq_kg.validate.schedule import Schedule, mapped
from antq_kg.validate.scoping import Presence, data_reads
from antq_kg.validate.sparql_engine import _unit_blind

ROOT = Path(__file__).resolve().parents[2]
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SCHEMA, ANTQ, NIF = (
    "https://schema.org/",
    "https://w3id.org/antq/ontology#",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
)
SHAPE = "https://w3id.org/antq/shapes#"
#: What the gazetteer brings (a part of it): places, their names, levels and parents.
BROUGHT = Presence(
    frozenset({RDF_TYPE, f"{SCHEMA}name", f"{ANTQ}adminLevel", f"{SCHEMA}containedInPlace"}),
    frozenset({f"{SCHEMA}AdministrativeArea"}),
)


@pytest.fixture(scope="module")
def rules() -> Shapes:
    return Shapes.load()


def test_the_data_reads_of_a_query_are_its_patterns_of_the_checked_graph() -> None:
    query = (
        "PREFIX schema: <https://schema.org/> SELECT ?_g ?this WHERE { VALUES ?_v1 { <urn:A> <urn:B> } "
        '{ GRAPH ?_g { ?this a ?_v1 } } FILTER NOT EXISTS { GRAPH ?_g { ?this schema:name "x y"@vi } } '
        "{ GRAPH ?_g { ?this (<urn:p>|^(<urn:q>))* ?o } } UNION { ?this <urn:onto> ?o } "
        "FILTER EXISTS { GRAPH ?_g { ?this a <urn:C> } } GRAPH ?_g { } }"
    )
    assert data_reads(query) == [
        (RDF_TYPE, frozenset({"urn:A", "urn:B"})),
        ("https://schema.org/name", None),
        ("urn:p", None),
        ("urn:q", None),
        (RDF_TYPE, frozenset({"urn:C"})),
    ]
    shared = (  # a class variable used otherwise too, and a query's own variable: any class
        "SELECT ?this WHERE { VALUES ?_v2 { <urn:A> } GRAPH ?_g { ?this a ?_v2 } "
        "GRAPH ?_g { ?_v2 <urn:p> ?this } VALUES ?t { <urn:B> } GRAPH ?_g { ?this a ?t } }"
    )
    assert data_reads(shared) == [(RDF_TYPE, None), ("urn:p", None), (RDF_TYPE, None)]
    assert data_reads("SELECT ?this WHERE { GRAPH ?_g { ?this ?p ?o } }") == [(None, None)]
    assert data_reads("SELECT ?this WHERE { VALUES ?_c { UNDEF } GRAPH ?_g { ?this a ?_c } }") == [
        (RDF_TYPE, None)
    ]
    assert data_reads("SELECT ?this WHERE { GRAPH ?_v3 { ?this <urn:p> ?o } }") is None
    several = "SELECT ?this WHERE { GRAPH ?_g { ?this <urn:p> ?o ; <urn:q> ?x } }"
    assert data_reads(several) is None  # the second pattern's predicate is not read: anything


def test_the_checks_that_read_what_units_bring_wait_and_the_others_start_early(rules: Shapes) -> None:
    checks, closures = rules.compiled
    blind = _unit_blind(checks, BROUGHT, closures)
    units = batched([c for c in checks if not c.across and not c.needs])
    early = {c.shape.removeprefix(SHAPE) for u in units if blind(u) for c in _checks(u)}
    waiting = {c.shape.removeprefix(SHAPE) for u in units if not blind(u) for c in _checks(u)}
    assert {"PlaceLevel", "PlaceName", "PlaceParentHigher", "Concept"} <= waiting  # a unit's, or judged once
    assert {"PhraseAnchor", "PhraseSlice", "PhraseWithinText", "FactEvidence"} <= early
    assert not any(blind(c) for c in checks if c.across)
    assert all(blind(u) is False for u in units if u.once is not None)
    everything = Presence()  # nothing known of the units: every check waits
    assert not any(_unit_blind(checks, everything, closures)(u) for u in units)


def _checks(unit: Check | Batch) -> tuple[Check, ...]:
    return unit.checks if isinstance(unit, Batch) else (unit,)


def test_the_first_checks_run_while_the_store_is_completed_the_others_after() -> None:
    """On one lane while the store is completed (the pool's other thread left to it), then on all."""
    events: list[str] = []
    lock = threading.Lock()
    running = [0, 0]  # now, most at once while completing

    def check(k: int) -> int:
        with lock:
            events.append(f"start {k}")
            running[0] += 1
            if "complete" not in events:
                running[1] = max(running[1], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return k

    def complete() -> None:
        time.sleep(0.2)
        with lock:
            events.append("complete")

    for pool in (ThreadPoolExecutor(3), None):
        events.clear()
        running[1] = 0
        found = mapped(pool, check, [0, 1, 2, 3, 4], Schedule([4, 3, 2, 1, 0], {1, 3, 4}, complete, lanes=2))
        assert found == [0, 1, 2, 3, 4]
        done = events.index("complete")
        assert set(events[:done]) == {"start 4", "start 3", "start 1"}
        assert set(events[done + 1 :]) == {"start 2", "start 0"}
        assert running[1] == (2 if pool is not None else 1)  # three threads, two lanes
        if pool is not None:
            pool.shutdown()


def test_a_failure_while_completing_the_store_leaves_no_check_waiting() -> None:
    def complete() -> None:
        raise QueryError("the hand-out failed")

    with ThreadPoolExecutor(2) as pool, pytest.raises(QueryError, match="hand-out failed"):
        mapped(pool, lambda k: k, [0, 1, 2, 3], Schedule(early={0, 1, 2}, between=complete, lanes=1))


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

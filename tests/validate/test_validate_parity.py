"""validate_store checks a store graph by graph and then the cross-article rules on the union: over a
store holding one graph each engine — the shapes compiled to SPARQL (the default) and pySHACL graph by
graph (in worker processes with ``jobs``) — finds exactly what pySHACL finds over that whole graph with
every shape at once, for the clean graph and for every broken one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import pyshacl
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns
from test_shapes import BROKEN, mini_graph

from antq_kg.store import open_store
from antq_kg.validate import ENGINES, Shapes, ValidationReport, union_graph, validate_store

SH = ns.SH
GRAPH = URIRef("https://w3id.org/antq/id/graph/case")
Finding = tuple[str, str, str, str, str]
INTEGER = re.compile(
    r'"(-?[0-9]+)"\^\^<http://www\.w3\.org/2001/XMLSchema#(?:[a-zA-Z]*[iI]nteger|int|long|short)>'
)


@pytest.fixture(scope="module")
def rules() -> Shapes:
    return Shapes.load()


def text(node: object) -> str:
    """A term as the report writes it: a blank node as ``_:label``, a literal in N-Triples syntax."""
    if node is None:
        return ""
    return f"_:{node}" if isinstance(node, BNode) else node.n3() if isinstance(node, Literal) else str(node)


def plain(literal: str) -> str:
    """A literal as a value: a simple literal without its implicit type (RDF 1.1: "x" and
    "x"^^xsd:string are one term), an integer without its XSD integer type (the value a SPARQL
    constraint reports is typed by how its query computed it)."""
    return INTEGER.sub(r'"\1"', literal.removesuffix("^^<http://www.w3.org/2001/XMLSchema#string>"))


def pyshacl_findings(g: Graph, rules: Shapes) -> set[Finding]:
    """(shape, focus node, path, value, severity) of every result of pySHACL over ``g`` and the ontology."""
    _conforms, report, _text = pyshacl.validate(
        union_graph(g, rules.ontology),
        shacl_graph=rules.every,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    assert isinstance(report, Graph)
    found = set()
    for r in report.subjects(ns.RDF.type, SH.ValidationResult):
        path, value = report.value(r, SH.resultPath), report.value(r, SH.value)
        constraint = report.value(r, SH.sourceConstraint)  # a named SPARQL constraint is the shape named
        shape = constraint if isinstance(constraint, URIRef) else report.value(r, SH.sourceShape)
        found.add(
            (
                text(shape),
                text(report.value(r, SH.focusNode)),
                str(path) if isinstance(path, URIRef) else "",
                plain(text(value)),
                str(report.value(r, SH.resultSeverity)).removeprefix(str(SH)),
            )
        )
    return found


def store_findings(g: Graph, rules: Shapes, jobs: int, engine: str = "sparql") -> set[Finding]:
    ds = Dataset()
    case = ds.graph(GRAPH)
    for t in g:
        case.add(t)
    with open_store(None) as store:
        store.load_dataset(ds)
        report = validate_store(store, shapes=rules, jobs=jobs, engine=engine)
    assert {r.graphs for r in report.results} <= {(str(GRAPH),), ()}, report.text()  # () missing statements
    return {(r.shape, r.focus_node, iri(r.path), plain(r.value or ""), r.severity) for r in report.results}


def iri(path: str | None) -> str:
    """A result path when it is one property (the report writes other paths in its own words)."""
    return path if path and path.startswith(("http://", "https://")) else ""


CASES: dict[str, Callable[[Graph], None]] = {"clean": lambda g: None, **BROKEN}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_the_store_is_judged_as_pyshacl_judges_the_whole_graph(name: str, engine: str, rules: Shapes) -> None:
    g = mini_graph()
    CASES[name](g)
    expected = pyshacl_findings(g, rules)
    assert (expected == set()) == (name == "clean")
    assert store_findings(g, rules, jobs=1, engine=engine) == expected


def cases_dataset(names: list[str]) -> Dataset:
    """The mini graph broken by each of :data:`CASES` ``names``, each in a named graph of its own."""
    ds = Dataset()
    for i, name in enumerate(names):
        g = mini_graph()
        CASES[name](g)
        named = ds.graph(URIRef(f"{GRAPH}-{i}"))
        for t in g:
            named.add(t)
    return ds


def test_worker_processes_find_what_one_process_finds(rules: Shapes) -> None:
    """Several broken article graphs in one store: the same report with two workers as with none."""
    with open_store(None) as store:
        store.load_dataset(cases_dataset(sorted(BROKEN)[:6]))
        one = validate_store(store, shapes=rules, jobs=1, engine="pyshacl")
        two = validate_store(store, shapes=rules, jobs=2, engine="pyshacl")
        compiled = validate_store(store, shapes=rules)
    assert not one.conforms
    assert len(one.graphs) == 6
    assert two == one
    # and the SPARQL engine's report is the same, graph by graph, but for the words of a nested shape
    # that has no sh:message of its own (pySHACL words one for each component)
    assert worded(compiled, rules) == worded(one, rules)


def worded(report: ValidationReport, rules: Shapes) -> ValidationReport:
    """``report`` with the messages of results from shapes without an ``sh:message`` left out."""
    silent = {text(s) for s in rules.every.subjects() if (s, SH.message, None) not in rules.every}
    return replace(
        report,
        results=tuple(replace(r, message="") if r.shape in silent else r for r in report.results),
    )

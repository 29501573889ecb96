"""Validation: SHACL (https://www.w3.org/TR/shacl/) over the built graph, with a typed report.

Returns a :class:`ValidationReport` of typed results. The shapes are ``ontology/shapes.ttl``.

How a store (or a ``Dataset``) is checked (:func:`validate_store`):

1. **each data graph on its own** (an article's named graph, any other graph loaded by hand, the
   default graph when it holds triples), together with the ontology ``ontology/antq.ttl`` — read
   from the project, never from the store, so a graph cannot change the schemes it is judged by —
   and the reference units it points to: the gazetteer (and links) triples of every IRI the graph
   names, with their ``schema:containedInPlace`` ancestors. Every shape runs here except the
   ones marked ``shape:acrossGraphs true``;
2. **the cross-article rules once on the union** of every data graph and every build-run graph,
   with the ontology and the reference units: the shapes marked ``shape:acrossGraphs true`` (one
   preferred label per language and disjoint labels, SKOS S13/S14; one build run per article
   graph; no duplicate observation in a data set, Data Cube IC-12). Each finding names the
   graphs holding the statement at fault.

The reference graphs themselves (ontology, gazetteer, links) are not checked: the gazetteer graph
is validated by its own tests and build. A single ``Graph`` given to :func:`validate` is checked
with every shape at once (it is its own union).

Two engines find the same results (``engine``): ``"sparql"`` (the default,
:mod:`.sparql_engine`) compiles each shape to SPARQL queries (:mod:`.compile`) that Oxigraph runs set
at a time over every graph at once; ``"pyshacl"`` (:mod:`.pyshacl_engine`) runs pySHACL node by node,
the reference the tests compare the first with.

Severity: ``sh:Violation`` results make the data fail; ``sh:Warning`` results (suspicious but
allowed: a defaulted area, a low-confidence publication-date bound) are reported and do not.
Each shape has an English and a Vietnamese ``sh:message``; a result carries both.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rdflib import Dataset, Graph

from ..errors import InputError
from ..vocab import DEFAULT_BASE_IRI
from .report import SHAPE, ValidationReport, ValidationResult, short
from .shapes import DEFAULT_ONTOLOGY, DEFAULT_SHAPES, Shapes, load_graph, union_graph

if TYPE_CHECKING:
    from ..store import Store

__all__ = [
    "DEFAULT_ONTOLOGY",
    "DEFAULT_SHAPES",
    "ENGINES",
    "SHAPE",
    "Engine",
    "Shapes",
    "ValidationReport",
    "ValidationResult",
    "load_graph",
    "short",
    "union_graph",
    "validate",
    "validate_store",
]

Engine = Literal["sparql", "pyshacl"]
#: The validation engines, the default first.
ENGINES: tuple[Engine, ...] = ("sparql", "pyshacl")


def _engine(engine: str) -> Engine:
    if engine not in ENGINES:
        raise InputError(f"unknown validation engine {engine!r} ({' or '.join(ENGINES)})")
    return engine


def validate(
    data: Graph | Dataset,
    *,
    shapes: Graph | str | Path | Shapes | None = None,
    ontology: Graph | str | Path | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
    engine: str = "sparql",
) -> ValidationReport:
    """Validate ``data`` against the antq-kg shapes.

    A ``Dataset`` is checked graph by graph and then across graphs (see the module docstring;
    its ontology, gazetteer and links graphs are the reference graphs). A ``Graph`` is checked
    alone, with every shape.
    """
    rules = shapes if isinstance(shapes, Shapes) else Shapes.load(shapes, ontology)
    chosen = _engine(engine)
    if isinstance(data, Dataset):
        from ..store import open_store

        with open_store(None) as mem:
            mem.load_dataset(data)
            return validate_store(mem, shapes=rules, base_iri=base_iri, engine=chosen)
    if chosen == "pyshacl":
        from .pyshacl_engine import validate_graph_pyshacl

        return validate_graph_pyshacl(data, rules)
    from .sparql_engine import validate_graph_sparql

    return validate_graph_sparql(data, rules)


def validate_store(
    store: Store,
    *,
    shapes: Graph | str | Path | Shapes | None = None,
    ontology: Graph | str | Path | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
    jobs: int | None = None,
    engine: str = "sparql",
) -> ValidationReport:
    """Validate the graphs of ``store``: each data graph on its own, then the cross-article rules
    on the union (see the module docstring). Nothing in the store changes. ``jobs``: the SPARQL
    engine runs its compiled checks (every graph at once in Oxigraph) on that many threads, by
    default the CPUs the process may use, at most four (:func:`.sparql_engine.default_jobs`); the
    pySHACL engine checks the data graphs in that many worker processes (where processes fork:
    Linux), by default one. The report is the same whatever ``jobs``."""
    rules = shapes if isinstance(shapes, Shapes) else Shapes.load(shapes, ontology)
    if _engine(engine) == "pyshacl":
        from .pyshacl_engine import validate_store_pyshacl

        return validate_store_pyshacl(store, rules, base_iri=base_iri, jobs=jobs or 1)
    from .sparql_engine import validate_store_sparql

    return validate_store_sparql(store, rules, base_iri=base_iri, jobs=jobs)

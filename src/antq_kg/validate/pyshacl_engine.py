"""The reference engine: pySHACL (0.40) over rdflib graphs, node by node.

How a store is checked (:func:`validate_store_pyshacl`): each data graph on its own with the ontology
and the reference units it names (in worker processes with ``jobs > 1``), then the cross-article shapes
once on the union; see :mod:`antq_kg.validate`. :mod:`.sparql_engine` finds the same results set at a
time; this engine stays as the reference the tests compare it with (``antq-kg validate --engine pyshacl``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.term import Node

from ..errors import OntologyError
from ..vocab import DEFAULT_BASE_IRI, SCHEMA
from .report import ValidationReport, ValidationResult, node_text, path_text, severity_name
from .shapes import Shapes, union_graph

if TYPE_CHECKING:
    import pyoxigraph as ox

    from ..store import Store

SH = ns.SH


def validate_graph_pyshacl(data: Graph, rules: Shapes) -> ValidationReport:
    """pySHACL over one graph (with the ontology) and every shape."""
    results = _run(union_graph(data, rules.ontology), rules.every)
    return ValidationReport(
        conforms=not any(r.severity == "Violation" for r in results), results=tuple(results)
    )


def _run(data: Graph | ox.Store, shapes: Graph, *, graphs: tuple[str, ...] = ()) -> list[ValidationResult]:
    """pySHACL over ``data`` (a throwaway graph or store: validated in place) with ``shapes``.

    An rdflib graph suits the per-graph shapes (many small node-by-node checks); an Oxigraph store
    the cross-graph ones, whose SPARQL (pairs of observations, IC-12) rdflib evaluates a hundred
    times slower than Oxigraph on a corpus.
    """
    import pyshacl

    # pyshacl 0.40 takes a pyoxigraph Store; its annotation omits it
    _conforms, report, _text = pyshacl.validate(
        data,  # type: ignore[arg-type]
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=True,
    )
    if not isinstance(report, Graph):
        raise OntologyError(f"the shapes cannot be evaluated: {' '.join(str(report).split())}")
    return _results(report, shapes, graphs)


def validate_store_pyshacl(
    store: Store, rules: Shapes, *, base_iri: str = DEFAULT_BASE_IRI, jobs: int = 1
) -> ValidationReport:
    """Validate the graphs of ``store``: each data graph on its own, then the cross-article rules
    on the union (see the module docstring). Nothing in the store changes. With ``jobs > 1`` the
    data graphs are checked in that many worker processes (where processes fork: Linux), each
    graph's findings the same as in one process."""
    import pyoxigraph as ox

    from ..export import to_rdflib
    from ..graph import ONTOLOGY_GRAPH
    from ..iris import corpus_graph_iri
    from ..reference import reference_graph_names

    reference = sorted(reference_graph_names(base_iri=base_iri) & set(store.graphs()))
    units = [r for r in reference if r != str(ONTOLOGY_GRAPH)]  # the gazetteer and the links
    ds = to_rdflib(store, exclude=reference)
    run_prefix, corpus = f"{base_iri}id/graph/run/", corpus_graph_iri(base_iri=base_iri)
    graphs: dict[str, Graph] = {}
    for g in ds.graphs():
        name = "" if g.identifier == ds.default_graph.identifier else str(g.identifier)
        # the build runs' records and the corpus graph are no article's: read in the union only
        if len(g) and not name.startswith(run_prefix) and name != corpus:
            graphs[name] = g
    results = _per_graph(
        graphs, rules, jobs=jobs, units=lambda g: _reference_units(store, units, _named(g, base_iri))
    )
    union = ox.Store()
    union.extend(
        ox.Quad(q.subject, q.predicate, q.object)
        for g in ds.graphs()
        for q in store.quads(_store_name(ds, g))
    )
    union.extend(ox.parse(rules.ontology_ntriples, ox.RdfFormat.N_TRIPLES))
    named = {n for g in graphs.values() for n in _named(g, base_iri)}
    union.extend(ox.parse(_reference_units(store, units, named), ox.RdfFormat.N_TRIPLES))
    results += [_locate(r, ds) for r in _run(union, rules.across_graphs)]
    results.sort(key=lambda r: (r.graphs, r.shape, r.focus_node, r.path or "", r.value or ""))
    return ValidationReport(
        conforms=not any(r.severity == "Violation" for r in results),
        results=tuple(results),
        graphs=tuple(sorted(graphs)),
    )


#: What the workers of :func:`_per_graph` check: the data graphs and the shapes, inherited by fork.
_fork_work: tuple[dict[str, Graph], Shapes] | None = None


def _check_graph(name: str, units: bytes) -> list[ValidationResult]:
    """pySHACL over one data graph with the ontology and the reference ``units`` (N-Triples) it names."""
    assert _fork_work is not None
    graphs, rules = _fork_work
    data = union_graph(graphs[name], rules.ontology)
    data.parse(data=units, format="nt")
    return _run(data, rules.per_graph, graphs=(name,))


def _per_graph(
    graphs: dict[str, Graph], rules: Shapes, *, jobs: int, units: Callable[[Graph], bytes]
) -> list[ValidationResult]:
    """The findings of every data graph checked on its own (:func:`_check_graph`), in name order;
    with ``jobs > 1`` in a pool of forked processes that inherit the graphs and the shapes, so a
    task carries only a graph's name and its reference units. ``units(g)`` runs here: it reads
    the store, which a forked process must not touch."""
    import multiprocessing

    global _fork_work
    names = sorted(graphs)
    _fork_work = (graphs, rules)
    try:
        if jobs <= 1 or len(names) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return [r for name in names for r in _check_graph(name, units(graphs[name]))]
        from concurrent.futures import ProcessPoolExecutor

        results: list[ValidationResult] = []
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            window = jobs * 4  # graphs in flight: the parent reads the next units while workers check
            pending: deque[Future[list[ValidationResult]]] = deque()
            for name in names:
                pending.append(pool.submit(_check_graph, name, units(graphs[name])))
                while len(pending) >= window:
                    results += pending.popleft().result()
            while pending:
                results += pending.popleft().result()
        return results
    finally:
        _fork_work = None


def _store_name(ds: Dataset, g: Graph) -> str | None:
    """The store's name of a graph of :func:`antq_kg.export.to_rdflib`'s dataset (``None``: default)."""
    if g.identifier == ds.default_graph.identifier:
        return None
    return f"_:{g.identifier}" if isinstance(g.identifier, BNode) else str(g.identifier)


def _named(g: Graph, base_iri: str) -> set[str]:
    """The data IRIs (``{base}id/…``) a graph names, as subject or object."""
    prefix = f"{base_iri}id/"
    return {str(t) for t in g.all_nodes() if isinstance(t, URIRef) and str(t).startswith(prefix)}


def _reference_units(store: Store, names: Sequence[str], iris: Iterable[str]) -> bytes:
    """What the reference graphs ``names`` say of ``iris`` and of their ``schema:containedInPlace``
    ancestors (a place's parent chain up to Viet Nam), as N-Triples; one level per query."""
    import pyoxigraph as ox

    out: list[bytes] = []
    parent = ox.NamedNode(str(SCHEMA.containedInPlace))
    seen: set[str] = set()
    todo = set(iris) if names else set()
    while todo:
        seen |= todo
        values = " ".join(f"<{i}>" for i in sorted(todo))
        todo = set()
        for name in names:  # a constant graph name: with a variable one Oxigraph scans every graph
            payload = store.query(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} GRAPH <{name}> {{ ?s ?p ?o }} }}"
            ).payload
            out.append(payload)
            todo |= {
                t.object.value
                for t in ox.parse(payload, ox.RdfFormat.N_TRIPLES)
                if t.predicate == parent and isinstance(t.object, ox.NamedNode)
            }
        todo -= seen
    return b"".join(out)


def _locate(result: ValidationResult, ds: Dataset) -> ValidationResult:
    """``result`` (from the union) with the graphs holding the statement at fault: the focus
    node's values on the path, else the triples of the value node, else those of the focus node."""
    focus, value = _term(result.focus_node), _term(result.value) if result.value is not None else None
    path = URIRef(result.path) if result.path and result.path.startswith(("http://", "https://")) else None
    if path is not None:
        pattern: tuple[Node | None, Node | None, Node | None] = (focus, path, value)
    elif isinstance(value, URIRef | BNode):
        pattern = (value, None, None)
    else:
        pattern = (focus, None, None)
    found = {str(c) for _s, _p, _o, c in ds.quads(pattern) if c is not None}
    graphs = tuple(sorted("" if g == str(ds.default_graph.identifier) else g for g in found))
    return ValidationResult(
        result.focus_node,
        result.path,
        result.shape,
        result.message,
        result.severity,
        result.value,
        graphs,
        result.message_vi,
    )


def _term(text: str) -> Node:
    if text.startswith("_:"):
        return BNode(text[2:])
    if text.startswith('"'):
        from rdflib.util import from_n3

        parsed = from_n3(text)
        return parsed if isinstance(parsed, Literal) else Literal(text)
    return URIRef(text)


def _messages(report: Graph, r: Node, shapes: Graph, shape: Node | None) -> dict[str, str]:
    found = list(shapes.objects(shape, SH.message)) or list(report.objects(r, SH.resultMessage))
    out: dict[str, str] = {}
    for m in found:
        lang = m.language if isinstance(m, Literal) and m.language else "en"
        out.setdefault(lang, str(m))
    return out


def _results(report: Graph, shapes: Graph, graphs: tuple[str, ...]) -> list[ValidationResult]:
    out: list[ValidationResult] = []
    for r in report.subjects(ns.RDF.type, SH.ValidationResult):
        shape: Any = report.value(r, SH.sourceShape)
        constraint = report.value(r, SH.sourceConstraint)
        if isinstance(constraint, URIRef):  # a named SPARQL constraint reports on its node shape
            shape = constraint
        messages = _messages(report, r, shapes, shape)
        out.append(
            ValidationResult(
                focus_node=node_text(report.value(r, SH.focusNode)) or "",
                path=path_text(report, report.value(r, SH.resultPath)),
                shape=node_text(shape) or "",
                message=messages.get("en") or next(iter(messages.values()), "(no message)"),
                severity=severity_name(report.value(r, SH.resultSeverity)),
                value=node_text(report.value(r, SH.value)),
                graphs=graphs,
                message_vi=messages.get("vi"),
            )
        )
    return out

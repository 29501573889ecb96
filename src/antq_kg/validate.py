"""Validation: SHACL (https://www.w3.org/TR/shacl/) over the built graph, with a typed report.

Wraps ``pyshacl.validate`` (0.40) and returns a :class:`ValidationReport` instead of pySHACL's
untyped 3-tuple (small typed records between stages). The shapes are ``ontology/shapes.ttl``.

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

Severity: ``sh:Violation`` results make the data fail; ``sh:Warning`` results (suspicious but
allowed: a defaulted area, a low-confidence publication-date bound) are reported and do not.
Each shape has an English and a Vietnamese ``sh:message``; a result carries both.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from .errors import OntologyError
from .resources import ontology_file, shapes_file
from .vocab import DEFAULT_BASE_IRI, PREFIXES, SCHEMA

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .store import Store

SH = ns.SH

__all__ = [
    "DEFAULT_ONTOLOGY",
    "DEFAULT_SHAPES",
    "SHAPE",
    "Shapes",
    "ValidationReport",
    "ValidationResult",
    "load_graph",
    "short",
    "union_graph",
    "validate",
    "validate_store",
]

#: The shapes and the ontology shipped with the package (:mod:`antq_kg.resources`).
DEFAULT_SHAPES = shapes_file()
DEFAULT_ONTOLOGY = ontology_file()

#: Namespace of the shapes (prefix ``shape:``).
SHAPE = "https://w3id.org/antq/shapes#"
#: ``true`` on a shape run once on the union of the graphs instead of on each graph.
ACROSS_GRAPHS = URIRef(f"{SHAPE}acrossGraphs")
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_SEVERITY: dict[Node | None, str] = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_SHORT = sorted(({**PREFIXES, "shape": SHAPE}).items(), key=lambda kv: -len(kv[1]))


def short(term: str) -> str:
    """A full IRI as ``prefix:local`` when a project prefix covers it, else ``<IRI>``; other terms as given.

    >>> short("https://w3id.org/antq/shapes#IC11"), short("https://w3id.org/antq/id/graph/x"), short('"x"@vi')
    ('shape:IC11', '<https://w3id.org/antq/id/graph/x>', '"x"@vi')
    """
    if not term.startswith(("http://", "https://", "urn:")):
        return term
    for prefix, namespace in _SHORT:
        local = term[len(namespace) :]
        if term.startswith(namespace) and local and all(c.isalnum() or c in "_-." for c in local):
            return f"{prefix}:{local}"
    return f"<{term}>"


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One SHACL result: the node at fault, the path, the shape, the message in English and
    Vietnamese, its severity, and the graphs it is in. Terms are full IRIs (``"…"@vi`` for literals)."""

    focus_node: str
    path: str | None
    shape: str
    message: str
    severity: str
    value: str | None = None
    graphs: tuple[str, ...] = ()
    message_vi: str | None = None

    def text(self) -> str:
        """One line in plain words (and, when there is one, the Vietnamese message on the next).

        >>> print(ValidationResult("https://e/a", "http://xmlns.com/foaf/0.1/name", "https://w3id.org/antq/shapes#PersonName",
        ...       "A person must have a name.", "Violation", graphs=("https://e/g",), message_vi="Người phải có tên.").text())
        Violation in <https://e/g>: A person must have a name. (<https://e/a>, foaf:name; shape:PersonName)
            vi: Người phải có tên.
        """
        where = (
            short(self.focus_node) if self.path is None else f"{short(self.focus_node)}, {short(self.path)}"
        )
        value = "" if self.value is None else f", value {short(self.value)}"
        graphs = (
            f" in {', '.join(short(g) if g else 'the default graph' for g in self.graphs)}"
            if self.graphs
            else ""
        )
        line = f"{self.severity}{graphs}: {self.message} ({where}{value}; {short(self.shape)})"
        return line if not self.message_vi else f"{line}\n    vi: {self.message_vi}"

    def to_json(self) -> dict[str, Any]:
        """The result for machines (``antq-kg validate --format json``)."""
        return {
            "severity": self.severity,
            "graphs": list(self.graphs),
            "focusNode": self.focus_node,
            "path": self.path,
            "value": self.value,
            "shape": self.shape,
            "message": {"en": self.message, **({"vi": self.message_vi} if self.message_vi else {})},
        }


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of :func:`validate`: whether the data conforms, every result, and the graphs
    that were checked one by one (empty when a single graph was checked)."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    graphs: tuple[str, ...] = ()

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        """The results that make the data fail."""
        return tuple(r for r in self.results if r.severity == "Violation")

    @property
    def warnings(self) -> tuple[ValidationResult, ...]:
        """The results that are reported but allowed (warnings and infos)."""
        return tuple(r for r in self.results if r.severity != "Violation")

    def text(self) -> str:
        """The report in plain words: a verdict line, then the results.

        >>> ValidationReport(True, ()).text()
        'The graph conforms to the antq-kg shapes.'
        >>> ValidationReport(True, (), ("urn:a", "urn:b")).text()
        'The graph conforms to the antq-kg shapes (2 graphs checked one by one, then their union).'
        """
        checked = (
            f" ({len(self.graphs)} graph{_s(self.graphs)} checked one by one, then their union)"
            if self.graphs
            else ""
        )
        if self.conforms and not self.results:
            return f"The graph conforms to the antq-kg shapes{checked}."
        n, w = len(self.violations), len(self.warnings)
        if self.conforms:
            lines = [f"The graph conforms to the antq-kg shapes{checked}, with {w} warning{_s(w)}:"]
        else:
            lines = [
                f"The graph does not conform to the antq-kg shapes{checked}: "
                f"{n} violation{_s(n)}, {w} warning{_s(w)}."
            ]
        lines += [r.text() for r in (*self.violations, *self.warnings)]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The report for machines (``antq-kg validate --format json``)."""
        return {
            "conforms": self.conforms,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "graphs": list(self.graphs),
            "results": [r.to_json() for r in (*self.violations, *self.warnings)],
        }

    def messages(self) -> set[str]:
        """The distinct English messages of the results."""
        return {r.message for r in self.results}

    def shapes(self) -> set[str]:
        """The distinct shapes that reported, as ``shape:Name``."""
        return {short(r.shape) for r in self.results}


def _s(n: int | Sequence[object]) -> str:
    return "" if (n if isinstance(n, int) else len(n)) == 1 else "s"


def load_graph(source: Graph | str | Path | None, default: Path) -> Graph:
    """A graph from a ``Graph``, a path, or the default file (raises :class:`OntologyError`)."""
    if isinstance(source, Graph):
        return source
    path = Path(source) if source is not None else default
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise OntologyError("file not found", path=path) from exc
    except (OSError, SyntaxError, ValueError) as exc:  # unreadable; rdflib's BadSyntax is a SyntaxError
        raise OntologyError(f"cannot parse: {' '.join(str(exc).split())}", path=path) from exc


@functools.lru_cache(maxsize=256)
def _prepared(text: str, namespaces: tuple[tuple[str, str], ...]) -> Query:
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs=dict(namespaces))


class _DataGraph(Graph):
    """A graph that parses each SPARQL query text once: pySHACL sends a SHACL-SPARQL constraint's
    text (and its own lookups) for every focus node, and rdflib would parse the text every time."""

    def query(self, query_object: str | Query, *args: Any, **kwargs: Any) -> Result:
        if isinstance(query_object, str):
            given = kwargs.pop("initNs", None) or (args[2] if len(args) > 2 else None) or {}
            query_object = _prepared(query_object, tuple(sorted((k, str(v)) for k, v in given.items())))
            if len(args) > 2:
                args = (*args[:2], None, *args[3:])
        return super().query(query_object, *args, **kwargs)


def union_graph(data: Graph | Dataset, *extra: Graph) -> Graph:
    """A new graph with all triples of ``data`` (every graph of a ``Dataset``) and of ``extra``."""
    out = _DataGraph()
    if isinstance(data, Dataset):
        for s, p, o, _g in data.quads((None, None, None, None)):
            out.add((s, p, o))
    else:
        out += data
    for g in extra:
        out += g
    return out


@dataclass(frozen=True)
class Shapes:
    """The shapes split by where they run, and the ontology they are checked with.

    ``per_graph`` holds every shape but with the targets of the ``shape:acrossGraphs`` shapes
    removed, ``across_graphs`` the reverse, ``every`` all of them (for a single graph).
    """

    every: Graph
    per_graph: Graph
    across_graphs: Graph
    ontology: Graph

    @classmethod
    def load(
        cls, shapes: Graph | str | Path | None = None, ontology: Graph | str | Path | None = None
    ) -> Shapes:
        """The project's shapes and ontology (or the given ones); :class:`OntologyError` if unreadable."""
        every = load_graph(shapes, DEFAULT_SHAPES)
        return cls(
            every,
            _scoped(every, across=False),
            _scoped(every, across=True),
            load_graph(ontology, DEFAULT_ONTOLOGY),
        )

    def across_graph_shapes(self) -> set[str]:
        """The shapes run on the union (``shape:acrossGraphs true``)."""
        return {str(s) for s in self.every.subjects(ACROSS_GRAPHS, Literal(True)) if isinstance(s, URIRef)}

    @functools.cached_property
    def ontology_ntriples(self) -> bytes:
        """The ontology as N-Triples (to load it into an Oxigraph store)."""
        return self.ontology.serialize(format="nt", encoding="utf-8")


def _scoped(shapes: Graph, *, across: bool) -> Graph:
    """A copy of ``shapes`` where only the shapes of one scope keep their targets."""
    out = Graph()
    out += shapes
    for s in {s for t in _TARGETS for s in shapes.subjects(t, None)}:
        if ((s, ACROSS_GRAPHS, Literal(True)) in shapes) != across:
            for t in _TARGETS:
                out.remove((s, t, None))
    return out


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


def validate(
    data: Graph | Dataset,
    *,
    shapes: Graph | str | Path | Shapes | None = None,
    ontology: Graph | str | Path | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
) -> ValidationReport:
    """Validate ``data`` against the antq-kg shapes.

    A ``Dataset`` is checked graph by graph and then across graphs (see the module docstring;
    its ontology, gazetteer and links graphs are the reference graphs). A ``Graph`` is checked
    alone, with every shape.
    """
    rules = shapes if isinstance(shapes, Shapes) else Shapes.load(shapes, ontology)
    if isinstance(data, Dataset):
        from .store import open_store

        with open_store(None) as mem:
            mem.load_dataset(data)
            return validate_store(mem, shapes=rules, base_iri=base_iri)
    results = _run(union_graph(data, rules.ontology), rules.every)
    return ValidationReport(
        conforms=not any(r.severity == "Violation" for r in results), results=tuple(results)
    )


def validate_store(
    store: Store,
    *,
    shapes: Graph | str | Path | Shapes | None = None,
    ontology: Graph | str | Path | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
    jobs: int = 1,
) -> ValidationReport:
    """Validate the graphs of ``store``: each data graph on its own, then the cross-article rules
    on the union (see the module docstring). Nothing in the store changes. With ``jobs > 1`` the
    data graphs are checked in that many worker processes (where processes fork: Linux), each
    graph's findings the same as in one process."""
    import pyoxigraph as ox

    from .export import to_rdflib
    from .graph import ONTOLOGY_GRAPH
    from .reference import reference_graph_names

    rules = shapes if isinstance(shapes, Shapes) else Shapes.load(shapes, ontology)
    reference = sorted(reference_graph_names(base_iri=base_iri) & set(store.graphs()))
    units = [r for r in reference if r != str(ONTOLOGY_GRAPH)]  # the gazetteer and the links
    ds = to_rdflib(store, exclude=reference)
    run_prefix = f"{base_iri}id/graph/run/"
    graphs: dict[str, Graph] = {}
    for g in ds.graphs():
        name = "" if g.identifier == ds.default_graph.identifier else str(g.identifier)
        if len(g) and not name.startswith(run_prefix):
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


def _text(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _path_text(report: Graph, node: Node | None) -> str | None:
    """A SHACL property path as text: an IRI, ``^p`` (inverse), ``(p|q)`` (alternatives), ``p/q``."""
    if node is None or isinstance(node, URIRef):
        return _text(node)
    inverse = report.value(node, SH.inversePath)
    if inverse is not None:
        return f"^{short(_path_text(report, inverse) or '')}"
    alternatives = report.value(node, SH.alternativePath)
    if alternatives is not None:
        return f"({'|'.join(short(_path_text(report, p) or '') for p in report.items(alternatives))})"
    if (node, ns.RDF.first, None) in report:
        return "/".join(short(_path_text(report, p) or "") for p in report.items(node))
    return _text(node)


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
                focus_node=_text(report.value(r, SH.focusNode)) or "",
                path=_path_text(report, report.value(r, SH.resultPath)),
                shape=_text(shape) or "",
                message=messages.get("en") or next(iter(messages.values()), "(no message)"),
                severity=_SEVERITY.get(report.value(r, SH.resultSeverity), "Violation"),
                value=_text(report.value(r, SH.value)),
                graphs=graphs,
                message_vi=messages.get("vi"),
            )
        )
    return out

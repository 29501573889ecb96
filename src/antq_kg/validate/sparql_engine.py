"""The set-at-a-time engine: the shapes compiled to SPARQL (:mod:`.compile`), run by Oxigraph.

:func:`validate_store_sparql` copies what is checked into an in-memory Oxigraph store (the working
store; the checked store is only read):

* every data graph as a named graph of the same name (the default graph, when it holds triples, as
  :data:`DEFAULT_GRAPH`), each with the reference units it names: the gazetteer and links triples of
  every ``{base}id/`` IRI of the graph and of their ``schema:containedInPlace`` ancestors, added by one
  SPARQL Update for all graphs at once;
* the ontology (from the project) as the default graph, which every per-graph check reads beside the
  graph it checks (:mod:`.scoping`);
* for the cross-article shapes, the build-run graphs too: those checks read the union of everything.

Then each compiled check is one query whose solutions are results; a per-graph check's solutions name
the graph (``?_g``), a cross-graph result is located in the graphs of the checked store that hold the
statement at fault (as :mod:`.pyshacl_engine` locates it). The report is the same as the pySHACL
engine's: the tests compare them over clean and broken graphs and built corpora.

The checks are independent read-only queries, and Oxigraph releases the GIL while it evaluates one:
they run on a pool of ``jobs`` threads (:func:`default_jobs` by default, :mod:`.schedule`), the
slowest first (:data:`SLOWEST`), and only once the working store is complete (the units handed out,
the closures copied, the union default graph made): no check runs while this thread writes the working
store, because pyoxigraph's in-memory store can deadlock when one thread queries it while another
writes it (see :func:`validate_store_sparql`). The checks are compiled before the hand-out, with what
the units may bring counted present (:func:`_presence`). Each check's results are merged in the order
one thread runs them, so the report is the same whatever the scheduling.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..errors import InputError, QueryError
from ..vocab import DEFAULT_BASE_IRI, SCHEMA
from .checks import Batch, Bound, Check, batched
from .compile import compile_shapes
from .report import ValidationReport, ValidationResult, short
from .schedule import mapped
from .scoping import Presence
from .shapes import Shapes

if TYPE_CHECKING:
    from ..store import Store

#: The working store's name of the checked store's default graph.
DEFAULT_GRAPH = "urn:x-antq-validate:default-graph"
#: The working store's graph of the reference units while they are handed out to the data graphs.
_REFERENCE = "urn:x-antq-validate:reference"
#: The name of the one graph :func:`validate_graph_sparql` checks.
_SINGLE = "urn:x-antq-validate:graph"
_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_TYPE = URIRef(_TYPE)
#: The most threads :func:`default_jobs` gives: the checks' queries share the store's caches and the
#: report is merged in one thread, so more threads than the longest checks pay little.
MAX_JOBS = 4
#: The shapes whose checks took longest over the 1M-triple benchmark store (``bench/profile_validate.py``,
#: slowest first: 1.0–1.7 s of CPU each, the median check 0.1 s): started first, so that the pool does
#: not end on one long query. The other checks follow in the order they are compiled.
SLOWEST = (
    "CountArea", "PhraseAnchor", "PhraseSlice", "IC12", "IC19", "IC11", "FactEvidence",
    "PhraseWithinText", "CountSource", "ArticleLanguage", "IC13", "OrganizationKind",
)  # fmt: skip


def term_text(t: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str | None:
    """An Oxigraph term as the report writes it (full IRI, ``_:label``, N-Triples literal)."""
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return t.value
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return str(t)


def default_jobs() -> int:
    """The threads the checks run on when not told: the CPUs this process may run on (its affinity
    mask where the system has one, else the machine's CPUs), at most :data:`MAX_JOBS`."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cpus, MAX_JOBS))


def validate_store_sparql(
    store: Store, rules: Shapes, *, base_iri: str = DEFAULT_BASE_IRI, jobs: int | None = None
) -> ValidationReport:
    """The report of :func:`antq_kg.validate.validate_store`, found by the compiled checks on ``jobs``
    threads (:func:`default_jobs` when ``None``; 1: in this thread)."""
    from ..iris import ONTOLOGY_GRAPH, corpus_graph_iri
    from ..reference import reference_graph_names

    checks, closures = rules.compiled
    threads = default_jobs() if jobs is None else jobs
    pool = ThreadPoolExecutor(threads, thread_name_prefix="validate") if threads > 1 else None
    with _working_store(store) as work, pool or nullcontext():
        names = sorted(_store_name(g) or DEFAULT_GRAPH for g in work.named_graphs())
        reference = sorted(reference_graph_names(base_iri=base_iri) & set(names))
        run_prefix, corpus = f"{base_iri}id/graph/run/", corpus_graph_iri(base_iri=base_iri)
        # the build runs' records and the corpus graph are no article's: read in the union only
        records = [n for n in names if n not in reference and n.startswith(run_prefix)]
        union_only = [*records, *([corpus] if corpus in names else [])]
        data = [_node(n) for n in names if n not in reference and n not in union_only]
        _refuse_subclasses(work, data)
        work.load(rules.ontology_ntriples, ox.RdfFormat.N_TRIPLES)
        units = [r for r in reference if r != str(ONTOLOGY_GRAPH)]  # the gazetteer and the links
        brought = _brought(work, units if data else [])
        if _TYPE in closures:  # the ontology's types copied into the data graphs (see _copy_closures)
            classes = frozenset(str(c) for c in rules.ontology.objects(None, RDF_TYPE))
            brought = Presence(brought.predicates, (brought.classes or frozenset()) | classes)
        # what the data graphs hold, or may once the units are in and the closures copied (the corpus
        # graph holds what shapes read): the checks are compiled before the hand-out
        present = _presence(work, rules, [*reference, *records], brought)
        checks, _ = compile_shapes(
            rules.every, rules.ontology, present, excluded=[*reference, *union_only], reference=reference
        )
        # The working store made complete before any check starts. A query on a pool thread while this
        # thread writes the in-memory store deadlocks in pyoxigraph 0.5.13: bulk_extend waits for a
        # shard's write lock still holding the GIL, while the query, holding that shard's read lock,
        # waits for the GIL to return (seen once in CI, py-spy --native on both threads).
        if units and data:
            _hand_out_units(work, data, units, base_iri)
        _copy_closures(work, data, closures)
        if any(c.reads is not None for c in checks):
            # the last change to the working store: the per-graph checks read the data graphs and the
            # ontology (the default graph), the cross-graph checks without ``reads`` name the graphs
            # they read; none reads a reference graph, so all can run on the store made here
            _union_default(work, reference, [c.reads for c in checks if c.reads is not None], units)
        found = _run_all(work, checks, data, pool)
    results = [r for c, r in found if not c.across]
    results += _locate([r for c, r in found if c.across], store, set(reference))
    results.sort(key=lambda r: (r.graphs, r.shape, r.focus_node, r.path or "", r.value or ""))
    return ValidationReport(
        conforms=not any(r.severity == "Violation" for r in results),
        results=tuple(results),
        graphs=tuple(sorted(_store_name(g) for g in data)),
    )


def validate_graph_sparql(data: Graph, rules: Shapes) -> ValidationReport:
    """The report of :func:`antq_kg.validate.validate` for one graph: every shape on it with the ontology."""
    checks, closures = rules.compiled
    work = ox.Store()
    single = ox.NamedNode(_SINGLE)
    work.load(data.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES, to_graph=single)
    _refuse_subclasses(work, [single])
    work.load(rules.ontology_ntriples, ox.RdfFormat.N_TRIPLES)
    _copy_closures(work, [single], closures)
    results = [replace(r, graphs=()) for _c, r in _run_all(work, checks, [single], None)]
    results.sort(key=lambda r: (r.shape, r.focus_node, r.path or "", r.value or ""))
    return ValidationReport(
        conforms=not any(r.severity == "Violation" for r in results), results=tuple(results)
    )


#: Named graphs of the working store.
Graphs = list[ox.NamedNode | ox.BlankNode]


@contextmanager
def _working_store(store: Store) -> Iterator[ox.Store]:
    """A copy of ``store`` to work on, the checked store's default graph moved to :data:`DEFAULT_GRAPH`
    (the working store's default graph is the ontology's): a checkpoint of an on-disk store in its own
    scratch folder (next to free, see :meth:`antq_kg.store.EmbeddedStore.checkpoint` and
    :meth:`~antq_kg.store.EmbeddedStore.scratch`) deleted afterwards, else an in-memory copy of its
    quads (an in-memory or a remote store)."""
    from ..store import EmbeddedStore

    if isinstance(store, EmbeddedStore) and store.path is not None:
        with store.scratch("validate") as folder:
            store.checkpoint(Path(folder) / "store")
            work = ox.Store(str(Path(folder) / "store"))
            try:
                if next(iter(work.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
                    work.update(f"MOVE DEFAULT TO <{DEFAULT_GRAPH}>")
                yield work
            finally:
                del work
                gc.collect()  # the RocksDB handle closes before its folder goes
        return
    work = ox.Store()
    default = ox.NamedNode(DEFAULT_GRAPH)
    work.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in store.quads(None))
    work.bulk_extend(q for name in store.graphs() for q in store.quads(name))
    yield work


def _node(name: str) -> ox.NamedNode | ox.BlankNode:
    return ox.BlankNode(name[2:]) if name.startswith("_:") else ox.NamedNode(name)


def _store_name(g: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    if isinstance(g, ox.BlankNode):
        return f"_:{g.value}"
    if isinstance(g, ox.DefaultGraph) or g.value in (DEFAULT_GRAPH, _SINGLE):
        return ""
    return g.value


def _union_default(
    work: ox.Store,
    reference: list[str],
    reads: list[frozenset[tuple[str | None, str | None]]],
    units: list[str],
) -> None:
    """Makes the union default graph of ``work`` what the cross-graph checks read: the reference
    graphs are dropped, but for the gazetteer and the links graphs (large: dropping them costs
    seconds) when they hold no triple of a predicate (and object) the checks' patterns name. Their
    triples of the units a data graph names are in that data graph already; a pattern with a variable
    predicate reaches only nodes the named patterns bound."""
    for name in reference:
        keep = name in units and not any(
            work.query(
                f"ASK {{ GRAPH <{name}> {{ ?s {f'<{p}>' if p else '?p'} {f'<{o}>' if o else '?o'} }} }}"
            )
            for group in reads
            for p, o in group
            if p is not None or o is not None
        )
        if not keep:
            work.remove_graph(_node(name))


def _presence(work: ox.Store, rules: Shapes, excluded: list[str], brought: Presence) -> Presence:
    """Which of the ontology's predicates (and classes) the data graphs of ``work`` also hold, or may
    hold once what ``brought`` names is added (see :class:`.scoping.Presence`; a pattern of any other
    predicate reads the data graphs only): one ASK each, on Oxigraph's predicate index. A predicate
    counted present that no data graph holds costs a pattern that finds nothing, never a result."""
    only = f"FILTER (?g NOT IN ({', '.join(f'<{g}>' for g in excluded)}))" if excluded else ""

    def held(pattern: str) -> bool:
        return bool(work.query(f"ASK {{ GRAPH ?g {{ {pattern} }} {only} }}"))

    predicates = {str(p) for p in rules.ontology.predicates()}
    classes = {str(c) for c in rules.ontology.objects(None, RDF_TYPE)}
    return Presence(
        frozenset(p for p in predicates if brought.has(p) or held(f"?s <{p}> ?o")),
        frozenset(c for c in classes if brought.has(_TYPE, frozenset({c})) or held(f"?s a <{c}>")),
    )


def _brought(work: ox.Store, units: list[str]) -> Presence:
    """The predicates, and the classes, of the graphs ``units`` (the gazetteer and the links): what the
    units handed out to a data graph may add to it (none when ``units`` is empty)."""
    predicates: set[str] = set()
    classes: set[str] = set()
    for u in units:
        for sol in work.query(f"SELECT DISTINCT ?p WHERE {{ GRAPH <{u}> {{ ?s ?p ?o }} }}"):  # type: ignore[union-attr]
            predicates.add(sol["p"].value)
        for sol in work.query(f"SELECT DISTINCT ?c WHERE {{ GRAPH <{u}> {{ ?s a ?c }} }}"):  # type: ignore[union-attr]
            if isinstance(sol["c"], ox.NamedNode):
                classes.add(sol["c"].value)
    return Presence(frozenset(predicates), frozenset(classes))


def _refuse_subclasses(work: ox.Store, data: Graphs) -> None:
    """The compiled checks read the class hierarchy of the ontology only: a data graph that extends
    it cannot be judged here (pySHACL reads it: ``--engine pyshacl``)."""
    query = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s <{_SUBCLASS}> ?o }} }} LIMIT 1"
    for sol in work.query(query, named_graphs=data):  # type: ignore[union-attr]
        raise InputError(
            f"the graph {short(_store_name(sol['g']) or 'the default graph')} states rdfs:subClassOf: "
            "the SPARQL validator reads the class hierarchy from the ontology only (use --engine pyshacl)"
        )


def _hand_out_units(work: ox.Store, data: Graphs, units: list[str], base_iri: str) -> None:
    """Adds to each data graph the reference triples of the ``{base}id/`` IRIs it names and of their
    ``schema:containedInPlace`` ancestors (what :mod:`.pyshacl_engine` gives each graph): the reference
    subjects, which graph names which (looked up from each subject, not by walking every graph), their
    ancestors, then their triples, copied by Oxigraph's bulk loader."""
    subjects = {  # the reference subjects, read from the gazetteer and the links graphs alone
        x
        for u in units
        for sol in work.query(f"SELECT DISTINCT ?x WHERE {{ GRAPH <{u}> {{ ?x ?q ?r }} }}")  # type: ignore[union-attr]
        if isinstance(x := sol["x"], ox.NamedNode) and x.value.startswith(f"{base_iri}id/")
    }
    if not subjects:
        return
    # which graph names which: index lookups from each subject (a VALUES join), on the whole dataset,
    # as subject and as object in two queries (a UNION of the two under the VALUES costs twice their
    # sum); restricting the named graphs to the data graphs makes Oxigraph try each graph in turn
    values = " ".join(sorted(str(x) for x in subjects))
    checked = set(data)
    pairs: dict[str, set[ox.NamedNode | ox.BlankNode]] = {}
    for pattern in ("?x ?p ?o", "?s ?p ?x"):
        query = f"SELECT DISTINCT ?g ?x WHERE {{ VALUES ?x {{ {values} }} GRAPH ?g {{ {pattern} }} }}"
        for sol in work.query(query):  # type: ignore[union-attr]
            if sol["g"] in checked:
                pairs.setdefault(sol["x"].value, set()).add(sol["g"])
    if not pairs:
        return
    values = " ".join(f"<{x}>" for x in sorted(pairs))
    graphs: dict[ox.NamedNode, set[ox.NamedNode | ox.BlankNode]] = {}  # a unit or ancestor: where it goes
    for sol in work.query(  # type: ignore[union-attr]
        f"SELECT ?x ?a WHERE {{ VALUES ?x {{ {values} }} ?x <{SCHEMA.containedInPlace}>* ?a }}",
        default_graph=[ox.NamedNode(u) for u in units],
    ):
        graphs.setdefault(sol["a"], set()).update(pairs[sol["x"].value])
    # their triples read once each and copied by the bulk loader, no transaction (over 1M triples, 50,000
    # quads: 1.4 s of CPU, 0.5 of it the load, against 2.7 s for a SPARQL INSERT joined with a table of
    # (graph, unit) rows)
    values = " ".join(str(a) for a in graphs)
    read = "SELECT ?a ?p ?o WHERE {{ VALUES ?a {{ {} }} GRAPH <{}> {{ ?a ?p ?o }} }}"
    quads = [
        ox.Quad(sol["a"], sol["p"], sol["o"], g)
        for u in units
        for sol in work.query(read.format(values, u))  # type: ignore[union-attr]
        for g in graphs[sol["a"]]
    ]
    work.bulk_extend(quads)


def _copy_closures(work: ox.Store, data: Graphs, predicates: Iterable[str]) -> None:
    """The ontology's triples of each predicate of a ``*``/``+``/``?`` path, copied into every data
    graph that states the predicate (see :mod:`.scoping`)."""
    for p in sorted(predicates):
        stating = [
            sol["g"]
            for sol in work.query(  # type: ignore[union-attr]
                f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?a <{p}> ?b }} }}", named_graphs=data
            )
        ]
        for g in stating:
            work.update(f"INSERT {{ GRAPH {g} {{ ?s <{p}> ?o }} }} WHERE {{ ?s <{p}> ?o }}")


_PLACEHOLDER = re.compile(r"\{[$?]([A-Za-z_][A-Za-z0-9_]*)\}")


def _run_all(
    work: ox.Store,
    checks: list[Check],
    data: Graphs,
    pool: Executor | None,
) -> list[tuple[Check, ValidationResult]]:
    """The results of ``checks`` (each with its check) over the complete working store ``work``, those
    of one focus-node group batched (:func:`.checks.batched`), on ``pool``'s threads when there is one;
    a check that details a ``sh:node`` check (:attr:`.checks.Check.needs`) runs only once that check
    has results (its focus nodes are the value nodes failing it: none when it has none). The results
    are in the order one thread finds them, whatever the threads and the start: by depth, each depth in
    compiled order."""
    out: list[tuple[Check, ValidationResult]] = []
    failed: set[str] = set()
    per_graph = [c for c in checks if not c.across]
    for depth in range(1 + max((len(c.needs) for c in checks), default=0)):
        ready = [c for c in per_graph if len(c.needs) == depth and failed.issuperset(c.needs)]
        units: list[Check | Batch] = list(batched(ready))
        if depth == 0:  # the cross-graph checks run with the first per-graph checks
            units += [c for c in checks if c.across and c.reads is None]
            units += [c for c in checks if c.reads is not None]
        for found in mapped(pool, lambda unit: _run(work, unit, data), units, _slowest_first(units)):
            out += found
            failed.update(check.name for check, _r in found if check.name and not check.across)
    return out


def _slowest_first(units: Sequence[Check | Batch]) -> list[int]:
    """The positions of ``units`` in the order to start them: the checks of the :data:`SLOWEST` shapes
    first (a batch of row checks before one of counts), then the others as they are."""

    def rank(k: int) -> tuple[int, int]:
        unit = units[k]
        name = re.split(r"[#/]", unit.shape)[-1]
        return (SLOWEST.index(name) if name in SLOWEST else len(SLOWEST), k)

    return sorted(range(len(units)), key=rank)


def _run(work: ox.Store, check: Check | Batch, data: Graphs) -> list[tuple[Check, ValidationResult]]:
    """The results of one compiled check or batch of checks, each with its check (a per-graph check's
    name their graph); the queries name the graphs they read (:mod:`.scoping`), the default graph is
    the ontology. A check judged once on the ontology's focus nodes (:attr:`.checks.Check.once`) has
    those results repeated for each graph of ``data`` that holds no triple of the focus node."""
    checks = check.checks if isinstance(check, Batch) else (check,)
    out = [(k, _result(c, component, bound)) for k, c, component, bound in _judged(work, check, check.sparql)]
    if check.once is not None:
        alone = list(_judged(work, check, check.once))
        touched = _touched(work, [bound["this"] for _k, _c, _n, bound in alone], check.touches, data)
        for k, c, component, bound in alone:
            this = bound["this"]
            out += [(k, _result(c, component, {**bound, "_g": g})) for g in data if (this, g) not in touched]
        # a data graph's own focus node may be judged both ways, alike (each check's results apart)
        out = list(dict.fromkeys(out))
    return [(checks[k], r) for k, r in out]


def _judged(work: ox.Store, check: Check | Batch, sparql: str) -> Iterator[tuple[int, Check, str, Bound]]:
    """(check position in a batch, check, component failed, solution) for each result of ``sparql``."""
    for bound in _solutions(work, check, sparql):
        if isinstance(check, Batch):
            for k, component, own in check.dispatch(bound):
                yield k, check.checks[k], component, own
        else:
            for component in _failed(check, bound):
                yield 0, check, component, bound


def _solutions(work: ox.Store, check: Check | Batch, sparql: str) -> list[Bound]:
    """The solutions of one query of ``check``, as the variables each binds; a query Oxigraph rejects,
    or fails to evaluate (a ``RuntimeError``: an unsupported function…), raises :class:`QueryError`
    naming the check.

    Oxigraph's result is read to its end and released here, in the thread that ran the query (one of
    the pool's), also when it fails half-read: pyoxigraph's ``QuerySolutions`` may only be dropped by
    the thread that made it (pyo3 leaks it, with an unraisable ``RuntimeError``, anywhere else), and
    an unfinished generator or the error's traceback (raised again in the thread merging the results)
    would keep it for another thread to drop."""
    solutions: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | None = None
    try:
        solutions = work.query(sparql, use_default_graph_as_union=check.reads is not None)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        bound: list[Bound] = []
        for sol in solutions:  # a loop, not a comprehension: its frame would hold the result too
            bound.append({n: sol[n] for n in names if sol[n] is not None})
        return bound
    except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
        raise QueryError(
            f"the compiled check of {short(check.shape)} ({check.component}) failed: {exc}"
        ) from exc
    finally:
        solutions = None


def _touched(
    work: ox.Store,
    nodes: list[ox.NamedNode | ox.BlankNode | ox.Literal],
    touches: tuple[bool, bool],
    data: Graphs,
) -> set[tuple[ox.NamedNode | ox.BlankNode | ox.Literal, ox.NamedNode | ox.BlankNode]]:
    """The (node, data graph) pairs where the graph holds a triple with the node as subject (and/or as
    object, after ``touches``): there the node was judged with the graph's triples."""
    values = " ".join(sorted({str(n) for n in nodes if not isinstance(n, ox.BlankNode)}))
    patterns = ["{ GRAPH ?g { ?this ?p ?o } }"] * touches[0] + ["{ GRAPH ?g { ?s ?p ?this } }"] * touches[1]
    if not values or not patterns:
        return set()
    query = f"SELECT DISTINCT ?this ?g WHERE {{ VALUES ?this {{ {values} }} {' UNION '.join(patterns)} }}"
    return {(sol["this"], sol["g"]) for sol in work.query(query, named_graphs=data)}  # type: ignore[union-attr]


def _failed(check: Check, bound: Bound) -> list[str]:
    """The components a solution of ``check`` fails: its own, or for a count check (``?_n`` value
    nodes) ``minCount``, ``maxCount`` or both."""
    return check.failed(int(bound["_n"].value)) if check.bounds is not None else [check.component]


def _result(check: Check, component: str, bound: Bound) -> ValidationResult:
    """The result a solution of ``check`` stands for (failing ``component``)."""
    messages = dict(check.messages)
    focus = term_text(bound.get("this")) or ""
    value = term_text(bound.get("value"))
    if value is None and check.value == "focus":
        value = focus
    path = term_text(bound["path"]) if check.component == "sparql" and "path" in bound else check.path
    en, vi = (_substitute(messages.get(lang), bound) for lang in ("en", "vi"))
    return ValidationResult(
        focus_node=focus,
        path=path,
        shape=check.shape,
        message=en or vi or f"The sh:{component} constraint of {short(check.shape)} is not met.",
        severity=check.severity,
        value=value if check.value != "none" or check.component == "sparql" else None,
        graphs=() if check.across or isinstance(graph := bound["_g"], ox.Literal) else (_store_name(graph),),
        message_vi=vi,
    )


def _substitute(message: str | None, bound: Bound) -> str | None:
    """``{$var}`` / ``{?var}`` in a message replaced by the solution's value of ``var`` (SHACL §5.3.2)."""
    if message is None:
        return None

    def value(m: re.Match[str]) -> str:
        t = bound.get(m.group(1))
        return m.group() if t is None else (t.value if not isinstance(t, ox.BlankNode) else f"_:{t.value}")

    return _PLACEHOLDER.sub(value, message)


def _locate(results: list[ValidationResult], store: Store, reference: set[str]) -> list[ValidationResult]:
    """Cross-graph results with the graphs of ``store`` holding the statement at fault: the focus
    node's values on the path, else the triples of the value node, else those of the focus node."""
    located: list[ValidationResult] = []
    for r in results:
        pattern = _pattern(r)
        query = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {pattern} }} }}"
        try:
            rows = store.query(query).rows() if pattern else []
        except QueryError:
            rows = []
        found = {term_text(row[0]) or "" for row in rows if row and row[0] is not None}
        located.append(replace(r, graphs=tuple(sorted(g for g in found if g not in reference))))
    return located


def _pattern(r: ValidationResult) -> str:
    """The triple pattern :func:`_locate` looks for (empty when a term is a blank node)."""

    def sparql(text: str) -> str:
        return text if text.startswith('"') else f"<{text}>"

    if any(t is not None and t.startswith("_:") for t in (r.focus_node, r.value)):
        return ""
    path = r.path if r.path and r.path.startswith(("http://", "https://")) else None
    if path is not None:
        return f"{sparql(r.focus_node)} <{path}> {sparql(r.value) if r.value is not None else '?o'}"
    if r.value is not None and not r.value.startswith('"'):
        return f"{sparql(r.value)} ?p ?o"
    return f"{sparql(r.focus_node)} ?p ?o"

"""Store stage: where the built graph lives and is queried — an on-disk Oxigraph store behind a protocol.

:class:`Store` is the interface the CLI and the SPARQL endpoint use; :class:`EmbeddedStore` implements
it on ``pyoxigraph.Store(path)`` (RocksDB on disk, https://pyoxigraph.readthedocs.io/); a
``RemoteStore`` over the SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/) can implement
the same protocol later: every method takes and returns plain values or bytes in a registry format
(:mod:`antq_kg.formats`), never backend objects, and :class:`QueryResult` is a serialized result
(SPARQL JSON or N-Triples) that a remote store gets straight off the wire.

Writes are atomic: input is parsed completely before anything is written, then written in one
transaction (``Store.extend`` for additions, one SPARQL Update request — DROP + INSERT DATA — for
:meth:`EmbeddedStore.replace_graphs`), so a bad file leaves the store exactly as it was. Blank nodes
of each load are renamed, so ``_:b0`` in two files are two nodes. Queries see the union of all named
graphs as their default graph (``use_default_graph_as_union``), since every article is its own
named graph (issue 2); ``GRAPH ?g`` still names them.

pyoxigraph's ``SyntaxError``/``OSError``/``ValueError`` and rdflib's errors are translated here into
:mod:`antq_kg.errors` (``InputError``, ``QueryError``, ``StoreError``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

import pyoxigraph as ox

from .errors import InputError, QueryError, StoreError
from .formats import RDF_FORMATS, RESULT_FORMATS, Format, guess_from_path
from .prefixes import PREFIXES
from .querytext import has_dataset_clause, service_endpoints

if TYPE_CHECKING:
    import rdflib

#: Where the CLI keeps its store unless ``--store`` says otherwise.
DEFAULT_STORE_PATH = Path(".antq/store")

ResultKind = Literal["solutions", "boolean", "graph"]
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def term_text(term: Term | None) -> str:
    """A term as a person reads it in a table: IRIs bare, literals by their lexical form.

    >>> term_text(ox.Literal("Hưng Yên", language="vi"))
    'Hưng Yên'
    >>> term_text(ox.NamedNode("https://w3id.org/antq/id/x"))
    'https://w3id.org/antq/id/x'
    >>> term_text(None)
    ''
    """
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A SPARQL query's result, serialized once: SPARQL JSON for SELECT/ASK, N-Triples for graphs."""

    kind: ResultKind
    payload: bytes

    def _parsed(self) -> ox.QuerySolutions | ox.QueryBoolean:
        return ox.parse_query_results(self.payload, ox.QueryResultsFormat.JSON)

    @property
    def variables(self) -> list[str]:
        """The SELECT variables, in the query's order (empty for ASK and graph results)."""
        if self.kind != "solutions":
            return []
        return [str(v) for v in json.loads(self.payload)["head"]["vars"]]

    @property
    def boolean(self) -> bool:
        """An ASK query's answer (``StoreError`` for other kinds)."""
        if self.kind != "boolean":
            raise QueryError(f"a {self.kind} result has no boolean value")
        return bool(json.loads(self.payload)["boolean"])

    def rows(self) -> list[tuple[Term | None, ...]]:
        """SELECT solutions as tuples of terms in :attr:`variables` order (``None`` = unbound)."""
        if self.kind != "solutions":
            return []
        parsed = self._parsed()
        assert isinstance(parsed, ox.QuerySolutions)
        names = self.variables
        return [tuple(sol[name] for name in names) for sol in parsed]

    def quads(self) -> list[ox.Quad]:
        """A CONSTRUCT/DESCRIBE result as quads in the default graph."""
        if self.kind != "graph":
            return []
        return list(ox.parse(self.payload, ox.RdfFormat.N_TRIPLES))

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Header and rows of display strings, whatever the kind (ASK → one ``true``/``false`` cell)."""
        if self.kind == "boolean":
            return ["boolean"], [["true" if self.boolean else "false"]]
        if self.kind == "graph":
            return ["subject", "predicate", "object"], [
                [term_text(q.subject), term_text(q.predicate), term_text(q.object)] for q in self.quads()
            ]
        return self.variables, [[term_text(t) for t in row] for row in self.rows()]

    def serialize(self, fmt: Format) -> bytes:
        """The result in ``fmt``: a result format for SELECT/ASK, an RDF format for graph results."""
        if self.kind == "graph":
            if fmt.kind != "rdf":
                raise QueryError(f"a CONSTRUCT/DESCRIBE result cannot be written as {fmt.name}")
            if fmt.oxigraph == ox.RdfFormat.N_TRIPLES:
                return self.payload
            assert isinstance(fmt.oxigraph, ox.RdfFormat)
            return serialize_quads(self.quads(), fmt)
        if fmt.kind != "results":
            raise QueryError(f"a {'SELECT' if self.kind == 'solutions' else 'ASK'} result cannot be written as {fmt.name}")
        if fmt.oxigraph == ox.QueryResultsFormat.JSON:
            return self.payload
        assert isinstance(fmt.oxigraph, ox.QueryResultsFormat)
        return self._parsed().serialize(format=fmt.oxigraph) or b""


def serialize_quads(quads: Iterable[ox.Quad], fmt: Format) -> bytes:
    """Quads in an RDF format; triple-only formats get the deduplicated triples of all graphs."""
    assert isinstance(fmt.oxigraph, ox.RdfFormat)
    if not fmt.datasets:
        triples: dict[ox.Triple, None] = dict.fromkeys(q.triple for q in quads)
        out = ox.serialize(list(triples), format=fmt.oxigraph, prefixes=PREFIXES)
    else:
        out = ox.serialize(quads, format=fmt.oxigraph, prefixes=PREFIXES)
    assert out is not None
    return out


@runtime_checkable
class Store(Protocol):
    """What the CLI and the endpoint need from a graph store (embedded now, remote later)."""

    def load_dataset(self, dataset: rdflib.Dataset, *, replace: bool = False, keep: Collection[str] = ()) -> int:
        """Add an rdflib dataset (``replace``: its named graphs, except ``keep``, replace the stored ones)."""
        ...

    def load_file(self, path: str | Path, format: Format | None = None, *, replace: bool = False) -> int:
        """Add an RDF file (format from the extension unless given); returns the quads read."""
        ...

    def load_bytes(self, data: bytes, format: Format, *, source: str = "<data>", replace: bool = False) -> int:
        """Add serialized RDF; ``source`` names it in error messages."""
        ...

    def add_quads(self, quads: Sequence[ox.Quad], *, bulk: bool = False) -> int:
        """Add already-built quads (``bulk``: faster, for reference data, not in one transaction)."""
        ...

    def replace_graphs(self, quads: Iterable[ox.Quad], *, keep: Collection[str] = ()) -> int:
        """Atomically drop every named graph the quads mention (except ``keep``), then add the quads."""
        ...

    def query(
        self,
        sparql: str,
        *,
        services: Collection[str] = (),
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query (``QueryError`` if malformed or if it calls a SERVICE not in ``services``).

        ``default_graphs`` / ``named_graphs`` pick the dataset (SPARQL 1.1 Protocol §2.1.4)."""
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update in one transaction (``QueryError`` if malformed)."""
        ...

    def dump(self, format: Format) -> bytes:
        """The whole store serialized (all graphs merged for triple-only formats)."""
        ...

    def graphs(self) -> list[str]:
        """The named graphs, sorted."""
        ...

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one named graph (``None``: the default graph)."""
        ...

    def drop_graphs(self, names: Iterable[str], *, default: bool = True) -> None:
        """Drop named graphs (and the default graph's content) in one transaction."""
        ...

    def clear(self) -> None:
        """Remove everything."""
        ...

    def close(self) -> None:
        """Release the store (flush, unlock)."""
        ...

    def __len__(self) -> int: ...


# -- parsing (all of it before any write) -----------------------------------------------------------

_POS = re.compile(r"^Parser error (?:at|between) line (\d+) column (\d+)(?: and line \d+ column \d+)?: ")


def _syntax_message(exc: BaseException, fmt: Format) -> str:
    """One line: ``<format> syntax error at line L, column C: <problem>``."""
    msg = " ".join(str(exc.args[0] if exc.args else exc).split())
    m = _POS.match(msg)
    label = {"turtle": "Turtle", "trig": "TriG", "ntriples": "N-Triples", "nquads": "N-Quads",
             "jsonld": "JSON-LD", "rdfxml": "RDF/XML"}.get(fmt.name, fmt.name)
    if m:
        return f"{label} syntax error at line {m.group(1)}, column {m.group(2)}: {msg[m.end():]}"
    return f"{label} syntax error: {msg}"


def parse_rdf(data: bytes, fmt: Format, *, source: str = "<data>", base_iri: str | None = None) -> list[ox.Quad]:
    """Parse serialized RDF completely into quads (blank nodes renamed apart); ``InputError`` on error.

    >>> len(parse_rdf(b"<http://e/a> <http://e/p> 1 .", RDF_FORMATS["turtle"]))
    1
    >>> parse_rdf(b"<http://e/a> <http://e/p> .", RDF_FORMATS["turtle"], source="bad.ttl")
    Traceback (most recent call last):
    ...
    antq_kg.errors.InputError: bad.ttl: Turtle syntax error at line 1, column 27: . is not a valid RDF object
    """
    if fmt.kind != "rdf":
        raise InputError(f"{fmt.name} is not an RDF format", path=source)
    assert isinstance(fmt.oxigraph, ox.RdfFormat)
    if not data.strip():
        raise InputError("empty file", path=source)
    try:
        return list(ox.parse(data, fmt.oxigraph, base_iri=base_iri, rename_blank_nodes=True))
    except SyntaxError as exc:
        raise InputError(_syntax_message(exc, fmt), path=source) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read as {fmt.name}: {' '.join(str(exc).split())}", path=source) from exc


def dataset_quads(dataset: rdflib.Dataset) -> list[ox.Quad]:
    """The quads of an rdflib ``Dataset`` as pyoxigraph quads (:func:`antq_kg.convert.dataset_to_quads`)."""
    from .convert import dataset_to_quads

    return dataset_to_quads(dataset)


def read_rdf_file(path: str | Path, format: Format | None = None) -> list[ox.Quad]:
    """Read and parse an RDF file; ``InputError`` naming the file for missing, unreadable or bad files."""
    p = Path(path)
    fmt = format or guess_from_path(p)
    try:
        data = p.read_bytes()
    except IsADirectoryError as exc:
        raise InputError("is a directory, not an RDF file", path=p) from exc
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read file", path=p) from exc
    return parse_rdf(data, fmt, source=str(p), base_iri=p.resolve().as_uri())


_QUERY_POS = re.compile(r"^error at (\d+):(\d+): ")


def syntax_message(exc: BaseException) -> str:
    """Oxigraph's SPARQL ``SyntaxError`` as one line naming line and column.

    >>> syntax_message(SyntaxError("error at 2:9: expected one of LATERAL, SERVICE"))
    'SPARQL syntax error at line 2, column 9: expected one of LATERAL, SERVICE'
    """
    msg = " ".join(str(exc).split())
    m = _QUERY_POS.match(msg)
    if m:
        return f"SPARQL syntax error at line {m.group(1)}, column {m.group(2)}: {msg[m.end():]}"
    return f"SPARQL syntax error: {msg.removeprefix('error ')}"


def check_services(sparql: str, services: Collection[str]) -> None:
    """``QueryError`` unless every ``SERVICE`` the query calls is in ``services`` (the allow-list)."""
    refused = [iri for iri in service_endpoints(sparql) if iri not in services]
    if refused:
        raise QueryError(f"SERVICE <{refused[0]}> is not allowed here (federated queries are off)")


def _graph_term(name: str) -> ox.NamedNode | ox.BlankNode:
    try:
        return ox.BlankNode(name[2:]) if name.startswith("_:") else ox.NamedNode(name)
    except ValueError:
        raise QueryError(f"not a graph IRI: {name!r}") from None


def dataset_options(
    sparql: str, default_graphs: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None
) -> dict[str, Any]:
    """The keyword arguments of ``pyoxigraph.Store.query`` that pick a query's RDF dataset.

    SPARQL 1.1 Protocol §2.1.4: the ``default-graph-uri`` / ``named-graph-uri`` parameters, when
    either is given, make the dataset (the other part empty) and override the query's own
    ``FROM`` / ``FROM NAMED``; with neither, a query that has a dataset clause gets it
    (Query §13.2); otherwise the default graph is the union of all graphs. Graphs are looked up in
    the store, never fetched.

    >>> dataset_options("SELECT * { ?s ?p ?o }")
    {'use_default_graph_as_union': True}
    >>> dataset_options("SELECT * FROM <http://e/g> { ?s ?p ?o }")
    {}
    >>> dataset_options("SELECT * FROM <http://e/g> { ?s ?p ?o }", ["http://e/h"], [])
    {'default_graph': [<NamedNode value=http://e/h>], 'named_graphs': []}
    """
    if default_graphs or named_graphs:
        return {
            "default_graph": [_graph_term(g) for g in default_graphs or ()],
            "named_graphs": [_graph_term(g) for g in named_graphs or ()],
        }
    return {} if has_dataset_clause(sparql) else {"use_default_graph_as_union": True}


def _sparql_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    return str(term)


def _insert_data(quads: Sequence[ox.Quad]) -> str:
    """``INSERT DATA { … }`` for quads (N-Triples term syntax is SPARQL term syntax)."""
    default: list[str] = []
    named: dict[str, list[str]] = {}
    for q in quads:
        line = f"{_sparql_term(q.subject)} {_sparql_term(q.predicate)} {_sparql_term(q.object)} ."
        if isinstance(q.graph_name, ox.DefaultGraph):
            default.append(line)
        else:
            named.setdefault(str(q.graph_name), []).append(line)
    parts = ["INSERT DATA {", *default]
    for g, lines in named.items():
        parts += [f"GRAPH {g} {{", *lines, "}"]
    parts.append("}")
    return "\n".join(parts)


# -- the embedded store -------------------------------------------------------------------------------


class EmbeddedStore:
    """A :class:`Store` on an on-disk (or, with ``path=None``, in-memory) ``pyoxigraph.Store``."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE_PATH, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError("no store here (run `antq-kg build` or `antq-kg load` first)", path=self.path)
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(_os_message(exc), path=self.path) from exc

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path) if self.path else None!r}, read_only={self.read_only})"

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("store is open read-only", path=self.path)

    def __len__(self) -> int:
        return len(self._store)

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def graphs(self) -> list[str]:
        """The IRIs (or ``_:`` labels) of the named graphs, sorted."""
        return sorted(g.value if isinstance(g, ox.NamedNode) else f"_:{g.value}" for g in self._store.named_graphs())

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one named graph (``None``: the default graph)."""
        name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph
        if graph is None:
            name = ox.DefaultGraph()
        elif graph.startswith("_:"):
            name = ox.BlankNode(graph[2:])
        else:
            name = ox.NamedNode(graph)
        try:
            yield from self._store.quads_for_pattern(None, None, None, name)
        except OSError as exc:
            raise StoreError(_os_message(exc), path=self.path) from exc

    def add_quads(self, quads: Sequence[ox.Quad], *, bulk: bool = False) -> int:
        """Add already-parsed quads in one transaction.

        With ``bulk`` they go through Oxigraph's bulk loader instead (``Store.bulk_extend``):
        several times faster for large reference data on disk (the ~200k quads of the gazetteer
        graph), but not atomic, so a crash mid-load can leave part of them in the store.
        """
        self._writable()
        try:
            if bulk:
                self._store.bulk_extend(quads)
            else:
                self._store.extend(quads)
        except OSError as exc:
            raise StoreError(_os_message(exc), path=self.path) from exc
        return len(quads)

    def replace_graphs(self, quads: Iterable[ox.Quad], *, keep: Collection[str] = ()) -> int:
        """Drop every named graph the quads mention and add the quads, in one transaction.

        Graphs named in ``keep`` (e.g. a build run's graph, shared by all its articles) are added to,
        not dropped. When none of the graphs to drop is in the store (a fresh build), the quads are
        added with ``Store.extend``; otherwise one SPARQL Update (DROP + INSERT DATA) does both,
        which costs more (the update text is written and parsed).
        """
        self._writable()
        batch = list(quads)
        kept = {f"<{k}>" for k in keep}
        graphs = {q.graph_name for q in batch if not isinstance(q.graph_name, ox.DefaultGraph)}
        try:
            present = sorted(str(g) for g in graphs if str(g) not in kept and self._store.contains_named_graph(g))
            if not present:  # nothing to drop (a fresh build): one plain transaction, no SPARQL to parse
                self._store.extend(batch)
                return len(batch)
            ops = [f"DROP SILENT GRAPH {g}" for g in present]
            if batch:
                ops.append(_insert_data(batch))
            self._store.update(" ;\n".join(ops))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot replace graphs: {' '.join(str(exc).split())}", path=self.path) from exc
        return len(batch)

    def _write(self, quads: list[ox.Quad], *, replace: bool, keep: Collection[str] = ()) -> int:
        return self.replace_graphs(quads, keep=keep) if replace else self.add_quads(quads)

    def load_dataset(self, dataset: rdflib.Dataset, *, replace: bool = False, keep: Collection[str] = ()) -> int:
        """Add an rdflib dataset; with ``replace`` its named graphs (except ``keep``) replace the stored ones."""
        return self._write(dataset_quads(dataset), replace=replace, keep=keep)

    def load_bytes(self, data: bytes, format: Format, *, source: str = "<data>", replace: bool = False) -> int:
        """Parse ``data`` fully, then write it in one transaction."""
        return self._write(parse_rdf(data, format, source=source), replace=replace)

    def load_file(self, path: str | Path, format: Format | None = None, *, replace: bool = False) -> int:
        """Parse an RDF file fully (``InputError`` names file and line), then write it in one transaction."""
        return self._write(read_rdf_file(path, format), replace=replace)

    def remove_graph(self, name: str) -> None:
        """Drop one named graph (no error when absent)."""
        self._writable()
        try:
            self._store.remove_graph(ox.NamedNode(name))
        except (OSError, ValueError) as exc:
            raise StoreError(_os_message(exc), path=self.path) from exc

    def query(
        self,
        sparql: str,
        *,
        services: Collection[str] = (),
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query; ``QueryError`` for bad queries.

        The dataset (SPARQL 1.1 Query §13, Protocol §2.1.4): ``default_graphs`` / ``named_graphs``
        when given (the protocol's ``default-graph-uri`` / ``named-graph-uri``), else the query's
        ``FROM`` / ``FROM NAMED``, else the union of all graphs as the default graph
        (:func:`dataset_options`). Graphs are the store's own: nothing is fetched.

        A federated ``SERVICE`` call runs only when its endpoint is listed in ``services``: the
        engine would otherwise fetch from any URL a query names (the internet, or hosts behind
        the server's firewall).
        """
        check_services(sparql, services)
        try:
            result = self._store.query(sparql, **dataset_options(sparql, default_graphs, named_graphs))
            if isinstance(result, ox.QueryTriples):
                return QueryResult("graph", result.serialize(format=ox.RdfFormat.N_TRIPLES) or b"")
            kind: ResultKind = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
            return QueryResult(kind, result.serialize(format=ox.QueryResultsFormat.JSON) or b"")
        except SyntaxError as exc:
            raise QueryError(syntax_message(exc)) from exc
        except (ValueError, TypeError, RuntimeError) as exc:
            raise QueryError(" ".join(str(exc).split()) or "query failed") from exc
        except OSError as exc:
            raise StoreError(_os_message(exc), path=self.path) from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update in one transaction (only when the endpoint allows updates)."""
        self._writable()
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(syntax_message(exc)) from exc
        except (ValueError, TypeError, RuntimeError) as exc:
            raise QueryError(" ".join(str(exc).split())) from exc
        except OSError as exc:
            raise StoreError(_os_message(exc), path=self.path) from exc

    def dump(self, format: Format) -> bytes:
        """Everything in ``format``; triple-only formats get the merged (deduplicated) triples."""
        if format.kind != "rdf":
            raise InputError(f"{format.name} is not an RDF format")
        try:
            return serialize_quads(iter(self._store), format)
        except (OSError, ValueError) as exc:
            raise StoreError(_os_message(exc), path=self.path) from exc

    def drop_graphs(self, names: Iterable[str], *, default: bool = True) -> None:
        """Drop the named graphs (and, with ``default``, empty the default graph) in one transaction."""
        self._writable()
        ops = ["DROP SILENT DEFAULT"] if default else []
        ops += [f"DROP SILENT GRAPH <{n}>" for n in names if not n.startswith("_:")]
        if not ops:
            return
        try:
            self._store.update(" ;\n".join(ops))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot drop graphs: {' '.join(str(exc).split())}", path=self.path) from exc

    def clear(self) -> None:
        """Remove every quad and graph."""
        self._writable()
        try:
            self._store.clear()
        except OSError as exc:
            raise StoreError(_os_message(exc), path=self.path) from exc

    def close(self) -> None:
        """Flush writes and release the on-disk lock."""
        if self.path is not None and not self.read_only:
            try:
                self._store.flush()
            except OSError as exc:
                raise StoreError(_os_message(exc), path=self.path) from exc
        del self._store

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _os_message(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())
    if "lock" in msg.lower():
        return "store is in use by another process (stop `antq-kg serve` or the other command first)"
    return msg or type(exc).__name__


def open_store(path: str | Path | None = DEFAULT_STORE_PATH, *, read_only: bool = False) -> EmbeddedStore:
    """Open (creating if needed) the store at ``path``; ``None`` gives an in-memory store.

    >>> store = open_store(None)
    >>> store.load_bytes('<http://e/a> <http://e/p> "Hòa"@vi <http://e/g> .'.encode(), RDF_FORMATS["nquads"])
    1
    >>> store.graphs(), len(store)
    (['http://e/g'], 1)
    >>> store.query("SELECT ?o { ?s ?p ?o }").table()
    (['o'], [['Hòa']])
    """
    return EmbeddedStore(path, read_only=read_only)


__all__ = [
    "DEFAULT_STORE_PATH",
    "RDF_FORMATS",
    "RESULT_FORMATS",
    "EmbeddedStore",
    "QueryResult",
    "Store",
    "check_services",
    "dataset_options",
    "open_store",
    "parse_rdf",
    "read_rdf_file",
    "service_endpoints",
    "syntax_message",
    "term_text",
]

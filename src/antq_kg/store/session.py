"""A write session of the embedded store (:class:`StoreWriter`) and the reads it shares with the store.

Inside a session no one else reads the generation being written (:meth:`.embedded.EmbeddedStore.writer`
checkpoints the current one and commits the copy), so writes use Oxigraph's fastest paths: ``bulk_load``
for files after a full syntax pass (:func:`.rdf.check_rdf_file`), which names the file, line and column
of a bad input before anything is written; ``bulk_load`` of the N-Quads a build writes
(:meth:`StoreWriter.load_nquads`, in large batches); ``extend`` for a few built quads; direct graph
removal. pyoxigraph's ``OSError``, ``SyntaxError`` and ``ValueError`` become :mod:`antq_kg.errors`.
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError, QueryError, StoreError
from ..formats import Format
from ..querytext import check_services, dataset_options, service_failure, sparql_syntax_message
from .layout import JournalEntry
from .rdf import CheckedRdf, LoadsQuads, check_rdf_file, rdf_file
from .results import QueryResult, ResultKind, serialize_quads

__all__ = ["Reads", "StoreWriter", "os_message"]


def os_message(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())
    if "lock" in msg.lower():
        return "store is in use by another process (stop `antq-kg serve` or the other command first)"
    return msg or type(exc).__name__


class Reads:
    """The read methods, over whichever ``pyoxigraph.Store`` :meth:`_ox` gives."""

    path: Path | None

    def _ox(self) -> ox.Store:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._ox())

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(self._ox())

    def graphs(self) -> list[str]:
        """The IRIs (or ``_:`` labels) of the named graphs, sorted."""
        return sorted(
            g.value if isinstance(g, ox.NamedNode) else f"_:{g.value}" for g in self._ox().named_graphs()
        )

    def has_graph(self, name: str) -> bool:
        """True when the named graph ``name`` is in the store."""
        return self._ox().contains_named_graph(ox.NamedNode(name))

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
            yield from self._ox().quads_for_pattern(None, None, None, name)
        except OSError as exc:
            raise StoreError(os_message(exc), path=self.path) from exc

    def query(
        self,
        sparql: str,
        *,
        services: Collection[str] = (),
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query; ``QueryError`` for bad queries (syntax errors name line and column).

        The dataset (SPARQL 1.1 Query §13, Protocol §2.1.4): ``default_graphs`` / ``named_graphs``
        when given, else the query's ``FROM`` / ``FROM NAMED``, else the union of all graphs as the
        default graph (:func:`antq_kg.querytext.dataset_options`); graphs are the store's own, never
        fetched. A federated ``SERVICE`` call runs only when its endpoint is listed in ``services``; its
        failure is a ``RemoteError`` naming the endpoint (:func:`antq_kg.querytext.service_failure`).

        Oxigraph's result is released here, in the thread that made it, also when it fails half-read (a
        ``SERVICE`` call failing while it is written): pyoxigraph's ``QuerySolutions`` may only be
        dropped by the thread that made it (pyo3 leaks it, with an unraisable ``RuntimeError``,
        anywhere else), and the error's traceback holds this frame, which another thread may free.
        """
        check_services(sparql, services)
        result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | None = None
        try:
            result = self._ox().query(sparql, **dataset_options(sparql, default_graphs, named_graphs))
            if isinstance(result, ox.QueryTriples):
                return QueryResult("graph", result.serialize(format=ox.RdfFormat.N_TRIPLES) or b"")
            kind: ResultKind = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
            return QueryResult(kind, result.serialize(format=ox.QueryResultsFormat.JSON) or b"")
        except SyntaxError as exc:
            raise QueryError(sparql_syntax_message(exc)) from exc
        except (ValueError, TypeError, RuntimeError) as exc:
            raise QueryError(" ".join(str(exc).split()) or "query failed") from exc
        except OSError as exc:
            raise (service_failure(sparql, exc) or StoreError(os_message(exc), path=self.path)) from exc
        finally:
            result = None

    def dump(self, format: Format) -> bytes:
        """Everything in ``format``; triple-only formats get the merged (deduplicated) triples."""
        if format.kind != "rdf":
            raise InputError(f"{format.name} is not an RDF format")
        try:
            return serialize_quads(iter(self._ox()), format)
        except (OSError, ValueError) as exc:
            raise StoreError(os_message(exc), path=self.path) from exc


class StoreWriter(Reads, LoadsQuads):
    """The write methods of one session (see :meth:`EmbeddedStore.writer`); reads see its own writes."""

    def __init__(
        self, store: ox.Store, *, path: Path | None, unfinished: Sequence[JournalEntry] = ()
    ) -> None:
        self._store: ox.Store | None = store
        self.path = path
        self._unfinished = tuple(unfinished)
        self.forgot_unfinished = False

    def _ox(self) -> ox.Store:
        if self._store is None:
            raise StoreError("this write session has ended", path=self.path)
        return self._store

    @property
    def unfinished(self) -> Sequence[JournalEntry]:
        """Earlier build runs that never committed (see :class:`.protocol.WriteSession`)."""
        return () if self.forgot_unfinished else self._unfinished

    def forget_unfinished(self) -> None:
        """The unfinished runs are recorded: drop them from the journal at commit."""
        self.forgot_unfinished = True

    @property
    def loads_beside(self) -> bool:
        """Whether a load may run in another thread while this one reads and writes: on disk only.

        pyoxigraph 0.5.13's in-memory store can deadlock when two threads use it at once and one of
        them writes: a writer that waits for a shard's write lock while holding the GIL, and a reader
        that holds the shard's read lock while waiting for the GIL (seen with ``bulk_extend`` against
        a query; py-spy ``--native``). RocksDB's writes take no such lock."""
        return self.path is not None

    def close(self) -> None:
        """Flush and let go of the generation (the session commits or discards it afterwards)."""
        store, self._store = self._store, None
        if store is not None and self.path is not None:
            try:
                store.flush()
            except OSError as exc:
                raise StoreError(os_message(exc), path=self.path) from exc
        del store  # the last reference: RocksDB closes before the generation is renamed

    def abandon(self) -> None:
        """Let go of the generation without flushing (it is about to be removed)."""
        self._store = None
        gc.collect()

    # -- writes -------------------------------------------------------------------------------------

    def add_quads(self, quads: Sequence[ox.Quad] | Iterable[ox.Quad], *, bulk: bool = False) -> int:
        """Add already-built quads (with ``bulk``, through Oxigraph's bulk loader)."""
        batch = quads if isinstance(quads, Sequence) else list(quads)
        try:
            if bulk:
                self._ox().bulk_extend(batch)
            else:
                self._ox().extend(batch)
        except OSError as exc:
            raise StoreError(os_message(exc), path=self.path) from exc
        return len(batch)

    def load_nquads(self, data: bytes) -> None:
        """Bulk-load N-Quads that pyoxigraph's own term syntax wrote (a build's graphs,
        :meth:`antq_kg.graph.writer.Writer.nquads`), as they are: no syntax pass first and no IRI
        checks (``lenient``), since every term was checked when pyoxigraph made it. The bulk loader
        is not transactional, which no reader notices: nobody reads the session's generation before
        it commits, and a session that fails is thrown away whole."""
        try:
            self._ox().bulk_load(data, ox.RdfFormat.N_QUADS, lenient=True)
        except SyntaxError as exc:
            raise StoreError(
                f"cannot load built quads: {' '.join(str(exc).split())}", path=self.path
            ) from exc
        except OSError as exc:
            raise StoreError(os_message(exc), path=self.path) from exc

    def replace_graphs(self, quads: Iterable[ox.Quad], *, keep: Collection[str] = ()) -> int:
        """Drop every named graph the quads mention, except ``keep`` (added to), then add the quads."""
        batch = list(quads)
        kept = set(keep)
        store = self._ox()
        graphs = {q.graph_name for q in batch if not isinstance(q.graph_name, ox.DefaultGraph)}
        try:
            for g in graphs:
                if g.value not in kept and store.contains_named_graph(g):
                    store.remove_graph(g)
            store.extend(batch)
        except OSError as exc:
            raise StoreError(f"cannot replace graphs: {os_message(exc)}", path=self.path) from exc
        return len(batch)

    def write_quads(self, quads: Iterable[ox.Quad], *, replace: bool, keep: Collection[str] = ()) -> int:
        """Add ``quads``, or with ``replace`` let them replace the named graphs they are in (see
        :meth:`replace_graphs`)."""
        return self.replace_graphs(quads, keep=keep) if replace else self.add_quads(quads)

    def load_file(self, path: str | Path, format: Format | None = None, *, replace: bool = False) -> int:
        """Check an RDF file to its end (``InputError`` names file, line and column), then bulk-load
        it; with ``replace`` the named graphs it holds replace the stored ones. Returns its quads."""
        return self.bulk_load(check_rdf_file(rdf_file(path, format), graphs=replace), replace=replace)

    def bulk_load(self, checked: CheckedRdf, *, replace: bool = False) -> int:
        """Oxigraph's bulk loader over a file :func:`.rdf.check_rdf_file` found good; with
        ``replace`` (and the check's ``graphs``) its named graphs replace the stored ones."""
        f, store = checked.file, self._ox()
        if replace:
            if checked.graphs is None:
                raise ValueError("a file loaded with replace is checked with graphs=True")
            self.drop_graphs(checked.graphs, default=False)
        try:
            if f.gzipped:
                with f.reader() as fh:
                    store.bulk_load(fh, f.rdf_format, base_iri=f.base_iri)
            else:
                store.bulk_load(path=f.path, format=f.rdf_format, base_iri=f.base_iri)
        except SyntaxError as exc:  # the file changed since it was checked
            raise InputError(
                f"changed while it was loaded: {' '.join(str(exc).split())}", path=f.path
            ) from exc
        except OSError as exc:
            raise StoreError(os_message(exc), path=self.path) from exc
        return checked.quads

    def remove_graph(self, name: str) -> None:
        """Drop one named graph (no error when absent)."""
        try:
            self._ox().remove_graph(ox.NamedNode(name))
        except (OSError, ValueError) as exc:
            raise StoreError(os_message(exc), path=self.path) from exc

    def drop_graphs(self, names: Iterable[str], *, default: bool = True) -> None:
        """Drop the named graphs (and, with ``default``, empty the default graph)."""
        store = self._ox()
        try:
            if default:
                store.clear_graph(ox.DefaultGraph())
            for n in names:
                if not n.startswith("_:"):
                    g = ox.NamedNode(n)
                    if store.contains_named_graph(g):
                        store.remove_graph(g)
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot drop graphs: {os_message(exc)}", path=self.path) from exc

    def remove_about(self, subjects: Iterable[str], *, graph_prefix: str) -> int:
        """Remove every quad about one of ``subjects`` in the named graphs whose IRI starts with
        ``graph_prefix`` (e.g. an article graph's links in the build-run graphs)."""
        store = self._ox()
        removed = 0
        for s in subjects:
            found = [
                q
                for q in store.quads_for_pattern(ox.NamedNode(s), None, None, None)
                if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(graph_prefix)
            ]
            for q in found:
                store.remove(q)
            removed += len(found)
        return removed

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update."""
        try:
            self._ox().update(sparql)
        except SyntaxError as exc:
            raise QueryError(sparql_syntax_message(exc)) from exc
        except (ValueError, TypeError, RuntimeError) as exc:
            raise QueryError(" ".join(str(exc).split())) from exc
        except OSError as exc:
            raise StoreError(os_message(exc), path=self.path) from exc

    def clear(self) -> None:
        """Remove every quad and graph."""
        try:
            self._ox().clear()
        except OSError as exc:
            raise StoreError(os_message(exc), path=self.path) from exc

"""What the CLI, the pipeline and the endpoint need from a graph store (embedded now, remote later).

Every method takes and returns plain values, bytes in a registry format (:mod:`antq_kg.formats`) or
pyoxigraph terms, never a backend's handles, so a store over the SPARQL 1.1 Protocol
(https://www.w3.org/TR/sparql11-protocol/) can implement the same protocol.

:class:`Store` reads and writes (each write on its own, atomically); :class:`WritableStore` also opens
a write session (:class:`WriteSession`) in which many writes become visible together or not at all.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import pyoxigraph as ox

from ..formats import Format
from .layout import JournalEntry
from .results import QueryResult

if TYPE_CHECKING:
    import rdflib


@runtime_checkable
class Store(Protocol):
    """Reads and one-shot writes of a graph store."""

    def load_dataset(
        self, dataset: rdflib.Dataset, *, replace: bool = False, keep: Collection[str] = ()
    ) -> int:
        """Add an rdflib dataset (``replace``: its named graphs, except ``keep``, replace the stored ones)."""
        ...

    def load_file(self, path: str | Path, format: Format | None = None, *, replace: bool = False) -> int:
        """Add an RDF file (format from the extension unless given; gzip allowed); returns the quads read."""
        ...

    def load_bytes(
        self, data: bytes, format: Format, *, source: str = "<data>", replace: bool = False
    ) -> int:
        """Add serialized RDF; ``source`` names it in error messages."""
        ...

    def add_quads(self, quads: Sequence[ox.Quad], *, bulk: bool = False) -> int:
        """Add already-built quads (``bulk``: through the bulk loader, for large reference data)."""
        ...

    def replace_graphs(self, quads: Iterable[ox.Quad], *, keep: Collection[str] = ()) -> int:
        """Drop every named graph the quads mention (except ``keep``), then add the quads."""
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
        """Run a SPARQL 1.1 Update (``QueryError`` if malformed)."""
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
        """Drop named graphs (and the default graph's content)."""
        ...

    def clear(self) -> None:
        """Remove everything."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...

    def __len__(self) -> int: ...


class WriteSession(Store, Protocol):
    """The writes of one session, seen by readers together at its clean end, or never.

    ``unfinished`` lists earlier build runs that never committed (killed, or stopped on an error),
    from the store's journal; a build records them as runs of their own and then calls
    :meth:`forget_unfinished` so they are not reported again.
    """

    @property
    def unfinished(self) -> Sequence[JournalEntry]: ...

    def forget_unfinished(self) -> None:
        """The unfinished runs are recorded: drop them from the journal when this session commits."""
        ...

    @property
    def loads_beside(self) -> bool:
        """Whether :meth:`load_nquads` may run in another thread while this one reads and writes."""
        ...

    def has_graph(self, name: str) -> bool:
        """True when the named graph ``name`` is in the store."""
        ...

    def load_nquads(self, data: bytes) -> None:
        """Add N-Quads that pyoxigraph wrote (a build's article graphs), through the bulk loader."""
        ...

    def remove_about(self, subjects: Iterable[str], *, graph_prefix: str) -> int:
        """Remove every quad whose subject is one of ``subjects`` from the named graphs whose IRI
        starts with ``graph_prefix``; returns how many were removed."""
        ...


@runtime_checkable
class WritableStore(Store, Protocol):
    """A store that opens write sessions."""

    def writer(
        self, *, wait: bool | None = None, op: str = "write", run: str | None = None
    ) -> AbstractContextManager[WriteSession]:
        """A write session: another writer's session first ends (``wait``) or ``StoreError``."""
        ...


__all__ = ["Store", "WritableStore", "WriteSession"]

"""Store stage: where the built graph lives and is queried — Oxigraph on disk, behind a protocol.

* :mod:`.protocol` — :class:`Store` (what the CLI, the pipeline and the endpoint use),
  :class:`WritableStore` and :class:`WriteSession` (many writes seen together or not at all);
* :mod:`.embedded` — :class:`EmbeddedStore` on pyoxigraph (https://pyoxigraph.readthedocs.io/):
  immutable on-disk generations, one writer, readers on snapshots (:mod:`.layout` has the layout);
* :mod:`.session` — :class:`StoreWriter`, the writes of one session (bulk loads, no transaction);
* :mod:`.heap` — the malloc arenas of a process that bulk-loads;
* :mod:`.rdf` — parsing and streaming syntax checks of RDF input (gzip included);
* :mod:`.results` — :class:`QueryResult` and serialization.

pyoxigraph's ``SyntaxError``/``OSError``/``ValueError`` and rdflib's errors are translated here into
:mod:`antq_kg.errors` (``InputError``, ``QueryError``, ``StoreError``).
"""

from __future__ import annotations

from ..formats import RDF_FORMATS, RESULT_FORMATS
from ..prefixes import PREFIXES
from .embedded import DEFAULT_STORE_PATH, EmbeddedStore, open_store
from .layout import JournalEntry, Snapshot
from .protocol import Store, WritableStore, WriteSession
from .rdf import (
    CheckedRdf,
    RdfFile,
    check_rdf_file,
    dataset_quads,
    parse_rdf,
    rdf_file,
    read_rdf_file,
    service_endpoints,
)
from .results import QueryResult, ResultKind, Term, serialize_quads, term_text
from .session import StoreWriter

__all__ = [
    "DEFAULT_STORE_PATH",
    "PREFIXES",
    "RDF_FORMATS",
    "RESULT_FORMATS",
    "CheckedRdf",
    "EmbeddedStore",
    "JournalEntry",
    "QueryResult",
    "RdfFile",
    "ResultKind",
    "Snapshot",
    "Store",
    "StoreWriter",
    "Term",
    "WritableStore",
    "WriteSession",
    "check_rdf_file",
    "dataset_quads",
    "open_store",
    "parse_rdf",
    "rdf_file",
    "read_rdf_file",
    "serialize_quads",
    "service_endpoints",
    "term_text",
]

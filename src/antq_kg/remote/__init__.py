"""Remote store: the :class:`~antq_kg.store.Store` protocol over HTTP, against any SPARQL 1.1 server.

Reads go through the SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/, POST form
``query=``), writes through SPARQL 1.1 Update (https://www.w3.org/TR/sparql11-update/, POST form
``update=``) or, when a Graph Store URL is given, the SPARQL 1.1 Graph Store HTTP Protocol
(https://www.w3.org/TR/sparql11-http-rdf-update/: ``PUT``/``POST``/``GET``/``DELETE`` with
``?graph=IRI`` or ``?default``). Results come back as :class:`~antq_kg.store.QueryResult`, the same
record the embedded store returns (SPARQL JSON for SELECT/ASK, N-Triples for graphs), so the CLI,
the pages and the endpoint cannot tell the stores apart.

Servers differ; what is smoothed over here (each checked against a real server in the tests):

- Virtuoso answers ``ASK`` with a one-column table (``__ASK_RETVAL``, one row for true, none for
  false) instead of a boolean: an ASK query's table is read as its boolean.
- Virtuoso labels blank nodes ``nodeID://b1234`` in JSON results, which is not a blank node label:
  labels are rewritten to valid ones (one label per node, so joins still hold).
- Virtuoso keeps graphs of its own (``virtrdf#``, ``ldp#``, its service description): they are
  left out of :meth:`RemoteStore.graphs`, :meth:`RemoteStore.__len__` and dumps
  (:data:`SYSTEM_GRAPH_PREFIXES`).
- Queries see the union of the named graphs as their default graph, as the embedded store does,
  only when the server is set up that way (Virtuoso, GraphDB and QLever are; Oxigraph server with
  ``--union-default-graph``; Fuseki with ``tdb2:unionDefaultGraph true``).

Errors are translated at this edge into :mod:`antq_kg.errors`, one line naming the URL: an
unreachable endpoint or a server failure is a :class:`~antq_kg.errors.RemoteError`, a query the
server rejects (HTTP 400) a :class:`~antq_kg.errors.QueryError`.

The package: :mod:`.store` (:class:`~.store.RemoteStore`), :mod:`.wire` (query form, answers, errors,
write batches) and :mod:`.auth` (credentials); their public names are importable from here.
"""

from __future__ import annotations

from .auth import BearerAuth, PasswordAuth, make_auth
from .store import DEFAULT_TIMEOUT, GRAPH_STORE_BATCH, SYSTEM_GRAPH_PREFIXES, UPDATE_BATCH, RemoteStore
from .wire import RemoteAnswer, batched, is_url, query_form

__all__ = [
    "DEFAULT_TIMEOUT",
    "GRAPH_STORE_BATCH",
    "SYSTEM_GRAPH_PREFIXES",
    "UPDATE_BATCH",
    "BearerAuth",
    "PasswordAuth",
    "RemoteAnswer",
    "RemoteStore",
    "batched",
    "is_url",
    "make_auth",
    "query_form",
]

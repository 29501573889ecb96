"""Query results and RDF serialization of the store: plain values and bytes, never backend objects.

:class:`QueryResult` is a serialized SPARQL result (SPARQL 1.1 Query Results JSON,
https://www.w3.org/TR/sparql11-results-json/, for SELECT/ASK; N-Triples for CONSTRUCT/DESCRIBE), so
a remote store can hand over what it got off the wire unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox

from ..errors import QueryError
from ..formats import Format
from ..prefixes import PREFIXES

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
            raise QueryError(
                f"a {'SELECT' if self.kind == 'solutions' else 'ASK'} result cannot be written as {fmt.name}"
            )
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

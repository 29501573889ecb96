"""The graphs a SPARQL 1.1 Update writes, found before it runs (SPARQL 1.1 Update,
https://www.w3.org/TR/sparql11-update/ §3).

What an update may write is fixed by its text, not by the data: the quads of ``INSERT DATA`` and
``DELETE DATA`` (§3.1.1, §3.1.2), the templates of ``DELETE``/``INSERT … WHERE`` and ``DELETE WHERE``
(§3.1.3; a triple outside ``GRAPH`` goes to the ``WITH`` graph, else to the default graph), the graph of
``CLEAR``, ``DROP``, ``CREATE`` and ``LOAD … INTO GRAPH`` (§3.1.4, §3.2), the target of ``ADD`` and
``COPY`` and both graphs of ``MOVE`` (§3.2.3–3.2.5). ``USING`` and the ``WHERE`` pattern only read.
Two things cannot be told from the text: a template ``GRAPH ?g`` (the graphs are those the pattern
binds) and ``CLEAR``/``DROP`` ``ALL`` or ``NAMED`` (every graph of the store).

The text is parsed by rdflib's SPARQL grammar (:func:`rdflib.plugins.sparql.parser.parseUpdate`) and its
parse tree read directly: rdflib's algebra translation sorts the triples of every block (quadratic: 1.2 s
for a 90 KB ``INSERT DATA``, against 0.4 s for the parse) and is not needed, since only the graph
terms are. Nothing is evaluated: the store (Oxigraph) still runs the update and reports its errors.
Anything rdflib cannot parse (a syntax error, or an extension Oxigraph accepts, e.g. ``LATERAL`` or
RDF 1.2 triple terms) is "cannot tell", as is a graph that is not an absolute IRI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib.term import Variable

__all__ = ["Written", "graphs_written"]


@dataclass(frozen=True, slots=True)
class Written:
    """The graphs an update writes: named graphs by IRI, and whether the default graph is one."""

    named: frozenset[str]
    default: bool = False


def graphs_written(text: str) -> Written | None:
    """The graphs the SPARQL Update ``text`` may write, or ``None`` when that cannot be told from
    the text (a template ``GRAPH ?var``, ``CLEAR``/``DROP ALL|NAMED``, or text rdflib cannot parse).

    >>> graphs_written("DROP GRAPH <http://e/a> ; INSERT DATA { <http://e/s> <http://e/p> 1 }")
    Written(named=frozenset({'http://e/a'}), default=True)
    >>> graphs_written("DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }") is None
    True
    """
    from rdflib.plugins.sparql.parser import parseUpdate
    from rdflib.plugins.sparql.sparql import Prologue

    try:
        tree = parseUpdate(text)
        prologue = Prologue()
        named: set[str] = set()
        default = False
        operations = list(tree.request or [])  # none: a prologue alone
        if len(operations) > len(tree.prologue):
            return None  # each operation comes after its prologue (one more after a final ';')
        for declarations, operation in zip(tree.prologue, operations, strict=False):
            for d in declarations:  # a request's prologue carries on into the next (§3)
                if d.name == "Base":
                    prologue.base = d.iri
                elif d.name == "PrefixDecl":
                    prologue.bind(d.prefix, prologue.absolutize(d.iri))
            for term in _targets(operation):
                if term is None:
                    return None
                if term == "DEFAULT":
                    default = True
                else:
                    named.add(ox.NamedNode(str(prologue.absolutize(term))).value)
    except Exception:  # rdflib raises a bare Exception (an unknown prefix) as well as ParseException
        return None
    return Written(frozenset(named), default)


def _targets(op: Any) -> list[Any]:
    """The graph terms one parsed operation writes: an IRI or prefixed name, ``"DEFAULT"``, or
    ``None`` for a graph the text does not fix."""
    name = op.name
    if name in ("InsertData", "DeleteData", "DeleteWhere"):
        return _template(op.quads, "DEFAULT")
    if name == "Modify":
        into = op.withClause or "DEFAULT"
        return [t for clause in (op.delete, op.insert) if clause for t in _template(clause.quads, into)]
    if name in ("Clear", "Drop", "Create", "Load"):
        graph = op.graphiri or "DEFAULT"  # LOAD without INTO GRAPH loads into the default graph
        return [None if graph in ("ALL", "NAMED") else graph]
    if name in ("Add", "Copy"):
        return [op.graph[1]]
    if name == "Move":
        return list(op.graph)
    return [None]


def _template(quads: Any, into: Any) -> list[Any]:
    """The graphs of a quad template: ``into`` for its triples outside ``GRAPH``, each ``GRAPH`` term
    (``None`` for a variable)."""
    if not quads:
        return []
    found = [into] if quads.triples else []
    for block in quads.quadsNotTriples or []:
        term = block.term
        found.append(None if isinstance(term, Variable) else term)
    return found

"""What the endpoint reads from a SPARQL query's text before the engine sees it.

SPARQL 1.1 Query (https://www.w3.org/TR/sparql11-query/): the query form (§10, SELECT / CONSTRUCT /
ASK / DESCRIBE), the dataset clause (§13.2, ``FROM`` / ``FROM NAMED``), the ``SERVICE`` calls of
SPARQL 1.1 Federated Query, and the top-level ``LIMIT`` (§15.5). Strings, IRIs and comments are
masked first (same length, so offsets stay), so a keyword inside a literal or an IRI never counts.
Nothing here parses SPARQL fully: Oxigraph does that and reports errors with line and column.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

import pyoxigraph as ox

from .errors import QueryError, RemoteError

_NOISE = re.compile(
    "|".join(
        (
            r'"""(?:[^"\\]|\\.|"(?!""))*"""',  # long strings
            r"'''(?:[^'\\]|\\.|'(?!''))*'''",
            r'"(?:[^"\\\n]|\\.)*"',  # short strings
            r"'(?:[^'\\\n]|\\.)*'",
            r"<[^<>\"{}|^`\\\s]*>",  # IRIs (a '#' inside one is no comment)
            r"#[^\n]*",  # comments
        )
    )
)
_SERVICE = re.compile(
    r"(?<![\w:$?])SERVICE(?![\w:])\s+(?:SILENT\s+)?(<[^>\s]*>|[?$]\w+|[\w.-]*:[\w.-]*)", re.IGNORECASE
)
_FROM = re.compile(r"(?<![\w:$?])FROM\s+(?:NAMED\s+)?(?:<|[\w.-]*:)", re.IGNORECASE)
_FORM = re.compile(r"(?<![\w:$?])(SELECT|CONSTRUCT|DESCRIBE|ASK)(?![\w:-])", re.IGNORECASE)
_WORD = re.compile(r"(?<![\w:$?])(LIMIT|VALUES)(?![\w:-])\s*(\d*)", re.IGNORECASE)


def mask(sparql: str, *, keep_iris: bool = False) -> str:
    """The query with strings and comments (and, unless ``keep_iris``, IRIs) blanked, same length.

    >>> mask('SELECT * { ?s ?p "LIMIT 3" } # LIMIT 4')
    'SELECT * { ?s ?p           }          '
    """

    def blank(m: re.Match[str]) -> str:
        text = m.group(0)
        if keep_iris and text.startswith("<"):
            return text
        return "".join("\n" if c == "\n" else " " for c in text)

    return _NOISE.sub(blank, sparql)


def service_endpoints(sparql: str) -> list[str]:
    """The endpoints a query's ``SERVICE`` clauses call (strings and comments ignored).

    >>> service_endpoints('SELECT * { SERVICE SILENT <https://query.wikidata.org/sparql> { ?s ?p ?o } }')
    ['https://query.wikidata.org/sparql']
    >>> service_endpoints('SELECT * { ?s <http://e/service> "SERVICE <x>" } # SERVICE <y>')
    []
    >>> service_endpoints('SELECT * { SERVICE ?where { ?s ?p ?o } }')
    ['?where']
    >>> service_endpoints('SELECT * { ?s <http://x#p> ?o . service <http://h/> { ?s ?p ?o } }')
    ['http://h/']
    """
    out = []
    for m in _SERVICE.finditer(mask(sparql, keep_iris=True)):
        target = m.group(1)
        out.append(target[1:-1] if target.startswith("<") else target)
    return out


def has_dataset_clause(sparql: str) -> bool:
    """Whether the query names its own dataset with ``FROM`` or ``FROM NAMED`` (§13.2).

    >>> has_dataset_clause("SELECT * FROM <http://e/g> { ?s ?p ?o }")
    True
    >>> has_dataset_clause("PREFIX e: <http://e/> SELECT * FROM NAMED e:g { GRAPH ?g { ?s ?p ?o } }")
    True
    >>> has_dataset_clause('SELECT * { ?s ?p "FROM <x>" ; <http://e/from> ?o }')
    False
    """
    return _FROM.search(mask(sparql, keep_iris=True)) is not None


def query_form(sparql: str) -> str | None:
    """``SELECT``, ``CONSTRUCT``, ``DESCRIBE`` or ``ASK``: the first form keyword (None if none).

    >>> query_form("PREFIX ask: <http://e/> # SELECT\\nconstruct { ?s ask:p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    m = _FORM.search(mask(sparql))
    return m.group(1).upper() if m else None


def cap_limit(sparql: str, max_rows: int) -> str:
    """A SELECT query whose solutions are at most ``max_rows``: its top-level ``LIMIT`` lowered, or one added.

    The top level is brace depth 0 (subqueries are inside braces); the ``LIMIT`` goes before a
    trailing ``VALUES`` block, the only clause allowed after the solution modifiers (§19.8
    ``SelectQuery ... SolutionModifier ValuesClause``). Other query forms are returned as they are.

    >>> cap_limit("SELECT * { ?s ?p ?o }", 10)
    'SELECT * { ?s ?p ?o }\\nLIMIT 10'
    >>> cap_limit("SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 50 } } LIMIT 500 OFFSET 2", 10)
    'SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 50 } } LIMIT 10 OFFSET 2'
    >>> cap_limit("SELECT * { ?s ?p ?o } LIMIT 3", 10)
    'SELECT * { ?s ?p ?o } LIMIT 3'
    >>> cap_limit("SELECT ?s { ?s ?p ?o } VALUES ?s { <http://e/a> }", 10)
    'SELECT ?s { ?s ?p ?o } \\nLIMIT 10\\nVALUES ?s { <http://e/a> }'
    >>> cap_limit("ASK { ?s ?p ?o }", 10)
    'ASK { ?s ?p ?o }'
    """
    if query_form(sparql) != "SELECT":
        return sparql
    masked = mask(sparql)
    depth, top_words = 0, []
    pos = 0
    for m in re.finditer(r"[{}]|" + _WORD.pattern, masked, re.IGNORECASE):
        if m.group(0) == "{":
            depth += 1
        elif m.group(0) == "}":
            depth -= 1
        elif depth == 0 and m.start() >= pos:
            top_words.append(m)
        pos = m.end()
    for m in top_words:
        if m.group(1).upper() == "LIMIT" and m.group(2):
            if int(m.group(2)) <= max_rows:
                return sparql
            return sparql[: m.start(2)] + str(max_rows) + sparql[m.end(2) :]
    values = next((m for m in top_words if m.group(1).upper() == "VALUES"), None)
    at = values.start() if values is not None else len(sparql)
    return f"{sparql[:at]}\nLIMIT {max_rows}" + (f"\n{sparql[at:]}" if values is not None else "")


_QUERY_POS = re.compile(r"^error at (\d+):(\d+): ")


def sparql_syntax_message(exc: BaseException) -> str:
    """Oxigraph's SPARQL ``SyntaxError`` as one line naming line and column.

    >>> sparql_syntax_message(SyntaxError("error at 2:9: expected one of LATERAL, SERVICE"))
    'SPARQL syntax error at line 2, column 9: expected one of LATERAL, SERVICE'
    """
    msg = " ".join(str(exc).split())
    m = _QUERY_POS.match(msg)
    if m:
        return f"SPARQL syntax error at line {m.group(1)}, column {m.group(2)}: {msg[m.end() :]}"
    return f"SPARQL syntax error: {msg.removeprefix('error ')}"


def check_services(sparql: str, services: Collection[str]) -> None:
    """``QueryError`` unless every ``SERVICE`` the query calls is in ``services`` (the allow-list):
    the engine would otherwise fetch from any URL a query names (the internet, or hosts behind the
    server's firewall)."""
    refused = [iri for iri in service_endpoints(sparql) if iri not in services]
    if refused:
        raise QueryError(f"SERVICE <{refused[0]}> is not allowed here (federated queries are off)")


def service_failure(sparql: str, exc: OSError) -> RemoteError | None:
    """What an ``OSError`` from evaluating ``sparql`` is when the query calls a ``SERVICE``: the
    call failing (refused, timed out, a bad answer), told with the endpoint it called, not the
    store's read (Oxigraph raises both as ``OSError``); ``None`` when the query calls none.

    >>> str(service_failure('SELECT * { SERVICE <http://h/sparql> { ?s ?p ?o } }', OSError("refused")))
    'http://h/sparql: the SERVICE call failed: refused'
    >>> service_failure('SELECT * { ?s ?p ?o }', OSError("disk")) is None
    True
    """
    called = service_endpoints(sparql)
    if not called:
        return None
    message = " ".join(str(exc).split()) or type(exc).__name__
    calls = "the SERVICE call" if len(called) == 1 else "a SERVICE call"
    return RemoteError(f"{calls} failed: {message}", endpoint=", ".join(dict.fromkeys(called)))


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


__all__ = [
    "cap_limit",
    "check_services",
    "dataset_options",
    "has_dataset_clause",
    "mask",
    "query_form",
    "service_endpoints",
    "service_failure",
    "sparql_syntax_message",
]

"""The graphs a SPARQL Update writes, read from its text before it runs: every form of SPARQL 1.1 Update,
with the graphs it writes (named ones, and whether the default graph is one), or ``None`` when the text
does not fix them."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from antq_kg.pipeline.updates import Written, graphs_written

G = "http://example.org/g/"
T = "<http://example.org/s> <http://example.org/p> <http://example.org/o>"
P = f"PREFIX g: <{G}>\n"
#: Oxigraph's extensions rdflib's grammar does not know
LATERAL = f"INSERT {{ GRAPH <{G}a> {{ ?s ?p ?v }} }} WHERE {{ ?s ?p ?o LATERAL {{ SELECT ?v {{ ?o ?q ?v }} LIMIT 1 }} }}"
TRIPLE_TERM = f"INSERT DATA {{ GRAPH <{G}a> {{ << {T} >> <http://example.org/p> 1 }} }}"


def named(*names: str, default: bool = False) -> Written:
    return Written(frozenset(G + n for n in names), default)


CASES = [
    # INSERT DATA / DELETE DATA: the quads' graphs, the default graph for triples outside GRAPH
    (f"INSERT DATA {{ GRAPH <{G}a> {{ {T} }} }}", named("a")),
    (f"INSERT DATA {{ {T} }}", named(default=True)),
    (f"INSERT DATA {{ {T} . GRAPH <{G}a> {{ {T} }} GRAPH <{G}b> {{ {T} }} }}", named("a", "b", default=True)),
    (
        f'DELETE DATA {{ GRAPH <{G}a> {{ <http://example.org/s> <http://example.org/p> "ô"@vi }} }}',
        named("a"),
    ),
    (P + f"INSERT DATA {{ GRAPH g:a {{ {T} }} }}", named("a")),
    (f"BASE <{G}> INSERT DATA {{ GRAPH <a> {{ {T} }} }}", named("a")),
    # DELETE/INSERT … WHERE: templates only (the WHERE and USING read)
    (f"DELETE {{ GRAPH <{G}a> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{G}b> {{ ?s ?p ?o }} }}", named("a")),
    (f"INSERT {{ GRAPH <{G}a> {{ ?s ?p ?o }} }} USING <{G}b> WHERE {{ ?s ?p ?o }}", named("a")),
    (f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G}b> {{ ?s ?p ?o }} }}", named(default=True)),
    (P + "WITH g:w DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", named("w")),
    (P + "WITH g:w INSERT { ?s ?p 1 . GRAPH g:a { ?s ?p 2 } } WHERE { ?s ?p ?o }", named("w", "a")),
    (f"DELETE WHERE {{ GRAPH <{G}a> {{ ?s ?p ?o }} }}", named("a")),
    ("DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }", None),
    (
        f"INSERT {{ GRAPH <{G}a> {{ ?s ?p ?o }} GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        None,
    ),
    ("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", None),
    # graph management
    (f"CLEAR GRAPH <{G}a>", named("a")),
    (f"DROP SILENT GRAPH <{G}a> ; CREATE GRAPH <{G}b>", named("a", "b")),
    ("CLEAR DEFAULT", named(default=True)),
    ("DROP ALL", None),
    ("CLEAR NAMED", None),
    (f"DROP GRAPH <{G}a> ; CLEAR ALL", None),
    (f"LOAD <http://example.org/f.ttl> INTO GRAPH <{G}a>", named("a")),
    ("LOAD SILENT <http://example.org/f.ttl>", named(default=True)),
    (f"ADD <{G}a> TO <{G}b>", named("b")),
    (f"COPY DEFAULT TO <{G}b>", named("b")),
    (f"COPY <{G}a> TO DEFAULT", named(default=True)),
    (f"MOVE <{G}a> TO <{G}b>", named("a", "b")),
    (P + "MOVE g:a TO DEFAULT", named("a", default=True)),
    # several operations; prefixes carry on into the next; a final ';'
    (f"DROP GRAPH <{G}a> ;", named("a")),
    (P + f"DROP GRAPH g:a ; INSERT DATA {{ GRAPH g:b {{ {T} }} }}", named("a", "b")),
    # what cannot be told: text rdflib does not parse (a syntax error; Oxigraph's LATERAL and triple terms),
    # an unknown prefix, a relative graph IRI
    ("INSERT DATA { <a> }", None),
    (LATERAL, None),
    (TRIPLE_TERM, None),
    (f"INSERT DATA {{ GRAPH x:a {{ {T} }} }}", None),
    (f"INSERT DATA {{ GRAPH <a> {{ {T} }} }}", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_the_graphs_an_update_writes_are_read_from_its_text(text: str, expected: Written | None) -> None:
    assert graphs_written(text) == expected


@pytest.mark.parametrize("text", [LATERAL, TRIPLE_TERM])
def test_what_rdflib_cannot_parse_oxigraph_may_still_run(text: str) -> None:
    """The extensions the table gives up on are updates Oxigraph runs: they must not be refused."""
    store = ox.Store()
    store.update(
        "INSERT DATA { <http://example.org/s> <http://example.org/p> <http://example.org/o> . "
        "<http://example.org/o> <http://example.org/q> 1 }"
    )
    store.update(text)
    assert store.contains_named_graph(ox.NamedNode(f"{G}a"))

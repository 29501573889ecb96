"""Export: the store or a query result written as files or text — diff-friendly RDF, plain tables.

Formats come from :mod:`antq_kg.formats`. N-Triples and N-Quads are written with their lines sorted
(so two builds of the same articles diff cleanly); Turtle and TriG use the prefixes of
:data:`antq_kg.prefixes.PREFIXES`. Query results are printed as an aligned text table for a terminal
or in a SPARQL 1.1 result format (JSON, XML, CSV, TSV) or, for CONSTRUCT/DESCRIBE, an RDF format.

What a store export holds: :func:`export_store` writes everything; :func:`export_articles` (the
default of ``antq-kg export``) writes the knowledge of the articles — every graph but the reference
graphs (ontology, gazetteer, links) — plus the part of the reference graphs it points to
(:func:`referenced_quads`): the administrative units with their parents and successors, the
concepts and schemes, the ontology terms. The seed article's store is ~200k quads, nearly all
gazetteer; its article export is a few thousand.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .errors import InputError
from .formats import Format, Kind, by_name, guess_from_path
from .model import Facts, place_to_json
from .prefixes import sparql_prologue
from .store import EmbeddedStore, QueryResult, Store, parse_rdf, serialize_quads
from .text import Span

if TYPE_CHECKING:
    import rdflib


def _sorted_lines(data: bytes, fmt: Format) -> bytes:
    """N-Triples / N-Quads with their lines sorted and deduplicated; other formats unchanged."""
    if fmt.name not in ("ntriples", "nquads"):
        return data
    lines = sorted({line for line in data.decode("utf-8").splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def serialize_store(store: Store, fmt: Format) -> bytes:
    """The whole store in ``fmt``; N-Triples / N-Quads lines sorted and deduplicated."""
    return _sorted_lines(store.dump(fmt), fmt)


def _write(data: bytes, path: str | Path) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise InputError(exc.strerror or "cannot write file", path=path) from exc


def export_store(store: Store, path: str | Path, *, format: str | None = None) -> Format:
    """Write the whole store to ``path`` (format by ``format`` name or the extension); returns the format."""
    fmt = by_name(format) if format else guess_from_path(path)
    _write(serialize_store(store, fmt), path)
    return fmt


#: The predicate that carries an article's full text (NIF 2.1 ``nif:isString``).
NIF_IS_STRING = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"


def without_full_text(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """The quads but the articles' full text (``nif:isString``): spans, quotes and offsets stay.

    What ``serve --no-text`` and ``export --no-text`` publish when the texts may not be redistributed.
    """
    return (q for q in quads if q.predicate.value != NIF_IS_STRING)


def export_void(
    store: Store,
    path: str | Path,
    *,
    base_iri: str,
    sparql_endpoint: str | None = None,
    format: str | None = None,
) -> Format:
    """Write the VoID description of ``store`` (:func:`antq_kg.void.void_turtle`) to ``path``."""
    from .void import void_turtle

    fmt = by_name(format) if format else guess_from_path(path)
    text = void_turtle(store, base_iri=base_iri, sparql_endpoint=sparql_endpoint)
    with dataset_from_bytes(text.encode("utf-8"), by_name("turtle"), source="<void>") as mem:
        return export_store(mem, path, format=fmt.name)


def export_articles(
    store: Store, path: str | Path, *, base_iri: str, format: str | None = None
) -> tuple[int, Format]:
    """Write the article view of the store (:func:`article_quads`) to ``path``; returns (quads, format)."""
    fmt = by_name(format) if format else guess_from_path(path)
    quads = article_quads(store, base_iri=base_iri)
    _write(_sorted_lines(serialize_quads(quads, fmt), fmt), path)
    return len(quads), fmt


#: Predicates :func:`referenced_quads` does not follow: they enumerate what lies below a node (every
#: concept of a scheme, every unit of a province), not what the node itself is.
NOT_FOLLOWED = (
    "skos:hasTopConcept",
    "skos:narrower",
    "skos:member",
    "skos:memberList",
    "schema:containsPlace",
    "dcterms:hasPart",
)
#: Start IRIs per closure query (keeps each query's VALUES block a few hundred kilobytes).
_CHUNK = 2000


def article_quads(store: Store, *, base_iri: str) -> list[ox.Quad]:
    """Every quad outside the reference graphs, then the reference quads they point to.

    >>> mem = EmbeddedStore(None)
    >>> mem.update('''INSERT DATA {
    ...   GRAPH <https://w3id.org/antq/id/graph/a> { <https://w3id.org/antq/id/x> <http://e/in> <http://e/u1> }
    ...   GRAPH <https://w3id.org/antq/id/graph/gazetteer> { <http://e/u1> <http://e/label> "u1" .
    ...                                                      <http://e/u2> <http://e/label> "u2" } }''')
    >>> sorted(q.object.value for q in article_quads(mem, base_iri="https://w3id.org/antq/"))
    ['http://e/u1', 'u1']
    """
    from .reference import reference_graph_names

    references = reference_graph_names(base_iri=base_iri)
    own = [q for name in (None, *store.graphs()) if name not in references for q in store.quads(name)]
    return own + referenced_quads(store, _iris(own), graphs=[g for g in store.graphs() if g in references])


def _iris(quads: Iterable[ox.Quad]) -> set[str]:
    """Every IRI the quads use: subjects, predicates, objects, datatypes and graph names."""
    out: set[str] = set()
    for q in quads:
        for t in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(t, ox.NamedNode):
                out.add(t.value)
            elif isinstance(t, ox.Literal):
                out.add(t.datatype.value)
    return out


def referenced_quads(store: Store, iris: Collection[str], *, graphs: Sequence[str]) -> list[ox.Quad]:
    """The quads of ``graphs`` about what ``iris`` point to, transitively (but for :data:`NOT_FOLLOWED`).

    The closure runs in SPARQL over the union of the store (a unit's parent is followed up to the
    country, a concept to its scheme, a class to its superclasses); the quads are then read graph by
    graph, with the blank nodes (RDF lists, restrictions) that the kept quads lead to.
    """
    if not iris or not graphs:
        return []
    reached: set[str] = set()
    path = "|".join(NOT_FOLLOWED)
    starts = sorted(iris)
    for i in range(0, len(starts), _CHUNK):
        values = " ".join(f"<{iri}>" for iri in starts[i : i + _CHUNK])
        result = store.query(
            sparql_prologue()
            + f"SELECT DISTINCT ?s WHERE {{ VALUES ?start {{ {values} }} ?start (!({path}))* ?s FILTER(isIRI(?s)) }}"
        )
        reached.update(row[0].value for row in result.rows() if isinstance(row[0], ox.NamedNode))
    out: list[ox.Quad] = []
    for name in graphs:
        blank: dict[ox.BlankNode, list[ox.Quad]] = {}
        kept: list[ox.Quad] = []
        for q in store.quads(name):
            if isinstance(q.subject, ox.BlankNode):
                blank.setdefault(q.subject, []).append(q)
            elif isinstance(q.subject, ox.NamedNode) and q.subject.value in reached:
                kept.append(q)
        todo = [q.object for q in kept if isinstance(q.object, ox.BlankNode)]
        seen: set[ox.BlankNode] = set()
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for q in blank.get(node, ()):
                kept.append(q)
                if isinstance(q.object, ox.BlankNode):
                    todo.append(q.object)
        out += kept
    return out


def export_annotations(
    store: Store, path: str | Path, *, base_iri: str, format: str | None = None
) -> tuple[int, int, Format]:
    """Write the Web Annotation view of the store's article graphs to ``path``.

    :func:`antq_kg.graph.annotations_view`: an ``oa:Annotation`` per evidence span with a
    TextPositionSelector and a TextQuoteSelector; the reference graphs (ontology, gazetteer, links) are left
    out. Returns (annotations, triples, format).
    """
    from rdflib.namespace import RDF

    from .graph import annotations_view
    from .reference import reference_graph_names
    from .vocab import OA

    view = annotations_view(to_rdflib(store, exclude=reference_graph_names(base_iri=base_iri)))
    with graph_to_store(view) as mem:
        fmt = export_store(mem, path, format=format)
        return sum(1 for _ in view.subjects(RDF.type, OA.Annotation)), len(mem), fmt


def to_rdflib(store: Store, *, exclude: Collection[str] = ()) -> rdflib.Dataset:
    """The store's content as an rdflib ``Dataset`` (for pySHACL), without the ``exclude`` graphs.

    A simple literal comes back as a plain rdflib ``Literal`` (pyoxigraph reports it as
    ``xsd:string``, RDF 1.1; rdflib tells the two apart), so the dataset equals the one the graph
    builder made. Terms are converted once each (articles repeat their IRIs and concepts).

    >>> from antq_kg.store import open_store
    >>> mem = open_store(None)
    >>> mem.update('INSERT DATA { GRAPH <http://e/g> { <http://e/a> <http://e/p> "x", "y"@vi, 1 } }')
    >>> sorted(o.n3() for _, _, o, _ in to_rdflib(mem).quads())
    ['"1"^^<http://www.w3.org/2001/XMLSchema#integer>', '"x"', '"y"@vi']
    """
    import rdflib

    from .convert import rdflib_terms

    term = rdflib_terms()
    ds = rdflib.Dataset()
    names: list[str | None] = [None, *(g for g in store.graphs() if g not in exclude)]
    for name in names:
        if name is None:
            g = ds.default_graph
        else:
            g = ds.graph(rdflib.BNode(name[2:]) if name.startswith("_:") else rdflib.URIRef(name))
        g.addN((term(q.subject), term(q.predicate), term(q.object), g) for q in store.quads(name))
    return ds


def graph_to_store(graph: rdflib.Graph) -> EmbeddedStore:
    """A fresh in-memory store holding ``graph``'s triples in its default graph (so a view built
    with rdflib, e.g. :func:`antq_kg.graph.annotations_view`, is written by :func:`export_store`
    like the store itself: sorted N-Triples, the project's Turtle prefixes).

    >>> import rdflib
    >>> g = rdflib.Graph()
    >>> _ = g.add((rdflib.URIRef("http://e/a"), rdflib.URIRef("http://e/p"), rdflib.Literal("Hòa", lang="vi")))
    >>> mem = graph_to_store(g)
    >>> (len(mem), mem.graphs(), len(graph_to_store(rdflib.Graph())))
    (1, [], 0)
    """
    from .convert import dataset_to_quads

    mem = EmbeddedStore(None)
    if len(graph):
        mem.add_quads(dataset_to_quads(graph))
    return mem


def file_to_store(paths: Sequence[str | Path], *, base_iri: str | None = None) -> EmbeddedStore:
    """A fresh in-memory store holding the given RDF files (``InputError`` names a bad file): as they
    are, or, with ``base_iri``, loaded as ``antq-kg load`` loads them (the preferred labels chosen
    over the articles of all the files, the corpus graph of ``base_iri``:
    :func:`antq_kg.pipeline.load.load_files`)."""
    mem = EmbeddedStore(None)
    if base_iri is None:
        for p in paths:
            mem.load_file(p)
        return mem
    from .pipeline.load import load_files
    from .store import check_rdf_file, rdf_file

    checked = [check_rdf_file(rdf_file(p), graphs=True) for p in paths]
    with mem.writer(op="load") as w:
        load_files(w, checked, base_iri=base_iri)
    return mem


def _width(text: str) -> int:
    """Display width: combining marks take no column, East Asian wide characters take two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]], *, max_width: int = 60) -> str:
    """An aligned plain-text table; long cells are cut with ``…``; newlines shown as ``⏎``.

    >>> print(render_table(["tên", "cấp"], [["Hưng Yên", "tỉnh"], ["Mỹ Hào", "huyện"]]))
    tên       cấp
    --------  -----
    Hưng Yên  tỉnh
    Mỹ Hào    huyện
    (2 rows)
    """

    def cell(value: str) -> str:
        value = value.replace("\n", "⏎")
        return value if len(value) <= max_width else value[: max_width - 1] + "…"

    body = [[cell(v) for v in row] for row in rows]
    widths = [_width(h) for h in header]
    for row in body:
        for i, v in enumerate(row):
            widths[i] = max(widths[i], _width(v))

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in body]
    out.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(out)


def format_result(result: QueryResult, format: str | None) -> str | bytes:
    """A query result as a text table (``format`` ``table``/``None``) or serialized in ``format``."""
    if format in (None, "table"):
        header, rows = result.table()
        return render_table(header, rows)
    kind: Kind = "rdf" if result.kind == "graph" else "results"
    return result.serialize(by_name(format, kind))


def dataset_from_bytes(data: bytes, fmt: Format, *, source: str) -> EmbeddedStore:
    """A fresh in-memory store holding serialized RDF."""
    mem = EmbeddedStore(None)
    mem.add_quads(parse_rdf(data, fmt, source=source))
    return mem


def _spans(spans: Sequence[Span]) -> str:
    return " ".join(f"{s.begin}-{s.end}" for s in spans)


def facts_table(facts: Facts) -> tuple[list[str], list[list[str]]]:
    """One article's facts as table rows: kind, surface, attributes, character spans."""
    rows: list[list[str]] = []
    if facts.author:
        rows.append(["author", facts.author, "", _spans(facts.author_spans)])
    for p in facts.persons:
        attrs = ", ".join(x for x in (p.rank or "", "; ".join(p.posts), p.organization or "") if x)
        rows.append(["person", p.name, attrs, _spans(p.spans)])
    for o in facts.organizations:
        rows.append(["organization", o.name, "", _spans(o.spans)])
    for pl in facts.places:
        chain = " < ".join(f"{x.type} {x.name}" for x in pl.chain()[1:])
        rows.append(["place", f"{pl.type} {pl.name}", chain, _spans(pl.spans)])
    for c in facts.campaigns:
        where = place_to_json(c.place, with_spans=False)["name"] if c.place else ""
        rows.append(["campaign", c.name, ", ".join(x for x in (c.kind or "", where) if x), _spans(c.spans)])
    for n in facts.counts:
        value = "" if n.value is None else str(n.value)
        attrs = ", ".join(x for x in (n.qualifier, n.scope or "", n.criterion or "") if x)
        rows.append(["count", f"{value} {n.unit}".strip(), attrs, _spans(n.spans)])
    for a in facts.abbreviations:
        rows.append(["abbreviation", a.short, a.expansion or "(undefined)", _spans(a.spans)])
    return ["kind", "text", "attributes", "spans"], rows

"""The corpus graph: one preferred label per shared entity, chosen over the article graphs.

Identity folds case and tone placement (:mod:`antq_kg.identity`), so two articles that write one
organisation or initiative in different case ("Ban chỉ đạo phong trào Toàn dân…", "…toàn dân…") name one
IRI; so do the persons it merges over articles (the folded name and their organisation's lineage), whom a
headline may write in capitals ("TRẦN HUY NGẠN") and the body not. Each article graph states its own
spelling as ``rdfs:label``@vi; were each to state it as
``skos:prefLabel``, their union would give the entity two preferred labels in one language, which SKOS
forbids (S14, https://www.w3.org/TR/skos-reference/#L1567), and every list of organisations would show
it twice. The corpus graph (:func:`antq_kg.iris.corpus_graph_iri`) states the one ``skos:prefLabel``@vi
of each ``org:Organization``, ``antq:Initiative`` and ``foaf:Person`` the article graphs label (an
article's author is a ``schema:Person`` named by ``schema:name`` only, never labelled: not chosen for),
chosen by :func:`choose`:

1. the spelling written by the most articles;
2. a spelling all in capitals (a headline's) only when the entity has no other;
3. ties broken by the earliest publication date (``schema:datePublished``; a spelling no dated article
   writes comes after), then the article id (the least article graph IRI writing it), then code-point
   order.

The choice is a function of the article graphs alone, so the same corpus gives the same corpus graph
whatever the order, batches or workers of the builds that made it. The graph describes itself as a
``prov:Entity`` and ``antq:CorpusGraph`` ``prov:wasDerivedFrom`` each article graph it was chosen over
(PROV-O, https://www.w3.org/TR/prov-o/; the provenance of graphs as in VOCAB's model: the article graphs
are ``prov:Entity`` too).

:func:`corpus_quads` computes the whole graph from article quads (the rdflib view, :func:`build_graph`),
:func:`corpus_quads_of` from the spellings read from a store; :mod:`antq_kg.pipeline.corpus` keeps it up
to date in a store, entity by entity, or all at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from ..iris import DEFAULT_BASE_IRI, corpus_graph_iri
from ..vocab import PREFIXES
from .writer import NS, Writer, en, vi

__all__ = [
    "LABELLED_CLASSES",
    "LabelUse",
    "Spelling",
    "Spellings",
    "article_names",
    "article_published",
    "choose",
    "choose_spellings",
    "corpus_quads",
    "corpus_quads_of",
    "count",
    "description_quads",
    "iri_batches",
    "label_quads",
    "label_uses",
    "tally",
]

#: The classes whose preferred label is chosen over the corpus: every organisation and initiative (those
#: named by a gazetteer unit have one spelling in every article; choosing theirs too keeps one rule), and
#: every named person of the extraction (``foaf:Person``; an author is a ``schema:Person`` only).
LABELLED_CLASSES = (
    f"{PREFIXES['org']}Organization",
    f"{PREFIXES['antq']}Initiative",
    f"{PREFIXES['foaf']}Person",
)
_LABELLED = frozenset(ox.NamedNode(c) for c in LABELLED_CLASSES)
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_PUBLISHED = ox.NamedNode("https://schema.org/datePublished")

#: Each spelling (``rdfs:label``@vi) of every labelled entity, in the graphs that type it.
_USES = """
SELECT ?e ?label ?g WHERE {{
  VALUES ?class {{ {classes} }}
  GRAPH ?g {{ ?e a ?class ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }}
  FILTER (LANG(?label) = "vi")
}}"""
#: The spellings of the entities of ``{values}`` (labelled entities already: only the article graphs that
#: name one label it, so no type is joined, which would make Oxigraph scan every typed node; 2000
#: entities of 1,000 articles: 0.34 s, 2.2 s with the type).
_USES_OF = """
SELECT ?e ?label ?g WHERE {{
  VALUES ?e {{ {values} }}
  GRAPH ?g {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label }}
  FILTER (LANG(?label) = "vi")
}}"""
#: The publication date of the article of each graph of ``{values}``.
_DATES = """
SELECT ?g ?date WHERE {{ {values} GRAPH ?g {{ ?article <https://schema.org/datePublished> ?date }} }}"""


@dataclass(frozen=True, slots=True, order=True)
class LabelUse:
    """One article graph spelling one entity: its ``rdfs:label``@vi there, and the article's date."""

    entity: str
    label: str
    graph: str
    #: ``schema:datePublished`` of the article (ISO), when known
    date: str | None = None


def _all_capitals(label: str) -> bool:
    """A spelling in capitals only (a headline's): it has letters and no lower-case one.

    >>> _all_capitals("BAN CHỈ ĐẠO 138"), _all_capitals("Ban chỉ đạo 138"), _all_capitals("138")
    (True, False, False)
    """
    return label.upper() == label and label.lower() != label


@dataclass(slots=True)
class Spelling:
    """How the article graphs write one entity one way: in how many graphs, the earliest publication
    date among them (``None``: no dated article), and the least graph IRI (the article id)."""

    graphs: int
    earliest: str | None
    first: str

    def add(self, graph: str, date: str | None) -> None:
        """One more graph writing it (each graph once)."""
        self.graphs += 1
        if date is not None and (self.earliest is None or date < self.earliest):
            self.earliest = date
        self.first = min(self.first, graph)


#: entity → spelling → how the articles write it
Spellings = dict[str, dict[str, Spelling]]


def tally(uses: Iterable[LabelUse]) -> Spellings:
    """The spellings of ``uses`` (each graph counted once per entity and spelling)."""
    spellings: Spellings = {}
    for use in set(uses):
        count(spellings, use.entity, use.label, use.graph, use.date)
    return spellings


def count(spellings: Spellings, entity: str, label: str | None, graph: str, date: str | None) -> None:
    """Count one graph (published on ``date``) writing ``entity`` as ``label`` into ``spellings``
    (``label`` ``None``: the graph names the entity without a spelling)."""
    by_label = spellings.setdefault(entity, {})
    if label is None:
        return
    known = by_label.get(label)
    if known is None:
        by_label[label] = Spelling(1, date, graph)
    else:
        known.add(graph, date)


def choose(uses: Iterable[LabelUse]) -> dict[str, str]:
    """Each entity's preferred label over ``uses`` (the rule of the module docstring).

    >>> u = [LabelUse("e", "Ban toàn dân", "g/b", "2024-01-02"), LabelUse("e", "Ban Toàn dân", "g/a", "2024-05-01"),
    ...      LabelUse("e", "BAN TOÀN DÂN", "g/c"), LabelUse("e", "BAN TOÀN DÂN", "g/d")]
    >>> choose(u)
    {'e': 'Ban toàn dân'}
    >>> choose([LabelUse("e", "BAN TOÀN DÂN", "g/c")])
    {'e': 'BAN TOÀN DÂN'}
    """
    return choose_spellings(tally(uses))


def choose_spellings(spellings: Spellings) -> dict[str, str]:
    """Each entity's preferred label over its tallied spellings (:func:`choose`)."""
    chosen: dict[str, str] = {}
    for entity, by_label in spellings.items():
        candidates = [s for s in by_label if not _all_capitals(s)] or list(by_label)
        chosen[entity] = min(candidates, key=lambda s, by=by_label: _rank(s, by[s]))  # type: ignore[misc]
    return chosen


def _rank(spelling: str, how: Spelling) -> tuple[int, int, str, str, str]:
    """The order of the rule: most articles, then a dated article first and the earliest date, then the
    least article graph (its id), then the spelling's code points."""
    return (-how.graphs, 0 if how.earliest else 1, how.earliest or "", how.first, spelling)


def article_names(
    statements: Iterable[tuple[ox.NamedNode, ox.NamedNode, object]],
) -> tuple[tuple[str, str | None], ...]:
    """The labelled entities (organisations, initiatives, persons) one article graph's ``statements`` type, each
    with each of its ``rdfs:label``@vi there (``None`` for one with no such label): what the graph
    gives the corpus graph, read from the statements as they are written, before they reach a store.

    >>> w = Writer("http://e/g")
    >>> o = w.node("http://e/o")
    >>> w.add(o, NS.type, NS.org.Organization); w.add(o, NS.label, vi("Ban A")); w.add(o, NS.label, en("A"))
    >>> w.add(w.node("http://e/p"), NS.type, NS.foaf.Person); w.add(w.node("http://e/p"), NS.label, vi("Lê A"))
    >>> w.add(w.node("http://e/author"), NS.type, NS.schema.Person)
    >>> article_names(w.statements())
    (('http://e/o', 'Ban A'), ('http://e/p', 'Lê A'))
    """
    typed: set[str] = set()
    labels: dict[str, list[str]] = {}
    for s, p, o in statements:
        if p == _TYPE and o in _LABELLED:
            typed.add(s.value)
        elif p == _LABEL and isinstance(o, ox.Literal) and o.language == "vi":
            labels.setdefault(s.value, []).append(o.value)
    return tuple(
        (e, label) for e in sorted(typed) for label in (sorted(set(labels[e])) if e in labels else [None])
    )


def article_published(statements: Iterable[tuple[ox.NamedNode, ox.NamedNode, object]]) -> str | None:
    """The earliest ``schema:datePublished`` one article graph's ``statements`` give (its lexical form)."""
    dates = [o.value for _, p, o in statements if p == _PUBLISHED and isinstance(o, ox.Literal)]
    return min(dates, default=None)


Rows = Callable[[str], Sequence[Sequence[ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple | None]]]


def label_uses(
    rows: Rows,
    entities: Iterable[str] | None = None,
    *,
    chunk: int = 2000,
    dates: dict[str, str | None] | None = None,
) -> list[LabelUse]:
    """Every spelling the article graphs give the labelled entities (all, or those of ``entities``,
    which must be of :data:`LABELLED_CLASSES`), with the publication date of each article, read by
    SPARQL through ``rows`` (a query → its solutions, e.g. a store's ``query(…).rows()``).

    ``dates``: the publication dates already read (graph → date, ``None`` for an undated article),
    completed in place, so that callers asking batch by batch read each article's date once.
    """
    classes = " ".join(f"<{c}>" for c in LABELLED_CLASSES)
    queries = (
        [_USES.format(classes=classes)]
        if entities is None
        else [_USES_OF.format(values=batch) for batch in iri_batches(entities, chunk)]
    )
    found: list[tuple[str, str, str]] = []
    for query in queries:
        for e, label, g in rows(query):
            if isinstance(e, ox.NamedNode) and isinstance(label, ox.Literal) and isinstance(g, ox.NamedNode):
                found.append((e.value, label.value, g.value))
    dates = {} if dates is None else dates
    unknown = {g for _, _, g in found} - dates.keys()
    for batch in iri_batches(unknown, chunk):
        for g, day in rows(_DATES.format(values=f"VALUES ?g {{ {batch} }}")):
            if isinstance(g, ox.NamedNode) and isinstance(day, ox.Literal):
                old = dates.get(g.value)
                dates[g.value] = day.value if old is None else min(day.value, old)
    dates.update((g, None) for g in unknown - dates.keys())
    return [LabelUse(e, label, g, dates.get(g)) for e, label, g in found]


def iri_batches(iris: Iterable[str], chunk: int = 1000) -> list[str]:
    """The IRIs in order, ``chunk`` at a time, each batch as the terms of a ``VALUES`` clause."""
    ordered = sorted(set(iris))
    return [" ".join(f"<{i}>" for i in ordered[n : n + chunk]) for n in range(0, len(ordered), chunk)]


def description_quads(graphs: Iterable[str], *, base_iri: str = DEFAULT_BASE_IRI) -> list[ox.Quad]:
    """What the corpus graph says of itself, and that it was derived from each of ``graphs``."""
    w = Writer(corpus_graph_iri(base_iri=base_iri))
    me = w.node(w.graph.value)
    w.add(me, NS.type, NS.prov.Entity)
    w.add(me, NS.type, NS.antq.CorpusGraph)
    w.add(me, NS.label, en("The preferred labels chosen over every article"))
    w.add(me, NS.label, vi("Nhãn ưu tiên chọn trên mọi bài báo"))
    for g in sorted(set(graphs)):
        w.add(me, NS.prov.wasDerivedFrom, w.node(g))
    return w.quads()


def label_quads(chosen: Mapping[str, str], *, base_iri: str = DEFAULT_BASE_IRI) -> list[ox.Quad]:
    """The ``skos:prefLabel``@vi of each chosen entity, in the corpus graph."""
    w = Writer(corpus_graph_iri(base_iri=base_iri))
    for entity in sorted(chosen):
        w.add(w.node(entity), NS.skos.prefLabel, vi(chosen[entity]))
    return w.quads()


def corpus_quads(quads: Iterable[ox.Quad], *, base_iri: str = DEFAULT_BASE_IRI) -> list[ox.Quad]:
    """The whole corpus graph over the article graphs among ``quads``: each labelled entity's
    ``skos:prefLabel`` and the graph's description (nothing when no article labels an entity)."""
    mem = ox.Store()
    mem.bulk_extend(quads)
    return corpus_quads_of(label_uses(lambda q: list(mem.query(q))), base_iri=base_iri)  # type: ignore[arg-type]


def corpus_quads_of(uses: Sequence[LabelUse], *, base_iri: str = DEFAULT_BASE_IRI) -> list[ox.Quad]:
    """The whole corpus graph over ``uses`` (every spelling of every labelled entity): each entity's
    ``skos:prefLabel`` and the graph's description (nothing when there is no use)."""
    if not uses:
        return []
    return description_quads({u.graph for u in uses}, base_iri=base_iri) + label_quads(
        choose(uses), base_iri=base_iri
    )

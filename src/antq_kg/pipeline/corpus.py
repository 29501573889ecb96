"""Keeping the corpus graph (:mod:`antq_kg.graph.corpus`) up to date in a store as articles change.

A build or a removal tells :class:`CorpusLabels` each article graph it is about to drop (before it goes,
so the entities it named are known) and each it wrote; at its end :meth:`CorpusLabels.refresh` chooses
again the preferred label of those entities only, over every article graph of the store, and writes
the difference in the same write session: readers see the new articles and their labels in one
commit, and a build that is killed leaves the store, corpus graph included, as it was. A session that
changed no article graph (an unchanged re-build) leaves the corpus graph untouched.

Two ways to the spellings. A build asks to count them (``tally``): into a store that labels nothing
yet (a first build), each article's spellings are counted as its graph passes
(:func:`antq_kg.graph.corpus.article_names`, computed by the worker that built the graph; kept in a
temporary SQLite file, :class:`SpellingTally`, so that they do not grow the build's memory), so the
refresh writes the labels without reading back what the build has just bulk-loaded: reading them back cost ~10 s and ~60 MB of RocksDB's memory for 3,000 articles,
growing with the store. Otherwise (an incremental build, a removal, a graph written twice) the
spellings of the entities concerned are read from the store, :data:`ENTITIES` at a time.

Other writes that know the graphs they touch (``antq-kg load``, the Graph Store Protocol) go through
:func:`labels_kept`, which does the same around them and never lets a corpus graph written from outside
(a file built elsewhere carries its own) stand as a second opinion. A SPARQL Update
(:func:`update_labelled`) has its graphs read from its text before it runs
(:func:`antq_kg.pipeline.updates.graphs_written`) and runs inside :func:`labels_kept` of them; one whose
text does not fix its graphs (a template ``GRAPH ?g``, ``DROP ALL``…) ends with
:meth:`CorpusLabels.recompute`: every label chosen again, the corpus graph made exactly what a build
of the store's articles states. An update that writes the corpus graph by name is refused.

Only the store protocol's reads and writes are used (SPARQL queries, ``DELETE DATA``, added quads,
dropped graphs), so the same code runs in an embedded write session (all or nothing) and over a remote
SPARQL 1.1 server (each request atomic on its own; :meth:`CorpusLabels.recompute` needs no update).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import QueryError
from ..graph.corpus import (
    LABELLED_CLASSES,
    Spelling,
    Spellings,
    choose,
    choose_spellings,
    corpus_quads_of,
    description_quads,
    iri_batches,
    label_quads,
    label_uses,
)
from ..iris import DEFAULT_BASE_IRI, corpus_graph_iri
from ..vocab import PREFIXES
from .updates import graphs_written

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["CorpusLabels", "labels_kept", "update_labelled"]

_PREF = f"{PREFIXES['skos']}prefLabel"
_DERIVED = f"{PREFIXES['prov']}wasDerivedFrom"
#: How many stale triples one DELETE DATA removes.
_CHUNK = 1000
#: How many entities :meth:`CorpusLabels.refresh` chooses labels for at a time.
ENTITIES = 2000
#: How many article graphs one write of the corpus graph's ``prov:wasDerivedFrom`` links names.
_NAMING = 20_000
#: How many label quads a first build's labels (:meth:`CorpusLabels._label_all`) gather before they go
#: to the bulk loader together: ~12 MB of quads in Python, one bulk load per ~20,000 entities.
LABELS_BULK = 20_000
#: Finding the graphs of an update costs rdflib's parse, about 7 µs per character of text, and the full
#: recompute 1–2 ms per article graph (``bench/bench_labels.py``, 1,000 articles, 2 busy CPUs): an update
#: of up to :data:`PARSED_ALWAYS` characters (0.5 s of parse at most) is parsed, a longer one only when it
#: has fewer than :data:`CHARS_PER_ARTICLE` characters per article graph the corpus graph is chosen over
#: (else the recompute is the cheaper).
PARSED_ALWAYS = 64 * 1024
CHARS_PER_ARTICLE = 200
#: The labelled entities of each graph ``?g``: one GRAPH pattern per class (a UNION), so that Oxigraph
#: reads each graph's typed nodes from its index, where a VALUES of the classes joined after the pattern
#: scans them all (3.5× slower).
_TYPED = " UNION ".join(f"{{ GRAPH ?g {{ ?e a <{c}> }} }}" for c in LABELLED_CLASSES)


class CorpusLabels:
    """The entities whose preferred label a write session may change, and their refresh."""

    def __init__(self, session: Store, *, base_iri: str = DEFAULT_BASE_IRI, tally: bool = False) -> None:
        self.session = session
        self.graph = corpus_graph_iri(base_iri=base_iri)
        self.base_iri = base_iri
        #: entities the dropped graphs named
        self.entities: set[str] = set()
        self.dropped: set[str] = set()
        self.written: set[str] = set()
        #: how many entities the last :meth:`refresh` chose a label for again
        self.chosen = 0
        #: with ``tally`` (a build, whose graphs come with their spellings), while the store held no
        #: labelled entity and no corpus graph before this session and nothing was dropped since: the
        #: spellings of every graph written, kept as they pass (then :meth:`refresh` need not read
        #: them back); ``None`` otherwise
        self.spellings: SpellingTally | None = SpellingTally() if tally and self._nothing_labelled() else None

    def _nothing_labelled(self) -> bool:
        """No graph of the store types a labelled entity (:data:`LABELLED_CLASSES`), and there is no
        corpus graph."""
        return not self.session.query(
            f"ASK {{ {{ {_TYPED} }} UNION {{ GRAPH <{self.graph}> {{ ?s ?p ?o }} }} }}"
        ).boolean

    def _named(self, graphs: Iterable[str]) -> set[str]:
        """The labelled entities ``graphs`` name (type), with a spelling or not."""
        entities: set[str] = set()
        for batch in iri_batches(graphs):
            rows = self.session.query(
                f"SELECT DISTINCT ?e WHERE {{ VALUES ?g {{ {batch} }} {_TYPED} }}"
            ).rows()
            entities.update(e.value for (e,) in rows if isinstance(e, ox.NamedNode))
        return entities

    def dropping(self, graphs: Iterable[str]) -> None:
        """``graphs`` are about to be dropped: remember the entities they name."""
        graphs = [g for g in graphs if g != self.graph]
        self.entities |= self._named(graphs)
        self.dropped.update(graphs)
        self._stop_tally()

    def wrote(
        self,
        graph: str,
        names: Iterable[tuple[str, str | None]] | None = None,
        published: str | None = None,
    ) -> None:
        """``graph`` was written (its quads are in the session, or will be before :meth:`refresh`);
        ``names``: the labelled entities it types, each with each spelling it gives them
        (:func:`antq_kg.graph.corpus.article_names`), and ``published`` its article's date, when the
        caller knows them (else :meth:`refresh` reads them from the store)."""
        if names is None or graph in self.written:
            self._stop_tally()
        self.written.add(graph)
        if self.spellings is not None and names is not None:
            self.spellings.add(graph, names, published)

    def _stop_tally(self) -> None:
        """The spellings are read from the store from now on (:meth:`refresh`)."""
        if self.spellings is not None:
            self.spellings.close()
            self.spellings = None

    def refresh(self) -> int:
        """Choose again the preferred label of every entity a dropped or written graph names, and
        write what changed (and the graph's ``prov:wasDerivedFrom`` links); returns how many
        entities' labels changed.

        The entities are taken :data:`ENTITIES` at a time (read, chosen, compared and written before
        the next), so what the step holds in memory is bounded by a batch, not by the corpus: a first
        build of 100,000 articles asks for some 1.5 million spellings.
        """
        if not self.dropped and not self.written:
            return 0
        if self.spellings is not None:
            try:
                return self._label_all(self.spellings)
            finally:
                self._stop_tally()
        s, graph = self.session, self.graph
        entities = self._named(self.written) | self.entities
        self.chosen = len(entities)
        dates: dict[str, str | None] = {}
        spelling: set[str] = set()  # the graphs giving a spelling of one of them
        changed = 0
        ordered = sorted(entities)
        for n in range(0, len(ordered), ENTITIES):
            changed += self._relabel(ordered[n : n + ENTITIES], dates, spelling)
        naming = spelling & self.written
        unlinked = sorted((self.dropped | self.written) - naming)
        self._delete([f"<{graph}> <{_DERIVED}> <{g}>" for g in unlinked])
        if naming:
            s.add_quads(description_quads(naming, base_iri=self.base_iri))
        if not s.query(f"ASK {{ GRAPH <{graph}> {{ ?e <{_PREF}> ?l }} }}").boolean:
            s.drop_graphs([graph], default=False)  # no article labels anything any more
        return changed

    def _label_all(self, spellings: SpellingTally) -> int:
        """Write the labels of every entity from the tallied spellings (the store held none before),
        chosen :data:`ENTITIES` at a time.

        Every quad is new, so they go through the bulk loader (:data:`LABELS_BULK` at a time), as the
        build's article graphs do, and not through transactions: those pass through RocksDB's
        memtables, which nothing flushes before the session closes: there the labels of a first build
        of 50,000 articles took its main process from 361 to 637 MB, more than it held while
        articles came (``bench/bench_build_memory.py sample --phases``)."""
        self.chosen = spellings.entities()
        labelled = 0
        pending: list[ox.Quad] = []
        for batch in spellings.batches(ENTITIES):
            chosen = choose_spellings(batch)
            labelled += len(chosen)
            pending += label_quads(chosen, base_iri=self.base_iri)
            if len(pending) >= LABELS_BULK:
                self.session.add_quads(pending, bulk=True)
                pending = []
        if pending:
            self.session.add_quads(pending, bulk=True)
        if not labelled:
            return 0  # no article labels anything: no corpus graph
        for graphs in spellings.naming(_NAMING):
            self.session.add_quads(description_quads(graphs, base_iri=self.base_iri), bulk=True)
        return labelled

    def _relabel(self, entities: list[str], dates: dict[str, str | None], spelling: set[str]) -> int:
        """Choose the labels of ``entities`` again and write the difference; how many changed. The
        graphs that give one of them a spelling are added to ``spelling``."""
        s, graph = self.session, self.graph
        uses = label_uses(lambda q: s.query(q).rows(), entities, dates=dates)
        spelling.update(u.graph for u in uses)
        chosen = choose(uses)
        current: dict[str, set[ox.Literal]] = {}
        for batch in iri_batches(entities, len(entities)):
            rows = s.query(
                f"SELECT ?e ?l WHERE {{ VALUES ?e {{ {batch} }} GRAPH <{graph}> {{ ?e <{_PREF}> ?l }} }}"
            ).rows()
            for node, label in rows:
                if isinstance(node, ox.NamedNode) and isinstance(label, ox.Literal):
                    current.setdefault(node.value, set()).add(label)
        stale: list[str] = []
        fresh: dict[str, str] = {}
        changed = 0
        for e in entities:
            want = chosen.get(e)
            have = current.get(e, set())
            if have == ({ox.Literal(want, language="vi")} if want is not None else set()):
                continue
            changed += 1
            stale += [f"<{e}> <{_PREF}> {label}" for label in sorted(have, key=str)]
            if want is not None:
                fresh[e] = want
        self._delete(stale)
        if fresh:
            s.add_quads(label_quads(fresh, base_iri=self.base_iri))
        return changed

    def _delete(self, triples: list[str]) -> None:
        """Remove ``triples`` (N-Triples terms) from the corpus graph, :data:`_CHUNK` at a time."""
        for i in range(0, len(triples), _CHUNK):
            self.session.update(
                f"DELETE DATA {{ GRAPH <{self.graph}> {{ {' . '.join(triples[i : i + _CHUNK])} }} }}"
            )

    def recompute(self) -> int:
        """Choose the preferred label of every labelled entity (organisation, initiative, person) again, over every article
        graph, and make the corpus graph exactly what a build of the store's articles states (labels
        and description; nothing when no article labels anything); returns how many entities' labels
        changed. Reads every spelling in the store: about 2 s per 1,000 articles on a busy 2-CPU machine
        (``bench/bench_labels.py``)."""
        s, graph = self.session, self.graph
        uses = label_uses(lambda q: s.query(q).rows())
        self.chosen = len({u.entity for u in uses})
        want = set(corpus_quads_of(uses, base_iri=self.base_iri))
        # by a query, not a Graph Store GET: a remote answers a missing graph with 404
        have = {
            ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
            for t in s.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").quads()
        }
        stale, fresh = have - want, want - have
        changed = len({str(q.subject) for q in stale | fresh if q.predicate.value == _PREF})
        if stale:  # written anew: needs no SPARQL Update (a remote may take only Graph Store writes)
            s.drop_graphs([graph], default=False)
            fresh = want
        if fresh:
            s.add_quads(sorted(fresh, key=str))
        return changed


class SpellingTally:
    """The spellings the article graphs of a first build give the labelled entities, kept as the
    graphs pass in a private temporary SQLite database (on disk, removed when it is closed), not in
    this process's memory: a first build of 100,000 articles names some 400,000 entities, whose
    spellings as Python objects (:data:`~antq_kg.graph.corpus.Spellings`: the dicts, the
    :class:`~antq_kg.graph.corpus.Spelling` objects and the strings they keep) grew the build's main
    process by ~2 MB per 1,000 articles, and choosing them all at once cost more at the end
    (``bench/bench_build_memory.py split``). SQLite keeps a cache of a few MB and sorts its
    ``GROUP BY`` in temporary files (https://www.sqlite.org/inmemorydb.html, "Temporary
    Databases"), so what the build holds for the tally does not grow with the corpus; the file takes
    ~2.9 MB of the temporary folder's disk per 1,000 synthetic articles (17,400 rows).

    Each graph is counted once per entity and spelling (a graph written twice ends the tally:
    :meth:`CorpusLabels.wrote`), so a spelling's :class:`~antq_kg.graph.corpus.Spelling` is the
    rows' ``COUNT(*)``, ``MIN(date)`` (NULLs ignored: ``None`` when no article is dated) and
    ``MIN(graph)``; SQLite's default BINARY collation compares UTF-8 bytes, which orders strings as
    Python compares them (by code point), so the labels chosen are those the in-memory tally chose.
    """

    def __init__(self) -> None:
        # "": a private temporary database, on disk once it outgrows its cache
        self._db = sqlite3.connect("", isolation_level=None)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute(
            "CREATE TABLE uses (entity TEXT NOT NULL, label TEXT, graph TEXT NOT NULL, date TEXT)"
        )
        self._db.execute("BEGIN")

    def add(self, graph: str, names: Iterable[tuple[str, str | None]], published: str | None) -> None:
        """``graph`` (an article published on ``published``) gives each entity of ``names`` each
        spelling there (``None``: it names the entity without one)."""
        self._db.executemany(
            "INSERT INTO uses VALUES (?, ?, ?, ?)", ((e, label, graph, published) for e, label in names)
        )

    def entities(self) -> int:
        """How many entities the graphs name, spelt or not."""
        return int(self._db.execute("SELECT COUNT(DISTINCT entity) FROM uses").fetchone()[0])

    def batches(self, size: int) -> Iterator[Spellings]:
        """The spellings of every entity that has one, ``size`` entities at a time, in entity order."""
        batch: Spellings = {}
        rows = self._db.execute(
            "SELECT entity, label, COUNT(*), MIN(date), MIN(graph) FROM uses WHERE label IS NOT NULL "
            "GROUP BY entity, label ORDER BY entity"
        )
        for entity, label, graphs, earliest, first in rows:
            if entity not in batch and len(batch) >= size:
                yield batch
                batch = {}
            batch.setdefault(entity, {})[label] = Spelling(graphs, earliest, first)
        if batch:
            yield batch

    def naming(self, size: int) -> Iterator[list[str]]:
        """The graphs that spell an entity, ``size`` at a time."""
        rows = self._db.execute("SELECT DISTINCT graph FROM uses WHERE label IS NOT NULL")
        while graphs := [g for (g,) in rows.fetchmany(size)]:
            yield graphs

    def close(self) -> None:
        """Throw the tally away (its file goes with it)."""
        self._db.close()


@contextmanager
def labels_kept(
    session: Store, graphs: Iterable[str], *, base_iri: str = DEFAULT_BASE_IRI
) -> Iterator[CorpusLabels]:
    """Around a block that adds to, replaces or drops the named ``graphs`` in ``session``: the
    preferred labels of every entity those graphs name, before or after, are chosen again when it
    ends (:meth:`CorpusLabels.refresh`). When ``graphs`` include the corpus graph itself, whatever
    the block writes there is thrown away and the store's own corpus graph put back first: it is
    derived from the article graphs, never taken from outside. Nothing is refreshed when the block
    raises (the session is then thrown away whole)."""
    labels = CorpusLabels(session, base_iri=base_iri)
    named = set(graphs)
    articles = sorted(named - {labels.graph})
    saved = list(session.quads(labels.graph)) if labels.graph in named else None
    labels.dropping(articles)
    yield labels
    if saved is not None:
        session.drop_graphs([labels.graph], default=False)
        if saved:
            session.add_quads(saved)
    for g in articles:
        labels.wrote(g)
    labels.refresh()


def update_labelled(session: Store, text: str, *, base_iri: str = DEFAULT_BASE_IRI) -> CorpusLabels:
    """Run the SPARQL Update ``text`` in ``session`` and keep the corpus graph right; returns the
    :class:`CorpusLabels` that did (its ``chosen``: how many entities had their label chosen again).

    When the graphs the update writes are known from its text (:func:`antq_kg.pipeline.updates.graphs_written`),
    it runs inside :func:`labels_kept` of those graphs: only the entities they name, before or after,
    are chosen again. When they are not (a template ``GRAPH ?g``, ``CLEAR``/``DROP ALL|NAMED``, text
    rdflib cannot parse, or a text too long to be worth parsing: :data:`PARSED_ALWAYS`), the update is
    followed by :meth:`CorpusLabels.recompute`. The store runs the update either way and reports its
    errors (a syntax error is Oxigraph's). An update that writes the corpus graph itself is refused
    (:class:`~antq_kg.errors.QueryError`) before anything runs: it is derived, never written."""
    corpus = corpus_graph_iri(base_iri=base_iri)
    written = graphs_written(text) if _worth_parsing(session, corpus, text) else None
    if written is None:
        session.update(text)
        labels = CorpusLabels(session, base_iri=base_iri)
        labels.recompute()
        return labels
    if corpus in written.named:
        raise QueryError(
            f"the update writes the corpus graph <{corpus}>, which is chosen over the article graphs and "
            "never written: write the article graphs and their labels follow"
        )
    # the default graph is no article's (label_uses reads named graphs only): nothing to choose for it
    with labels_kept(session, written.named, base_iri=base_iri) as labels:
        session.update(text)
    return labels


def _worth_parsing(session: Store, corpus: str, text: str) -> bool:
    """Whether parsing ``text`` costs less than choosing every label again (:data:`PARSED_ALWAYS`)."""
    if len(text) <= PARSED_ALWAYS:
        return True
    rows = session.query(
        f"SELECT (COUNT(?g) AS ?n) WHERE {{ GRAPH <{corpus}> {{ <{corpus}> <{_DERIVED}> ?g }} }}"
    ).rows()
    n = rows[0][0] if rows else None
    return isinstance(n, ox.Literal) and len(text) < CHARS_PER_ARTICLE * int(n.value)

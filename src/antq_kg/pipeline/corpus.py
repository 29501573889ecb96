"""Keeping the corpus graph (:mod:`antq_kg.graph.corpus`) up to date in a store as articles change.

A build or a removal tells :class:`CorpusLabels` each article graph it is about to drop (before it goes,
so the entities it named are known) and each it wrote; at its end :meth:`CorpusLabels.refresh` chooses
again the preferred label of those entities only, over every article graph of the store, and writes
the difference in the same write session: readers see the new articles and their labels in one
commit, and a build that is killed leaves the store, corpus graph included, as it was. A session that
changed no article graph (an unchanged re-build) leaves the corpus graph untouched.

Other writes that know the graphs they touch (``antq-kg load``, the Graph Store Protocol) go through
:func:`labels_kept`, which does the same around them and never lets a corpus graph written from outside
(a file built elsewhere carries its own) stand as a second opinion. A write that does not know its
graphs (a SPARQL Update) ends with :meth:`CorpusLabels.recompute`: every label chosen again, the corpus
graph made exactly what a build of the store's articles states.

Only the store protocol's reads and writes are used (SPARQL queries, ``DELETE DATA``, added quads,
dropped graphs), so the same code runs in an embedded write session (all or nothing) and over a remote
SPARQL 1.1 server (each request atomic on its own).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..graph.corpus import (
    LABELLED_CLASSES,
    choose,
    corpus_quads_of,
    description_quads,
    iri_batches,
    label_quads,
    label_uses,
)
from ..iris import DEFAULT_BASE_IRI, corpus_graph_iri
from ..vocab import PREFIXES

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["CorpusLabels", "labels_kept"]

_PREF = f"{PREFIXES['skos']}prefLabel"
_DERIVED = f"{PREFIXES['prov']}wasDerivedFrom"
#: How many stale triples one DELETE DATA removes.
_CHUNK = 1000


class CorpusLabels:
    """The entities whose preferred label a write session may change, and their refresh."""

    def __init__(self, session: Store, *, base_iri: str = DEFAULT_BASE_IRI) -> None:
        self.session = session
        self.graph = corpus_graph_iri(base_iri=base_iri)
        self.base_iri = base_iri
        #: entities the dropped graphs named
        self.entities: set[str] = set()
        self.dropped: set[str] = set()
        self.written: set[str] = set()
        #: how many entities the last :meth:`refresh` chose a label for again
        self.chosen = 0

    def _named(self, graphs: Iterable[str]) -> dict[str, set[str]]:
        """Each of ``graphs`` → the labelled entities it names (graphs naming none are left out)."""
        # one GRAPH pattern per class (a UNION): Oxigraph then reads each graph's typed nodes from its
        # index, where a VALUES of the classes joined after the pattern scans them all (3.5× slower)
        typed = " UNION ".join(f"{{ GRAPH ?g {{ ?e a <{c}> }} }}" for c in LABELLED_CLASSES)
        named: dict[str, set[str]] = {}
        for batch in iri_batches(graphs):
            rows = self.session.query(
                f"SELECT DISTINCT ?g ?e WHERE {{ VALUES ?g {{ {batch} }} {typed} }}"
            ).rows()
            for g, e in rows:
                if isinstance(g, ox.NamedNode) and isinstance(e, ox.NamedNode):
                    named.setdefault(g.value, set()).add(e.value)
        return named

    def dropping(self, graphs: Iterable[str]) -> None:
        """``graphs`` are about to be dropped: remember the entities they name."""
        graphs = [g for g in graphs if g != self.graph]
        for entities in self._named(graphs).values():
            self.entities |= entities
        self.dropped.update(graphs)

    def wrote(self, graph: str) -> None:
        """``graph`` was written (its quads are in the session, or will be before :meth:`refresh`)."""
        self.written.add(graph)

    def refresh(self) -> int:
        """Choose again the preferred label of every entity a dropped or written graph names, and
        write what changed (and the graph's ``prov:wasDerivedFrom`` links); returns how many
        entities' labels changed."""
        if not self.dropped and not self.written:
            return 0
        s, graph = self.session, self.graph
        named = self._named(self.written)
        entities = self.entities.union(*named.values())
        chosen = choose(label_uses(lambda q: s.query(q).rows(), entities))
        self.chosen = len(entities)
        current: dict[str, set[ox.Literal]] = {}
        for batch in iri_batches(entities):
            rows = s.query(
                f"SELECT ?e ?l WHERE {{ VALUES ?e {{ {batch} }} GRAPH <{graph}> {{ ?e <{_PREF}> ?l }} }}"
            ).rows()
            for node, label in rows:
                if isinstance(node, ox.NamedNode) and isinstance(label, ox.Literal):
                    current.setdefault(node.value, set()).add(label)
        stale: list[str] = []
        fresh: dict[str, str] = {}
        changed = 0
        for e in sorted(entities):
            want = chosen.get(e)
            have = current.get(e, set())
            if have == ({ox.Literal(want, language="vi")} if want is not None else set()):
                continue
            changed += 1
            stale += [f"<{e}> <{_PREF}> {label}" for label in sorted(have, key=str)]
            if want is not None:
                fresh[e] = want
        unlinked = (self.dropped | self.written) - set(named)
        stale += [f"<{graph}> <{_DERIVED}> <{g}>" for g in sorted(unlinked)]
        for i in range(0, len(stale), _CHUNK):
            s.update(f"DELETE DATA {{ GRAPH <{graph}> {{ {' . '.join(stale[i : i + _CHUNK])} }} }}")
        add = label_quads(fresh, base_iri=self.base_iri)
        if named:
            add += description_quads(named, base_iri=self.base_iri)
        if add:
            s.add_quads(add)
        if not s.query(f"ASK {{ GRAPH <{graph}> {{ ?e <{_PREF}> ?l }} }}").boolean:
            s.drop_graphs([graph], default=False)  # no article labels anything any more
        return changed

    def recompute(self) -> int:
        """Choose the preferred label of every organisation and initiative again, over every article
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

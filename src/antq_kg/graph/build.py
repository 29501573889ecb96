"""Building: one article's :class:`~antq_kg.model.Facts` → the quads of its named graph and of its run record.

:func:`article_nquads` is the build path (N-Quads bytes, what the store bulk-loads); :func:`article_quads`
gives the same quads as pyoxigraph objects, :func:`build_graph` and :func:`add_article` as an rdflib
``Dataset`` for the Python API, pySHACL and the tests (:mod:`antq_kg.convert`). The build run (``prov:Activity``: tool version, start time) and
the ``prov:wasGeneratedBy`` link of each article graph live in a separate run graph, so the article
graphs are the same quads on every run. No blank nodes are emitted.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..identity.article import ArticleIdentities
from ..iris import DEFAULT_BASE_IRI, ONTOLOGY_GRAPH, Minter, article_id, corpus_graph_iri, run_graph_prefix
from ..model import Facts
from ..version import __version__
from .agents import Agents
from .article import abbreviation, article, campaign, publication_date
from .corpus import article_names, article_published, corpus_quads
from .cube import counts
from .places import Places
from .writer import NS, ArticleWriter, Writer, en, plain, xsd_datetime

if TYPE_CHECKING:
    from rdflib import Dataset

    from ..gazetteer import Gazetteer

__all__ = [
    "BuildRun",
    "BuiltArticle",
    "add_article",
    "add_ontology",
    "article_nquads",
    "article_quads",
    "build_graph",
    "new_dataset",
    "ontology_quads",
    "run_graph_iri",
]


@dataclass(frozen=True, slots=True)
class BuildRun:
    """One build: a ``prov:Activity`` with the tool version and its start time."""

    id: str
    started: datetime
    tool_version: str = __version__

    @classmethod
    def new(cls, *, now: datetime | None = None) -> BuildRun:
        """A fresh run stamped ``now`` (UTC) with a unique id."""
        started = (now or datetime.now(UTC)).replace(microsecond=0)
        return cls(id=f"{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}", started=started)


def run_graph_iri(run: BuildRun, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The named graph holding the record of ``run``."""
    return f"{run_graph_prefix(base_iri=base_iri)}{run.id}"


@dataclass(frozen=True, slots=True)
class BuiltArticle:
    """One article built for the store: its named graph, and N-Quads holding that graph's quads then
    its part of the run's record (``quads`` of them in all)."""

    graph: str
    data: bytes
    quads: int
    #: the organisations, initiatives and persons the graph types, each with each spelling it gives them
    #: (:func:`antq_kg.graph.corpus.article_names`): what the corpus graph's labels are chosen from
    names: tuple[tuple[str, str | None], ...] | None = None
    #: the article's publication date (``schema:datePublished``), when it has one
    published: str | None = None


def _article_writer(facts: Facts, *, base_iri: str, gazetteer: Gazetteer | None) -> ArticleWriter:
    text_sha = hashlib.sha256(facts.text.encode("utf-8")).hexdigest()
    m = Minter(base_iri, article_id(text_sha, (facts.metadata or {}).get("id")))
    w = ArticleWriter(m, facts.text)
    ids = ArticleIdentities(facts, m.article, gazetteer, publication_date(facts.metadata or {}))
    article(w, facts, text_sha)
    places = Places(w, ids)
    for top in facts.places:
        places.place(top)
    agents = Agents(w, ids, places)
    for org in facts.organizations:
        agents.organization(org.name, org)
    for person in facts.persons:
        agents.person(person)
    for c in facts.campaigns:
        campaign(w, c, places)
    counts(w, facts, places)
    for a in facts.abbreviations:
        abbreviation(w, a)
    return w


def article_quads(
    facts: Facts,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    gazetteer: Gazetteer | None = None,
    run: BuildRun | None = None,
) -> list[ox.Quad]:
    """The quads of one article's named graph, then those of its part of the run's record."""
    w = _article_writer(facts, base_iri=base_iri, gazetteer=gazetteer)
    return w.quads() + _run_record(w.m, run or BuildRun.new()).quads()


def article_nquads(
    facts: Facts,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    gazetteer: Gazetteer | None = None,
    run: BuildRun | None = None,
) -> BuiltArticle:
    """The quads of :func:`article_quads` as N-Quads (:meth:`Writer.nquads`): what a build's workers
    hand the process that writes the store, which bulk-loads them without making Python objects."""
    w = _article_writer(facts, base_iri=base_iri, gazetteer=gazetteer)
    data, n = w.nquads()
    record, m = _run_record(w.m, run or BuildRun.new()).nquads()
    said = w.statements()
    return BuiltArticle(w.m.graph, data + record, n + m, article_names(said), article_published(said))


def _run_record(m: Minter, run: BuildRun) -> Writer:
    rg = Writer(f"{m.run_graph_prefix}{run.id}")
    act, graph = rg.node(m.run(run.id)), rg.node(m.graph)
    rg.add(act, NS.type, NS.prov.Activity)
    rg.add(act, NS.type, NS.antq.BuildRun)
    rg.add(act, NS.label, en(f"antq-kg build {run.id}"))
    rg.add(act, NS.prov.startedAtTime, xsd_datetime(run.started))
    rg.add(act, NS.antq.toolVersion, plain(run.tool_version))
    rg.add(graph, NS.type, NS.prov.Entity)
    rg.add(graph, NS.type, NS.antq.ArticleGraph)
    rg.add(graph, NS.prov.wasGeneratedBy, act)
    rg.add(graph, NS.prov.wasDerivedFrom, rg.node(m.news_article))
    return rg


# -- the rdflib view ------------------------------------------------------------------------------


def new_dataset() -> Dataset:
    """An empty ``Dataset`` with the project's prefixes bound."""
    from rdflib import Dataset

    from ..vocab import PREFIXES

    ds = Dataset()
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, iri, replace=True)
    return ds


def build_graph(
    facts: Iterable[Facts],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    gazetteer: Gazetteer | None = None,
    run: BuildRun | None = None,
) -> Dataset:
    """Build the dataset of ``facts``: one named graph per article, one run graph and the corpus graph
    of their preferred labels (rdflib)."""
    from ..convert import quads_to_dataset

    run = run or BuildRun.new()
    quads: list[ox.Quad] = []
    for f in facts:
        quads += article_quads(f, base_iri=base_iri, gazetteer=gazetteer, run=run)
    return quads_to_dataset(quads + corpus_quads(quads, base_iri=base_iri), new_dataset())


def add_article(
    ds: Dataset,
    facts: Facts,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    gazetteer: Gazetteer | None = None,
    run: BuildRun | None = None,
) -> str:
    """Add (or replace) one article's named graph in ``ds`` (and choose the corpus graph's preferred
    labels again); returns the graph IRI."""
    from rdflib import URIRef

    from ..convert import dataset_to_quads, quads_to_dataset

    quads = article_quads(facts, base_iri=base_iri, gazetteer=gazetteer, run=run)
    name = quads[0].graph_name
    assert isinstance(name, ox.NamedNode)
    corpus = URIRef(corpus_graph_iri(base_iri=base_iri))
    for g in (name.value, corpus):
        ds.graph(URIRef(g)).remove((None, None, None))
    quads_to_dataset(quads, ds)
    quads_to_dataset(corpus_quads(dataset_to_quads(ds), base_iri=base_iri), ds)
    return name.value


def ontology_quads(path: str | Path | None = None) -> list[ox.Quad]:
    """``ontology/antq.ttl`` (or ``path``) as quads in its own named graph (:data:`ONTOLOGY_GRAPH`)."""
    from ..errors import OntologyError
    from ..resources import ontology_file

    p = Path(path) if path is not None else ontology_file()
    try:
        triples = ox.parse(
            p.read_bytes(), ox.RdfFormat.TURTLE, base_iri=p.resolve().as_uri(), rename_blank_nodes=True
        )
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    except FileNotFoundError:
        raise OntologyError("file not found", path=p) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise OntologyError(f"cannot parse: {' '.join(str(exc).split())}", path=p) from exc


def add_ontology(ds: Dataset, *, path: str | Path | None = None) -> str:
    """Load ``ontology/antq.ttl`` (or ``path``) into its own named graph of ``ds``.

    The competency queries read labels, rank order, level depths and unit-type hierarchy from it,
    so a store that answers them holds this graph beside the article graphs.
    """
    from rdflib import URIRef

    from ..validate import DEFAULT_ONTOLOGY, load_graph

    g = ds.graph(URIRef(ONTOLOGY_GRAPH))
    g.remove((None, None, None))
    g += load_graph(path, DEFAULT_ONTOLOGY)
    return ONTOLOGY_GRAPH

"""Pipeline: article files → :func:`antq_kg.text.read_document` → :func:`antq_kg.mentions.extract` →
:func:`antq_kg.graph.build_graph`, one article at a time (composition only, no extraction logic).

Paths may be article files or folders (``*.txt`` searched recursively, in sorted order). Each article
may have a JSON *sidecar* beside it holding what the text does not say: ``<stem>.meta.json``, e.g.
``data/articles/hung-yen-antq.meta.json`` (only that name: a ``<stem>.json`` beside an article is
what ``antq-kg extract a.txt > a.json`` writes, not metadata)::

    {"language": "vi", "author": "…", "title": null, "publisher": null,
     "date": {"published": null, "stated": false, "before": "2019-05-01", "confidence": "low",
              "evidence": [{"begin": 994, "end": 1005, "text": "xã Nhân Hòa"}], "reason": "…"}}

The sidecar is read as a JSON object and handed on unchanged as ``Facts.metadata``; an article
without one builds with empty metadata. Results stream: one article's facts and graph are in memory
at a time (``jobs > 1`` runs extraction in a process pool, results still consumed in order), so
memory stays flat as the corpus grows. A bad file is recorded as an error and the rest still build.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import AntqError, ArticleError, InputError
from .iris import DEFAULT_BASE_IRI as DEFAULT_BASE_IRI
from .model import Facts

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .gazetteer import Gazetteer
    from .graph import BuildRun
    from .store import Store

#: The sidecar file suffix (``<stem>`` + suffix).
SIDECAR_SUFFIX = ".meta.json"


def find_articles(paths: Iterable[str | Path], *, pattern: str = "*.txt") -> Iterator[Path | ArticleError]:
    """Article files under ``paths``: files as given, folders searched recursively in sorted order.

    A missing path is yielded as an :class:`ArticleError` (so the caller reports it and goes on).
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(f for f in p.rglob(pattern) if f.is_file())
        elif p.exists():
            yield p
        else:
            yield ArticleError("No such file or directory", path=p)


def sidecar_path(article: Path) -> Path | None:
    """The sidecar beside ``article`` (``<stem>.meta.json``), or ``None``."""
    candidate = article.with_name(article.stem + SIDECAR_SUFFIX)
    return candidate if candidate.is_file() else None


def read_sidecar(article: Path) -> dict[str, Any]:
    """The sidecar metadata of ``article`` (``{}`` when there is none); ``InputError`` if it is bad JSON."""
    path = sidecar_path(article)
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"bad JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", path=path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read sidecar: {exc}", path=path) from exc
    if not isinstance(data, dict):
        raise InputError("sidecar must be a JSON object", path=path)
    return data


# -- extraction, in this process or in a pool worker ------------------------------------------------

_worker_gazetteer: Gazetteer | None = None
#: ``(base_iri, run)`` in a worker of :func:`iter_article_quads`.
_worker_build: tuple[str, BuildRun] | None = None

T = TypeVar("T")


def _init_worker(gazetteer: Gazetteer | None, build: tuple[str, BuildRun] | None = None) -> None:
    global _worker_gazetteer, _worker_build
    _worker_gazetteer = gazetteer
    _worker_build = build


#: What a rule that goes wrong on some text raises (a bad index, a missing key, a None where a match
#: was expected…): reported as that article's :class:`ArticleError` with the cause chained.
_RULE_BUGS = (ArithmeticError, AssertionError, AttributeError, LookupError, RecursionError, TypeError, ValueError)


def extract_article(path: Path, *, gazetteer: Gazetteer | None = None, max_bytes: int | None = None) -> Facts:
    """Read, extract and attach the sidecar of one article (raises :class:`AntqError`).

    A file larger than ``max_bytes`` (default :data:`antq_kg.text.DEFAULT_MAX_BYTES`) is refused
    before it is read.
    """
    from .mentions import extract
    from .text import DEFAULT_MAX_BYTES, read_document

    doc = read_document(path, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
    metadata = read_sidecar(path)
    try:
        facts = extract(doc, gazetteer=gazetteer)
    except _RULE_BUGS as exc:  # the extractor must never raise on text: this article fails, the rest build
        raise ArticleError(f"extraction failed ({type(exc).__name__}: {exc})", path=path) from exc
    return dataclasses.replace(facts, metadata={**facts.metadata, **metadata}) if metadata else facts


def _extract_in_worker(path: Path, *, max_bytes: int | None = None) -> Facts | AntqError:
    try:
        return extract_article(path, gazetteer=_worker_gazetteer, max_bytes=max_bytes)
    except AntqError as exc:
        return exc


def _in_order(
    paths: Iterable[str | Path],
    one: Callable[[Path], T | AntqError],
    task: Callable[[Path], T | AntqError],
    *,
    jobs: int,
    initargs: tuple[Gazetteer | None, tuple[str, BuildRun] | None],
) -> Iterator[T | AntqError]:
    """``one(article)`` for every article under ``paths`` in order, here or (``jobs > 1``) as
    ``task(article)`` in a pool of ``jobs`` processes set up once each by ``_init_worker(*initargs)``.

    The pool's initializer hands the gazetteer to each worker once (inherited, not pickled, where
    processes fork; pickled once per worker elsewhere) and each task carries only its article's
    path, so the per-article cost is the same as in one process (``bench/bench_extract.py``).
    """
    articles = find_articles(paths)
    if jobs <= 1:
        for item in articles:
            yield item if isinstance(item, AntqError) else one(item)
        return
    window = jobs * 16  # bounded look-ahead: at most this many articles in flight, memory stays flat
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=initargs) as pool:
        pending: deque[Future[T | AntqError] | AntqError] = deque()
        for item in articles:
            pending.append(item if isinstance(item, AntqError) else pool.submit(task, item))
            while len(pending) >= window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


def _result(item: Future[T | AntqError] | AntqError) -> T | AntqError:
    return item if isinstance(item, AntqError) else item.result()


def iter_facts(
    paths: Iterable[str | Path], *, gazetteer: Gazetteer | None = None, jobs: int = 1, max_bytes: int | None = None
) -> Iterator[Facts | AntqError]:
    """Facts of every article under ``paths`` in order, or the error that stopped one article.

    With ``jobs > 1`` a process pool extracts (see :func:`_in_order` for what goes to the workers).
    A file larger than ``max_bytes`` is an error item (see :func:`extract_article`).
    """

    def one(path: Path) -> Facts | AntqError:
        try:
            return extract_article(path, gazetteer=gazetteer, max_bytes=max_bytes)
        except AntqError as exc:
            return exc

    task = functools.partial(_extract_in_worker, max_bytes=max_bytes)
    return _in_order(paths, one, task, jobs=jobs, initargs=(gazetteer, None))


def article_quads(
    facts: Facts, *, base_iri: str = DEFAULT_BASE_IRI, gazetteer: Gazetteer | None = None, run: BuildRun
) -> list[ox.Quad]:
    """The quads of one article's graph and of its part of the run's record (:mod:`antq_kg.graph`)."""
    from .graph import article_quads as graph_quads

    return graph_quads(facts, base_iri=base_iri, gazetteer=gazetteer, run=run)


def _quads_in_worker(path: Path, *, max_bytes: int | None = None) -> tuple[str, bytes] | AntqError:
    """Extract and build one article in a worker; the quads travel back as N-Quads (parsed in Rust
    by the parent, several times cheaper than pickling pyoxigraph terms)."""
    import pyoxigraph as ox

    assert _worker_build is not None
    base_iri, run = _worker_build
    try:
        facts = extract_article(path, gazetteer=_worker_gazetteer, max_bytes=max_bytes)
    except AntqError as exc:
        return exc
    quads = article_quads(facts, base_iri=base_iri, gazetteer=_worker_gazetteer, run=run)
    return facts.path, ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def iter_article_quads(
    paths: Iterable[str | Path],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    gazetteer: Gazetteer | None = None,
    run: BuildRun,
    jobs: int = 1,
    max_bytes: int | None = None,
) -> Iterator[tuple[str, list[ox.Quad]] | AntqError]:
    """``(path, quads)`` of every article under ``paths`` in order, or the error that stopped one.

    With ``jobs > 1`` the workers build the graphs as well as extracting (the graph builder costs
    several times the extraction), so the calling process only writes them.
    """
    import pyoxigraph as ox

    def one(path: Path) -> tuple[str, list[ox.Quad]] | AntqError:
        try:
            facts = extract_article(path, gazetteer=gazetteer, max_bytes=max_bytes)
        except AntqError as exc:
            return exc
        return facts.path, article_quads(facts, base_iri=base_iri, gazetteer=gazetteer, run=run)

    if jobs <= 1:
        yield from _in_order(paths, one, one, jobs=1, initargs=(gazetteer, None))
        return
    initargs = (gazetteer, (base_iri, run))
    task = functools.partial(_quads_in_worker, max_bytes=max_bytes)
    for item in _in_order(paths, task, task, jobs=jobs, initargs=initargs):
        if isinstance(item, AntqError):
            yield item
        else:
            path, data = item
            yield path, list(ox.parse(data, ox.RdfFormat.N_QUADS, rename_blank_nodes=True))


# -- building ----------------------------------------------------------------------------------------


@dataclass
class BuildResult:
    """What a build did: the run's graph, the articles built (path → quads), the errors."""

    run_graph: str = ""
    articles: dict[str, int] = field(default_factory=dict)
    reference: dict[str, int] = field(default_factory=dict)
    errors: list[AntqError] = field(default_factory=list)

    @property
    def quads(self) -> int:
        """Quads produced over all articles (their article and run-record quads)."""
        return sum(self.articles.values())

    @property
    def ok(self) -> bool:
        """True when every article built."""
        return not self.errors


def build(
    paths: Sequence[str | Path],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    gazetteer: Gazetteer | None = None,
    jobs: int = 1,
    store: Store | None = None,
    on_error: Callable[[AntqError], None] | None = None,
    reference: bool = True,
    links: Path | None = None,
    max_bytes: int | None = None,
    ontology: Path | None = None,
) -> BuildResult:
    """Build the RDF of every article under ``paths`` into ``store``, one article at a time.

    Each article's named graph replaces the one already in the store (rebuilding gives no
    duplicates); the run's own graph (``prov:Activity``) is shared by the run's articles and added
    to. Without a store the graphs are built and counted only. ``on_error`` sees each bad file as it
    happens (the CLI prints it); the other articles still build. A file larger than ``max_bytes``
    (default :data:`antq_kg.text.DEFAULT_MAX_BYTES`) is such a bad file, refused before it is read.

    With ``reference`` (the default) the store also gets the graphs the competency queries read
    beside the articles: the ontology (its SKOS schemes, replaced on every build), when a
    gazetteer is given the gazetteer graph (loaded once: only when the store lacks it), and the
    Wikidata links of ``links`` (default ``data/links``; replaced on every build when it holds
    any ``*.ttl``). ``ontology`` is a folder holding ``antq.ttl`` (default: the packaged one). See
    :func:`load_reference_graphs`.
    """
    from .graph import BuildRun, run_graph_iri

    run = BuildRun.new()
    run_graph = str(run_graph_iri(run, base_iri=base_iri))
    result = BuildResult(run_graph=run_graph)
    if store is not None and reference:
        result.reference = load_reference_graphs(
            store, base_iri=base_iri, gazetteer=gazetteer, links=links, ontology=ontology
        )
    for item in iter_article_quads(paths, base_iri=base_iri, gazetteer=gazetteer, run=run, jobs=jobs,
                                   max_bytes=max_bytes):
        if isinstance(item, AntqError):
            result.errors.append(item)
            if on_error is not None:
                on_error(item)
            continue
        path, quads = item
        result.articles[path] = len(quads) if store is None else store.replace_graphs(quads, keep=(run_graph,))
    return result


def load_reference_graphs(
    store: Store, *, base_iri: str, gazetteer: Gazetteer | None, links: Path | None = None,
    ontology: Path | None = None,
) -> dict[str, int]:
    """Load the reference graphs into ``store``; returns quads loaded per graph name.

    * the ontology graph (``antq.ttl`` of the ``ontology`` folder, default the packaged one), always replaced;
    * the gazetteer graph, only when the store lacks it (~200k quads, see :func:`reset_store`);
    * the links graph (:func:`antq_kg.link.links_graph_iri`): every ``*.ttl`` of ``links``
      (default :func:`antq_kg.link.default_links_directory`, the packaged ``data/links``), the links
      to Wikidata that ``antq-kg link --wikidata`` wrote and that are reused offline (issue 4,
      "Links to other open-data graphs"). It is small, so it is replaced on every build (a
      re-reconciled file never leaves stale links behind); a folder without ``*.ttl`` loads
      nothing and leaves the store's links graph as it is.
    """
    from .graph import ONTOLOGY_GRAPH, add_ontology, new_dataset
    from .resources import ontology_file

    loaded: dict[str, int] = {}
    ds = new_dataset()
    add_ontology(ds, path=ontology_file(ontology))
    loaded[str(ONTOLOGY_GRAPH)] = store.load_dataset(ds, replace=True)
    if gazetteer is not None:
        from .gazetteer_rdf import gazetteer_graph_iri, gazetteer_quads

        name = str(gazetteer_graph_iri(base_iri=base_iri))
        if name not in store.graphs():  # ~200k quads built without rdflib, bulk-loaded (~1 s)
            loaded[name] = store.add_quads(gazetteer_quads(gazetteer, base_iri=base_iri), bulk=True)
    from .link import default_links_directory, links_graph_iri, load_links

    folder = default_links_directory() if links is None else links
    if folder.is_dir() and any(p.is_file() for p in folder.glob("*.ttl")):
        import rdflib

        name = links_graph_iri(base_iri=base_iri)
        links_ds = rdflib.Dataset()
        load_links(folder, base_iri=base_iri, into=links_ds.graph(name))
        store.drop_graphs([str(name)], default=False)  # replaced even when the files now hold no link
        loaded[str(name)] = store.load_dataset(links_ds)
    return loaded


def load_gazetteer_graphs(
    store: Store, gazetteer: Gazetteer, *, base_iri: str, links: Path | None = None
) -> dict[str, int]:
    """Replace the gazetteer graph and the links graph in ``store`` (``antq-kg gazetteer export``).

    The links (every ``*.ttl`` of ``links``, default the repo's ``data/links``) are parsed before anything
    is dropped, so a bad links file leaves the store as it was. Returns quads loaded per graph name.
    """
    import rdflib

    from .gazetteer_rdf import gazetteer_graph_iri, gazetteer_quads
    from .link import links_graph_iri, load_links

    gazetteer_name, links_name = gazetteer_graph_iri(base_iri=base_iri), links_graph_iri(base_iri=base_iri)
    links_ds = rdflib.Dataset()
    load_links(links, base_iri=base_iri, into=links_ds.graph(links_name))
    store.drop_graphs([str(gazetteer_name), str(links_name)], default=False)
    return {  # ~200k gazetteer quads built without rdflib and bulk-loaded
        str(gazetteer_name): store.add_quads(gazetteer_quads(gazetteer, base_iri=base_iri), bulk=True),
        str(links_name): store.load_dataset(links_ds),
    }


def reference_graph_names(*, base_iri: str = DEFAULT_BASE_IRI) -> set[str]:
    """The named graphs :func:`load_reference_graphs` writes (the ontology, the gazetteer, the links).

    ``antq-kg validate`` leaves them out: the shapes judge what the builder made, and the
    validator reads the ontology itself.
    """
    from .gazetteer_rdf import gazetteer_graph_iri
    from .graph import ONTOLOGY_GRAPH
    from .link import links_graph_iri

    return {str(ONTOLOGY_GRAPH), str(gazetteer_graph_iri(base_iri=base_iri)), str(links_graph_iri(base_iri=base_iri))}


def reset_store(store: Store, *, base_iri: str = DEFAULT_BASE_IRI) -> None:
    """Empty ``store`` for a fresh build, keeping only the gazetteer graph.

    The gazetteer graph depends only on the pinned gazetteer data (``data/gazetteer/``) and takes
    far longer to rebuild than any article, so ``build --replace`` keeps it; after ``make
    gazetteer`` delete the store directory to reload it.
    """
    from .gazetteer_rdf import gazetteer_graph_iri

    keep = str(gazetteer_graph_iri(base_iri=base_iri))
    store.drop_graphs([g for g in store.graphs() if g != keep])


def default_jobs() -> int:
    """A sensible ``--jobs`` default for this machine (the CPUs this process may use)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)

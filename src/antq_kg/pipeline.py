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

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import AntqError, ArticleError, InputError
from .iris import DEFAULT_BASE_IRI as DEFAULT_BASE_IRI
from .model import Facts

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .gazetteer import Gazetteer
    from .graph import BuildRun
    from .runs import SourceRecord
    from .store import JournalEntry, Store, WritableStore, WriteSession

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
    _die_with_parent()
    _worker_gazetteer = gazetteer
    _worker_build = build


def _die_with_parent() -> None:
    """On Linux, ask the kernel to end this worker (SIGTERM) when the process that started it dies,
    even by SIGKILL (prctl(2) ``PR_SET_PDEATHSIG``): a killed build leaves no idle workers behind."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


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
    """What a build did: its run, the articles added / replaced / unchanged / removed, the errors.

    ``articles`` maps each article built (added or replaced) to the quads written for it;
    ``removed`` lists the article graphs withdrawn because their files are gone from a folder built;
    ``unfinished`` the earlier build runs that never committed, recorded by this one.
    """

    run_id: str = ""
    run_graph: str = ""
    articles: dict[str, int] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[AntqError] = field(default_factory=list)
    reference: dict[str, int] = field(default_factory=dict)
    unfinished: list[JournalEntry] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """added / replaced / unchanged / removed / failed, in that order."""
        return {"added": len(self.added), "replaced": len(self.replaced), "unchanged": len(self.unchanged),
                "removed": len(self.removed), "failed": len(self.errors)}

    @property
    def quads(self) -> int:
        """Quads produced over the articles built (their article and run-record quads)."""
        return sum(self.articles.values())

    @property
    def ok(self) -> bool:
        """True when every article built."""
        return not self.errors

    def summary(self, where: str | Path) -> str:
        """The one line a build ends with.

        >>> BuildResult("20250101T000000Z-ab12cd34", added=["a.txt"], unchanged=["b.txt"]).summary("store")
        'Build 20250101T000000Z-ab12cd34: 1 added, 0 replaced, 1 unchanged, 0 removed, 0 failed (0 quads) → store'
        """
        counts = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        extra = f"; {len(self.reference)} reference graph(s) loaded" if self.reference else ""
        return f"Build {self.run_id}: {counts} ({self.quads} quads{extra}) → {where}"


def unfinished_note(entry: JournalEntry) -> str:
    """One line about a build run that never committed (the next build records it)."""
    how = f"stopped on an error: {entry.error}" if entry.outcome == "failed" else "it was killed or interrupted"
    return (f"note: the earlier {entry.describe()} did not complete ({how}); nothing it wrote was kept, "
            f"and it is recorded as {'failed' if entry.outcome == 'failed' else 'incomplete'}")


def interrupted_note(entry: JournalEntry) -> str:
    """One line about a write of another process that was found interrupted and cleaned up."""
    later = "; the next build records it as incomplete" if entry.op == "build" and entry.run else ""
    return f"note: the earlier {entry.describe()} did not complete; nothing it wrote was kept{later}"


def input_hashes(path: Path, *, max_bytes: int | None = None) -> tuple[str, str | None] | None:
    """SHA-256 of an article's NFC text (as ingested) and of its sidecar's bytes (``None`` without
    one); ``None`` when the file cannot be read (the build then reports why)."""
    from .text import DEFAULT_MAX_BYTES, read_document

    try:
        doc = read_document(path, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
        side = sidecar_path(path)
        sidecar = hashlib.sha256(side.read_bytes()).hexdigest() if side is not None else None
    except (AntqError, OSError):
        return None
    return hashlib.sha256(doc.text.encode("utf-8")).hexdigest(), sidecar


class _Build:
    """One build run writing into one write session (or, with ``session=None``, counting only)."""

    def __init__(self, session: WriteSession | None, run: BuildRun, result: BuildResult, *, base_iri: str,
                 pipeline: str, force: bool, max_bytes: int | None) -> None:
        from .iris import Minter
        from .runs import read_sources

        self.session, self.run, self.result = session, run, result
        self.base_iri, self.pipeline, self.force, self.max_bytes = base_iri, pipeline, force, max_bytes
        self.run_prefix = Minter(base_iri, "").run_graph_prefix
        self.index: dict[str, SourceRecord] = read_sources(session) if session is not None else {}
        #: Article graph → how many recorded files give it (the same text may be in two files).
        self.refs: Counter[str] = Counter(r.graph for r in self.index.values())
        self.hashes: dict[str, tuple[str, str | None] | None] = {}

    def needs_build(self, path: Path) -> bool:
        """False (and counted unchanged) when the file, its sidecar and the pipeline are as recorded."""
        hashes = self.hashes[str(path)] = input_hashes(path, max_bytes=self.max_bytes)
        old = self.index.get(os.path.abspath(path))
        if self.force or hashes is None or old is None or not old.same_inputs(*hashes, self.pipeline):
            return True
        self.result.unchanged.append(str(path))
        return False

    def write(self, path: str, quads: list[ox.Quad]) -> None:
        """Write one article's graph in place of what its file gave before, and record its inputs."""
        import pyoxigraph as ox

        from .runs import SourceRecord, source_iri, source_quads

        self.result.articles[path] = len(quads)
        w = self.session
        if w is None:
            self.result.added.append(path)
            return
        run_graph, here = self.result.run_graph, os.path.abspath(path)
        graphs = sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
                        - {run_graph})
        old = self._forget(here)
        # this article's links in earlier runs' graphs go: one run generated it, this one
        w.remove_about([*graphs, source_iri(here, base_iri=self.base_iri)], graph_prefix=self.run_prefix)
        hashes = self.hashes.pop(path, None) or input_hashes(Path(path), max_bytes=self.max_bytes)
        record = SourceRecord(here, graphs[0], *hashes, self.pipeline) if graphs and hashes is not None else None
        w.replace_graphs([*quads, *(source_quads(record, run_graph, base_iri=self.base_iri) if record else ())],
                         keep=(run_graph,))
        if record is not None:
            self._remember(record)
        if old is not None and old.graph not in graphs:
            self._release(old.graph)
        (self.result.replaced if old is not None else self.result.added).append(path)

    def _remember(self, record: SourceRecord) -> None:
        self.index[record.path] = record
        self.refs[record.graph] += 1

    def _forget(self, path: str) -> SourceRecord | None:
        record = self.index.pop(path, None)
        if record is not None:
            self.refs[record.graph] -= 1
        return record

    def _release(self, graph: str) -> bool:
        """Drop an article graph (and its run links) that no recorded file gives any more."""
        if self.session is None or self.refs[graph] > 0:
            return False
        self.session.drop_graphs([graph], default=False)
        self.session.remove_about([graph], graph_prefix=self.run_prefix)
        return True

    def withdraw(self, path: str) -> str | None:
        """Forget the file at ``path`` (absolute); its graph goes when no other file gives it."""
        from .runs import source_iri

        record = self._forget(path)
        if record is None or self.session is None:
            return None
        self.session.remove_about([source_iri(path, base_iri=self.base_iri)], graph_prefix=self.run_prefix)
        return record.graph if self._release(record.graph) else None

    def withdraw_vanished(self, paths: Sequence[str | Path], listed: set[str]) -> None:
        """Withdraw the articles recorded under the folders of ``paths`` whose files are gone."""
        roots = [os.path.join(os.path.abspath(p), "") for p in paths if Path(p).is_dir()]
        for path in sorted(self.index):
            if path not in listed and path.startswith(tuple(roots)):
                self.withdraw(path)
                self.result.removed.append(path)

    def record_run(self) -> None:
        """The run's record: start, end, outcome, counts, versions."""
        from .runs import run_quads

        if self.session is not None:
            self.session.add_quads(run_quads(
                self.run.id, base_iri=self.base_iri, started=self.run.started, ended=datetime.now(UTC).replace(microsecond=0),
                outcome="completed" if self.result.ok else "failed", counts=self.result.counts,
                tool_version=self.run.tool_version, pipeline=self.pipeline))


def build(
    paths: Sequence[str | Path],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    gazetteer: Gazetteer | None = None,
    jobs: int = 1,
    store: WritableStore | None = None,
    on_error: Callable[[AntqError], None] | None = None,
    reference: bool = True,
    links: Path | None = None,
    max_bytes: int | None = None,
    ontology: Path | None = None,
    force: bool = False,
    replace: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the RDF of every article under ``paths`` into ``store``, in one write session: readers
    see the whole build at its end, and a build that fails or is killed leaves the store as it was.

    Incremental: an article whose text, sidecar and pipeline version (:func:`antq_kg.runs.pipeline_version`)
    are those recorded by the build that last wrote it is skipped (``unchanged``) before any
    extraction; ``force`` builds every article again. A built article's graph replaces the one its
    file gave before (``added`` or ``replaced``); articles recorded under a folder of ``paths`` whose
    files are gone are withdrawn (``removed``); a bad file is reported to ``on_error`` as it happens
    (``failed``) and the other articles still build. ``replace`` empties the store first (except
    the gazetteer graph, :func:`antq_kg.reference.reset_store`).

    The run records itself in its graph (:mod:`antq_kg.runs`): start, end, outcome, counts, and the
    runs that never committed before it (told to ``on_note``, one line each). ``on_progress(done,
    total)`` follows the articles. With ``reference`` the store also gets the reference graphs
    where they changed (:func:`antq_kg.reference.load_reference_graphs`; ``ontology`` is a folder
    holding ``antq.ttl``, default the packaged one). Without a store the graphs are built and
    counted only.
    """
    from .graph import BuildRun, run_graph_iri
    from .runs import pipeline_version

    run = BuildRun.new()
    result = BuildResult(run_id=run.id, run_graph=str(run_graph_iri(run, base_iri=base_iri)))
    listing = list(find_articles(paths))
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if on_progress is not None:
            on_progress(done, len(listing))

    def failed(error: AntqError) -> None:
        result.errors.append(error)
        if on_error is not None:
            on_error(error)
        tick()

    def run_in(session: WriteSession | None) -> None:
        from .runs import unfinished_run_quads

        if session is not None:
            if session.unfinished:
                result.unfinished = list(session.unfinished)
                session.add_quads(unfinished_run_quads(result.unfinished, base_iri=base_iri))
                session.forget_unfinished()
                for entry in result.unfinished:
                    if on_note is not None:
                        on_note(unfinished_note(entry))
            from .reference import load_reference_graphs, reset_store

            if replace:
                reset_store(session, base_iri=base_iri)
            if reference:
                result.reference = load_reference_graphs(session, base_iri=base_iri, gazetteer=gazetteer, links=links,
                                                         ontology=ontology)
        b = _Build(session, run, result, base_iri=base_iri, pipeline=pipeline_version(base_iri=base_iri, gazetteer=gazetteer),
                   force=force, max_bytes=max_bytes)

        def to_build() -> Iterator[Path]:
            for item in listing:
                if isinstance(item, AntqError):
                    failed(item)
                elif b.needs_build(item):
                    yield item
                else:
                    tick()

        for built in iter_article_quads(to_build(), base_iri=base_iri, gazetteer=gazetteer, run=run, jobs=jobs,
                                        max_bytes=max_bytes):
            if isinstance(built, AntqError):
                failed(built)
            else:
                b.write(*built)
                tick()
        b.withdraw_vanished(paths, {os.path.abspath(p) for p in listing if isinstance(p, Path)})
        b.record_run()

    if store is None:
        run_in(None)
    else:
        with store.writer(op="build", run=run.id) as session:
            run_in(session)
    return result


@dataclass
class RemoveResult:
    """What ``remove`` withdrew (article graph IRIs) and what it could not find."""

    removed: list[str] = field(default_factory=list)
    errors: list[AntqError] = field(default_factory=list)


def remove(targets: Sequence[str], *, store: WritableStore, base_iri: str = DEFAULT_BASE_IRI) -> RemoveResult:
    """Withdraw articles from ``store`` in one write session: their graphs, their links in the run
    graphs and their source records. A target is an article file or a folder of them (as built:
    what those files gave is withdrawn, a graph that another file still gives stays), an article
    IRI (``schema:NewsArticle``) or an article graph IRI (absolute, or relative to ``base_iri``:
    the graph goes). A target that names no article is an ``InputError`` in ``errors``; the
    others are still withdrawn. ``removed`` lists the article graphs that went."""
    from .graph import BuildRun

    result = RemoveResult()
    with store.writer(op="remove") as session:
        b = _Build(session, BuildRun.new(), BuildResult(), base_iri=base_iri, pipeline="", force=False, max_bytes=None)
        for target in targets:
            try:
                paths, graphs = _named_articles(session, b, target, base_iri=base_iri)
            except AntqError as exc:
                result.errors.append(exc)
                continue
            gone = [b.withdraw(path) for path in paths]
            for graph in graphs:
                for path in [p for p, r in b.index.items() if r.graph == graph]:
                    b.withdraw(path)
                b._release(graph)  # also a graph no recorded file gave (built by an earlier version)
                gone.append(graph)
            result.removed += [g for g in gone if g is not None and g not in result.removed]
    return result


_NEWS_ARTICLE = "https://schema.org/NewsArticle"
_ARTICLE_GRAPH = "https://w3id.org/antq/ontology#ArticleGraph"


def _named_articles(store: Store, b: _Build, target: str, *, base_iri: str) -> tuple[list[str], list[str]]:
    """The recorded article files (absolute paths) or the article graphs ``target`` names (see
    :func:`remove`); ``InputError`` when none."""
    import pyoxigraph as ox

    if "://" not in target and not target.startswith("urn:"):
        here = os.path.abspath(target)
        paths = sorted(p for p in b.index if p == here or p.startswith(os.path.join(here, "")))
        if paths:
            return paths, []
        if Path(target).exists() or not target.startswith("id/"):
            raise InputError("no article built from this file or folder is in the store", path=target)
        target = base_iri.rstrip("/") + "/" + target
    try:
        iri = str(ox.NamedNode(target))
    except ValueError as exc:
        raise InputError("neither an article file nor an IRI", path=target) from exc
    rows = store.query(f"SELECT DISTINCT ?g {{ {{ GRAPH ?g {{ {iri} a <{_NEWS_ARTICLE}> }} }} UNION "
                       f"{{ GRAPH ?g {{ ?a a <{_NEWS_ARTICLE}> }} FILTER(?g = {iri}) }} UNION "
                       f"{{ {iri} a <{_ARTICLE_GRAPH}> BIND({iri} AS ?g) }} }}").rows()
    graphs = sorted({g.value for (g,) in rows if isinstance(g, ox.NamedNode)})
    if not graphs:
        raise InputError("no article or article graph with this IRI is in the store", path=target)
    return [], graphs


#: Names that moved to :mod:`antq_kg.reference`, still importable from here (loaded on first use:
#: the reference graphs need rdflib, which a CLI start-up does not).
_MOVED_TO_REFERENCE = frozenset({"load_gazetteer_graphs", "load_reference_graphs", "reference_graph_names", "reset_store"})


def __getattr__(name: str) -> Any:
    if name in _MOVED_TO_REFERENCE:
        from . import reference

        return getattr(reference, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def default_jobs() -> int:
    """A sensible ``--jobs`` default for this machine (the CPUs this process may use)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)

"""The build: articles into a store in one write session, unchanged articles skipped, the graphs
bulk-loaded in batches, the preferred labels of what the changed articles name chosen again (the
corpus graph, :mod:`.corpus`), the run recorded (:func:`build`, :class:`BuildResult`)."""

from __future__ import annotations

import contextlib
import functools
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AntqError
from ..iris import DEFAULT_BASE_IRI
from .articles import find_articles, input_hashes
from .corpus import CorpusLabels
from .workers import iter_built_articles

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..graph import BuildRun, BuiltArticle
    from ..runs import SourceRecord
    from ..store import JournalEntry, WritableStore, WriteSession


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
        return {
            "added": len(self.added),
            "replaced": len(self.replaced),
            "unchanged": len(self.unchanged),
            "removed": len(self.removed),
            "failed": len(self.errors),
        }

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
    how = (
        f"stopped on an error: {entry.error}" if entry.outcome == "failed" else "it was killed or interrupted"
    )
    return (
        f"note: the earlier {entry.describe()} did not complete ({how}); nothing it wrote was kept, "
        f"and it is recorded as {'failed' if entry.outcome == 'failed' else 'incomplete'}"
    )


def interrupted_note(entry: JournalEntry) -> str:
    """One line about a write of another process that was found interrupted and cleaned up."""
    later = "; the next build records it as incomplete" if entry.op == "build" and entry.run else ""
    return f"note: the earlier {entry.describe()} did not complete; nothing it wrote was kept{later}"


#: How many bytes of N-Quads a build gathers before it bulk-loads them (see :class:`_Batch`): large
#: enough that the bulk loader's cost per load is spread thin, small enough that its memory is not
#: (the loader sorts a batch in memory, a few times its size).
BATCH_BYTES = 16 << 20
#: How many batches may load at once (see :class:`_Batch`).
LOADERS = 2


class _Batch:
    """Article graphs waiting to be bulk-loaded together into a build's write session.

    No one else reads the session's generation until it commits, so the graphs need not be written
    one transaction each: they are gathered as N-Quads and handed to Oxigraph's bulk loader when
    ``limit`` bytes wait (:meth:`antq_kg.store.StoreWriter.load_nquads`). The loads run in threads
    of their own (the loader releases the GIL) while the build goes on gathering the next batch, up
    to ``loaders`` batches at once: one load of a batch parses and sorts it on one core, so with one
    at a time the loader, not the workers, set the pace, and the workers stood idle behind it most
    of the build (the main process waited on it for 25 s of a 28 s build of 1,000 articles). What
    waits or loads is known by ``keys`` (graph IRIs, file paths): before the build reads or removes
    anything about a key, the loads about it are finished (:meth:`settle`), so the store is always
    read as if every write had been made at once. Batches hold different article graphs, so the
    order in which they land does not matter. With ``loaders=0`` (a session whose loads may not run
    beside its reads, :attr:`antq_kg.store.WriteSession.loads_beside`) each load runs at once, in
    the build's own thread.
    """

    def __init__(self, session: WriteSession, limit: int = BATCH_BYTES, loaders: int = LOADERS) -> None:
        self.session, self.limit, self.loaders = session, limit, loaders
        self.parts: list[bytes] = []
        self.size = 0
        self.keys: set[str] = set()
        self._loader = (
            ThreadPoolExecutor(max_workers=loaders, thread_name_prefix="antq-bulk-load") if loaders else None
        )
        #: the loads in progress, oldest first, with what they are about
        self._loading: deque[tuple[Future[None], set[str]]] = deque()

    def add(self, parts: Iterable[bytes], keys: Iterable[str]) -> None:
        """Gather N-Quads about ``keys``; start loading them all when the batch is full."""
        for part in parts:
            self.parts.append(part)
            self.size += len(part)
        self.keys.update(keys)
        if self.size >= self.limit:
            self.flush(wait=False)

    def start(self, job: Callable[[], None]) -> None:
        """Run ``job`` in a loader thread beside the batches (it writes nothing the build reads or
        removes by key, e.g. the reference graphs): it goes on while the workers work, and its
        error is raised when it is waited for (at the latest by :meth:`flush`); without loader
        threads it runs at once."""
        self._submit(job, set())

    def settle(self, keys: Iterable[str]) -> None:
        """Finish loading what waits or loads when it is about one of ``keys`` (before they are read
        or removed)."""
        keys = set(keys)
        if not self.keys.isdisjoint(keys):
            self.flush()
        elif any(not about.isdisjoint(keys) for _, about in self._loading):
            self._finish()

    def flush(self, *, wait: bool = True) -> None:
        """Start loading everything that waits (once fewer than ``loaders`` loads are in progress);
        ``wait``: until every load is done. A load that failed raises here."""
        if self.parts:
            data = b"".join(self.parts)
            self._submit(functools.partial(self.session.load_nquads, data), self.keys)
        self.parts, self.size, self.keys = [], 0, set()
        if wait:
            self._finish()

    def close(self) -> None:
        """Wait for the loads in progress (their errors are dropped: the session is being thrown
        away when this is reached without a flush) and end the loader threads."""
        try:
            while self._loading:
                with contextlib.suppress(AntqError):
                    self._loading.popleft()[0].result()
        finally:
            if self._loader is not None:
                self._loader.shutdown(wait=True)

    def _submit(self, job: Callable[[], None], keys: set[str]) -> None:
        if self._loader is None:
            job()
            return
        while len(self._loading) >= self.loaders:
            self._loading.popleft()[0].result()
        self._loading.append((self._loader.submit(job), keys))

    def _finish(self) -> None:
        while self._loading:
            self._loading.popleft()[0].result()


class _Build:
    """One build run writing into one write session (or, with ``session=None``, counting only)."""

    def __init__(
        self,
        session: WriteSession | None,
        run: BuildRun,
        result: BuildResult,
        *,
        base_iri: str,
        pipeline: str,
        force: bool,
        max_bytes: int | None,
    ) -> None:
        from ..iris import Minter
        from ..runs import read_sources

        self.session, self.run, self.result = session, run, result
        self.base_iri, self.pipeline, self.force, self.max_bytes = base_iri, pipeline, force, max_bytes
        self.run_prefix = Minter(base_iri, "").run_graph_prefix
        self.index: dict[str, SourceRecord] = read_sources(session) if session is not None else {}
        #: Article graph → how many recorded files give it (the same text may be in two files).
        self.refs: Counter[str] = Counter(r.graph for r in self.index.values())
        self.hashes: dict[str, tuple[str, str | None] | None] = {}
        self.batch = (
            _Batch(session, loaders=LOADERS if session.loads_beside else 0) if session is not None else None
        )
        #: the preferred labels the articles written or dropped may change (the corpus graph)
        self.labels = CorpusLabels(session, base_iri=base_iri, tally=True) if session is not None else None

    def needs_build(self, path: Path) -> bool:
        """False (and counted unchanged) when the file, its sidecar and the pipeline are as recorded."""
        hashes = self.hashes[str(path)] = input_hashes(path, max_bytes=self.max_bytes)
        old = self.index.get(os.path.abspath(path))
        if self.force or hashes is None or old is None or not old.same_inputs(*hashes, self.pipeline):
            return True
        self.result.unchanged.append(str(path))
        return False

    def write(self, path: str, built: BuiltArticle) -> None:
        """Write one article's graph in place of what its file gave before, and record its inputs.

        The graph goes to the batch (:class:`_Batch`); what it replaces is removed at once: the graph
        of the same IRI, this article's links in earlier runs' graphs (one run generated it: this
        one) and the file's old source record.
        """
        import pyoxigraph as ox

        from ..runs import SourceRecord, source_iri, source_quads

        self.result.articles[path] = built.quads
        w, batch = self.session, self.batch
        if w is None or batch is None:
            self.result.added.append(path)
            return
        run_graph, here, graph = self.result.run_graph, os.path.abspath(path), built.graph
        batch.settle((graph, here))
        old = self._forget(here)
        stored = w.has_graph(graph)
        stale = ([graph] if stored else []) + (
            [source_iri(here, base_iri=self.base_iri)] if old is not None else []
        )
        if stale:
            w.remove_about(stale, graph_prefix=self.run_prefix)
        if stored:
            if self.labels is not None:
                self.labels.dropping([graph])
            w.drop_graphs([graph], default=False)
        hashes = self.hashes.pop(path, None) or input_hashes(Path(path), max_bytes=self.max_bytes)
        parts = [built.data]
        if hashes is not None:
            record = SourceRecord(here, graph, *hashes, self.pipeline)
            parts.append(
                ox.serialize(
                    source_quads(record, run_graph, base_iri=self.base_iri), format=ox.RdfFormat.N_QUADS
                )
                or b""
            )
            self._remember(record)
        batch.add(parts, (graph, here))
        if self.labels is not None:
            self.labels.wrote(graph, built.names, built.published)
        if old is not None and old.graph != graph:
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
        if self.batch is not None:
            self.batch.settle((graph,))
        if self.labels is not None:
            self.labels.dropping([graph])
        self.session.drop_graphs([graph], default=False)
        self.session.remove_about([graph], graph_prefix=self.run_prefix)
        return True

    def withdraw(self, path: str) -> str | None:
        """Forget the file at ``path`` (absolute); its graph goes when no other file gives it."""
        from ..runs import source_iri

        record = self._forget(path)
        if record is None or self.session is None:
            return None
        if self.batch is not None:
            self.batch.settle((path,))
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
        from ..runs import run_quads

        if self.session is not None:
            self.session.add_quads(
                run_quads(
                    self.run.id,
                    base_iri=self.base_iri,
                    started=self.run.started,
                    ended=datetime.now(UTC).replace(microsecond=0),
                    outcome="completed" if self.result.ok else "failed",
                    counts=self.result.counts,
                    tool_version=self.run.tool_version,
                    pipeline=self.pipeline,
                )
            )


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
    from ..graph import BuildRun, run_graph_iri
    from ..runs import pipeline_version

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
        from ..runs import unfinished_run_quads

        if session is not None:
            if session.unfinished:
                result.unfinished = list(session.unfinished)
                session.add_quads(unfinished_run_quads(result.unfinished, base_iri=base_iri))
                session.forget_unfinished()
                for entry in result.unfinished:
                    if on_note is not None:
                        on_note(unfinished_note(entry))
            from ..reference import reset_store

            if replace:
                reset_store(session, base_iri=base_iri)
        b = _Build(
            session,
            run,
            result,
            base_iri=base_iri,
            pipeline=pipeline_version(base_iri=base_iri, gazetteer=gazetteer),
            force=force,
            max_bytes=max_bytes,
        )
        pending_reference = session is not None and reference

        def start_reference() -> None:
            """Load the reference graphs on the loader thread while the workers go on (on a fresh
            store ~3 s that no worker shared when it ran first). Started once the first article
            is back, so the worker processes were forked before the thread had anything to do (a
            fork copies no other thread, and no lock one might hold)."""
            nonlocal pending_reference
            if pending_reference and session is not None and b.batch is not None:
                from ..reference import load_reference_graphs

                pending_reference = False
                store = session
                b.batch.start(
                    lambda: result.reference.update(
                        load_reference_graphs(
                            store, base_iri=base_iri, gazetteer=gazetteer, links=links, ontology=ontology
                        )
                    )
                )

        def to_build() -> Iterator[Path]:
            for item in listing:
                if isinstance(item, AntqError):
                    failed(item)
                elif b.needs_build(item):
                    yield item
                else:
                    tick()

        try:
            for built in iter_built_articles(
                to_build(), base_iri=base_iri, gazetteer=gazetteer, run=run, jobs=jobs, max_bytes=max_bytes
            ):
                start_reference()
                if isinstance(built, AntqError):
                    failed(built)
                else:
                    b.write(*built)
                    tick()
            start_reference()
            if b.batch is not None:
                b.batch.flush()
        finally:
            if b.batch is not None:
                b.batch.close()  # no load may go on in a session that is being closed or thrown away
        b.withdraw_vanished(paths, {os.path.abspath(p) for p in listing if isinstance(p, Path)})
        if b.labels is not None:
            b.labels.refresh()
        b.record_run()

    if store is None:
        run_in(None)
    else:
        with store.writer(op="build", run=run.id) as session:
            run_in(session)
    return result

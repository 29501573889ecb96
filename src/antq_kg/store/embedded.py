"""The embedded store: pyoxigraph on disk in immutable generations (:mod:`.layout`), or in memory.

:class:`EmbeddedStore` reads one committed generation (a snapshot: it never changes under the
reader; :meth:`EmbeddedStore.refresh` moves to the newest). Writes go through a write session,
:meth:`EmbeddedStore.writer`: the one writer (``writer.lock``) checkpoints the current generation,
writes the copy, and commits it by replacing ``HEAD``, so readers see all of a session's writes or
none; a session that raises, or a process killed half-way, leaves the store as it was. The one-shot
write methods of :class:`EmbeddedStore` (``load_file``, ``replace_graphs``…) each run in a session
of their own.

Inside a session (:class:`.session.StoreWriter`) writes take Oxigraph's fastest paths (bulk loads, no
transaction). Blank nodes of each load are renamed, so ``_:b0`` in two files are two nodes. Queries
see the union of all named graphs as their default graph (``use_default_graph_as_union``), since every
article is its own named graph; ``GRAPH ?g`` still names them.

``EmbeddedStore(None)`` is a plain in-memory store: its sessions write straight into it (a failing
session is not rolled back) and it has no snapshot to hand to other processes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from ..formats import Format
from .layout import JournalEntry, Layout, Snapshot, WriterLock, now_iso
from .rdf import LoadsQuads, check_rdf_file, rdf_file
from .session import Reads, StoreWriter, os_message

#: Where the CLI keeps its store unless ``--store`` says otherwise.
DEFAULT_STORE_PATH = Path(".antq/store")


class EmbeddedStore(Reads, LoadsQuads):
    """A :class:`~.protocol.Store` on pyoxigraph: on disk in generations, or (``path=None``) in memory.

    ``wait`` says what a write does when another process is writing: wait for it (calling
    ``on_wait`` with a one-line message first) or fail with ``StoreError``. Opening a folder that
    holds no store creates one, unless ``read_only`` or not ``create``.
    """

    def __init__(
        self,
        path: str | Path | None = DEFAULT_STORE_PATH,
        *,
        read_only: bool = False,
        wait: bool = True,
        on_wait: Callable[[str], None] | None = None,
        create: bool = True,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.wait = wait
        self.on_wait = on_wait
        #: Writes of other processes found interrupted (killed) and cleaned up by this store.
        self.recovered: list[JournalEntry] = []
        self._mem: ox.Store | None = ox.Store() if self.path is None else None
        self._snap: Snapshot | None = None
        self._reader: ox.Store | None = None
        if self.path is None:
            return
        self._layout = Layout(self.path)
        try:
            if self._layout.current() is None:
                if read_only or not create or self._layout.marked:
                    self._layout.snapshot()  # raises the StoreError that says why
                with self._locked("create"):
                    self._layout.ensure()
            elif self._layout.marked:
                self._tidy()
            self._open(self._layout.snapshot())
        except OSError as exc:
            raise StoreError(os_message(exc), path=self.path) from exc

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path) if self.path else None!r}, read_only={self.read_only})"

    # -- snapshots ----------------------------------------------------------------------------------

    def _ox(self) -> ox.Store:
        if self._mem is not None:
            return self._mem
        if self._reader is None:
            raise StoreError("store is closed", path=self.path)
        return self._reader

    def _open(self, snap: Snapshot) -> None:
        try:
            reader = ox.Store.read_only(str(snap.path))
        except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB found the files inconsistent
            snap.release()
            raise StoreError(os_message(exc), path=self.path) from exc
        old = self._snap
        self._snap, self._reader = snap, reader
        if old is not None:
            old.release()

    def _close_reader(self) -> None:
        self._reader = None
        if self._snap is not None:
            self._snap.release()
            self._snap = None

    @property
    def generation(self) -> str | None:
        """The name of the generation this store reads (``None`` in memory)."""
        return self._snap.name if self._snap is not None else None

    def checkpoint(self, target: str | Path) -> None:
        """A copy of the generation this store reads, written to the new folder ``target`` (Oxigraph's
        backup, a RocksDB checkpoint: hard links where the file system allows, so it costs next to
        nothing): open it with ``pyoxigraph.Store(target)`` to work on a copy that the store never sees.
        ``StoreError`` for an in-memory store."""
        if self.path is None:
            raise StoreError("an in-memory store has no generation on disk to copy")
        try:
            self._ox().backup(str(target))
        except OSError as exc:
            raise StoreError(os_message(exc), path=self.path) from exc

    @contextlib.contextmanager
    def scratch(self, prefix: str) -> Iterator[Path]:
        """A private empty folder to work in, removed afterwards: in the store's directory (its file
        system, so :meth:`checkpoint` there is hard links; a killed owner's folder is removed by the
        next caller, see :meth:`antq_kg.store.layout.Layout.scratch`), or a temporary folder when the
        store's directory cannot be written. ``StoreError`` for an in-memory store."""
        if self.path is None:
            raise StoreError("an in-memory store has no directory to work in")
        with contextlib.ExitStack() as stack:
            try:
                folder = stack.enter_context(self._layout.scratch(prefix))
            except OSError:  # a read-only store directory
                folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=f"antq-{prefix}-")))
            yield folder

    def snapshot(self) -> Snapshot:
        """The newest committed generation, pinned while the returned object lives: open its
        ``path`` with ``pyoxigraph.Store.read_only``; its ``name`` changes on every commit."""
        if self.path is None:
            raise StoreError(
                "an in-memory store has no snapshot on disk (write it to a store directory first)"
            )
        return self._layout.snapshot()

    def refresh(self) -> bool:
        """Read the newest committed generation from now on; True when it changed."""
        if self.path is None:
            return False
        snap = self._layout.snapshot()
        if self._snap is not None and snap.name == self._snap.name:
            snap.release()
            return False
        self._open(snap)
        return True

    # -- the write session --------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self, what: str, wait: bool | None = None) -> Iterator[None]:
        assert self.path is not None
        lock = WriterLock(self._layout.lock.path)
        self.path.mkdir(parents=True, exist_ok=True)
        lock.acquire(what=f"antq-kg {what}", wait=self.wait if wait is None else wait, on_wait=self.on_wait)
        try:
            yield
        finally:
            lock.release()

    def _recover(self) -> None:
        """With the lock held: remove killed writers' generations; remember what they were doing."""
        layout = self._layout
        layout.remove_unfinished()
        journal = layout.read_journal()
        stale = journal.current
        if stale is None:
            return
        journal.current = None
        if stale.generation not in layout.generations():  # else it committed; only this note was lost
            self.recovered.append(stale)
            if stale.op == "build":
                journal.unfinished.append(stale)
        layout.write_journal(journal)

    def _tidy(self) -> None:
        """On opening: clean up after a killed writer when no writer is at work now."""
        layout = self._layout
        if (
            not (layout.gens.is_dir() and any(layout.gens.glob("*.tmp")))
            and layout.read_journal().current is None
        ):
            return
        with contextlib.suppress(StoreError, OSError), self._locked("open", wait=False):
            self._recover()

    @contextlib.contextmanager
    def writer(
        self, *, wait: bool | None = None, op: str = "write", run: str | None = None
    ) -> Iterator[StoreWriter]:
        """A write session: commit at a clean exit (readers then see every write of it at once),
        discard on an exception or a kill. ``op`` and ``run`` (a build's run id) go to the journal,
        so that the next writer can say what did not complete.

        Another process's session first ends (``wait``, default the store's) or ``StoreError``.
        """
        if self._mem is not None:
            yield StoreWriter(self._mem, path=None)
            return
        if self.read_only:
            raise StoreError("store is open read-only", path=self.path)
        layout = self._layout
        committed = False
        try:
            with self._locked(op, wait):
                if layout.plain:  # the first write moves a plain directory's files into a generation
                    self._close_reader()
                    gc.collect()
                try:
                    layout.ensure()
                    self._recover()
                    head = layout.head()
                    assert head is not None
                    name = layout.next_name()
                    journal = layout.read_journal()
                    entry = JournalEntry(op, now_iso(), os.getpid(), name, run)
                    journal.current = entry
                    layout.write_journal(journal)
                    tmp = layout.gens / f"{name}.tmp"
                    if self._reader is not None and self.generation == head:
                        self._reader.backup(str(tmp))  # a checkpoint: hard links to HEAD's files
                    else:
                        ox.Store.read_only(str(layout.gens / head)).backup(str(tmp))
                    session = StoreWriter(ox.Store(str(tmp)), path=self.path, unfinished=journal.unfinished)
                except OSError as exc:
                    raise StoreError(os_message(exc), path=self.path) from exc
                try:
                    yield session
                    session.close()
                except BaseException as exc:
                    session.abandon()
                    shutil.rmtree(tmp, ignore_errors=True)
                    journal.current = None
                    if op == "build":
                        failed = not isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit)
                        error = (" ".join(str(exc).split()) or type(exc).__name__) if failed else None
                        journal.unfinished.append(
                            dataclasses.replace(
                                entry, outcome="failed" if failed else "incomplete", error=error
                            )
                        )
                    layout.write_journal(journal)
                    raise
                try:
                    layout.commit(name)
                    committed = True
                    journal.current = None
                    if session.forgot_unfinished:
                        journal.unfinished = []
                    layout.write_journal(journal)
                    layout.collect()
                except OSError as exc:
                    raise StoreError(os_message(exc), path=self.path) from exc
        finally:
            if not committed and self._reader is None:
                with contextlib.suppress(StoreError):
                    self.refresh()
        self.refresh()

    # -- one-shot writes: a session each ------------------------------------------------------------

    def add_quads(self, quads: Sequence[ox.Quad], *, bulk: bool = False) -> int:
        """Add already-parsed quads, all or none (``bulk``: through the bulk loader)."""
        with self.writer(op="add") as w:
            return w.add_quads(quads, bulk=bulk)

    def replace_graphs(self, quads: Iterable[ox.Quad], *, keep: Collection[str] = ()) -> int:
        """Drop every named graph the quads mention (except ``keep``, added to) and add the quads, at once."""
        with self.writer(op="replace") as w:
            return w.replace_graphs(quads, keep=keep)

    def write_quads(self, quads: Iterable[ox.Quad], *, replace: bool, keep: Collection[str] = ()) -> int:
        """Write already-parsed quads in one write session, all or none (see :meth:`StoreWriter.write_quads`)."""
        with self.writer(op="load") as w:
            return w.write_quads(quads, replace=replace, keep=keep)

    def load_file(self, path: str | Path, format: Format | None = None, *, replace: bool = False) -> int:
        """Load an RDF file (any format, gzip allowed), all or none: ``InputError`` names file, line
        and column of a syntax error before anything is written."""
        checked = check_rdf_file(rdf_file(path, format), graphs=replace)  # a bad file opens no session
        with self.writer(op="load") as w:
            return w.bulk_load(checked, replace=replace)

    def remove_graph(self, name: str) -> None:
        """Drop one named graph (no error when absent)."""
        with self.writer(op="remove") as w:
            w.remove_graph(name)

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update, all or none."""
        with self.writer(op="update") as w:
            w.update(sparql)

    def drop_graphs(self, names: Iterable[str], *, default: bool = True) -> None:
        """Drop the named graphs (and, with ``default``, empty the default graph), all at once."""
        with self.writer(op="drop") as w:
            w.drop_graphs(names, default=default)

    def clear(self) -> None:
        """Remove every quad and graph."""
        with self.writer(op="clear") as w:
            w.clear()

    def close(self) -> None:
        """Let go of the snapshot (an on-disk store holds no lock between writes)."""
        if self._mem is None:
            self._close_reader()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(
    path: str | Path | None = DEFAULT_STORE_PATH,
    *,
    read_only: bool = False,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
    create: bool = True,
) -> EmbeddedStore:
    """Open (creating if needed) the store at ``path``; ``None`` gives an in-memory store.

    >>> from antq_kg.formats import RDF_FORMATS
    >>> store = open_store(None)
    >>> store.load_bytes('<http://e/a> <http://e/p> "Hòa"@vi <http://e/g> .'.encode(), RDF_FORMATS["nquads"])
    1
    >>> store.graphs(), len(store)
    (['http://e/g'], 1)
    >>> store.query("SELECT ?o { ?s ?p ?o }").table()
    (['o'], [['Hòa']])
    """
    return EmbeddedStore(path, read_only=read_only, wait=wait, on_wait=on_wait, create=create)

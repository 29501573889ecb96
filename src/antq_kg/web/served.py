"""What a running server serves: the store snapshot its query workers read, and how a write moves it on.

Readers never see a store while it is being written (the store contract: one writer, many
readers, snapshots by generation). The query workers (:class:`antq_kg.querypool.QueryPool`) and
the pages (``/id/``, ``/doc/``, VoID) read one :class:`~antq_kg.querypool.Snapshot`, a directory
nobody writes while it is served:

- a store with generations: its current ``snapshot()``; a write goes through ``store.writer()``
  and the pool switches to the new generation when it commits;
- a plain store directory of an earlier version (no generations yet), served read-only as it is
  (the first write moves it into generations);
- an in-memory store (``serve FILE…``, tests): written to a temporary on-disk store first, again
  after each write;
- ``--no-text`` (publish spans and quotes, not the articles' full text): a derived snapshot without
  the ``nif:isString`` triples, made from whichever of the above.
- a remote SPARQL endpoint (``--store URL``, :class:`antq_kg.remote.RemoteStore`): no snapshot and
  no workers; queries go to the endpoint (:attr:`Served.remote`) under the same rules and limits.

A store with generations written by another process (``antq-kg build`` while ``serve`` runs) is
followed: its current generation is looked at again at most once a second, and the workers move to
a new one when it appears; queries never see a generation in the making.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import StoreError
from ..export import without_full_text
from ..querypool import DEFAULT_IN_MEMORY_LIMIT, DEFAULT_TIMEOUT, QueryPool, snapshot_of
from ..store import EmbeddedStore, Snapshot, Store, StoreWriter

log = logging.getLogger("antq_kg.web")

#: Seconds between two looks at a store's current generation (one small file read).
RECHECK = 1.0


def _release(snapshot: Snapshot) -> None:
    """Unpin a store's generation (a snapshot of our own has nothing to unpin)."""
    release = getattr(snapshot, "release", None)
    if callable(release):
        release()


def _copy_without_text(source: ox.Store, target: ox.Store) -> None:
    target.bulk_extend(without_full_text(source))


@dataclass(frozen=True, slots=True)
class PoolSettings:
    """How the query workers run: how many, how long a query may take, how many rows it may return."""

    workers: int | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int | None = None
    in_memory_limit: int = DEFAULT_IN_MEMORY_LIMIT


class Served:
    """The store behind one app: the snapshot served, the pages' reader, the pool, the writes."""

    def __init__(self, store: Store, *, settings: PoolSettings, no_text: bool) -> None:
        self.source = store
        self.settings = settings
        self.no_text = no_text
        self.pool = QueryPool(
            size=settings.workers, timeout=settings.timeout, in_memory_limit=settings.in_memory_limit
        )
        self._reader: Store = store
        self._snapshot: Snapshot | None = None
        self._tmp: Path | None = None
        self._names = itertools.count(1)
        self._lock: asyncio.Lock | None = None
        self._write_lock: asyncio.Lock | None = None
        self._cache: dict[tuple[str, str], Any] = {}
        self._checked = time.monotonic()
        self._source_name: str | None = None
        self._following: asyncio.Task[None] | None = None

    # -- snapshots -------------------------------------------------------------------------------------

    def _tmpdir(self) -> Path:
        if self._tmp is None:
            self._tmp = Path(tempfile.mkdtemp(prefix="antq-serve-"))
        return self._tmp

    def _own_snapshot(self, fill: Callable[[ox.Store], None]) -> Snapshot:
        name = f"s{next(self._names):06d}"
        path = self._tmpdir() / name
        target = ox.Store(str(path))
        try:
            fill(target)
            target.flush()
        except OSError as exc:
            raise StoreError(" ".join(str(exc).split()), path=path) from None
        finally:
            del target
        return Snapshot(name, path)

    def _take_snapshot(self) -> tuple[Snapshot, str]:
        """The snapshot to serve now, and the name of the source's generation it comes from.

        An in-memory source is written to a temporary on-disk store; a store on disk gives its
        current generation (pinned while served); with ``no_text`` a text-free copy is derived.
        """
        source = self.source
        if isinstance(source, EmbeddedStore) and source.path is None:
            base = self._own_snapshot(lambda target: target.bulk_extend(iter(source)))
        else:
            base = snapshot_of(source)
        if not self.no_text:
            return base, base.name
        reader = ox.Store.read_only(str(base.path))
        derived = self._own_snapshot(functools.partial(_copy_without_text, reader))
        del reader
        _release(base)
        if self._tmp is not None and base.path.parent == self._tmp:
            shutil.rmtree(base.path, ignore_errors=True)
        return derived, base.name

    @property
    def remote(self) -> bool:
        """Whether the source is a remote endpoint (answers streamed from it; nothing local to snapshot)."""
        return callable(getattr(self.source, "answer", None)) and getattr(self.source, "path", None) is None

    @property
    def snapshot(self) -> Snapshot | None:
        """The snapshot the workers read (None before the first query)."""
        return self._snapshot

    def reader(self) -> Store:
        """The store the pages read: the served snapshot, or the source until the pool starts
        (never the source when it holds texts that must not be published)."""
        if self.no_text and self._snapshot is None and not self.remote:
            raise StoreError("the text-free snapshot is not ready yet")
        return self._reader

    async def started(self) -> QueryPool:
        """The pool, started on the current snapshot on first use.

        A store with generations may be written by another process (a build): at most once per
        :data:`RECHECK` seconds its current generation is read again, and when it changed the
        workers move to it in the background (this query and those until then use the previous one).
        """
        if self._lock is None:
            self._lock = asyncio.Lock()
        if self.remote:
            raise StoreError("a remote endpoint has no query workers")
        if self._snapshot is not None:
            self._maybe_follow()
            return self.pool
        async with self._lock:
            if self._snapshot is None:
                await self._serve(await asyncio.to_thread(self._take_snapshot))
        return self.pool

    def _maybe_follow(self) -> None:
        taker = getattr(self.source, "snapshot", None)
        now = time.monotonic()
        if not callable(taker) or now - self._checked < RECHECK or self._following is not None:
            return
        self._checked = now
        try:
            current = taker()
        except Exception:  # the store is between generations or gone: keep serving what we have
            return
        name = str(current.name)
        _release(current)
        if name != self._source_name:
            self._following = asyncio.get_running_loop().create_task(self._follow())

    async def _follow(self) -> None:
        try:
            async with self._write_lock_():
                await self._serve(await asyncio.to_thread(self._take_snapshot))
        except Exception as exc:
            log.warning("could not move to the store's new generation: %s", exc)
        finally:
            self._following = None

    async def _serve(self, taken: tuple[Snapshot, str]) -> None:
        snapshot, self._source_name = taken
        await self.pool.switch(snapshot)
        old = self._snapshot
        old_dir = old.path if old else None
        self._snapshot = snapshot
        if old is not None and old is not snapshot:
            _release(old)  # the store may remove that generation once it is not the previous one
        if snapshot.path != getattr(self.source, "path", None):
            self._reader = EmbeddedStore(snapshot.path, read_only=True)
        self._cache.clear()
        if old_dir is not None and self._tmp is not None and old_dir.parent == self._tmp:
            shutil.rmtree(old_dir, ignore_errors=True)  # workers still on it keep their open files

    def cached(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()`` once per snapshot (the VoID statistics, the service description's graphs)."""
        name = self._snapshot.name if self._snapshot else "-"
        if (name, key) not in self._cache:
            self._cache[(name, key)] = make()
        return self._cache[(name, key)]

    # -- writes --------------------------------------------------------------------------------------------

    async def write(self, change: Callable[[StoreWriter], Any]) -> Any:
        """Apply ``change`` atomically through the store's writer, then serve the new snapshot.

        Writes are serialised (one writer); readers keep answering from the old snapshot until the
        new one is served, and every query that starts after this returns sees the change.
        """
        async with self._write_lock_():
            result = await asyncio.to_thread(self._apply, change)
            if not self.remote:
                await self._serve(await asyncio.to_thread(self._take_snapshot))
            return result

    def _write_lock_(self) -> asyncio.Lock:
        if self._write_lock is None:
            self._write_lock = asyncio.Lock()
        return self._write_lock

    def _apply(self, change: Callable[[StoreWriter], Any]) -> Any:
        source = self.source
        if self.remote:
            return change(source)  # type: ignore[arg-type]  # the server applies each request atomically
        if isinstance(source, EmbeddedStore) and source.read_only and source.path is not None:
            with (
                EmbeddedStore(source.path) as store,
                store.writer() as writer,
            ):  # served read-only, written here
                return change(writer)
        open_writer = getattr(source, "writer", None)
        if not callable(open_writer):
            raise StoreError("this store cannot be written through the endpoint")
        with open_writer() as writer:  # one session: committed as a new generation at a clean exit
            return change(writer)

    async def close(self) -> None:
        """Stop the workers and remove the temporary snapshots."""
        await self.pool.close()
        with contextlib.suppress(AttributeError):
            if self._reader is not self.source:
                self._reader.close()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
        self._snapshot = None


__all__ = ["PoolSettings", "Served"]

"""Query workers: SPARQL evaluated in processes that can be killed, results streamed as Oxigraph writes them.

pyoxigraph cannot interrupt a running query from Python (Oxigraph has no cancellation API), so a
server that must stop a runaway query evaluates it in a process it can kill. The processes::

    server (asyncio)  <── one Unix socket per worker ──>  worker      (one query at a time)
        │ stdin: "fork"                                      ▲ os.fork()
        └───────────────────────────────────────────────>  zygote    (one per store snapshot)

- The **zygote** opens the store's snapshot (:class:`Snapshot`, a directory that never changes:
  see the store's generations) with ``pyoxigraph.Store.read_only``; a snapshot of at most
  ``in_memory_limit`` quads is copied into an in-memory store once (Oxigraph's in-memory storage
  answers several times faster than RocksDB). It forks a worker each time the server asks; a
  forked worker shares the zygote's memory copy-on-write, so a fresh worker for a killed one
  costs a fork, not a reload. A larger snapshot is opened read-only by each worker instead.
- A **worker** reads a :class:`QueryJob`, runs it and writes the result with Oxigraph's own
  serialisers (``QuerySolutions.serialize``, ``QueryTriples.serialize``) in the negotiated format
  into length-prefixed frames: a head (result kind and format), data chunks of
  :data:`CHUNK` bytes, an end (rows, whether the row cap cut it) or an error. The socket's
  back-pressure keeps memory flat however large the result.
- The **server** side (:class:`QueryPool`) hands each job to an idle worker and reads its frames
  with a deadline: past it the worker is killed (``SIGKILL``) and a fresh one forked. A new
  snapshot (after a write) gets a new zygote and workers; the old ones finish their queries and go.

The zygote and the workers are :mod:`antq_kg.queryworker` (with the frame format); this module is
the server side.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import AntqError, NotAcceptable, QueryError, QueryTimeout, StoreError
from .formats import RDF_FORMATS, RESULT_FORMATS, Format
from .querytext import cap_limit
from .queryworker import DEFAULT_IN_MEMORY_LIMIT, FRAME_HEAD, SIZE, QueryJob, ResultEnd
from .store import Snapshot

#: Seconds a query may run before its worker is killed.
DEFAULT_TIMEOUT = 30.0


def default_workers() -> int:
    """Worker processes by default: four per core (they share the zygote's memory; a query is
    CPU-bound, so more workers than cores only time-slice, which keeps short queries short).
    """
    return 4 * (os.cpu_count() or 1)


def zygote_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The zygote's environment: the server's, with glibc's allocator asked for transparent huge pages.

    ``glibc.malloc.hugetlb=1`` (glibc ≥ 2.35; ignored elsewhere, and where the kernel's
    ``transparent_hugepage`` is ``never``) makes ``malloc`` advise ``MADV_HUGEPAGE`` on its heap: the
    zygote's in-memory store and the memory a worker takes for a query come in 2 MiB pages (fewer
    page faults and TLB misses; a worker's first write to a shared page still splits that page
    and copies 4 KiB). Measured on the endpoint benchmark: about 15 % less CPU per query. A tunable
    the operator set already is kept.

    >>> zygote_environment({"PATH": "/bin"})["GLIBC_TUNABLES"]
    'glibc.malloc.hugetlb=1'
    >>> zygote_environment({"GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"})["GLIBC_TUNABLES"]
    'glibc.malloc.hugetlb=0'
    """
    env = dict(os.environ if environ is None else environ)
    tunables = env.get("GLIBC_TUNABLES", "")
    if "glibc.malloc.hugetlb" not in tunables:
        env["GLIBC_TUNABLES"] = ":".join(t for t in (tunables, "glibc.malloc.hugetlb=1") if t)
    return env


def snapshot_of(store: object) -> Snapshot:
    """The snapshot a store serves now: its ``snapshot()`` (the current generation, pinned until
    released; see the store's layout), else a directory as it is."""
    taker = getattr(store, "snapshot", None)
    if callable(taker):
        snap = taker()
        assert isinstance(snap, Snapshot)
        return snap
    path = getattr(store, "path", None)
    if path is None:
        raise StoreError("an in-memory store has no snapshot on disk (write it to a directory first)")
    return Snapshot("plain", Path(path))


@dataclass(frozen=True, slots=True)
class ResultHead:
    """What the worker answers before the first byte of the result: its kind and format."""

    kind: str
    format: Format


# -- the server side ---------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Worker:
    pid: int
    generation: _Generation
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self.writer.close()


@dataclass(eq=False)
class _Generation:
    snapshot: Snapshot
    name: str
    zygote: subprocess.Popen[bytes]
    size: int
    idle: asyncio.LifoQueue[_Worker] = field(default_factory=asyncio.LifoQueue)  # warm workers first
    workers: set[_Worker] = field(default_factory=set)
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    retired: bool = False
    in_memory: bool = False

    def fork(self) -> None:
        if self.zygote.poll() is None and self.zygote.stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                self.zygote.stdin.write(b"fork\n")
                self.zygote.stdin.flush()

    def retire(self) -> None:
        self.retired = True
        while not self.idle.empty():
            self.idle.get_nowait().writer.close()
        self._maybe_stop()

    def _maybe_stop(self) -> None:
        if self.retired and not self.workers:
            self.zygote.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.zygote.wait(timeout=5)


class QueryPool:
    """Worker processes answering :class:`QueryJob` s over a store snapshot, each query under a deadline.

    ``size`` workers (default :func:`default_workers`: four per core, so a short query runs beside
    long ones as it would on a threaded server, instead of waiting behind them; one runaway query
    always leaves workers for everyone else). Use from one asyncio event loop: ``await pool.start(snapshot)``, then
    ``async with pool.run(job) as running`` per query, ``await pool.switch(snapshot)`` after a
    write, ``await pool.close()``.
    """

    def __init__(
        self,
        *,
        size: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        in_memory_limit: int = DEFAULT_IN_MEMORY_LIMIT,
    ) -> None:
        self.size = size if size is not None else default_workers()
        self.timeout = timeout
        self.in_memory_limit = in_memory_limit
        #: the folder of the workers' socket, made when the first workers start (a pool never
        #: started, e.g. an app never served, leaves nothing behind)
        self._dir: Path | None = None
        self._address = ""
        self._server: asyncio.AbstractServer | None = None
        self._current: _Generation | None = None
        self._generations: dict[str, _Generation] = {}
        self._counter = itertools.count(1)
        self._lock: asyncio.Lock | None = None

    @property
    def snapshot(self) -> Snapshot | None:
        """The snapshot new queries run on."""
        return self._current.snapshot if self._current else None

    @property
    def in_memory(self) -> bool:
        """Whether the current snapshot is evaluated in memory."""
        return bool(self._current and self._current.in_memory)

    async def start(self, snapshot: Snapshot) -> None:
        """Start the workers on ``snapshot`` (once; later snapshots go through :meth:`switch`)."""
        if self._current is None:
            await self.switch(snapshot)

    async def switch(self, snapshot: Snapshot) -> None:
        """Serve ``snapshot`` from now on: new queries wait for its workers; running ones finish on the old."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if self._current is not None and self._current.snapshot == snapshot and snapshot.name != "plain":
                return
            if self._server is None:
                self._dir = Path(tempfile.mkdtemp(prefix="antq-pool-"))
                self._address = str(self._dir / "workers.sock")
                self._server = await asyncio.start_unix_server(self._welcome, path=self._address)
            name = f"{snapshot.name}-{next(self._counter)}"
            zygote = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "import sys; from antq_kg.queryworker import zygote_main; "
                    "zygote_main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])",
                    str(snapshot.path),
                    self._address,
                    str(self.in_memory_limit),
                    name,
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=zygote_environment(),
            )
            gen = _Generation(snapshot, name, zygote, self.size)
            self._generations[name] = gen
            assert zygote.stdout is not None
            line = (await asyncio.to_thread(zygote.stdout.readline)).decode().strip()
            if not line.startswith("ready"):
                zygote.kill()
                del self._generations[name]
                raise StoreError(
                    f"cannot open the store snapshot: {line.removeprefix('error ') or 'worker failed'}",
                    path=snapshot.path,
                )
            gen.in_memory = line.endswith("memory")
            for _ in range(self.size):
                gen.fork()
            await gen.ready.wait()
            old, self._current = self._current, gen
            if old is not None:
                old.retire()
                self._forget(old)

    def _forget(self, gen: _Generation) -> None:
        if not gen.workers:
            self._generations.pop(gen.name, None)

    async def _welcome(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            size = SIZE.unpack(await reader.readexactly(SIZE.size))[0]
            hello = json.loads(await reader.readexactly(size))
        except (asyncio.IncompleteReadError, ValueError):
            writer.close()
            return
        gen = self._generations.get(hello["generation"])
        if gen is None or gen.retired:
            writer.close()
            return
        worker = _Worker(int(hello["pid"]), gen, reader, writer)
        gen.workers.add(worker)
        gen.idle.put_nowait(worker)
        if len(gen.workers) >= gen.size:
            gen.ready.set()

    def _drop(self, worker: _Worker, *, kill: bool) -> None:
        gen = worker.generation
        gen.workers.discard(worker)
        if kill:
            worker.kill()
        else:
            worker.writer.close()
        if gen.retired:
            gen._maybe_stop()
            self._forget(gen)
        elif kill:
            gen.fork()  # a fresh worker replaces the killed one

    def _release(self, worker: _Worker) -> None:
        if worker.generation.retired:
            self._drop(worker, kill=False)
        else:
            worker.generation.idle.put_nowait(worker)

    async def run(self, job: QueryJob) -> RunningQuery:
        """Hand ``job`` to a worker; returns once the head of the result is known.

        Raises the query's error (``QueryError``, ``NotAcceptable``, ``StoreError``) or
        ``QueryTimeout`` before anything is returned; past the head, a deadline or a broken worker
        makes :meth:`RunningQuery.chunks` raise, and the caller must abort its response. The caller
        must :meth:`RunningQuery.close` what it gets (the worker goes back to the pool, or is killed
        and replaced if it had not finished).
        """
        if self._current is None:
            raise StoreError("the query workers are not running")
        deadline = time.monotonic() + self.timeout
        try:
            worker = await asyncio.wait_for(self._current.idle.get(), self.timeout)
        except TimeoutError:
            raise QueryTimeout(f"no query worker became free within {self._limit()} (all are busy)") from None
        running = RunningQuery(self, worker, deadline)
        try:
            body = json.dumps(asdict(job)).encode("utf-8")
            worker.writer.write(SIZE.pack(len(body)) + body)
            await running.start()
        except BaseException:
            running.close()
            raise
        return running

    def _limit(self) -> str:
        return f"{self.timeout:g} s"

    async def close(self) -> None:
        """Stop every worker and zygote."""
        for gen in list(self._generations.values()):
            for worker in list(gen.workers):
                worker.kill()
            gen.workers.clear()
            gen.retire()
        self._generations.clear()
        self._current = None
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None


class RunningQuery:
    """A query a worker is answering: its :attr:`head`, then :meth:`chunks`, then :attr:`end`."""

    def __init__(self, pool: QueryPool, worker: _Worker, deadline: float) -> None:
        self._pool = pool
        self._worker = worker
        self._deadline = deadline
        self.head: ResultHead | None = None
        self.first: bytes = b""
        self.end: ResultEnd | None = None
        self.finished = False
        self._closed = False

    def close(self) -> None:
        """Give the worker back (it finished) or kill and replace it (it had not); idempotent."""
        if self._closed:
            return
        self._closed = True
        if self.finished:
            self._pool._release(self._worker)
        else:
            self._pool._drop(self._worker, kill=True)

    async def _frame(self) -> tuple[bytes, bytes]:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise QueryTimeout(
                f"query stopped: it ran longer than the server's time limit of {self._pool._limit()}"
            )
        try:
            async with asyncio.timeout(remaining):
                kind, size = FRAME_HEAD.unpack(await self._worker.reader.readexactly(FRAME_HEAD.size))
                payload = await self._worker.reader.readexactly(size) if size else b""
        except TimeoutError:
            raise QueryTimeout(
                f"query stopped: it ran longer than the server's time limit of {self._pool._limit()}"
            ) from None
        except (asyncio.IncompleteReadError, ConnectionError):
            raise StoreError("the query worker died (out of memory?)") from None
        return kind, payload

    def _error(self, payload: bytes) -> AntqError:
        info = json.loads(payload)
        self.finished = True  # the worker answered: it is ready for the next job
        status, message = info["status"], info["message"]
        if status == 406:
            return NotAcceptable(message)
        return StoreError(message) if status >= 500 else QueryError(message)

    async def start(self) -> None:
        """Wait for the head of the result (all of it, when it is small): nothing goes out before."""
        kind, payload = await self._frame()
        if kind == b"X":
            raise self._error(payload)
        info = json.loads(payload)
        registry = RDF_FORMATS if info["kind"] == "graph" else RESULT_FORMATS
        self.head = ResultHead(info["kind"], registry[info["format"]])
        if not info["complete"]:
            return
        parts = []
        while not self.finished:
            kind, payload = await self._frame()
            if kind == b"D":
                parts.append(payload)
            else:
                self._finish(kind, payload)
        self.first = b"".join(parts)

    def _finish(self, kind: bytes, payload: bytes) -> None:
        if kind == b"X":
            raise self._error(payload)
        self.end = ResultEnd(**json.loads(payload))
        self.finished = True

    async def chunks(self) -> AsyncIterator[bytes]:
        """The result's bytes as the worker writes them (the first chunk included)."""
        if self.first:
            yield self.first
        while not self.finished:
            kind, payload = await self._frame()
            if kind == b"D":
                yield payload
            else:
                self._finish(kind, payload)

    async def read(self) -> bytes:
        """The whole result (for small ones)."""
        return b"".join([chunk async for chunk in self.chunks()])


def job_for(
    query: str,
    *,
    results: Format | None,
    graph: Format | None,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
    max_rows: int | None = None,
) -> QueryJob:
    """A :class:`QueryJob`; with a row cap, a SELECT's top-level ``LIMIT`` is lowered to it."""
    dataset = bool(default_graphs or named_graphs)
    return QueryJob(
        query=cap_limit(query, max_rows) if max_rows is not None else query,
        results=results.name if results else None,
        graph=graph.name if graph else None,
        default_graphs=tuple(default_graphs) if dataset else None,
        named_graphs=tuple(named_graphs) if dataset else None,
        max_rows=max_rows,
    )


__all__ = [
    "DEFAULT_IN_MEMORY_LIMIT",
    "DEFAULT_TIMEOUT",
    "QueryJob",
    "QueryPool",
    "ResultEnd",
    "ResultHead",
    "RunningQuery",
    "Snapshot",
    "job_for",
    "snapshot_of",
]

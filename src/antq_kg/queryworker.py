"""Query worker processes: the zygote that forks them and the loop that answers each :class:`QueryJob`.

The process side of :mod:`antq_kg.querypool` (which describes the whole design). The **zygote**
opens a store snapshot with ``pyoxigraph.Store.read_only``, copies it into an in-memory store when
it has at most ``in_memory_limit`` quads, says ``ready`` on stdout and forks a worker for each
``fork`` line on stdin; the forked workers share its memory copy-on-write. A **worker** connects
to the server's Unix socket, then for each job runs the query (dataset as
:func:`antq_kg.store.dataset_options` says) and writes the result with Oxigraph's own serialisers
(``QuerySolutions.serialize``, ``QueryTriples.serialize``, ``pyoxigraph.serialize`` for a capped
graph) into frames.

Frames: one type byte (``H`` head, ``D`` data, ``E`` end, ``X`` error), a 4-byte big-endian length,
the payload (JSON for ``H``/``E``/``X``). Jobs go the other way as a 4-byte length and JSON.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import socket
import struct
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

import pyoxigraph as ox

from .errors import AntqError
from .formats import RDF_FORMATS, RESULT_FORMATS, Format

#: Bytes of result per data frame (Oxigraph writes 8 KiB at a time; fewer, larger frames mean fewer
#: wake-ups of the server process per result, which counts on a busy machine).
CHUNK = 1024 * 1024
#: Snapshots up to this many quads are evaluated in memory (about 600 MB per million quads).
DEFAULT_IN_MEMORY_LIMIT = 5_000_000

#: A frame's head: its type byte and the payload's length.
FRAME_HEAD = struct.Struct(">cI")
#: The length before a job (and a worker's hello).
SIZE = struct.Struct(">I")


@dataclass(frozen=True, slots=True)
class QueryJob:
    """A query for a worker: the text, the formats it may answer in, the dataset, the row cap.

    ``results`` / ``graph`` name the negotiated format (:mod:`antq_kg.formats`) for SELECT/ASK and
    for CONSTRUCT/DESCRIBE results; ``None`` when the client accepts none of that kind.
    """

    query: str
    results: str | None = "json"
    graph: str | None = "turtle"
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    max_rows: int | None = None


@dataclass(slots=True)
class ResultEnd:
    """What the worker says after the last byte: rows written, and whether the row cap cut the result."""

    rows: int | None = None
    capped: bool = False


# -- the worker side (runs in the forked processes) -------------------------------------------------------


class _FrameWriter:
    """A binary file for Oxigraph's serialisers that sends :data:`CHUNK`-sized ``D`` frames.

    Nothing is sent before a chunk is full or the result ends: a small result goes to the server in
    one write, its head marked ``complete`` (so the server answers it with a plain response); a
    large one goes head first, then chunk by chunk.
    """

    def __init__(self, sock: socket.socket, head: dict[str, Any], *, count: bytes | None = None) -> None:
        self.sock = sock
        self.head = head
        self.sent = False
        self.buffer = bytearray()
        self.pending = bytearray()
        self.count_token = count
        self.counted = 0
        self._tail = b""

    def _frame(self, kind: bytes, payload: bytes) -> None:
        self.pending += FRAME_HEAD.pack(kind, len(payload))
        self.pending += payload

    def _send(self, *, complete: bool) -> None:
        if not self.sent:
            head = json.dumps({**self.head, "complete": complete}).encode("utf-8")
            self.pending[:0] = FRAME_HEAD.pack(b"H", len(head)) + head
            self.sent = True
        self.sock.sendall(self.pending)
        self.pending.clear()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK:
            self.flush()
            self._send(complete=False)
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            chunk = bytes(self.buffer)
            if self.count_token:
                self.counted += (self._tail + chunk).count(self.count_token)
                self._tail = chunk[-(len(self.count_token) - 1) :]
            self._frame(b"D", chunk)
            self.buffer.clear()

    def finish(self, kind: bytes, info: dict[str, Any]) -> None:
        """Send what is left, then the end (or error) frame, in one write. An error before anything
        was sent is the whole answer (no head: the client gets the error's own status, not a
        response cut short), e.g. a ``SERVICE`` call failing before the first solution."""
        if kind == b"X" and not self.sent:
            self.buffer.clear()
            self.pending.clear()
            _send_json(self.sock, kind, info)
            self.sent = True
            return
        self.flush()
        self._frame(kind, json.dumps(info).encode("utf-8"))
        self._send(complete=kind == b"E")


def _send_json(sock: socket.socket, kind: bytes, value: dict[str, Any]) -> None:
    payload = json.dumps(value).encode("utf-8")
    sock.sendall(FRAME_HEAD.pack(kind, len(payload)) + payload)


def _recv_exactly(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        part = sock.recv(n - len(buf))
        if not part:
            return None
        buf += part
    return bytes(buf)


def _comment(fmt: Format, text: str) -> bytes | None:
    """A trailing comment in ``fmt``, where the format allows one (None for JSON, CSV, TSV, JSON-LD)."""
    if fmt.name in ("turtle", "trig", "ntriples", "nquads"):
        return f"# {text}\n".encode()
    if fmt.name in ("xml", "rdfxml"):
        return f"<!-- {text} -->\n".encode()
    return None


def _capped(triples: Iterator[ox.Triple], limit: int, end: ResultEnd) -> Iterator[ox.Triple]:
    """The first ``limit`` triples; ``end`` learns how many, and whether there were more."""
    n = 0
    for triple in triples:
        if n == limit:
            end.capped = True
            break
        yield triple
        n += 1
    end.rows = n


def run_job(store: ox.Store, job: QueryJob, sock: socket.socket) -> None:
    """Evaluate one job and write its frames (the worker's whole job, also usable in-process)."""
    from .querytext import dataset_options, sparql_syntax_message

    try:
        result = store.query(job.query, **dataset_options(job.query, job.default_graphs, job.named_graphs))
        kind = (
            "graph"
            if isinstance(result, ox.QueryTriples)
            else ("boolean" if isinstance(result, ox.QueryBoolean) else "solutions")
        )
        name = job.graph if kind == "graph" else job.results
        if name is None:
            what = {"graph": "CONSTRUCT/DESCRIBE", "boolean": "ASK", "solutions": "SELECT"}[kind]
            _send_json(
                sock,
                b"X",
                {
                    "status": 406,
                    "message": f"a {what} result cannot be written in any type the Accept header lists",
                },
            )
            return
        fmt = (RDF_FORMATS if kind == "graph" else RESULT_FORMATS)[name]
        end = ResultEnd()
        out = _FrameWriter(
            sock,
            {"kind": kind, "format": fmt.name},
            count=b"<result>" if fmt.name == "xml" and kind == "solutions" else None,
        )
        try:
            if isinstance(result, ox.QueryTriples) and job.max_rows is not None:
                assert isinstance(fmt.oxigraph, ox.RdfFormat)
                ox.serialize(_capped(result, job.max_rows, end), out, fmt.oxigraph)  # type: ignore[arg-type]
            else:
                result.serialize(out, fmt.oxigraph)  # type: ignore[arg-type]
        except (OSError, ValueError, SyntaxError, RuntimeError) as exc:  # mid-result, e.g. a SERVICE failing
            if isinstance(exc, BrokenPipeError | ConnectionResetError):
                raise
            out.finish(
                b"X",
                {
                    "status": 503 if isinstance(exc, OSError) else 400,
                    "message": _message(job.query, exc, "query failed"),
                },
            )
            return
        if kind == "solutions" and out.count_token:
            end.rows = out.counted
            end.capped = job.max_rows is not None and out.counted >= job.max_rows
        if end.capped:
            note = (
                f"result cut at {job.max_rows} rows by the server's row cap"
                if kind == "graph"
                else f"result reached the server's row cap of {job.max_rows} rows; there may be more"
            )
            out.write(_comment(fmt, note) or b"")
        out.finish(b"E", asdict(end))
    except SyntaxError as exc:
        _send_json(sock, b"X", {"status": 400, "message": sparql_syntax_message(exc)})
    except AntqError as exc:
        _send_json(sock, b"X", {"status": 400, "message": str(exc)})
    except (ValueError, TypeError, RuntimeError) as exc:
        _send_json(sock, b"X", {"status": 400, "message": " ".join(str(exc).split()) or "query failed"})
    except OSError as exc:
        if isinstance(exc, BrokenPipeError | ConnectionResetError):
            raise
        _send_json(sock, b"X", {"status": 503, "message": _message(job.query, exc, "store error")})


def _message(sparql: str, exc: Exception, default: str) -> str:
    """The one-line message of a query's failure (a failed ``SERVICE`` call names its endpoint)."""
    from .querytext import service_failure

    failure = service_failure(sparql, exc) if isinstance(exc, OSError) else None
    return str(failure) if failure is not None else " ".join(str(exc).split()) or default


def _worker_loop(store: ox.Store, sock: socket.socket) -> None:
    while True:
        head = _recv_exactly(sock, SIZE.size)
        if head is None:
            return
        body = _recv_exactly(sock, SIZE.unpack(head)[0])
        if body is None:
            return
        fields = json.loads(body)
        for key in ("default_graphs", "named_graphs"):
            if fields.get(key) is not None:
                fields[key] = tuple(fields[key])
        run_job(store, QueryJob(**fields), sock)


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when the process that started it dies (prctl PR_SET_PDEATHSIG)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)


def in_memory_copy(disk: ox.Store) -> ox.Store:
    """An in-memory store holding what ``disk`` holds, laid out for fast queries.

    The quads go through N-Quads in an unnamed temporary file (removed when closed, or when the
    process dies): ``Store.load`` parses them in Rust and inserts them one after another, so the
    store's nodes sit in memory in the order they were written. Inserting from a Python iterator
    (``bulk_extend(disk)``) interleaves them with the Python objects made for each quad, and
    Oxigraph's bulk loader with its threads' batches: measured on the 1M-quad endpoint benchmark,
    the same queries then take 20–45 % more CPU time. Without room for the temporary file (about
    200 bytes a quad, in ``TMPDIR``) the copy is made the slower way.
    """
    try:
        memory = ox.Store()
        with tempfile.TemporaryFile() as nquads:
            disk.dump(nquads, ox.RdfFormat.N_QUADS)
            nquads.seek(0)
            memory.load(nquads, ox.RdfFormat.N_QUADS)
    except OSError:
        memory = ox.Store()
        memory.bulk_extend(disk)
    return memory


def zygote_main(snapshot: str, address: str, in_memory_limit: int, generation: str) -> None:
    """The zygote: open the snapshot, say ``ready`` on stdout, fork a worker per ``fork`` line on stdin.

    It ends when its stdin closes (the server stopped or retired it); its workers die with it.
    """
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # forked workers are reaped by the kernel
    shared: ox.Store | None = None
    try:
        disk = ox.Store.read_only(snapshot)
        quads = len(disk)
        if quads <= in_memory_limit:
            shared = in_memory_copy(disk)
        del disk
    except OSError as exc:
        print(f"error {' '.join(str(exc).split())}", flush=True)
        return
    print(f"ready {quads} {'memory' if shared is not None else 'disk'}", flush=True)
    for line in sys.stdin:
        if line.strip() != "fork":
            continue
        if os.fork() == 0:
            try:
                _die_with_parent()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                store = shared if shared is not None else ox.Store.read_only(snapshot)
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                sock.connect(address)
                hello = json.dumps({"pid": os.getpid(), "generation": generation}).encode()
                sock.sendall(SIZE.pack(len(hello)) + hello)
                _worker_loop(store, sock)
            finally:
                os._exit(0)


__all__ = [
    "CHUNK",
    "DEFAULT_IN_MEMORY_LIMIT",
    "FRAME_HEAD",
    "SIZE",
    "QueryJob",
    "ResultEnd",
    "in_memory_copy",
    "run_job",
    "zygote_main",
]

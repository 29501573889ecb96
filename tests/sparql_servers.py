"""Real SPARQL servers for the remote-store tests, on 127.0.0.1, each in a temporary directory.

- **Oxigraph server** (``oxigraph serve`` from the ``oxigraph`` PyPI package, a test dependency),
  started with ``--union-default-graph`` so that queries see the named graphs as the default graph,
  as the embedded store does. SPARQL at ``/query``, Update at ``/update``, Graph Store at ``/store``.
- **Virtuoso** (Debian's ``virtuoso-opensource-7-bin``, installed by ``scripts/ensure-virtuoso.sh``
  before pytest runs): ``virtuoso-t`` with a generated ``virtuoso.ini`` (ports on 127.0.0.1, the
  database in the temporary directory), then ``isql-vt`` sets a fresh ``dba`` password and grants
  ``SPARQL_UPDATE`` to the anonymous ``SPARQL`` user. SPARQL (and Update) at ``/sparql``, the same
  with Digest authentication at ``/sparql-auth``; Graph Store at ``/sparql-graph-crud`` and
  ``/sparql-graph-crud-auth``.

Each server is stopped (and its directory removed) when its context ends.
"""

from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

VIRTUOSO = "virtuoso-t"
ISQL = "isql-vt"
ENSURE_VIRTUOSO = "scripts/ensure-virtuoso.sh"


@dataclass(frozen=True)
class SparqlServer:
    """Where a running server answers, and the credentials of its writer (if it needs them)."""

    name: str
    query: str
    update: str
    graph_store: str
    user: str | None = None
    password: str | None = None
    update_auth: str | None = None
    graph_store_auth: str | None = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{process.args!r} exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}"
            )
        try:
            if httpx.post(url, data={"query": "ASK { ?s ?p ?o }"}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"{url} did not answer within {seconds:g} s: {log.read_text(errors='replace')[-2000:]}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def oxigraph_server(*, union_default_graph: bool = True) -> Iterator[SparqlServer]:
    """``oxigraph serve`` on a free port of 127.0.0.1 with an on-disk store in a temporary directory."""
    binary = Path(sys.executable).with_name("oxigraph")
    if not binary.exists():
        found = shutil.which("oxigraph")
        if found is None:
            raise RuntimeError(
                "the oxigraph server is not installed (pip install oxigraph, a test dependency)"
            )
        binary = Path(found)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="antq-oxigraph-") as tmp:
        log = Path(tmp) / "server.log"
        union = ["--union-default-graph"] if union_default_graph else []
        with log.open("wb") as out:
            process = subprocess.Popen(
                [
                    str(binary),
                    "serve",
                    "--location",
                    str(Path(tmp) / "data"),
                    "--bind",
                    f"127.0.0.1:{port}",
                    *union,
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(f"{base}/query", process, log)
            yield SparqlServer("oxigraph", f"{base}/query", f"{base}/update", f"{base}/store")
        finally:
            _stop(process)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = {dir}
MaxQueryMem = 500M

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 8
ServerThreads = 8
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


def virtuoso_missing() -> str | None:
    """Why Virtuoso cannot run here (``None`` when it can)."""
    missing = [b for b in (VIRTUOSO, ISQL) if shutil.which(b) is None]
    if missing:
        return f"{' and '.join(missing)} not found: run `sh {ENSURE_VIRTUOSO}` (make test does)"
    return None


def _isql(sql_port: int, password: str, script: str) -> None:
    done = subprocess.run(
        [ISQL, f"127.0.0.1:{sql_port}", "dba", password, f"exec={script}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql failed: {done.stdout[-1000:]} {done.stderr[-1000:]}")


@contextmanager
def virtuoso_server() -> Iterator[SparqlServer]:
    """Debian's Virtuoso on free ports of 127.0.0.1, database in a temporary directory."""
    reason = virtuoso_missing()
    if reason:
        raise RuntimeError(reason)
    sql_port, http_port = free_port(), free_port()
    password = secrets.token_hex(8)
    with tempfile.TemporaryDirectory(prefix="antq-virtuoso-") as tmp:
        ini = Path(tmp) / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(dir=tmp, sql_port=sql_port, http_port=http_port), encoding="utf-8")
        log = Path(tmp) / "stdout.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [VIRTUOSO, "-f", "-c", str(ini)], cwd=tmp, stdout=out, stderr=subprocess.STDOUT
            )
        base = f"http://127.0.0.1:{http_port}"
        try:
            _wait_until_up(f"{base}/sparql", process, Path(tmp) / "virtuoso.log")
            _isql(
                sql_port, "dba", f"USER_SET_PASSWORD('dba', '{password}'); GRANT SPARQL_UPDATE TO \"SPARQL\";"
            )
            yield SparqlServer(
                "virtuoso",
                f"{base}/sparql",
                f"{base}/sparql",
                f"{base}/sparql-graph-crud",
                user="dba",
                password=password,
                update_auth=f"{base}/sparql-auth",
                graph_store_auth=f"{base}/sparql-graph-crud-auth",
            )
        finally:
            try:
                _isql(sql_port, password, "shutdown;")
                process.wait(timeout=30)
            except (RuntimeError, subprocess.SubprocessError):
                pass
            _stop(process)

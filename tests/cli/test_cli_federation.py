"""Federated SERVICE clauses from the CLI: refused unless the endpoint is allow-listed."""

from __future__ import annotations

import socket
from pathlib import Path

from typer.testing import CliRunner

from antq_kg.cli import app

QUERY = "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _store(tmp_path: Path) -> Path:
    data = tmp_path / "a.ttl"
    data.write_text(
        "<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n", encoding="utf-8"
    )
    store = tmp_path / "store"
    result = CliRunner().invoke(app, ["--store", str(store), "load", str(data)])
    assert result.exit_code == 0, result.output
    return store


def test_a_service_not_in_the_allow_list_is_refused_in_one_line(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/sparql"
    result = CliRunner().invoke(app, ["--store", str(_store(tmp_path)), "query", QUERY.format(url=url)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: SERVICE <{url}> is not allowed here (federated queries are off)\n"


def test_an_allowed_service_is_called(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/sparql"
    store = _store(tmp_path)
    result = CliRunner().invoke(
        app, ["--store", str(store), "query", "--allow-service", url, QUERY.format(url=url)]
    )
    # the call went out (and failed: nothing listens there), rather than being refused up front
    assert result.exit_code == 2
    assert "not allowed" not in result.stderr
    assert result.stderr.startswith(f"Error: {url}: the SERVICE call failed: ")  # not the store's fault
    assert result.stderr.count("\n") == 1 and str(store) not in result.stderr

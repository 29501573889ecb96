"""Shared fixtures: paths to the project's data and to ``../shared`` when present."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import sparql_servers
from antq_kg.errors import GazetteerError
from antq_kg.gazetteer import Gazetteer
from sparql_servers import SparqlServer

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "data" / "articles" / "hung-yen-antq.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article in ``data/articles``."""
    return SEED


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The bundled gazetteer (``data/gazetteer``), loaded once; a skip with the reason when it is absent."""
    try:
        return Gazetteer.load()
    except GazetteerError as exc:
        pytest.skip(f"gazetteer data not available: {exc}")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared``, or a skip with the reason when it is not beside the project."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}")
    return SHARED


@pytest.fixture(autouse=True)
def _loopback_bypasses_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk only to 127.0.0.1: never through an HTTP proxy the environment may name.

    SPARQLWrapper, rdflib and httpx honour ``*_PROXY`` even for loopback unless ``NO_PROXY`` says otherwise.
    """
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost,::1")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost,::1")


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[SparqlServer]:
    """An Oxigraph server on 127.0.0.1 (union default graph), for the whole session."""
    with sparql_servers.oxigraph_server() as server:
        yield server


@pytest.fixture(scope="session")
def virtuoso_server() -> Iterator[SparqlServer]:
    """Debian's Virtuoso on 127.0.0.1, for the whole session; a skip naming the install script when absent."""
    reason = sparql_servers.virtuoso_missing()
    if reason:
        pytest.skip(reason)
    with sparql_servers.virtuoso_server() as server:
        yield server

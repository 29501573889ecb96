"""Shared fixtures: the project's data and the test corpora (all in the repository), and the
hypothesis profiles.

``HYPOTHESIS_PROFILE=ci`` (what ``.ci/run`` sets) runs the property tests derandomized, so a CI
failure reproduces, with more examples for the tests that leave the count to the profile; ``dev``
(the default) is hypothesis' usual randomized search.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import sparql_servers
from antq_kg.gazetteer import Gazetteer
from sparql_servers import SparqlServer

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEED = ROOT / "data" / "articles" / "hung-yen-antq.txt"

settings.register_profile("dev", deadline=None)
settings.register_profile(
    "ci",
    max_examples=400,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article in ``data/articles``."""
    return SEED


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The packaged gazetteer (the repository's ``data/gazetteer``), loaded once."""
    return Gazetteer.load()


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    """The development corpus: ``articles/NN.txt`` and ``gold/NN.json`` (``tests/data/dev``)."""
    return DATA / "dev"


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

"""Shared helpers for the web tests: a small Vietnamese dataset and a uvicorn server in a thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from antq_kg.formats import RDF_FORMATS
from antq_kg.store import EmbeddedStore, open_store

EX = "http://example.org/"
TRIG = f"""@prefix ex: <{EX}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:graph1 {{
  ex:hy rdfs:label "tỉnh Hưng Yên"@vi ; ex:code "33" .
  ex:nh rdfs:label "xã Nhân Hòa"@vi ; ex:parent ex:mh .
  ex:mh rdfs:label "huyện Mỹ Hào"@vi ; ex:parent ex:hy .
  ex:pct rdfs:label "100%25 hoàn thành"@vi .
}}
ex:graph2 {{
  ex:c1 ex:value 161 ; rdfs:label "ban hòa giải"@vi .
}}
"""


def sample_store() -> EmbeddedStore:
    """An in-memory store with two named graphs of Vietnamese labels."""
    store = open_store(None)
    store.load_bytes(TRIG.encode("utf-8"), RDF_FORMATS["trig"], source="sample.trig")
    return store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_in_thread(app: FastAPI) -> Iterator[str]:
    """Run ``app`` under uvicorn on 127.0.0.1 in a background thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", h11_max_incomplete_event_size=256 * 1024
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60  # the app starts its query workers first
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def loaded_store_dir(tmp_path: Path, trig: str) -> str:
    """A store directory holding ``trig``, loaded with ``antq-kg load`` as a user would."""
    from typer.testing import CliRunner

    from antq_kg.cli import app

    data = tmp_path / "data.trig"
    data.write_text(trig, encoding="utf-8")
    store = str(tmp_path / "store")
    result = CliRunner().invoke(app, ["--store", store, "load", str(data)])
    assert result.exit_code == 0, result.output
    return store

"""The query page in a real browser: Debian's chromium, headless, runs the page's JavaScript against
the endpoint served by uvicorn, and the DOM it leaves behind shows the results table.

Needs ``/usr/bin/chromium`` (``scripts/ensure-chromium.sh`` installs it); skipped with the reason
when it is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from antq_kg.web import create_app
from web_support import sample_store, serve_in_thread

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed (run scripts/ensure-chromium.sh)"),
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    qdir = tmp_path_factory.mktemp("queries")
    (qdir / "places.rq").write_text(
        "# Các đơn vị hành chính?\n# Which administrative units?\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?unit ?label WHERE { ?unit rdfs:label ?label ; <http://example.org/parent> ?up } ORDER BY ?label\n",
        encoding="utf-8",
    )
    app = create_app(sample_store(), base_iri="https://w3id.org/antq/", queries_dir=qdir)
    with serve_in_thread(app) as url:
        yield url


def dump_dom(url: str, tmp_path: Path) -> str:
    """The DOM after the page's scripts ran (virtual time lets the fetch finish)."""
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000", "--dump-dom", url,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def cells(dom: str) -> list[str]:
    return re.findall(r"<td[^>]*>(?:<a [^>]*>)?([^<]*)", dom)


def test_query_from_the_url_runs_and_fills_the_table(base_url: str, tmp_path: Path) -> None:
    query = 'SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(CONTAINS(?label, "Hòa") || CONTAINS(?label, "%25")) } ORDER BY ?label'
    dom = dump_dom(f"{base_url}/?query={quote(query)}", tmp_path)
    assert 'data-state="done"' in dom
    assert "2 rows in" in dom
    assert cells(dom) == ["100%25 hoàn thành", "xã Nhân Hòa"]
    assert '<td lang="vi" data-type="literal">xã Nhân Hòa</td>' in dom


def test_competency_query_button_loads_and_runs(base_url: str, tmp_path: Path) -> None:
    dom = dump_dom(f"{base_url}/#q=places", tmp_path)
    assert "Các đơn vị hành chính?" in dom
    assert "2 rows in" in dom
    assert cells(dom) == ["http://example.org/mh", "huyện Mỹ Hào", "http://example.org/nh", "xã Nhân Hòa"]


def test_a_bad_query_shows_the_server_message(base_url: str, tmp_path: Path) -> None:
    dom = dump_dom(f"{base_url}/?query={quote('SELEC ?x')}", tmp_path)
    assert 'data-state="error"' in dom
    assert re.search(r'<p class="error" id="error">SPARQL syntax error at 1:\d+', dom)
    assert "Error 400" in dom

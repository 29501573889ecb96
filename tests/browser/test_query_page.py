"""The query page in a real browser: Debian's chromium, headless, runs the page's JavaScript against
the endpoint served by uvicorn, and the DOM it leaves behind shows the results table.

Needs ``/usr/bin/chromium`` (``scripts/ensure-chromium.sh`` installs it); skipped with the reason
when it is missing. The browser is driven over the DevTools protocol (``cdp.py``).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from cdp import Chromium

from antq_kg.formats import RDF_FORMATS
from antq_kg.store import open_store
from antq_kg.web import create_app
from web_support import sample_store, serve_in_thread

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="chromium not installed (run scripts/ensure-chromium.sh)"
    ),
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


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    with Chromium(CHROMIUM, tmp_path_factory.mktemp("profile")) as chromium:
        yield chromium


@pytest.fixture
def dump_dom(browser: Chromium) -> Callable[[str], str]:
    """The DOM of a page once loaded and, on the query page, once its query has finished."""

    def dump(url: str) -> str:
        page = browser.page()
        page.goto(url)
        page.wait_for(
            "!document.getElementById('query-form') || ['done', 'error'].includes(document.body.dataset.state)"
        )
        html: str = page.evaluate("document.documentElement.outerHTML")
        page.close()
        return html

    return dump


def cells(dom: str) -> list[str]:
    return re.findall(r"<td[^>]*>(?:<a [^>]*>)?([^<]*)", dom)


def test_query_from_the_url_runs_and_fills_the_table(base_url: str, dump_dom: Callable[[str], str]) -> None:
    query = 'SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(CONTAINS(?label, "Hòa") || CONTAINS(?label, "%25")) } ORDER BY ?label'
    dom = dump_dom(f"{base_url}/?query={quote(query)}")
    assert 'data-state="done"' in dom
    assert "2 rows in" in dom
    assert cells(dom) == ["100%25 hoàn thành", "xã Nhân Hòa"]
    assert '<td lang="vi" data-type="literal">xã Nhân Hòa</td>' in dom


def test_competency_query_button_loads_and_runs(base_url: str, dump_dom: Callable[[str], str]) -> None:
    dom = dump_dom(f"{base_url}/#q=places")
    assert "Các đơn vị hành chính?" in dom
    assert "2 rows in" in dom
    assert cells(dom) == ["http://example.org/mh", "huyện Mỹ Hào", "http://example.org/nh", "xã Nhân Hòa"]


def test_a_bad_query_shows_the_server_message(base_url: str, dump_dom: Callable[[str], str]) -> None:
    dom = dump_dom(f"{base_url}/?query={quote('SELEC ?x')}")
    assert 'data-state="error"' in dom
    assert re.search(r'<p class="error" id="error">SPARQL syntax error at line 1, column \d+', dom)
    assert "Error 400" in dom


ID = "https://w3id.org/antq/id/"
LD_TRIG = f"""@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix gaf: <http://groundedannotationframework.org/gaf#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
<{ID}graph/a> {{
  <{ID}place/thon-lo-xa> rdfs:label "thôn Lỗ Xá"@vi ; gaf:denotedBy <{ID}article/a/text#char=4,14> .
  <{ID}article/a/text#char=4,14> nif:beginIndex 4 ; nif:endIndex 14 ; nif:anchorOf "thôn Lỗ Xá" ;
    nif:referenceContext <{ID}article/a/text> .
  <{ID}article/a/text> <http://www.w3.org/ns/prov#wasDerivedFrom> <{ID}article/a> .
  <{ID}article/a> <https://w3id.org/antq/ontology#sourcePath> "a.txt" .
}}
"""


@pytest.fixture(scope="module")
def ld_url() -> Iterator[str]:
    """A store whose IRIs are under the app's base IRI, so result cells link to local pages."""
    store = open_store(None)
    store.load_bytes(LD_TRIG.encode("utf-8"), RDF_FORMATS["trig"], source="ld.trig")
    with serve_in_thread(create_app(store, base_iri="https://w3id.org/antq/")) as url:
        yield url


def test_a_result_iri_links_to_its_page_and_the_link_opens_it(
    ld_url: str, dump_dom: Callable[[str], str]
) -> None:
    query = (
        "SELECT ?thing ?span WHERE { ?thing <http://groundedannotationframework.org/gaf#denotedBy> ?span }"
    )
    dom = dump_dom(f"{ld_url}/?query={quote(query)}")
    assert "1 row in" in dom
    hrefs = re.findall(r'<td data-type="uri"><a href="([^"]*)">([^<]*)</a>', dom)
    assert hrefs == [
        ("/id/place/thon-lo-xa", f"{ID}place/thon-lo-xa"),
        ("/id/article/a/text%23char=4,14", f"{ID}article/a/text#char=4,14"),
    ]
    page = dump_dom(ld_url + hrefs[0][0])  # the click: /id/… → 303 → /doc/…
    assert '<h1 lang="vi">thôn Lỗ Xá</h1>' in page
    assert '<q lang="vi">thôn Lỗ Xá</q>' in page
    assert re.search(r'<td class="num">4</td><td class="num">14</td>', page)
    span = dump_dom(ld_url + hrefs[1][0])
    assert f"<code>{ID}article/a/text#char=4,14</code>" in span


def test_an_ontology_term_in_the_results_links_to_its_definition(
    ld_url: str, dump_dom: Callable[[str], str]
) -> None:
    query = "SELECT ?term WHERE { VALUES ?term { <https://w3id.org/antq/ontology#rank> <http://www.w3.org/ns/org#holds> } }"
    dom = dump_dom(f"{ld_url}/?query={quote(query)}")
    assert re.findall(r'<td data-type="uri"><a href="([^"]*)"', dom) == [
        "/def/rank",
        "http://www.w3.org/ns/org#holds",
    ]
    # Shown by the prefixes of the project's table, the full IRI in the link's title.
    assert re.findall(r'<a href="[^"]*" title="([^"]*)">([^<]*)</a>', dom) == [
        ("https://w3id.org/antq/ontology#rank", "antq:rank"),
        ("http://www.w3.org/ns/org#holds", "org:holds"),
    ]

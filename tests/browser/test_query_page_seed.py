"""The query page as a researcher uses it, in Debian's headless chromium, over the seed's graph.

A real uvicorn server on 127.0.0.1 serves the store built from the seed article of ``data/articles``
(``pipeline.build``, as ``make serve`` builds the whole folder; one province keeps query 02 one chart)
with the project's ``queries/``. The browser is driven over
the DevTools protocol (``cdp.py``) with real mouse and key events: a competency query runs from its
button, the table, row count and chart appear, every result format downloads through the endpoint and
reads back as the same rows, a query typed with Ctrl+Enter leads by a link to an entity's page, a
DESCRIBE offers the RDF formats, and a syntax error points the cursor at its line and column. The
expected answers come from the store itself, never from a copy in the test.

A screenshot of the page after query 02 is left at ``.antq/screenshots/query-page.png`` to look at.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from cdp import Chromium, Page

from antq_kg.formats import RDF_FORMATS, RESULT_FORMATS
from antq_kg.gazetteer import Gazetteer
from antq_kg.pipeline import build
from antq_kg.store import EmbeddedStore, open_store, term_text
from antq_kg.web import DEFAULT_QUERIES_DIR, create_app
from conftest import ROOT, SEED
from web_support import serve_in_thread

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOT = ROOT / ".antq" / "screenshots" / "query-page.png"
UNIT_COUNTS = "02-grassroots-unit-counts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="chromium not installed (run scripts/ensure-chromium.sh)"
    ),
]


@pytest.fixture(scope="module")
def store() -> Iterator[EmbeddedStore]:
    store = open_store(None)
    result = build([SEED], gazetteer=Gazetteer.load(), store=store)
    assert result.ok, result.errors
    yield store
    store.close()


@pytest.fixture(scope="module")
def base_url(store: EmbeddedStore) -> Iterator[str]:
    with serve_in_thread(create_app(store, base_iri="https://w3id.org/antq/")) as url:
        yield url


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[Chromium]:
    with Chromium(CHROMIUM, tmp_path_factory.mktemp("profile")) as chromium:
        chromium.allow_downloads(downloads)
        yield chromium


@pytest.fixture
def page(browser: Chromium, base_url: str) -> Page:
    """The query page, loaded, with its editor in place."""
    page = browser.page()
    page.goto(base_url + "/")
    page.wait_for("document.body.dataset.editor === 'codemirror'")
    return page


def competency_query(name: str) -> str:
    return (DEFAULT_QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")


def finished(page: Page) -> str:
    """The page's state once the query it runs has finished (``done`` or ``error``)."""
    state: str = page.wait_for(
        "['done', 'error'].includes(document.body.dataset.state) && document.body.dataset.state"
    )
    return state


def shown_table(page: Page) -> tuple[list[str], list[list[str]]]:
    """The results table's header and cells (an IRI shown by its prefixed name read as the full IRI)."""
    header, rows = page.evaluate(
        "[[...document.querySelectorAll('#results-table th')].map((th) => th.textContent),"
        " [...document.querySelectorAll('#results-table tbody tr')]"
        "   .map((tr) => [...tr.cells].map((td) => td.querySelector('a[title]')?.title || td.textContent))]"
    )
    return header, rows


def download(browser: Chromium, page: Page, downloads: Path, fmt: str, filename: str) -> bytes:
    """Click the download button of a format and read the file the browser saved."""
    target = downloads / filename
    target.unlink(missing_ok=True)
    before = len(browser.events)
    page.click(f'#downloads .download[data-format="{fmt}"]')
    started = browser.wait_event("Browser.downloadWillBegin", since=before, suggestedFilename=filename)
    browser.wait_event("Browser.downloadProgress", since=before, guid=started["guid"], state="completed")
    return target.read_bytes()


def test_a_competency_query_shows_its_table_count_time_and_chart(page: Page, store: EmbeddedStore) -> None:
    header, rows = store.query(competency_query(UNIT_COUNTS)).table()
    page.click(f'.load-query[data-name="{UNIT_COUNTS}"]')
    assert finished(page) == "done"
    assert page.evaluate(
        "[...document.querySelectorAll('.load-query[aria-current]')].map((b) => b.dataset.name)"
    ) == [UNIT_COUNTS]
    assert shown_table(page) == (header, rows)
    assert re.fullmatch(
        rf"{len(rows)} rows in \d+ ms", page.evaluate("document.getElementById('status').textContent")
    )

    # One label column that varies (the unit phrase), one numeric (the value): one bar per row.
    bars = page.evaluate(
        "[...document.querySelectorAll('#chart .bar')].map((g) =>"
        " [g.querySelector('.label').textContent, g.querySelector('rect').dataset.value,"
        "  g.querySelector('rect').getBBox().width])"
    )
    value, unit = header.index("value"), header.index("unit")
    assert [(label, v) for label, v, _ in bars] == [(row[unit], row[value]) for row in rows]
    widths = [w for _, _, w in bars]
    assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1] > 0  # rows come largest first
    caption = page.evaluate("document.querySelector('#chart figcaption').textContent")
    assert caption == f"value by unit; province: {rows[0][header.index('province')]}"

    page.screenshot(SCREENSHOT)
    assert SCREENSHOT.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_every_result_format_downloads_through_the_endpoint_with_the_same_rows(
    browser: Chromium, page: Page, downloads: Path, store: EmbeddedStore
) -> None:
    result = store.query(competency_query(UNIT_COUNTS))
    header, rows = result.table()
    page.click(f'.load-query[data-name="{UNIT_COUNTS}"]')
    assert finished(page) == "done"
    offered = page.evaluate(
        "[...document.querySelectorAll('#downloads .download')].map((b) => b.dataset.format)"
    )
    assert offered == list(RESULT_FORMATS)

    text = download(browser, page, downloads, "csv", f"{UNIT_COUNTS}.csv").decode("utf-8")
    assert list(csv.reader(io.StringIO(text))) == [header, *rows]
    for name, fmt in RESULT_FORMATS.items():
        if name == "csv":  # lossy by design (SPARQL 1.1 Results CSV §2), read above as plain CSV
            continue
        data = download(browser, page, downloads, name, f"{UNIT_COUNTS}.{fmt.extension}")
        solutions = ox.parse_query_results(data, fmt.oxigraph)
        assert isinstance(solutions, ox.QuerySolutions), name
        assert [str(v)[1:] for v in solutions.variables] == header, name
        assert [[term_text(s[v]) for v in header] for s in solutions] == rows, name


def test_a_typed_query_runs_with_ctrl_enter_and_a_result_link_opens_the_entity_page(
    page: Page, store: EmbeddedStore
) -> None:
    body = "SELECT ?person ?name WHERE { ?person a foaf:Person ; foaf:name ?name } ORDER BY ?name"
    page.click(".cm-content")
    page.press("a", "KeyA", 65, ctrl=True)
    page.type_text(body)
    page.click("#prefixes summary")
    page.click('.insert-prefix[data-prefix="foaf"]')
    query = page.evaluate("document.getElementById('query').value")
    assert query == f"PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n{body}"
    assert page.evaluate("window.antqEditor.state.doc.toString()") == query

    page.click(".cm-content")
    page.press("Enter", "Enter", 13, ctrl=True)
    assert finished(page) == "done"
    header, rows = store.query(query).table()
    assert rows and shown_table(page) == (header, rows)

    href = page.evaluate(
        "document.querySelector('#results-table td[data-type=\"uri\"] a').getAttribute('href')"
    )
    assert href.startswith("/id/person/")
    page.click('#results-table td[data-type="uri"] a')  # /id/… answers 303 → /doc/…
    page.wait_for("location.pathname.startsWith('/doc/person/') && document.readyState === 'complete'")
    assert page.evaluate("location.pathname") == "/doc/" + href.removeprefix("/id/")
    assert page.evaluate("document.querySelector('h1').textContent") == rows[0][1]


def test_a_describe_is_shown_as_triples_and_offers_every_rdf_format(
    browser: Chromium, base_url: str, downloads: Path, store: EmbeddedStore
) -> None:
    person = store.query(
        "SELECT ?p WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> } ORDER BY ?p LIMIT 1"
    ).table()[1][0][0]
    query = f"DESCRIBE <{person}>"
    page = browser.page()
    page.goto(f"{base_url}/?query={quote(query)}")
    assert finished(page) == "done"
    _, triples = store.query(query).table()
    assert re.fullmatch(
        rf"{len(triples)} triples in \d+ ms", page.evaluate("document.getElementById('status').textContent")
    )
    header, shown = shown_table(page)
    assert header == ["subject", "predicate", "object"]
    assert sorted(shown) == sorted(triples)
    predicates = page.evaluate(
        "[...document.querySelectorAll('#results-table tbody tr')].map((tr) => tr.cells[1].textContent)"
    )
    assert "foaf:name" in predicates and "rdf:type" in predicates  # by the project's prefixes
    offered = page.evaluate(
        "[...document.querySelectorAll('#downloads .download')].map((b) => b.dataset.format)"
    )
    assert offered == list(RDF_FORMATS)
    turtle = download(browser, page, downloads, "turtle", "result.ttl")
    assert sorted(
        [term_text(q.subject), term_text(q.predicate), term_text(q.object)]
        for q in ox.parse(turtle, ox.RdfFormat.TURTLE)
    ) == sorted(triples)
    jsonld = json.loads(download(browser, page, downloads, "jsonld", "result.jsonld"))
    assert person in json.dumps(jsonld)


def test_a_syntax_error_is_shown_as_text_and_the_cursor_goes_to_its_line_and_column(
    browser: Chromium, base_url: str
) -> None:
    query = "SELECT ?s\nWHERE { ?s ?p }"
    page = browser.page()
    page.goto(f"{base_url}/?query={quote(query)}")
    assert finished(page) == "error"
    page.wait_for("document.body.dataset.editor === 'codemirror'")
    message = page.evaluate("document.getElementById('error').textContent")
    line, column = map(int, re.search(r"\bline (\d+), column (\d+)\b", message).groups())  # type: ignore[union-attr]
    assert line == 2
    assert page.evaluate("document.getElementById('error-position').textContent") == (
        f"At line {line}, column {column} of the query."
    )
    offset = sum(len(part) + 1 for part in query.split("\n")[: line - 1]) + column - 1
    page.wait_for(f"window.antqEditor.state.selection.main.head === {offset}")

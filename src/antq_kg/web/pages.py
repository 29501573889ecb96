"""Pages for people: the query page at ``/`` listing the competency queries of ``queries/*.rq``.

A competency query file starts with a header comment: its first line is the title, the next comment
lines the description (the question in Vietnamese and English). ``/?query=…`` preloads the editor and
runs the query on load (a shareable link).

The page's script is told what it must not keep a copy of: the prefixes it offers come from the
project's prefix table (:data:`antq_kg.vocab.PREFIXES`), the download formats from the format
registry (:mod:`antq_kg.formats`), in the registry's order, each with the media type the script sends
as ``Accept``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..formats import RDF_FORMATS, RESULT_FORMATS, Format
from ..resources import web_templates_dir
from ..vocab import PREFIXES
from . import StoreDep

router = APIRouter()
templates = Jinja2Templates(directory=str(web_templates_dir()))


@dataclass(frozen=True, slots=True)
class CompetencyQuery:
    """A ``.rq`` file: its name, the title and description from its header comment, the query."""

    name: str
    title: str
    description: str
    text: str

    @property
    def question(self) -> str:
        """The description's first line (the question in English)."""
        return self.description.split("\n", 1)[0]

    @property
    def notes(self) -> str:
        """The description after its first line (how to read the answer), if any."""
        return self.description.partition("\n")[2]


#: The label a header line may open with ("Câu hỏi:" is Vietnamese for "Question:"): not part of the title.
_LABEL = re.compile(r"^(?:Câu hỏi|Question)\s*:\s*", re.IGNORECASE)


def read_competency_query(path: Path) -> CompetencyQuery:
    """Parse one ``.rq`` file's header comment (a leading "Câu hỏi:" / "Question:" label is dropped).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "leader.rq"
    >>> _ = p.write_text("# Ai lãnh đạo Công an tỉnh?\\n# Who leads the provincial police?\\nSELECT * {}\\n")
    >>> q = read_competency_query(p)
    >>> q.title, q.description
    ('Ai lãnh đạo Công an tỉnh?', 'Who leads the provincial police?')
    >>> _ = p.write_text("# Câu hỏi: Ai?\\n# Question: Who?\\n# Columns: a, b.\\nSELECT * {}\\n")
    >>> q = read_competency_query(p)
    >>> q.title, q.question, q.notes
    ('Ai?', 'Who?', 'Columns: a, b.')
    """
    text = path.read_text(encoding="utf-8")
    header: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        header.append(stripped.lstrip("#").strip())
    header = [_LABEL.sub("", h, count=1) for h in header if h]
    title = header[0] if header else path.stem.replace("_", " ").replace("-", " ")
    return CompetencyQuery(path.stem, title, "\n".join(header[1:]), text)


def competency_queries(directory: Path | None) -> list[CompetencyQuery]:
    """Every ``*.rq`` in ``directory`` by file name (none when the directory is missing)."""
    if directory is None or not directory.is_dir():
        return []
    return [read_competency_query(p) for p in sorted(directory.glob("*.rq"))]


#: How the download buttons name each format (display only; the formats are the registry's).
FORMAT_LABELS: dict[str, str] = {
    "json": "SPARQL JSON",
    "xml": "SPARQL XML",
    "csv": "CSV",
    "tsv": "TSV",
    "turtle": "Turtle",
    "trig": "TriG",
    "ntriples": "N-Triples",
    "nquads": "N-Quads",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF/XML",
}


def download_formats() -> dict[str, list[dict[str, str]]]:
    """Every format the endpoint offers, for the page's download buttons: results first, then RDF.

    >>> [f["label"] for f in download_formats()["results"]]
    ['SPARQL JSON', 'SPARQL XML', 'CSV', 'TSV']
    >>> download_formats()["rdf"][0]
    {'name': 'turtle', 'label': 'Turtle', 'media_type': 'text/turtle', 'extension': 'ttl'}
    """

    def describe(fmt: Format) -> dict[str, str]:
        label = FORMAT_LABELS.get(fmt.name, fmt.name.upper())
        return {"name": fmt.name, "label": label, "media_type": fmt.media_type, "extension": fmt.extension}

    return {
        "results": [describe(f) for f in RESULT_FORMATS.values()],
        "rdf": [describe(f) for f in RDF_FORMATS.values()],
    }


_EXAMPLE = """SELECT ?graph (COUNT(*) AS ?triples)
WHERE { GRAPH ?graph { ?s ?p ?o } }
GROUP BY ?graph
ORDER BY ?graph"""


@router.get("/", response_class=HTMLResponse)
def query_page(request: Request, store: StoreDep) -> HTMLResponse:
    """The query form with the competency queries."""
    queries = competency_queries(request.app.state.queries_dir)
    initial = request.query_params.get("query") or (queries[0].text if queries else _EXAMPLE)
    return templates.TemplateResponse(
        request,
        "index.html",
        {
            "queries": queries,
            "initial": initial,
            "autorun": "query" in request.query_params,
            "quads": len(store),
            "graphs": len(store.graphs()),
            "base_iri": request.app.state.base_iri,
            "id_prefix": request.app.state.urls.id_prefix,
            "def_prefix": request.app.state.urls.ontology,
            "prefixes": PREFIXES,
            "formats": download_formats(),
        },
    )

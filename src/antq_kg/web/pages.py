"""Pages for people: the query page at ``/`` listing the competency queries of ``queries/*.rq``.

A competency query file starts with a header comment: its first line is the title, the next comment
lines the description (issue 2: "a header comment stating the question in Vietnamese and English").
``/?query=…`` preloads the form and runs the query on load (a shareable link).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..resources import web_templates_dir
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


def read_competency_query(path: Path) -> CompetencyQuery:
    """Parse one ``.rq`` file's header comment.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "leader.rq"
    >>> _ = p.write_text("# Ai lãnh đạo Công an tỉnh?\\n# Who leads the provincial police?\\nSELECT * {}\\n")
    >>> q = read_competency_query(p)
    >>> q.title, q.description
    ('Ai lãnh đạo Công an tỉnh?', 'Who leads the provincial police?')
    """
    text = path.read_text(encoding="utf-8")
    header: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        header.append(stripped.lstrip("#").strip())
    header = [h for h in header if h]
    title = header[0] if header else path.stem.replace("_", " ").replace("-", " ")
    return CompetencyQuery(path.stem, title, "\n".join(header[1:]), text)


def competency_queries(directory: Path | None) -> list[CompetencyQuery]:
    """Every ``*.rq`` in ``directory`` by file name (none when the directory is missing)."""
    if directory is None or not directory.is_dir():
        return []
    return [read_competency_query(p) for p in sorted(directory.glob("*.rq"))]


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
        },
    )

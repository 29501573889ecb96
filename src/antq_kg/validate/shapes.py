"""The shapes and the ontology a validation reads, and rdflib graphs for pySHACL.

The shapes are ``ontology/shapes.ttl`` and the ontology ``ontology/antq.ttl`` (:mod:`antq_kg.resources`),
read from the project, never from the store. :class:`Shapes` splits the shapes by where they run:
on each data graph, or once on the union (``shape:acrossGraphs true``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.query import Result

from ..errors import OntologyError
from ..resources import ontology_file, shapes_file
from .report import ACROSS_GRAPHS

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query

    from .checks import Check

SH = ns.SH

#: The shapes and the ontology shipped with the package (:mod:`antq_kg.resources`).
DEFAULT_SHAPES = shapes_file()
DEFAULT_ONTOLOGY = ontology_file()
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def load_graph(source: Graph | str | Path | None, default: Path) -> Graph:
    """A graph from a ``Graph``, a path, or the default file (raises :class:`OntologyError`)."""
    if isinstance(source, Graph):
        return source
    path = Path(source) if source is not None else default
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise OntologyError("file not found", path=path) from exc
    except (OSError, SyntaxError, ValueError) as exc:  # unreadable; rdflib's BadSyntax is a SyntaxError
        raise OntologyError(f"cannot parse: {' '.join(str(exc).split())}", path=path) from exc


@functools.lru_cache(maxsize=256)
def _prepared(text: str, namespaces: tuple[tuple[str, str], ...]) -> Query:
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs=dict(namespaces))


class _DataGraph(Graph):
    """A graph that parses each SPARQL query text once: pySHACL sends a SHACL-SPARQL constraint's
    text (and its own lookups) for every focus node, and rdflib would parse the text every time."""

    def query(self, query_object: str | Query, *args: Any, **kwargs: Any) -> Result:
        if isinstance(query_object, str):
            given = kwargs.pop("initNs", None) or (args[2] if len(args) > 2 else None) or {}
            query_object = _prepared(query_object, tuple(sorted((k, str(v)) for k, v in given.items())))
            if len(args) > 2:
                args = (*args[:2], None, *args[3:])
        return super().query(query_object, *args, **kwargs)


def union_graph(data: Graph | Dataset, *extra: Graph) -> Graph:
    """A new graph with all triples of ``data`` (every graph of a ``Dataset``) and of ``extra``."""
    out = _DataGraph()
    if isinstance(data, Dataset):
        for s, p, o, _g in data.quads((None, None, None, None)):
            out.add((s, p, o))
    else:
        out += data
    for g in extra:
        out += g
    return out


@dataclass(frozen=True)
class Shapes:
    """The shapes split by where they run, and the ontology they are checked with.

    ``per_graph`` holds every shape but with the targets of the ``shape:acrossGraphs`` shapes
    removed, ``across_graphs`` the reverse, ``every`` all of them (for a single graph).
    """

    every: Graph
    per_graph: Graph
    across_graphs: Graph
    ontology: Graph

    @classmethod
    def load(
        cls, shapes: Graph | str | Path | None = None, ontology: Graph | str | Path | None = None
    ) -> Shapes:
        """The project's shapes and ontology (or the given ones); :class:`OntologyError` if unreadable."""
        every = load_graph(shapes, DEFAULT_SHAPES)
        return cls(
            every,
            _scoped(every, across=False),
            _scoped(every, across=True),
            load_graph(ontology, DEFAULT_ONTOLOGY),
        )

    def across_graph_shapes(self) -> set[str]:
        """The shapes run on the union (``shape:acrossGraphs true``)."""
        return {str(s) for s in self.every.subjects(ACROSS_GRAPHS, Literal(True)) if isinstance(s, URIRef)}

    @functools.cached_property
    def compiled(self) -> tuple[list[Check], set[str]]:
        """The shapes compiled to SPARQL (:func:`antq_kg.validate.compile.compile_shapes`), once."""
        from .compile import compile_shapes

        return compile_shapes(self.every, self.ontology)

    @functools.cached_property
    def ontology_ntriples(self) -> bytes:
        """The ontology as N-Triples (to load it into an Oxigraph store)."""
        return self.ontology.serialize(format="nt", encoding="utf-8")


def _scoped(shapes: Graph, *, across: bool) -> Graph:
    """A copy of ``shapes`` where only the shapes of one scope keep their targets."""
    out = Graph()
    out += shapes
    for s in {s for t in _TARGETS for s in shapes.subjects(t, None)}:
        if ((s, ACROSS_GRAPHS, Literal(True)) in shapes) != across:
            for t in _TARGETS:
                out.remove((s, t, None))
    return out

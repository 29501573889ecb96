"""Validation: SHACL (https://www.w3.org/TR/shacl/) over the built graph, with a typed report.

Wraps ``pyshacl.validate`` (0.40) and returns a :class:`ValidationReport` instead of pySHACL's
untyped 3-tuple (``../shared/docs/STYLE.md`` §1, §2.13). The shapes are ``ontology/shapes.ttl``;
the ontology ``ontology/antq.ttl`` is mixed into (a copy of) the data graph so that the concept
schemes (ranks, admin levels, qualifiers…) are visible to the shapes. (pySHACL's ``ont_graph`` is
only mixed in when inference runs, so it is not used.)

A ``Dataset`` is validated as the **union** of its graphs (article graphs and run graph together).
pySHACL 0.40.1 given a ``Dataset`` also reads it as one union, not graph by graph
(``tests/test_shapes.py`` pins this); the union is taken here explicitly because the ontology is
added to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.term import Node

from .errors import OntologyError
from .resources import ontology_file, shapes_file

SH = ns.SH

#: The shapes and the ontology shipped with the package (:mod:`antq_kg.resources`).
DEFAULT_SHAPES = shapes_file()
DEFAULT_ONTOLOGY = ontology_file()

_SEVERITY: dict[Node | None, str] = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One SHACL result: the node at fault, the path, the shape, the message and its severity."""

    focus_node: str
    path: str | None
    shape: str
    message: str
    severity: str
    value: str | None = None

    def text(self) -> str:
        """One line in plain words.

        >>> ValidationResult("ex:a", "foaf:name", "shape:PersonName", "A person must have a name.", "Violation").text()
        'Violation: A person must have a name. (ex:a, foaf:name; shape:PersonName)'
        """
        where = self.focus_node if self.path is None else f"{self.focus_node}, {self.path}"
        value = "" if self.value is None else f", value {self.value}"
        return f"{self.severity}: {self.message} ({where}{value}; {self.shape})"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of :func:`validate`: whether the data conforms, and every result."""

    conforms: bool
    results: tuple[ValidationResult, ...]

    def text(self) -> str:
        """The report in plain words: a verdict line, then one line per result.

        >>> ValidationReport(True, ()).text()
        'The graph conforms to the antq-kg shapes.'
        """
        if self.conforms and not self.results:
            return "The graph conforms to the antq-kg shapes."
        verdict = "The graph conforms" if self.conforms else "The graph does not conform"
        n = len(self.results)
        lines = [f"{verdict}: {n} result{'s' if n != 1 else ''}."]
        lines += [r.text() for r in self.results]
        return "\n".join(lines)

    def messages(self) -> set[str]:
        """The distinct messages of the results."""
        return {r.message for r in self.results}

    def shapes(self) -> set[str]:
        """The distinct shapes (IRIs) that reported."""
        return {r.shape for r in self.results}


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


def union_graph(data: Graph | Dataset, *extra: Graph) -> Graph:
    """A new graph with all triples of ``data`` (every graph of a ``Dataset``) and of ``extra``."""
    out = Graph()
    if isinstance(data, Dataset):
        for s, p, o, _g in data.quads((None, None, None, None)):
            out.add((s, p, o))
    else:
        out += data
    for g in extra:
        out += g
    return out


def validate(
    data: Graph | Dataset,
    *,
    shapes: Graph | str | Path | None = None,
    ontology: Graph | str | Path | None = None,
) -> ValidationReport:
    """Validate ``data`` against the antq-kg shapes; a ``Dataset`` is validated as one union graph."""
    import pyshacl

    shapes_graph = load_graph(shapes, DEFAULT_SHAPES)
    ont_graph = load_graph(ontology, DEFAULT_ONTOLOGY)
    conforms, report, _text = pyshacl.validate(
        union_graph(data, ont_graph),
        shacl_graph=shapes_graph,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    if not isinstance(report, Graph):
        raise OntologyError(f"pySHACL returned no report graph: {report!r}")
    return ValidationReport(conforms=bool(conforms), results=tuple(_results(report, shapes_graph)))


def _short(g: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):  # a prefixed name, or <iri> (normalizeUri never raises)
        return g.namespace_manager.normalizeUri(node)
    if isinstance(node, Literal):
        return repr(str(node))
    return str(node)


def _results(report: Graph, shapes: Graph) -> list[ValidationResult]:
    out: list[ValidationResult] = []
    for r in report.subjects(ns.RDF.type, SH.ValidationResult):
        shape: Any = report.value(r, SH.sourceShape)
        constraint = report.value(r, SH.sourceConstraint)
        if isinstance(constraint, URIRef):  # a named SPARQL constraint reports on its node shape
            shape = constraint
        message = report.value(r, SH.resultMessage) or shapes.value(shape, SH.message)
        out.append(
            ValidationResult(
                focus_node=_short(shapes, report.value(r, SH.focusNode)) or "",
                path=_short(shapes, report.value(r, SH.resultPath)),
                shape=_short(shapes, shape) or "",
                message=str(message or "(no message)"),
                severity=_SEVERITY.get(report.value(r, SH.resultSeverity), "Violation"),
                value=_short(shapes, report.value(r, SH.value)),
            )
        )
    out.sort(key=lambda x: (x.shape, x.focus_node, x.path or "", x.value or ""))
    return out

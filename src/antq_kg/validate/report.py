"""The validation report: typed results (focus node, path, value, shape, severity, messages, graphs).

Both engines (:mod:`.pyshacl_engine`, :mod:`.sparql_engine`) return these records; the report's text
and JSON forms are the same whichever engine found the results. Terms are written as SHACL's
validation report (https://www.w3.org/TR/shacl/#validation-report) names them: full IRIs, ``_:label``
blank nodes, literals in N-Triples syntax.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.term import Node

from ..vocab import PREFIXES

SH = ns.SH

#: Namespace of the shapes (prefix ``shape:``).
SHAPE = "https://w3id.org/antq/shapes#"
#: ``true`` on a shape run once on the union of the graphs instead of on each graph.
ACROSS_GRAPHS = URIRef(f"{SHAPE}acrossGraphs")
_SEVERITY: dict[Node | None, str] = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_SHORT = sorted(({**PREFIXES, "shape": SHAPE}).items(), key=lambda kv: -len(kv[1]))


def severity_name(node: Node | None) -> str:
    """``Violation``, ``Warning`` or ``Info`` for a ``sh:severity`` (SHACL §2.1.4; none: Violation)."""
    return _SEVERITY.get(node, "Violation")


def short(term: str) -> str:
    """A full IRI as ``prefix:local`` when a project prefix covers it, else ``<IRI>``; other terms as given.

    >>> short("https://w3id.org/antq/shapes#IC11"), short("https://w3id.org/antq/id/graph/x"), short('"x"@vi')
    ('shape:IC11', '<https://w3id.org/antq/id/graph/x>', '"x"@vi')
    """
    if not term.startswith(("http://", "https://", "urn:")):
        return term
    for prefix, namespace in _SHORT:
        local = term[len(namespace) :]
        if term.startswith(namespace) and local and all(c.isalnum() or c in "_-." for c in local):
            return f"{prefix}:{local}"
    return f"<{term}>"


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One SHACL result: the node at fault, the path, the shape, the message in English and
    Vietnamese, its severity, and the graphs it is in. Terms are full IRIs (``"…"@vi`` for literals)."""

    focus_node: str
    path: str | None
    shape: str
    message: str
    severity: str
    value: str | None = None
    graphs: tuple[str, ...] = ()
    message_vi: str | None = None

    def text(self) -> str:
        """One line in plain words (and, when there is one, the Vietnamese message on the next).

        >>> print(ValidationResult("https://e/a", "http://xmlns.com/foaf/0.1/name", "https://w3id.org/antq/shapes#PersonName",
        ...       "A person must have a name.", "Violation", graphs=("https://e/g",), message_vi="Người phải có tên.").text())
        Violation in <https://e/g>: A person must have a name. (<https://e/a>, foaf:name; shape:PersonName)
            vi: Người phải có tên.
        """
        where = (
            short(self.focus_node) if self.path is None else f"{short(self.focus_node)}, {short(self.path)}"
        )
        value = "" if self.value is None else f", value {short(self.value)}"
        graphs = (
            f" in {', '.join(short(g) if g else 'the default graph' for g in self.graphs)}"
            if self.graphs
            else ""
        )
        line = f"{self.severity}{graphs}: {self.message} ({where}{value}; {short(self.shape)})"
        return line if not self.message_vi else f"{line}\n    vi: {self.message_vi}"

    def to_json(self) -> dict[str, Any]:
        """The result for machines (``antq-kg validate --format json``)."""
        return {
            "severity": self.severity,
            "graphs": list(self.graphs),
            "focusNode": self.focus_node,
            "path": self.path,
            "value": self.value,
            "shape": self.shape,
            "message": {"en": self.message, **({"vi": self.message_vi} if self.message_vi else {})},
        }


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of :func:`validate`: whether the data conforms, every result, and the graphs
    that were checked one by one (empty when a single graph was checked)."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    graphs: tuple[str, ...] = ()

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        """The results that make the data fail."""
        return tuple(r for r in self.results if r.severity == "Violation")

    @property
    def warnings(self) -> tuple[ValidationResult, ...]:
        """The results that are reported but allowed (warnings and infos)."""
        return tuple(r for r in self.results if r.severity != "Violation")

    def text(self) -> str:
        """The report in plain words: a verdict line, then the results.

        >>> ValidationReport(True, ()).text()
        'The graph conforms to the antq-kg shapes.'
        >>> ValidationReport(True, (), ("urn:a", "urn:b")).text()
        'The graph conforms to the antq-kg shapes (2 graphs checked one by one, then their union).'
        """
        checked = (
            f" ({len(self.graphs)} graph{_s(self.graphs)} checked one by one, then their union)"
            if self.graphs
            else ""
        )
        if self.conforms and not self.results:
            return f"The graph conforms to the antq-kg shapes{checked}."
        n, w = len(self.violations), len(self.warnings)
        if self.conforms:
            lines = [f"The graph conforms to the antq-kg shapes{checked}, with {w} warning{_s(w)}:"]
        else:
            lines = [
                f"The graph does not conform to the antq-kg shapes{checked}: "
                f"{n} violation{_s(n)}, {w} warning{_s(w)}."
            ]
        lines += [r.text() for r in (*self.violations, *self.warnings)]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The report for machines (``antq-kg validate --format json``)."""
        return {
            "conforms": self.conforms,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "graphs": list(self.graphs),
            "results": [r.to_json() for r in (*self.violations, *self.warnings)],
        }

    def json_text(self) -> str:
        """:meth:`to_json` as a JSON document, indented by two spaces but for each result, which is one
        line of its own (written by the json module's C encoder: a report of 35,000 results is written
        in a fraction of the time the indenting encoder takes, and a line is a finding to grep for).

        >>> print(ValidationReport(True, ()).json_text())
        {
          "conforms": true,
          "violations": 0,
          "warnings": 0,
          "graphs": [],
          "results": []
        }
        """
        document = self.to_json()
        results = document.pop("results")
        head = json.dumps(document, ensure_ascii=False, indent=2).removesuffix("\n}")
        if not results:
            return f'{head},\n  "results": []\n}}'
        encode = json.JSONEncoder(ensure_ascii=False).encode
        lines = ",\n".join(f"    {encode(r)}" for r in results)
        return f'{head},\n  "results": [\n{lines}\n  ]\n}}'

    def messages(self) -> set[str]:
        """The distinct English messages of the results."""
        return {r.message for r in self.results}

    def shapes(self) -> set[str]:
        """The distinct shapes that reported, as ``shape:Name``."""
        return {short(r.shape) for r in self.results}


def _s(n: int | Sequence[object]) -> str:
    return "" if (n if isinstance(n, int) else len(n)) == 1 else "s"


def node_text(node: Node | None) -> str | None:
    """An rdflib term as the report writes it."""
    if node is None:
        return None
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def path_text(graph: Graph, node: Node | None) -> str | None:
    """A SHACL property path as text: an IRI, ``^p`` (inverse), ``(p|q)`` (alternatives), ``p/q``."""
    if node is None or isinstance(node, URIRef):
        return node_text(node)
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return f"^{short(path_text(graph, inverse) or '')}"
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return f"({'|'.join(short(path_text(graph, p) or '') for p in graph.items(alternatives))})"
    if (node, ns.RDF.first, None) in graph:
        return "/".join(short(path_text(graph, p) or "") for p in graph.items(node))
    return node_text(node)

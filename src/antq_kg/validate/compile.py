"""SHACL shapes compiled to SPARQL: one SELECT per (shape, constraint) returning every violation at once.

SHACL (https://www.w3.org/TR/shacl/) defines validation node by node: for each focus node of a shape
(§2.1 targets), the value nodes reached by its path (§2.3.1), each constraint component (§4) decides.
:class:`Compiler` writes each (shape, constraint component) as one SPARQL 1.1 SELECT whose solutions
are *all* the results of that component over the graphs checked, set at a time:

* the focus nodes: ``sh:targetClass`` (instances of the class and of its ``rdfs:subClassOf*``
  subclasses, §2.1.3.3), ``sh:targetNode`` (§2.1.3.1), ``sh:targetSubjectsOf`` / ``sh:targetObjectsOf``
  (§2.1.3.4/5); a property shape reached by ``sh:property`` takes its node shape's focus nodes;
* the value nodes: the focus node for a node shape, the ``sh:path`` values for a property shape
  (IRI, ``sh:inversePath``, ``sh:alternativePath``, sequence paths; §2.3.1);
* the component's condition (§4.1–4.8) as a FILTER, a GROUP BY … HAVING (counts) or a join (pairs);
* ``sh:node``, ``sh:or``, ``sh:and``, ``sh:xone``, ``sh:not`` and ``sh:qualifiedValueShape`` (§4.5,
  §4.6, §4.7.2) need "does this value node conform to that shape": :meth:`Compiler.conforms` writes it
  as a SPARQL boolean expression (EXISTS / NOT EXISTS over the nested shape's own constraints);
* SHACL-SPARQL constraints (§5): the ``sh:select`` body is joined with the focus-node pattern instead of
  being run once per pre-bound ``$this`` (``$this`` is the variable ``?this``; ``$PATH`` is the shape's
  path, §5.3.1), with the shape's ``sh:prefixes`` (§5.2.1).

A check is *per graph* (each data graph judged with the ontology, its solutions carry the graph ``?_g``:
:mod:`.scoping`) or *across graphs* (``shape:acrossGraphs true``: on the union). A shape feature the
compiler does not know raises :class:`~antq_kg.errors.OntologyError` naming the shape: nothing is
skipped silently. The checks are records of :mod:`.checks`, which also runs those of one focus-node
group as one query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.collection import Collection
from rdflib.term import Node

from ..errors import OntologyError
from . import scoping
from .checks import ALONE, Check, ValueFrom
from .report import ACROSS_GRAPHS, path_text, severity_name, short
from .scoping import GRAPH_VAR, Path, Presence, Scoper, rename_this, scope_body, split_select

SH = ns.SH
RDF, RDFS = ns.RDF, ns.RDFS
#: The SHACL terms named by Python keywords.
SH_CLASS, SH_IN, SH_OR, SH_AND, SH_NOT = (URIRef(f"{SH}{k}") for k in ("class", "in", "or", "and", "not"))

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
#: What a shape may say; any other term of the SHACL namespace on a shape is an unsupported feature.
_KNOWN = {
    *_TARGETS,
    SH.property, SH.sparql, SH.path, SH.minCount, SH.maxCount, SH.datatype, SH_CLASS, SH.nodeKind,
    SH_IN, SH.hasValue, SH.pattern, SH.flags, SH.languageIn, SH.uniqueLang, SH.minInclusive,
    SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.minLength, SH.maxLength, SH.lessThan,
    SH.lessThanOrEquals, SH.equals, SH.disjoint, SH.node, SH_OR, SH_AND, SH.xone, SH_NOT,
    SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.severity, SH.message,
    SH.name, SH.description, SH.order, SH.group, SH.deactivated, SH.defaultValue,
}  # fmt: skip
_SPARQL_KNOWN = {SH.select, SH.prefixes, SH.message, SH.deactivated, SH.name, SH.description}
_COMPARE = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
_NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}


#: One data-graph pattern of a check's WHERE as written by :class:`.scoping.Scoper`.
_DATA_PATTERN = re.compile(r"GRAPH \?_g \{ (\S+) (<[^<>\s]*>|a) (\S+) \}")


def term(node: Node) -> str:
    """An RDF term of the shapes graph in SPARQL syntax."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise OntologyError(f"a blank node {node.n3()} cannot be a constant of a compiled check")


class Compiler:
    """Compiles the shapes graph (with the ontology's class hierarchy) into :class:`Check`s."""

    def __init__(
        self,
        shapes: Graph,
        ontology: Graph,
        data: Presence | None = None,
        excluded: Iterable[str] = (),
        reference: Iterable[str] = (),
    ) -> None:
        self.g = shapes
        self.ontology = ontology
        self.in_ontology = Presence(
            frozenset(str(p) for p in ontology.predicates()),
            frozenset(str(c) for c in ontology.objects(None, RDF.type)),
        )
        self.in_data = data or Presence()
        #: Named graphs that are no data graph (reference and run graphs): never a graph checked.
        self.excluded = sorted(excluded)
        #: The reference graphs: not in the union the cross-graph checks read.
        self.reference = tuple(f"<{g}>" for g in sorted(reference))
        self.scoper = Scoper()
        self.closures: set[str] = set()
        #: The focus variables of the enclosing checks of a nested ``sh:node`` (see :meth:`_details`).
        self.outer: list[str] = []

    # -- shapes -------------------------------------------------------------------------------------

    def checks(self) -> list[Check]:
        """Every check of every shape that has targets, in a stable order."""
        out: list[Check] = []
        targeted = {s for t in _TARGETS for s in self.g.subjects(t, None)}
        for shape in sorted(targeted, key=str):
            if self._deactivated(shape):
                continue
            across = (shape, ACROSS_GRAPHS, Literal(True)) in self.g
            self.scoper = Scoper(
                per_graph=not across,
                union_except=self.reference if across else None,
                ontology=self.in_ontology,
                data=self.in_data,
            )
            focus = self._targets(shape)
            out += [self._once(shape, focus, c) for c in self._shape_checks(shape, focus, across)]
            self.closures |= {p[1:-1] for p in self.scoper.closures if p.startswith("<")}
        return out

    def _deactivated(self, shape: Node) -> bool:
        return bool(self.g.value(shape, SH.deactivated) == Literal(True))

    def _name(self, shape: Node) -> str:
        return short(str(shape)) if isinstance(shape, URIRef) else f"a blank-node shape ({shape.n3()})"

    def _check_known(self, shape: Node, known: set[URIRef]) -> None:
        for p in set(self.g.predicates(shape, None)):
            if str(p).startswith(str(SH)) and p not in known:
                raise OntologyError(
                    f"the shape {self._name(shape)} uses {short(str(p))}, which the SPARQL validator does not support"
                )
            if p == RDF.type and self.g.value(shape, RDF.type) in (RDFS.Class, ns.OWL.Class):
                raise OntologyError(
                    f"the shape {self._name(shape)} is also a class (implicit targets): not supported"
                )

    def _keys(self) -> str:
        keys = f"{GRAPH_VAR} ?this" if self.scoper.per_graph else "?this"
        return f"{keys} {' '.join(self.outer)}".strip()

    def _targets(self, shape: Node, side: str | None = f"GRAPH {GRAPH_VAR} {{ }}", data: bool = True) -> str:
        """A group binding ``?this`` (and ``?_g`` per graph) to the focus nodes of ``shape`` (§2.1.3).

        Per graph, a focus node found in the ontology alone (or a ``sh:targetNode``) is a focus node in
        every data graph (each is judged together with the ontology): ``side`` binds ``?_g`` for those
        (``None``: leave them out); ``data``: whether the focus nodes the data graphs state are in."""
        s = self.scoper

        def found(subject: str, p: str, o: str, classes: frozenset[str] | None = None) -> str:
            if not s.per_graph:
                return s.quad(subject, p, o, classes=classes)
            in_ontology, in_data = s.sides([p], o, classes)
            graph = f"{{ GRAPH {GRAPH_VAR} {{ {subject} {p} {o} }} }}"
            ontology = f"{{ {subject} {p} {o} . {side} }}"
            if not in_ontology and not in_data:
                in_data = True  # no side holds it: the pattern matches nothing, as written
            chosen = [graph] * (in_data and data) + [ontology] * (in_ontology and side is not None)
            return " UNION ".join(chosen) or "FILTER (false)"

        parts: list[str] = []
        for cls in self.g.objects(shape, SH.targetClass):
            c = s.fresh()
            classes = self.subclasses(cls)
            values = " ".join(term(x) for x in sorted(classes, key=str))
            parts.append(
                f"{{ VALUES {c} {{ {values} }} {found('?this', 'a', c, frozenset(map(str, classes)))} }}"
            )
        nodes = list(self.g.objects(shape, SH.targetNode))
        if nodes and (side is not None or not s.per_graph):
            every = f" {side}" if s.per_graph else ""
            parts.append(f"{{ VALUES ?this {{ {' '.join(term(n) for n in nodes)} }}{every} }}")
        for p in self.g.objects(shape, SH.targetSubjectsOf):
            parts.append(f"{{ {found('?this', term(p), s.fresh())} }}")
        for p in self.g.objects(shape, SH.targetObjectsOf):
            parts.append(f"{{ {found(s.fresh(), term(p), '?this')} }}")
        only = ""
        if s.per_graph and self.excluded:
            only = f" FILTER ({GRAPH_VAR} NOT IN ({', '.join(f'<{g}>' for g in self.excluded)}))"
        body = " UNION ".join(parts) or "FILTER (false)"
        return f"{{ SELECT DISTINCT {self._keys()} WHERE {{ {body}{only} }} }}"

    def _once(self, shape: Node, focus: str, check: Check) -> Check:
        """``check`` split in two when it reads, of a data graph, only triples of the focus node itself
        (see :attr:`Check.once`): a focus node found in the ontology and not in a data graph is then
        judged as in the ontology alone, once instead of once per data graph."""
        if not self.scoper.per_graph or check.component == "sparql" or check.sparql.count(focus) != 1:
            return check
        where = check.sparql.replace(focus, "")
        aliases = {"?this", "?value"} if check.path is None else {"?this"}  # a node shape: ?value is ?this
        found = _DATA_PATTERN.findall(where)
        if len(found) != where.count(f"GRAPH {GRAPH_VAR}"):
            return check
        subject = any(x in aliases for x, _p, _o in found)
        obj = any(o in aliases for x, _p, o in found if x not in aliases)
        if any(x not in aliases and o not in aliases for x, _p, o in found):
            return check
        once = self._targets(shape, f"VALUES {GRAPH_VAR} {{ <{ALONE}> }}", data=False)
        if "VALUES ?_g" not in once:  # no focus node on the ontology side
            return check
        touch = [f"{{ GRAPH {GRAPH_VAR} {{ ?this ?_tp ?_to }} }}"] * subject
        touch += [f"{{ GRAPH {GRAPH_VAR} {{ ?_ts ?_tp ?this }} }}"] * obj
        judged = self._targets(shape, " UNION ".join(touch) or None)
        return replace(
            check,
            sparql=check.sparql.replace(focus, judged),
            once=check.sparql.replace(focus, once),
            touches=(subject, obj),
            focus=judged,
            once_focus=once,
        )

    def subclasses(self, cls: Node) -> set[Node]:
        """``cls`` and every class below it by ``rdfs:subClassOf`` in the ontology (§2.1.3.3, §4.1.3 SHACL subclass)."""
        found, todo = {cls}, [cls]
        while todo:
            for sub in self.ontology.subjects(RDFS.subClassOf, todo.pop()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return found

    def _shape_checks(self, shape: Node, focus: str, across: bool) -> list[Check]:
        self._check_known(shape, _KNOWN)
        path_node = self.g.value(shape, SH.path)
        out = list(self._constraints(shape, focus, path_node, across))
        for prop in sorted(self.g.objects(shape, SH.property), key=str):
            if self._deactivated(prop):
                continue
            if path_node is not None:
                raise OntologyError(f"the property shape {self._name(shape)} has sh:property: not supported")
            if self.g.value(prop, SH.path) is None:
                raise OntologyError(f"the property shape {self._name(prop)} has no sh:path")
            out += self._shape_checks(prop, focus, across)
        return out

    def _messages(self, node: Node) -> tuple[tuple[str, str], ...]:
        found = []
        for m in self.g.objects(node, SH.message):
            lang = m.language if isinstance(m, Literal) and m.language else "en"
            found.append((lang, str(m)))
        return tuple(sorted(found))

    def path(self, node: Node) -> Path:
        """The SHACL path at ``node`` as a path tree (§2.3.1)."""
        if isinstance(node, URIRef):
            return ("iri", f"<{node}>")
        inverse = self.g.value(node, SH.inversePath)
        if inverse is not None:
            return ("inv", self.path(inverse))
        alternatives = self.g.value(node, SH.alternativePath)
        if alternatives is not None:
            return ("alt", [self.path(p) for p in Collection(self.g, alternatives)])
        for pred, mod in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
            inner = self.g.value(node, pred)
            if inner is not None:
                return ("mod", self.path(inner), mod)
        if (node, RDF.first, None) in self.g:
            return ("seq", [self.path(p) for p in Collection(self.g, node)])
        raise OntologyError(f"the path {node.n3()} is not a SHACL path")

    # -- constraints --------------------------------------------------------------------------------

    def _constraints(self, shape: Node, focus: str, path_node: Node | None, across: bool) -> Iterator[Check]:
        """The checks of the constraint components of ``shape`` on the focus nodes ``focus``."""
        s, keys = self.scoper, self._keys()
        path = self.path(path_node) if path_node is not None else None
        before = s.ontology_reads
        values = s.triple("?this", path, "?value") if path is not None else "BIND (?this AS ?value)"
        own = s.ontology_reads == before  # the value nodes are read in the data graph: ?_g is bound

        def alone(good: str | None) -> bool:
            """Whether the value-node pattern with the filter ``good`` can be evaluated on its own: not
            for a ``*``/``?`` path, whose zero-length step from an unbound ``?this`` reaches only the
            nodes of the graph (SPARQL 1.1 §18.4, ZeroLengthPath), not a focus node it lacks."""
            if path is None or scoping.arbitrary(path):
                return False
            return good is None or ("?this" not in good and (own or GRAPH_VAR not in good))

        severity = severity_name(self.g.value(shape, SH.severity))
        messages = self._messages(shape)
        report_path = path_text(self.g, path_node)
        shape_text = str(shape) if isinstance(shape, URIRef) else f"_:{shape}"

        def check(
            component: str, where: str, value: ValueFrom = "value", *, tail: str = "", batch: bool = False
        ) -> Check:
            head = (
                f"SELECT DISTINCT {keys}{' ?value' if value == 'value' else ''}"
                if not tail
                else f"SELECT {keys}"
            )
            return Check(
                shape_text, component, f"{head} WHERE {{ {focus} {where} }} {tail}", report_path,
                severity, messages, across, value, focus=focus, keys=keys, own=own,
                where=where if batch and value == "value" and not tail else None,
            )  # fmt: skip

        def counted(component: str, where: str, op: str, n: Node, good: str | None = None) -> Check:
            """A count of the distinct value nodes (§4.2) compared with ``n``: one result per focus node."""
            tail = f"GROUP BY {keys} HAVING (COUNT(DISTINCT ?value) {op} {_int(n)})"
            found = check(component, where, "none", tail=tail)
            if not alone(good):
                return found
            return replace(
                found, tally=values if good is None else f"{values} FILTER ({good})", limit=(op, _int(n))
            )

        # the sh:node checks of a shape on these focus nodes share a name: their details need one to fail
        node = f"{shape_text} {focus}" if s.per_graph else ""
        for component, good in self._value_conditions(shape, "?value"):
            found = check(component, f"{values} FILTER (!COALESCE({good}, false))", batch=alone(good))
            yield replace(found, name=node) if component == "node" else found
        if path is None:
            for x in self.g.objects(shape, SH.hasValue):
                yield check("hasValue", f"FILTER (!sameTerm(?this, {term(x)}))", "none")
        else:
            least = [_int(n) for n in self.g.objects(shape, SH.minCount)]
            most = [_int(n) for n in self.g.objects(shape, SH.maxCount)]
            if len(least) == len(most) == 1 and least[0] > 0:  # both bounds in one scan (§4.2.1, §4.2.2)
                count = "COUNT(DISTINCT ?value)"
                yield Check(
                    shape_text, "count",
                    f"SELECT {keys} ({count} AS ?_n) WHERE {{ {focus} OPTIONAL {{ {values} }} }} "
                    f"GROUP BY {keys} HAVING ({count} < {least[0]} || {count} > {most[0]})",
                    report_path, severity, messages, across, "none", bounds=(least[0], most[0]),
                    focus=focus, keys=keys, own=own, tally=values,
                )  # fmt: skip
                least = most = []
            for m in least:
                if m == 1:
                    absent = check("minCount", f"FILTER NOT EXISTS {{ {values} }}", "none")
                    yield replace(absent, tally=values, limit=("<", 1))
                elif m > 1:
                    yield counted("minCount", f"OPTIONAL {{ {values} }}", "<", Literal(m))
            for m in most:
                yield counted("maxCount", values, ">", Literal(m))
            for x in self.g.objects(shape, SH.hasValue):
                yield check("hasValue", f"FILTER NOT EXISTS {{ {s.triple('?this', path, term(x))} }}", "none")
            if self.g.value(shape, SH.uniqueLang) == Literal(True):
                yield Check(
                    shape_text, "uniqueLang",
                    # the value nodes counted per language tag, not paired with one another (SHACL §4.5.5)
                    f"SELECT {keys} ?_lang WHERE {{ {focus} {values} "
                    "FILTER (isLiteral(?value) && LANG(?value) != \"\") BIND (LCASE(LANG(?value)) AS ?_lang) } "
                    f"GROUP BY {keys} ?_lang HAVING (COUNT(DISTINCT ?value) > 1)",
                    report_path, severity, messages, across, "none",
                )  # fmt: skip
            for q in self.g.objects(shape, SH.qualifiedValueShape):
                good = self.conforms(q, "?value")
                for n in self.g.objects(shape, SH.qualifiedMinCount):
                    yield counted(
                        "qualifiedMinCount", f"OPTIONAL {{ {values} FILTER ({good}) }}", "<", n, good
                    )
                for n in self.g.objects(shape, SH.qualifiedMaxCount):
                    yield counted("qualifiedMaxCount", f"{values} FILTER ({good})", ">", n, good)
        for pred, op in ((SH.lessThan, "<"), (SH.lessThanOrEquals, "<=")):
            for other in self.g.objects(shape, pred):
                w = s.fresh()
                yield check(
                    str(pred).removeprefix(str(SH)),
                    f"{values} {s.quad('?this', term(other), w)} FILTER (!COALESCE(?value {op} {w}, false))",
                    batch=alone(None),
                )
        for other in self.g.objects(shape, SH.equals):
            them = s.quad("?this", term(other), "?value")
            yield check(
                "equals",
                f"{{ {values} FILTER NOT EXISTS {{ {them} }} }} UNION {{ {them} FILTER NOT EXISTS {{ {values} }} }}",
            )
        for other in self.g.objects(shape, SH.disjoint):
            yield check("disjoint", f"{values} {s.quad('?this', term(other), '?value')}", batch=alone(None))
        for constraint in self.g.objects(shape, SH.sparql):
            yield self._sparql(shape, constraint, focus, path, severity, report_path, across)
        for nested in self.g.objects(shape, SH.node):
            for detail in self._details(nested, focus, values, across):
                yield replace(detail, needs=(node, *detail.needs)) if node else detail

    def _details(self, node: Node, focus: str, values: str, across: bool) -> Iterator[Check]:
        """The results of the nested node shape on each value node that fails ``sh:node``: pySHACL
        reports them too (``sh:detail``), once per (focus node, value node), as results of their own."""
        outer = f"?_f{len(self.outer)}"
        renamed = re.sub(r"\?this\b", outer, f"{focus} {values}")
        keys = self._keys().replace("?this", outer)
        failing = (
            f"{{ SELECT DISTINCT {keys} (?value AS ?this) WHERE {{ {renamed} "
            f"FILTER (!COALESCE({self.conforms(node, '?value')}, false)) }} }}"
        )
        self.outer.append(outer)
        try:
            yield from self._shape_checks(node, failing, across)
        finally:
            self.outer.pop()

    def _value_conditions(self, shape: Node, v: str) -> Iterator[tuple[str, str]]:
        """(component, expression true when the value node ``v`` passes it) for the value-type,
        value-range, string, property-pair-free and shape-based components of ``shape`` (§4.1–4.6)."""
        g = self.g
        for c in g.objects(shape, SH_CLASS):
            yield "class", self.instance(v, c)
        for d in g.objects(shape, SH.datatype):
            yield "datatype", (
                f"(isLiteral({v}) && LANG({v}) != \"\")" if d == RDF.langString
                else f"(isLiteral({v}) && LANG({v}) = \"\" && DATATYPE({v}) = {term(d)})"
            )  # fmt: skip
        for k in g.objects(shape, SH.nodeKind):
            if k not in _NODE_KINDS:
                raise OntologyError(f"the shape {self._name(shape)} has an unknown sh:nodeKind {k.n3()}")
            yield "nodeKind", _NODE_KINDS[k].format(v=v)
        for pred, op in _COMPARE.items():
            for x in g.objects(shape, pred):
                yield str(pred).removeprefix(str(SH)), f"({v} {op} {term(x)})"
        for pred, op in ((SH.minLength, ">="), (SH.maxLength, "<=")):
            for x in g.objects(shape, pred):
                yield str(pred).removeprefix(str(SH)), f"(!isBlank({v}) && STRLEN(STR({v})) {op} {_int(x)})"
        for x in g.objects(shape, SH.pattern):
            flags = g.value(shape, SH.flags)
            extra = f", {Literal(str(flags)).n3()}" if flags is not None else ""
            yield "pattern", f"(!isBlank({v}) && REGEX(STR({v}), {Literal(str(x)).n3()}{extra}))"
        for x in g.objects(shape, SH.languageIn):
            tags = " || ".join(f"langMatches(LANG({v}), {Literal(str(t)).n3()})" for t in Collection(g, x))
            yield "languageIn", f"(isLiteral({v}) && ({tags or 'false'}))"
        for x in g.objects(shape, SH_IN):
            members = " || ".join(f"sameTerm({v}, {term(m)})" for m in Collection(g, x))
            yield "in", f"({members or 'false'})"
        for x in g.objects(shape, SH.node):
            yield "node", self.conforms(x, v)
        for x in g.objects(shape, SH_NOT):
            yield "not", f"!({self.conforms(x, v)})"
        for pred, join in ((SH_AND, " && "), (SH_OR, " || ")):
            for x in g.objects(shape, pred):
                parts = [self.conforms(m, v) for m in Collection(g, x)]
                yield (
                    str(pred).removeprefix(str(SH)),
                    f"({join.join(parts) or ('true' if pred == SH_AND else 'false')})",
                )
        for x in g.objects(shape, SH.xone):
            parts = [f"IF({self.conforms(m, v)}, 1, 0)" for m in Collection(g, x)]
            yield "xone", f"(({' + '.join(parts) or '0'}) = 1)"

    def instance(self, v: str, cls: Node) -> str:
        """True when ``v`` is a SHACL instance of ``cls`` (``rdf:type/rdfs:subClassOf*``, §4.1.1)."""
        t = self.scoper.fresh()
        values = " ".join(term(x) for x in sorted(self.subclasses(cls), key=str))
        classes = frozenset(str(x) for x in self.subclasses(cls))
        return f"EXISTS {{ VALUES {t} {{ {values} }} {self.scoper.quad(v, 'a', t, classes=classes)} }}"

    def conforms(self, shape: Node, x: str) -> str:
        """A SPARQL expression true when the node ``x`` conforms to ``shape`` (SHACL §3.4 "conforms"),
        for the components a nested shape may use here; any other raises :class:`OntologyError`."""
        self._check_known(shape, _KNOWN - {SH.sparql, SH.qualifiedValueShape, SH.uniqueLang, *_TARGETS})
        s, g = self.scoper, self.g
        parts: list[str] = []
        path_node = g.value(shape, SH.path)
        if path_node is None:
            parts += [good for _c, good in self._value_conditions(shape, x)]
            parts += [f"sameTerm({x}, {term(h)})" for h in g.objects(shape, SH.hasValue)]
            for pred in (SH.minCount, SH.maxCount, SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint):
                if (shape, pred, None) in g:
                    raise OntologyError(
                        f"the node shape {self._name(shape)} has {short(str(pred))} without a path"
                    )
        else:
            path = self.path(path_node)
            v = s.fresh()
            values = s.triple(x, path, v)
            conditions = [good for _c, good in self._value_conditions(shape, v)]
            if conditions:
                parts.append(
                    f"NOT EXISTS {{ {values} FILTER (!COALESCE({' && '.join(conditions)}, false)) }}"
                )
            parts += [f"EXISTS {{ {s.triple(x, path, term(h))} }}" for h in g.objects(shape, SH.hasValue)]
            for n in g.objects(shape, SH.minCount):
                if _int(n) > 1:
                    raise OntologyError(
                        f"the nested shape {self._name(shape)} has sh:minCount {n}: only 0 or 1 is supported"
                    )
                if _int(n) == 1:
                    parts.append(f"EXISTS {{ {values} }}")
            for n in g.objects(shape, SH.maxCount):
                if _int(n) > 1:
                    raise OntologyError(
                        f"the nested shape {self._name(shape)} has sh:maxCount {n}: only 0 or 1 is supported"
                    )
                w = s.fresh()
                other = s.triple(x, path, w)
                parts.append(
                    f"NOT EXISTS {{ {values} }}" if _int(n) == 0
                    else f"NOT EXISTS {{ {values} {other} FILTER (!sameTerm({v}, {w})) }}"
                )  # fmt: skip
            for pred in (SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint):
                if (shape, pred, None) in g:
                    raise OntologyError(
                        f"the nested shape {self._name(shape)} has {short(str(pred))}: not supported"
                    )
        for prop in g.objects(shape, SH.property):
            parts.append(self.conforms(prop, x))
        return "(" + (" && ".join(parts) or "true") + ")"

    # -- SHACL-SPARQL -------------------------------------------------------------------------------

    def prefixes(self, constraint: Node) -> dict[str, str]:
        """The ``sh:declare``d prefixes of the constraint's ``sh:prefixes`` (§5.2.1)."""
        out: dict[str, str] = {}
        for holder in self.g.objects(constraint, SH.prefixes):
            for decl in self.g.objects(holder, SH.declare):
                prefix, namespace = self.g.value(decl, SH.prefix), self.g.value(decl, SH.namespace)
                if prefix is None or namespace is None:
                    raise OntologyError(
                        f"a sh:declare of {self._name(holder)} lacks sh:prefix or sh:namespace"
                    )
                out[str(prefix)] = str(namespace)
        return out

    def _sparql(
        self, shape: Node, constraint: Node, focus: str, path: Path | None, severity: str,
        report_path: str | None, across: bool,
    ) -> Check:  # fmt: skip
        """A ``sh:sparql`` constraint (§5.3): its ``sh:select`` joined with the focus nodes."""
        name = constraint if isinstance(constraint, URIRef) else shape
        self._check_known(constraint, _SPARQL_KNOWN)
        text = self.g.value(constraint, SH.select)
        if text is None:
            raise OntologyError(
                f"the SPARQL constraint {self._name(name)} has no sh:select (sh:ask is not supported)"
            )
        try:
            select = split_select(str(text))
            body = rename_this(select.body)
            for var in ("$currentShape", "$shapesGraph", "?currentShape", "?shapesGraph"):
                if var in body:
                    raise OntologyError(f"the pre-bound variable {var} is not supported")
            if "$PATH" in body:
                if path is None:
                    raise OntologyError("$PATH in the constraint of a node shape")
                from .scoping import path_text as sparql_path

                body = body.replace("$PATH", sparql_path(path))
            prefixes = self.prefixes(constraint)
            reads = None
            if self.scoper.per_graph:
                before = set(self.scoper.closures)
                self.scoper.prefixes = prefixes
                body = scope_body(body, self.scoper)
                self.closures |= {scoping.expand(p, prefixes) for p in self.scoper.closures - before}
            elif self.scoper.union_except is not None:  # the patterns it reads, to guard the union
                reader = Scoper(per_graph=False, union_except=(), prefixes=prefixes)
                scope_body(body, reader)
                reads = frozenset(reader.reads)
                plain, self.scoper = self.scoper, Scoper(per_graph=False)
                try:
                    focus = self._targets(shape)
                finally:
                    self.scoper = plain
        except OntologyError as exc:
            raise OntologyError(
                f"the SPARQL constraint {self._name(name)}: {exc.args[0] if exc.args else exc}"
            ) from exc
        declared = "".join(f"PREFIX {p}: <{n}>\n" for p, n in sorted(self.prefixes(constraint).items()))
        extra = " ".join(f"?{v}" for v in select.variables if v != "this")
        sparql = f"{declared}SELECT DISTINCT {self._keys()} {extra} WHERE {{ {focus} {body} }}"
        messages = self._messages(constraint) or self._messages(shape)
        return Check(
            str(name) if isinstance(name, URIRef) else f"_:{name}", "sparql", sparql,
            report_path, severity, messages, across, "focus" if path is None else "none", reads,
        )  # fmt: skip


def _int(node: Node) -> int:
    """A count of the shapes graph (``sh:minCount 1``…) as an int; OntologyError if it is none."""
    try:
        return int(str(node))
    except ValueError as exc:
        raise OntologyError(f"{node.n3()} is not an integer") from exc


def compile_shapes(
    shapes: Graph,
    ontology: Graph,
    data: Presence | None = None,
    excluded: Iterable[str] = (),
    reference: Iterable[str] = (),
) -> tuple[list[Check], set[str]]:
    """Every check of ``shapes`` and the predicates of their ``*``/``+``/``?`` paths (see :mod:`.scoping`);
    ``data``: what the named graphs hold (``None``: anything), ``excluded``: the named graphs not
    checked one by one, ``reference``: those left out of the union too."""
    compiler = Compiler(shapes, ontology, data, excluded, reference)
    checks = compiler.checks()
    return checks, compiler.closures


def targeted(shapes: Graph) -> Iterable[Node]:
    """The shapes that have targets."""
    return {s for t in _TARGETS for s in shapes.subjects(t, None)}

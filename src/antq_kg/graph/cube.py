"""Counts of one article as an RDF Data Cube (https://www.w3.org/TR/vocab-data-cube/).

Each count with a number (or a magnitude: "hàng trăm" = 100) is a ``qb:Observation``/``antq:Count``
of the article's ``qb:DataSet`` under the shared structure ``antq:CountStructure``: dimensions area,
unit type, criterion, scope, nesting, period and statement context; the measure ``antq:statedValue``;
attributes qualifier and bounds. A count with neither number nor magnitude ("nhiều") is an
``antq:VagueCount`` outside the cube. The structure's triples are repeated in each article graph so
that the cube is self-contained (they are also in ``ontology/antq.ttl``).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import PurePath

import pyoxigraph as ox
from rdflib import URIRef
from rdflib import namespace as rns

from ..model import Count, Facts
from ..vocab import (
    ANTQ,
    ANY_CRITERION,
    AREA_NOT_STATED,
    COUNT_STRUCTURE,
    NOT_NESTED,
    PERIOD_NOT_STATED,
    QUALIFIER_SLUGS,
    SOLE_STATEMENT,
    VAGUE_MAGNITUDES,
    WHOLE_AREA,
    concept,
)
from .places import Places
from .writer import NS, ArticleWriter, Writer, boolean, decimal, integer, vi

__all__ = ["STRUCTURE", "component_iri", "counts", "structure_quads"]

QB = rns.QB

#: The shared Data Cube structure: (component property, kind, required) — mirrors ontology/antq.ttl.
STRUCTURE: tuple[tuple[URIRef, URIRef, bool], ...] = (
    (ANTQ.refArea, QB.dimension, True),
    (ANTQ.unitType, QB.dimension, True),
    (ANTQ.criterion, QB.dimension, True),
    (ANTQ.scope, QB.dimension, True),
    (ANTQ.withinUnit, QB.dimension, True),
    (ANTQ.period, QB.dimension, True),
    (ANTQ.statementContext, QB.dimension, True),
    (ANTQ.statedValue, QB.measure, True),
    (ANTQ.quantityQualifier, QB.attribute, True),
    (ANTQ.lowerBound, QB.attribute, False),
    (ANTQ.upperBound, QB.attribute, False),
    (ANTQ.denominator, QB.attribute, False),
)


def component_iri(prop: URIRef) -> URIRef:
    """The component specification of ``prop`` in ``antq:CountStructure``.

    >>> str(component_iri(ANTQ.refArea))
    'https://w3id.org/antq/ontology#CountStructure-refArea'
    """
    return URIRef(f"{COUNT_STRUCTURE}-{str(prop).rsplit('#', 1)[1]}")


def _n(term: URIRef) -> ox.NamedNode:
    return ox.NamedNode(str(term))


_STRUCTURE = _n(COUNT_STRUCTURE)
_DEFAULTS = {
    name: _n(term)
    for name, term in (
        ("criterion", ANY_CRITERION),
        ("scope", WHOLE_AREA),
        ("period", PERIOD_NOT_STATED),
        ("within", NOT_NESTED),
        ("area", AREA_NOT_STATED),
        ("sole", SOLE_STATEMENT),
    )
}


def structure_quads(w: Writer) -> None:
    """The DSD triples (also in ``ontology/antq.ttl``) so each article's cube is self-contained."""
    w.add(_STRUCTURE, NS.type, NS.qb.DataStructureDefinition)
    for order, (prop, kind, required) in enumerate(STRUCTURE, start=1):
        spec = _n(component_iri(prop))
        w.add(_STRUCTURE, NS.qb.component, spec)
        w.add(spec, NS.type, NS.qb.ComponentSpecification)
        w.add(spec, _n(kind), _n(prop))
        w.add(spec, NS.qb.order, integer(order))
        if kind == QB.attribute:
            w.add(spec, NS.qb.componentRequired, boolean(required))


Dimensions = tuple[ox.NamedNode, ...]


class _Cube:
    def __init__(self, w: ArticleWriter, facts: Facts, places: Places) -> None:
        self.w, self.facts, self.places = w, facts, places
        self.province = places.province()

    def concept(self, scheme: str, phrase: str) -> ox.NamedNode:
        return self.w.concept(scheme, phrase)

    def area(self, n: Count) -> ox.NamedNode:
        return self.places.ref(n.place) or self.province or _DEFAULTS["area"]

    def dimensions(self, n: Count) -> Dimensions:
        """The values of the cube dimensions (other than the statement) of count ``n``."""

        def code(scheme: str, phrase: str | None, default: str) -> ox.NamedNode:
            return self.w.code(scheme, phrase)[0] if phrase else _DEFAULTS[default]

        return (
            self.area(n),
            self.w.code("unit-type", n.unit)[0],
            code("criterion", n.criterion, "criterion"),
            code("scope", n.scope, "scope"),
            code("unit-type", n.within, "within"),
            code("period", n.period, "period"),
        )

    def statement_contexts(self, ds: str) -> list[ox.NamedNode]:
        """The ``antq:statementContext`` of each count (Data Cube IC-12: no two observations of
        one data set share every dimension value).

        A count whose other dimensions are unique in its article gets ``antq:soleStatement``; two
        or more that agree on every other dimension ("3 tập thể"/"24 tập thể" that differ only by
        a note the cube does not model) each get the ``nif:Phrase`` of their first evidence span,
        or ``{dataset}#count-{n}`` (n = its order in the article, from 1) when they share it.
        """
        counts = self.facts.counts
        dims = [
            self.dimensions(n) if n.value is not None or n.qualifier in VAGUE_MAGNITUDES else None for n in counts
        ]
        seen = Counter(d for d in dims if d is not None)
        sole = _DEFAULTS["sole"]
        out: list[ox.NamedNode] = []
        for i, (n, d) in enumerate(zip(counts, dims, strict=True)):
            if d is None or seen[d] == 1:
                out.append(sole)
            elif n.spans:
                out.append(self.w.node(self.w.m.phrase(n.spans[0].begin, n.spans[0].end)))
            else:
                out.append(self.numbered(ds, i))
        clash = Counter(zip(dims, out, strict=True))
        return [
            self.numbered(ds, i) if o != sole and clash[(d, o)] > 1 else o
            for i, (d, o) in enumerate(zip(dims, out, strict=True))
        ]

    def numbered(self, ds: str, i: int) -> ox.NamedNode:
        """``{dataset}#count-{i + 1}``: the statement context of the article's count ``i``, labelled."""
        node = self.w.node(f"{ds}#count-{i + 1}")
        self.w.add(node, NS.label, vi(f"số liệu thứ {i + 1} của bài"))
        return node

    def count(self, n: Count, ds: ox.NamedNode, context: ox.NamedNode) -> None:
        w = self.w
        first = n.spans[0].begin if n.spans else -1
        qualifier = n.qualifier if n.qualifier in QUALIFIER_SLUGS else "exact"
        value = n.value
        lower: Decimal | None = None
        upper: Decimal | None = None
        if value is None and qualifier in VAGUE_MAGNITUDES:
            magnitude, lo, hi = VAGUE_MAGNITUDES[qualifier]
            value, lower, upper = Decimal(magnitude), Decimal(lo), Decimal(hi)
        elif value is not None:
            if qualifier == "exact":
                lower = upper = value
            elif qualifier == "at_least":
                lower = value
            elif qualifier == "at_most":
                upper = value
        node = w.node(w.m.fact("obs", n.unit, n.value, qualifier, n.criterion, n.scope, n.within, n.period, first))
        label = f"{n.value if n.value is not None else qualifier} {n.unit}"
        unit_type = self.concept("unit-type", n.unit)
        area = self.area(n)
        if value is None:
            w.fact(node, NS.antq.VagueCount, n.spans, with_sentence=True)
        else:
            w.fact(node, NS.qb.Observation, n.spans, with_sentence=True)
            w.add(node, NS.type, NS.antq.Count)
            w.add(node, NS.qb.dataSet, ds)
            w.add(node, NS.antq.statedValue, decimal(value))
            if lower is not None:
                w.add(node, NS.antq.lowerBound, decimal(lower))
            if upper is not None:
                w.add(node, NS.antq.upperBound, decimal(upper))
            w.add(node, NS.antq.criterion, self.concept("criterion", n.criterion) if n.criterion else _DEFAULTS["criterion"])
            w.add(node, NS.antq.scope, self.concept("scope", n.scope) if n.scope else _DEFAULTS["scope"])
            w.add(node, NS.antq.period, self.concept("period", n.period) if n.period else _DEFAULTS["period"])
            w.add(node, NS.antq.withinUnit, self.concept("unit-type", n.within) if n.within else _DEFAULTS["within"])
            w.add(node, NS.antq.statementContext, context)
        w.add(node, NS.label, vi(label))
        w.add(node, NS.antq.unitType, unit_type)
        w.add(node, NS.antq.refArea, area)
        w.add(node, NS.antq.quantityQualifier, w.node(str(concept("qualifier", QUALIFIER_SLUGS[qualifier]))))
        w.add(node, NS.antq.unitPhrase, vi(n.unit))
        if n.of is not None:
            w.add(node, NS.antq.denominator, decimal(n.of))
        for prop, phrase in (
            (NS.antq.criterionPhrase, n.criterion),
            (NS.antq.scopePhrase, n.scope),
            (NS.antq.periodPhrase, n.period),
            (NS.antq.note, n.note),
        ):
            if phrase:
                w.add(node, prop, vi(phrase))


def counts(w: ArticleWriter, facts: Facts, places: Places) -> None:
    """The article's counts: its ``qb:DataSet`` (when it has any count) and one node per count."""
    if not facts.counts:
        return
    cube = _Cube(w, facts, places)
    ds = w.node(w.m.dataset)
    w.add(ds, NS.type, NS.qb.DataSet)
    w.add(ds, NS.qb.structure, _STRUCTURE)
    w.add(ds, NS.label, vi(f"Số liệu của bài {PurePath(facts.path).name}"))
    w.add(ds, NS.prov.wasDerivedFrom, w.article)
    structure_quads(w)
    for n, context in zip(facts.counts, cube.statement_contexts(w.m.dataset), strict=True):
        cube.count(n, ds, context)

"""Counts as one RDF Data Cube for the corpus (https://www.w3.org/TR/vocab-data-cube/).

Every count of every article is an ``antq:Count`` fact with its evidence. Those the cube can measure
are also ``qb:Observation``\\ s of the one data set ``{base}id/dataset/counts`` (declared in each article
graph with its ``qb:structure antq:CountStructure``; the structure itself, the same 68 triples for every
article, is stated once, in the ontology graph, which the store, the validator and the queries read
beside the articles), so the same indicator stated by several articles is comparable, ordered by its
reference period:

- **dimensions** — ``antq:refArea`` (the unit version as of the text; the article's province, flagged
  ``antq:areaDefaulted true``, when the text states none), ``sdmx-dimension:refPeriod`` (the stated
  period as an OWL-Time interval ``id/period/…``, :mod:`.periods`; else the article's publication
  instant, a stock as of writing), ``antq:unitType``, ``antq:criterion``, ``antq:scope``,
  ``antq:withinUnit`` (curated codes, :mod:`.codes`; a criterion naming an initiative is that
  ``antq:Initiative``) and ``antq:sourceArticle``. No identifier poses as a dimension;
- **measure** — ``antq:statedValue``: the numeral as written, and only that;
- **attributes** — the qualifier, ``sdmx-attribute:obsStatus``, the period kind, the bounds
  (:mod:`.quantities`), the denominator, ``antq:areaDefaulted``.

What is no observation stays a fact outside the cube, with the same properties but no ``qb:dataSet``:

- a vague quantity ("hàng trăm", "nhiều"; also an ``antq:VagueCount``): it has no numeral, so no
  measure (Data Cube IC-14 holds without a stand-in value a sum would add), only bounds and status;
- counts of one article that the dimensions cannot tell apart ("3 tập thể" and "24 tập thể" praised
  by different bodies, a commune's and a province's figures both given the province): all of them, as
  the cube has no dimension to keep them apart (IC-12) and no ground to prefer one; a warning shape
  reports each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import URIRef
from rdflib import namespace as rns

from ..identity.rules import initiative
from ..iris import folded_name
from ..model import Count, Facts
from ..vocab import (
    ANTQ,
    ANY_CRITERION,
    AREA_NOT_STATED,
    COUNT_STRUCTURE,
    NOT_NESTED,
    OBS_STATUS,
    PERIOD_NOT_STATED,
    REF_PERIOD,
    WHOLE_AREA,
    concept,
)
from . import codes
from .article import publication_date
from .concepts import curated
from .periods import Period, read_period
from .places import Places
from .quantities import Quantity, read_quantity
from .writer import NS, ArticleWriter, Writer, boolean, decimal, en, integer, plain, vi, xsd_date

__all__ = ["STRUCTURE", "component_iri", "counts", "structure_quads"]

QB = rns.QB

#: The Data Cube structure: (component property, kind, required) — mirrors ``ontology/antq.ttl``.
STRUCTURE: tuple[tuple[URIRef, URIRef, bool], ...] = (
    (ANTQ.refArea, QB.dimension, True),
    (REF_PERIOD, QB.dimension, True),
    (ANTQ.unitType, QB.dimension, True),
    (ANTQ.criterion, QB.dimension, True),
    (ANTQ.scope, QB.dimension, True),
    (ANTQ.withinUnit, QB.dimension, True),
    (ANTQ.sourceArticle, QB.dimension, True),
    (ANTQ.statedValue, QB.measure, True),
    (ANTQ.quantityQualifier, QB.attribute, True),
    (OBS_STATUS, QB.attribute, True),
    (ANTQ.period, QB.attribute, True),
    (ANTQ.lowerBound, QB.attribute, False),
    (ANTQ.upperBound, QB.attribute, False),
    (ANTQ.denominator, QB.attribute, False),
    (ANTQ.areaDefaulted, QB.attribute, False),
)


def component_iri(prop: URIRef) -> URIRef:
    """The component specification of ``prop`` in ``antq:CountStructure``.

    >>> str(component_iri(ANTQ.refArea)), str(component_iri(REF_PERIOD))
    ('https://w3id.org/antq/ontology#CountStructure-refArea', 'https://w3id.org/antq/ontology#CountStructure-refPeriod')
    """
    return URIRef(f"{COUNT_STRUCTURE}-{str(prop).rsplit('#', 1)[1]}")


def _n(term: URIRef | str) -> ox.NamedNode:
    return ox.NamedNode(str(term))


_STRUCTURE = _n(COUNT_STRUCTURE)

#: The OWL-Time unit of an ISO 8601 designator a period phrase gives (``P5Y``, ``P6M``).
DURATION_UNITS = {"Y": NS.time.unitYear, "M": NS.time.unitMonth}


def structure_quads(w: Writer) -> None:
    """The structure's triples as :data:`STRUCTURE` describes it: those ``ontology/antq.ttl`` states (a
    test holds them equal). The article graphs do not repeat them."""
    w.add(_STRUCTURE, NS.type, NS.qb.DataStructureDefinition)
    for order, (prop, kind, required) in enumerate(STRUCTURE, start=1):
        spec = _n(component_iri(prop))
        w.add(_STRUCTURE, NS.qb.component, spec)
        w.add(spec, NS.type, NS.qb.ComponentSpecification)
        w.add(spec, _n(kind), _n(prop))
        w.add(spec, NS.qb.order, integer(order))
        if kind == QB.attribute:
            w.add(spec, NS.qb.componentRequired, boolean(required))


@dataclass(frozen=True, slots=True)
class _Row:
    """One count read for the cube: its quantity and the value of each dimension (in
    :data:`STRUCTURE` order), its period kind and whether its area was filled in by default."""

    count: Count
    quantity: Quantity
    dimensions: tuple[ox.NamedNode, ...]
    period_kind: ox.NamedNode
    area_defaulted: bool


class _Cube:
    """The counts of one article, read for the cube."""

    def __init__(self, w: ArticleWriter, facts: Facts, places: Places) -> None:
        self.w, self.facts, self.places = w, facts, places
        self.province = places.province()
        self.published = publication_date(facts.metadata or {})
        self.initiatives = {folded_name(c.name): w.m.mint(initiative(c.name)) for c in facts.campaigns}
        self._periods: dict[str, tuple[ox.NamedNode, ox.NamedNode]] = {}

    def row(self, n: Count) -> _Row:
        w = self.w
        area = self.places.ref(n.place)
        defaulted = area is None and self.province is not None
        ref_period, kind = self.period(n.period)
        dims = (
            area or self.province or _n(AREA_NOT_STATED),
            ref_period,
            w.node(codes.unit_type(n.unit)),
            w.node(codes.criterion(n.criterion, self.initiatives)) if n.criterion else _n(ANY_CRITERION),
            w.node(codes.scope(n.scope)) if n.scope else _n(WHOLE_AREA),
            w.node(codes.unit_type(n.within)) if n.within else _n(NOT_NESTED),
            w.article,
        )
        return _Row(n, read_quantity(n, self.facts.text), dims, kind, defaulted)

    def period(self, phrase: str | None) -> tuple[ox.NamedNode, ox.NamedNode]:
        """The reference period of a count and its kind: the stated period's interval (described
        once per article), or the publication instant for a count as of writing."""
        if not phrase:
            return self.w.publication, _n(PERIOD_NOT_STATED)
        found = self._periods.get(phrase)
        if found is None:
            p = read_period(phrase, self.published)
            found = self._periods[phrase] = (self._interval(p, phrase), _n(concept("period", p.kind)))
        return found

    def _interval(self, p: Period, phrase: str) -> ox.NamedNode:
        """A ``time:ProperInterval``: shared (``id/period/{start}--{end}``) when its dates are fixed,
        else of this article, ending at its publication instant when the words run up to writing."""
        w = self.w
        key = p.key()
        node = w.node(w.m.period(key, phrase))
        w.add(node, NS.type, NS.time.ProperInterval)
        w.add(node, NS.label, plain(key.replace("--", " – ")) if key else vi(phrase))
        if p.begin is not None:
            w.add(node, NS.time.hasBeginning, self._day(p.begin.isoformat()))
        if p.end is not None:
            w.add(node, NS.time.hasEnd, self._day(p.end.isoformat()))
        elif p.until_writing:
            w.add(node, NS.time.hasEnd, w.publication)
        if p.duration is not None:
            w.add(node, NS.time.hasDuration, self._duration(p.duration))
        return node

    def _duration(self, iso: str) -> ox.NamedNode:
        """``P5Y`` as an OWL-Time ``time:Duration`` (number and unit), not an ``xsd:duration`` literal:
        a store may rewrite that datatype (Virtuoso 7.2 reads ``"P5Y"`` back as ``"60"``)."""
        node = self.w.node(self.w.m.duration(iso))
        number, unit = iso[1:-1], iso[-1]
        self.w.add(node, NS.type, NS.time.Duration)
        self.w.add(node, NS.time.numericDuration, ox.Literal(number, datatype=NS.xsd.decimal))
        self.w.add(node, NS.time.unitType, DURATION_UNITS[unit])
        return node

    def _day(self, day: str) -> ox.NamedNode:
        node = self.w.node(self.w.m.date(day))
        self.w.add(node, NS.type, NS.time.Instant)
        self.w.add(node, NS.time.inXSDDate, xsd_date(day))
        return node

    def write(self, r: _Row, ds: ox.NamedNode | None) -> None:
        """The count's fact node; an observation of ``ds`` unless ``ds`` is ``None``."""
        w, n, q = self.w, r.count, r.quantity
        first = n.spans[0].begin if n.spans else -1
        node = w.node(
            w.m.fact("obs", n.unit, n.value, n.qualifier, n.criterion, n.scope, n.within, n.period, first)
        )
        w.fact(node, NS.antq.Count, n.spans, with_sentence=True)
        if q.value is None:
            w.add(node, NS.type, NS.antq.VagueCount)
        if ds is not None:
            w.add(node, NS.type, NS.qb.Observation)
            w.add(node, NS.qb.dataSet, ds)
        for (dimension, _, _), value in zip(STRUCTURE, r.dimensions, strict=False):
            w.add(node, _n(dimension), value)
        qualifier = concept("qualifier", q.qualifier)
        amount = format(q.value, "f") if q.value is not None else curated().label(str(qualifier))
        w.add(node, NS.label, vi(f"{amount} {n.unit}"))
        w.add(node, NS.antq.quantityQualifier, _n(qualifier))
        w.add(node, NS.sdmx_attribute.obsStatus, NS.sdmx_code[f"obsStatus-{q.status}"])
        w.add(node, NS.antq.period, r.period_kind)
        if q.value is not None:
            w.add(node, NS.antq.statedValue, decimal(q.value))
        if q.lower is not None:
            w.add(node, NS.antq.lowerBound, decimal(q.lower))
        if q.upper is not None:
            w.add(node, NS.antq.upperBound, decimal(q.upper))
        if n.of is not None:
            w.add(node, NS.antq.denominator, decimal(n.of))
        if r.area_defaulted:
            w.add(node, NS.antq.areaDefaulted, boolean(True))
        for prop, phrase in (
            (NS.antq.unitPhrase, n.unit),
            (NS.antq.criterionPhrase, n.criterion),
            (NS.antq.scopePhrase, n.scope),
            (NS.antq.periodPhrase, n.period),
            (NS.antq.note, n.note),
        ):
            if phrase:
                w.add(node, prop, vi(phrase))


def observations(rows: Iterable[_Row]) -> list[bool]:
    """For each row, whether it is an observation of the cube: it has a stated value and no other
    row with a stated value shares every dimension value with it (IC-12)."""
    rows = list(rows)
    seen = Counter(r.dimensions for r in rows if r.quantity.value is not None)
    return [r.quantity.value is not None and seen[r.dimensions] == 1 for r in rows]


def counts(w: ArticleWriter, facts: Facts, places: Places) -> None:
    """The article's counts: each a fact, the measurable ones observations of the corpus's data set."""
    if not facts.counts:
        return
    cube = _Cube(w, facts, places)
    rows = [cube.row(n) for n in facts.counts]
    ds = w.node(w.m.dataset)
    w.add(ds, NS.type, NS.qb.DataSet)
    w.add(ds, NS.qb.structure, _STRUCTURE)
    w.add(ds, NS.label, vi("Số liệu các bài báo nêu"))
    w.add(ds, NS.label, en("Counts stated by the articles"))
    for r, observed in zip(rows, observations(rows), strict=True):
        cube.write(r, ds if observed else None)

"""Records passed between pipeline stages: extraction → facts → graph.

The JSON form (:func:`facts_to_json`) is the facts format of ``../shared/FACTS.md`` plus extra keys
the scorer ignores: ``spans`` (``[[begin, end], …]``, code points of the NFC text) on every
mention-bearing record, ``code`` for gazetteer-resolved places, and the per-count keys
``of``/``within``/``scope``/``criterion``/``period``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .text import Span

#: Quantity qualifiers of the facts format (FACTS.md) in their JSON spelling.
QUALIFIERS = ("exact", "at_least", "at_most", "approximately", "tens", "hundreds", "thousands", "many")


@dataclass(frozen=True, slots=True)
class Place:
    """An administrative or residential unit as the text names it, with its parent chain.

    ``type`` is the Vietnamese type word (tỉnh, huyện, xã, thôn…); ``name`` the name without it.
    ``code`` is the GSO code when the gazetteer resolved it; ``former`` marks a unit named as former.
    """

    type: str
    name: str
    parent: Place | None = None
    spans: tuple[Span, ...] = ()
    code: str | None = None
    former: bool = False

    def chain(self) -> list[Place]:
        """This place and its ancestors, child first."""
        out: list[Place] = []
        node: Place | None = self
        while node is not None:
            out.append(node)
            node = node.parent
        return out


@dataclass(frozen=True, slots=True)
class Person:
    """A named person: ``spans`` are the name mentions; ``evidence`` the phrases stating rank/posts."""

    name: str
    rank: str | None = None
    posts: tuple[str, ...] = ()
    organization: str | None = None
    honorific: str | None = None
    spans: tuple[Span, ...] = ()
    rank_spans: tuple[Span, ...] = ()
    post_spans: tuple[Span, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Organization:
    """A named organisation, resolved to its full name ("Công an tỉnh" → "Công an tỉnh Hưng Yên")."""

    name: str
    spans: tuple[Span, ...] = ()
    place: Place | None = None


@dataclass(frozen=True, slots=True)
class Campaign:
    """A named initiative: movement, emulation movement, campaign, model, title, motto…"""

    name: str
    kind: str | None = None
    place: Place | None = None
    spans: tuple[Span, ...] = ()
    kind_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Count:
    """A count of things; ``spans`` cover the whole phrase (qualifier, number, unit) per mention."""

    value: Decimal | None
    unit: str
    qualifier: str = "exact"
    spans: tuple[Span, ...] = ()
    of: Decimal | None = None
    within: str | None = None
    scope: str | None = None
    criterion: str | None = None
    period: str | None = None
    place: Place | None = None


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An abbreviation and its expansion (``None`` when the text does not define it)."""

    short: str
    expansion: str | None
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything extracted from one article."""

    path: str
    text: str
    sha256: str
    author: str | None = None
    author_spans: tuple[Span, ...] = ()
    title: str | None = None
    persons: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    places: tuple[Place, ...] = ()
    campaigns: tuple[Campaign, ...] = ()
    counts: tuple[Count, ...] = ()
    abbreviations: tuple[Abbreviation, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)


# -- JSON -----------------------------------------------------------------------------------------


def _num(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _spans(spans: tuple[Span, ...]) -> list[list[int]]:
    return [[s.begin, s.end] for s in spans]


def place_to_json(place: Place, *, with_spans: bool = True) -> dict[str, Any]:
    """A place and its chain in the facts format."""
    out: dict[str, Any] = {"type": place.type, "name": place.name}
    if place.parent is not None:
        out["parent"] = place_to_json(place.parent, with_spans=False)
    if place.code:
        out["code"] = place.code
    if place.former:
        out["former"] = True
    if with_spans and place.spans:
        out["spans"] = _spans(place.spans)
    return out


def _ref(place: Place | None) -> dict[str, Any] | None:
    return None if place is None else {"type": place.type, "name": place.name}


def facts_to_json(facts: Facts) -> dict[str, Any]:
    """The facts JSON of ``../shared/FACTS.md`` with offsets as extra keys."""
    persons = []
    for p in facts.persons:
        d: dict[str, Any] = {
            "name": p.name,
            "rank": p.rank,
            "posts": list(p.posts),
            "organization": p.organization,
        }
        if p.honorific:
            d["honorific"] = p.honorific
        d.update(dict(p.extra))
        d["spans"] = _spans(p.spans)
        persons.append(d)
    campaigns = []
    for c in facts.campaigns:
        cd: dict[str, Any] = {"name": c.name, "kind": c.kind}
        if c.place is not None:
            cd["place"] = _ref(c.place)
        cd["spans"] = _spans(c.spans)
        campaigns.append(cd)
    counts = []
    for n in facts.counts:
        nd: dict[str, Any] = {"value": _num(n.value), "unit": n.unit, "qualifier": n.qualifier}
        for key in ("of",):
            if n.of is not None:
                nd[key] = _num(n.of)
        for key in ("within", "scope", "criterion", "period"):
            val = getattr(n, key)
            if val is not None:
                nd[key] = val
        nd["spans"] = _spans(n.spans)
        counts.append(nd)
    return {
        "article": facts.path,
        "author": facts.author,
        "persons": persons,
        "organizations": [o.name for o in facts.organizations],
        "places": [place_to_json(p) for p in facts.places],
        "campaigns": campaigns,
        "counts": counts,
        "abbreviations": {a.short: a.expansion or "(undefined)" for a in facts.abbreviations},
    }

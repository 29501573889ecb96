"""Records passed between pipeline stages: extraction → facts → graph.

The JSON form (:func:`facts_to_json`) is the facts format of ``docs/FACTS.md`` plus extra keys
the scorer ignores: ``spans`` (``[[begin, end], …]``, code points of the NFC text) on every
mention-bearing record, ``code`` for gazetteer-resolved places, and the per-count keys
``of``/``within``/``scope``/``criterion``/``period``.
"""

from __future__ import annotations

import re
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
    #: where the person lives, as the text writes it with the name ("trú thôn A, xã B"): the place
    #: the places stage read there, with its chain (the facts JSON key ``address``)
    address: Place | None = None

    @property
    def former_posts(self) -> tuple[str, ...]:
        """The posts of ``posts`` the text says the person no longer holds, without their "nguyên"
        ("nguyên Chủ tịch" → "Chủ tịch"), with their organisation when that is not ``organization``
        (docs/ANNOTATION.md). Derived from ``posts``, so the two never disagree.

        >>> Person("A", posts=("Phó Trưởng phòng", "nguyên Trưởng Công an huyện Quan Sơn")).former_posts
        ('Trưởng Công an huyện Quan Sơn',)
        """
        return tuple(former_post(post) for post in self.posts if is_former(post))


#: the word that marks a former post in the facts JSON's ``posts`` ("nguyên Chủ tịch": docs/ANNOTATION.md)
FORMER = "nguyên"


def is_former(post: str) -> bool:
    """True for a post written as former.

    >>> is_former("nguyên Chủ tịch"), is_former("Chủ tịch"), is_former("Nguyên Giám đốc")
    (True, False, True)
    """
    return post[: len(FORMER) + 1].casefold() == FORMER + " "


def former_post(post: str) -> str:
    """The post without its "nguyên ".

    >>> former_post("nguyên Giám đốc Công an tỉnh Thái Bình")
    'Giám đốc Công an tỉnh Thái Bình'
    """
    return post[len(FORMER) + 1 :].strip() if is_former(post) else post


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
    #: what else the text says to tell this count from another with the same unit, area, criterion,
    #: scope and period ("3 tập thể" praised by the ministry, "24 tập thể" by the province); the graph
    #: keeps two such counts apart in any case (Data Cube IC-12, :mod:`antq_kg.graph`)
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An abbreviation and its expansion (``None`` when the text does not define it)."""

    short: str
    expansion: str | None
    spans: tuple[Span, ...] = ()
    #: True when the text itself defines it ("an ninh, trật tự (ANTT)"), False when the expansion
    #: comes from the lexicon of known abbreviations (docs/VOCABULARY.md §3 (e))
    defined: bool = False
    #: the standard form a known misspelling stands for ("MTQT" → "MTTQ")
    canonical: str | None = None


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


#: Person extra keys the facts format writes as numbers (the gold files of ``tests/data/dev/gold``: ``"age": 62``).
_NUMERIC_EXTRA = frozenset({"age", "birth_year"})


def facts_to_json(facts: Facts) -> dict[str, Any]:
    """The facts JSON of ``docs/FACTS.md`` with offsets as extra keys."""
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
        if p.address is not None:
            d["address"] = place_to_json(p.address, with_spans=False)
        d.update({k: int(v) if k in _NUMERIC_EXTRA and v.isdigit() else v for k, v in p.extra})
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
        for key in _COUNT_KEYS:
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
        "abbreviations": {a.short: abbreviation_value(a) for a in facts.abbreviations},
    }


def abbreviation_value(a: Abbreviation) -> str:
    """An abbreviation's value in the facts JSON (dev README "Extra keys": "(undefined)" where the text
    does not define it; FACTS.md: a known misspelling names its standard form).

    >>> abbreviation_value(Abbreviation("ANTT", "an ninh, trật tự", defined=True))
    'an ninh, trật tự'
    >>> abbreviation_value(Abbreviation("UBND", "Ủy ban nhân dân"))
    'Ủy ban nhân dân (undefined)'
    >>> abbreviation_value(Abbreviation("MTQT", "Mặt trận Tổ quốc", canonical="MTTQ"))
    'Mặt trận Tổ quốc (misspelling of MTTQ) (undefined)'
    >>> abbreviation_value(Abbreviation("XYZQ", None))
    '(undefined)'
    """
    parts = [a.expansion] if a.expansion else []
    if a.canonical and a.canonical != a.short:
        parts.append(f"(misspelling of {a.canonical})")
    if not a.defined:
        parts.append("(undefined)")
    return " ".join(parts)


_ABBR_VALUE = re.compile(
    r"(?P<exp>.*?)\s*(?:\(misspelling of (?P<canon>[^()]+)\))?\s*(?P<undef>\(undefined\))?"
)


def abbreviation_from_value(short: str, value: str | None, spans: tuple[Span, ...] = ()) -> Abbreviation:
    """The inverse of :func:`abbreviation_value` (``None``: undefined and unknown).

    >>> abbreviation_from_value("MTQT", "Mặt trận Tổ quốc (misspelling of MTTQ) (undefined)")
    Abbreviation(short='MTQT', expansion='Mặt trận Tổ quốc', spans=(), defined=False, canonical='MTTQ')
    >>> abbreviation_from_value("ANTT", "an ninh, trật tự").defined
    True
    """
    m = _ABBR_VALUE.fullmatch(value or "(undefined)")
    if m is None:  # not reached: every string matches, all groups are optional
        return Abbreviation(short=short, expansion=value, spans=spans)
    return Abbreviation(
        short=short,
        expansion=m["exp"] or None,
        spans=spans,
        defined=not m["undef"],
        canonical=m["canon"],
    )


# -- JSON → records (the inverse of facts_to_json) ------------------------------------------------


def _spans_from(raw: Any) -> tuple[Span, ...]:
    """``[[begin, end], …]`` (a third element, an expected surface, is ignored) → spans."""
    if not raw:
        return ()
    return tuple(Span(int(s[0]), int(s[1])) for s in raw)


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def place_from_json(data: dict[str, Any]) -> Place:
    """A :class:`Place` and its parent chain from the facts format.

    >>> place_from_json({"type": "xã", "name": "A", "parent": {"type": "tỉnh", "name": "B"}}).chain()[-1].name
    'B'
    """
    parent = data.get("parent")
    return Place(
        type=data["type"],
        name=data["name"],
        parent=place_from_json(parent) if parent else None,
        spans=_spans_from(data.get("spans")),
        code=data.get("code"),
        former=bool(data.get("former", False)),
    )


_PERSON_KEYS = frozenset(
    {"name", "rank", "posts", "organization", "honorific", "spans", "rank_spans", "post_spans", "address"}
)
_COUNT_KEYS = ("within", "scope", "criterion", "period", "note")


def facts_from_json(data: dict[str, Any], *, text: str, path: str) -> Facts:
    """Read the facts JSON that :func:`facts_to_json` writes (spans included) back into :class:`Facts`.

    ``text`` is the article's NFC text the spans index. Also read, when present, keys that
    :func:`facts_to_json` does not write: ``author_spans``, ``rank_spans``/``post_spans`` on persons,
    ``kind_spans`` on campaigns, ``place`` on counts, organisations as ``{"name", "spans", "place"}``
    objects, and ``abbreviation_spans``. Unknown person keys go to ``Person.extra`` (as JSON text
    when they are not strings). A span may carry a third element (its expected surface), ignored here.

    >>> f = facts_from_json({"persons": [{"name": "An", "rank": None, "posts": [], "spans": [[0, 2]]}]},
    ...                     text="An", path="a.txt")
    >>> f.persons[0].spans
    (Span(begin=0, end=2),)
    """
    import hashlib
    import json

    def ref(raw: dict[str, Any] | None, places: tuple[Place, ...]) -> Place | None:
        if not raw:
            return None
        from .text import fold_key

        key = (fold_key(raw["type"]), fold_key(raw["name"]))
        for top in places:
            for p in top.chain():
                if (fold_key(p.type), fold_key(p.name)) == key:
                    return p
        return place_from_json(raw)

    places = tuple(place_from_json(p) for p in data.get("places", []))
    persons = []
    for p in data.get("persons", []):
        extra = tuple(
            (k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True))
            for k, v in p.items()
            if k not in _PERSON_KEYS
        )
        persons.append(
            Person(
                name=p["name"],
                rank=p.get("rank"),
                posts=tuple(p.get("posts") or ()),
                address=place_from_json(p["address"]) if isinstance(p.get("address"), dict) else None,
                organization=p.get("organization"),
                honorific=p.get("honorific"),
                spans=_spans_from(p.get("spans")),
                rank_spans=_spans_from(p.get("rank_spans")),
                post_spans=_spans_from(p.get("post_spans")),
                extra=extra,
            )
        )
    organizations = []
    for o in data.get("organizations", []):
        if isinstance(o, str):
            organizations.append(Organization(name=o))
        else:
            organizations.append(
                Organization(
                    name=o["name"], spans=_spans_from(o.get("spans")), place=ref(o.get("place"), places)
                )
            )
    campaigns = tuple(
        Campaign(
            name=c["name"],
            kind=c.get("kind"),
            place=ref(c.get("place"), places),
            spans=_spans_from(c.get("spans")),
            kind_spans=_spans_from(c.get("kind_spans")),
        )
        for c in data.get("campaigns", [])
    )
    counts = tuple(
        Count(
            value=_dec(n.get("value")),
            unit=n["unit"],
            qualifier=n.get("qualifier", "exact"),
            spans=_spans_from(n.get("spans")),
            of=_dec(n.get("of")),
            place=ref(n.get("place"), places),
            **{k: n.get(k) for k in _COUNT_KEYS},
        )
        for n in data.get("counts", [])
    )
    abbr_spans = data.get("abbreviation_spans", {})
    abbreviations = tuple(
        abbreviation_from_value(k, v, _spans_from(abbr_spans.get(k)))
        for k, v in (data.get("abbreviations") or {}).items()
    )
    return Facts(
        path=path,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        author=data.get("author"),
        author_spans=_spans_from(data.get("author_spans")),
        title=data.get("title"),
        persons=tuple(persons),
        organizations=tuple(organizations),
        places=places,
        campaigns=campaigns,
        counts=counts,
        abbreviations=abbreviations,
    )

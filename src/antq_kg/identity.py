"""Identity: the one home of who-is-the-same. Which mentions, in one article or in several, are one entity.

Pure functions and one per-article context over the typed records of :mod:`antq_kg.model` and the
gazetteer's resolution (no RDF library here): each rule gives an :class:`Identity` — ``key``, the
string compared; ``basis``, why, in one English sentence (the graph writes it as
``antq:identityBasis``, ``antq-kg explain`` and the resource pages show it); ``scope``, ``"corpus"``
when articles share the entity, ``"article"`` when it belongs to one article; and ``path``, the IRI
path (slugs by :func:`antq_kg.iris.slug`, which keeps every distinction the text makes) that
:meth:`antq_kg.iris.Minter.mint` turns into the entity's IRI. Nothing else decides sameness.
Identities carry no mutable fact: rank, posts and memberships are dated statements of the articles.

- **Places**: one entity per gazetteer unit *version* (``c12118-2019`` xã Nhân Hòa to 2019-04-30,
  ``c12118`` phường Nhân Hòa after), resolved as of the article's date and in its province, whatever
  the written chain; a residential unit (thôn, xóm, ấp, tổ dân phố…) is its folded name under the
  commune unit it was resolved in ("thôn Hà" and "thôn Hạ" of one commune are two); a place the
  gazetteer does not resolve belongs to its article (its written chain); with no gazetteer, a place
  is its written chain.
- **Organisations**: one naming a unit is its canonical head (abbreviations written out, "CA" →
  "Công an", and the written forms of ``lexicons/orgs_heads.tsv`` brought to one: "Ủy ban MTTQ",
  "Ủy ban MTTQ Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam") plus the unit version it serves, so "CA
  tỉnh Hưng Yên" and "Công an tỉnh Hưng Yên" are one while the pre- and post-2025 police of a province
  are two; one naming no unit is its folded name; a bare "Công an tỉnh", or one whose unit is not
  resolved, belongs to its article. A body a post's phrase names ("Ủy viên Ban Thường vụ Tỉnh ủy") is
  the body of that level above the person's organisation (else of the article's province).
- **Persons**: the folded name plus the *lineage* of the organisation of their posts: the unit the
  organisation serves followed through the reorganisations to the last unit it uniquely became — a
  division of a police ("Phòng Tham mưu Công an tỉnh …") follows its police; the
  district police ended on 2025-03-01 and their work went to the provincial police; a unit of the
  gazetteer with one successor and no split flag became that successor (the provinces and communes
  merged on 2025-07-01, the 2019 mergers and upgrades). Same name and same lineage in two articles is
  one person: a promotion keeps the person, and so does the reform (the director of Công an tỉnh Thái
  Bình in 2024 is the director of the merged Công an tỉnh Hưng Yên in 2025, a commune police chief
  stays one across the merger of communes); a unit split among several successors ends the lineage,
  so nothing is merged across a split. Two namesakes in two organisations that a merger made one are
  one person (the rule has no other evidence to tell them apart). The name alone never merges two
  people; with no organisation a person belongs to its article. A residential unit's organisation
  (a village branch) has no lineage: it is its own.
- **Posts**: one per organisation (version) and role, shared by every holder and article.
- **Initiatives**: the folded name; the ANTQ movement is one entity in all its written forms
  (``lexicons/campaigns_antq.tsv``).
- **Authors**: the byline, folded: one author across articles.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Final, Literal

from .gazetteer import split_type_word
from .iris import ascii_fold, folded_name, slug
from .lexicon import rows
from .model import Facts, Organization, Person, Place
from .orgnames import (
    PostReading,
    canonical_head,
    expand_abbreviations,
    names_a_bare_unit,
    party_committee_of,
    split_org_name,
    unit_label,
)
from .text import fold_key

if TYPE_CHECKING:
    from .gazetteer import AdminUnit, Gazetteer

__all__ = [
    "CENTRAL_CITIES",
    "DISTRICT_POLICE_END",
    "LEVEL_DEPTH",
    "POLICE_HEADS",
    "ArticleIdentities",
    "BodyIdentity",
    "Identity",
    "Lineage",
    "OrgIdentity",
    "author",
    "district_police_end",
    "initiative",
    "is_movement",
    "lineage",
    "place_level",
    "post",
    "unit_level",
    "unit_organization",
]

Scope = Literal["corpus", "article"]

#: The day district-level police (Công an huyện, quận, thị xã, thành phố thuộc tỉnh) stopped working:
#: their work went to the provincial police and the commune police (the Ministry of Public Security's
#: reorganisation of the People's Public Security, in force 2025-03-01).
DISTRICT_POLICE_END: Final = date(2025, 3, 1)
#: The heads of the police departments and their Party committees (folded), whose district level
#: ended on :data:`DISTRICT_POLICE_END`.
POLICE_HEADS: Final = frozenset({"công an", "đảng ủy công an"})
_POLICE_HEAD: Final = "Công an"

#: Depth of each administrative level: 0 country, 1 province, 2 district, 3 commune, 4 residential unit.
LEVEL_DEPTH: Final[dict[str, int]] = {
    "quoc-gia": 0,
    "tinh": 1,
    "thanh-pho-tw": 1,
    "huyen": 2,
    "quan": 2,
    "thi-xa": 2,
    "thanh-pho": 2,
    "xa": 3,
    "phuong": 3,
    "thi-tran": 3,
    "dac-khu": 3,
    "thon": 4,
    "xom": 4,
    "ap": 4,
    "ban": 4,
    "buon": 4,
    "bon": 4,
    "lang": 4,
    "to-dan-pho": 4,
    "to": 4,
    "khu-pho": 4,
    "khoi-pho": 4,
    "khoi": 4,
    "khu": 4,
    "khom": 4,
    "tieu-khu": 4,
    "phum": 4,
    "soc": 4,
}

#: Cities run by the central government (thành phố trực thuộc trung ương): before 2025-07-01 the
#: five of the Local Government Law 2015; Huế since 2025-01-01 (Res. 175/2024/QH15). A bare
#: "thành phố X" with no parent is centrally run when X is one of these, otherwise provincial.
CENTRAL_CITIES: Final = frozenset({"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế"})

#: The ANTQ movement: one entity across all articles and written forms.
MOVEMENT_NAME: Final = "Toàn dân bảo vệ an ninh Tổ quốc"
ANTQ_MOVEMENT_SLUG: Final = slug(MOVEMENT_NAME)

_UNIT_LEVELS = {
    "tỉnh": "tinh",
    "huyện": "huyen",
    "quận": "quan",
    "thị xã": "thi-xa",
    "xã": "xa",
    "phường": "phuong",
    "thị trấn": "thi-tran",
    "đặc khu": "dac-khu",
}


@dataclass(frozen=True, slots=True)
class Identity:
    """Who an entity is: what was compared (``key``), why (``basis``), shared or not (``scope``), and
    the IRI path (under ``id/{kind}/``) that :meth:`antq_kg.iris.Minter.mint` makes its IRI."""

    kind: str
    key: str
    basis: str
    scope: Scope
    path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OrgIdentity:
    """An organisation's identity with its canonical label, the gazetteer key of the unit it serves
    and its canonical head (when it serves a unit of the gazetteer)."""

    identity: Identity
    label: str
    unit_key: str | None = None
    head: str | None = None


@dataclass(frozen=True, slots=True)
class BodyIdentity:
    """The body a post's phrase names, and the body it is an organ of (``None`` for none)."""

    body: OrgIdentity
    within: OrgIdentity | None = None


@dataclass(frozen=True, slots=True)
class Lineage:
    """Where an organisation's reorganisations lead: the organisation of the last unit its unit uniquely
    became (``organisation``, itself when nothing changed) and each step, in words ("Công an tỉnh Thái
    Bình (p34) → Công an tỉnh Hưng Yên (np33) on 2025-07-01")."""

    organisation: OrgIdentity
    steps: tuple[str, ...] = ()
    years: tuple[int, ...] = ()


def place_level(place: Place) -> str:
    """The admin-level concept slug of a place's type word (``thành phố`` split by its position).

    >>> place_level(Place("thị xã", "Mỹ Hào"))
    'thi-xa'
    >>> place_level(Place("thành phố", "Hà Nội")), place_level(Place("thành phố", "Hưng Yên"))
    ('thanh-pho-tw', 'thanh-pho')
    >>> place_level(Place("Thành phố", "Huế", parent=Place("tỉnh", "X")))
    'thanh-pho'
    """
    code = ascii_fold(place.type)
    if code == "thanh-pho-truc-thuoc-trung-uong":
        return "thanh-pho-tw"
    if code == "thanh-pho" and place.parent is None and fold_key(place.name) in CENTRAL_CITIES:
        return "thanh-pho-tw"
    return code


def unit_level(unit: AdminUnit) -> str:
    """The admin-level concept slug of a gazetteer unit (``quoc-gia`` for Viet Nam).

    >>> from antq_kg.gazetteer import AdminUnit
    >>> unit_level(AdminUnit("p01", "01", "thành phố", "Hà Nội", 1, "VN", None, None))
    'thanh-pho-tw'
    >>> unit_level(AdminUnit("d323", "323", "thành phố", "Hưng Yên", 2, "p33", None, None))
    'thanh-pho'
    """
    if unit.level == 0:
        return "quoc-gia"
    if unit.type == "thành phố":
        return "thanh-pho-tw" if unit.level == 1 else "thanh-pho"
    return _UNIT_LEVELS[unit.type]


def _movement_forms() -> frozenset[str]:
    """The folded names of every written form of the ANTQ movement: the forms of the campaigns
    lexicon ``lexicons/campaigns_antq.tsv`` (full name, "toàn dân bảo vệ ANTQ", TDBVANTQ, BVANTQ…),
    each also after the kind word "phong trào"."""
    forms = {folded_name(row[0]) for row in rows("campaigns_antq")} | {folded_name(MOVEMENT_NAME)}
    return frozenset(forms | {f"phong trào {f}" for f in forms})


_MOVEMENT_FORMS = _movement_forms()


def is_movement(name: str) -> bool:
    """Whether ``name`` is a written form of the ANTQ movement.

    >>> is_movement("BVANTQ"), is_movement("phong trào Toàn dân tham gia bảo vệ an ninh Tổ quốc")
    (True, True)
    >>> is_movement("Câu lạc bộ đoàn kết")
    False
    """
    return folded_name(name) in _MOVEMENT_FORMS


def initiative(name: str) -> Identity:
    """A named initiative: its folded name; every written form of the ANTQ movement is one.

    >>> initiative("TDBVANTQ").path == initiative("Toàn dân bảo vệ an ninh Tổ quốc").path
    True
    >>> initiative("Câu lạc bộ đoàn kết").path
    ('cau-lac-bo-doan-ket-8c2445',)
    """
    if is_movement(name):
        return Identity(
            "initiative",
            f"initiative|{folded_name(MOVEMENT_NAME)}",
            f"a written form of the movement {MOVEMENT_NAME} "
            "(forms listed in lexicons/campaigns_antq.tsv): one movement in every article",
            "corpus",
            (ANTQ_MOVEMENT_SLUG,),
        )
    return Identity(
        "initiative",
        f"initiative|{folded_name(name)}",
        "the same name, folded (case, tone placement, punctuation): one initiative across articles",
        "corpus",
        (slug(name),),
    )


def author(byline: str) -> Identity:
    """The author of a byline: one author across articles for one byline, folded.

    >>> author("Phương Thủy").path == author("PHƯƠNG  THỦY").path
    True
    """
    return Identity(
        "author",
        f"author|{folded_name(byline)}",
        "the same byline, folded (case, tone placement, spacing): one author across articles",
        "corpus",
        (slug(byline),),
    )


def post(organization: Identity, role: str) -> Identity:
    """The post of ``role`` in an organisation: one per organisation and role, whoever holds it when.

    >>> police = Identity("org", "org|công an|p33", "", "corpus", ("cong-an-3f2a1b", "p33"))
    >>> post(police, "Giám đốc").path[:2], post(police, "giám  đốc") == post(police, "Giám đốc")
    (('cong-an-3f2a1b', 'p33'), True)
    """
    return Identity(
        "post",
        f"post|{organization.key}|{folded_name(role)}",
        f"the role '{folded_name(role)}' in the organisation {organization.key}: one post, held by "
        "whoever the articles name in it at their dates",
        organization.scope,
        (*organization.path, slug(role)),
    )


ChainKey = tuple[tuple[str, str], ...]


_folded = functools.lru_cache(maxsize=1 << 16)(fold_key)


def chain_key(place: Place) -> ChainKey:
    """The written chain of ``place`` (child first), each (type, name) folded."""
    return tuple((_folded(p.type), _folded(p.name)) for p in place.chain())


def unit_organization(head: str, unit: AdminUnit) -> OrgIdentity:
    """The organisation of head ``head`` ("Công an", "Đảng ủy Công an") serving gazetteer unit ``unit``.

    >>> from antq_kg.gazetteer import AdminUnit
    >>> org = unit_organization("Công an", AdminUnit("p33", "33", "tỉnh", "Hưng Yên", 1, "VN", None, None))
    >>> org.label, org.identity.key, org.identity.path[1]
    ('Công an tỉnh Hưng Yên', 'org|công an|p33', 'p33')
    >>> unit_organization("Ủy ban MTTQ", AdminUnit("p33", "33", "tỉnh", "Hưng Yên", 1, "VN", None, None)).label
    'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên'
    """
    canon = canonical_head(head).canonical
    return OrgIdentity(
        Identity(
            "org",
            f"org|{folded_name(canon)}|{unit.key}",
            f"the same head '{folded_name(canon)}' (abbreviations and written forms brought to one) "
            f"serving the same unit ({unit.key})",
            "corpus",
            (slug(canon), unit.key),
        ),
        unit_label(canon, unit.type, unit.name) if unit.level else f"{canon} {unit.label}",
        unit.key,
        canon,
    )


def district_police_end(gazetteer: Gazetteer, unit: AdminUnit) -> AdminUnit | None:
    """The province whose police took over the work of the police of ``unit`` on
    :data:`DISTRICT_POLICE_END`, when ``unit`` is a district still in being that day (else ``None``)."""
    if unit.level != 2 or (unit.valid_to is not None and unit.valid_to < DISTRICT_POLICE_END):
        return None
    return gazetteer.province(unit)


def lineage(gazetteer: Gazetteer, org: OrgIdentity) -> Lineage:
    """Where the reorganisations lead an organisation serving a gazetteer unit: the district police
    to the provincial police on :data:`DISTRICT_POLICE_END`, then each unit to its successor while it
    has exactly one and the gazetteer does not flag the change a split.

    >>> from antq_kg.gazetteer import Gazetteer
    >>> gaz = Gazetteer.load()
    >>> found = lineage(gaz, unit_organization("Công an", gaz.get("p34")))
    >>> found.organisation.label, found.steps, found.years
    ('Công an tỉnh Hưng Yên', ('Công an tỉnh Thái Bình (p34) → Công an tỉnh Hưng Yên (np33) on 2025-07-01',), (2025,))
    >>> lineage(gaz, unit_organization("Công an", gaz.get("np33"))).steps
    ()
    >>> lineage(gaz, unit_organization("Ủy ban nhân dân", gaz.get("d293"))).steps  # a district split
    ()
    """
    if org.unit_key is None or org.head is None or org.unit_key not in gazetteer:
        return Lineage(org)
    unit = gazetteer.get(org.unit_key)
    head = folded_name(org.head)
    steps: list[str] = []
    current = org
    if head.endswith(" công an") and head not in POLICE_HEADS:  # a division: "Phòng Tham mưu Công an"
        current = unit_organization(_POLICE_HEAD, unit)
        steps.append(f"{org.label} is a division of {current.label}")
    police = folded_name(current.head or "") in POLICE_HEADS
    years: list[int] = []
    seen = {unit.key}
    while True:
        after: AdminUnit | None = None
        day: date | None = None
        if police and (province := district_police_end(gazetteer, unit)) is not None:
            after, day = province, DISTRICT_POLICE_END
        else:
            records = gazetteer.succession(unit)
            if len(records) == 1 and not records[0].split and records[0].new_key in gazetteer:
                after = gazetteer.get(records[0].new_key)
                day = after.valid_from
        if after is None or after.key in seen:
            break
        seen.add(after.key)
        nxt = unit_organization(current.head or org.head, after)
        when = f" on {day.isoformat()}" if day is not None else ""
        steps.append(f"{current.label} ({unit.key}) → {nxt.label} ({after.key}){when}")
        if day is not None:
            years.append(day.year)
        current, unit = nxt, after
    return Lineage(current, tuple(steps), tuple(sorted(set(years))))


@dataclass(frozen=True, slots=True)
class Resolved:
    """What the gazetteer made of a written place: the unit version (``unit_key``, for a residential
    unit the commune it lies in) and the residential units written below it, top first."""

    unit_key: str
    residential: tuple[Place, ...] = ()


@dataclass
class ArticleIdentities:
    """The identity rules applied in one article: its id, date and province, and what was resolved.

    ``gazetteer`` resolves places as of ``on`` (the publication date, when known) and in the province
    most of the article's places sit in; without one, places and organisations are compared by their
    written names only.
    """

    facts: Facts
    article: str
    gazetteer: Gazetteer | None = None
    on: date | None = None
    _resolved: dict[ChainKey, Resolved | None] = field(default_factory=dict)
    _reasons: dict[ChainKey, str] = field(default_factory=dict)
    province_name: str | None = None

    def __post_init__(self) -> None:
        roots = [top.chain()[-1] for top in self.facts.places]
        provinces = [r.name for r in roots if LEVEL_DEPTH.get(place_level(r)) == 1]
        self.province_name = max(provinces, key=provinces.count) if provinces else None

    # -- places ----------------------------------------------------------------------------------

    def resolve(self, place: Place) -> Resolved | None:
        """The unit version a written chain means, as of the article's date and in its province; for
        a residential unit (thôn, tổ dân phố…), the commune it was resolved in. ``None``: not resolved."""
        if self.gazetteer is None:
            return None
        chain = chain_key(place)
        if chain in self._resolved:
            return self._resolved[chain]
        found: Resolved | None = None
        if LEVEL_DEPTH.get(place_level(place)) == 4:
            up = self.resolve(place.parent) if place.parent is not None else None
            if up is not None:
                found = Resolved(up.unit_key, (*up.residential, place))
        else:
            res = self.gazetteer.resolve_chain(place, on=self.on, province_hint=self.province_name)
            found = Resolved(res.unit.key) if res.unit is not None else None
            self._reasons[chain] = res.reason
        self._resolved[chain] = found
        return found

    def resolved_unit(self, place: Place) -> AdminUnit | None:
        """The gazetteer unit ``place`` is (``None`` for residential and unresolved places)."""
        found = self.resolve(place)
        if found is None or found.residential or self.gazetteer is None:
            return None
        return self.gazetteer.get(found.unit_key)

    def place(self, place: Place) -> Identity:
        """Who a written place is (see the module docstring)."""
        chain = list(reversed(place.chain()))  # root first
        written = tuple(slug(f"{p.type} {p.name}") for p in chain)
        folded = "/".join(folded_name(f"{p.type} {p.name}") for p in chain)
        if self.gazetteer is None:
            return Identity(
                "place",
                f"place|{folded}",
                "the same written chain (no gazetteer to resolve it)",
                "corpus",
                written,
            )
        found = self.resolve(place)
        if found is None:
            why = self._reasons.get(chain_key(place), "no commune resolved above it")
            return Identity(
                "place",
                f"place|article:{self.article}|{folded}",
                f"not resolved by the gazetteer ({why}): this article's place only",
                "article",
                (self.article, *written),
            )
        if not found.residential:
            why = self._reasons.get(chain_key(place), "")
            return Identity(
                "place",
                f"place|{found.unit_key}",
                f"resolved by the gazetteer to unit {found.unit_key} as of the article's date ({why})",
                "corpus",
                (found.unit_key,),
            )
        names = "/".join(folded_name(f"{p.type} {p.name}") for p in found.residential)
        return Identity(
            "place",
            f"place|{found.unit_key}|{names}",
            f"residential unit '{names}' (its name folded: case and tone placement, never diacritics) of the "
            f"unit the gazetteer resolved ({found.unit_key})",
            "corpus",
            (found.unit_key, *(slug(f"{p.type} {p.name}") for p in found.residential)),
        )

    def province(self) -> Place | None:
        """The province most of the article's places sit in, as first written (the area of counts with none)."""
        roots: Counter[ChainKey] = Counter()
        first: dict[ChainKey, tuple[int, Place]] = {}
        for i, top in enumerate(self.facts.places):
            root = top.chain()[-1]
            if LEVEL_DEPTH.get(place_level(root)) == 1:
                k = chain_key(root)
                roots[k] += 1
                first.setdefault(k, (i, root))
        if not roots:
            return None
        best = max(roots, key=lambda k: (roots[k], -first[k][0]))
        return first[best][1]

    # -- organisations -----------------------------------------------------------------------------

    def organization(self, name: str, org: Organization | None = None) -> OrgIdentity:
        """Who the organisation written ``name`` is, with its canonical label."""
        canon = expand_abbreviations(name)
        head, unit_place = split_org_name(canon, org.place if org is not None else None)

        def own(basis: str) -> OrgIdentity:
            return self._own(canon, basis)

        def by_name(basis: str) -> OrgIdentity:
            return OrgIdentity(
                Identity("org", f"org|{folded_name(canon)}", basis, "corpus", (slug(canon),)), canon
            )

        if unit_place is None:
            if names_a_bare_unit(canon):
                return own("names no particular unit (a bare type word): this article's organisation only")
            return by_name("the same name, folded (case, tone placement) with abbreviations written out")
        if self.gazetteer is None:
            return by_name(
                "the same name, folded (case, tone placement) with abbreviations written out (no gazetteer)"
            )
        written = self.article_place(unit_place)
        found = self.resolve(written)
        if found is None:
            return own(
                f"its unit '{unit_place.type} {unit_place.name}' is not resolved by the gazetteer: "
                "this article's organisation only"
            )
        unit = self.gazetteer.get(found.unit_key)
        if not found.residential:
            return unit_organization(head, unit)
        head = canonical_head(head).canonical
        label = (
            f"{head} "
            + " ".join(f"{p.type} {p.name}" for p in reversed(found.residential))
            + f" {unit.label}"
        )
        where = self.place(written)
        return OrgIdentity(
            Identity(
                "org",
                f"org|{folded_name(head)}|{where.key.removeprefix('place|')}",
                f"the same head '{folded_name(head)}' (abbreviations and written forms brought to one) serving "
                f"the same unit ({where.key.removeprefix('place|')})",
                "corpus",
                (slug(head), *where.path),
            ),
            label[:1].upper() + label[1:],
        )

    def body(
        self, reading: PostReading, org: OrgIdentity | None, organisation: str | None
    ) -> BodyIdentity | None:
        """The body a post's phrase names (``reading.body``), with the body it is an organ of: of the
        unit the phrase writes after it ("Bí thư Huyện ủy Kiến Xương"), else of the level above the unit
        of the person's organisation ``org`` (written ``organisation``), else, for a province's body,
        of the article's province; a body of no particular unit belongs to the article. ``None`` when
        the phrase names no body."""
        b = reading.body
        if b is None:
            return None
        if b.level == "national":
            return BodyIdentity(self.organization(b.canonical))
        if b.level == "organisation":  # the canonical head ends with "Đảng ủy" (orgs_post_bodies.tsv)
            if reading.unit is not None:
                committee = f"Đảng ủy {reading.unit}"
            elif organisation is None:
                return BodyIdentity(
                    self._own(
                        b.canonical,
                        "a Party body of no organisation stated: this article's organisation only",
                    )
                )
            elif fold_key(organisation).startswith("đảng ủy"):
                committee = organisation
            else:
                committee = party_committee_of(organisation)
            if b.part_of is None:
                return BodyIdentity(self.organization(committee))
            organ = f"{b.canonical.removesuffix('Đảng ủy').strip()} {committee}"
            return BodyIdentity(self.organization(organ), self.organization(committee))
        unit = self._body_unit(b.level, reading.unit, org)
        if unit is None:
            return BodyIdentity(
                self._own(
                    b.canonical,
                    f"a {b.level} body whose unit is not resolved: this article's organisation only",
                )
            )
        within = unit_organization(b.part_of, unit) if b.part_of is not None else None
        return BodyIdentity(unit_organization(b.canonical, unit), within)

    def _body_unit(self, level: str, written: str | None, org: OrgIdentity | None) -> AdminUnit | None:
        """The unit of ``level`` a body serves: the unit written after it, else the one above the
        organisation's unit, else (a province's body) the article's province."""
        gaz = self.gazetteer
        if gaz is None:
            return None
        words = {
            "province": ("tỉnh", "thành phố"),
            "city": ("thành phố",),
            "district": ("huyện", "quận", "thị xã", "thành phố"),
        }[level]
        if written is not None:
            type_word, name = split_type_word(written)
            place = self.article_place(Place(type_word or words[0], name))
            return self.resolved_unit(place)
        if org is not None and org.unit_key is not None and org.unit_key in gaz:
            unit = gaz.get(org.unit_key)
            for u in (unit, *gaz.ancestors(unit)):
                if (level == "province" and u.level == 1) or (level == "district" and u.level == 2):
                    return u
                if level == "city" and u.level in (1, 2) and u.type == "thành phố":
                    return u
            return None
        if level != "province":
            return None
        province = self.province()
        return self.resolved_unit(province) if province is not None else None

    def _own(self, name: str, basis: str) -> OrgIdentity:
        """The organisation written ``name`` of this article only."""
        return OrgIdentity(
            Identity(
                "org",
                f"org|article:{self.article}|{folded_name(name)}",
                basis,
                "article",
                (self.article, slug(name)),
            ),
            name,
        )

    def article_place(self, place: Place) -> Place:
        """The article's own written chain for ``place`` (same type word and name, and a parent of
        the same name when ``place`` has one), else ``place``."""
        from .gazetteer import split_type_word

        want = (fold_key(place.type), fold_key(place.name))
        parent = fold_key(split_type_word(place.parent.name)[1]) if place.parent is not None else None
        for top in self.facts.places:
            chain = top.chain()
            for i, p in enumerate(chain):
                if (fold_key(p.type), fold_key(p.name)) != want:
                    continue
                if parent is None or any(fold_key(a.name) == parent for a in chain[i + 1 :]):
                    return p
        return place

    # -- persons -----------------------------------------------------------------------------------

    def person(self, p: Person, org: OrgIdentity | None) -> Identity:
        """Who a named person is: folded name + the lineage of their organisation, or (no organisation)
        the article's own."""
        name = folded_name(p.name)
        if org is None:
            return Identity(
                "person",
                f"person|{name}|article:{self.article}",
                "no organisation stated: this article's person only (never merged on the name alone)",
                "article",
                (self.article, slug(p.name)),
            )
        line = lineage(self.gazetteer, org) if self.gazetteer is not None else Lineage(org)
        same = line.organisation.identity
        tail = (
            ": one person across articles, whatever rank or post each article gives (those are dated "
            "statements); never merged on the name alone"
        )
        if line.steps:
            dated = sum(" on " in step for step in line.steps)
            linked = (
                f"linked by the {' and '.join(str(y) for y in line.years)} reorganisation{'s' if dated > 1 else ''}"
                if line.years
                else "linked"
            )
            basis = (
                f"the same folded name '{name}' in the same organisation or organisations {linked} "
                f"({'; '.join(line.steps)}; their lineage {same.key}){tail}"
            )
        else:
            basis = f"the same folded name '{name}' and the same organisation ({same.key}){tail}"
        return Identity("person", f"person|{name}|{same.key}", basis, same.scope, (*same.path, slug(p.name)))

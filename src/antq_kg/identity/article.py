"""The identity rules applied in one article (:class:`ArticleIdentities`): places resolved as of its
date and in its province, organisations, the bodies posts name, and persons."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..gazetteer import split_type_word
from ..iris import folded_name, slug
from ..model import Facts, Organization, Person, Place
from ..orgnames import (
    PostReading,
    canonical_head,
    expand_abbreviations,
    names_a_bare_unit,
    party_committee_of,
    split_org_name,
)
from ..text import fold_key
from .levels import LEVEL_DEPTH, place_level
from .lineage import Lineage, lineage
from .records import BodyIdentity, Identity, OrgIdentity
from .rules import unit_organization

if TYPE_CHECKING:
    from ..gazetteer import AdminUnit, Gazetteer

ChainKey = tuple[tuple[str, str], ...]


_folded = functools.lru_cache(maxsize=1 << 16)(fold_key)


def chain_key(place: Place) -> ChainKey:
    """The written chain of ``place`` (child first), each (type, name) folded."""
    return tuple((_folded(p.type), _folded(p.name)) for p in place.chain())


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

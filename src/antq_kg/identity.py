"""Identity: the one home of who-is-the-same. Which mentions, in one article or in several, are one entity.

Pure functions and one per-article context over the typed records of :mod:`antq_kg.model` and the
gazetteer's resolution (no RDF library here): each rule gives an :class:`Identity` — ``key``, the
string compared; ``basis``, why, in one English sentence (the graph writes it as
``antq:identityBasis``, ``antq-kg explain`` and the resource pages show it); ``scope``, ``"corpus"``
when articles share the entity, ``"article"`` when it belongs to one article; and ``path``, the IRI
path :class:`antq_kg.iris.Minter` turns into the entity's IRI. Nothing else decides sameness.

- **Places**: a place the gazetteer resolves is its unit's key, whatever the written chain, as of the
  article's date and in its province (so two articles writing different parents agree); a
  residential unit is keyed by its resolved commune; unresolved places stay in their article; with
  no gazetteer, a place is its written chain.
- **Organisations**: one naming a unit is its head (abbreviations expanded: "CA" → "Công an") plus its
  unit's gazetteer key, so "CA tỉnh Hưng Yên" and "Công an tỉnh Hưng Yên" are one while the pre- and
  post-2025 police of a province are two; a bare "Công an tỉnh" stays in its article; a name naming no
  unit is its folded name.
- **Persons**: merged across articles only on the same folded name AND the same organisation AND the
  same rank (or no rank stated), never on the name alone; with no organisation a person belongs to
  its article.
- **Initiatives**: the folded name; the ANTQ movement is one entity in all its written forms
  (``lexicons/campaigns_antq.tsv``).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Final, Literal

from .iris import content_hash, slugify
from .lexicon import rows
from .model import Facts, Organization, Person, Place
from .orgnames import expand_abbreviations, names_a_bare_unit, split_org_name
from .text import fold_key

if TYPE_CHECKING:
    from .gazetteer import AdminUnit, Gazetteer

__all__ = [
    "CENTRAL_CITIES",
    "LEVEL_DEPTH",
    "ArticleIdentities",
    "Identity",
    "OrgIdentity",
    "initiative",
    "is_movement",
    "place_level",
    "unit_level",
]

Scope = Literal["corpus", "article"]

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
    "to-dan-pho": 4,
    "khu-pho": 4,
    "phum": 4,
    "soc": 4,
}

#: Cities run by the central government (thành phố trực thuộc trung ương): before 2025-07-01 the
#: five of the Local Government Law 2015; Huế since 2025-01-01 (Res. 175/2024/QH15). A bare
#: "thành phố X" with no parent is centrally run when X is one of these, otherwise provincial.
CENTRAL_CITIES: Final = frozenset({"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế"})

#: The ANTQ movement: one entity across all articles and written forms.
MOVEMENT_NAME: Final = "Toàn dân bảo vệ an ninh Tổ quốc"
ANTQ_MOVEMENT_SLUG: Final = "toan-dan-bao-ve-an-ninh-to-quoc"

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
    """An organisation's identity with its canonical label, and the gazetteer key of the unit it serves."""

    identity: Identity
    label: str
    unit_key: str | None = None


def place_level(place: Place) -> str:
    """The admin-level concept slug of a place's type word (``thành phố`` split by its position).

    >>> place_level(Place("thị xã", "Mỹ Hào"))
    'thi-xa'
    >>> place_level(Place("thành phố", "Hà Nội")), place_level(Place("thành phố", "Hưng Yên"))
    ('thanh-pho-tw', 'thanh-pho')
    >>> place_level(Place("Thành phố", "Huế", parent=Place("tỉnh", "X")))
    'thanh-pho'
    """
    slug = slugify(place.type)
    if slug == "thanh-pho-truc-thuoc-trung-uong":
        return "thanh-pho-tw"
    if slug == "thanh-pho" and place.parent is None and fold_key(place.name) in CENTRAL_CITIES:
        return "thanh-pho-tw"
    return slug


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
    """Slugs of every written form of the ANTQ movement: the forms of the campaigns lexicon
    ``lexicons/campaigns_antq.tsv`` (full name, "toàn dân bảo vệ ANTQ", TDBVANTQ, BVANTQ…), each also
    after the kind word "phong trào"."""
    forms = {slugify(row[0]) for row in rows("campaigns_antq")} | {ANTQ_MOVEMENT_SLUG}
    return frozenset(forms | {f"phong-trao-{f}" for f in forms})


_MOVEMENT_FORMS = _movement_forms()


def is_movement(name: str) -> bool:
    """Whether ``name`` is a written form of the ANTQ movement.

    >>> is_movement("BVANTQ"), is_movement("Câu lạc bộ đoàn kết")
    (True, False)
    """
    return slugify(name) in _MOVEMENT_FORMS


def initiative(name: str) -> Identity:
    """A named initiative: its folded name; every written form of the ANTQ movement is one.

    >>> initiative("TDBVANTQ").path == initiative("Toàn dân bảo vệ an ninh Tổ quốc").path
    True
    >>> initiative("Câu lạc bộ đoàn kết").path
    ('cau-lac-bo-doan-ket',)
    """
    if is_movement(name):
        return Identity(
            "initiative",
            f"initiative|{fold_key(MOVEMENT_NAME)}",
            f"a written form of the movement {MOVEMENT_NAME} "
            "(forms listed in lexicons/campaigns_antq.tsv): one movement in every article",
            "corpus",
            (ANTQ_MOVEMENT_SLUG,),
        )
    slug = slugify(name)
    return Identity(
        "initiative",
        f"initiative|{slug}",
        "the same name, folded (case, tone placement, punctuation): one initiative across articles",
        "corpus",
        (slug,),
    )


ChainKey = tuple[tuple[str, str], ...]


_folded = functools.lru_cache(maxsize=1 << 16)(fold_key)


def chain_key(place: Place) -> ChainKey:
    """The written chain of ``place`` (child first), each (type, name) folded."""
    return tuple((_folded(p.type), _folded(p.name)) for p in place.chain())


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
    _keys: dict[ChainKey, str | None] = field(default_factory=dict)
    _reasons: dict[ChainKey, str] = field(default_factory=dict)
    province_name: str | None = None

    def __post_init__(self) -> None:
        roots = [top.chain()[-1] for top in self.facts.places]
        provinces = [r.name for r in roots if LEVEL_DEPTH.get(place_level(r)) == 1]
        self.province_name = max(provinces, key=provinces.count) if provinces else None

    # -- places ----------------------------------------------------------------------------------

    def unit_key(self, place: Place) -> str | None:
        """Key of the unit a written chain means, as of the article's date and in its province; a
        residential unit (thôn, tổ dân phố…) is keyed by its resolved commune."""
        from .gazetteer import residential_key

        if self.gazetteer is None:
            return None
        chain = chain_key(place)
        if chain in self._keys:
            return self._keys[chain]
        key: str | None = None
        if LEVEL_DEPTH.get(place_level(place)) == 4:
            parent_key = self.unit_key(place.parent) if place.parent is not None else None
            if parent_key:
                key = residential_key(parent_key, place.type, place.name)
        else:
            res = self.gazetteer.resolve_chain(place, on=self.on, province_hint=self.province_name)
            key = res.unit.key if res.unit is not None else None
            self._reasons[chain] = res.reason
        self._keys[chain] = key
        return key

    def resolved_unit(self, place: Place) -> AdminUnit | None:
        """The gazetteer unit ``place`` resolves to (``None`` for residential and unresolved places)."""
        key = self.unit_key(place)
        if key is None or self.gazetteer is None or key not in self.gazetteer:
            return None
        return self.gazetteer.get(key)

    def place(self, place: Place) -> Identity:
        """Who a written place is (see the module docstring)."""
        chain = [(p.type, p.name) for p in place.chain()]
        written = [slugify(f"{t} {n}") for t, n in reversed(chain)]
        gkey = self.unit_key(place)
        if self.gazetteer is None:
            return Identity(
                "place",
                f"place|{'/'.join(fold_key(f'{t} {n}') for t, n in reversed(chain))}",
                "the same written chain (no gazetteer)",
                "corpus",
                tuple(written),
            )
        if gkey is None:
            why = self._reasons.get(chain_key(place), "no gazetteer unit")
            return Identity(
                "place",
                f"place|{self.article}|{'/'.join(fold_key(f'{t} {n}') for t, n in reversed(chain))}",
                f"not resolved by the gazetteer ({why}): this article's place only",
                "article",
                (self.article, *written),
            )
        why = self._reasons.get(chain_key(place), "")
        if gkey in self.gazetteer:
            basis = f"resolved by the gazetteer to unit {gkey} as of the article's date ({why})"
        else:
            basis = (
                f"residential unit '{fold_key(f'{place.type} {place.name}')}' of the commune the gazetteer "
                f"resolved ({gkey})"
            )
        return Identity("place", gkey, basis, "corpus", (gkey,))

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
        if unit_place is None:
            if names_a_bare_unit(canon):
                return OrgIdentity(
                    Identity(
                        "org",
                        f"org|{self.article}|{fold_key(canon)}",
                        "names no particular unit (a bare type word): this article's organisation only",
                        "article",
                        (self.article, slugify(canon)),
                    ),
                    canon,
                )
            return OrgIdentity(
                Identity(
                    "org",
                    f"org|{fold_key(canon)}",
                    "same name, folded (case, tone placement) with abbreviations written out",
                    "corpus",
                    (slugify(canon),),
                ),
                canon,
            )
        if self.gazetteer is None:
            return OrgIdentity(
                Identity(
                    "org",
                    f"org|{fold_key(canon)}",
                    "same name, folded (case, tone placement) with abbreviations written out (no gazetteer)",
                    "corpus",
                    (slugify(canon),),
                ),
                canon,
            )
        written = self.article_place(unit_place)
        gkey = self.unit_key(written)
        if gkey is None:
            return OrgIdentity(
                Identity(
                    "org",
                    f"org|{self.article}|{fold_key(canon)}",
                    f"its unit '{unit_place.type} {unit_place.name}' is not resolved by the gazetteer: "
                    "this article's organisation only",
                    "article",
                    (self.article, slugify(canon)),
                ),
                canon,
            )
        unit_label = (
            self.gazetteer.get(gkey).label if gkey in self.gazetteer else f"{written.type} {written.name}"
        )
        label = f"{head} {unit_label}"
        return OrgIdentity(
            Identity(
                "org",
                f"org|{fold_key(head)}|{gkey}",
                f"same head '{fold_key(head)}' (abbreviations written out) and the same gazetteer unit {gkey}",
                "corpus",
                (slugify(head), gkey),
            ),
            label[:1].upper() + label[1:],
            gkey,
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

    def person(self, p: Person, org: Identity | None, org_iri: str | None = None) -> Identity:
        """Who a named person is: name + organisation (+ rank when stated), or the article's own."""
        name_part = f"{slugify(p.name)}-{content_hash(fold_key(p.name), length=6)}"
        if org is None:
            return Identity(
                "person",
                f"person|{self.article}|{fold_key(p.name)}",
                "no organisation stated: this article's person only (never merged on the name alone)",
                "article",
                (self.article, slugify(p.name)),
            )
        rank = slugify(p.rank) if p.rank else "-"
        return Identity(
            "person",
            f"person|{fold_key(p.name)}|{org_iri or '/'.join(org.path)}|{rank}",
            f"the same folded name '{fold_key(p.name)}', organisation <{org_iri or '/'.join(org.path)}> and "
            f"rank '{p.rank or 'none stated'}': one person across articles (never merged on the name alone)",
            org.scope,
            (*org.path, name_part, *((slugify(p.rank),) if p.rank else ())),
        )


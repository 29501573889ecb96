"""Organisation names: their kind, their head and unit, their abbreviations written out, their
canonical head, their Party committee, and what a post's phrase says of the body it is held in.

Pure text rules over the names the people stage reads (no RDF here): :mod:`antq_kg.identity` uses
them to decide which written names are one organisation ("CA tỉnh Hưng Yên" = "Công an tỉnh Hưng
Yên"; "Ủy ban MTTQ tỉnh Hưng Yên" = "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên"), and the graph
uses them to classify organisations (``org:classification``), to name each by one canonical name, and
to put a post in the body its phrase names ("Ủy viên Ban Thường vụ Tỉnh ủy": a seat on the provincial
Party committee's standing committee) or in the organisation written after it ("Trưởng Công an huyện
Kim Thành"). The data are lexicons: ``abbrev_known.tsv`` (abbreviations), ``orgs_heads.tsv`` (canonical
heads and their written forms), ``orgs_post_bodies.tsv`` (bodies a post phrase names) and
``people_posts.tsv`` (the posts, shared with the people stage); organisation kinds and the type words
follow the project's vocabulary notes (organisation kinds; administrative levels before and after the
2025 reform).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from .lexicon import rows, table
from .model import Place
from .text import fold_key

__all__ = [
    "ORG_KINDS",
    "ORG_UNIT_TYPES",
    "CanonicalHead",
    "PostBody",
    "PostReading",
    "canonical_head",
    "expand_abbreviations",
    "names_a_bare_unit",
    "org_kind",
    "party_committee_of",
    "read_post",
    "split_org_name",
    "unit_label",
]

#: Organisation kinds by name prefix (folded), longest first (the organisation kinds of the vocabulary notes).
ORG_KINDS: tuple[tuple[str, str], ...] = (
    ("đảng ủy", "dang-uy"),
    ("bộ công an", "bo-cong-an"),
    ("công an tỉnh", "cong-an-tinh"),
    ("công an thành phố", "cong-an-tinh"),
    ("công an huyện", "cong-an-huyen"),
    ("công an quận", "cong-an-huyen"),
    ("công an thị xã", "cong-an-huyen"),
    ("công an xã", "cong-an-xa"),
    ("công an phường", "cong-an-xa"),
    ("công an thị trấn", "cong-an-xa"),
    ("công an đặc khu", "cong-an-xa"),
    ("ủy ban mặt trận tổ quốc", "ubmttq"),
    ("ủy ban mttq", "ubmttq"),
    ("mặt trận tổ quốc", "ubmttq"),
    ("ủy ban nhân dân", "ubnd"),
    ("ubnd", "ubnd"),
    ("hội đồng nhân dân", "hdnd"),
    ("hđnd", "hdnd"),
    ("ban chỉ đạo", "ban-chi-dao"),
)


def org_kind(name: str) -> str | None:
    """The organisation-kind concept slug of an organisation name, if its prefix is known.

    >>> org_kind("Công an tỉnh Hưng Yên"), org_kind("Đảng ủy Công an tỉnh Hưng Yên"), org_kind("Hội X")
    ('cong-an-tinh', 'dang-uy', None)
    """
    key = fold_key(name)
    for prefix, slug in ORG_KINDS:
        if key.startswith(prefix):
            return slug
    return None


#: Administrative type words that may follow an organisation's head ("Công an" + "tỉnh Hưng Yên"),
#: two-word ones first.
ORG_UNIT_TYPES: tuple[tuple[str, ...], ...] = tuple(
    tuple(t.split())
    for t in ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường")
)


@functools.cache
def _abbreviations() -> dict[str, str]:
    """Short form → expansion from ``lexicons/abbrev_known.tsv``, misspellings
    mapped to their canonical form's expansion."""
    table = {r[0]: r[1] for r in rows("abbrev_known") if len(r) > 1}
    for r in rows("abbrev_known"):
        if len(r) > 2 and r[2] in table:
            table[r[0]] = table[r[2]]
    return table


def expand_abbreviations(name: str) -> str:
    """An organisation name with its upper-case abbreviations written out ("CA tỉnh
    Hưng Yên" and "Công an tỉnh Hưng Yên" are one organisation).

    >>> expand_abbreviations("CA tỉnh Hưng Yên")
    'Công an tỉnh Hưng Yên'
    >>> expand_abbreviations("Ủy ban MTQT tỉnh Hưng Yên")
    'Ủy ban Mặt trận Tổ quốc tỉnh Hưng Yên'
    >>> expand_abbreviations("Công an tỉnh Hưng Yên")
    'Công an tỉnh Hưng Yên'

    An expansion is expanded in turn, and does not repeat the word before it:

    >>> expand_abbreviations("Phòng PV05 Công an tỉnh Quảng Ngãi")
    'Phòng Xây dựng phong trào bảo vệ an ninh Tổ quốc Công an tỉnh Quảng Ngãi'
    """
    table = _abbreviations()
    out: list[str] = []
    todo = name.split()
    budget = 2 * len(todo)  # expansions of expansions, bounded
    while todo:
        word = todo.pop(0)
        full = table.get(word) if len(word) > 1 and word.isupper() and budget > 0 else None
        if full is None:
            out.append(word)
            continue
        budget -= 1
        words = full.split()
        if out and words and fold_key(words[0]) == fold_key(out[-1]):
            words = words[1:]
        todo[:0] = words
    text = " ".join(out)
    return text[:1].upper() + text[1:]


#: Heads of the people's councils, committees and fronts of a territorial unit: their Party committee is
#: the unit's own ("Bí thư Đảng ủy, Chủ tịch HĐND xã Ô Lâm" → Đảng ủy xã Ô Lâm), not one inside the body.
_TERRITORIAL_BODIES = frozenset(
    fold_key(h)
    for h in (
        "UBND",
        "Ủy ban nhân dân",
        "HĐND",
        "Hội đồng nhân dân",
        "Ủy ban MTTQ",
        "Ủy ban MTTQ Việt Nam",
        "Ủy ban Mặt trận Tổ quốc",
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "MTTQ",
        "Mặt trận Tổ quốc",
    )
)


def party_committee_of(organization: str) -> str:
    """The Party committee (Đảng ủy) a "Bí thư Đảng ủy" post beside a post in ``organization`` belongs to.

    A department has its own ("Đảng ủy Công an tỉnh", an organ attached to the department); a council, committee or front
    of a territorial unit shares the unit's.

    >>> party_committee_of("Công an tỉnh Hưng Yên")
    'Đảng ủy Công an tỉnh Hưng Yên'
    >>> party_committee_of("HĐND xã Ô Lâm")
    'Đảng ủy xã Ô Lâm'
    """
    head, unit = split_org_name(organization)
    if unit is not None and fold_key(head) in _TERRITORIAL_BODIES:
        return f"Đảng ủy {unit.type} {unit.name}"
    return f"Đảng ủy {organization}"


def split_org_name(name: str, place: Place | None = None) -> tuple[str, Place | None]:
    """``(head, unit)`` of an organisation name: the unit is the place the record names (when the
    name ends with it) or the trailing "type word + name"; ``None`` when the name names no unit.

    >>> split_org_name("Đảng ủy Công an tỉnh Hưng Yên")
    ('Đảng ủy Công an', Place(type='tỉnh', name='Hưng Yên', parent=None, spans=(), code=None, former=False))
    >>> split_org_name("Công an Hưng Yên", Place("tỉnh", "Hưng Yên"))[0]
    'Công an'
    >>> split_org_name("Công an xã Tân Lập (Mộc Châu)")[1].parent.name
    'Mộc Châu'
    >>> split_org_name("Bộ Công an"), split_org_name("Công an tỉnh")
    (('Bộ Công an', None), ('Công an tỉnh', None))
    """
    words = name.split()
    folded = [fold_key(w) for w in words]
    if place is not None:
        for tail in (f"{place.type} {place.name}", place.name):
            t = fold_key(tail).split()
            if 0 < len(t) < len(folded) and folded[-len(t) :] == t:
                return " ".join(words[: -len(t)]), place
    for i in range(1, len(words)):
        for type_words in ORG_UNIT_TYPES:
            n = len(type_words)
            if tuple(folded[i : i + n]) == type_words and i + n < len(words):
                unit_name, _, rest = " ".join(words[i + n :]).partition("(")
                inner = rest.split(")", 1)[0].strip()
                parent = Place("", inner) if inner else None  # "xã Tân Lập (Mộc Châu)": a typeless parent
                return " ".join(words[:i]), Place(" ".join(words[i : i + n]), unit_name.strip(), parent)
    return name, None


def names_a_bare_unit(name: str) -> bool:
    """Whether an organisation name ends with a type word and no name ("Công an tỉnh"), so that
    it means a different unit in each article.

    >>> names_a_bare_unit("Công an tỉnh"), names_a_bare_unit("Công an tỉnh Hưng Yên")
    (True, False)
    """
    folded = tuple(fold_key(name).split())
    return any(len(folded) > len(t) and folded[-len(t) :] == t for t in ORG_UNIT_TYPES)


# -- canonical heads ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CanonicalHead:
    """A row of ``lexicons/orgs_heads.tsv``: a canonical head, its other written forms, and whether the
    unit follows it with its type word (``typed``) or by its name alone (``bare``: "Tỉnh ủy Hưng Yên")."""

    canonical: str
    forms: tuple[str, ...] = ()
    unit: Literal["typed", "bare"] = "typed"


_VIET_NAM = " việt nam"


def _head_key(head: str) -> str:
    """A head as the table compares it: folded, abbreviations written out, without a trailing "Việt Nam"."""
    key = fold_key(expand_abbreviations(head))
    return key.removesuffix(_VIET_NAM) if key.endswith(_VIET_NAM) and key != _VIET_NAM.strip() else key


@functools.cache
def _heads() -> dict[str, CanonicalHead]:
    table_: dict[str, CanonicalHead] = {}
    for row in table("orgs_heads", CanonicalHead):
        for form in (row.canonical, *row.forms):
            table_.setdefault(_head_key(form), row)
    return table_


def canonical_head(head: str) -> CanonicalHead:
    """The canonical head of an organisation head as written (abbreviations written out, and
    ``lexicons/orgs_heads.tsv``); a head the table does not list is its own, with its abbreviations
    written out.

    >>> [canonical_head(h).canonical for h in ("Ủy ban MTTQ", "Ủy ban MTTQ Việt Nam", "Ủy ban Mặt trận Tổ quốc")]
    ['Ủy ban Mặt trận Tổ quốc Việt Nam', 'Ủy ban Mặt trận Tổ quốc Việt Nam', 'Ủy ban Mặt trận Tổ quốc Việt Nam']
    >>> canonical_head("Hội LHPN").canonical, canonical_head("hội liên hiệp phụ nữ Việt Nam").canonical
    ('Hội Liên hiệp Phụ nữ', 'Hội Liên hiệp Phụ nữ')
    >>> canonical_head("Đoàn TNCS Hồ Chí Minh").canonical, canonical_head("CA").canonical
    ('Đoàn Thanh niên Cộng sản Hồ Chí Minh', 'Công an')
    >>> canonical_head("Chi hội Phụ nữ")
    CanonicalHead(canonical='Chi hội Phụ nữ', forms=(), unit='typed')
    """
    found = _heads().get(_head_key(head))
    return found if found is not None else CanonicalHead(expand_abbreviations(head))


def unit_label(head: str, unit_type: str, unit_name: str) -> str:
    """The canonical name of the organisation of ``head`` serving the unit ``unit_type unit_name``.

    >>> unit_label("Ủy ban MTTQ Việt Nam", "tỉnh", "Hưng Yên")
    'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên'
    >>> unit_label("Tỉnh ủy", "tỉnh", "Hưng Yên"), unit_label("Huyện ủy", "huyện", "Kiến Xương")
    ('Tỉnh ủy Hưng Yên', 'Huyện ủy Kiến Xương')
    """
    found = canonical_head(head)
    label = (
        f"{found.canonical} {unit_name}"
        if found.unit == "bare"
        else f"{found.canonical} {unit_type} {unit_name}"
    )
    return label[:1].upper() + label[1:]


# -- the body a post is held in -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PostBody:
    """A row of ``lexicons/orgs_post_bodies.tsv``: a body a post phrase may name, whose body it is
    (``level``), its canonical head, the head of the body it is an organ of, and how the role is read."""

    body: str
    level: Literal["province", "city", "district", "organisation", "national"]
    canonical: str
    part_of: str | None = None
    role: Literal["before", "whole"] = "before"


@dataclass(frozen=True, slots=True)
class PostReading:
    """What a written post says: the role, and where it is held — a body (``body``, with the words that
    name its unit when written, ``unit``), an organisation written after the role (``organisation``),
    or neither (the person's organisation)."""

    role: str
    body: PostBody | None = None
    unit: str | None = None
    organisation: str | None = None


@functools.cache
def _bodies() -> tuple[tuple[tuple[str, ...], PostBody], ...]:
    found = [(tuple(fold_key(r.body).split()), r) for r in table("orgs_post_bodies", PostBody)]
    return tuple(sorted(found, key=lambda item: -len(item[0])))


@dataclass(frozen=True, slots=True)
class _PostRow:
    """A row of ``lexicons/people_posts.tsv`` (the posts the people stage reads)."""

    post: str
    kind: str
    org_head: str | None = None


@functools.cache
def _posts() -> dict[tuple[str, ...], _PostRow]:
    return {tuple(fold_key(r.post).split()): r for r in table("people_posts", _PostRow)}


def read_post(written: str) -> PostReading:
    """Read a post as written: a role and the body its phrase names (``lexicons/orgs_post_bodies.tsv``),
    else a role (the longest post of ``lexicons/people_posts.tsv`` it starts with, "Phó" before any)
    and the organisation written after it, else the whole phrase as the role.

    >>> read_post("Ủy viên Ban Thường vụ Tỉnh ủy").role, read_post("Ủy viên Ban Thường vụ Tỉnh ủy").body.canonical
    ('Ủy viên', 'Ban Thường vụ Tỉnh ủy')
    >>> r = read_post("Bí thư Huyện ủy Kiến Xương"); r.role, r.body.level, r.unit
    ('Bí thư', 'district', 'Kiến Xương')
    >>> read_post("Phó Bí thư Đảng ủy").role, read_post("Phó Bí thư Đảng ủy").body.level
    ('Phó Bí thư Đảng ủy', 'organisation')
    >>> read_post("Trưởng Công an huyện Kim Thành")
    PostReading(role='Trưởng', body=None, unit=None, organisation='Công an huyện Kim Thành')
    >>> read_post("Phó Trưởng phòng Tham mưu Công an tỉnh Hải Dương").organisation
    'Phòng Tham mưu Công an tỉnh Hải Dương'
    >>> read_post("Giám đốc"), read_post("Trưởng thôn Đông").role
    (PostReading(role='Giám đốc', body=None, unit=None, organisation=None), 'Trưởng thôn Đông')
    """
    words = written.split()
    folded = [fold_key(w) for w in words]
    for i in range(1, len(words)):
        for body_words, body in _bodies():
            n = len(body_words)
            if tuple(folded[i : i + n]) != body_words:
                continue
            role = " ".join(words[: i + n] if body.role == "whole" else words[:i])
            return PostReading(role, body, " ".join(words[i + n :]) or None)
    posts = _posts()
    start = 1 if folded[:1] == ["phó"] else 0
    for end in range(len(words), start, -1):
        row = posts.get(tuple(folded[start:end]))
        if row is None:
            continue
        if row.kind != "org" and row.kind != "sub":
            break
        rest = " ".join(words[end:])
        if row.kind == "sub" and rest and row.org_head:
            rest = f"{row.org_head} {rest}"
        return PostReading(" ".join(words[:end]), organisation=rest or None)
    return PostReading(written)

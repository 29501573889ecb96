"""Organisation names: their kind, their head and unit, their abbreviations written out, their Party committee.

Pure text rules over the names the people stage reads (no RDF here): :mod:`antq_kg.identity` uses
them to decide which written names are one organisation ("CA tỉnh Hưng Yên" = "Công an tỉnh Hưng
Yên"), and the graph uses them to classify organisations (``org:classification``) and to place a Party
post in its committee. The abbreviations are the lexicon ``lexicons/abbrev_known.tsv``; organisation
kinds and the type words follow the project's vocabulary notes (organisation kinds; administrative
levels before and after the 2025 reform).
"""

from __future__ import annotations

import functools

from .lexicon import rows
from .model import Place
from .text import fold_key

__all__ = [
    "ORG_KINDS",
    "ORG_UNIT_TYPES",
    "expand_abbreviations",
    "names_a_bare_unit",
    "org_kind",
    "party_committee_of",
    "split_org_name",
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


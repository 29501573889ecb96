"""How written names of administrative units are read: the type words and their abbreviations, the
key a name is indexed and looked up by, its variants, and the slugs and keys made from names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from ..text import fold_key

#: Administrative type words and the levels they occur at (1 province, 2 district, 3 commune).
ADMIN_TYPES: dict[str, frozenset[int]] = {
    "tỉnh": frozenset({1}),
    "thành phố": frozenset({1, 2}),
    "huyện": frozenset({2}),
    "quận": frozenset({2}),
    "thị xã": frozenset({2}),
    "xã": frozenset({3}),
    "phường": frozenset({3}),
    "thị trấn": frozenset({3}),
    "đặc khu": frozenset({3}),
}

#: Residential units below the commune: in no gazetteer (Thông tư 04/2012/TT-BNV; docs/VOCABULARY.md §3 (c)).
RESIDENTIAL_TYPES = frozenset(
    {
        "thôn",
        "xóm",
        "ấp",
        "bản",
        "buôn",
        "bon",
        "làng",
        "tổ dân phố",
        "khu phố",
        "khối phố",
        "khóm",
        "tiểu khu",
        "phum",
        "sóc",
        "tổ",
        "khu",
        "khối",
    }
)

#: Abbreviations and variants of the type words, as articles write them (folded).
_TYPE_ALIASES = {
    "tp": "thành phố",
    "tp.": "thành phố",
    "t.p": "thành phố",
    "t.p.": "thành phố",
    "thành phố trực thuộc trung ương": "thành phố",
    "thành phố trung ương": "thành phố",
    "tx": "thị xã",
    "tx.": "thị xã",
    "tt": "thị trấn",
    "tt.": "thị trấn",
    "q.": "quận",
    "p.": "phường",
    "h.": "huyện",
    "x.": "xã",
}

_PREFIXES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [(w, w) for w in ADMIN_TYPES] + list(_TYPE_ALIASES.items()),
        key=lambda kv: -len(kv[0]),
    )
)


@lru_cache(maxsize=256)
def normalize_type(word: str | None) -> str | None:
    """The canonical type word for a written one (``"TP."`` → ``"thành phố"``), else folded as is.

    >>> normalize_type("TP.")
    'thành phố'
    >>> normalize_type("Thị Xã")
    'thị xã'
    >>> normalize_type(None) is None
    True
    """
    if word is None:
        return None
    w = fold_key(word)
    return _TYPE_ALIASES.get(w, w)


def split_type_word(name: str) -> tuple[str | None, str]:
    """Split a leading administrative type word off a written name.

    >>> split_type_word("xã Nhân Hoà")
    ('xã', 'Nhân Hoà')
    >>> split_type_word("TP.Hồ Chí Minh")
    ('thành phố', 'Hồ Chí Minh')
    >>> split_type_word("Phù Cừ")
    (None, 'Phù Cừ')
    """
    text = " ".join(unicodedata.normalize("NFC", name).split())
    low = text[:32].lower()  # type words carry no tone-placement variants: lower() is enough
    if low[:1] not in _FIRST_LETTERS:
        return None, text
    for prefix, word in _PREFIXES:
        if low.startswith(prefix):
            rest = text[len(prefix) :]
            if prefix.endswith(".") and rest[:1] not in ("", " "):
                return word, rest.strip()
            if rest[:1] == " " and rest.strip():
                return word, rest.strip()
    return None, text


_FIRST_LETTERS = frozenset(p[0] for p, _ in _PREFIXES)


@lru_cache(maxsize=1 << 16)
def parse_name(name: str) -> tuple[str | None, str, str]:
    """``(written type, key of the rest, key of the whole)`` of a looked-up name (cached)."""
    written, rest = split_type_word(name)
    return written, name_key(rest), name_key(name) if written is not None else ""


_DIGITS = re.compile(r"\d+")
_DASHES = re.compile(r"\s*[-–—]\s*")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The key a name is indexed and looked up by: folded, dashes as spaces, numbers unpadded.

    >>> name_key("Nhân Hoà") == name_key("NHÂN HÒA")
    True
    >>> name_key("05"), name_key("Bà Rịa-Vũng Tàu")
    ('5', 'bà rịa vũng tàu')
    """
    key = fold_key(_DASHES.sub(" ", name))
    return _DIGITS.sub(lambda m: str(int(m.group())), key)


def name_keys(names: Sequence[str]) -> list[str]:
    """:func:`name_key` of many names at once (one pass of the folding regexes over them all).

    >>> name_keys(["Nhân Hoà", "Phường 05"]) == [name_key("Nhân Hoà"), name_key("Phường 05")]
    True
    """
    joined = name_key("\x00".join(unicodedata.normalize("NFC", n) for n in names))
    return [" ".join(part.split()) for part in joined.split("\x00")]


_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}


def name_variants(name: str) -> set[str]:
    """Index keys of an official name: itself, "NT"/"N.T" spelt "Nông trường", a trailing Roman
    numeral as a digit (articles write "Hòa Tú 2" for xã Hòa Tú II).

    >>> sorted(name_variants("N.T Phong Hải"))
    ['n.t phong hải', 'nông trường phong hải']
    >>> sorted(name_variants("Hòa Tú II"))
    ['hòa tú 2', 'hòa tú ii']
    """
    return key_variants(name_key(name))


def key_variants(key: str) -> set[str]:
    out = {key}
    for short in ("nt ", "n.t ", "n.t. "):
        if key.startswith(short):
            out.add("nông trường " + key[len(short) :])
    head, _, last = key.rpartition(" ")
    if head and last in _ROMAN:
        out.add(f"{head} {_ROMAN[last]}")
    return out


_ASCII = str.maketrans({"đ": "d", "Đ": "d"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """An IRI-safe ASCII slug of a Vietnamese name (tones dropped, ``đ`` → ``d``).

    >>> slug("Lỗ Xá"), slug("tổ dân phố"), slug("Cư M’gar")
    ('lo-xa', 'to-dan-pho', 'cu-m-gar')
    """
    decomposed = unicodedata.normalize("NFD", name_key(text).translate(_ASCII))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_SLUG.sub("-", plain).strip("-")


def residential_key(commune_key: str, type: str, name: str) -> str:
    """Key of a residential unit (thôn, xóm, ấp, tổ dân phố…), scoped by its commune's key.

    Residential units are in no gazetteer; this makes "thôn Lỗ Xá" of xã Nhân Hòa one entity
    across articles however it is written (case, tone placement, spacing).

    >>> residential_key("c12118-2019", "Thôn", "Lỗ Xá")
    'c12118-2019-thon-lo-xa'
    >>> residential_key("c12118-2019", "thôn", "LỖ  XÁ") == residential_key("c12118-2019", "thôn", "Lỗ Xá")
    True
    """
    return f"{commune_key}-{slug(type)}-{slug(name)}"

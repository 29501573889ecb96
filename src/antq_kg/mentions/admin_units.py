"""What every mention stage knows of Vietnam's administrative and residential units.

Two lexicons, read here once for all the stages:

* ``lexicons/admin_types.tsv`` — the one table of type words ("tỉnh", "huyện", "xã", "thôn", "TP.",
  "Huyện ủy"…) with the level of the units they name (:data:`PROVINCE` 1 … :data:`RESIDENTIAL` 4:
  a higher level is a more specific unit), their kind, whether a bare number may name such a unit
  and whether the word names one only with a written parent (docs/VOCABULARY.md §3(c); Thông tư
  04/2012/TT-BNV for residential units);
* ``lexicons/admin_provinces.tsv`` — the province-level units before and after the 2025 reform,
  with the other names they go by (the GSO list).

The places stage reads units with their chains; organisations read the level after a head ("Công
an xã", "UBND TP."); campaigns and counts read type words on the match view, where case is gone,
so they take the words that are neither abbreviations nor Party committees nor in need of a parent
(:func:`plain_type_words`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..lexicon import table
from ..text import fold, fold_key, name_key

PROVINCE, DISTRICT, COMMUNE, RESIDENTIAL = 1, 2, 3, 4

#: The type a unit gets when the text names it without a type word, by its level.
DEFAULT_TYPE = {PROVINCE: "tỉnh", DISTRICT: "huyện", COMMUNE: "xã", RESIDENTIAL: "thôn"}

_SP = r"[ \t\u00a0]"


@dataclass(frozen=True, slots=True)
class TypeWord:
    """A row of ``admin_types.tsv``: a type word as written and the units it names."""

    surface: str
    #: the canonical type word ("TP." → "thành phố", "Huyện ủy" → "huyện")
    type: str
    #: the levels of the units it names; two for "thành phố" (a province-level or a district-level city)
    levels: tuple[int, ...]
    kind: Literal["admin", "residential", "committee", "abbr"]
    #: a bare number may name such a unit ("phường 5", "tổ dân phố số 6")
    numbered: bool
    #: "parent": names a unit only with a written commune after it ("tổ 12, phường Quang Trung")
    needs: Literal["parent"] | None = None

    @property
    def needs_parent(self) -> bool:
        return self.needs == "parent"

    @property
    def level(self) -> int:
        """The most specific level the word names (a "thành phố" with no name to tell: district)."""
        return max(self.levels)


@cache
def type_words() -> tuple[TypeWord, ...]:
    """Every row of ``admin_types.tsv``."""
    return table("admin_types", TypeWord)


@cache
def _by_surface() -> dict[str, TypeWord]:
    return {fold(" ".join(t.surface.split())): t for t in type_words() if t.kind != "abbr"} | {
        t.surface: t for t in type_words() if t.kind == "abbr"
    }


def type_word(surface: str) -> TypeWord | None:
    """The type word a written surface is: abbreviations as written, the others folded.

    >>> type_word("Xã").type, type_word("TP.").type, type_word("tổ  dân phố").level, type_word("tp") is None
    ('xã', 'thành phố', 4, True)
    """
    by_surface = _by_surface()
    return by_surface.get(surface.strip()) or by_surface.get(fold(" ".join(surface.split())))


@cache
def type_word_pattern() -> str:
    """A regex of every type word over the NFC text: words in any case and any spacing between
    their syllables, abbreviations as written."""
    words = sorted((t for t in type_words() if t.kind != "abbr"), key=lambda t: -len(t.surface))
    abbrs = sorted((t for t in type_words() if t.kind == "abbr"), key=lambda t: -len(t.surface))
    plain = "|".join((_SP + "+").join(map(re.escape, t.surface.split())) for t in words)
    abbr = "|".join(re.escape(t.surface) for t in abbrs)
    return rf"(?:(?i:{plain})|{abbr})"


@cache
def plain_type_words() -> tuple[TypeWord, ...]:
    """The type words a reader of the match view may take alone: no abbreviation (case tells it),
    no Party committee (an organisation), none that needs a written parent ("tổ", "khu")."""
    return tuple(t for t in type_words() if t.kind in ("admin", "residential") and not t.needs_parent)


@cache
def residential_types() -> tuple[str, ...]:
    """The folded types of residential units ("thôn", "tổ dân phố", "khối"…)."""
    return tuple(dict.fromkeys(name_key(t.type) for t in type_words() if t.kind == "residential"))


@dataclass(frozen=True, slots=True)
class Province:
    """A row of ``admin_provinces.tsv``: a province-level unit, its era and the other names it goes by."""

    name: str
    type: str
    era: Literal["pre", "both"]
    aliases: tuple[str, ...] = ()


@cache
def provinces() -> dict[str, tuple[str, str]]:
    """fold_key(name or alias) → (official name, type) for every province-level unit.

    >>> provinces()["sài gòn"]
    ('Hồ Chí Minh', 'thành phố')
    """
    out: dict[str, tuple[str, str]] = {}
    for row in table("admin_provinces", Province):
        for n in [row.name, *row.aliases]:
            out[fold_key(n)] = (row.name, row.type)
    return out


@cache
def province_aliases_in_capitals() -> tuple[str, ...]:
    """The aliases written in capitals ("HCM"), for readers of the NFC text."""
    return tuple(
        sorted({a for row in table("admin_provinces", Province) for a in row.aliases if a.isupper()})
    )

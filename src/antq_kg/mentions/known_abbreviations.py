"""The abbreviations the genre uses without defining them (``lexicons/abbrev_known.tsv``, docs/VOCABULARY.md §3e).

Their expansions, and the standard form a known misspelling stands for ("MTQT" is written for
"MTTQ"). The abbreviations stage lists them with the article's own; the counts stage matches a unit
written with one ("tổ bảo vệ ANTT ở cơ sở" = "tổ bảo vệ an ninh, trật tự ở cơ sở").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..lexicon import table


@dataclass(frozen=True, slots=True)
class KnownAbbreviation:
    """A row of ``abbrev_known.tsv``: a short form, its expansion, and the standard short form a
    known misspelling stands for ("MTQT" is written for "MTTQ")."""

    short: str
    expansion: str
    canonical: str | None = None


def known_abbreviations() -> tuple[KnownAbbreviation, ...]:
    """The rows of ``abbrev_known.tsv``."""
    return table("abbrev_known", KnownAbbreviation)


@cache
def known() -> dict[str, tuple[str, str | None]]:
    """The lexicon: short form → (expansion, canonical short form of a misspelling)."""
    out: dict[str, tuple[str, str | None]] = {}
    for r in known_abbreviations():
        out.setdefault(r.short, (r.expansion, r.canonical))
    return out


def expansion_of(short: str) -> str | None:
    """The expansion the lexicon gives, following a known misspelling to its form.

    >>> expansion_of("MTQT")
    'Mặt trận Tổ quốc'
    >>> expansion_of("XYZQ") is None
    True
    """
    entry = known().get(short)
    if entry is None:
        return None
    expansion, canonical = entry
    if canonical and canonical in known():
        return known()[canonical][0]
    return expansion

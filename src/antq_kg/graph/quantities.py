"""What a count's number means: the quantity qualifier, the stated value, the bounds and the
observation status of one :class:`~antq_kg.model.Count` (the RDF Data Cube's measure and attributes).

The facts JSON keeps the counts stage's coarse qualifiers (``docs/FACTS.md``: at_least, at_most…);
the graph tells the finer readings apart by the word that opens the count's evidence span
(``lexicons/quantity_comparators.tsv``), so that a count of whole units gets the bounds the words mean
(``docs/VOCABULARY.md`` §2, counts; SDMX observation status codes, ``sdmx-code:obsStatus``):

=============================  ==================  ============  ====================  ======
written                        qualifier           stated value  bounds                status
=============================  ==================  ============  ====================  ======
"502"                          ``exact``           502           [502, 502]            A
"trên, hơn, quá N"             ``more-than``       N             [N + 1, —]            A
"ít nhất, tối thiểu, từ N"     ``at-least``        N             [N, —]                A
"gần, suýt N"                  ``nearly``          N             [—, N − 1]            E
"dưới, chưa đến N"             ``at-most``         N             [—, N − 1]            A
"không quá, tối đa N"          ``at-most``         N             [—, N]                A
"khoảng, chừng N"              ``approximately``   N             none                  E
"hàng chục/trăm/nghìn"         ``tens`` …          none          [10, 99] …            E
"nhiều"                        ``many``            none          none                  M
=============================  ==================  ============  ====================  ======

A vague quantity has no stated value: "hàng trăm vụ việc" was never counted, so nothing of it may sit
in a measure that a sum over the cube would add (its bounds say what is known). An ``at_least`` or
``at_most`` count whose spans open with no word of the lexicon keeps the inclusive reading. Counts are
of discrete units, so an exclusive bound is the next whole number.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..lexicon import table
from ..model import Count
from ..text import alternation, fold
from ..vocab import QUALIFIER_SLUGS, VAGUE_MAGNITUDES

__all__ = ["Quantity", "read_quantity"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """The measure and attributes of a count: qualifier slug, stated value (``None`` for a vague
    quantity), inclusive bounds, and the SDMX observation status (A normal, E estimated, M missing)."""

    qualifier: str
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    status: Literal["A", "E", "M"]


@dataclass(frozen=True, slots=True)
class _Comparator:
    """A row of ``quantity_comparators.tsv``."""

    phrase: str
    qualifier: Literal["more-than", "at-least", "nearly", "at-most"]
    bound: Literal["inclusive", "exclusive"]


@functools.cache
def _comparators() -> tuple[dict[str, _Comparator], re.Pattern[str]]:
    rows = {fold(r.phrase): r for r in table("quantity_comparators", _Comparator)}
    return rows, re.compile(r"\s*(?P<w>" + alternation(rows) + r")(?!\w)")


def comparator(evidence: str) -> tuple[str, str] | None:
    """The comparator word an evidence span opens with: (qualifier slug, bound), if any.

    >>> comparator("trên 1.000 cán bộ"), comparator("Gần 1.900 nguồn tin"), comparator("502 tổ")
    (('more-than', 'exclusive'), ('nearly', 'exclusive'), None)
    >>> comparator("không quá 30 người")
    ('at-most', 'inclusive')
    """
    rows, pattern = _comparators()
    m = pattern.match(fold(evidence))
    if m is None:
        return None
    row = rows[" ".join(m.group("w").split())]
    return row.qualifier, row.bound


def read_quantity(count: Count, text: str) -> Quantity:
    """The quantity of ``count``; ``text`` is its article's text (the evidence spans slice it).

    >>> from antq_kg.text import Span
    >>> read_quantity(Count(Decimal(1000), "cán bộ", "at_least", (Span(0, 17),)), "trên 1.000 cán bộ")
    Quantity(qualifier='more-than', value=Decimal('1000'), lower=Decimal('1001'), upper=None, status='A')
    >>> read_quantity(Count(None, "vụ việc", "hundreds"), "")
    Quantity(qualifier='hundreds', value=None, lower=Decimal('100'), upper=Decimal('999'), status='E')
    >>> read_quantity(Count(Decimal(30), "tổ", "at_most", (Span(0, 11),)), "dưới 30 tổ.")
    Quantity(qualifier='at-most', value=Decimal('30'), lower=None, upper=Decimal('29'), status='A')
    """
    q = count.qualifier if count.qualifier in QUALIFIER_SLUGS else "exact"
    if q in VAGUE_MAGNITUDES:
        _, lo, hi = VAGUE_MAGNITUDES[q]
        return Quantity(q, None, Decimal(lo), Decimal(hi), "E")
    value = count.value
    if value is None:  # "nhiều", or a qualifier with no number: nothing is known of the quantity
        return Quantity("many", None, None, None, "M")
    if q == "exact":
        return Quantity("exact", value, value, value, "A")
    if q == "approximately":
        return Quantity("approximately", value, None, None, "E")
    found = next((c for s in count.spans if (c := comparator(s.slice(text))) is not None), None)
    slug, bound = found if found is not None and _agrees(q, found[0]) else (QUALIFIER_SLUGS[q], "inclusive")
    exclusive = bound == "exclusive"
    if slug in ("more-than", "at-least"):
        lower = Decimal(math.floor(value) + 1) if exclusive else value
        return Quantity(slug, value, lower, None, "A")
    upper = Decimal(math.ceil(value) - 1) if exclusive else value
    return Quantity(slug, value, None, upper, "E" if slug == "nearly" else "A")


def _agrees(facts_qualifier: str, slug: str) -> bool:
    """A word refines the facts' qualifier only within its direction (never turns "at least" into "at most")."""
    return (facts_qualifier == "at_least") == (slug in ("more-than", "at-least"))

"""The facts JSON (docs/FACTS.md): numbers stay numbers, and it reads back to the same records."""

from __future__ import annotations

from decimal import Decimal

from antq_kg.model import Count, Facts, Person, facts_from_json, facts_to_json
from antq_kg.text import Span

TEXT = "Bà Lò Thị Xuân (62 tuổi, SN 1962) cùng 6.518 nguồn tin."


def _facts() -> Facts:
    person = Person(
        name="Lò Thị Xuân",
        honorific="bà",
        spans=(Span(3, 14),),
        extra=(("age", "62"), ("birth_year", "1962")),
    )
    count = Count(value=Decimal(6518), unit="nguồn tin", spans=(Span(39, 54),))
    return Facts(path="a.txt", text=TEXT, sha256="0" * 64, persons=(person,), counts=(count,))


def test_age_birth_year_and_count_values_are_json_numbers() -> None:
    data = facts_to_json(_facts())
    assert data["persons"][0]["age"] == 62
    assert data["persons"][0]["birth_year"] == 1962
    assert data["counts"][0]["value"] == 6518


def test_facts_json_reads_back_to_the_same_json() -> None:
    data = facts_to_json(_facts())
    assert facts_to_json(facts_from_json(data, text=TEXT, path="a.txt")) == data

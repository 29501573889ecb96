"""Helpers shared by the people- and organisations-stage tests: read a text, find one person."""

from __future__ import annotations

from antq_kg.mentions import extract
from antq_kg.model import Facts, Person
from antq_kg.text import document_from_text


def read(text: str) -> Facts:
    """The facts ``extract`` reads in ``text`` (no gazetteer)."""
    return extract(document_from_text(text))


def person(facts: Facts, name: str) -> Person:
    """The one person of ``facts`` named ``name``."""
    found = [p for p in facts.persons if p.name == name]
    assert len(found) == 1, [p.name for p in facts.persons]
    return found[0]

"""A place read from text and the gazetteer unit it resolves to get the same admin-level concept."""

from __future__ import annotations

from antq_kg.gazetteer import Gazetteer
from antq_kg.identity.levels import place_level, unit_level
from antq_kg.model import Place


def test_text_places_and_gazetteer_units_agree_on_the_level_concept() -> None:
    gaz = Gazetteer.load()
    disagreements = []
    for unit in gaz.provinces():
        top = Place(unit.type, unit.name)  # a province as the text names it: no parent written
        if place_level(top) != unit_level(unit):
            disagreements.append((unit.key, unit.type, unit.name))
    assert disagreements == []

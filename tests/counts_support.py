"""Helpers shared by the counts-stage tests: read a sentence's counts as plain tuples."""

from __future__ import annotations

from antq_kg.mentions import extract
from antq_kg.model import Count
from antq_kg.text import document_from_text


def counts_of(text: str) -> list[Count]:
    """The counts ``extract`` reads in ``text`` (no gazetteer)."""
    return list(extract(document_from_text(text)).counts)


def read(text: str) -> list[tuple[int | float | None, str, str]]:
    """(value, unit, qualifier) of each count, values as plain numbers."""
    out = []
    for c in counts_of(text):
        value = None if c.value is None else (int(c.value) if c.value == int(c.value) else float(c.value))
        out.append((value, c.unit, c.qualifier))
    return out


def phrases(text: str) -> list[list[str]]:
    """The exact text of every span of each count."""
    return [[text[s.begin : s.end] for s in c.spans] for c in counts_of(text)]

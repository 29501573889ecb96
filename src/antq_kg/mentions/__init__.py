"""Extraction stage: one article's text → :class:`~antq_kg.model.Facts` with exact evidence spans.

Stages run in a fixed order over one shared :class:`Context`, each reading what the earlier ones
found (counts must not read numbers inside place or campaign names; persons need the article's
province to resolve a bare "Công an tỉnh"):

1. :mod:`.places`     administrative and residential units with their chains (gazetteer-checked)
2. :mod:`.people`     byline, organisations and persons with rank, posts and organisation
3. :mod:`.campaigns`  named initiatives with kind and place
4. :mod:`.counts`     counts with value, unit, qualifier, scope and criterion
5. :mod:`.abbrev`     abbreviations the text defines or uses
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..model import Abbreviation, Campaign, Count, Facts, Organization, Person, Place
from ..text import Document, Layout, Span, fold

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer


@dataclass
class Context:
    """What the stages share while reading one article.

    ``text`` is the NFC text all spans index; ``folded`` its same-length match view
    (:func:`antq_kg.text.fold`): search in ``folded``, slice surfaces from ``text``.
    """

    doc: Document
    gazetteer: Gazetteer | None = None
    text: str = ""
    folded: str = ""
    places: list[Place] = field(default_factory=list)
    province: Place | None = None
    organizations: list[Organization] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    author: str | None = None
    author_spans: tuple[Span, ...] = ()
    title: str | None = None
    #: the headline's span when ``title`` is set (filled by :mod:`.people`)
    title_span: Span | None = None
    campaigns: list[Campaign] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    #: spans that later stages must not read numbers or names from (place names, campaign names…)
    claimed: list[Span] = field(default_factory=list)
    #: every place mention in text order, with the place it names (filled by :mod:`.places`)
    place_mentions: list[tuple[Span, Place]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.doc.text
        if not self.folded:
            self.folded = fold(self.text)

    @cached_property
    def layout(self) -> Layout:
        """The paragraphs and sentences of the text (:class:`antq_kg.text.Layout`)."""
        return Layout(self.text)

    def is_claimed(self, begin: int, end: int) -> bool:
        """True when ``[begin, end)`` overlaps a claimed span."""
        return any(s.begin < end and begin < s.end for s in self.claimed)


def extract(doc: Document, *, gazetteer: Gazetteer | None = None) -> Facts:
    """Read one article into facts; never raises on text content."""
    from . import abbrev, campaigns, counts, people, places

    ctx = Context(doc=doc, gazetteer=gazetteer)
    places.extract_places(ctx)
    people.extract_people(ctx)
    campaigns.extract_campaigns(ctx)
    counts.extract_counts(ctx)
    abbrev.extract_abbreviations(ctx)
    return Facts(
        path=doc.path,
        text=doc.text,
        sha256=doc.sha256,
        author=ctx.author,
        author_spans=ctx.author_spans,
        title=ctx.title,
        persons=tuple(ctx.persons),
        organizations=tuple(ctx.organizations),
        places=tuple(ctx.places),
        campaigns=tuple(ctx.campaigns),
        counts=tuple(ctx.counts),
        abbreviations=tuple(ctx.abbreviations),
    )

"""Extraction stage: one article's text → :class:`~antq_kg.model.Facts` with exact evidence spans.

Stages run in a fixed order over one shared :class:`~.context.Context`, each reading what the
earlier ones found (counts must not read numbers inside place or campaign names; persons need the article's
province to resolve a bare "Công an tỉnh"):

1. :mod:`.places`        administrative and residential units with their chains (gazetteer-checked)
2. :mod:`.byline`        the author (the last line) and the headline (the first)
3. :mod:`.organisations` organisations written with their head, named in full
4. :mod:`.people`        persons with rank, posts and organisation (and the organisations of
                         their posts; then the article's organisations are listed)
5. :mod:`.campaigns`     named initiatives with kind and place
6. :mod:`.counts`        counts with value, unit, qualifier, scope and criterion
7. :mod:`.abbrev`        abbreviations the text defines or uses
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Facts
from ..text import Document
from .context import Context, PlaceIndex, SpanSet

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer

__all__ = ["Context", "PlaceIndex", "SpanSet", "extract"]


def extract(doc: Document, *, gazetteer: Gazetteer | None = None) -> Facts:
    """Read one article into facts; never raises on text content."""
    from . import abbrev, byline, campaigns, counts, organisations, people, places

    ctx = Context(doc=doc, gazetteer=gazetteer)
    places.extract_places(ctx)
    byline.extract_byline(ctx)
    organisations.extract_organisations(ctx)
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

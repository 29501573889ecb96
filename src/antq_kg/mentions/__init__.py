"""Extraction stage: one article's text → :class:`~antq_kg.model.Facts` with exact evidence spans.

Stages run in a fixed order over one shared :class:`~.context.Context`, each reading what the
earlier ones found (counts must not read numbers inside place or campaign names; persons need the
article's province to resolve a bare "Công an tỉnh"); a stage is a module, or a package whose
modules follow the phases its docstring numbers:

1. :mod:`.places`        administrative and residential units with their chains (gazetteer-checked)
2. :mod:`.byline`        the author (the last line) and the headline (the first)
3. :mod:`.organisations` organisations written with their head, named in full
4. :mod:`.people`        persons with rank, posts and organisation (and the organisations of
                         their posts; then the article's organisations are listed)
5. :mod:`.campaigns`     named initiatives with kind and place
6. :mod:`.counts`        counts with value, unit, qualifier, scope and criterion
7. :mod:`.abbrev`        abbreviations the text defines or uses

What the stages share, each in one place:

* :mod:`.context`      the Context, with the place index (every place mention, in text order) and
                       the claims (the spans later stages leave alone);
* :mod:`.admin_units`  the one table of administrative and residential type words, and the
                       province list;
* :mod:`.names`        the words around names of people and organisations, and the readers of
                       names along a line;
* :mod:`.counted`      what makes the words after a number a count (places and counts);
* :mod:`.known_abbreviations` the abbreviations the genre uses undefined (abbreviations, counts);
* :mod:`antq_kg.text`  character classes, the memoised folding key, the word alternation and the
                       one paragraph and sentence splitter; :mod:`antq_kg.lexicon` the typed
                       lexicon tables (``lexicons/*.tsv``).

A stage imports the shared modules and no later stage (the people stage reads the organisations
stage's reader); ``tests/mentions/test_mentions_layout.py`` keeps it so.
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

"""The article itself, and the concepts it names: the news article, its text, its date, initiatives, abbreviations.

- the article is a ``schema:NewsArticle`` (``schema:inLanguage``, ``antq:sourcePath`` its file name,
  ``schema:headline``, ``schema:datePublished``, ``schema:author`` the byline the text ends with, else
  the sidecar's ``author``: one author across articles); its NFC text a ``nif:Context``
  (``nif:isString``, SHA-256, the ingest normalisation, ``prov:wasDerivedFrom`` the article);
- what is known of the publication date (the sidecar's ``date``): a ``time:Instant`` with its date,
  or bounded by ``time:before``/``time:after`` instants, each bound with its evidence, reason and
  confidence (OWL-Time, https://www.w3.org/TR/owl-time/);
- initiatives (``antq:Initiative`` with a kind concept; the ANTQ movement one entity in all its
  forms) and the places they run in (``antq:CampaignParticipation`` facts); an initiative's name as the
  article spells it is its ``rdfs:label`` (the movement's: its full name), its one ``skos:prefLabel`` is
  chosen over the corpus (:mod:`antq_kg.graph.corpus`);
- abbreviations as SKOS concepts of ``antq:AbbreviationScheme`` and their uses as facts.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import PurePath
from typing import Any

from ..identity.rules import MOVEMENT_NAME, initiative, is_movement
from ..identity.rules import author as author_identity
from ..model import Abbreviation, Campaign, Facts
from ..text import NORMALIZATION, Span, fold_key
from .places import Places
from .writer import NS, ArticleWriter, boolean, en, nonneg, plain, vi, xsd_date

__all__ = ["abbreviation", "article", "campaign", "publication_date"]


def publication_date(metadata: dict[str, Any]) -> date | None:
    """The publication date the sidecar states (``date.published``), if it is a valid ISO date."""
    when = metadata.get("date")
    published = when.get("published") if isinstance(when, dict) else None
    if published:
        with contextlib.suppress(ValueError):
            return date.fromisoformat(str(published))
    return None


def article(w: ArticleWriter, facts: Facts, text_sha: str) -> None:
    """The news article, its author, its publication date and its text."""
    meta: dict[str, Any] = facts.metadata or {}
    a = w.article
    w.add(a, NS.type, NS.schema.NewsArticle)
    w.add(a, NS.schema.inLanguage, plain(str(meta.get("language") or "vi")))
    w.add(a, NS.antq.sourcePath, plain(PurePath(facts.path).name))
    title = facts.title or meta.get("title")
    if title:
        w.add(a, NS.schema.headline, vi(str(title)))
    when = meta.get("date")
    published = when.get("published") if isinstance(when, dict) else None
    if published:
        w.add(a, NS.schema.datePublished, xsd_date(str(published)))
    byline = facts.author or (
        str(meta["author"]) if isinstance(meta.get("author"), str) and meta["author"] else None
    )
    if byline:
        identity = author_identity(byline)
        author = w.node(w.m.mint(identity))
        w.add(author, NS.type, NS.schema.Person)
        w.add(author, NS.schema.name, vi(byline))
        w.identity(author, identity.key, identity.basis)
        w.evidence(author, facts.author_spans)
        w.add(a, NS.schema.author, author)
        w.add(a, NS.dcterms.creator, author)
    _publication(w, when if isinstance(when, dict) else {})
    ctx = w.context
    w.add(ctx, NS.type, NS.nif.Context)
    w.add(ctx, NS.nif.isString, plain(facts.text))
    w.add(ctx, NS.nif.beginIndex, nonneg(0))
    w.add(ctx, NS.nif.endIndex, nonneg(len(facts.text)))
    w.add(ctx, NS.antq.sha256, plain(text_sha))
    w.add(ctx, NS.antq.normalization, plain(NORMALIZATION))
    w.add(ctx, NS.prov.wasDerivedFrom, a)


def _publication(w: ArticleWriter, when: dict[str, Any]) -> None:
    """The publication instant (``time:Instant``, the article's ``antq:publicationInstant``): what the
    article's dated statements (ranks, memberships) are as of. It has ``time:inXSDDate`` when the date
    is known, and bounds (``date.before``/``date.after`` of the sidecar) as ``time:before``/``time:after``
    another instant, each with its evidence spans (``antq:boundEvidence``; only spans whose quoted text
    is the article's slice), reason and confidence: derived bounds are claims with evidence. An article
    with no date information still has the instant, with nothing known of it."""
    bounds = [(NS.time.before, "before"), (NS.time.after, "after")]
    base = w.m.news_article
    instant = w.publication
    w.add(w.article, NS.antq.publicationInstant, instant)
    w.add(instant, NS.type, NS.time.Instant)
    published = when.get("published")
    if published:
        w.add(instant, NS.time.inXSDDate, xsd_date(str(published)))
    for prop, k in bounds:
        day = when.get(k)
        if not day:
            continue
        bound = w.node(f"{base}#published-{k}")
        w.add(instant, prop, bound)
        w.add(bound, NS.type, NS.time.Instant)
        w.add(bound, NS.time.inXSDDate, xsd_date(str(day)))
        if when.get("reason"):
            w.add(bound, NS.antq.boundReason, en(str(when["reason"])))
        if when.get("confidence"):
            w.add(bound, NS.antq.boundConfidence, plain(str(when["confidence"])))
        for ev in when.get("evidence") or ():
            span = _evidence_span(ev, w.text)
            if span is not None:
                w.add(bound, NS.antq.boundEvidence, w.phrase(span))


def _evidence_span(ev: Any, text: str) -> Span | None:
    """A sidecar evidence entry ``{"begin", "end", "text"}`` as a span of ``text``, or ``None``
    when it is malformed or its ``text`` is not the slice (a stale sidecar never yields a wrong span).

    >>> _evidence_span({"begin": 2, "end": 4, "text": "cd"}, "abcdef"), _evidence_span({"begin": 2, "end": 4, "text": "x"}, "abcdef")
    (Span(begin=2, end=4), None)
    """
    if not isinstance(ev, dict):
        return None
    try:
        begin, end = int(ev["begin"]), int(ev["end"])
    except (KeyError, TypeError, ValueError):
        return None
    if not 0 <= begin < end <= len(text):
        return None
    if "text" in ev and text[begin:end] != ev["text"]:
        return None
    return Span(begin, end)


# -- initiatives ------------------------------------------------------------------------------------


def campaign(w: ArticleWriter, c: Campaign, places: Places) -> None:
    """An initiative (one IRI per :func:`antq_kg.identity.rules.initiative`) and, when the article says
    where it runs, that participation as a fact."""
    identity = initiative(c.name)
    node = w.node(w.m.mint(identity))
    w.add(node, NS.type, NS.antq.Initiative)
    if is_movement(c.name):
        w.add(node, NS.label, vi(MOVEMENT_NAME))
        if fold_key(c.name) != fold_key(MOVEMENT_NAME):
            w.add(node, NS.skos.altLabel, vi(c.name))
    else:
        w.add(node, NS.label, vi(c.name))
    w.identity(node, identity.key, identity.basis)
    if c.kind:
        w.add(node, NS.antq.initiativeKind, w.concept("initiative-kind", c.kind))
    w.evidence(node, c.spans)
    site = places.ref(c.place)
    if site is not None and c.place is not None:
        first = c.spans[0].begin if c.spans else 0
        fact = w.node(
            w.m.fact("participation", c.name, *(f"{p.type} {p.name}" for p in c.place.chain()), first)
        )
        w.fact(fact, NS.antq.CampaignParticipation, (*c.spans, *c.place.spans))
        w.add(fact, NS.antq.initiative, node)
        w.add(fact, NS.antq.site, site)
        w.add(fact, NS.label, vi(f"{c.name} – {c.place.type} {c.place.name}"))


# -- abbreviations ------------------------------------------------------------------------------------


def abbreviation(w: ArticleWriter, a: Abbreviation) -> None:
    """An abbreviation as a SKOS concept of ``antq:AbbreviationScheme`` (one per standard short
    form across articles: the short form and its expansion as ``skos:altLabel``, a known
    misspelling as ``skos:hiddenLabel``) and, when the article writes it, an
    ``antq:AbbreviationUse`` fact: where the text uses it and whether it defines it there."""
    short = a.canonical or a.short
    node = w.concept("abbreviation", short)
    w.add(node, NS.skos.notation, plain(short))
    if a.canonical and a.canonical != a.short:
        w.add(node, NS.skos.hiddenLabel, vi(a.short))
    if a.expansion:
        w.add(node, NS.skos.altLabel, vi(a.expansion))
    if not a.spans:
        return
    use = w.node(w.m.fact("abbreviation", a.short, a.expansion, a.spans[0].begin))
    w.fact(use, NS.antq.AbbreviationUse, a.spans)
    w.add(use, NS.antq.abbreviation, node)
    w.add(use, NS.antq.definedInText, boolean(a.defined))
    w.add(use, NS.label, vi(f"{a.short} = {a.expansion}" if a.expansion else a.short))
    if a.expansion:
        w.add(use, NS.antq.expansion, vi(a.expansion))

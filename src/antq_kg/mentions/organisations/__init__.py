"""Organisations stage: every organisation the article names, resolved to its full name.

An organisation is read where its head is written ("Công an", "UBND", "Ủy ban MTTQ", "Đảng ủy",
"Phòng", "chùa"…; ``people_org_heads.tsv``, docs/VOCABULARY.md §3(b)), by the rules of its head's kind
(:mod:`.reader`), and named in full: a bare level is completed with the unit the article means
("Công an tỉnh" → "Công an tỉnh Hưng Yên"), a sub-unit with the organisation it belongs to, and a
unit two places share a name with gets the parent the article writes for it ("xã Hải An (Đức
Phổ)"). This stage reads every head in text order; the people stage reads more in the posts of
persons ("Trưởng Công an xã Phú Lộc") and then lists the article's organisations, one per identity
key (:mod:`.keys`), named as first written (:func:`collect_organisations`).
"""

from __future__ import annotations

from ...model import Organization, Place
from ...text import Span
from ..context import Context
from .keys import OrgMention
from .reader import OrgReader

__all__ = ["OrgMention", "OrgReader", "collect_organisations", "extract_organisations"]


def extract_organisations(ctx: Context) -> None:
    """Read every organisation written with its own head into ``ctx.org_mentions``."""
    OrgReader(ctx).scan()


def collect_organisations(ctx: Context) -> dict[str, str]:
    """List the organisations of ``ctx.org_mentions`` in ``ctx.organizations``, one per identity key
    in order of first mention, named as first written; returns each key's name."""
    by_key: dict[str, tuple[str, dict[Span, None], Place | None]] = {}
    for org in sorted(ctx.org_mentions, key=lambda o: o.begin):
        key = " ".join(org.key.split())
        if key not in by_key:
            by_key[key] = (org.name, {}, org.place)
        by_key[key][1][Span(org.begin, org.end)] = None
    ctx.organizations.extend(
        Organization(name=name, spans=tuple(spans), place=place) for name, spans, place in by_key.values()
    )
    return {key: name for key, (name, _, _) in by_key.items()}

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
from ...text import Span, name_key
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
    mentions = sorted(ctx.org_mentions, key=lambda o: o.begin)
    named = _bare_levels_named(mentions)
    for org in mentions:
        key = " ".join(org.key.split())
        key = named.get(key, key)
        if not key:
            continue
        if key not in by_key:
            first = next(o for o in mentions if " ".join(o.key.split()) == key)
            by_key[key] = (first.name, {}, first.place)
        by_key[key][1][Span(org.begin, org.end)] = None
    ctx.organizations.extend(
        Organization(name=name, spans=tuple(spans), place=place) for name, spans, place in by_key.values()
    )
    return {key: name for key, (name, _, _) in by_key.items()}


def _bare_levels_named(mentions: list[OrgMention]) -> dict[str, str]:
    """The bare levels the article names in full elsewhere: key of the bare mention → key of the
    named one, or "" when it is not listed.

    "Lương Hòa Lạc: Công an xã “bám ấp” …" (a headline), then "Công an xã Lương Hòa Lạc" in the lead:
    a bare level read before any unit of that level ("Công an xã", no place resolved) is the one
    organisation of that head and level the article names in full, when there is exactly one; with
    several it cannot be told which (or it is generic: "cánh tay nối dài của Công an xã"), and is
    not listed (mapped to ""); with none it stays as written ("Công an tỉnh" of an article that never
    names its province).
    """
    keys = [" ".join(o.key.split()) for o in mentions]
    out: dict[str, str] = {}
    for org, key in zip(mentions, keys, strict=True):
        if org.level is None or org.place is not None or org.unit is not None or key in out:
            continue
        if key != " ".join(name_key(org.name).split()) or not key.endswith(" " + name_key(org.level)):
            continue  # only a bare "head + level" ("Công an xã"), not a name ending otherwise
        fuller = {k for k in keys if k.startswith(key + " ")}
        if fuller:
            out[key] = fuller.pop() if len(fuller) == 1 else ""
    return out

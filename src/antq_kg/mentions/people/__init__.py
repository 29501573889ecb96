"""People stage: persons with rank, posts and organisation.

Spec: the annotation conventions of ``docs/ANNOTATION.md`` (persons,
organisations, author); lexicons in ``src/antq_kg/lexicons/people_*.tsv`` (ranks: Law No.
37/2018/QH14 Art. 21, docs/VOCABULARY.md §3a; posts and organisation kinds: docs/VOCABULARY.md §3b).

It reads in three phases, a module each (rules over the folded match view, surfaces sliced from
the NFC text):

1. :mod:`.mentions` — every person mention: a capitalised name and its trigger (rank, honorific,
   religious title, "đồng chí", "đối tượng", a following "(SN 1989" / "(62 tuổi" / "(tự Tèo Đen"),
   or a post next to a name that starts with a family name; with what is written around it;
2. :mod:`.posts` — the posts next to a name and the organisation they are held in ("Bí thư Đảng ủy
   xã X" → "Bí thư" of "Đảng ủy xã X"; Party posts in a shared list keep their committee word;
   village roles keep the whole title), read with the organisations reader
   (:mod:`antq_kg.mentions.organisations`);
3. :mod:`.persons` — the mentions of one person joined (later mentions by the given name,
   namesakes told apart by rank or honorific), then the Person records.

The organisations of the posts join the article's, which this stage then lists once each.
"""

from __future__ import annotations

from ...model import Person
from ..context import Context
from ..organisations import OrgReader, collect_organisations
from .mentions import MentionReader
from .persons import resolve

__all__ = ["extract_people"]


def extract_people(ctx: Context) -> None:
    """Add the persons to ``ctx`` (none is read in the byline), then the article's organisations.

    No safety net here: a crash is a bug the property tests must see, and ``antq_kg.pipeline`` reports it
    as that article's error instead of silently dropping its persons.
    """
    byline_span = ctx.author_spans[0] if ctx.author_spans else None
    mentions = MentionReader(OrgReader(ctx), byline_span).mentions()
    persons = resolve(mentions, ctx.text)
    ctx.org_mentions.extend(o for m in mentions if m.org is not None for o in m.org.with_parents())
    org_names = collect_organisations(ctx)
    for p in persons:
        org_name = None
        if p.org is not None:
            org_name = org_names.get(" ".join(p.org.key.split()), p.org.name)
        ctx.persons.append(
            Person(
                name=p.name,
                rank=p.rank,
                posts=tuple(p.posts),
                organization=org_name,
                honorific=p.honorific,
                spans=tuple(p.spans),
                rank_spans=tuple(p.rank_spans),
                post_spans=tuple(p.post_spans),
                extra=tuple(sorted(p.extra.items())),
                address=p.address,
            )
        )
        ctx.claims.extend(p.spans)

"""Persons: the mentions of one person joined, and what they say of that person.

Later mentions by the given name are the same person ("ông Hương" after "Lê Văn Hương"), also a
name written given name first ("ông Y Khiêm" = Y Khiêm Mlô); among namesakes the rank or honorific
chooses, and a mention never names a person of the other sex (by its honorific: ông, anh / bà, chị;
by the middle name "Thị"), nor a civil honorific and a given name ("anh Hùng") an officer named
with a rank and no honorific. A person named only by honorific and given name ("anh Tâm") with no
earlier full name it ends is a person of its own, and a full name written later is never that
person. A person keeps the first rank, the posts of every mention (a later one may add more:
"Thượng tá A, Ủy viên Ban Chấp hành Đảng bộ …, Trưởng phòng …"), the organisation of the first
mention that states one, and the honorific of a civil mention over a religious title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Place
from ...text import APOSTROPHES, Span, name_key
from ..names import name_words
from ..organisations import OrgMention
from .mentions import PersonMention


@dataclass(slots=True)
class PersonDraft:
    """A person as its mentions build it up, before it becomes a :class:`~antq_kg.model.Person`."""

    name: str
    syllables: tuple[str, ...]
    rank: str | None = None
    honorific: str | None = None
    posts: list[str] = field(default_factory=list)
    org: OrgMention | None = None
    spans: list[Span] = field(default_factory=list)
    rank_spans: list[Span] = field(default_factory=list)
    #: the span of each post, in the order of ``posts``
    post_spans: list[Span] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    address: Place | None = None
    #: where the latest mention begins (the namesake mentioned last wins)
    last: int = 0


_ETHNIC_PREFIX = re.compile(rf"[^\W\d_]{{1,2}}[{APOSTROPHES}][^\W\d_]")


def name_size(syllables: tuple[str, ...]) -> int:
    """How many name parts a mention has; an ethnic prefix joined by an apostrophe counts as one.

    Central Highlands names such as "K'Điệp" (Kơho) or "H'Hen" (Ê Đê) are written as one token
    but are a full name (prefix + name), not a given name alone.

    >>> name_size(("k'điệp",)), name_size(("hương",)), name_size(("y", "khiêm"))
    (2, 1, 2)
    """
    return sum(2 if _ETHNIC_PREFIX.match(s) else 1 for s in syllables)


def resolve(mentions: list[PersonMention], text: str) -> list[PersonDraft]:
    """The persons the mentions name, in order of first mention: a mention joins the person it
    names again, else starts one when it is a full name (two name parts at least) or a given name
    after a civil honorific ("anh Tâm")."""
    persons: list[PersonDraft] = []
    for mention in mentions:
        person = _antecedent(persons, mention)
        if person is None:
            if name_size(mention.syllables) < 2 and mention.trigger != "civil":
                continue
            person = PersonDraft(text[mention.begin : mention.end], mention.syllables)
            persons.append(person)
        _merge(person, mention)
    return persons


def _sex(honorific: str | None, syllables: tuple[str, ...]) -> str | None:
    """ "m" or "f" when the honorific or the middle name "Thị" tells, else ``None``."""
    if honorific is not None:
        found = _HONORIFIC_SEX.get(name_key(honorific))
        if found is not None:
            return found
    return "f" if "thị" in syllables[1:-1] else None


#: the sex a civil honorific names
_HONORIFIC_SEX = {"ông": "m", "anh": "m", "bà": "f", "chị": "f", "cô": "f"}


def _antecedent(persons: list[PersonDraft], mention: PersonMention) -> PersonDraft | None:
    """The person a mention names again: the same name, else one whose name it ends (the given
    name) or starts (names written given name first), choosing among namesakes by rank or
    honorific, then the one mentioned last."""
    syl = mention.syllables
    n = len(syl)
    sex = _sex(mention.honorific, syl)
    cands: list[PersonDraft] = []
    for p in persons:
        if sex is not None and (other := _sex(p.honorific, p.syllables)) is not None and other != sex:
            continue  # "anh Tâm" is not "bà Nguyễn Thị Tâm"
        if p.syllables == syl:
            return p
        # later mention by the given name: the last syllables ("ông Hương"), or the first ones
        # of names written given name first ("ông Y Khiêm" = Y Khiêm Mlô, "chị H'Lim" = H'Lim Mlô)
        if n < len(p.syllables) and (
            p.syllables[-n:] == syl or (name_size(syl) >= 2 and p.syllables[:n] == syl)
        ):
            if mention.trigger == "civil" and p.rank is not None and p.honorific is None:
                continue  # "anh Hùng, một ngư dân" is not "Thượng tá Nguyễn Văn Hùng"
            cands.append(p)
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]
    if mention.rank is not None:
        ranked = [p for p in cands if p.rank is not None]
        if ranked:
            cands = ranked
    elif mention.honorific is not None:
        same = [p for p in cands if p.honorific == mention.honorific]
        if same:
            cands = same
    return max(cands, key=lambda p: p.last)


def _merge(person: PersonDraft, mention: PersonMention) -> None:
    """Add what a mention says of the person: its span, rank, honorific, posts and organisation."""
    person.spans.append(Span(mention.begin, mention.end))
    person.last = mention.begin
    if mention.rank is not None:
        if person.rank is None:
            person.rank = mention.rank
        if mention.rank_span is not None:
            person.rank_spans.append(mention.rank_span)
    if mention.honorific is not None and (
        person.honorific is None
        or (mention.trigger == "civil" and _honorific_kind(person.honorific) not in ("religious", "civil"))
    ):
        person.honorific = mention.honorific  # the first civil honorific ("bà Hằng" … "chị Hằng": bà)
    known = {name_key(x) for x in person.posts}
    for post, span in mention.posts:
        if name_key(post) not in known:
            known.add(name_key(post))
            person.posts.append(post)
            person.post_spans.append(span)
    if mention.org is not None and person.org is None:
        # the organisation of the first mention that states one (a member's: "…, cán bộ Công an phường X")
        person.org = mention.org
    if person.address is None:
        person.address = mention.address
    for k, v in mention.extra.items():
        person.extra.setdefault(k, v)


def _honorific_kind(honorific: str) -> str:
    entry = name_words().honorifics.get(name_key(honorific))
    return entry[1] if entry else "civil"

"""Posts and the organisation they are held in, as written next to a person's name.

A list of posts ("Phó Bí thư Đảng ủy, Phó Giám đốc Công an tỉnh X") is read from its first post
(``people_posts.tsv``, by kind): the organisation leaves the post ("Bí thư Đảng ủy xã X" → "Bí thư" of
"Đảng ủy xã X"), except for Party posts in a shared list, which keep their committee word ("Ủy viên
Ban Thường vụ Tỉnh ủy, Giám đốc Công an tỉnh"); village roles keep the whole title ("già làng",
"Trưởng bản"); a sub-unit's head names its sub-unit ("Trưởng đồn Biên phòng X"). The person's
organisation is the one named after the last post.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ...lexicon import table
from ...text import UPPER, Span, name_key
from ..names import TextView, name_words, read_name, read_phrase, read_unit_name, whole_words
from ..organisations import OrgMention, OrgReader
from ..organisations.named import backref, clan_of
from ..organisations.named import head_at as named_head_at

#: the kinds of organisation a person holds a post in beside their own (Party committees and boards,
#: steering committees): such a post keeps the organ's head words
ORGANS = frozenset({"committee", "party", "steering", "organ"})


@dataclass(slots=True)
class _Post:
    """One post of a list: as written, its span, the organisation named with it, where it ends, and
    whether the text marks it former ("nguyên")."""

    surface: str
    span: Span
    org: OrgMention | None
    end: int
    former: bool = False
    #: joined by "kiêm" or "đồng thời là": held besides the post before it
    concurrent: bool = False


@dataclass(frozen=True, slots=True)
class _LinkRow:
    """A row of ``people_post_links.tsv``: a word joining two posts, or marking a former one."""

    word: str
    kind: Literal["joiner", "concurrent", "former", "new"]


@dataclass(frozen=True, slots=True)
class _Links:
    #: between two posts: a comma, a joiner, or a comma and a joiner (over the folded text)
    joiner: re.Pattern[str]
    #: "nguyên " before a post
    former: re.Pattern[str]
    #: "tân " before a post (newly taken: the post itself)
    new: re.Pattern[str]
    #: a joiner of a post held besides the main one ("kiêm", "đồng thời là")
    concurrent: re.Pattern[str]


@cache
def _links() -> _Links:
    rows = table("people_post_links", _LinkRow)
    joiners = whole_words([name_key(r.word) for r in rows if r.kind in ("joiner", "concurrent")])
    concurrent = whole_words([name_key(r.word) for r in rows if r.kind == "concurrent"])
    formers = whole_words([name_key(r.word) for r in rows if r.kind == "former"])
    news = whole_words([name_key(r.word) for r in rows if r.kind == "new"])
    return _Links(
        joiner=re.compile(rf"[^\S\n]*(?:,[^\S\n]*(?:{joiners}[^\S\n]+)?|{joiners}[^\S\n]+)"),
        former=re.compile(rf"{formers}[^\S\n]+"),
        concurrent=re.compile(rf"[^\S\n]*,?[^\S\n]*{concurrent}"),
        new=re.compile(rf"{news}[^\S\n]+"),
    )


def _principal(items: list[_Post]) -> OrgMention | None:
    """The person's organisation: that of the last current post held in a state body or a mass
    organisation and not besides another ("kiêm"), else of the last such post held besides another,
    else of the last current post, else of the last post (docs/ANNOTATION.md: "Bí thư Đảng ủy xã kiêm
    Chủ tịch HĐND xã X" → HĐND; "Giám đốc Công an tỉnh kiêm Phó Trưởng ban Ban Chỉ đạo 138 tỉnh" →
    Công an tỉnh; "Phó Giám đốc Công an tỉnh kiêm Thủ trưởng Cơ quan Cảnh sát điều tra" → Công an
    tỉnh)."""
    orgs = [(i.org, i.former) for i in items if i.org is not None]
    for item in reversed(items):  # a post held besides the main one is not the main one
        if item.org is not None and not item.former and not item.concurrent and item.org.kind not in ORGANS:
            return item.org
    for org, former in reversed(orgs):
        if not former and org.kind not in ORGANS:
            return org
    for org, former in reversed(orgs):
        if not former:
            return org
    return orgs[-1][0] if orgs else None


def _longer_head(d: TextView, q: int, post_end: int) -> bool:
    """True when the organisation head at ``q`` runs past the post's end ("Đảng ủy Khối")."""
    m = name_words().head_re.match(d.folded, q)
    return m is not None and m.end() > post_end


def _organ_head_end(d: TextView, org: OrgMention) -> int:
    """Where the head words of an organ end: its head, and a Party committee's right after it
    ("Ban Thường vụ Tỉnh ủy", "Ban Chấp hành Đảng bộ", "Đảng ủy", "Ban Chỉ đạo")."""
    lex = name_words()
    m = lex.head_re.match(d.folded, org.begin)
    if m is None:
        return org.begin
    end = m.end()
    nxt = lex.head_re.match(d.folded, d.skip_spaces(end))
    if nxt is not None and lex.heads[name_key(d.text[d.skip_spaces(end) : nxt.end()])][1] in (
        "committee",
        "party",
    ):
        end = nxt.end()
    return end


class PostReader:
    """Reads the posts written next to a name and the organisation they are held in."""

    def __init__(self, orgs: OrgReader) -> None:
        self.orgs = orgs
        self.d = orgs.d

    def read_posts(
        self, pos: int, *, principal: bool = True
    ) -> tuple[list[tuple[str, Span]], OrgMention | None, int]:
        """A list of posts from ``pos`` ("Phó Bí thư Đảng ủy, Phó Giám đốc Công an tỉnh X"), joined by
        commas or the joiners of ``people_post_links.tsv`` ("kiêm", "đồng thời là"), each maybe
        marked former ("nguyên"): the posts as the person's record writes them, the person's
        organisation and where the list ends. ``principal=False``: the posts are not held in the
        person's own organisation (a group prefix), so none is chosen."""
        lex = name_words()
        d = self.d
        items: list[_Post] = []
        p = d.skip_spaces(pos)
        end = pos
        # "…, Phó Chủ tịch UBND huyện, Trưởng Công an huyện X, Thượng tá Y": where the list
        # stood after each post that named an organisation
        checkpoints: list[tuple[int, int]] = []
        joined_concurrently = False
        while True:
            former = _links().former.match(d.folded, p)
            new = _links().new.match(d.folded, p) if former is None else None
            q = former.end() if former else new.end() if new else p
            m = lex.post_re.match(d.folded, q)
            if m is None:
                break
            surface = d.text[q : m.end()]
            _, kind, org_head = lex.posts[name_key(re.sub(r"^(?:[Pp]hó)\s+", "", surface))]
            # "Trưởng" alone is a post only before an organisation
            if (
                kind == "org"
                and name_key(surface.split()[-1]) == "trưởng"
                and lex.head_re.match(d.folded, d.skip_spaces(m.end())) is None
                and named_head_at(d, d.skip_spaces(m.end())) is None
            ):
                break
            item = self._post(q, m.end(), surface, kind, org_head)
            item.former = former is not None
            item.concurrent = joined_concurrently
            items.append(item)
            end = item.end
            sep = _links().joiner.match(d.folded, end)
            if sep is None:
                break
            nxt = _links().former.match(d.folded, sep.end())
            if lex.post_re.match(d.folded, nxt.end() if nxt else sep.end()) is None:
                break
            if item.org is not None:
                checkpoints.append((len(items), end))
            joined_concurrently = _links().concurrent.match(d.folded, end) is not None
            p = sep.end()
        if checkpoints and checkpoints[-1][0] < len(items) and self.person_follows(end):
            # the posts after the last organisation are the next person's, written before the
            # rank: "…, Trưởng Công an huyện X, Thượng tá Y"
            n, end = checkpoints[-1]
            items = items[:n]
        org = _principal(items) if principal else None
        return [self._written(item, org) for item in items], org, end

    def _post(self, p: int, post_end: int, surface: str, kind: str, org_head: str) -> _Post:
        """One post at ``[p, post_end)`` and the organisation it is held in, by the post's kind."""
        lex = name_words()
        d = self.d
        item = _Post(surface, Span(p, post_end), None, post_end)
        after = post_end
        if kind == "whole":
            unit_end = self.orgs.level_unit_end(after)
            if unit_end is not None:
                item.end = unit_end
            else:
                name = read_unit_name(d, after)
                if name is not None:
                    item.end = name[1]
                elif (split := self._branch_in_post(p, post_end)) is not None:
                    return split  # "Bí thư Chi đoàn Công an xã X": a post in an organisation
        elif kind == "sub":
            head_pos = p + d.folded[p:post_end].rfind(name_key(org_head))
            o = self.orgs.read_org(head_pos, standalone=False, in_post=True) if head_pos > p else None
            if o is None:
                o = self.orgs.read_org(after, standalone=False, in_post=True)
                if o is not None and not name_key(o.name).startswith(name_key(org_head)):
                    o = None
            if o is not None:
                item.org, item.end = o, max(o.end, post_end)
            elif org_head.islower():
                item.end = self.orgs.level_unit_end(after) or item.end
            elif kind == "sub":
                phrase = read_phrase(d, after)
                if phrase is not None:
                    written = d.text[phrase[0] : phrase[1]]
                    # "Trưởng đồn Biên phòng X" names the unit without its head word, "Đồn
                    # trưởng Đồn Biên phòng X" with it
                    repeated = name_key(written).startswith(name_key(org_head) + " ")
                    o = self.orgs.attach_parent(
                        phrase[0], phrase[1], written if repeated else f"{org_head} {written}", comma=True
                    )
                    item.org, item.end = o, o.end
        elif (
            kind == "party"
            and (q := p + d.folded[p:post_end].rfind("đảng")) > p
            and (self.orgs.level_at(after) is not None or _longer_head(d, q, post_end))
        ):
            # "Bí thư Đảng ủy xã Di Linh": the post "Bí thư" in the commune's Party committee, which
            # keeps its head word when the person's organisation is another ("Bí thư Đảng ủy xã kiêm
            # Chủ tịch HĐND xã": :meth:`_written`); "Phó Bí thư Đảng ủy Khối các cơ quan tỉnh"
            o = self.orgs.read_org(q, standalone=False)
            if o is not None:
                head = d.text[p:q].rstrip()
                item.surface, item.span = head, Span(p, p + len(head))
                item.org, item.end = o, o.end
        elif kind in ("org", "party"):
            q = d.skip_spaces(after)
            o = None
            if lex.head_re.match(d.folded, q) or named_head_at(d, q) is not None:
                o = self.orgs.read_org(q, standalone=False, in_post=True)
            if o is not None:
                item.org, item.end = o, o.end
            elif kind == "org" and name_key(surface).endswith("trụ trì"):
                o = self._bare_pagoda(after)
                if o is not None:
                    item.org, item.end = o, o.end
        elif kind == "clan":
            item.org, item.end = self._clan(p, after)
        return item

    def _branch_in_post(self, p: int, post_end: int) -> _Post | None:
        """A village role's title whose last word heads an organisation that is not a residential
        unit's: "Bí thư Chi đoàn, …" (the Chi đoàn named before), "Bí thư Chi đoàn Phòng X" →
        the post "Bí thư" in that organisation."""
        d = self.d
        words = list(re.finditer(r"\S+", d.text[p:post_end]))
        for w in words[1:]:
            q = p + w.start()
            if named_head_at(d, q) is None:
                continue
            o = self.orgs.read_org(q, standalone=False, in_post=True)
            if o is None:
                return None
            head = d.text[p:q].rstrip()
            return _Post(head, Span(p, p + len(head)), o, max(o.end, post_end))
        return None

    def _clan(self, p: int, after: int) -> tuple[OrgMention | None, int]:
        """ "trưởng họ Vàng": the clan of that family name; "Trưởng họ" alone: the clan named last."""
        d = self.d
        t = d.token(after)
        if (
            t is not None
            and t[2]
            and d.text[t[0]] in UPPER
            and not name_words().stop_re.match(d.folded, t[0])
        ):
            o = clan_of(self.orgs, p, t[0], t[1])
            return o, o.end if o is not None else after
        return backref(self.orgs, "Dòng họ", p, after), after

    def _written(self, item: _Post, org: OrgMention | None) -> tuple[str, Span]:
        """A post as the record writes it: a post in another organ than the person's keeps the organ's
        head words ("Bí thư Đảng ủy", "Ủy viên Ban Thường vụ Tỉnh ủy", "Phó Trưởng ban Thường trực
        Ban Chỉ đạo"); a former post keeps "nguyên", and its organisation when that is not the
        person's ("nguyên Giám đốc Công an tỉnh Thái Bình")."""
        d = self.d
        surface, span = item.surface, item.span
        if item.org is not None and item.org is not org and not item.former and item.org.kind in ORGANS:
            head_end = _organ_head_end(d, item.org)
            if head_end > span.end:
                surface, span = d.text[span.begin : head_end], Span(span.begin, head_end)
        if item.former:
            if item.org is not None and item.org is not org and item.org.end > span.end:
                surface = f"{surface} {item.org.name}"
            surface = f"nguyên {surface}"
        return surface, span

    def person_follows(self, pos: int) -> bool:
        """True when a rank or honorific and a capitalised name follow ``pos``."""
        m = re.match(r"[^\S\n]*,?[^\S\n]*", self.d.text[pos : pos + 4])
        q = pos + (m.end() if m else 0)
        t = name_words().trigger_re.match(self.d.folded, q)
        return t is not None and read_name(self.d, t.end()) is not None

    def _bare_pagoda(self, pos: int) -> OrgMention | None:
        m = re.match(r"[^\S\n]*chùa(?![\w])", self.d.folded[pos : pos + 8])
        if m is None:
            return None
        for org in self.orgs.recent_orgs():
            if org.kind == "pagoda" and org.begin < pos:
                return OrgMention(org.name, org.key, pos, pos + m.end(), "pagoda")
        return None


#: a residential type word ending a group's name with no name of its own ("Chi hội Phụ nữ bản")

"""People stage: persons with rank, posts and organisation.

Spec: issue 3 and the annotation conventions of ``../shared/corpus/dev/README.md`` (persons,
organisations, author); lexicons in ``src/antq_kg/lexicons/people_*.tsv`` (ranks: Law No.
37/2018/QH14 Art. 21, VOCAB.md §3a; posts and organisation kinds: VOCAB.md §3b).

How it reads (rules over the folded match view, surfaces sliced from the NFC text):

* **Persons** — a trigger (rank, honorific, religious title, "đồng chí", "đối tượng", or a
  following "(SN 1989" / "(62 tuổi" / "(tự Tèo Đen" / ", tự X, SN 1991") and a capitalised name;
  posts after the name (separators ``,`` ``-`` ``–``, unspaced ``A- Trưởng phòng``, or in
  parentheses, also after an age: "ông A (61 tuổi, Trưởng bản B)") or before the trigger
  ("Giám đốc Công an tỉnh, Đại tá A"; "Trưởng Công an xã B – Đại úy C"); a name right after a
  bare level ("Phó Chủ tịch UBND tỉnh Trịnh Văn Lược") when no unit is so called. Later mentions
  by given name are the same person, choosing among namesakes by rank or honorific; nicknames
  ("tự Tèo Đen", "(Bảy Ghe)") are kept as the key ``nickname``, never as persons.
* **Posts and their organisation** — the dev README's conventions: the organisation leaves the
  post ("Bí thư Đảng ủy xã X" → "Bí thư" of "Đảng ủy xã X"), except for Party posts in a shared
  list, which keep their committee word ("Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Công an
  tỉnh"); village roles keep the whole title ("già làng", "Trưởng bản"). Sub-units take the
  parent written after them (space, dash, or a comma after a post: "Cục X, Bộ Công an") or the
  one ``people_sub_parents.tsv`` gives ("Cục" → "Bộ Công an"; border posts have none). The
  organisations are read by :mod:`antq_kg.mentions.organisations`; those of the posts join the
  article's, which this stage then lists once each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Person
from ..text import APOSTROPHES, UPPER, Span, fold, name_key
from .context import Context
from .names import (
    name_words,
    read_name,
    read_name_backwards,
    read_phrase,
    read_unit_name,
    surname_at,
)
from .organisations import OrgMention, OrgReader, collect_organisations


class _Posts:
    """Reads the posts written next to a name and the organisation they are held in."""

    def __init__(self, orgs: OrgReader) -> None:
        self.orgs = orgs
        self.d = orgs.d

    def read_posts(self, pos: int) -> tuple[list[tuple[str, Span]], OrgMention | None, int]:
        """A list of posts from ``pos`` ("Phó Bí thư Đảng ủy, Phó Giám đốc Công an tỉnh X")."""
        lex = name_words()
        d = self.d
        posts: list[tuple[str, Span]] = []
        org: OrgMention | None = None
        p = d.skip_spaces(pos)
        end = pos
        # "Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Công an tỉnh": the list goes on past an
        # organisation; the person's organisation is the one named after the last post
        checkpoints: list[tuple[int, OrgMention, int]] = []
        while True:
            m = lex.post_re.match(d.folded, p)
            if m is None:
                break
            surface = d.text[p : m.end()]
            entry = lex.posts[name_key(re.sub(r"^(?:[Pp]hó)\s+", "", surface))]
            _, kind, org_head = entry
            after = m.end()
            # "Trưởng" alone is a post only before an organisation
            if (
                kind == "org"
                and name_key(surface.split()[-1]) == "trưởng"
                and lex.head_re.match(d.folded, d.skip_spaces(after)) is None
            ):
                break
            posts.append((surface, Span(p, m.end())))
            end = after
            if kind == "whole":
                unit_end = self.orgs.level_unit_end(after)
                if unit_end is not None:
                    end = unit_end
                else:
                    name = read_unit_name(d, after)
                    if name is not None:
                        end = name[1]
            elif kind == "sub":
                o = self.orgs.read_org(after, standalone=False, in_post=True)
                if o is not None and name_key(o.name).startswith(name_key(org_head)):
                    org, end = o, o.end
                elif org_head.islower():
                    end = self.orgs.level_unit_end(after) or end
                else:
                    phrase = read_phrase(d, after)
                    if phrase is not None:
                        written = d.text[phrase[0] : phrase[1]]
                        # "Trưởng đồn Biên phòng X" names the unit without its head word,
                        # "Đồn trưởng Đồn Biên phòng X" with it
                        repeated = name_key(written).startswith(name_key(org_head) + " ")
                        o = self.orgs.attach_parent(
                            phrase[0],
                            phrase[1],
                            written if repeated else f"{org_head} {written}",
                            comma=True,
                        )
                        org, end = o, o.end
            elif kind == "party" and self.orgs.level_at(after) is not None:
                # "Bí thư Đảng ủy xã Di Linh": the post is "Bí thư", the organisation the
                # commune's Party committee (the post keeps "Đảng ủy" only when it shares the
                # organisation of the next post: "Bí thư Đảng ủy, Chủ tịch UBND xã")
                q = p + d.folded[p : m.end()].rfind("đảng")
                o = self.orgs.read_org(q, standalone=False)
                if o is not None:
                    head = d.text[p:q].rstrip()
                    posts[-1] = (head, Span(p, p + len(head)))
                    org, end = o, o.end
            elif kind in ("org", "party"):
                q = d.skip_spaces(after)
                o = self.orgs.read_org(q, standalone=False) if lex.head_re.match(d.folded, q) else None
                if o is not None:
                    org, end = o, o.end
                elif kind == "org" and name_key(surface).endswith("trụ trì"):
                    o = self._bare_pagoda(after)
                    if o is not None:
                        org, end = o, o.end
            sep = re.match(r"[^\S\n]*,[^\S\n]*", d.text[end : end + 4])
            if sep is None or lex.post_re.match(d.folded, end + sep.end()) is None:
                break
            hm = lex.head_re.match(d.folded, org.begin) if org is not None else None
            if org is not None and hm is not None and org.kind in ("committee", "party"):
                # "Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Công an tỉnh": a Party post in a list
                # keeps its committee word, like "Bí thư Đảng ủy"; the organisation is the last one's
                last = posts[-1][1]
                if org.begin >= last.end:
                    posts[-1] = (d.text[last.begin : hm.end()], Span(last.begin, hm.end()))
            if org is not None:
                checkpoints.append((len(posts), org, end))
            p = end + sep.end()
        if checkpoints and org is not checkpoints[-1][1] and self.person_follows(end):
            # "…, Phó Chủ tịch UBND huyện, Trưởng Công an huyện X, Thượng tá Y": the last
            # post and organisation are Y's, written before Y's rank
            n, org, end = checkpoints[-1]
            posts = posts[:n]
        return posts, org, end

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


# -- persons --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Mention:
    begin: int
    end: int
    syllables: tuple[str, ...]
    trigger: str
    #: where the mention's trigger (rank, honorific, post) starts
    start: int = -1
    rank: str | None = None
    rank_span: Span | None = None
    honorific: str | None = None
    posts: list[tuple[str, Span]] = field(default_factory=list)
    org: OrgMention | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Person:
    name: str
    syllables: tuple[str, ...]
    rank: str | None = None
    honorific: str | None = None
    posts: list[str] = field(default_factory=list)
    org: OrgMention | None = None
    spans: list[Span] = field(default_factory=list)
    rank_spans: list[Span] = field(default_factory=list)
    post_spans: list[Span] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    last: int = 0


_SEP = re.compile(r"[^\S\n]*(?:,|[-\u2013\u2014]|:)[^\S\n]*")
_PAREN = re.compile(r"[^\S\n]*\(([^()\n]{0,160})\)")
#: words introducing a nickname or alias: "Nguyễn Văn Tèo (tự Tèo Đen, SN 1991)"
_ALIAS = r"(?:tự|tức|biệt danh(?: là)?|(?:thường|còn|hay) gọi(?: là)?|có tên gọi khác(?: là)?)"
_AFTER_NAME = re.compile(
    r"[^\S\n]*(?:\((?:sn|sinh năm|\d{1,3}\s+tuổi|"
    + _ALIAS
    + r"[^\S\n])|,[^\S\n]*(?:sn|sinh năm)[^\S\n]*\d{4}|,[^\S\n]*"
    + _ALIAS
    + r"[^\S\n][^,;()\n]{1,32},[^\S\n]*(?:sn|sinh năm|\d{1,3}[^\S\n]+tuổi))"
)
#: ", tự Tèo Đen" after a name: the nickname between commas
_COMMA_ALIAS = re.compile(r"[^\S\n]*,[^\S\n]*" + _ALIAS + r"[^\S\n]+([^,;()\n]{1,32}?)[^\S\n]*(?=[,;)])")
#: one to three capitalised words, alone in parentheses after a name: a nickname ("Bảy Ghe")
_PAREN_NAME = re.compile(rf"[^\S\n]*[{UPPER}][^\W\d_]*(?:[^\S\n]+[{UPPER}][^\W\d_]*){{0,2}}[^\S\n]*")
_QUOTES = "\"'“”‘’«»"
#: a name written right after an alias word is the nickname, not a person
_ALIAS_BEFORE = re.compile(r"(?<![\w])" + _ALIAS + r"[^\S\n]*[\"'“”‘’]?[^\S\n]*$")
#: the nickname inside parentheses: after an alias word, quoted or not, up to a comma
_NICKNAME = re.compile(r"(?:^|[,;]\s*)" + _ALIAS + r"\s*([^,;()]{1,32}?)\s*(?:[,;]|$)", re.IGNORECASE)
_COMMA_SN = re.compile(r"[^\S\n]*,[^\S\n]*(?:sn|sinh năm)[^\S\n]*(\d{4})")


def _unquote(text: str) -> str:
    """A nickname without the quotes around it.

    >>> _unquote(" “Tý Sẹo” "), _unquote('Nam "Béo"')
    ('Tý Sẹo', 'Nam "Béo"')
    """
    text = text.strip()
    if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


def _syllables(folded: str) -> tuple[str, ...]:
    return tuple(folded.split())


_ETHNIC_PREFIX = re.compile(rf"[^\W\d_]{{1,2}}[{APOSTROPHES}][^\W\d_]")


def _name_size(syllables: tuple[str, ...]) -> int:
    """How many name parts a mention has; an ethnic prefix joined by an apostrophe counts as one.

    Central Highlands names such as "K'Điệp" (Kơho) or "H'Hen" (Ê Đê) are written as one token
    but are a full name (prefix + name), not a given name alone.

    >>> _name_size(("k'điệp",)), _name_size(("hương",)), _name_size(("y", "khiêm"))
    (2, 1, 2)
    """
    return sum(2 if _ETHNIC_PREFIX.match(s) else 1 for s in syllables)


class _People:
    def __init__(self, reader: OrgReader, byline: Span | None) -> None:
        self.r = reader
        self.posts = _Posts(reader)
        self.d = reader.d
        self.byline = byline
        self.persons: list[_Person] = []
        #: where the posts already read after a name start: not read again before the next name
        self.taken: set[int] = set()

    def mentions(self) -> list[_Mention]:
        lex = name_words()
        d = self.d
        out: list[_Mention] = []
        seen: set[int] = set()
        for m in lex.trigger_re.finditer(d.folded):
            word = m.group(1)
            t_begin, t_end = m.start(1), m.end(1)
            t = lex.title_skip_re.match(d.folded, t_end)
            name = read_name(d, t.end() if t is not None else t_end)
            if name is not None and t is not None:
                t_end = t.end()
            if name is None or name[0] - t_end > 2 or name[0] in seen:
                continue
            if self.byline is not None and self.byline.begin <= name[0] < self.byline.end:
                continue
            b, e, _ = name
            fw_key = name_key(word)
            if fw_key not in lex.ranks and self.r.place_at(b, e) is not None:
                continue  # "phường Ông Ích Khiêm", "tỉnh Bà Rịa": a place, not a person
            mention = _Mention(b, e, _syllables(d.folded[b:e]), "rank", t_begin)
            if fw_key in lex.ranks:
                mention.rank = lex.ranks[fw_key]
                mention.rank_span = Span(t_begin, t_end)
                mention.trigger = "rank"
            elif fw_key in lex.honorifics:
                canon, kind = lex.honorifics[fw_key]
                mention.trigger = kind
                if kind == "civil":
                    mention.honorific = canon if canon != name_key(canon) else d.text[t_begin:t_end].lower()
                elif kind == "religious":
                    mention.honorific = canon
                elif kind == "post":
                    mention.posts.append((d.text[t_begin:t_end], Span(t_begin, t_end)))
                if kind == "title" and fw_key.isascii() and d.text[t_begin] not in UPPER:
                    continue  # "ts", "gs" in lower case are not the abbreviated titles
            else:
                mention.trigger = "suspect"
                mention.extra["role"] = "đối tượng"
            # a rank right after an honorific or "đồng chí": "đồng chí Đại tá A"
            seen.add(b)
            out.append(mention)
        ends = {x.end for x in out}
        for m in _AFTER_NAME.finditer(d.folded):
            name = read_name_backwards(d, m.start())
            if name is None or name[0] in seen or name[1] in ends:
                continue
            b, e, _ = name
            if _ALIAS_BEFORE.search(d.folded, max(0, b - 24), b):
                continue  # "(tự Tèo Đen, SN 1991": the nickname
            if self.byline is not None and self.byline.begin <= b < self.byline.end:
                continue
            seen.add(b)
            mention = _Mention(b, e, _syllables(d.folded[b:e]), "after", b)
            alias = _COMMA_ALIAS.match(d.folded, e)
            sn = _COMMA_SN.match(d.folded, alias.end() if alias else e)
            if sn is not None:
                mention.extra["birth_year"] = sn.group(1)
                mention.extra["role"] = "đối tượng"
            out.append(mention)
        for mention in out:
            self._read_around(mention)
        consumed = {s.begin for x in out for _, s in x.posts}
        for mention in self._post_mentions(seen, {x.end for x in out}, consumed):
            self._read_around(mention)
            out.append(mention)
        out.sort(key=lambda x: x.begin)
        return out

    def _surname_first(self, begin: int) -> bool:
        return surname_at(self.d, begin)

    def _post_mentions(self, seen: set[int], ends: set[int], consumed: set[int]) -> list[_Mention]:
        """Names with no rank or honorific, found through a post next to them.

        "Nguyễn Văn Hải, Trưởng Công an xã Phú Lộc" (name, separator, post) and "Phó Chủ tịch
        UBND tỉnh Hưng Yên Nguyễn Hùng Nam" (post, organisation, name); the name must start with
        a common family name (``people_surnames.tsv``).
        """
        d = self.d
        out: list[_Mention] = []
        for m in name_words().post_re.finditer(d.folded):
            pos = m.start()
            if d.text[pos] not in UPPER or pos in consumed or (pos > 0 and d.folded[pos - 1].isalnum()):
                continue
            sm = re.search(r"[^\S\n]*(?:,|[-\u2013])[^\S\n]*$", d.text[max(0, pos - 4) : pos])
            if sm is not None:
                name = read_name_backwards(d, max(0, pos - 4) + sm.start())
                if name is not None and name[0] not in seen and name[1] not in ends:
                    if self._surname_first(name[0]) and not self._in_byline(name[0]):
                        seen.add(name[0])
                        out.append(
                            _Mention(name[0], name[1], _syllables(d.folded[name[0] : name[1]]), "bare")
                        )
                        continue
                    # "Tại xã Ia Dom, Chủ tịch UBND xã Rơ Châm Thuyên": not a name before the
                    # post; the person may follow the organisation
                elif name is not None:
                    continue
            posts, org, end = self.posts.read_posts(pos)
            if not posts or org is None or not d.text.startswith(" ", end):
                continue
            nm = read_name(d, end)
            if nm is None or nm[2] < 2 or nm[0] in seen or not self._surname_first(nm[0]):
                continue
            if re.search(r"(?:của|thay|thừa lệnh)\s+$", d.folded[max(0, pos - 12) : pos]):
                continue
            seen.add(nm[0])
            mention = _Mention(nm[0], nm[1], _syllables(d.folded[nm[0] : nm[1]]), "post", pos)
            mention.posts.extend(posts)
            mention.org = org
            out.append(mention)
        return out

    def _in_byline(self, pos: int) -> bool:
        return self.byline is not None and self.byline.begin <= pos < self.byline.end

    def _read_around(self, mention: _Mention) -> None:
        d = self.d
        p = mention.end
        if mention.trigger == "post":
            return
        lex = name_words()
        alias = _COMMA_ALIAS.match(d.folded, p)
        if alias is not None:
            # "Nguyễn Văn Tèo, tự Tèo Đen, SN 1991": the nickname between commas
            nick = _unquote(d.text[alias.start(1) : alias.end(1)])
            if nick:
                mention.extra.setdefault("nickname", nick)
            p = alias.end()
        paren = _PAREN.match(d.text, p)
        if paren is not None:
            self._read_paren(mention, paren.group(1))
            self._paren_post(mention, paren.start(1), paren.end(1))
            p = paren.end()
        elif (sn := _COMMA_SN.match(d.folded, p)) is not None:
            p = sn.end()
        sep = _SEP.match(d.text, p)
        if sep is not None:
            posts, org, _ = self.posts.read_posts(sep.end())
            if posts or org is not None:
                mention.posts.extend(posts)
                mention.org = org or mention.org
            elif (member := lex.member_re.match(d.folded, sep.end())) is not None:
                # "…, cán bộ Công an phường Hàm Rồng": a member, no post, the organisation is theirs
                q = d.skip_spaces(member.end())
                if lex.head_re.match(d.folded, q) is not None:
                    mention.org = self.r.read_org(q, standalone=False) or mention.org
        if not mention.posts and mention.trigger in ("rank", "comrade", "civil"):
            self._posts_before(mention)
        self.taken.update(s.begin for _, s in mention.posts)

    def _paren_post(self, mention: _Mention, begin: int, end: int) -> None:
        """The post or organisation in parentheses after a name, first or after an age or a year.

        "Thượng tá A (Phó Trưởng Công an huyện B)", "Đại úy A (Công an xã B)", "ông A (61 tuổi,
        Trưởng bản C)", "chị A (28 tuổi, cán bộ Công an xã B)".
        """
        d = self.d
        lex = name_words()
        starts = [begin] + [begin + m.end() for m in re.finditer(r",[^\S\n]*", d.text[begin:end])]
        for q in starts:
            head = lex.head_re.match(d.folded, q)
            post = lex.post_re.match(d.folded, q)
            if head is not None and (post is None or post.end() <= head.end()):
                # "Đại úy Nguyễn Văn A (Công an xã B)": the organisation in parentheses
                mention.org = self.r.read_org(q, standalone=False)
                return
            if post is not None:
                posts, org, _ = self.posts.read_posts(q)
                mention.posts.extend(posts)
                mention.org = org
                return
            member = lex.member_re.match(d.folded, q)
            if member is not None:
                r = d.skip_spaces(member.end())
                if lex.head_re.match(d.folded, r) is not None:
                    mention.org = self.r.read_org(r, standalone=False)
                    return

    def _posts_before(self, mention: _Mention) -> None:
        """Posts written before the rank: "Trưởng Công an huyện Thạch Hà, Thượng tá Nguyễn Đình Lực"."""
        d = self.d
        start = mention.start if mention.start >= 0 else mention.begin
        para_begin, _ = d.para(start)
        window = d.folded[max(para_begin, start - 160) : start]
        base = max(para_begin, start - 160)
        lex = name_words()
        best: tuple[list[tuple[str, Span]], OrgMention | None] | None = None
        for m in lex.post_re.finditer(window):
            pos = base + m.start()
            if (pos > 0 and d.folded[pos - 1].isalnum()) or pos in self.taken:
                continue  # "Trung tá A, Trưởng Công an xã B - Thiếu tá C": the post is A's
            posts, org, end = self.posts.read_posts(pos)
            if not posts:
                continue
            gap = d.text[end:start]
            if re.fullmatch(r"[^\S\n]*[,\-\u2013\u2014]?[^\S\n]*", gap):
                before = d.folded[max(0, pos - 8) : pos]
                if re.search(r"(?:của|thay|thừa lệnh)\s+$", before):
                    return
                best = (posts, org)
                break
        if best is not None:
            mention.posts.extend(best[0])
            mention.org = best[1]

    def _read_paren(self, mention: _Mention, inside: str) -> None:
        f = fold(inside)
        m = re.search(r"(?:sn|sinh năm)\s*(\d{4})", f)
        if m:
            mention.extra["birth_year"] = m.group(1)
            mention.extra.setdefault("role", "đối tượng") if mention.trigger in ("after", "suspect") else None
        m = re.search(r"(?<!\d)(\d{1,3})\s+tuổi", f)
        if m:
            mention.extra["age"] = m.group(1)
        m = _NICKNAME.search(inside)
        nick = _unquote(m.group(1)) if m else ""
        if nick:
            mention.extra["nickname"] = nick
        elif _PAREN_NAME.fullmatch(inside) and set(f.split()) & set(mention.syllables):
            # "Ngô Văn Bảy (Bảy Ghe)": a name alone in parentheses sharing a syllable with the name
            mention.extra["nickname"] = inside.strip()

    def resolve(self, mentions: list[_Mention]) -> None:
        for mention in mentions:
            person = self._antecedent(mention)
            if person is None:
                if _name_size(mention.syllables) < 2:
                    continue
                person = _Person(self.d.text[mention.begin : mention.end], mention.syllables)
                self.persons.append(person)
            self._merge(person, mention)

    def _antecedent(self, mention: _Mention) -> _Person | None:
        syl = mention.syllables
        n = len(syl)
        cands: list[_Person] = []
        for p in self.persons:
            if p.syllables == syl:
                return p
            # later mention by the given name: the last syllables ("ông Hương"), or the first ones
            # of names written given name first ("ông Y Khiêm" = Y Khiêm Mlô, "chị H'Lim" = H'Lim Mlô)
            if n < len(p.syllables) and (
                p.syllables[-n:] == syl or (_name_size(syl) >= 2 and p.syllables[:n] == syl)
            ):
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

    def _merge(self, person: _Person, mention: _Mention) -> None:
        person.spans.append(Span(mention.begin, mention.end))
        person.last = mention.begin
        if mention.rank is not None:
            if person.rank is None:
                person.rank = mention.rank
            if mention.rank_span is not None:
                person.rank_spans.append(mention.rank_span)
        if mention.honorific is not None and (
            person.honorific is None
            or (mention.trigger == "civil" and _honorific_kind(person.honorific) != "religious")
        ):
            person.honorific = mention.honorific
        if mention.posts and not person.posts:
            person.posts = [p for p, _ in mention.posts]
            if mention.org is not None and person.org is None:
                person.org = mention.org
        elif mention.posts:
            for post, _ in mention.posts:
                if name_key(post) not in {name_key(x) for x in person.posts} and name_key(post) == "già làng":
                    person.posts.append(post)
        elif mention.org is not None and person.org is None:
            person.org = mention.org  # a member's organisation ("…, cán bộ Công an phường X")
        person.post_spans.extend(s for _, s in mention.posts)
        for k, v in mention.extra.items():
            person.extra.setdefault(k, v)


def _honorific_kind(honorific: str) -> str:
    entry = name_words().honorifics.get(name_key(honorific))
    return entry[1] if entry else "civil"


# -- the stage ------------------------------------------------------------------------------------


def extract_people(ctx: Context) -> None:
    """Add organisations and persons to ``ctx`` (no person is read in the byline).

    No safety net here: a crash is a bug the property tests must see, and ``antq_kg.pipeline`` reports it
    as that article's error instead of silently dropping its persons.
    """
    byline_span = ctx.author_spans[0] if ctx.author_spans else None
    reader = OrgReader(ctx)
    people = _People(reader, byline_span)
    mentions = people.mentions()
    people.resolve(mentions)
    ctx.org_mentions.extend(m.org for m in mentions if m.org is not None)
    org_names = collect_organisations(ctx)
    for p in people.persons:
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
                post_spans=tuple(dict.fromkeys(p.post_spans)),
                extra=tuple(sorted(p.extra.items())),
            )
        )
        ctx.claims.extend(p.spans)

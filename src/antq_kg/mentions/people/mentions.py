"""Person mentions: a name, what introduces it and what is written around it.

A mention is a capitalised name after a trigger (a rank, an honorific or religious title, "đồng
chí", "đối tượng"), before "(SN 1989" / "(62 tuổi" / "(tự Tèo Đen" / ", tự X, SN 1991", or next to a
post ("Nguyễn Văn Hải, Trưởng Công an xã Phú Lộc"; "Phó Chủ tịch UBND tỉnh Hưng Yên Nguyễn Hùng
Nam") when it starts with a common family name (``people_surnames.tsv``). Around it are read the
posts and organisation after the name (separators ``,`` ``-`` ``–``, or in parentheses, also after
an age: "ông A (61 tuổi, Trưởng bản B)") or before its trigger ("Giám đốc Công an tỉnh, Đại tá
A"), a member's organisation ("…, cán bộ Công an phường X"), the birth year, the age and a nickname
("tự Tèo Đen", "(Bảy Ghe)": the key ``nickname``, never a person). No person is read in the byline
nor where the places stage read a place ("phường Ông Ích Khiêm").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ...model import Place
from ...text import UPPER, Span, fold, name_key
from ..admin_units import residential_types
from ..names import name_words, read_name, read_name_backwards, surname_at
from ..organisations import OrgMention, OrgReader
from .posts import PostReader


@dataclass(slots=True)
class PersonMention:
    """One mention of a person: the name's span and folded syllables, and what is written with it."""

    begin: int
    end: int
    syllables: tuple[str, ...]
    #: what introduces the name: rank, civil, religious, village, comrade, post, title, suspect,
    #: after, bare
    trigger: str
    #: where the mention's trigger (rank, honorific, post) starts
    start: int = -1
    rank: str | None = None
    rank_span: Span | None = None
    honorific: str | None = None
    posts: list[tuple[str, Span]] = field(default_factory=list)
    org: OrgMention | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: where the person lives, when written with the name ("trú thôn A, xã B")
    address: Place | None = None


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
#: what is written right after a name about the person: in parentheses, or up to the clause's end
_APPOSITION = re.compile(r"[^\S\n]*(?:\((?:[^()\n]|\([^()\n]*\)){0,200}\)|,[^;.\n()]{0,160})")
#: the words that introduce where a person lives (docs/ANNOTATION.md: "trú", "ngụ"; not "quê")
_RESIDENCE = re.compile(
    r"(?<![\w])(?:thường trú|tạm trú|cư trú|trú|ngụ|sinh sống)(?:[^\S\n]+(?:tại|ở))?[^\S\n]+"
)
#: a group prefix before its posts: "các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: …"
_GROUP = re.compile(r"(?<![\w])các[^\S\n]+đồng[^\S\n]+chí[^\S\n]+(?=\S)")
_COLON = re.compile(r"[^\S\n]*:[^\S\n]*")
#: two names joined: "Đại tá A và Đại tá B"
_AND = re.compile(r"[^\S\n]+và[^\S\n]+")


def _unquote(text: str) -> str:
    """A nickname without the quotes around it.

    >>> _unquote(" “Tý Sẹo” "), _unquote('Nam "Béo"')
    ('Tý Sẹo', 'Nam "Béo"')
    """
    text = text.strip()
    if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


def syllables(folded: str) -> tuple[str, ...]:
    return tuple(folded.split())


class MentionReader:
    """Finds the person mentions of one article, each with what is written around it."""

    def __init__(self, reader: OrgReader, byline: Span | None) -> None:
        self.r = reader
        self.posts = PostReader(reader)
        self.d = reader.d
        self.byline = byline
        #: where the posts already read after a name start: not read again before the next name
        self.taken: set[int] = set()

    def mentions(self) -> list[PersonMention]:
        lex = name_words()
        d = self.d
        out: list[PersonMention] = []
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
            mention = PersonMention(b, e, syllables(d.folded[b:e]), "rank", t_begin)
            if fw_key in lex.ranks:
                mention.rank = lex.ranks[fw_key]
                mention.rank_span = Span(t_begin, t_end)
                mention.trigger = "rank"
            elif fw_key in lex.honorifics:
                canon, kind = lex.honorifics[fw_key]
                # a village role before the name ("già làng"): what follows the name is read as
                # after any honorific (the trigger "post" is a name found through a post after it)
                mention.trigger = "village" if kind == "post" else kind
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
            mention = PersonMention(b, e, syllables(d.folded[b:e]), "after", b)
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
        self._shared_posts(out)
        return out

    def _shared_posts(self, out: list[PersonMention]) -> None:
        """Posts written once for several persons.

        A group prefix gives its posts to every person listed after it in its sentence ("các đồng
        chí Ủy viên Ban Thường vụ Tỉnh ủy: A, Trưởng Ban …; Đại tá B, Giám đốc …"); a post after two
        names joined by "và" is both persons' when the first has none ("Đại tá A và Đại tá B, Phó
        Giám đốc Công an tỉnh"), and so is a residence ("ông A và bà B, trú bản C"). A prefix's posts are held in another organ than the person's own,
        so they keep its head words.
        """
        d = self.d
        for m in _GROUP.finditer(d.folded):
            posts, _, end = self.posts.read_posts(m.end(), principal=False)
            colon = _COLON.match(d.text, end)
            if not posts or colon is None:
                continue
            _, sentence_end = d.layout.sentence(colon.end())
            for mention in out:
                if colon.end() <= mention.begin < sentence_end:
                    known = {name_key(p) for p, _ in mention.posts}
                    mention.posts[:0] = [(p, s) for p, s in posts if name_key(p) not in known]
        for first, second in itertools.pairwise(out):
            if (
                not first.posts
                and first.org is None
                and second.posts
                and first.trigger == second.trigger
                and first.trigger in ("rank", "comrade")
                and _AND.fullmatch(d.folded, first.end, second.start if second.start >= 0 else second.begin)
            ):
                first.posts = list(second.posts)
                first.org = second.org
            if (
                first.address is None
                and second.address is not None
                and _AND.fullmatch(d.folded, first.end, second.start if second.start >= 0 else second.begin)
            ):
                first.address = second.address  # "ông A và bà B, cùng trú bản C"

    def _surname_first(self, begin: int) -> bool:
        return surname_at(self.d, begin)

    def _post_mentions(self, seen: set[int], ends: set[int], consumed: set[int]) -> list[PersonMention]:
        """Names with no rank or honorific, found through a post next to them.

        "Nguyễn Văn Hải, Trưởng Công an xã Phú Lộc" (name, separator, post) and "Phó Chủ tịch
        UBND tỉnh Hưng Yên Nguyễn Hùng Nam" (post, organisation, name); the name must start with
        a common family name (``people_surnames.tsv``).
        """
        d = self.d
        out: list[PersonMention] = []
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
                            PersonMention(name[0], name[1], syllables(d.folded[name[0] : name[1]]), "bare")
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
            mention = PersonMention(nm[0], nm[1], syllables(d.folded[nm[0] : nm[1]]), "post", pos)
            mention.posts.extend(posts)
            mention.org = org
            out.append(mention)
        return out

    def _in_byline(self, pos: int) -> bool:
        return self.byline is not None and self.byline.begin <= pos < self.byline.end

    def _read_around(self, mention: PersonMention) -> None:
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
        mention.address = self._residence(mention.end)

    def _residence(self, pos: int) -> Place | None:
        """Where a person lives, written right after the name: "(68 tuổi, trú thôn A, xã B)", ", trú tại
        ấp C", "(quê huyện D, tạm trú ấp E)": the unit after the last residence word of the apposition
        (a home town, "quê", is not where one lives)."""
        d = self.d
        window = _APPOSITION.match(d.text, pos)
        if window is None:
            return None
        found: Place | None = None
        if not self.r.places.overlapping(window.start(), window.end()):
            return None  # no unit is written there
        for cue in _RESIDENCE.finditer(d.folded, window.start(), window.end()):
            hit = self.r.places.first_from(cue.end())
            if hit is not None and hit[0].begin == cue.end():
                found = self.r.places.canonical(hit[1])
        if found is None:
            # the residential unit of a village role is where its holder lives ("Trưởng thôn Đông
            # Tiến", "Tổ trưởng tổ dân phố số 12": docs/ANNOTATION.md, the unit goes to the address)
            lex = name_words()
            for post in lex.post_re.finditer(d.folded, window.start(), window.end()):
                hit = self.r.places.first_from(post.start())
                if (
                    hit is not None
                    and hit[0].begin <= d.skip_spaces(post.end())
                    and name_key(hit[1].type) in residential_types()
                ):
                    return self.r.places.canonical(hit[1])
        return found

    def _paren_post(self, mention: PersonMention, begin: int, end: int) -> None:
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

    def _posts_before(self, mention: PersonMention) -> None:
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

    def _read_paren(self, mention: PersonMention, inside: str) -> None:
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

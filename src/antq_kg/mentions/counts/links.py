"""Counts, phase 4: what links counts to each other and to their sentence.

``within`` ("226 tổ … với 5.489 thành viên"; after "trong đó" the earlier count with the same head
word; a named group that "có" the count), ``period`` (the nearest period phrase before a count in
its sentence, for the first count after it and the counts listed with it), ``scope`` (a
sentence-initial or clause scope, or a level later in the clause), a passive criterion before a khu
dân cư count, a criterion that points back ("đạt tiêu chuẩn này"), ``place`` (the place a sentence
opens with), and a headline count repeated in the body merged into one count with both spans.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence

from ...model import Place
from ...text import Span
from ..counted import TOKEN, tokens
from .numbers import CandidateReader
from .reading import CountMention, is_word
from .units import LEVEL_LATER

_CLAUSE_BREAK = re.compile(r"[,;.:!?()\n]")


class CountReader(CandidateReader):
    """Phase 4: what links counts to each other and to their sentence, and the headline's counts."""

    # -- across counts ----------------------------------------------------------------------------

    def nest(self, mentions: list[CountMention]) -> None:
        """``within``: "226 tổ … với 5.489 thành viên", "120 nguồn tin …, trong đó 17 tin".

        After "trong đó" the counts of the list that follows ("làm rõ 1.320 vụ, 1.865 đối tượng
        (trong đó có 312 vụ, 448 đối tượng ma túy)") each sit within the earlier count of the
        sentence with the same head word, else within the count right before the marker.
        """
        folded = self.folded
        starts = self.ctx.layout.clause_starts
        group: list[CountMention] = []  # the counts a running "trong đó" list breaks down
        clause_end = -1
        for k in range(1, len(mentions)):
            outer, inner = mentions[k - 1], mentions[k]
            if outer.tail <= inner.begin and self.lex.within.fullmatch(folded, outer.tail, inner.begin):
                if outer.criterion is not None:
                    continue
                if "trong" not in folded[outer.tail : inner.begin]:
                    inner.within = outer.unit
                    group = []
                    continue
                s = starts[bisect_right(starts, outer.begin) - 1]
                group = [m for m in mentions[max(0, k - 12) : k] if m.begin >= s]
                close = _CLAUSE_END.search(folded, inner.begin)
                clause_end = close.start() if close else len(folded)
                inner.within = _breakdown_of(group, inner)
            elif group and inner.begin < clause_end and _LIST_GAP.fullmatch(folded, outer.tail, inner.begin):
                inner.within = _breakdown_of(group, inner)
            else:
                group = []

    def periods_and_leading_scopes(self, mentions: list[CountMention]) -> None:
        """``period``: the nearest period phrase before a count in its sentence, for the first count
        after it and the counts listed right after that one ("Năm qua, xã tiếp nhận 41 tin báo, 3
        đơn thư, vận động giao nộp 3 khẩu súng": the guns are another clause, as the annotation
        conventions read it); a sentence-initial "Ở cấp xã, …" is the scope of the counts after it."""
        starts = self.ctx.layout.clause_starts
        folded = self.folded
        by_sentence: dict[int, list[CountMention]] = {}
        for m in mentions:
            by_sentence.setdefault(starts[bisect_right(starts, m.begin) - 1], []).append(m)
        for s, group in by_sentence.items():
            periods = [
                (p.start(), p.end())
                for p in self.lex.period.finditer(folded, s, max(m.begin for m in group))
                if p.start() not in self.trailing_periods
                and (p.start() == 0 or not (folded[p.start() - 1].isalnum() or folded[p.start() - 1] == "_"))
            ]
            k = 0  # the periods ending before the count: a pointer, the lists are both in text order
            prev: CountMention | None = None  # the count before ``m`` since the period, if any
            given = False  # whether ``prev`` took the period
            for m in group:
                if k < len(periods) and periods[k][1] <= m.begin:
                    while k < len(periods) and periods[k][1] <= m.begin:
                        k += 1
                    prev = None  # a new period: its first count takes it
                if k and m.period is None:
                    first = prev is None
                    listed = (
                        prev is not None
                        and given
                        and m.within is None
                        and _PERIOD_LIST_GAP.fullmatch(folded, prev.tail, m.begin) is not None
                    )
                    given = first or listed
                    if given:
                        b, e = periods[k - 1]
                        m.period = self.text[b:e]
                else:
                    given = False
                prev = m
        for n, m in enumerate(mentions):
            s = starts[bisect_right(starts, m.begin) - 1]
            if m.scope is None and m.within is None:
                m.scope = self.leading_scope(s, m.begin) or self.clause_scope(s, m.begin)
            if m.scope is None and m.within is None:
                stop = mentions[n + 1].begin if n + 1 < len(mentions) else len(folded)
                m.scope = self.level_later(m.tail, min(stop, m.tail + 160))
            if m.within is None and m.scope is None:
                m.within = self.group_subject(s, m.begin)
            m.place = self.leading_place(s, m.begin)

    def leading_place(self, s: int, begin: int) -> Place | None:
        """The place a sentence opens with, as subject or locative, is where its counts are:
        "Ở xã Ea Tul, mô hình … tại 9/11 buôn", "Thành phố Thuận An (tỉnh Bình Dương) hiện có …"."""
        if not self.ctx.place_index:
            return None
        lead = self.lex.place_lead.match(self.folded, s)
        found = self.ctx.place_index.starting_at(lead.end() if lead else s)
        if found is not None and found[0].end <= begin:
            return found[1]
        return None

    def leading_scope(self, s: int, begin: int) -> str | None:
        """A sentence that opens with a scope: "Ở cấp xã, …", "Riêng ở cấp xã, có 559 ban …"."""
        win = self.tokens.window(s, until=begin)
        words = win.words
        a = 1 if words and words[0] in ("riêng", "còn") else 0
        if len(words) < a + 3 or words[a] not in ("ở", "tại") or not self.lex.scope_head.match(words, a + 1):
            return None
        j = first = a + 1
        while j < len(words) and is_word(words[j]) and words[j] != "thuộc":
            if self.titlecase(win.begins[j]) or self.claim_starting(win.begins[j]):
                return None
            j += 1
        if j < len(words) and words[j] == "thuộc":
            comma = next((k for k in range(j, len(words)) if words[k] == ","), None)
            if comma is None:
                return None
        elif j >= len(words) or words[j] != ",":
            return None
        return self.text[win.begins[first] : win.ends[j - 1]]

    def passive_criteria(self, mentions: Sequence[CountMention]) -> None:
        """A criterion stated before the count, in the passive: "Ngày hội toàn dân bảo vệ ANTQ năm
        nay được tổ chức tại 1.043/1.081 khu dân cư" counts the khu dân cư that held the Ngày hội:
        criterion "tổ chức Ngày hội toàn dân bảo vệ ANTQ" (the verb, then its subject without the
        period phrase), as the khu dân cư counts of the annotation conventions are told apart."""
        starts = self.ctx.layout.clause_starts
        for m in mentions:
            if m.criterion is not None or m.within is not None or m.unit_key not in self.lex.passive_units:
                continue
            if not _PASSIVE_BEFORE.search(self.folded, max(0, m.begin - 60), m.begin):
                continue  # cheap test first: "… được <verb> tại|ở" right before the count
            s = starts[bisect_right(starts, m.begin) - 1]
            cut = s < m.begin - _LOOK_BACK  # a long sentence is read back a bounded stretch only
            win = self.tokens.window(max(s, m.begin - _LOOK_BACK), until=m.begin)
            words = win.words
            if len(words) < 4 or words[-1] not in ("tại", "ở"):
                continue
            e = max((k for k in range(len(words) - 1) if words[k] == "được"), default=-1)
            verb = range(e + 1, len(words) - 1)
            if e < 1 or not 1 <= len(verb) <= 3:
                continue
            if any(not is_word(words[k]) or words[k] in _AUXILIARIES for k in verb):
                continue
            c, quoted = 0, False  # the clause start: after the last comma outside quotes
            for k in range(e):
                if words[k] in _QUOTES:
                    quoted = not quoted if words[k] == '"' else words[k] in _OPENING_QUOTES
                elif words[k] == "," and not quoted:
                    c = k + 1
            end = e
            while end > c and words[end - 1] in _AUXILIARIES:
                end -= 1  # "mô hình … đã được triển khai"
            for k in range(c + 1, e):  # "… năm nay được": the period is not part of the subject
                p = self.lex.period.match(self.folded, win.begins[k])
                if p is not None and p.end() == win.ends[e - 1]:
                    end = k
                    break
            if end <= c or not is_word(words[c]) or (cut and c == 0):
                continue
            m.criterion = (
                self.text[win.begins[verb[0]] : win.ends[verb[-1]]]
                + " "
                + self.text[win.begins[c] : win.ends[end - 1]]
            )

    def level_later(self, begin: int, end: int) -> str | None:
        """A level named later in the count's clause is its scope: "102/102 xã, phường, đặc khu
        trong tỉnh tổ chức ngày hội ở cấp xã" (only "cấp …": other places there say where)."""
        clause = _CLAUSE_BREAK.search(self.folded, begin, end)
        m = LEVEL_LATER.search(self.folded, begin, clause.start() if clause else end)
        return self.text[m.start(1) : m.end(1)] if m else None

    def group_subject(self, s: int, begin: int) -> str | None:
        """The group a clause opens with, when it "has" the count: "Tổ tự quản đường biên của ấp
        có 18 thành viên" → "Tổ tự quản đường biên" (the count sits within the group); a group
        word alone ("tổ có 246 hộ") tells no group."""
        if not _CO_BEFORE.search(self.folded, max(0, begin - 8), begin):
            return None  # cheap test first
        cut = s < begin - _LOOK_BACK
        win = self.tokens.window(max(s, begin - _LOOK_BACK), until=begin)
        words = win.words
        c = max((k for k in range(len(words)) if words[k] == ","), default=-1) + 1
        if len(words) - c < 2 or (cut and c == 0) or not self.lex.group.match(words, c):
            return None
        end = len(words) - 1  # "có"
        for j in range(c, end):
            if words[j] == "của":
                end = j
                break
            if not is_word(words[j]) or (j > c and self.lex.stop.match(words, j)):
                return None
        if end <= c + self.lex.group.match(words, c):
            return None  # a bare "tổ có 246 hộ" names no group (and may be a tổ dân phố)
        return self.text[win.begins[c] : win.ends[end - 1]]

    def clause_scope(self, s: int, begin: int) -> str | None:
        """A clause that opens with "riêng"/"ở"/"tại", a scope and "có" right before the count:
        "…, riêng khu vực biên giới có 214 tổ", "ở cấp xã có 36 ban hòa giải" (a named place is
        no scope; "địa bàn huyện có 2 xã" is the sentence's subject, not a narrower scope)."""
        if not _CO_BEFORE.search(self.folded, max(0, begin - 8), begin):
            return None  # cheap test first
        cut = s < begin - _LOOK_BACK
        win = self.tokens.window(max(s, begin - _LOOK_BACK), until=begin)
        words = win.words
        if len(words) < 3 or words[-1] != "có":
            return None
        c = max((k for k in range(len(words)) if words[k] == ","), default=-1) + 1
        if cut and c == 0:
            return None
        marked = False  # "riêng", "ở": the clause narrows what the sentence counts
        if c < len(words) and words[c] in ("riêng", "còn"):
            c, marked = c + 1, True
        if c < len(words) and words[c] in ("ở", "tại", "trên"):
            c, marked = c + 1, True
        if not marked or c >= len(words) - 1 or not self.lex.scope_head.match(words, c):
            return None
        for j in range(c, len(words) - 1):
            if (
                not is_word(words[j])
                or self.titlecase(win.begins[j])
                or self.claim_starting(win.begins[j])
                or (j > c and self.lex.stop.match(words, j) and words[j] != "các")
            ):
                return None
        return self.text[win.begins[c] : win.ends[len(words) - 2]]

    def headline_end(self) -> int | None:
        """Where the headline ends: the title the people stage read, else a first line without a
        final full stop that has text after it."""
        if self.ctx.title_span is not None:
            return self.ctx.title_span.end
        eol = self.text.find("\n")
        line = self.text[:eol].rstrip()
        if eol < 0 or not line or line[-1] in ".!?…;:," or not self.text[eol:].strip():
            return None
        return eol

    def merge_headline(self, mentions: list[CountMention]) -> list[CountMention]:
        """A count in the headline repeated in the body is one count with both spans."""
        eol = self.headline_end()
        if eol is None:
            return mentions
        head = [m for m in mentions if m.end <= eol]
        body = [m for m in mentions if m.begin > eol]
        dropped: set[int] = set()
        for h in head:
            for b in body:
                if b.value != h.value or b.of != h.of or (h.value is None and b.qualifier != h.qualifier):
                    continue  # (a headline may round "1.800" up to "Hơn 1.800": the body's qualifier holds)
                if _compatible(h.unit_key, b.unit_key):
                    b.spans = [*h.spans, *b.spans]
                    dropped.add(id(h))
                    break
                end = self.headline_unit_end(h, b)
                if end is not None:
                    b.spans = [Span(h.begin, end), *b.spans]
                    dropped.add(id(h))
                    break
        return [m for m in mentions if id(m) not in dropped]

    def headline_unit_end(self, h: CountMention, b: CountMention) -> int | None:
        """Where a headline count's unit ends when the body repeats it in other words.

        A headline has no commas to stop a unit: "Hơn 1.800 tổ bảo vệ ANTT ở cơ sở góp sức giữ bình
        yên" repeats "hơn 1.800 tổ bảo vệ an ninh, trật tự ở cơ sở". The headline's unit is the
        stretch that reads as the body's unit, word for word, an abbreviation standing for the
        words its letters begin (ANTT = an ninh, trật tự); None when not even the head word agrees.
        """
        folded = self.folded
        h_toks = list(TOKEN.finditer(folded, h.unit_begin, h.end))
        b_words = [m.group() for m in TOKEN.finditer(folded, b.unit_begin, b.end)]
        n = _aligned(
            [m.group() for m in h_toks],
            b_words,
            [self.text[m.start() : m.end()].isupper() for m in h_toks],
        )
        while n and not is_word(h_toks[n - 1].group()):
            n -= 1
        return h_toks[n - 1].end() if n else None


def _aligned(head: Sequence[str], body: Sequence[str], abbreviated: Sequence[bool]) -> int:
    """How many tokens of ``head`` read as the start of ``body``: equal words, commas skipped,
    an abbreviation (``abbreviated[i]``) matched by the first letters of the body's words.

    >>> _aligned("tổ bảo vệ antt ở cơ sở góp sức".split(), "tổ bảo vệ an ninh , trật tự ở cơ sở".split(),
    ...          [False, False, False, True, False, False, False, False, False])
    7
    >>> _aligned(["hộ", "dân"], ["tổ", "dân"], [False, False])
    0
    """
    i = j = 0
    while i < len(head) and j < len(body):
        if head[i] == body[j]:
            i, j = i + 1, j + 1
        elif body[j] == ",":
            j += 1
        elif head[i] == ",":
            i += 1
        elif abbreviated[i] and len(head[i]) > 1:
            k, letters = j, head[i]
            for letter in letters:
                while k < len(body) and body[k] == ",":
                    k += 1
                if k >= len(body) or body[k][:1] != letter:
                    break
                k += 1
            else:
                i, j = i + 1, k
                continue
            break
        else:
            break
    return i


#: words that go with a verb but are none ("được đã …" never opens a criterion)
_AUXILIARIES = frozenset(
    {"đã", "đang", "sẽ", "cũng", "đều", "vẫn", "còn", "không", "chưa", "hiện", "ra", "lên"}
)

#: how far back a clause before a count is read (characters)
_LOOK_BACK = 300
_PASSIVE_BEFORE = re.compile(r"(?<!\w)được\s+\S.*(?<!\w)(?:tại|ở)\s+$")
_CO_BEFORE = re.compile(r"(?<!\w)có\s+$")
_OPENING_QUOTES = frozenset("“«‘")
_QUOTES = frozenset('"”»’') | _OPENING_QUOTES

#: words that point back to a criterion named before ("đạt tiêu chuẩn này", "… nêu trên")
_ANAPHORS = (("nay",), ("tren",), ("đo",), ("noi", "tren"), ("neu", "tren"))


def resolve_criteria(mentions: Sequence[CountMention]) -> None:
    """A criterion that points back ("176/192 xã đạt tiêu chuẩn này") is the nearest earlier one
    that opens with the same words ("… khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự”")."""
    seen: list[tuple[tuple[str, ...], str]] = []  # (folded words, criterion) in text order
    for m in mentions:
        if m.criterion is None:
            continue
        words = tuple(_strip_tones(w) for w in tokens(m.criterion))
        anaphor = next((a for a in _ANAPHORS if len(words) > len(a) and words[-len(a) :] == a), None)
        if anaphor is None:
            seen.append((words, m.criterion))
            continue
        stem = words[: -len(anaphor)]
        for earlier, criterion in reversed(seen):
            if len(earlier) > len(stem) and earlier[: len(stem)] == stem:
                m.criterion = criterion
                break


def _strip_tones(word: str) -> str:
    """A folded word without its marks (tone and vowel), for matching a few function words.

    >>> _strip_tones("này"), _strip_tones("trên"), _strip_tones("đó")
    ('nay', 'tren', 'đo')
    """
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


#: what joins the counts of one list, which share the period the list follows ("4 vụ/5 đối tượng")
_PERIOD_LIST_GAP = re.compile(r"\s*(?:,|/|và)?\s*")
_CLAUSE_END = re.compile(r"[);.!?\n]")
_LIST_GAP = re.compile(r"\s*(?:,|và)\s*")


def _breakdown_of(group: list[CountMention], inner: CountMention) -> str:
    """The unit a count after "trong đó" breaks down: the latest with the same head word."""
    head = inner.unit_key.split(" ", 1)[0]
    same = [m for m in group if m.unit_key.split(" ", 1)[0] == head]
    return (same or group)[-1].unit


def _compatible(a: str, b: str) -> bool:
    """Same unit, or one is the other with a qualifying tail ("vụ" / "vụ trộm cắp")."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")

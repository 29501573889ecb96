"""Counts stage: numbers of things with their unit, qualifier, scope, criterion and period.

What counts is set by the annotation conventions of ``../shared/corpus/dev/README.md`` ("Counts")
and the facts format of ``../shared/FACTS.md``; numbers are read as Vietnamese writes them
(``../shared/docs/VOCAB.md`` §3f: "6.518" = 6518, "1,5" = 1.5, "2,5 nghìn" = 2500) and qualifiers
follow VOCAB.md §2.3 (trên/hơn → ``at_least``, gần/dưới → ``at_most``, khoảng → ``approximately``,
hàng chục/trăm/nghìn → ``tens``/``hundreds``/``thousands`` with no value).

How a sentence is read, candidates first and cheap checks after (one regex pass over the folded
view, then a short token window after each number):

1. a number in vi-VN format, optionally ``X/Y`` (a fraction: value X, ``of`` Y), or a vague
   "hàng trăm"; numbers glued to letters, hyphens or further slashes (licence plates, "PV05",
   decree numbers) never start a candidate, nor do numbers inside claimed spans (place and
   campaign names) or right after an opening quote (“3 không”);
2. the words before it: a qualifier cue, or a word that makes it a date, ordinal, document number
   or name ("ngày", "lần thứ", "Nghị định", "xóm", "Ban chỉ đạo", a capitalised name syllable —
   unless the places stage ended a place there: "tặng bản Lao Chải 35 chiếc đèn pin"; a team word
   after "các"/"những" is generic: "các tổ 20 bộ áo phao"); the end of a range ("từ 3 đến 5") is
   no count;
3. the words after it: a time/age/percent/money/measure word ends the candidate ("21 giờ",
   "62 tuổi", "13 triệu đồng", "1,5 km", "1,5 lần"); otherwise the unit is the noun phrase up to
   the next stop word or punctuation, a classifier kept at its head ("chiếc đèn pin"), with the
   genre's coordinated nouns kept whole ("câu lạc bộ phòng, chống tội phạm", "tổ bảo vệ thôn,
   xóm"), words of one kind coordinated across a comma ("37 băng, nhóm tội phạm", "đối tượng vận
   chuyển, mua bán trái phép chất ma túy": ``counts_coordinated.tsv`` classes; a number after the
   comma is the next count, a word of another kind the next clause), a short noun listed after a
   comma ("nhà nghỉ, homestay"), and lists of names closed by "và các … khác" ("đồng bào K'Ho, Kinh
   và các dân tộc khác"); a bare level before the number is an organisation's, not a name, when the
   places stage read no place there and a counted noun follows ("Công an phường 47 cuộc gọi": see
   :func:`~antq_kg.mentions.counted.reads_as_count_unit`, which the places stage shares);
4. after the unit: ``scope`` ("ở cấp xã"), ``criterion`` for khu dân cư-like units ("được công nhận
   không có tội phạm"; one that points back, "đạt tiêu chuẩn này", is the earlier one it names),
   a ``period`` right after it ("37 tin báo năm qua"); and across counts: ``within`` ("226 tổ …
   với 5.489 thành viên"; after "trong đó" the earlier count with the same head word; a named
   group that "có" the count: "Tổ tự quản đường biên của ấp có 18 thành viên"), ``period`` (else
   the nearest "5 năm qua", "năm 2024"… before the count in its sentence, for the first count
   after it and the counts listed with that one), a passive criterion before a khu dân cư count
   ("Ngày hội … được tổ chức tại 1.043 khu dân cư"), a sentence-initial or clause scope ("Ở cấp
   xã, …", "…, riêng khu vực biên giới có 214 tổ") or a level later in the clause ("… tổ chức
   ngày hội ở cấp xã"), ``place`` (the place a sentence opens with:
   "Ở xã Ea Tul, …", "Thành phố Thuận An (tỉnh Bình Dương) hiện có …"), and a headline count
   repeated in the body merged into one count with both spans (the headline's unit cut where it
   stops reading as the body's, an abbreviation matching the words it stands for: ANTT = an
   ninh, trật tự).

Cost: one regex pass per cue over the folded view, then ~20 tokens per candidate; the article is
cut into tokens one paragraph at a time, so time is linear and memory bounded by the longest line.

Every word list is data in ``lexicons/counts_*.tsv``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, cached_property
from typing import Literal

from ..lexicon import table, words
from ..model import Count, Place
from ..text import Span, alternation, fold
from .abbrev import KnownAbbreviation
from .admin_units import plain_type_words
from .context import Context
from .counted import TOKEN, Phrases, coordinated, not_counts, reads_as_count_unit, tokens, unit_words

# -- numbers --------------------------------------------------------------------------------------

_NUM = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?"
#: larger "counts" are junk (and would not even print: Python caps int-to-str at 4,300 digits)
_MAX_COUNT = Decimal(10) ** 12
# A number not glued to a word, a decimal/thousands mark, a slash or a hyphen on the left (except
# the second half of a pair "4 vụ/5 đối tượng"), nor to a word, a slash, more digits or a code on
# the right ("28B1-406.21", "42/2021/NĐ-CP", "09-CT/TW", "1.5").
_CANDIDATE = re.compile(
    rf"(?=[0-9])(?:(?<![\w.,/+\-])|(?<=[^\W\d_]/))(?P<n>{_NUM})(?:/(?P<of>{_NUM}))?(?![\w/]|[.,]\d|-\w)"
)
#: a word of the real text, apostrophe names whole ("K'Ho", "K’Ho", "M’gar")
_WORD = re.compile(r"\w+(?:['’ʼ]\w+)*")
_NEWLINE = re.compile(r"\n")
#: words that open what is to be done about the counted things, after a criterion or scope
_PURPOSE = frozenset({"cần", "phải", "để", "nhằm", "giúp", "nhờ"})
_CLAUSE_BREAK = re.compile(r"[,;.:!?()\n]")
_LEVEL_LATER = re.compile(
    r"(?<!\w)(?:ở|tại)\s+(cấp\s+(?:xã|huyện|tỉnh|cơ sở|thôn|ấp|bản|buôn|khu dân cư))(?!\w)"
)
_AGE_OPENERS = frozenset({"dưới", "trên", "từ", "đủ"})
_AGE_LIMIT = re.compile(r"(?:dưới|trên|từ|đủ)\s+\d{1,3}(?:\s*(?:đến|tới|-|–)\s*\d{1,3})?\s+tuổi(?!\w)")
_RANGE_BEFORE = re.compile(r"(?<![\w.,/])[0-9][0-9.,]*\s*(?:đến|tới|–|-)\s*$")
_ENGLISH_THOUSANDS = re.compile(r"\d{1,3},\d{3}")
_UNIT_AHEAD = re.compile(r"[ \t]+(?:[^\W\d_]|\()")
_PREV_WORD = re.compile(r"(\w+)([ \t]+)$")


def parse_number(surface: str) -> Decimal | None:
    """A vi-VN number: ``.`` groups thousands, ``,`` is the decimal mark (VOCAB.md §3f).

    >>> parse_number("6.518"), parse_number("1,5"), parse_number("02"), parse_number("1.000.000")
    (Decimal('6518'), Decimal('1.5'), Decimal('2'), Decimal('1000000'))
    >>> parse_number("1.5") is None
    True
    """
    if not re.fullmatch(_NUM, surface):
        return None
    try:
        return Decimal(surface.replace(".", "").replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return None


def _tidy(value: Decimal) -> Decimal:
    """An integral value without exponent or trailing zeros ("2,5 nghìn" → 2500)."""
    return value.to_integral_value() if value == value.to_integral_value() else value.normalize()


# -- lexicons -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    """The word lists of ``lexicons/counts_*.tsv``, folded and compiled once (see the files' headers)."""

    qualifiers: dict[str, str]
    magnitudes: dict[str, int]
    qualifier_before: re.Pattern[str]
    blocked_before: re.Pattern[str]
    unblocked_before: re.Pattern[str]
    vague: re.Pattern[str]
    vague_qualifier: dict[str, str]
    magnitude_after: re.Pattern[str]
    spelled: re.Pattern[str]
    not_after: Phrases
    before_number: Phrases
    count_after: Phrases
    stop: Phrases
    keep: Phrases
    about: Phrases
    comma: Phrases
    clause: Phrases
    place_type: Phrases
    criterion_units: frozenset[str]
    passive_units: frozenset[str]
    closed_units: frozenset[str]
    cue: Phrases
    scope_head: Phrases
    group: Phrases
    period: re.Pattern[str]
    within: re.Pattern[str]
    place_lead: re.Pattern[str]
    locative: Phrases
    amount_before: re.Pattern[str]
    cue_words: frozenset[str]
    #: coordinated phrases (folded tokens) → their classes (``counts_coordinated.tsv``)
    coordinated: dict[tuple[str, ...], frozenset[str]]


@dataclass(frozen=True, slots=True)
class _CueRow:
    """A row of ``counts_cues.tsv``: a word around a number, its role, and the value it gives."""

    phrase: str
    role: Literal["qualifier", "vague", "magnitude", "spelled"]
    value: str = ""


@cache
def _lexicon() -> _Lexicon:
    cues = table("counts_cues", _CueRow)
    qualifiers = {fold(r.phrase): r.value for r in cues if r.role == "qualifier"}
    vague = {fold(r.phrase): r.value for r in cues if r.role == "vague"}
    magnitudes = {fold(r.phrase): int(r.value) for r in cues if r.role == "magnitude"}
    nots = not_counts()
    units = unit_words()

    def role(name: str) -> list[str]:
        return [r.phrase for r in units if r.role == name]

    periods = []
    firsts: set[str] = set()
    for template in words("counts_periods"):
        firsts.add(r"\d" if template.startswith("{") else re.escape(fold(template)[0]))
        parts = re.split(r"(\{N\}|\{YEAR\}|\{Q\})", template)
        rx = ""
        for part in parts:
            if part == "{N}":
                rx += r"\d{1,2}"
            elif part == "{YEAR}":
                rx += r"(?:19|20)\d\d"
            elif part == "{Q}":
                rx += r"(?:iv|i{1,3}|[1-4])"
            else:
                rx += r"\s+".join(re.escape(w) for w in fold(part).split(" ")).replace(r"\s+\s+", r"\s+")
        periods.append(rx)
    # a first-character class up front lets most positions fail at once; the left word boundary
    # is checked in code (a lookbehind there would be tried at every position)
    period = re.compile(
        "(?=["
        + "".join(sorted(firsts))
        + "])(?:"
        + "|".join(sorted(periods, key=len, reverse=True))
        + r")(?![\w/])"
    )
    return _Lexicon(
        qualifiers=qualifiers,
        magnitudes=magnitudes,
        qualifier_before=re.compile(r"(?<!\w)(?P<q>" + alternation(qualifiers) + r")\s+$"),
        blocked_before=re.compile(
            r"(?<!\w)(?:" + alternation(r.phrase for r in nots if r.where in ("before", "name")) + r")\s+$"
        ),
        unblocked_before=re.compile(
            r"(?<!\w)(?:(?:"
            + alternation(r.phrase for r in nots if r.where == "count_before")
            + r")|(?:"
            + alternation(r.phrase for r in nots if r.where == "plural")
            + r")\s+(?:"
            + alternation(r.phrase for r in nots if r.where == "name")
            + r"))\s+$"
        ),
        # no lookbehind: the literal prefix "hàng" lets the engine skip ahead (checked in code)
        vague=re.compile(r"(?P<v>" + alternation(vague) + r")(?!\w)"),
        vague_qualifier={" ".join(k.split()): v for k, v in vague.items()},
        spelled=re.compile(
            r"[ \t]*\(\s*(?:(?:" + alternation(r.phrase for r in cues if r.role == "spelled") + r")\s*)+\)"
        ),
        magnitude_after=re.compile(r"\s+(?P<m>" + alternation(magnitudes) + r")(?!\w)"),
        not_after=Phrases(r.phrase for r in nots if r.where == "after"),
        before_number=Phrases(r.phrase for r in nots if r.where in ("before", "name")),
        count_after=Phrases(r.phrase for r in nots if r.where == "count"),
        stop=Phrases(role("stop")),
        keep=Phrases(role("keep")),
        about=Phrases(role("about")),
        comma=Phrases(role("comma")),
        clause=Phrases(role("clause")),
        place_type=Phrases(t.surface for t in plain_type_words()),
        criterion_units=frozenset(" ".join(tokens(u)) for u in role("criterion")),
        passive_units=frozenset(" ".join(tokens(u)) for u in role("passive")),
        closed_units=frozenset(" ".join(tokens(u)) for u in _with_abbreviations(role("closed"))),
        cue=Phrases(role("cue")),
        scope_head=Phrases(role("scope_head")),
        group=Phrases(role("group")),
        period=period,
        place_lead=re.compile(r"\s*(?:(?:" + alternation(role("place_lead")) + r")\s+)?"),
        locative=Phrases(role("locative")),
        amount_before=re.compile(r"(?:^|[^\w\s]\s*|(?<!\w)(?:" + alternation(role("amount")) + r")\s+)$"),
        within=re.compile(r"\s*(?:" + alternation(role("within")) + r")\s*"),
        cue_words=frozenset(w for phrase in [*qualifiers, *vague] for w in phrase.split()[:1]),
        coordinated=_coordinated_kinds(),
    )


def _coordinated_kinds() -> dict[tuple[str, ...], frozenset[str]]:
    out: dict[tuple[str, ...], set[str]] = {}
    for row in coordinated():
        if tokens(row.phrase):
            out.setdefault(tokens(row.phrase), set()).add(row.kind)
    return {k: frozenset(v) for k, v in out.items()}


#: the longest phrase of ``counts_coordinated.tsv`` in tokens
_COORD_LONGEST = 4


def coordinated_before(
    coordinated: dict[tuple[str, ...], frozenset[str]], words: Sequence[str], i: int
) -> frozenset[str]:
    """The classes of the longest coordinated phrase ending right before ``words[i]``.

    >>> sorted(coordinated_before(_lexicon().coordinated, ["37", "băng"], 2))
    ['group']
    """
    for n in range(min(_COORD_LONGEST, i), 0, -1):
        found = coordinated.get(tuple(words[i - n : i]))
        if found:
            return found
    return frozenset()


def coordinated_after(
    coordinated: dict[tuple[str, ...], frozenset[str]], words: Sequence[str], j: int
) -> tuple[int, frozenset[str]]:
    """The length and classes of the longest coordinated phrase starting at ``words[j]``.

    >>> n, classes = coordinated_after(_lexicon().coordinated, ["cuộc", "gọi", ","], 0)
    >>> n, sorted(classes)
    (2, ['message'])
    """
    for n in range(min(_COORD_LONGEST, len(words) - j), 0, -1):
        found = coordinated.get(tuple(words[j : j + n]))
        if found:
            return n, found
    return 0, frozenset()


def _with_abbreviations(phrases: Iterable[str]) -> list[str]:
    """The phrases, and each again with a known expansion written as its abbreviation
    (``lexicons/abbrev_known.tsv``): "tổ bảo vệ an ninh, trật tự ở cơ sở" is also written
    "tổ bảo vệ ANTT ở cơ sở"."""
    known = [
        (fold(r.expansion), fold(r.short))
        for r in table("abbrev_known", KnownAbbreviation)
        if len(r.expansion.split()) > 1
    ]
    out = []
    for phrase in phrases:
        folded = fold(phrase)
        out.append(folded)
        for expansion, short in known:
            if expansion in folded:
                out.append(folded.replace(expansion, short))
    return out


# -- token windows --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Window:
    """Tokens of the folded text from a position to the end of its line (or a token budget)."""

    words: list[str]
    begins: list[int]
    ends: list[int]


class _Tokens:
    """The folded text cut into words and punctuation marks, one line (paragraph) at a time.

    The line last cut is kept, so the windows of a paragraph's counts share one pass; memory
    stays bounded by the longest line (a line over :attr:`LONG` characters is cut per window).
    """

    LONG = 20_000

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.newlines = [m.start() for m in _NEWLINE.finditer(folded)]
        self.line: tuple[int, int] = (-1, -1)
        self.words: list[str] = []
        self.begins: list[int] = []
        self.ends: list[int] = []

    def _cut(self, begin: int, end: int) -> None:
        found = list(TOKEN.finditer(self.folded, begin, end))
        self.line = (begin, end)
        self.words = [m.group() for m in found]
        self.begins = [m.start() for m in found]
        self.ends = [m.end() for m in found]

    def window(self, pos: int, *, until: int | None = None, budget: int = 80) -> _Window:
        """The tokens from ``pos`` to the line end, ``until`` (a position) or ``budget`` tokens."""
        n = bisect_left(self.newlines, pos)
        line_end = self.newlines[n] if n < len(self.newlines) else len(self.folded)
        if not self.line[0] <= pos <= self.line[1]:
            line_start = self.newlines[n - 1] + 1 if n else 0
            if line_end - line_start <= self.LONG:
                self._cut(line_start, line_end)
            else:
                self._cut(pos, min(line_end, pos + 8 * budget))
        i = bisect_left(self.begins, pos)
        j = min(len(self.words), i + budget)
        if until is not None:
            j = min(j, bisect_left(self.begins, until))
        j = max(i, j)
        return _Window(self.words[i:j], self.begins[i:j], self.ends[i:j])


def _is_word(tok: str) -> bool:
    return tok[:1].isalpha()


def _is_number(tok: str) -> bool:
    return tok[:1].isdigit()


@dataclass
class _Mention:
    """One count mention while the article is read (mutable until it becomes a :class:`Count`)."""

    begin: int  # qualifier or number start
    end: int  # unit end
    value: Decimal | None
    of: Decimal | None
    qualifier: str
    unit: str
    unit_key: str  # folded, whitespace-collapsed
    unit_begin: int  # where the unit's first word starts
    tail: int  # end of scope/criterion, for nesting
    scope: str | None = None
    criterion: str | None = None
    within: str | None = None
    period: str | None = None
    place: Place | None = None
    spans: list[Span] = field(default_factory=list)


# -- the stage ------------------------------------------------------------------------------------


def extract_counts(ctx: Context) -> None:
    """Find the article's counts and append them to ``ctx.counts`` (see the module docstring)."""
    reader = _Reader(ctx)
    mentions = reader.read()
    if not mentions:
        return
    reader.nest(mentions)
    reader.passive_criteria(mentions)
    _resolve_criteria(mentions)
    reader.periods_and_leading_scopes(mentions)
    mentions = reader.merge_headline(mentions)
    for m in mentions:
        ctx.counts.append(
            Count(
                value=m.value,
                unit=m.unit,
                qualifier=m.qualifier,
                spans=tuple(m.spans),
                of=m.of,
                within=m.within,
                scope=m.scope,
                criterion=m.criterion,
                period=m.period,
                place=m.place,
            )
        )


class _Reader:
    """Reads one article's counts: candidates, units, then what links counts to each other."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        #: starts of the periods read right after a unit: they belong to that count only
        self.trailing_periods: set[int] = set()
        self.text = ctx.text
        self.folded = ctx.folded
        self.lex = _lexicon()

    # -- helpers ----------------------------------------------------------------------------------

    @cached_property
    def tokens(self) -> _Tokens:
        """The article cut into tokens, once, when the first candidate needs them."""
        return _Tokens(self.folded)

    @cached_property
    def name_starts(self) -> frozenset[int]:
        """Where a claimed name (place, campaign, person) or a place mention begins."""
        return self.ctx.claims.starts() | frozenset(self.ctx.place_index.starts)

    def claim_starting(self, pos: int) -> bool:
        """True when a name the earlier stages read begins at ``pos``: the unit stops before it."""
        return pos in self.name_starts

    def titlecase(self, pos: int) -> bool:
        """The token at ``pos`` starts with a capital and is not an all-capitals abbreviation
        (a name syllable: "Kinh", "K'Ho", "Ê")."""
        m = _WORD.match(self.text, pos)
        word = m.group(0) if m else ""
        return bool(word) and word[0].isupper() and (len(word) == 1 or not word.isupper())  # "Ê Đê"

    # -- candidates -------------------------------------------------------------------------------

    def read(self) -> list[_Mention]:
        out: list[_Mention] = []
        for m in _CANDIDATE.finditer(self.folded):
            mention = self.number(m)
            if mention is not None:
                out.append(mention)
        for m in self.lex.vague.finditer(self.folded):
            if m.start() > 0 and (self.folded[m.start() - 1].isalnum() or self.folded[m.start() - 1] == "_"):
                continue
            mention = self.vague(m)
            if mention is not None:
                out.append(mention)
        out.sort(key=lambda x: x.begin)
        return out

    def before(self, start: int) -> tuple[int, str] | None:
        """The phrase start and qualifier for a number at ``start``; None when it is no count."""
        folded = self.folded
        qualifier = "exact"
        begin = start
        q = self.lex.qualifier_before.search(folded, max(0, start - 40), start)
        if q is not None:
            qualifier = self.lex.qualifiers[" ".join(q.group("q").split())]
            begin = q.start("q")
        if begin > 0 and folded[begin - 1] in "\"'":
            return None  # a number opening a quoted name: “3 không”, "5 không, 3 sạch"
        if _RANGE_BEFORE.search(folded, max(0, begin - 30), begin):
            return None  # the end of a range "từ 3 đến 5 người" (FACTS.md has no range qualifier)
        if (
            self.lex.blocked_before.search(folded, max(0, begin - 40), begin)
            and not self.lex.unblocked_before.search(folded, max(0, begin - 40), begin)
            and not self.unit_level_before(begin)
        ):
            return None
        prev = _PREV_WORD.search(folded, max(0, begin - 40), begin)
        if prev is not None and prev.group(1)[:1].isalpha() and self.titlecase(prev.start(1)):
            earlier = folded[max(0, prev.start(1) - 2) : prev.start(1)]
            if re.search(r"\w\s+$", earlier) and prev.end(1) not in self.ctx.place_index.ends:
                # a number in a name: "xã Đại Ân 2", "khu phố Hòa Lân 2"; a place the places
                # stage read without the number ends before it: "tặng bản Lao Chải 35 chiếc đèn pin"
                return None
        return begin, qualifier

    def unit_level_before(self, begin: int) -> bool:
        """A bare type word before the number is the level of a unit ("Công an phường | 47 cuộc gọi"),
        not the number's name: the places stage read no place there and a counted noun follows."""
        prev = _PREV_WORD.search(self.folded, max(0, begin - 20), begin)
        if prev is None or not self.lex.place_type.match([prev.group(1)], 0):
            return False
        end = _CANDIDATE.match(self.folded, begin)
        return end is not None and reads_as_count_unit(self.folded, end.end())

    def number(self, m: re.Match[str]) -> _Mention | None:
        if not _UNIT_AHEAD.match(self.folded, m.end()) or self.ctx.claims.overlaps(m.start(), m.end()):
            return None  # no word after the number: no unit, no count ("98%", "19/8)", "1 1 1")
        value = parse_number(m.group("n"))
        if value is None:
            return None
        of = parse_number(m.group("of")) if m.group("of") else None
        if m.group("of") and (of is None or of < value or of == 0):
            return None  # "26/12", "19/8": a date, not "219/236 tin báo"
        found = self.before(m.start())
        if found is None:
            return None
        begin, qualifier = found
        pos = m.end()
        mag = self.lex.magnitude_after.match(self.folded, pos) if of is None else None
        while mag is not None:  # "2,5 nghìn", "1,2 nghìn tỷ"
            value = value * self.lex.magnitudes[mag.group("m")]
            pos = mag.end()
            mag = self.lex.magnitude_after.match(self.folded, pos)
        if pos == m.end() and "," in m.group("n"):  # a decimal mark and no "nghìn" after it
            if not _ENGLISH_THOUSANDS.fullmatch(m.group("n")):
                return None  # "1,5 bánh": things come whole; such a number measures something
            value = value * 1000  # "1,000 người": an English thousands comma in a count
        if value > _MAX_COUNT or (of is not None and of > _MAX_COUNT):
            return None
        spelled = self.lex.spelled.match(self.folded, pos)
        if spelled is not None:
            pos = spelled.end()  # "02 (hai) đối tượng"
        return self.mention(begin, pos, _tidy(value), of, qualifier, number_begin=m.start())

    def vague(self, m: re.Match[str]) -> _Mention | None:
        if self.ctx.claims.overlaps(m.start(), m.end()):
            return None
        qualifier = self.lex.vague_qualifier[" ".join(m.group("v").split())]
        return self.mention(m.start(), m.end(), None, None, qualifier, number_begin=m.start())

    # -- units ------------------------------------------------------------------------------------

    def mention(
        self,
        begin: int,
        pos: int,
        value: Decimal | None,
        of: Decimal | None,
        qualifier: str,
        *,
        number_begin: int,
    ) -> _Mention | None:
        """Read the unit after ``pos`` and the scope or criterion after the unit."""
        win = self.tokens.window(pos)
        words = win.words
        if not words:
            return None
        blocked = self.lex.not_after.match(words, 0)
        if blocked and self.lex.count_after.match(words, 0) <= blocked:
            return None  # "21 giờ", "62 tuổi", "98%", "13 triệu đồng" (but "12 ngày hội")
        n = self.unit_length(win)
        if n == 0:
            return None
        end = win.ends[n - 1]
        if (
            qualifier == "at_least"
            and self.folded.startswith("trên", begin)
            and self.lex.locative.match(words, 0)
            and not self.lex.amount_before.search(self.folded, max(0, begin - 20), begin)
        ):
            qualifier, begin = "exact", number_begin  # "camera trên 5 tuyến đường": "on", not "more than"
        unit = self.text[win.begins[0] : end]
        unit_key = " ".join(words[:n])
        mention = _Mention(
            begin=begin,
            end=end,
            value=value,
            of=of,
            qualifier=qualifier,
            unit=unit,
            unit_key=unit_key,
            unit_begin=win.begins[0],
            tail=end,
            spans=[Span(begin, end)],
        )
        self.after_unit(win, n, mention)
        return mention

    def unit_length(self, win: _Window) -> int:
        """How many tokens of ``win`` form the unit (0: no unit, so no count)."""
        lex, words = self.lex, win.words
        first = words[0]
        if not _is_word(first) or first in ("và", "hoặc"):
            return 0  # "các tổ 4 và 5": numbers of names, not a count
        if self.claim_starting(win.begins[0]):
            k = lex.place_type.match(words, 0)
            return k  # "2 xã Thạch Kênh…" with "xã Thạch Kênh" claimed: the unit is the type word
        stop = lex.stop.match(words, 0)
        if stop == 1 and not lex.keep.match(words, 0):
            return 0
        i = 0
        k = lex.place_type.match(words, 0)
        if k:
            i = k
            while True:  # a list of type words: "xã, phường, thị trấn"
                if i < len(words) and words[i] == ",":
                    k2 = lex.place_type.match(words, i + 1)
                    if k2:
                        i += 1 + k2
                        continue
                break
            if i < len(words) and _is_word(words[i]) and self.titlecase(win.begins[i]):
                return i  # the names after the type word are places, not the unit
        else:
            i = 1
        limit = 14  # tokens, commas included
        safe = 0  # the end of the last stretch a lexicon vouched for
        while i < len(words) and i < limit:
            w = words[i]
            if " ".join(words[:i]) in lex.closed_units and not lex.keep.match(words, i):
                break  # "3.200 tổ an ninh nhân dân | góp sức giữ bình yên"
            if self.claim_starting(win.begins[i]):
                break
            if w == ",":
                j = i + 1
                if (
                    j >= len(words)
                    or not _is_word(words[j])
                    or self.starts_count(words, j)
                    or self.claim_starting(win.begins[j])
                ):
                    break
                k = lex.comma.match(words, j)
                if k and not lex.stop.match(words, j):
                    if (
                        lex.place_type.match(words, j)
                        and j + k < len(words)
                        and _is_word(words[j + k])
                        and self.titlecase(win.begins[j + k])
                    ):
                        break  # "5 tập thể, | xã Thạch Kênh": a place after the unit
                    i = safe = j + k
                    continue
                k, after = coordinated_after(lex.coordinated, words, j)
                if k and after & coordinated_before(lex.coordinated, words, i):
                    i = safe = j + k  # "37 băng, nhóm tội phạm", "đối tượng vận chuyển, mua bán …"
                    continue
                if (
                    _is_word(words[i - 1])
                    and self.titlecase(win.begins[i - 1])
                    and self.titlecase(win.begins[j])
                ):
                    i = j + 1  # a list of names: "hộ đồng bào Vân Kiều, Pa Kô"
                    continue
                k = self.listed_noun(win, j)
                if k:
                    i = j + k  # "hộ kinh doanh nhà nghỉ, homestay, …"
                    continue
                break
            if not _is_word(w):
                break
            k = lex.keep.match(words, i)
            if k:
                i = safe = i + k
                continue
            age = _AGE_LIMIT.match(self.folded, win.begins[i]) if w in _AGE_OPENERS else None
            if age is not None:  # "3 phụ nữ dưới 18 tuổi": an age limit qualifies the people counted
                i = safe = bisect_left(win.begins, age.end(), lo=i)
                continue
            if w == "về":
                k = lex.about.match(words, i + 1)
                if k:
                    i = safe = i + 1 + k
                    continue
                break
            if w in ("và", "hoặc"):
                k = _others_length(words, i + 1)
                if k and _is_word(words[i - 1]) and self.titlecase(win.begins[i - 1]):
                    # names of a head noun closed by "the other …": "đồng bào K'Ho, Kinh và các
                    # dân tộc khác" (after a common noun, "và các … khác" is another quantity)
                    i = safe = i + 1 + k
                    continue
                if self.joins_nouns(words, i + 1):
                    i += 1
                    continue
                break
            if lex.stop.match(words, i):
                break
            k = lex.before_number.match(words, i)
            if k and i + k < len(words) and _is_number(words[i + k]):
                break  # "23 tin báo | ngày 5/3", "5 camera | tổ dân phố 4"
            if lex.period.match(self.folded, win.begins[i]):
                break  # "37 tin báo | năm qua"
            so_far = " ".join(words[:i])
            if self.criterion_unit(so_far) and lex.cue.match(words, i):
                break  # "966 khu dân cư | thực hiện có hiệu quả …": the criterion follows
            k = lex.place_type.match(words, i)
            if k and i + k < len(words) and _is_word(words[i + k]) and self.titlecase(win.begins[i + k]):
                break  # "… nhân dân xã Tân Lập": a place after the unit
            i += 1
        if i >= limit and safe:
            return safe  # a phrase too long to be a unit: keep what the lexicon vouched for
        return min(i, len(words))

    def listed_noun(self, win: _Window, j: int) -> int:
        """Tokens of a short noun listed after a comma inside a unit, 0 when ``words[j:]`` reads as
        the next clause.

        The comma lexicon knows the genre's coordinated nouns; any other word after a comma is kept
        only as a one- or two-word item that closes at once: another comma, "và"/"hoặc", or the end
        of the sentence ("41 hộ kinh doanh nhà nghỉ, homestay, …", "thu giữ 7 xe máy, ô tô."). A
        clause runs longer, or holds a stop word, a number, a period or a name ("…, tăng 5 vụ").
        """
        lex, words = self.lex, win.words
        for n in (1, 2):
            k = j + n - 1
            if (
                k >= len(words)
                or not _is_word(words[k])
                or lex.stop.match(words, k)
                or lex.clause.match(words, k)
                or lex.place_type.match(words, k)
                or lex.not_after.match(words, k)
                or lex.period.match(self.folded, win.begins[k])
                or self.titlecase(win.begins[k])
                or self.claim_starting(win.begins[k])
            ):
                return 0
            after = words[k + 1] if k + 1 < len(words) else ""
            if after in (",", ";", ".", ")", "và", "hoặc") or k + 1 == len(words):
                if after == "," and self.starts_count(words, k + 2):
                    return 0  # "…, 3 vụ …": the next count of a list; this was a clause
                return n
        return 0

    def starts_count(self, words: Sequence[str], j: int) -> bool:
        """True when ``words[j:]`` opens another count: a number, a qualifier cue, "hàng"."""
        if j >= len(words):
            return False
        w = words[j]
        if _is_number(w):
            return True
        if w in self.lex.cue_words:
            return j + 1 < len(words) and (_is_number(words[j + 1]) or w == "hàng")
        return False

    def joins_nouns(self, words: Sequence[str], j: int) -> bool:
        """After "và": one noun phrase continues (not a new count or a new clause)."""
        if j >= len(words) or not _is_word(words[j]) or self.lex.stop.match(words, j):
            return False
        for k in range(j, min(j + 5, len(words))):
            if not _is_word(words[k]):
                return not _is_number(words[k])
            if self.starts_count(words, k):
                return False
        return True

    # -- after the unit ---------------------------------------------------------------------------

    def after_unit(self, win: _Window, n: int, mention: _Mention) -> None:
        lex, words = self.lex, win.words
        if n >= len(words):
            return
        w = words[n]
        period = lex.period.match(self.folded, win.begins[n])
        if period is not None:  # "37 tin báo năm qua"
            mention.period = self.text[period.start() : period.end()]
            mention.tail = period.end()
            self.trailing_periods.add(period.start())
            return
        if w in ("ở", "tại"):
            length = self.phrase_length(win, n + 1, verbs_stop=True)
            if length and not self.named_place(win, n + 1):
                last = n + length
                mention.scope = self.text[win.begins[n + 1] : win.ends[last]]
                mention.tail = win.ends[last]
            return
        if self.criterion_unit(mention.unit_key) and lex.cue.match(words, n):
            length = self.phrase_length(win, n, verbs_stop=False)
            if length and not self.starts_count(words, n + length):
                # (a verb whose object is the next count is no criterion: "18/22 xã, thị trấn
                # xây dựng được | hàng chục mô hình")
                last = n + length - 1
                mention.criterion = self.text[win.begins[n] : win.ends[last]]
                mention.tail = win.ends[last]

    def criterion_unit(self, unit_key: str) -> bool:
        """A unit counted by criterion: "khu dân cư", or a list of such units "xã , phường"."""
        return all(part.strip() in self.lex.criterion_units for part in unit_key.split(","))

    def named_place(self, win: _Window, i: int) -> bool:
        words = win.words
        if i >= len(words):
            return False
        if self.claim_starting(win.begins[i]) or self.titlecase(win.begins[i]):
            return True
        k = self.lex.place_type.match(words, i)
        return bool(k) and i + k < len(words) and self.titlecase(win.begins[i + k])

    def phrase_length(self, win: _Window, i: int, *, verbs_stop: bool) -> int:
        """Tokens of a scope or criterion phrase from ``i``: to the clause end, quotes kept whole."""
        words = win.words
        j = i
        while j < len(words):
            w = words[j]
            if w == '"':
                close = next((k for k in range(j + 1, len(words)) if words[k] == '"'), None)
                if close is None:
                    break
                j = close + 1
                continue
            if w == ",":
                if j + 1 >= len(words) or not _is_word(words[j + 1]) or self.starts_count(words, j + 1):
                    break
                if verbs_stop and not self.lex.comma.match(words, j + 1):
                    break  # a scope goes on after a comma only with a coordinated noun ("thôn, xóm")
                j += 1
                continue
            if not _is_word(w) or self.starts_count(words, j):
                break
            if w in ("với", "trong") or (w in ("và", "hoặc") and not self.joins_nouns(words, j + 1)):
                break
            if verbs_stop and j > i and self.lex.stop.match(words, j) and w not in ("và", "hoặc"):
                break
            if j > i and w in ("ở", "tại") and _LEVEL_LATER.match(self.folded, win.begins[j]):
                break  # "tổ chức diễn tập | ở cấp xã": a scope after the criterion
            if j > i and w in _PURPOSE:
                break  # "9 khu dân cư phức tạp về ANTT | cần tập trung chuyển hóa": what is to be done
            j += 1
        while j > i and not _is_word(words[j - 1]) and words[j - 1] != '"':
            j -= 1
        return j - i

    # -- across counts ----------------------------------------------------------------------------

    def nest(self, mentions: list[_Mention]) -> None:
        """``within``: "226 tổ … với 5.489 thành viên", "120 nguồn tin …, trong đó 17 tin".

        After "trong đó" the counts of the list that follows ("làm rõ 1.320 vụ, 1.865 đối tượng
        (trong đó có 312 vụ, 448 đối tượng ma túy)") each sit within the earlier count of the
        sentence with the same head word, else within the count right before the marker.
        """
        folded = self.folded
        starts = self.ctx.layout.clause_starts
        group: list[_Mention] = []  # the counts a running "trong đó" list breaks down
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

    def periods_and_leading_scopes(self, mentions: list[_Mention]) -> None:
        """``period``: the nearest period phrase before a count in its sentence, for the first count
        after it and the counts listed right after that one ("Năm qua, xã tiếp nhận 41 tin báo, 3
        đơn thư, vận động giao nộp 3 khẩu súng": the guns are another clause, as the annotation
        conventions read it); a sentence-initial "Ở cấp xã, …" is the scope of the counts after it."""
        starts = self.ctx.layout.clause_starts
        folded = self.folded
        by_sentence: dict[int, list[_Mention]] = {}
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
            prev: _Mention | None = None  # the count before ``m`` since the period, if any
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
        while j < len(words) and _is_word(words[j]) and words[j] != "thuộc":
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

    def passive_criteria(self, mentions: Sequence[_Mention]) -> None:
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
            if any(not _is_word(words[k]) or words[k] in _AUXILIARIES for k in verb):
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
            if end <= c or not _is_word(words[c]) or (cut and c == 0):
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
        m = _LEVEL_LATER.search(self.folded, begin, clause.start() if clause else end)
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
            if not _is_word(words[j]) or (j > c and self.lex.stop.match(words, j)):
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
                not _is_word(words[j])
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

    def merge_headline(self, mentions: list[_Mention]) -> list[_Mention]:
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

    def headline_unit_end(self, h: _Mention, b: _Mention) -> int | None:
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
        while n and not _is_word(h_toks[n - 1].group()):
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


def _resolve_criteria(mentions: Sequence[_Mention]) -> None:
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


_OTHERS_DETERMINERS = frozenset({"các", "những"})


def _others_length(words: Sequence[str], j: int) -> int:
    """Tokens of "các <noun> khác" ("the other …") at ``words[j]``, which closes a list of names
    inside one unit ("hộ đồng bào Kinh, Mông và các dân tộc khác"); 0 when there is none.

    >>> _others_length("các dân tộc khác trong xã".split(), 0)
    4
    >>> _others_length("các tổ đã".split(), 0)
    0
    """
    if j >= len(words) or words[j] not in _OTHERS_DETERMINERS:
        return 0
    for k in range(j + 2, min(j + 6, len(words))):
        if words[k] == "khác":
            return k - j + 1
        if not _is_word(words[k]):
            return 0
    return 0


def _breakdown_of(group: list[_Mention], inner: _Mention) -> str:
    """The unit a count after "trong đó" breaks down: the latest with the same head word."""
    head = inner.unit_key.split(" ", 1)[0]
    same = [m for m in group if m.unit_key.split(" ", 1)[0] == head]
    return (same or group)[-1].unit


def _compatible(a: str, b: str) -> bool:
    """Same unit, or one is the other with a qualifying tail ("vụ" / "vụ trộm cắp")."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")

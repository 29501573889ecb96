"""Extraction of named initiatives: movements, campaigns, models, titles, standards, mottos.

Spec: ``../shared/corpus/dev/README.md`` ("Campaigns" and the ``quote_*``, ``campaign_*``, ``antq_*``
patterns), issue 3, VOCAB.md §3d. One :class:`~antq_kg.model.Campaign` per initiative per article:

* the ANTQ movement in all its written forms ("Toàn dân bảo vệ an ninh Tổ quốc", "toàn dân bảo vệ
  ANTQ", "TDBVANTQ", "phong trào bảo vệ ANTQ", "BVANTQ", also inside "Ngày hội …") is one campaign
  of kind "phong trào", named by the fullest form the article writes (``campaigns_antq.tsv``);
* a quotation (curly, straight, mixed or unspaced double quotes, guillemets «…», single quotes ‘…’
  or '…', also a motto quoted inside quoted speech) is an initiative when a kind word stands
  before it (``campaigns_kinds.tsv``; one kind word covers a list of quotations, "mô hình “A” ở
  xã X, “B” và “C”"; words describing the kind and naming words may stand between, "mô hình
  phòng, chống tội phạm “…”", "mô hình mang tên “…”", ``campaigns_kind_modifiers.tsv``,
  ``campaigns_naming.tsv``), when a kind word is predicated after it ("“…” là mô hình"), when a cue gives
  the kind ("công nhận “…”" is a title, ``campaigns_cues.tsv``), or, with no kind at all, when it
  reads like a name (Capitalised, 2–8 words, no sentence inside, or a numbered slogan “3 không”)
  next to an initiative verb ("duy trì “…”", "“…” được nhân rộng", ``campaigns_nokind_cues.tsv``)
  and is not speech (colon before, speaker or speech verb after), a nickname, a metaphor, a
  document or a business (``campaigns_not_after.tsv``, ``campaigns_speech.tsv``,
  ``campaigns_speakers.tsv``);
* a sentence-case name right after a kind word without quotes ("mô hình Tiếng kẻng an ninh",
  "danh hiệu Ấp văn hóa"), or a list of them after "như:"/"gồm:" ("các mô hình tiêu biểu như: Bản
  không ma túy, …"), which ends at a predicate word (``campaigns_stop.tsv``), a year or punctuation;
  a comma stays inside only in fixed pairs ("an ninh, trật tự", ``campaigns_comma.tsv``).

``place`` is read for local kinds (models, clubs, initiatives without kind) only: the unit after
"ở/tại/của/do" that follows the name (one place after the last name of a list is the place of
every name of the list), else the most specific unit named earlier in the name's own
clause (after an earlier name of the sentence that is not a list sibling: "…; còn ở thôn A, mô
hình “Y”"), else before the first name of the sentence (a bare "xã"/"Công an xã" is the commune
last named; a parent after "thuộc" is skipped), else in the previous sentence of the paragraph.
An initiative said to cover several units ("ở các xã", "tại 2 xã A và B", "tại xã A và xã B",
"trên địa bàn thị trấn A và các xã …", determiners in ``campaigns_plural.tsv``) belongs to the unit
above them named right after ("ở 8 khu phố của phường A"), else to the most specific unit named
above that level ("Công an huyện X … ở các xã" → huyện X), not to one of them; so does one launched
by coordinated units of one level ("Công an xã A và Công an xã B ra mắt mô hình …": none, or the
unit above them).
The units are the places stage's mentions (``ctx.place_index``): a unit written with its type word
("xã Thạch Xuân", "phường Lâm Viên - Đà Lạt"), a name the places stage read right after "ở/tại"
("ở Thạch Xuân"), and a bare type word standing for the unit of that type written last; so the
place is the places stage's record, chain included, and nothing the places stage did not read.

Name spans are added to ``ctx.claims`` so the counts stage skips "3 không", "5 không, 3 sạch".
Everything is searched in ``ctx.folded`` and sliced from ``ctx.text``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..lexicon import table, words
from ..model import Campaign, Place
from ..text import WORD, Span, alternation, fold, fold_key, name_key
from .admin_units import plain_type_words, type_word, type_word_pattern
from .context import Context, SpanSet

#: The kind of the ANTQ movement (VOCAB.md §3d).
ANTQ_KIND = "phong trào"

_W = r"[^\W_]"  # a letter or digit
_QUOTES = '"\u201c\u201d\u00ab\u00bb'
_QUOTE_MARK = re.compile("[\"\u201c\u201d\u00ab\u00bb\u2018\u2019']|\n")
_MARKS = "\"\u201c\u201d\u00ab\u00bb\u2018\u2019'"  # every quote mark find_quotes pairs
_OPEN_NEXT = '"\u201c\u00ab'  # a single quote opening right before a double one


@dataclass(frozen=True, slots=True)
class _Lex:
    kinds: dict[str, tuple[str, bool, bool]]  # folded kind word -> (kind, local, unquoted)
    kind_re: re.Pattern[str]
    antq_re: re.Pattern[str]
    antq: dict[str, tuple[int, bool]]  # folded form -> (rank, after_kind)
    not_after_re: re.Pattern[str]
    not_name_start_re: re.Pattern[str]
    cue_re: re.Pattern[str]
    cues: dict[str, str]
    speech_re: re.Pattern[str]
    speaker_re: re.Pattern[str]
    speech_word_re: re.Pattern[str]
    nokind_before_re: re.Pattern[str]
    nokind_after_re: re.Pattern[str]
    stop: frozenset[str]
    stop_re: re.Pattern[str]
    comma: frozenset[str]
    reject_start_re: re.Pattern[str]
    known: tuple[str, ...]
    place_re: re.Pattern[str]
    bare_place_re: re.Pattern[str]  # over the folded text: "công an xã", a sentence opening "Xã …"
    place_types: dict[str, tuple[str, int]]  # folded type word -> (type, level)
    plural_re: re.Pattern[str]  # a plural determiner before a type word: "các", "2", "19/19"
    modifiers_re: re.Pattern[str]  # a bridge of kind modifiers: "điểm", "phòng, chống tội phạm"
    naming_re: re.Pattern[str]  # "có tên", "mang tên" right before a quotation
    listing_re: re.Pattern[str]  # kind modifiers ending in "như:", "gồm", ":" before a list of names
    local: dict[str, bool]  # kind -> tied to a place


@dataclass(frozen=True, slots=True)
class _KindRow:
    """A row of ``campaigns_kinds.tsv``: a kind word, whether its initiatives are tied to a place and
    may be named without quotes, and the kind an abbreviated kind word stands for."""

    word: str
    local: bool
    unquoted: bool
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class _AntqRow:
    """A row of ``campaigns_antq.tsv``: a written form of the movement, how full it is, and whether
    it names the movement only right after "phong trào"."""

    form: str
    rank: int
    after_kind: bool


@dataclass(frozen=True, slots=True)
class _CueRow:
    """A row of ``campaigns_cues.tsv``: a cue before a quoted name and the kind it gives."""

    cue: str
    kind: str


@dataclass(frozen=True, slots=True)
class _NoKindCueRow:
    """A row of ``campaigns_nokind_cues.tsv``: an initiative verb and where it stands."""

    cue: str
    where: Literal["before", "after"]


@cache
def _lex() -> _Lex:
    kinds = {fold(r.word): (r.kind or r.word, r.local, r.unquoted) for r in table("campaigns_kinds", _KindRow)}
    antq = {fold(r.form): (r.rank, r.after_kind) for r in table("campaigns_antq", _AntqRow)}
    cues = {fold(r.cue): r.kind for r in table("campaigns_cues", _CueRow)}
    ptypes = {fold(t.surface): (t.type, t.level) for t in plain_type_words()}
    nokind = table("campaigns_nokind_cues", _NoKindCueRow)
    kind_alt = alternation(list(kinds))
    return _Lex(
        kinds=kinds,
        kind_re=re.compile(rf"(?<!{_W})(?:{kind_alt})(?!{_W})"),
        antq_re=re.compile(rf"(?<!{_W})(?:{alternation(list(antq))})(?!{_W})"),
        antq=antq,
        not_after_re=re.compile(rf"(?<!{_W})(?:{alternation(words('campaigns_not_after'))})[\s(]*$"),
        not_name_start_re=re.compile(rf"(?:{alternation(words('campaigns_not_names'))})(?!{_W})"),
        cue_re=re.compile(rf"(?<!{_W})(?:{alternation(list(cues))})\s*$"),
        cues=cues,
        speech_re=re.compile(
            rf"\s*,\s*(?:{_W}+[\s'’]*){{0,5}}?(?:{alternation(words('campaigns_speech'))})(?!{_W})"
        ),
        speech_word_re=re.compile(rf"(?<!{_W})(?:{alternation(words('campaigns_speech'))})(?!{_W})"),
        speaker_re=re.compile(rf"\s*,\s*(?:{alternation(words('campaigns_speakers'))})(?!{_W})"),
        nokind_before_re=re.compile(
            rf"(?<!{_W})(?:{alternation([r.cue for r in nokind if r.where == 'before'])})\s*$"
        ),
        nokind_after_re=re.compile(
            rf"\s*(?:{alternation([r.cue for r in nokind if r.where == 'after'])})(?!{_W})"
        ),
        stop=frozenset(fold(w) for w in words("campaigns_stop")),
        stop_re=re.compile(rf"(?:{alternation(words('campaigns_stop'))})(?!{_W})"),
        comma=frozenset(fold_key(w) for w in words("campaigns_comma")),
        reject_start_re=re.compile(rf"(?:{alternation(words('campaigns_reject_start'))})(?!{_W})"),
        known=tuple(fold(w) for w in sorted(words("campaigns_known"), key=len, reverse=True)),
        place_re=re.compile(rf"(?<!{_W})(?:{alternation(list(ptypes))})(?!{_W})"),
        bare_place_re=re.compile(
            rf"(?:(?<!{_W})(?:{alternation(words('campaigns_bare_anchors'))})\s+|^|[.!?…][\"')]*\s+)"
            rf"({alternation(list(ptypes))})(?!{_W})",
            re.MULTILINE,
        ),
        place_types=ptypes,
        plural_re=re.compile(
            rf"(?:(?<!{_W})(?:{alternation(words('campaigns_plural'))})|(?<![\d/])\d+(?:/\d+)?)\s+"
        ),
        modifiers_re=re.compile(rf"[\s,]*(?:(?:{alternation(words('campaigns_kind_modifiers'))})(?!{_W})[\s,]*)*"),
        listing_re=re.compile(
            rf"(?:(?:{alternation(words('campaigns_kind_modifiers'))})(?!{_W})[\s,]*)*"
            rf"(?:(?:như|gồm|bao\s+gồm)(?!{_W})\s*:?|:)[ \t]*"
        ),
        naming_re=re.compile(rf"(?<!{_W})(?:{alternation(words('campaigns_naming'))})\s*$"),
        local={v[0]: v[1] for v in kinds.values()},
    )


# -- text structure ---------------------------------------------------------------------------------

_NUMBER_SLOGAN = re.compile(
    r"\d{1,2}\s+[^\W\d_]+(?:\s+[^\W\d_]+)?(?:\s*[,;]\s*\d{1,2}\s+[^\W\d_]+(?:\s+[^\W\d_]+)?)*"
)


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``[open, close]`` are the quote marks, ``[begin, end)`` the trimmed content."""

    open: int
    begin: int
    end: int
    close: int
    depth: int


def find_quotes(text: str) -> list[Quote]:
    """Pair the quotation marks of ``text``, line by line: curly, straight, mixed and unspaced double
    quotes, guillemets «…», and single quotes ‘…’ or '…' (paired apart from double ones, so that a
    motto can be quoted inside quoted speech). A straight or curly apostrophe between two letters or
    digits (Cư M'gar, Cư M’gar, K'Ho) is not a quote mark.

    >>> [text[q.begin:q.end] for text in ['mô hình“Camera an ninh” và "Xóm bình yên” ở Cư M’gar, ‘Bến an toàn’']
    ...  for q in find_quotes(text)]
    ['Camera an ninh', 'Xóm bình yên', 'Bến an toàn']
    >>> t = "mô hình «Bản bình yên», 'Camera an ninh' ở Cư M'gar và “sống theo 'Ba cùng'”"
    >>> [(t[q.begin:q.end], q.depth) for q in find_quotes(t)]
    [('Bản bình yên', 0), ('Camera an ninh', 0), ("sống theo 'Ba cùng'", 0), ('Ba cùng', 1)]
    """
    out: list[Quote] = []
    stack: list[int] = []  # “…”, "…", «…»
    singles: list[int] = []  # ‘…’, '…'
    n = len(text)
    for m in _QUOTE_MARK.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == "\n":
            stack.clear()
            singles.clear()
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch in "\u2018\u2019'":
            if prev.isalnum() and nxt.isalnum():
                continue  # the apostrophe of M’gar, K'Ho
            if ch == "\u2018" or (ch == "'" and not prev.isalnum() and (nxt.isalnum() or nxt in _OPEN_NEXT)):
                singles.append(i)
            elif singles and (ch == "\u2019" or not nxt.isalnum()):
                _add_quote(text, out, singles.pop(), i, len(stack) + len(singles))
            continue
        if ch in "\u201c\u00ab":
            role = "open"
        elif ch in "\u201d\u00bb":
            role = "close"
        elif prev.isspace() or prev in "([{-–—:'\u2018" or i == 0:
            role = "open"
        elif nxt.isspace() or nxt in ".,;:!?)]…'\u2019" or i + 1 == n:
            role = "close"
        else:
            role = "either"
        if role == "open" or (role == "either" and not stack):
            stack.append(i)
            continue
        if not stack:
            continue
        o = stack.pop()
        _add_quote(text, out, o, i, len(stack) + len(singles))
    out.sort(key=lambda q: q.open)
    return out


def _add_quote(text: str, out: list[Quote], o: int, c: int, depth: int) -> None:
    """Record the quotation between marks ``o`` and ``c``, its content trimmed."""
    b, e = o + 1, c
    while b < e and text[b].isspace():
        b += 1
    while e > b and (text[e - 1].isspace() or text[e - 1] in ".,;:"):
        e -= 1
    if e > b:
        out.append(Quote(o, b, e, c, depth))


# -- places near an initiative ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PlaceHit:
    """A unit near an initiative: a mention the places stage read, written with its type word ("xã
    Thạch Xuân", "tổ dân phố số 6"), or a bare type word ("Công an xã", "Xã duy trì…") that stands
    for the unit of that type named last (``place`` None)."""

    begin: int
    end: int
    type: str
    level: int  # 1 province … 4 residential (admin_units): higher is more specific
    place: Place | None


def _typed(ctx: Context, span: Span, place: Place) -> tuple[str, int] | None:
    """The (type, level) of the type word a place mention starts with, when it starts with the
    place's own type word (not "(Thạch Hà)", nor "Buôn Đôn" written without "huyện")."""
    m = _type_word_re().match(ctx.text, span.begin)
    written = type_word(m.group()) if m is not None else None
    if written is None or name_key(written.type) != name_key(place.type):
        return None
    return written.type, written.level


@cache
def _type_word_re() -> re.Pattern[str]:
    return re.compile(rf"{type_word_pattern()}(?!\w)")


def _hits(ctx: Context, lo: int, hi: int) -> list[_PlaceHit]:
    """The units named with a type word (the places stage's mentions) and the bare anaphoric type
    words in ``[lo, hi)``, in text order."""
    lex = _lex()
    index, folded = ctx.place_index, ctx.folded
    out: list[_PlaceHit] = []
    for span, place in index.mentions[bisect.bisect_left(index.starts, lo) : bisect.bisect_left(index.starts, hi)]:
        typed = _typed(ctx, span, place)
        if typed is not None:
            out.append(_PlaceHit(span.begin, span.end, typed[0], typed[1], place))
    named = {h.begin for h in out}
    for m in lex.bare_place_re.finditer(folded, max(0, lo - 3), hi):
        b, e = m.start(1), m.end(1)
        conn = _connector(folded, e)
        if b < lo or b in named or (conn is not None and lex.place_re.match(folded, e + len(conn))):
            continue  # named, or "các xã, thị trấn": a generic list of unit types
        typ, level = lex.place_types[" ".join(m.group(1).split())]
        out.append(_PlaceHit(b, e, typ, level, None))
    out.sort(key=lambda h: h.begin)
    return out


def _connector(folded: str, pos: int) -> str | None:
    """The list connector at ``pos`` (", ", " và ", "/"), if any: "các xã, thị trấn" is generic."""
    m = re.match(r"\s*(?:,|và|hoặc|/)\s*", folded[pos : pos + 12])
    return m.group() if m else None


def _resolve(hit: _PlaceHit, ctx: Context) -> Place | None:
    """The :class:`Place` a hit stands for; for a bare type word, the unit of that type written last."""
    if hit.place is not None:
        return hit.place
    index = ctx.place_index
    for span, place in reversed(index.mentions[: bisect.bisect_left(index.starts, hit.begin)]):
        if span.end <= hit.begin:
            typed = _typed(ctx, span, place)
            if typed is not None and typed[0] == hit.type:
                return place
    return None


# -- mentions ---------------------------------------------------------------------------------------


@dataclass
class _Mention:
    begin: int
    end: int
    kind: str | None
    kind_span: Span | None
    quoted: bool
    antq_rank: int = 0
    place: Place | None = None
    after_end: int = 0  # end of the place read after the name ("ở xã A"), 0 when none


def _words(s: str) -> int:
    """Number of words.

    >>> _words("Camera vì bình yên")
    4
    """
    return len(WORD.findall(s))


def _antq_mentions(ctx: Context) -> list[_Mention]:
    """Every written form of the ANTQ movement (``campaigns_antq.tsv``), not inside an organisation
    name ("Phòng Xây dựng phong trào bảo vệ ANTQ")."""
    lex = _lex()
    out: list[_Mention] = []
    f = ctx.folded
    for m in lex.antq_re.finditer(f):
        rank, after_kind = lex.antq[" ".join(m.group().split())]
        before = f[max(0, m.start() - 40) : m.start()]
        kind_m = re.search(r"(?<!\w)phong\s+trào\s*[\"]?\s*$", before)
        if after_kind and kind_m is None:
            continue
        if kind_m is not None and re.search(
            r"(?<!\w)(?:phòng|cục|đội|ban|vụ)\s+xây\s+dựng\s+phong\s+trào\s*$", before
        ):
            continue  # inside an organisation name: "Phòng Xây dựng phong trào bảo vệ ANTQ"
        kspan = None
        if kind_m is not None:
            kb = m.start() - len(before) + kind_m.start()
            kspan = Span(kb, kb + len("phong trào"))
        out.append(_Mention(m.start(), m.end(), ANTQ_KIND, kspan, False, antq_rank=rank))
    return out


def _kind_before(
    ctx: Context, begin: int, floor: int, taken: SpanSet | None
) -> tuple[str, Span, bool] | None:
    """The kind word that governs a name starting at ``begin``: right before it, or before a short
    bridge ("các mô hình, điển hình tiên tiến trong khu dân cư, như: “…”"). Returns (kind, span, near)."""
    lex = _lex()
    f = ctx.folded
    lo = max(floor, begin - 90)
    last = None
    for m in lex.kind_re.finditer(f, lo, begin):
        if taken is not None and taken.overlaps(m.start(), m.start() + 1):
            continue
        last = m
    if last is None:
        return None
    bridge = f[last.end() : begin]
    if any(q in bridge for q in _QUOTES) or re.search(r"[.;!?\d\n]", bridge):
        return None
    if taken is not None and taken.overlaps(last.end(), begin):
        return None  # another quotation stands between: "mô hình ‘A’ của bản: ‘Bà con …’"
    nwords = _words(bridge)
    near = nwords == 0
    naming = lex.naming_re.search(bridge)  # "mô hình (điểm) mang tên “…”"
    core = bridge[: naming.start()] if naming is not None else bridge
    listing = re.search(r"(?:(?<!\w)(?:như|gồm)|:)\s*$", bridge) is not None or (
        nwords <= 4 and re.search(r"(?<!\w)là\s*$", bridge) is not None  # "tiêu biểu là “…”"
    )
    modifiers = _words(core) <= 10 and lex.modifiers_re.fullmatch(core) is not None
    if (nwords > 3 or (nwords > 0 and "," in bridge)) and not (listing or modifiers):
        return None
    if re.search(r"(?<!\w)(?:gọi|ví|tức|coi|xem)(?!\w)", core) or lex.speech_word_re.search(bridge):
        return None  # "mô hình …, người dân gọi đây là “…”": a nickname; "…, anh Tuấn nói: “…”": speech
    if re.search(r"(?<!\w)là\s*$", bridge) and re.search(
        r"(?<!\w)(?:gọi|ví|coi|xem)\s+(?:\w+\s+)?$", f[max(0, last.start() - 20) : last.start()]
    ):
        return None  # "người dân gọi mô hình này là “…”": a nickname of the model
    key = " ".join(last.group().split())
    kind = lex.kinds[key][0]
    return kind, Span(last.start(), last.end()), near


def _name_like(ctx: Context, q: Quote) -> bool:
    """A quotation with no kind word reads like the name of an initiative (not of a document, a
    contest or a work: "“Kế hoạch 123”", ``campaigns_not_names.tsv``)."""
    inner = ctx.text[q.begin : q.end]
    first = inner[0]
    if not (first.isupper() or first.isdigit()):
        return False
    if _lex().not_name_start_re.match(ctx.folded, q.begin):
        return False
    if _NUMBER_SLOGAN.fullmatch(inner):
        return True  # “3 không”, “5 không, 3 sạch”
    return not (re.search(r"[.!?;:,…]", inner) or _words(inner) > 8 or _words(inner) < 2)


def _excluded(ctx: Context, q: Quote, starts: list[int], *, kinded: bool = False) -> bool:
    """Quoted speech, nickname or metaphor cues around a quotation (only nickname cues when a
    kind word governs it)."""
    lex = _lex()
    f = ctx.folded
    before = f[max(0, q.open - 30) : q.open]
    if lex.not_after_re.search(before) and not (kinded and lex.naming_re.search(before)):
        return True  # but "mô hình có tên “…”" names the model
    if kinded:
        return False
    if re.search(r":\s*$", before):
        return True
    end = min(len(f), q.close + 60)
    return bool(lex.speech_re.match(f, q.close + 1, end) or lex.speaker_re.match(f, q.close + 1, end))


_KIND_AFTER = re.compile(
    r"\s*,?\s*(?:(?:đã\s+|đang\s+)?(?:được\s+(?:xem|coi|đánh\s+giá|công\s+nhận)\s+)?là|trở\s+thành)\s+"
    r"(?:một\s+)?(?:trong\s+(?:số\s+)?)?(?:các\s+|những\s+)?"
)


def _kind_after(ctx: Context, q: Quote) -> tuple[str, Span] | None:
    """A kind word predicated of a quotation: "“Tổ tự quản” là mô hình …", "… là một phong trào",
    "… là một trong những mô hình …", "… được xem là mô hình …", "… trở thành mô hình …"."""
    lex = _lex()
    f = ctx.folded
    m = _KIND_AFTER.match(f, q.close + 1)
    if m is None:
        return None
    k = lex.kind_re.match(f, m.end())
    if k is None:
        return None
    return lex.kinds[" ".join(k.group().split())][0], Span(k.start(), k.end())


def _nokind_cue(ctx: Context, q: Quote) -> bool:
    """An initiative verb around a quotation without a kind word: "duy trì “…”", "“…” được nhân rộng"."""
    lex = _lex()
    f = ctx.folded
    if lex.nokind_before_re.search(f, max(0, q.open - 20), q.open):
        return True
    after = q.close + 1
    paren = re.match(r"\s*\([^()\n]{0,120}\)", f[after : after + 130])
    if paren is not None:  # “3 không” (không ma túy, …) vào hương ước
        after += paren.end()
    return bool(lex.nokind_after_re.match(f, after, min(len(f), after + 30)))


def _list_bridge(gap: str) -> bool:
    """Text between two names of one list: connectors, optionally after an "ở/tại …" place.

    >>> _list_bridge(" ở khu phố 4, phường 5 (thành phố đông hà) và "), _list_bridge(", người dân gọi là ")
    (True, False)
    """
    return bool(
        re.fullmatch(r"\s*(?:(?:ở|tại)\s[^\"\n.;!?]{1,80}?)?\s*(?:,|;|và|hoặc|,\s*và)\s*", gap)
        and not re.search(r"\d{3,}|[.!?]", gap.replace("...", ""))
    )


def _comma_joins(left: str, right_word: str) -> bool:
    """True when "<left>, <right_word>…" is a comma pair that stays inside a name
    (``campaigns_comma.tsv``: "an ninh, trật tự", "phòng, chống").

    >>> _comma_joins("tổ liên gia tự quản về an ninh", "trật"), _comma_joins("camera an ninh", "tiếng")
    (True, False)
    """
    for pair in _lex().comma:
        a, _, b = pair.partition(", ")
        if " ".join(left.split()).endswith(a) and b.split()[0] == right_word:
            return True
    return False


def _unquoted_name(ctx: Context, pos: int, limit: int) -> int:
    """End of a Capitalised unquoted name starting at ``pos`` (``pos`` when there is none): sentence
    case, at least two words, up to a predicate word (``campaigns_stop.tsv``) or punctuation."""
    lex = _lex()
    text, f = ctx.text, ctx.folded
    for known in lex.known:
        if f.startswith(known, pos) and (pos + len(known) >= len(f) or not f[pos + len(known)].isalnum()):
            return pos + len(known)
    if not text[pos : pos + 1].isupper() or lex.reject_start_re.match(f, pos):
        return pos
    m0 = WORD.match(text, pos)
    if m0 is None or (m0.group().isupper() and len(m0.group()) > 1):
        return pos  # an abbreviation ("phong trào TDBVANTQ") is not a name
    if ctx.place_index.starting_at(pos) is not None:
        return pos  # a place, "ấp Tân Lợi"; but "Ấp không có tội phạm" is a name
    end = pos
    i = pos
    count = 0
    while i < limit and count < 12:
        m = WORD.match(text, i)
        if m is None:
            break
        w = m.group()
        if count == 1 and w[0].isupper():
            return pos  # Title Case is a proper name ("mô hình Thạch Xuân"); initiatives are sentence case
        if (
            count
            and w[0].isupper()
            and (lex.reject_start_re.match(f, m.start()) or lex.place_re.match(f, m.start()))
        ):
            break  # an organisation or a place follows the name
        if count and (
            lex.stop_re.match(f, m.start())
            or re.match(r"(?:năm\s+)?\d{4}(?!\w)", f[m.start() : m.start() + 9])
        ):
            break  # a predicate word, or a year: "danh hiệu Khu dân cư văn hóa | năm 2023"
        end = m.end()
        count += 1
        j = end
        if text.startswith(", ", j):
            nxt = WORD.match(text, j + 2)
            if nxt is not None and _comma_joins(f[pos:end], f[nxt.start() : nxt.end()]):
                i = j + 2
                continue
            break
        if j < limit and text[j] == " ":
            i = j + 1
            continue
        break
    return end if count >= 2 else pos


def _find_mentions(ctx: Context, quotes: list[Quote], starts: list[int]) -> list[_Mention]:
    """Every initiative mention in text order: ANTQ forms, quotations, unquoted names after kinds."""
    lex = _lex()
    text, f = ctx.text, ctx.folded
    antq = _antq_mentions(ctx)
    mentions: list[_Mention] = list(antq)
    antq_cover = SpanSet(Span(m.begin, m.end) for m in antq)
    quoted_areas = SpanSet(Span(q.open, q.close + 1) for q in quotes)
    antq_begins = [m.begin for m in antq]

    # quoted names, in text order, so that a kind word covers the list that follows it
    prev: _Mention | None = None
    for q in quotes:
        if antq_cover.overlaps(q.begin, q.end):
            # quoted ANTQ form: mark it quoted (its surface is the preferred name)
            for m in antq[bisect.bisect_left(antq_begins, q.begin) :]:
                if m.begin >= q.end:
                    break
                if m.end <= q.end:
                    m.quoted = True
            prev = None
            continue
        s = starts[bisect.bisect_right(starts, q.open) - 1]
        inner = text[q.begin : q.end]
        others = quoted_areas
        if q.depth:  # a motto quoted inside quoted speech: the speech's own words may govern it
            others = SpanSet(Span(o.open, o.close + 1) for o in quotes if not o.open < q.open < o.close)
        kind_hit = _kind_before(ctx, q.open, s, others)
        cand: _Mention | None = None
        if kind_hit is not None and not _excluded(ctx, q, starts, kinded=True):
            kind, kspan, near = kind_hit
            if inner[0].isupper() or inner[0].isdigit() or near:
                cand = _Mention(q.begin, q.end, kind, kspan, True)
        if cand is None and (inner[0].isupper() or inner[0].isdigit()):
            after = _kind_after(ctx, q)  # “Camera an ninh” là mô hình …
            if after is not None:
                cand = _Mention(q.begin, q.end, after[0], after[1], True)
        if cand is None and prev is not None and prev.end <= q.open:
            gap = f[prev.end + (1 if prev.quoted else 0) : q.open]
            if _list_bridge(gap) and (inner[0].isupper() or inner[0].isdigit()):
                cand = _Mention(q.begin, q.end, prev.kind, prev.kind_span, True)
        if cand is None:
            cue = lex.cue_re.search(f, max(s, q.open - 25), q.open)
            if cue is not None and (inner[0].isupper() or inner[0].isdigit()):
                kind = lex.cues[" ".join(cue.group().split())]
                cand = _Mention(q.begin, q.end, kind, None, True)
        if (
            cand is None
            and _name_like(ctx, q)
            and not _excluded(ctx, q, starts)
            and (_NUMBER_SLOGAN.fullmatch(inner) or _nokind_cue(ctx, q))
        ):
            cand = _Mention(q.begin, q.end, None, None, True)
        if cand is not None:
            mentions.append(cand)
        prev = cand

    # unquoted names after a kind word that allows them
    for km in lex.kind_re.finditer(f):
        kind, _local, unquoted = lex.kinds[" ".join(km.group().split())]
        if not unquoted or quoted_areas.overlaps(km.start(), km.start() + 1):
            continue
        pos = km.end()
        if not text.startswith(" ", pos):
            continue
        pos += 1
        listing = lex.listing_re.match(f, pos)  # "các mô hình tiêu biểu như: Bản không ma túy, …"
        if listing is not None:
            pos = listing.end()
        limit = min(len(text), pos + 160)
        nl = text.find("\n", pos, limit)
        if nl >= 0:
            limit = nl
        while True:
            if antq_cover.overlaps(pos, pos + 1) or quoted_areas.overlaps(pos, pos + 1):
                break
            end = _unquoted_name(ctx, pos, limit)
            if end <= pos:
                break
            mentions.append(_Mention(pos, end, kind, Span(km.start(), km.end()), False))
            nxt = re.match(r",\s+|\s+và\s+", f[end:limit])
            if nxt is None:
                break
            pos = end + nxt.end()
    mentions.sort(key=lambda m: m.begin)
    # drop unquoted duplicates of quoted ones and overlaps
    out: list[_Mention] = []
    for m in mentions:
        if out and m.begin < out[-1].end:
            continue
        out.append(m)
    return out


def _plural_level(folded: str, pos: int) -> int | None:
    """The level of the unit type after a plural determiner at ``pos`` ("các xã", "2 xã", "19/19 xã",
    ``campaigns_plural.tsv``): the initiative covers several units of that level.

    >>> _plural_level("ở các xã biên giới", 2), _plural_level("ở 19/19 xã, thị trấn", 2)
    (3, 3)
    >>> _plural_level("ở xã biên giới", 2) is None
    True
    """
    lex = _lex()
    m = lex.plural_re.match(folded, pos)
    if m is None:
        return None
    t = lex.place_re.match(folded, m.end())
    return None if t is None else lex.place_types[" ".join(t.group().split())][1]


def _coordinated_level(folded: str, hit: _PlaceHit) -> int | None:
    """The level of ``hit`` when another unit of that level is coordinated with it ("thị trấn A và
    các xã B, C", "xã A, xã B"), i.e. the initiative covers several units; ``None`` for one unit
    or a parent chain ("tổ dân phố số 3, phường B")."""
    lex = _lex()
    m = re.compile(r"\s*(?:,\s*và|,|và|cùng|cùng với)\s+").match(folded, hit.end)
    if m is None:
        return None
    pos = m.end()
    det = lex.plural_re.match(folded, pos)
    if det is not None:
        pos = det.end()
    t = lex.place_re.match(folded, pos)
    if t is None or lex.place_types[" ".join(t.group().split())][1] != hit.level:
        return None
    return hit.level


def _most_specific(cands: list[_PlaceHit], spread: int | None) -> _PlaceHit | None:
    """The most specific (then the last) unit of ``cands``, above level ``spread`` when it is set
    ("tại xã A, Công an tỉnh B triển khai mô hình … ở các xã": tỉnh B)."""
    best = None
    for h in cands:
        if spread is not None and h.level >= spread:
            continue
        if best is None or h.level >= best.level:
            best = h
    return best


_COORD = re.compile(
    r"\s*(?:,\s*và|,|và|cùng\s+với|cùng|với)\s+"
    r"(?:(?:công\s+an|ubnd|ủy\s+ban\s+nhân\s+dân|chính\s+quyền|nhân\s+dân|người\s+dân)\s+)?"
)


def _coordinated_before(folded: str, cands: list[_PlaceHit], hit: _PlaceHit) -> bool:
    """True when ``hit`` is coordinated with another named unit of its level right before or after
    it ("Công an xã A và Công an xã B", "xã A, xã B"): together they stand for several units."""
    i = cands.index(hit)
    for a, b in ((i - 1, i), (i, i + 1)):
        if a >= 0 and b < len(cands):
            h1, h2 = cands[a], cands[b]
            if h1.level == h2.level and h1.place and h2.place and _COORD.fullmatch(folded, h1.end, h2.begin):
                return True
    return False


def _attach_places(ctx: Context, mentions: list[_Mention], starts: list[int]) -> None:
    """Tie local initiatives to a place: after "ở/tại", else earlier in the sentence, else in the
    previous sentence of the paragraph (the most specific unit; a parent after "thuộc" is skipped)."""
    lex = _lex()
    text, f = ctx.text, ctx.folded
    begins = [m.begin for m in mentions]
    for idx, m in enumerate(mentions):
        if m.antq_rank or (m.kind is not None and not lex.local.get(m.kind, True)):
            continue
        si = bisect.bisect_right(starts, m.begin) - 1
        s = starts[si]
        s_end = starts[si + 1] if si + 1 < len(starts) else len(text)
        nxt_m = mentions[idx + 1].begin if idx + 1 < len(mentions) else len(text)
        after_end = min(s_end, nxt_m, m.end + 90)
        semi = f.find(";", m.end, after_end)
        if semi >= 0:
            after_end = semi
        para = ctx.layout.line(m.begin)[0]
        prev_s = starts[si - 1] if si > 0 and starts[si - 1] >= para else s
        hits = _hits(ctx, prev_s, after_end)
        hit_begins = [h.begin for h in hits]
        place: Place | None = None
        spread: int | None = None  # the level of the several units the initiative covers
        # 1. "“…” ở/tại [nhà văn hóa] thôn X" after the name; "ở các xã", "tại xã A và xã B": several
        for om in re.finditer(r"(?<!\w)(?:ở|tại|của|do|trên\s+địa\s+bàn)\s", f[m.end : after_end]):
            at = m.end + om.end()
            spread = _plural_level(f, at)
            if spread is not None:  # "tại 15 tổ dân phố của phường A": phường A
                k = bisect.bisect_left(hit_begins, at)
                while k < len(hits) and hits[k].begin < min(after_end, at + 60):
                    if hits[k].place is not None and hits[k].level < spread:
                        place = _resolve(hits[k], ctx)
                        m.after_end = hits[k].end
                        break
                    k += 1
                break
            k = bisect.bisect_left(hit_begins, at)
            if k < len(hits) and hits[k].begin < min(after_end, at + 25) and hits[k].place is not None:
                spread = _coordinated_level(f, hits[k])
                if spread is None:
                    place = _resolve(hits[k], ctx)
                    m.after_end = hits[k].end
                break
            read = ctx.place_index.first_from(at)  # a place the places stage read there: "ở Thạch Xuân"
            if read is not None and read[0].begin < min(after_end, at + 3):
                place = read[1]
                m.after_end = read[0].end
                break
        # 2. the most specific unit named earlier in the sentence: in the name's own clause (after
        # an earlier name that is not a list sibling), else before the first name of the sentence
        # (not the places of list siblings); 3. in the previous sentence. An initiative covering
        # several units takes the most specific unit above them.
        if place is None:
            first = begins[bisect.bisect_left(begins, s)]
            windows = [(s, first)]
            if idx and s <= mentions[idx - 1].begin:
                prev_m = mentions[idx - 1]
                gap = f[prev_m.end : m.begin].lstrip(_MARKS).rstrip(_MARKS + " ")
                if not _list_bridge(gap):
                    windows.insert(0, (max(prev_m.end, prev_m.after_end), m.begin))
            if prev_s < s:
                windows.append((prev_s, s))
            for lo, hi in windows:
                cands = []
                for h in hits[bisect.bisect_left(hit_begins, lo) : bisect.bisect_left(hit_begins, hi)]:
                    k = bisect.bisect_right(begins, h.begin) - 1
                    if k >= 0 and mentions[k].begin <= h.begin < mentions[k].end:
                        continue  # inside a name: “Khu phố …”
                    if re.search(r"(?<!\w)thuộc\s+$", f[max(0, h.begin - 8) : h.begin]):
                        continue  # "ấp Phú Khương thuộc xã Phú Túc": the parent
                    cands.append(h)
                best = _most_specific(cands, spread)
                if best is not None and _coordinated_before(f, cands, best):
                    spread = best.level  # "Công an xã A và Công an xã B ra mắt mô hình …": several
                    best = _most_specific(cands, spread)
                if best is not None:
                    place = _resolve(best, ctx)
                    if place is not None:
                        break
        m.place = place
    # a list of names with one place after the last ("“A”, “B” và “C” được nhân rộng tại xã X"):
    # the place is that of every name of the list
    for idx in range(len(mentions) - 2, -1, -1):
        m, nxt = mentions[idx], mentions[idx + 1]
        if m.after_end or not nxt.after_end or m.antq_rank or not lex.local.get(m.kind or "", True):
            continue
        gap = f[m.end : nxt.begin].lstrip(_MARKS).rstrip(_MARKS + " ")
        if re.fullmatch(r"\s*(?:,|;|và|hoặc|,\s*và)\s*", gap):
            m.place, m.after_end = nxt.place, nxt.after_end


def _surface(ctx: Context, m: _Mention) -> str:
    """The mention as written, inner whitespace collapsed (a name may wrap a line)."""
    return " ".join(ctx.text[m.begin : m.end].split())


def extract_campaigns(ctx: Context) -> None:
    """Add the article's named initiatives to ``ctx.campaigns`` and claim their name spans."""
    text, f = ctx.text, ctx.folded
    if not text.strip():
        return
    starts = ctx.layout.sentence_starts
    quotes = find_quotes(text)
    mentions = _find_mentions(ctx, quotes, starts)
    _attach_places(ctx, mentions, starts)

    groups: dict[str, list[_Mention]] = {}
    order: list[str] = []
    for m in mentions:
        key = "antq" if m.antq_rank else " ".join(f[m.begin : m.end].split()).strip(" .,;:")
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(m)

    # further mentions of a name: a lower-case repeat after a kind word ("mô hình tổ liên gia …"),
    # a quoted shorter form of a longer name (“bám buôn, bám dân” of “Bám buôn, bám dân, …”)
    taken = SpanSet(Span(m.begin, m.end) for m in mentions)
    repeatable = [key for key in order if key != "antq" and _words(key) >= 3]
    if repeatable:
        alt = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(repeatable, key=len, reverse=True))
        for occ in re.finditer(rf"(?<!\w)(?:{alt})(?!\w)", f):
            b, e = occ.start(), occ.end()
            key = " ".join(occ.group().split())
            if key not in groups or taken.overlaps(b, e):
                continue
            if _kind_before(ctx, b, max(0, b - 30), None) is None:
                continue
            groups[key].append(_Mention(b, e, None, None, False))
            taken.add(Span(b, e))
    prefixes: dict[str, str] = {}  # the name and its word-prefixes (2 words or more) -> the name
    for key in order:
        if key != "antq":
            prefixes[key] = key
            for cut in re.finditer(r"[ ,]", key):
                prefixes.setdefault(key[: cut.start()].rstrip(","), key)
    for q in quotes:
        if taken.overlaps(q.begin, q.end):
            continue
        qk = " ".join(f[q.begin : q.end].split()).strip(" .,;:")
        name_key = prefixes.get(qk)
        if name_key is not None and _words(qk) >= 2:
            groups[name_key].append(_Mention(q.begin, q.end, None, None, True))
            taken.add(Span(q.begin, q.end))

    for key in order:
        ms = sorted(groups[key], key=lambda m: m.begin)
        if key == "antq":
            best = max(ms, key=lambda m: (m.antq_rank, m.quoted, -m.begin))
            name = _surface(ctx, best)
            kind: str | None = ANTQ_KIND
            place = None
        else:
            named = [m for m in ms if m.kind is not None or m.quoted]
            best = max(named or ms, key=lambda m: (text[m.begin].isupper(), m.quoted, -m.begin))
            name = _surface(ctx, best)
            kind = next((m.kind for m in ms if m.kind is not None), None)
            place = next((m.place for m in ms if m.place is not None), None)
        spans = tuple(Span(m.begin, m.end) for m in ms)
        kind_spans = tuple(dict.fromkeys(m.kind_span for m in ms if m.kind_span is not None))
        ctx.campaigns.append(Campaign(name=name, kind=kind, place=place, spans=spans, kind_spans=kind_spans))
        ctx.claims.extend(spans)

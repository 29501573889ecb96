"""The names of initiatives and their kinds: every mention, in text order.

The ANTQ movement in all its written forms (one campaign of kind "phong trào"); a quotation after
a kind word (a list of quotations after one kind word; words describing the kind and naming
words between), with a kind word predicated after it, a cue that gives its kind, or no kind when
it reads like a name next to an initiative verb (not speech, a nickname, a metaphor, a document);
a sentence-case name after a kind word without quotes, up to a predicate word, a year or
punctuation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...model import Place
from ...text import WORD, Span
from ..context import Context, SpanSet
from .lexicon import campaign_lexicon
from .quotes import QUOTES, Quote

ANTQ_KIND = "phong trào"


_NUMBER_SLOGAN = re.compile(
    r"\d{1,2}\s+[^\W\d_]+(?:\s+[^\W\d_]+)?(?:\s*[,;]\s*\d{1,2}\s+[^\W\d_]+(?:\s+[^\W\d_]+)?)*"
)


@dataclass
class Mention:
    begin: int
    end: int
    kind: str | None
    kind_span: Span | None
    quoted: bool
    antq_rank: int = 0
    place: Place | None = None
    after_end: int = 0  # end of the place read after the name ("ở xã A"), 0 when none
    #: the key of the name a shorter lower-case mention repeats ("mô hình dòng họ tự quản")
    same_as: str | None = None


def word_count(s: str) -> int:
    """Number of words.

    >>> word_count("Camera vì bình yên")
    4
    """
    return len(WORD.findall(s))


def _antq_mentions(ctx: Context) -> list[Mention]:
    """Every written form of the ANTQ movement (``campaigns_antq.tsv``), not inside an organisation
    name ("Phòng Xây dựng phong trào bảo vệ ANTQ")."""
    lex = campaign_lexicon()
    out: list[Mention] = []
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
        out.append(Mention(m.start(), m.end(), ANTQ_KIND, kspan, False, antq_rank=rank))
    return out


def kind_before(ctx: Context, begin: int, floor: int, taken: SpanSet | None) -> tuple[str, Span, bool] | None:
    """The kind word that governs a name starting at ``begin``: right before it, or before a short
    bridge ("các mô hình, điển hình tiên tiến trong khu dân cư, như: “…”"). Returns (kind, span, near)."""
    lex = campaign_lexicon()
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
    if any(q in bridge for q in QUOTES) or re.search(r"[.;!?\d\n]", bridge):
        return None
    if taken is not None and taken.overlaps(last.end(), begin):
        return None  # another quotation stands between: "mô hình ‘A’ của bản: ‘Bà con …’"
    nwords = word_count(bridge)
    near = nwords == 0
    naming = lex.naming_re.search(bridge)  # "mô hình (điểm) mang tên “…”"
    core = bridge[: naming.start()] if naming is not None else bridge
    listing = re.search(r"(?:(?<!\w)(?:như|gồm)|:)\s*$", bridge) is not None or (
        nwords <= 4 and re.search(r"(?<!\w)là\s*$", bridge) is not None  # "tiêu biểu là “…”"
    )
    modifiers = word_count(core) <= 10 and lex.modifiers_re.fullmatch(core) is not None
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
    if campaign_lexicon().not_name_start_re.match(ctx.folded, q.begin):
        return False
    if _NUMBER_SLOGAN.fullmatch(inner):
        return True  # “3 không”, “5 không, 3 sạch”
    if re.search(r"[.!?;:…]", inner) or not 2 <= word_count(inner) <= 8:
        return False
    # a name may pair short phrases with a comma (“Vườn rau sạch, nông dân sạch ma túy”); a sentence
    # of quoted speech has longer clauses
    parts = inner.split(",")
    return len(parts) == 1 or (len(parts) <= 3 and all(2 <= word_count(part) <= 5 for part in parts))


def _excluded(ctx: Context, q: Quote, starts: list[int], *, kinded: bool = False) -> bool:
    """Quoted speech, nickname or metaphor cues around a quotation (only nickname cues when a
    kind word governs it)."""
    lex = campaign_lexicon()
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
    lex = campaign_lexicon()
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
    lex = campaign_lexicon()
    f = ctx.folded
    if lex.nokind_before_re.search(f, max(0, q.open - 20), q.open):
        return True
    after = q.close + 1
    paren = re.match(r"\s*\([^()\n]{0,120}\)", f[after : after + 130])
    if paren is not None:  # “3 không” (không ma túy, …) vào hương ước
        after += paren.end()
    return bool(lex.nokind_after_re.match(f, after, min(len(f), after + 30)))


def list_bridge(gap: str) -> bool:
    """Text between two names of one list: connectors, optionally after an "ở/tại …" place.

    >>> list_bridge(" ở khu phố 4, phường 5 (thành phố đông hà) và "), list_bridge(", người dân gọi là ")
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
    for pair in campaign_lexicon().comma:
        a, _, b = pair.partition(", ")
        if " ".join(left.split()).endswith(a) and b.split()[0] == right_word:
            return True
    return False


def _unquoted_name(ctx: Context, pos: int, limit: int) -> int:
    """End of a Capitalised unquoted name starting at ``pos`` (``pos`` when there is none): sentence
    case, at least two words, up to a predicate word (``campaigns_stop.tsv``) or punctuation."""
    lex = campaign_lexicon()
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
    count = 0
    for m in _name_words(ctx, pos, limit):
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
            _stops_name(f, m.start()) or re.match(r"(?:năm\s+)?\d{4}(?!\w)", f[m.start() : m.start() + 9])
        ):
            break  # a predicate word, or a year: "danh hiệu Khu dân cư văn hóa | năm 2023"
        end = m.end()
        count += 1
    return end if count >= 2 else pos


def _name_words(ctx: Context, pos: int, limit: int) -> Iterator[re.Match[str]]:
    """The words of a name starting at ``pos``, at most 12, up to ``limit``: each next one after a
    space or after a comma pair that stays inside a name (:func:`_next_word`); the reader stops
    earlier at a word that ends its name."""
    i = pos
    for _ in range(12):
        if i >= limit:
            return
        m = WORD.match(ctx.text, i)
        if m is None:
            return
        yield m
        nxt = _next_word(ctx, pos, m.end(), limit)
        if nxt is None:
            return
        i = nxt


def _next_word(ctx: Context, pos: int, end: int, limit: int) -> int | None:
    """Where the next word of a name that starts at ``pos`` and has reached ``end`` begins: after a
    space, or after a comma of a pair that stays inside a name ("an ninh, trật tự"); ``None`` when
    the name ends there."""
    text = ctx.text
    if text.startswith(", ", end):
        nxt = WORD.match(text, end + 2)
        if nxt is not None and _comma_joins(ctx.folded[pos:end], ctx.folded[nxt.start() : nxt.end()]):
            return end + 2
        return None
    if end < limit and text[end] == " ":
        return end + 1
    return None


def _key(ctx: Context, m: Mention) -> str:
    """The folded name of a mention, spaces collapsed: the key its initiative is joined by."""
    return " ".join(ctx.folded[m.begin : m.end].split()).strip(" .,;:")


def _stops_name(f: str, pos: int) -> bool:
    """True when a word that ends an unquoted name stands at ``pos`` (``campaigns_stop.tsv``), not
    followed by one of the words that keep it inside ("trên biển")."""
    lex = campaign_lexicon()
    m = lex.stop_re.match(f, pos)
    if m is None:
        return False
    keep = lex.stop_keep.get(" ".join(m.group().split()))
    if keep:
        nxt = WORD.match(f, m.end() + 1)
        if nxt is not None and f[m.end()] == " " and nxt.group() in keep:
            return False
    return True


def _lower_name(
    ctx: Context, pos: int, limit: int, kind: str, names: list[str]
) -> tuple[int, str | None] | None:
    """A lower-case name right after a kind word (``campaigns_lower_starts.tsv``): its end, and the key
    of the name it repeats when it is the start of one the article gives; ``None`` for words that
    only describe the kind ("mô hình tự quản về ANTT")."""
    lex = campaign_lexicon()
    f = ctx.folded
    end = pos
    count = 0
    for m in _name_words(ctx, pos, limit):
        w = m.group()
        if w[0].isupper() or w[0].isdigit() or (count and _stops_name(f, m.start())):
            break
        end = m.end()
        count += 1
    if count < 2:
        return None
    key = " ".join(f[pos:end].split())
    bare = key.replace(",", "")
    for name in names:
        other = name.replace(",", "")
        if other == bare or other.startswith(bare + " ") or bare.startswith(other + " "):
            return end, name  # "mô hình dòng họ tự quản" after “Dòng họ tự quản về ANTT”
    start = lex.lower_starts_re.match(f, pos)
    if start is None:
        return None
    collective = lex.lower_starts.get((" ".join(kind.split()), " ".join(start.group().split())))
    if collective is None:
        return None
    rest = f[start.end() : end]
    if collective and (not rest.strip() or lex.modifiers_re.fullmatch(rest) is not None):
        return None  # "tổ tự quản về ANTT": a kind of group, not a named model
    return end, None


def find_mentions(ctx: Context, quotes: list[Quote], starts: list[int]) -> list[Mention]:
    """Every initiative mention in text order: ANTQ forms, quotations, unquoted names after kinds."""
    lex = campaign_lexicon()
    text, f = ctx.text, ctx.folded
    antq = _antq_mentions(ctx)
    mentions: list[Mention] = list(antq)
    antq_cover = SpanSet(Span(m.begin, m.end) for m in antq)
    quoted_areas = SpanSet(Span(q.open, q.close + 1) for q in quotes)
    antq_begins = [m.begin for m in antq]

    # quoted names, in text order, so that a kind word covers the list that follows it
    prev: Mention | None = None
    for q in quotes:
        if antq_cover.overlaps(q.begin, q.end):
            inside = [m for m in antq[bisect.bisect_left(antq_begins, q.begin) :] if m.begin < q.end]
            if _names_the_movement(ctx, q, inside):
                # quoted ANTQ form: mark it quoted (its surface is the preferred name)
                for m in inside:
                    if m.end <= q.end:
                        m.quoted = True
                prev = None
                continue
            # the movement named inside a longer title (“Nâng cao hiệu quả phong trào toàn dân bảo vệ
            # ANTQ …”): one mention of the movement, and the title may be an initiative of its own
        s = starts[bisect.bisect_right(starts, q.open) - 1]
        inner = text[q.begin : q.end]
        others = quoted_areas
        if q.depth:  # a motto quoted inside quoted speech: the speech's own words may govern it
            others = SpanSet(Span(o.open, o.close + 1) for o in quotes if not o.open < q.open < o.close)
        kind_hit = kind_before(ctx, q.open, s, others)
        cand: Mention | None = None
        if kind_hit is not None and not _excluded(ctx, q, starts, kinded=True):
            kind, kspan, near = kind_hit
            if inner[0].isupper() or inner[0].isdigit() or near:
                cand = Mention(q.begin, q.end, kind, kspan, True)
        if cand is None and (inner[0].isupper() or inner[0].isdigit()):
            after = _kind_after(ctx, q)  # “Camera an ninh” là mô hình …
            if after is not None:
                cand = Mention(q.begin, q.end, after[0], after[1], True)
        if cand is None and prev is not None and prev.end <= q.open:
            gap = f[prev.end + (1 if prev.quoted else 0) : q.open]
            if list_bridge(gap) and (inner[0].isupper() or inner[0].isdigit()):
                cand = Mention(q.begin, q.end, prev.kind, prev.kind_span, True)
        if cand is None:
            cue = lex.cue_re.search(f, max(s, q.open - 25), q.open)
            if cue is not None and (inner[0].isupper() or inner[0].isdigit()):
                kind = lex.cues[" ".join(cue.group().split())]
                cand = Mention(q.begin, q.end, kind, None, True)
        if (
            cand is None
            and _name_like(ctx, q)
            and not _excluded(ctx, q, starts)
            and (_NUMBER_SLOGAN.fullmatch(inner) or _nokind_cue(ctx, q))
        ):
            cand = Mention(q.begin, q.end, None, None, True)
        if cand is not None:
            mentions.append(cand)
        prev = cand

    # unquoted names after a kind word that allows them
    names_so_far = [_key(ctx, m) for m in mentions if not m.antq_rank]
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
                if not listing:
                    lower = _lower_name(ctx, pos, limit, kind, names_so_far)
                    if lower is not None:
                        names_so_far.append(lower[1] or " ".join(f[pos : lower[0]].split()))
                        mentions.append(
                            Mention(pos, lower[0], kind, Span(km.start(), km.end()), False, same_as=lower[1])
                        )
                break
            mentions.append(Mention(pos, end, kind, Span(km.start(), km.end()), False))
            names_so_far.append(" ".join(f[pos:end].split()))
            nxt = re.match(r",\s+|\s+và\s+", f[end:limit])
            if nxt is None:
                break
            pos = end + nxt.end()
    mentions.sort(key=lambda m: m.begin)
    # drop unquoted duplicates of quoted ones and overlaps (a mention of the movement inside a title
    # stays: it is the movement's)
    out: list[Mention] = []
    for m in mentions:
        if out and m.begin < out[-1].end and not (m.antq_rank and not out[-1].antq_rank):
            continue
        out.append(m)
    return out


def _names_the_movement(ctx: Context, q: Quote, inside: list[Mention]) -> bool:
    """True when a quotation holding a form of the ANTQ movement is that name (with at most a
    kind word or a period around it: “Toàn dân bảo vệ an ninh Tổ quốc”, “phong trào toàn dân bảo vệ
    ANTQ năm 2024”), not a longer title that mentions it."""
    if not inside:
        return True
    rest = ctx.folded[q.begin : inside[0].begin] + " " + ctx.folded[inside[-1].end : q.end]
    return word_count(_MOVEMENT_FRAME.sub(" ", rest)) <= 1


#: words that may frame the movement's name in its own quotation: its kind word, a period
_MOVEMENT_FRAME = re.compile(r"phong\s+trào|ngày\s+hội|(?:giai\s+đoạn|năm)\s+[\d\s\-–]+|\d{4}")

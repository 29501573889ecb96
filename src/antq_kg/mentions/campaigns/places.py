"""The place an initiative belongs to: a unit the places stage read near its name.

For local kinds only: the unit after "ở/tại/của/do" that follows the name (one place after the
last name of a list is the place of every name of the list), else the most specific unit named
earlier in the name's own clause, else before the first name of the sentence (a bare
"xã"/"Công an xã" is the commune last named; a parent after "thuộc" is skipped), else in the
previous sentence of the paragraph. An initiative covering several units belongs to the unit above
them. The units are the places stage's mentions written with their type word (levels: 1 province …
4 residential, higher is more specific).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from ...model import Place
from ...text import Span, name_key
from ..admin_units import RESIDENTIAL, type_word, type_word_pattern
from ..context import Context, chain_key
from .lexicon import campaign_lexicon
from .names import Mention, list_bridge
from .quotes import MARKS


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


def _org_hits(ctx: Context) -> list[_PlaceHit]:
    """The organisations of a unit the organisations stage resolved, with no unit written beside
    them ("Hội Liên hiệp Phụ nữ phường duy trì câu lạc bộ …": the ward the article means), in text
    order."""
    index = ctx.place_index
    out = []
    for org in ctx.org_mentions:
        if org.place is not None and not index.overlapping(org.begin, org.end):
            tw = type_word(org.place.type)
            if tw is not None:
                out.append(_PlaceHit(org.begin, org.end, org.place.type, tw.level, org.place))
    out.sort(key=lambda h: h.begin)
    return out


def _hits(ctx: Context, lo: int, hi: int, orgs: list[_PlaceHit]) -> list[_PlaceHit]:
    """The units named with a type word (the places stage's mentions) and the bare anaphoric type
    words in ``[lo, hi)``, in text order."""
    lex = campaign_lexicon()
    index, folded = ctx.place_index, ctx.folded
    out: list[_PlaceHit] = []
    for span, place in index.mentions[
        bisect.bisect_left(index.starts, lo) : bisect.bisect_left(index.starts, hi)
    ]:
        typed = _typed(ctx, span, place)
        if typed is not None:
            out.append(_PlaceHit(span.begin, span.end, typed[0], typed[1], place))
    named = {h.begin for h in out}
    begins = [h.begin for h in orgs]
    for h in orgs[bisect.bisect_left(begins, lo) : bisect.bisect_left(begins, hi)]:
        out.append(h)
        named.add(h.begin)
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


def _plural_level(folded: str, pos: int) -> int | None:
    """The level of the unit type after a plural determiner at ``pos`` ("các xã", "2 xã", "19/19 xã",
    ``campaigns_plural.tsv``): the initiative covers several units of that level.

    >>> _plural_level("ở các xã biên giới", 2), _plural_level("ở 19/19 xã, thị trấn", 2)
    (3, 3)
    >>> _plural_level("ở xã biên giới", 2) is None
    True
    """
    lex = campaign_lexicon()
    m = lex.plural_re.match(folded, pos)
    if m is None:
        return None
    t = lex.place_re.match(folded, m.end())
    return None if t is None else lex.place_types[" ".join(t.group().split())][1]


def _coordinated_level(folded: str, hit: _PlaceHit) -> int | None:
    """The level of ``hit`` when another unit of that level is coordinated with it ("thị trấn A và
    các xã B, C", "xã A, xã B"), i.e. the initiative covers several units; ``None`` for one unit
    or a parent chain ("tổ dân phố số 3, phường B")."""
    lex = campaign_lexicon()
    m = re.compile(r"\s*(?:,\s*và|,|và|cùng|cùng với)\s+").match(folded, hit.end)
    if m is None:
        return None
    pos = m.end()
    det = lex.plural_re.match(folded, pos)
    if det is not None:
        pos = det.end()
    t = lex.place_re.match(folded, pos)
    if t is None:
        return None
    other_type, other_level = lex.place_types[" ".join(t.group().split())]
    if not _siblings(hit.level, hit.type, other_level, other_type):
        return None
    return hit.level


def _chain_parent(folded: str, child: _PlaceHit, hit: _PlaceHit) -> bool:
    """True when ``hit`` is written right after ``child`` as the unit it lies in: a residential unit
    of another type after a comma ("sóc Mới, ấp Tắc Bướm")."""
    return (
        child.level == hit.level == RESIDENTIAL
        and child.type != hit.type
        and re.fullmatch(r"\s*,\s*", folded[child.end : hit.begin]) is not None
    )


def _siblings(level: int, type_: str, other_level: int, other_type: str) -> bool:
    """True when two coordinated units stand side by side: the same level ("thị trấn A và các xã B"),
    and for residential units the same type (a sóc written before an ấp lies in it)."""
    return level == other_level and (level < RESIDENTIAL or type_ == other_type)


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
    """True when ``hit`` is coordinated with another named unit of its type right before or after
    it ("Công an xã A và Công an xã B", "xã A, xã B"): together they stand for several units (two
    residential units of two types are a chain: "sóc Mới, ấp Tắc Bướm" is a sóc in an ấp)."""
    i = cands.index(hit)
    for a, b in ((i - 1, i), (i, i + 1)):
        if a >= 0 and b < len(cands):
            h1, h2 = cands[a], cands[b]
            if (
                _siblings(h1.level, h1.type, h2.level, h2.type)
                and h1.place
                and h2.place
                and chain_key(h1.place) != chain_key(h2.place)
                and _COORD.fullmatch(folded, h1.end, h2.begin)
            ):
                return True
    return False


def attach_places(ctx: Context, mentions: list[Mention], starts: list[int]) -> None:
    """Tie local initiatives to a place: after "ở/tại", else earlier in the sentence, else in the
    previous sentence of the paragraph (the most specific unit; a parent after "thuộc" is skipped)."""
    lex = campaign_lexicon()
    text, f = ctx.text, ctx.folded
    begins = [m.begin for m in mentions]
    org_hits = _org_hits(ctx)
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
        hits = _hits(ctx, prev_s, after_end, org_hits)
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
                gap = f[prev_m.end : m.begin].lstrip(MARKS).rstrip(MARKS + " ")
                if not list_bridge(gap):
                    windows.insert(0, (max(prev_m.end, prev_m.after_end), m.begin))
            if prev_s < s:
                windows.append((prev_s, s))
            for lo, hi in windows:
                cands: list[_PlaceHit] = []
                for h in hits[bisect.bisect_left(hit_begins, lo) : bisect.bisect_left(hit_begins, hi)]:
                    k = bisect.bisect_right(begins, h.begin) - 1
                    if k >= 0 and mentions[k].begin <= h.begin < mentions[k].end:
                        continue  # inside a name: “Khu phố …”
                    if re.search(r"(?<!\w)thuộc\s+$", f[max(0, h.begin - 8) : h.begin]):
                        continue  # "ấp Phú Khương thuộc xã Phú Túc": the parent
                    if cands and _chain_parent(f, cands[-1], h):
                        continue  # "sóc Mới, ấp Tắc Bướm": the ấp the sóc lies in
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
        gap = f[m.end : nxt.begin].lstrip(MARKS).rstrip(MARKS + " ")
        if re.fullmatch(r"\s*(?:,|;|và|hoặc|,\s*và)\s*", gap):
            m.place, m.after_end = nxt.place, nxt.after_end

"""Organisations named by a proper name, a description or the unit they belong to.

The heads of ``people_org_named.tsv`` (read after those of ``people_org_heads.tsv``) start:

* a proper name — newspapers and publishers ("Báo An ninh Thủ đô", "Nhà xuất bản Công an nhân
  dân"), centres ("Trung tâm Bảo tồn Di tích Cố đô Huế"), companies ("Công ty TNHH Giày da Tân Phú
  Hưng"): capitalised words, each maybe followed by one lower-case word ("An ninh Thủ đô"), up to a
  verb or a lower-case pair ("Báo Thái Nguyên | duy trì"); known names run whole ("Công an nhân
  dân", the expansions of ``abbrev_known.tsv``);
* a description and an anchor — associations ("Hội Các bà mẹ Công giáo giáo xứ Tân Mỹ"), branches
  and groups ("Chi hội Phụ nữ thôn", "Chi đoàn Công an xã X", "Tổ tự quản về ANTT thôn Khe Cát",
  "Tổ đoàn kết tự quản trên biển số 2"): the anchor is a unit (its level word and name; a bare level
  word is the unit of that type the article named last), a number ("số 2"), or the organisation the
  group belongs to ("Công đoàn Công ty …", "Tổ hòa giải giáo xứ" → the parish named last); with no
  anchor the group is no organisation (a description alone is a common noun: "Tổ an ninh công nhân
  tập trung ở …");
* a family name — clans ("dòng họ Clâu"), with the residential unit or commune written after it or
  named earlier in the paragraph ("Trong thôn Đắc Ốc, dòng họ Clâu …" → "Dòng họ Clâu thôn Đắc Ốc").

In a post, a head written alone is the organisation of that head named last: "Chủ tịch Hội" after
"Hội Liên hiệp Phụ nữ xã La Dêê", "Bí thư Chi đoàn", "Chủ tịch Công đoàn Công ty", "Trưởng họ".
A branch of a residential unit's Party cell or youth cell ("Chi đoàn xóm X") is a village role, not an
organisation (docs/ANNOTATION.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from ...lexicon import table, words
from ...model import Place
from ...text import UPPER, name_key
from ..admin_units import residential_types
from ..known_abbreviations import known_abbreviations
from ..names import TextView, name_words, read_unit_name, stops_phrase, whole_words
from .keys import OrgMention

if TYPE_CHECKING:
    from .reader import OrgReader

#: words of a description at most ("đoàn kết tự quản trên biển" is 6)
_MAX_DESCRIPTION = 7
#: words of a proper name at most
_MAX_NAME = 10
#: how far back a head written alone looks for the organisation it names again (characters)
_BACKREF_REACH = 2500
_NUMBER = re.compile(r"[^\S\n]*số[^\S\n]+\d+(?![\w])")
_AT = re.compile(r"[^\S\n]*(?:ở|tại)[^\S\n]+")
_OF = re.compile(r"[^\S\n]*của[^\S\n]+")
#: "công ty" in lower case after a group: the company named before ("Công đoàn công ty")
_THE_COMPANY = re.compile(r"[^\S\n]*(?:của[^\S\n]+)?công[^\S\n]+ty(?![\w])(?![^\S\n]+[A-ZÀ-ỸĐ])")
_QUOTES = "\"“”‘’'«"
#: the branches that are a village role in a residential unit when a post names them (docs/ANNOTATION.md:
#: "Bí thư Chi đoàn buôn Ea Kmar" is a post kept whole, like "Bí thư Chi bộ"); acting in the text
#: ("Chi đoàn thanh niên xóm phối hợp với …") the youth cell is an organisation
_VILLAGE_CELLS = frozenset({"chi đoàn"})


class Anchor(NamedTuple):
    """What a group belongs to: its label in the group's name, where it ends, its level and place,
    its kind (residential, admin, number, org) and the organisation, when it is one written there."""

    label: str
    end: int
    level: str | None
    place: Place | None
    kind: str
    parent: OrgMention | None = None


@dataclass(frozen=True, slots=True)
class _NamedRow:
    """A row of ``people_org_named.tsv``: a head, the kind of name after it, how it is displayed
    ("-": as written) and whether it must be written with a capital."""

    surface: str
    kind: Literal["press", "centre", "company", "association", "branch", "branch_of", "clan"]
    display: str = "-"
    case: Literal["capital", "any", "lower"] = "capital"
    not_before: tuple[str, ...] = ()
    fallback: Literal["residential"] | None = None


@dataclass(frozen=True, slots=True)
class NamedHeads:
    rows: dict[str, _NamedRow]
    head_re: re.Pattern[str]
    #: the first word of a head of either lexicon, then the heads themselves: the organisations
    #: stage's scan tries each first word (nested heads too: "cán bộ Công an") against the heads
    first_re: re.Pattern[str]
    scan_re: re.Pattern[str]
    #: the first words of the heads that may be written in lower case ("chùa", "dòng họ")
    lower_firsts: frozenset[str]
    #: known proper names that run past the usual end ("Công an nhân dân"), folded
    known_re: re.Pattern[str]
    #: a company's legal form before its name (``people_company_forms.tsv``)
    company_form_re: re.Pattern[str]
    #: lower-case words that continue a name when a capitalised name follows (``orgs_name_links.tsv``)
    link_re: re.Pattern[str]


@cache
def named_heads() -> NamedHeads:
    rows = {name_key(r.surface): r for r in table("people_org_named", _NamedRow)}
    known = [k.expansion for k in known_abbreviations() if k.expansion[:1].isupper() and " " in k.expansion]
    known += words("orgs_known_names")
    head_re = re.compile(r"(?<![\w])" + whole_words(list(rows)))
    return NamedHeads(
        rows=rows,
        head_re=head_re,
        first_re=re.compile(
            r"(?<![\w])" + whole_words(sorted({h.split()[0] for h in (*name_words().heads, *rows)}))
        ),
        lower_firsts=frozenset(
            [h.split()[0] for h, entry in name_words().heads.items() if entry[0] != "-^"]
            + [h.split()[0] for h, r in rows.items() if r.case != "capital"]
        ),
        scan_re=re.compile(f"{name_words().org_scan_re.pattern}|{head_re.pattern}"),
        known_re=re.compile(whole_words([name_key(k) for k in known])),
        company_form_re=re.compile(whole_words([name_key(w) for w in words("people_company_forms")])),
        link_re=re.compile(whole_words([name_key(w) for w in words("orgs_name_links")]) + r"[^\S\n]+"),
    )


def head_at(d: TextView, pos: int) -> tuple[int, _NamedRow] | None:
    """The named head written at ``pos`` (its end and row), in the case its row requires."""
    m = named_heads().head_re.match(d.folded, pos)
    if m is None:
        return None
    end = m.end()
    row = named_heads().rows[name_key(d.text[pos:end])]
    if row.case == "lower" and d.text[pos] in UPPER:
        # "Tổ an ninh công nhân" capitalised: the capitalised head of its first word ("Tổ") reads it
        first = d.token(pos)
        row_first = named_heads().rows.get(name_key(d.text[pos : first[1]])) if first else None
        if first is None or row_first is None:
            return None
        end, row = first[1], row_first
    if row.case == "capital" and d.text[pos] not in UPPER:
        return None
    nxt = d.token(end)
    if nxt is not None and nxt[2] and name_key(d.text[nxt[0] : nxt[1]]) in row.not_before:
        return None  # "Tổ quốc", "Chi hội trưởng"
    if pos and d.text[pos - 1] in _QUOTES:
        return None  # "“Tổ tự quản phum, sóc”": the name of a model, not a group
    level = name_words().level_re.match(d.folded, pos)
    if level is not None and level.end() > end:
        return None  # "Tổ dân phố số 3": a residential unit
    return end, row


def read_named(r: OrgReader, begin: int, *, standalone: bool, in_post: bool) -> OrgMention | None:
    """The organisation a named head starts at ``begin`` (see the module docstring)."""
    d = r.d
    found = head_at(d, begin)
    if found is None:
        return None
    head_end, row = found
    display = d.text[begin:head_end] if row.display == "-" else row.display
    contextual = in_post or not standalone
    if row.kind == "branch_of":
        inner = read_named(r, d.skip_spaces(head_end), standalone=False, in_post=in_post)
        if inner is None:
            return None
        label = f"{display} {inner.name}"
        return OrgMention(label, name_key(label), begin, inner.end, inner.kind, inner.level, inner.place)
    if row.kind in ("press", "centre", "company"):
        name_at = head_end
        if row.kind == "company":
            while (form := named_heads().company_form_re.match(d.folded, d.skip_spaces(name_at))) is not None:
                name_at = form.end()  # "Công ty cổ phần …", "Công ty TNHH MTV …"
        name = proper_name(d, name_at)
        if name is not None and name_at > head_end:
            name = (d.skip_spaces(head_end), name[1])
        if name is None:
            return backref(r, display, begin, head_end) if contextual else None
        end = name[1]
        label = f"{display} {d.text[name[0] : name[1]]}"
        if row.kind == "centre":
            lv = r.level_at(end)
            if lv is not None and d.text[d.skip_spaces(end)] not in UPPER:
                ref = r.unit_after_level(begin, lv, name_key(label))
                label, end = f"{label} {ref.label}", ref.end
        return OrgMention(label, name_key(label), begin, end, row.kind)
    if row.kind == "clan":
        return _clan(r, begin, head_end, contextual=contextual)
    # a group the head names whole, written in lower case ("tổ bảo vệ an ninh, trật tự"): its
    # anchor follows at once ("… trên địa bàn xã X" is a common noun and a place)
    whole = row.case != "capital" and row.kind == "branch"
    whole = whole or _THE_COMPANY.match(d.text, head_end) is not None  # "Công đoàn công ty"
    desc = None if whole else description(r, head_end, first_capital=row.kind == "association")
    anchor_pos = desc[1] if desc is not None else head_end
    if row.kind == "association" and desc is None:
        return backref(r, display, begin, head_end) if contextual else None
    anchor = _anchor(r, begin, anchor_pos, of=whole)
    if anchor is None and row.fallback == "residential":
        anchor = _last_residential(r, begin, anchor_pos)
    if anchor is None:
        if desc is None and contextual:
            return backref(r, display, begin, head_end)
        if row.kind == "association" and desc is not None:
            from .organs import shared_unit

            written = f"{display} {d.text[desc[0] : desc[1]]}"
            return shared_unit(r, begin, desc[1], written, name_key(written), standalone=standalone)
        return None
    if name_key(display) in _VILLAGE_CELLS and anchor.kind == "residential" and (in_post or r.post_before(begin)):
        return None
    written = d.text[desc[0] : desc[1]] if desc is not None else ""
    label = " ".join(x for x in (display, written, anchor.label) if x)
    return OrgMention(
        label, name_key(label), begin, anchor.end, row.kind, anchor.level, anchor.place, parent=anchor.parent
    )


def proper_name(d: TextView, pos: int) -> tuple[int, int] | None:
    """A proper name from ``pos``: capitalised words, each maybe followed by one lower-case word
    that a capital, a verb or punctuation follows ("An ninh Thủ đô"), known names whole."""
    known = named_heads().known_re
    begin = end = -1
    p = pos
    count = 0
    prev_capital = False
    while count < _MAX_NAME:
        t = d.token(p)
        if t is None or not t[2]:
            break
        b, e, _ = t
        capital = d.text[b] in UPPER or d.text[b].isdigit()
        if capital:
            k = known.match(d.folded, b)
            if k is not None and d.text[b] in UPPER:
                e = k.end()
        elif (link := link_end(d, b)) is not None and begin >= 0:
            e = link  # "Chi cục Hải quan cửa khẩu quốc tế | Bờ Y": the name goes on
            capital = False
        elif not prev_capital or stops_phrase(d, b, e) or not _closes_word(d, e):
            break
        if begin < 0:
            if not capital:
                return None
            begin = b
        end = p = e
        count += 1
        prev_capital = capital
    return None if begin < 0 else (begin, end)


def link_end(d: TextView, pos: int) -> int | None:
    """Where the words of ``orgs_name_links.tsv`` written at ``pos`` end, when a capital follows."""
    m = named_heads().link_re.match(d.folded, pos)
    return m.end() if m is not None and m.end() < len(d.text) and d.text[m.end()] in UPPER else None


def _closes_word(d: TextView, pos: int) -> bool:
    """After a lower-case word of a name: a capital, punctuation, the line's end, a verb, or the
    level word of the unit the name ends with ("Trung tâm Y tế | huyện Kim Sơn")."""
    t = d.token(pos)
    if t is None or not t[2]:
        return True
    return (
        d.text[t[0]] in UPPER
        or stops_phrase(d, t[0], t[1])
        or name_words().level_re.match(d.folded, t[0]) is not None
    )


def description(r: OrgReader, pos: int, *, first_capital: bool) -> tuple[int, int] | None:
    """The words describing a group after its head, up to its anchor (a level word, a head, "số N"):
    ``None`` when there are none, or more than a name holds, or ``first_capital`` and the first is
    lower-case ("Hội nghị")."""
    d = r.d
    lex = name_words()
    begin = end = -1
    p = pos
    count = 0
    while True:
        if r.level_at(p) is not None or _NUMBER.match(d.folded, p) or _AT.match(d.folded, p):
            break
        if begin >= 0 and _THE_COMPANY.match(d.text, p):
            break  # "Chi đoàn thanh niên | công ty": the company named before
        t = d.token(p)
        if t is None or not t[2]:
            break
        b, e, _ = t
        capital = d.text[b] in UPPER
        if (capital and (lex.head_re.match(d.folded, b) or head_at(d, b))) or _pagoda_at(d, b):
            break
        if stops_phrase(d, b, e):
            break
        if begin < 0:
            if first_capital and not capital:
                return None
            begin = b
        end = p = e
        count += 1
        if count > _MAX_DESCRIPTION:
            return None
    return None if begin < 0 else (begin, end)


def _pagoda_at(d: TextView, pos: int) -> bool:
    m = name_words().head_re.match(d.folded, pos)
    return m is not None and name_words().heads[name_key(d.text[pos : m.end()])][1] == "pagoda"


def _anchor(r: OrgReader, begin: int, pos: int, *, of: bool = False) -> Anchor | None:
    """What a group belongs to, written at ``pos``: a number, a unit or an organisation; with
    ``of``, also a unit after "của" ("tổ bảo vệ an ninh, trật tự của ấp")."""
    d = r.d
    num = _NUMBER.match(d.folded, pos)
    if num is not None:
        return Anchor(d.text[d.skip_spaces(pos) : num.end()], num.end(), None, None, "number")
    lv = r.level_at(pos)
    if lv is None and of and (m := _OF.match(d.folded, pos)) is not None:
        lv = r.level_at(m.end())
    if lv is not None:
        level = lv[2]
        if name_key(level) in residential_types():
            return _residential(r, begin, lv)
        ref = r.unit_after_level(begin, lv, "")
        return Anchor(ref.label, ref.end, ref.level, ref.place, "admin")
    q = d.skip_spaces(pos)
    # "tổ bảo vệ an ninh, trật tự của Công ty cổ phần May Sông Lam": a company after "của" (a board
    # after it is whose delegation it is: "Đoàn kiểm tra của Ban Chỉ đạo tỉnh")
    of_org = _OF.match(d.folded, pos) if of else None
    if of_org is not None and (h := head_at(d, of_org.end())) is not None and h[1].kind == "company":
        q = of_org.end()
    company = _THE_COMPANY.match(d.text, pos)
    if company is not None:
        # "Chủ tịch Công đoàn công ty", "Tổ an ninh công nhân của công ty": the company named last
        earlier = backref(r, "Công ty", q, company.end())
        if earlier is not None:
            return Anchor(earlier.name, company.end(), None, None, "org")
    if q < len(d.text) and (name_words().head_re.match(d.folded, q) or head_at(d, q)):
        parent = r.read_org(q, standalone=False)
        if parent is not None:
            return Anchor(parent.name, parent.end, parent.level, parent.place, "org", parent)
        m = name_words().head_re.match(d.folded, q)
        if m is not None and _pagoda_at(d, q):
            # "Tổ hòa giải giáo xứ": the parish named last
            earlier = backref(r, d.text[q : m.end()], q, m.end())
            if earlier is not None:
                return Anchor(earlier.name, earlier.end, earlier.level, earlier.place, "org")
    return None


def _residential(r: OrgReader, begin: int, lv: tuple[int, int, str]) -> Anchor | None:
    """A residential unit after a group's description: named ("thôn Khe Cát"), or the one of that
    type the paragraph named last ("Chi hội Phụ nữ thôn" → "thôn Khe Cát")."""
    d = r.d
    lv_begin, lv_end, level = lv
    name = read_unit_name(d, lv_end)
    if name is not None:
        return Anchor(
            f"{level} {d.text[name[0] : name[1]]}",
            name[1],
            level,
            r.place_at(lv_begin, name[1]),
            "residential",
        )
    para_begin, _ = d.para(begin)
    place = r.places.before(begin, (name_key(level),), since=para_begin)
    if place is None:
        return None
    return Anchor(f"{place.type} {place.name}", lv_end, level, place, "residential")


def _last_residential(r: OrgReader, begin: int, end: int) -> Anchor | None:
    """The residential unit the paragraph named last before ``begin``."""
    para_begin, _ = r.d.para(begin)
    place = r.places.before(begin, residential_types(), since=para_begin)
    if place is None:
        return None
    return Anchor(f"{place.type} {place.name}", end, None, place, "residential")


def _clan(r: OrgReader, begin: int, head_end: int, *, contextual: bool) -> OrgMention | None:
    """A clan: "dòng họ" + a family name, with the unit after it or earlier in its paragraph."""
    d = r.d
    t = d.token(head_end)
    if t is None or not t[2] or d.text[t[0]] not in UPPER or name_words().stop_re.match(d.folded, t[0]):
        return backref(r, "Dòng họ", begin, head_end) if contextual else None
    return clan_of(r, begin, t[0], t[1])


def clan_of(r: OrgReader, begin: int, name_begin: int, name_end: int) -> OrgMention | None:
    """The clan of the family name at ``[name_begin, name_end)``, named with its unit."""
    d = r.d
    end = name_end
    unit = None
    at = _AT.match(d.folded, end)
    lv = r.level_at(at.end() if at else end)
    if lv is not None:
        name = read_unit_name(d, lv[1])
        if name is not None:
            unit, end = f"{lv[2]} {d.text[name[0] : name[1]]}", name[1]
    if unit is None:
        # the unit named last in its paragraph ("Trong thôn Đắc Ốc, dòng họ Clâu …", "… trú bản Mé …
        # Dòng họ Lò trong bản …"); of a chain "ấp Phú Bình, xã Phú Thọ" the residential unit
        para_begin = d.para(begin)[0]
        place = r.places.before(
            begin, (*residential_types(), "xã", "phường", "thị trấn"), since=para_begin
        )
        if place is not None and name_key(place.type) not in residential_types():
            res = r.places.before(begin, residential_types(), since=para_begin)
            if res is not None and res.parent is not None and name_key(res.parent.name) == name_key(place.name):
                place = res
        if place is not None:
            unit = f"{place.type} {place.name}"
    family = d.text[name_begin:name_end]
    if unit is None:
        # "trưởng họ Lò": the clan of that name named before with its unit
        earlier = backref(r, f"Dòng họ {family}", begin, end)
        if earlier is not None:
            return earlier
    label = " ".join(x for x in ("Dòng họ", family, unit) if x)
    return OrgMention(label, name_key(label), begin, end, "clan")


def backref(r: OrgReader, head: str, begin: int, end: int) -> OrgMention | None:
    """The organisation named last whose name starts with ``head`` ("Hội" → "Hội Liên hiệp Phụ nữ
    xã La Dêê"), not long before."""
    want = name_key(head)
    for org in r.recent_orgs():
        if org.begin >= begin or begin - org.begin > _BACKREF_REACH:
            continue
        if org.key == want or org.key.startswith(want + " "):
            return OrgMention(
                org.name, org.key, begin, end, org.kind, org.level, org.place, org.police, org.unit
            )
    return None

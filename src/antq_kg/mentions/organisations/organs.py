"""Organisations named through another one: steering committees, boards, and heads that share a unit.

* A steering committee (``steering`` heads: "Ban Chỉ đạo", "BCĐ") is named by what it steers and
  its unit: "Ban Chỉ đạo phong trào toàn dân bảo vệ ANTQ tỉnh Bắc Giang", "Ban Chỉ đạo 138 tỉnh";
  written without what it steers ("Ban Chỉ đạo tỉnh", "BCĐ") it is the steering committee of that
  level named before, when there is one.
* A board (``organ`` heads: "Ban Tuyên giáo", "Ban Trị sự", "Ban hành giáo") is an organisation
  only with the organisation it belongs to written right after it: "Ban Tuyên giáo Tỉnh ủy" (→
  "… Tỉnh ủy Bắc Giang"), "Ban Trị sự chùa Linh Mụ"; "Ban Công tác Mặt trận" alone, "ban quản trị
  tòa nhà" are no organisation. A management board may instead be named after the area it manages
  (``orgs_managed_areas.tsv``): "Ban Quản lý Khu kinh tế tỉnh Kon Tum", "Ban Quản lý dự án Khu bảo
  tồn sâm Ngọc Linh"; the area is a facility, not an organisation.
* A head written without its unit shares the unit of the list it stands in ("Hội Cựu chiến binh,
  Hội Liên hiệp Phụ nữ, Đoàn Thanh niên phường": each is the ward's; "Đảng ủy - HĐND - UBND phường
  Kim Long"; "…, Hội Nông dân, Tỉnh đoàn": the province's; "Huyện đoàn, Hội Cựu chiến binh": the
  district's), or the unit of the one organisation it works with in its clause ("Công an xã phối
  hợp với Hội Nông dân": the commune's).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from ...lexicon import words
from ...text import UPPER, name_key
from ..names import name_words, stops_phrase, whole_words
from .keys import OrgMention, org_key

if TYPE_CHECKING:
    from .reader import OrgReader

#: the words a steering committee's object may run to ("phong trào toàn dân bảo vệ ANTQ", "138")
_MAX_OBJECT_WORDS = 12
#: a list separator between organisation heads
_LIST_SEP = re.compile(r"[^\S\n]*(?:,|[-\u2013]|và)[^\S\n]*")
#: a verb of working together right before a head: "phối hợp với", "cùng", "kết hợp với"
_WITH = re.compile(r"(?<![\w])(?:phối hợp|kết hợp|cùng với|cùng)(?:[^\S\n]+với)?[^\S\n]+$")


def read_steering(r: OrgReader, begin: int, head_end: int, display: str, key: str) -> OrgMention | None:
    """A steering committee: its object up to its level word, then its unit (see the module docstring)."""
    d = r.d
    pos = r.skip_abbreviation(head_end)
    obj_begin = obj_end = -1
    p = pos
    count = 0
    while count < _MAX_OBJECT_WORDS:
        if r.level_at(p) is not None:
            break
        t = d.token(p)
        if t is None or not t[2]:
            break
        b, e, _ = t
        if stops_phrase(d, b, e) or (d.text[b] in UPPER and name_words().head_re.match(d.folded, b)):
            break
        if obj_begin < 0:
            obj_begin = b
        obj_end = p = e
        count += 1
    if count >= _MAX_OBJECT_WORDS:
        return None
    lv = r.level_at(p)
    obj = d.text[obj_begin:obj_end] if obj_begin >= 0 else ""
    if lv is None:
        # "BCĐ", "Ban Chỉ đạo phong trào …": the steering committee named before (with that object)
        return _earlier_steering(r, begin, obj_end if obj else head_end, obj, None)
    ref = r.unit_after_level(begin, lv, key)
    label_unit, end, level, place = ref.label, ref.end, ref.level, ref.place
    if not obj:
        earlier = _earlier_steering(r, begin, end, "", (level, place))
        if earlier is not None:
            return earlier
    label = " ".join(x for x in (display, obj, label_unit) if x)
    return OrgMention(label, name_key(label), begin, end, "steering", level, place)


def _earlier_steering(
    r: OrgReader, begin: int, end: int, obj: str, unit: tuple[str, object] | None
) -> OrgMention | None:
    """The steering committee named before with this object (any, when none is written) and unit."""
    want = name_key(obj)
    for org in r.recent_orgs():
        if org.kind != "steering" or org.begin >= begin:
            continue
        if want and want not in org.key:
            continue
        if unit is not None and (org.level, org.place) != unit:
            continue
        return OrgMention(org.name, org.key, begin, end, "steering", org.level, org.place)
    return None


def read_organ(r: OrgReader, begin: int, head_end: int, display: str) -> OrgMention | None:
    """A board named with the organisation it belongs to, written right after it."""
    parent = r.read_org(r.d.skip_spaces(head_end), standalone=False)
    if parent is None:
        return _area_board(r, begin, head_end, display)
    if parent.kind == "organ":
        return None
    label = f"{display} {parent.name}"
    # the Party committee a board belongs to is part of the board's name, not an organisation named
    # (as in the post "Ủy viên Ban Thường vụ Tỉnh ủy"); a pagoda or a parish is
    written = None if parent.kind in ("committee", "party") else parent
    return OrgMention(
        label,
        name_key(label),
        begin,
        parent.end,
        "organ",
        parent.level,
        parent.place,
        parent.police,
        parent=written,
    )


#: a project between a board and its area: "Ban Quản lý dự án Khu bảo tồn …"
_PROJECT = re.compile(r"[^\S\n]+dự[^\S\n]+án(?=[^\S\n])")


@cache
def _area_re() -> re.Pattern[str]:
    return re.compile(r"[^\S\n]+" + whole_words([name_key(w) for w in words("orgs_managed_areas")]))


def _area_board(r: OrgReader, begin: int, head_end: int, display: str) -> OrgMention | None:
    """A board named after the area it manages: the area's head, at most one lower-case word, then
    its proper name or its unit ("Khu kinh tế tỉnh" → "… tỉnh Kon Tum")."""
    from .named import proper_name

    d = r.d
    pos = head_end
    project = _PROJECT.match(d.folded, pos)
    if project is not None:
        pos = project.end()
    area = _area_re().match(d.folded, pos)
    if area is None or d.text[d.skip_spaces(pos)] not in UPPER:
        return None
    end = area.end()
    lv = r.level_at(end)
    if lv is not None:
        ref = r.unit_after_level(begin, lv, "")
        if ref.place is None and ref.written is None:
            return None
        label = f"{d.text[begin:lv[0]].rstrip()} {ref.label}"
        return OrgMention(label, name_key(label), begin, ref.end, "organ", ref.level, ref.place)
    q = d.skip_spaces(end)
    t = d.token(q)
    if t is not None and t[2] and d.text[t[0]] not in UPPER and not stops_phrase(d, t[0], t[1]):
        q = d.skip_spaces(t[1])  # "Khu bảo tồn sâm | Ngọc Linh"
    name = proper_name(d, q)
    if name is None:
        return None
    label = " ".join(d.text[begin : name[1]].split())
    return OrgMention(label, name_key(label), begin, name[1], "organ")


def shared_unit(
    r: OrgReader, begin: int, head_end: int, display: str, key: str, *, standalone: bool
) -> OrgMention | None:
    """A head written without its unit: the unit of its list, else of the one organisation it
    works with in its clause (see the module docstring); ``None`` when neither names one."""
    d = r.d
    p = head_end
    lex = name_words()
    while True:
        sep = _LIST_SEP.match(d.text, p)
        if sep is None:
            break
        q = sep.end()
        if q >= len(d.text) or d.text[q] not in UPPER or lex.head_re.match(d.folded, q) is None:
            break
        head = lex.head_re.match(d.folded, q)
        member = r.read_org(q, standalone=False)
        if member is None:
            if head is None:
                break
            p = head.end()
            continue
        if member.level is not None and member.kind in ("unit", "party", "committee"):
            return _with_unit(r, begin, head_end, display, key, member)
        break
    # the organisation listed right before it ("phối hợp với Huyện đoàn, Hội Cựu chiến binh")
    before = next((o for o in r.recent_orgs() if o.end <= begin), None)
    if (
        before is not None
        and before.level is not None
        and before.kind in ("unit", "party", "committee")
        and _LIST_SEP.fullmatch(d.text, before.end, begin)
    ):
        return _with_unit(r, begin, head_end, display, key, before)
    if not standalone:
        return None
    cue = _WITH.search(d.folded, max(0, begin - 24), begin)
    if cue is None:
        return None
    partner = next((o for o in r.recent_orgs() if o.end <= cue.start()), None)
    if (
        partner is None
        or partner.level is None
        or partner.kind not in ("unit", "party", "committee")
        or d.text[partner.end : cue.start()].strip()
        or any(
            _LIST_SEP.fullmatch(d.text[o.end : partner.begin])
            for o in r.recent_orgs()
            if o.end <= partner.begin
        )
    ):
        return None  # "Công an thị trấn, Công an xã phối hợp với Đoàn Thanh niên": whose?
    return _with_unit(r, begin, head_end, display, key, partner)


def _with_unit(r: OrgReader, begin: int, end: int, display: str, key: str, other: OrgMention) -> OrgMention:
    """The organisation of ``display`` in the unit of ``other``."""
    unit = r.place_label(other.place) if other.place is not None else other.unit or other.level or ""
    label = f"{display} {unit}".rstrip()
    return OrgMention(
        label,
        org_key(label, key, display),
        begin,
        end,
        "unit",
        other.level,
        other.place,
        key == "công an",
        other.unit,
    )

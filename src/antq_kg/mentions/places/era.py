"""Places, phase 2: the article's era, and the gazetteer scoped to its province and era.

An article is set after the 1 July 2025 reform (Res. 202/2025/QH15: districts abolished, a
two-level local government) when it names a district as former, speaks of the two-level system or
writes a date after the reform that is not a deadline; with the gazetteer, also when it names no
district and some of its communes exist in its province only after the reform. The scoped gazetteer
(:class:`ArticleGazetteer`) tells a unit's type, its district before the reform, whether it lies
in a province, a former unit's pre-reform chain and, at the end, the GSO codes.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from ...text import name_key
from ..admin_units import (
    COMMUNE,
    DISTRICT,
    PROVINCE,
    RESIDENTIAL,
)
from ..context import Context
from .mention import Ref

if TYPE_CHECKING:
    from ...gazetteer import AdminUnit, Gazetteer
    from .build import Node

_REFORM = date(2025, 7, 1)
_POST_2025_CUES = re.compile(
    r"chính quyền (?:địa phương )?hai cấp|chính quyền địa phương 2 cấp|sau (?:khi )?sáp nhập tỉnh"
    r"|từ ngày 1/7/2025|(?:xã|phường), đặc khu"
)


# a full date "16/8/2025", "ngày 5-9-2025" (day/month/year, as the genre writes them)
_FULL_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/-](\d{1,2})[/-](20\d\d)(?![\d/-])")
# a deadline or a plan, not the time of the report: "đến ngày 31/12/2025", "trước 30/9/2025"
_DEADLINE_BEFORE = re.compile(
    r"(?<!\w)(?:đến|tới|trước|hết|hạn|chậm nhất|phấn đấu)(?: hết)?(?: ngày)?[ \t\u00a0]*$"
)


def _dated_after_reform(folded: str) -> bool:
    """A full date on or after 1/7/2025 is written, and not as a deadline.

    >>> _dated_after_reform("ngày 16/8/2025, tại xã …"), _dated_after_reform("ngày 27/12/2024")
    (True, False)
    >>> _dated_after_reform("phấn đấu đến ngày 31/12/2025 hoàn thành")
    False
    """
    for m in _FULL_DATE.finditer(folded):
        day, month, year = (int(g) for g in m.groups())
        if not (1 <= day <= 31 and 1 <= month <= 12) or (year, month) < (2025, 7):
            continue
        if _DEADLINE_BEFORE.search(folded, max(0, m.start() - 24), m.start()) is None:
            return True
    return False


def post_2025(ctx: Context, refs: list[Ref]) -> bool:
    """The article is set after the 1 July 2025 reform: it names a district as former ("huyện X cũ",
    "trước đây thuộc huyện X": districts were abolished then), speaks of the two-level system or
    writes a date after the reform."""
    if any(r.former and r.level == DISTRICT for r in refs):
        return True
    return _POST_2025_CUES.search(ctx.folded) is not None or _dated_after_reform(ctx.folded)


def communes_only_after_reform(gazetteer: Gazetteer, province: Ref | None, refs: list[Ref]) -> bool:
    """The gazetteer's vote on an article with no textual cue: it names no district (but as former)
    and some of its communes exist in its province only after the reform, none only before it."""
    if province is None or any(r.level == DISTRICT and not r.former for r in refs):
        return False
    pkey = name_key(province.name)
    before = after = 0
    seen: set[tuple[str, str]] = set()
    for r in refs:
        if r.level != COMMUNE or r.former or r.type is None or (r.type, r.key) in seen:
            continue
        seen.add((r.type, r.key))
        eras = set()
        for u in gazetteer.lookup(r.name, type=r.type, level=COMMUNE):
            top = gazetteer.province(u)
            if top is not None and name_key(top.name) == pkey:
                eras.add(u.era)
        if eras == {"post-2025"}:
            after += 1
        elif eras and "post-2025" not in eras:
            before += 1
    return after > 0 and before == 0


class ArticleGazetteer:
    """The gazetteer (:mod:`antq_kg.gazetteer`) scoped to one article's province and era."""

    def __init__(self, gazetteer: Gazetteer, province: Ref | None, post_2025: bool) -> None:
        self.g = gazetteer
        self.on = _REFORM if post_2025 else None
        self.province_name = province.name if province is not None else None
        self.provinces: list[AdminUnit] = []
        self._districts: dict[tuple[str, str, str], tuple[str, str] | None] = {}
        self._inside: dict[tuple[str, str, int, str], bool] = {}
        if province is not None:
            self.provinces = [u for u in gazetteer.lookup(province.name, level=PROVINCE) if self._era_ok(u)]

    def _era_ok(self, unit: AdminUnit) -> bool:
        return unit.valid_on(self.on) if self.on is not None else unit.era != "post-2025"

    def _within(self, name: str, level: int, type_: str | None = None) -> list[AdminUnit]:
        out: list[AdminUnit] = []
        for p in self.provinces:
            out.extend(u for u in self.g.lookup(name, type=type_, level=level, within=p) if self._era_ok(u))
        return out

    def type_of(self, name: str, level: int) -> str | None:
        """The type of a unit written without its type word ("(Thạch Hà)" → huyện), when unambiguous."""
        found = self._within(name, level) if self.provinces else []
        if not found:
            found = [u for u in self.g.lookup(name, level=level) if self._era_ok(u)]
        types = {u.type for u in found}
        return types.pop() if len(types) == 1 else None

    def _province_units(self, province: str) -> list[AdminUnit]:
        if self.province_name is not None and name_key(province) == name_key(self.province_name):
            return self.provinces
        return [u for u in self.g.lookup(province, level=PROVINCE) if self._era_ok(u)]

    def in_province(self, type_: str, name: str, level: int, province: str) -> bool:
        """Whether the gazetteer has a unit ``type_ name`` at ``level`` in ``province`` (in the era)."""
        memo = (type_, name_key(name), level, name_key(province))
        got = self._inside.get(memo)
        if got is None:
            got = self._inside[memo] = any(
                self._era_ok(u)
                for p in self._province_units(province)
                for u in self.g.lookup(name, type=type_, level=level, within=p)
            )
        return got

    def district_of(self, type_: str, name: str, province: str) -> tuple[str, str] | None:
        """Before the reform: the (type, name) of the one district the gazetteer puts the commune
        ``type_ name`` in within ``province``, or None (after the reform, unknown or ambiguous).

        A pre-2025 commune always had a district; an article that names it without one ("xã Tân
        Dĩnh" in a report on the province) still means that district (docs/ANNOTATION.md, "parent": the chain
        completed by what the article means)."""
        if self.on is not None:
            return None
        memo = (type_, name_key(name), name_key(province))
        if memo not in self._districts:
            found = [
                u
                for p in self._province_units(province)
                for u in self.g.lookup(name, type=type_, level=COMMUNE, within=p)
                if self._era_ok(u)
            ]
            parents = {
                (d.type, d.name) for u in found if (d := self.g.parent(u)) is not None and d.level == DISTRICT
            }
            self._districts[memo] = parents.pop() if len(parents) == 1 else None
        return self._districts[memo]

    def elsewhere(self, commune: Ref, district: Ref) -> bool:
        """True when the gazetteer puts ``commune`` in the article's province but not in ``district``:
        then the district the article is about is not its parent."""
        if not self.provinces:
            return False
        districts = self._within(district.name, DISTRICT, district.type)
        if not districts:
            return False
        inside = [u for d in districts for u in self.g.lookup(commune.name, type=commune.type, within=d)]
        return not inside and bool(self._within(commune.name, COMMUNE, commune.type))

    def former_chain(self, type_: str, name: str, level: int) -> list[AdminUnit] | None:
        """After the reform, the pre-2025 parents (province first) of a unit named as former
        ("huyện Cái Bè cũ" in a post-2025 Đồng Tháp article → [tỉnh Tiền Giang]): the pre-2025
        units of that type and name whose province was the article's or became it; None when
        there is none or their parents differ (docs/ANNOTATION.md, "parent": a former unit keeps the chain it
        had; the gazetteer records the succession old → new)."""
        if self.province_name is None:
            return None
        target = name_key(self.province_name)
        chains: dict[tuple[str, ...], list[AdminUnit]] = {}
        for u in self.g.lookup(name, type=type_, level=level):
            if u.era != "pre-2025":
                continue
            province = self.g.province(u)
            if province is None:
                continue
            if name_key(province.name) != target and not any(
                name_key(c.name) == target for c in self.g.current(province, on=_REFORM)
            ):
                continue
            above = sorted((a for a in self.g.ancestors(u) if a.level >= PROVINCE), key=lambda a: a.level)
            chains.setdefault(tuple(a.key for a in above), above)
        return next(iter(chains.values())) if len(chains) == 1 else None

    def code(self, node: Node) -> str | None:
        """The GSO code of an administrative unit whose written chain resolves unambiguously."""
        if node.level == RESIDENTIAL:
            return None
        chain: list[tuple[str | None, str]] = []
        former = False
        cur: Node | None = node
        while cur is not None:
            chain.append((cur.type, cur.name))
            former = former or cur.former
            cur = cur.parent
        on = None if former else self.on  # a unit of a former district is a pre-2025 unit
        res = self.g.resolve_chain(chain, on=on, province_hint=self.province_name)
        return res.unit.code if res.unit is not None else None

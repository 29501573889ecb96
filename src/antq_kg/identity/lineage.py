"""The lineage of an organisation through the reorganisations: the district police to the provincial
police on :data:`DISTRICT_POLICE_END`, then each gazetteer unit to its one successor (no split), so a
person in the organisation before a reform is the person in the one it became."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final

from ..iris import folded_name
from .records import OrgIdentity
from .rules import unit_organization

if TYPE_CHECKING:
    from ..gazetteer import AdminUnit, Gazetteer

#: The day district-level police (Công an huyện, quận, thị xã, thành phố thuộc tỉnh) stopped working:
#: their work went to the provincial police and the commune police (the Ministry of Public Security's
#: reorganisation of the People's Public Security, in force 2025-03-01).
DISTRICT_POLICE_END: Final = date(2025, 3, 1)
#: The heads of the police departments and their Party committees (folded), whose district level
#: ended on :data:`DISTRICT_POLICE_END`.
POLICE_HEADS: Final = frozenset({"công an", "đảng ủy công an"})
_POLICE_HEAD: Final = "Công an"


@dataclass(frozen=True, slots=True)
class Lineage:
    """Where an organisation's reorganisations lead: the organisation of the last unit its unit uniquely
    became (``organisation``, itself when nothing changed) and each step, in words ("Công an tỉnh Thái
    Bình (p34) → Công an tỉnh Hưng Yên (np33) on 2025-07-01")."""

    organisation: OrgIdentity
    steps: tuple[str, ...] = ()
    years: tuple[int, ...] = ()


def district_police_end(gazetteer: Gazetteer, unit: AdminUnit) -> AdminUnit | None:
    """The province whose police took over the work of the police of ``unit`` on
    :data:`DISTRICT_POLICE_END`, when ``unit`` is a district still in being that day (else ``None``)."""
    if unit.level != 2 or (unit.valid_to is not None and unit.valid_to < DISTRICT_POLICE_END):
        return None
    return gazetteer.province(unit)


def lineage(gazetteer: Gazetteer, org: OrgIdentity) -> Lineage:
    """Where the reorganisations lead an organisation serving a gazetteer unit: the district police
    to the provincial police on :data:`DISTRICT_POLICE_END`, then each unit to its successor while it
    has exactly one and the gazetteer does not flag the change a split.

    >>> from antq_kg.gazetteer import Gazetteer
    >>> gaz = Gazetteer.load()
    >>> found = lineage(gaz, unit_organization("Công an", gaz.get("p34")))
    >>> found.organisation.label, found.steps, found.years
    ('Công an tỉnh Hưng Yên', ('Công an tỉnh Thái Bình (p34) → Công an tỉnh Hưng Yên (np33) on 2025-07-01',), (2025,))
    >>> lineage(gaz, unit_organization("Công an", gaz.get("np33"))).steps
    ()
    >>> lineage(gaz, unit_organization("Ủy ban nhân dân", gaz.get("d293"))).steps  # a district split
    ()
    """
    if org.unit_key is None or org.head is None or org.unit_key not in gazetteer:
        return Lineage(org)
    unit = gazetteer.get(org.unit_key)
    head = folded_name(org.head)
    steps: list[str] = []
    current = org
    if head.endswith(" công an") and head not in POLICE_HEADS:  # a division: "Phòng Tham mưu Công an"
        current = unit_organization(_POLICE_HEAD, unit)
        steps.append(f"{org.label} is a division of {current.label}")
    police = folded_name(current.head or "") in POLICE_HEADS
    years: list[int] = []
    seen = {unit.key}
    while True:
        after: AdminUnit | None = None
        day: date | None = None
        if police and (province := district_police_end(gazetteer, unit)) is not None:
            after, day = province, DISTRICT_POLICE_END
        else:
            records = gazetteer.succession(unit)
            if len(records) == 1 and not records[0].split and records[0].new_key in gazetteer:
                after = gazetteer.get(records[0].new_key)
                day = after.valid_from
        if after is None or after.key in seen:
            break
        seen.add(after.key)
        nxt = unit_organization(current.head or org.head, after)
        when = f" on {day.isoformat()}" if day is not None else ""
        steps.append(f"{current.label} ({unit.key}) → {nxt.label} ({after.key}){when}")
        if day is not None:
            years.append(day.year)
        current, unit = nxt, after
    return Lineage(current, tuple(steps), tuple(sorted(set(years))))

"""How organisation names are completed and keyed.

* the place types a level word after a head stands for ("tỉnh" also a centrally-run "thành phố"),
  and the level of a Party or Youth Union committee ("Huyện ủy" → huyện);
* the organisation a sub-unit belongs to when the text names none (``people_sub_parents.tsv``:
  "Cục Cảnh sát hình sự" → "Bộ Công an"; a border post none: Law No. 66/2020/QH14);
* the identity key of an organisation named by a unit: its head's key and its unit, a dash
  written spaced or not alike ("Bà Rịa-Vũng Tàu" = "Bà Rịa – Vũng Tàu");
* the record of one organisation mention (:class:`OrgMention`), which the readers pass around.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...lexicon import table
from ...model import Place
from ...text import name_key

#: the parent ``people_sub_parents.tsv`` writes for the article's provincial police
PROVINCIAL_POLICE = "Công an tỉnh"

#: how many earlier mentions a bare "Công an xã" looks back through (keeps long texts linear)
LOOKBACK = 100

#: the types of the units a level word after a head stands for
TYPES_BY_LEVEL = {
    "tỉnh": ("tỉnh", "thành phố"),
    "thành phố": ("thành phố",),
    "huyện": ("huyện",),
    "quận": ("quận",),
    "thị xã": ("thị xã",),
    "xã": ("xã",),
    "phường": ("phường",),
    "thị trấn": ("thị trấn",),
    "đặc khu": ("đặc khu",),
}

#: the level of the unit a committee belongs to when the text names none ("Huyện ủy" → huyện)
COMMITTEE_LEVEL = {
    "tỉnh ủy": "tỉnh",
    "tỉnh đoàn": "tỉnh",
    "thành ủy": "thành phố",
    "huyện ủy": "huyện",
    "huyện đoàn": "huyện",
    "quận ủy": "quận",
    "thị ủy": "thị xã",
}


DASH = re.compile(r"[^\S\n]*[-\u2013][^\S\n]*")


def dash_key(name: str) -> str:
    """A folded key for a name that may be written with a dash, spaced or not.

    >>> dash_key("Bà Rịa-Vũng Tàu") == dash_key("Bà Rịa – Vũng Tàu")
    True
    """
    return re.sub(r"\s*[-\u2013]\s*", "-", name_key(name))


@dataclass(frozen=True, slots=True)
class _SubParentRow:
    """A row of ``people_sub_parents.tsv``: the start of a sub-unit's name and its parent ("-": none)."""

    prefix: str
    parent: str


@cache
def _sub_parents() -> tuple[tuple[str, str], ...]:
    """``people_sub_parents.tsv``: folded name prefix → parent organisation, longest first."""
    rows = table("people_sub_parents", _SubParentRow)
    return tuple(sorted(((name_key(r.prefix), r.parent) for r in rows), key=lambda x: -len(x[0])))


def sub_parent(label: str) -> str | None:
    """The organisation a sub-unit belongs to when the text names none ("-": none at all).

    >>> sub_parent("Cục Cảnh sát hình sự"), sub_parent("Đồn Biên phòng Ia Púch"), sub_parent("Đội CSGT")
    ('Bộ Công an', '-', None)
    >>> sub_parent("Phòng PV05") == PROVINCIAL_POLICE  # a department: the article's provincial police
    True
    """
    key = name_key(label)
    for prefix, parent in _sub_parents():
        if key == prefix or key.startswith(prefix + " "):
            return parent
    return None


def org_key(label: str, head_key: str, display: str) -> str:
    """Identity of a unit organisation: its head's key and its unit, dashes spaced alike.

    >>> org_key("Công an tỉnh Bà Rịa-Vũng Tàu", "công an", "Công an")
    'công an tỉnh bà rịa-vũng tàu'
    >>> org_key("UBND tỉnh Bà Rịa – Vũng Tàu", "ubnd", "UBND")
    'ubnd tỉnh bà rịa-vũng tàu'
    """
    return dash_key(f"{head_key} {label[len(display) :]}")


@dataclass(slots=True)
class OrgMention:
    """An organisation mention: the resolved display name and an identity key."""

    name: str
    key: str
    begin: int
    end: int
    kind: str
    level: str | None = None
    place: Place | None = None
    police: bool = False
    #: the unit as written after the head when no place was resolved ("huyện Trần Văn Thời")
    unit: str | None = None
    #: the organisation it belongs to, when written in its name ("Ban Trị sự chùa Linh Mụ")
    parent: OrgMention | None = None

    def with_parents(self) -> list[OrgMention]:
        """This mention and the organisations written in its name, outermost last."""
        out: list[OrgMention] = []
        org: OrgMention | None = self
        while org is not None:
            out.append(org)
            org = org.parent
        return out

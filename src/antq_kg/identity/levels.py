"""The administrative level of a written place or a gazetteer unit, as the slug of its admin-level
concept, and each level's depth (a depth of 4 is a residential unit, which the gazetteer does not hold)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..iris import ascii_fold
from ..model import Place
from ..text import fold_key

if TYPE_CHECKING:
    from ..gazetteer import AdminUnit

#: Depth of each administrative level: 0 country, 1 province, 2 district, 3 commune, 4 residential unit.
LEVEL_DEPTH: Final[dict[str, int]] = {
    "quoc-gia": 0,
    "tinh": 1,
    "thanh-pho-tw": 1,
    "huyen": 2,
    "quan": 2,
    "thi-xa": 2,
    "thanh-pho": 2,
    "xa": 3,
    "phuong": 3,
    "thi-tran": 3,
    "dac-khu": 3,
    "thon": 4,
    "xom": 4,
    "ap": 4,
    "ban": 4,
    "buon": 4,
    "bon": 4,
    "lang": 4,
    "to-dan-pho": 4,
    "to": 4,
    "khu-pho": 4,
    "khoi-pho": 4,
    "khoi": 4,
    "khu": 4,
    "khom": 4,
    "tieu-khu": 4,
    "phum": 4,
    "soc": 4,
}

#: Cities run by the central government (thành phố trực thuộc trung ương): before 2025-07-01 the
#: five of the Local Government Law 2015; Huế since 2025-01-01 (Res. 175/2024/QH15). A bare
#: "thành phố X" with no parent is centrally run when X is one of these, otherwise provincial.
CENTRAL_CITIES: Final = frozenset({"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế"})


_UNIT_LEVELS = {
    "tỉnh": "tinh",
    "huyện": "huyen",
    "quận": "quan",
    "thị xã": "thi-xa",
    "xã": "xa",
    "phường": "phuong",
    "thị trấn": "thi-tran",
    "đặc khu": "dac-khu",
}


def place_level(place: Place) -> str:
    """The admin-level concept slug of a place's type word (``thành phố`` split by its position).

    >>> place_level(Place("thị xã", "Mỹ Hào"))
    'thi-xa'
    >>> place_level(Place("thành phố", "Hà Nội")), place_level(Place("thành phố", "Hưng Yên"))
    ('thanh-pho-tw', 'thanh-pho')
    >>> place_level(Place("Thành phố", "Huế", parent=Place("tỉnh", "X")))
    'thanh-pho'
    """
    code = ascii_fold(place.type)
    if code == "thanh-pho-truc-thuoc-trung-uong":
        return "thanh-pho-tw"
    if code == "thanh-pho" and place.parent is None and fold_key(place.name) in CENTRAL_CITIES:
        return "thanh-pho-tw"
    return code


def unit_level(unit: AdminUnit) -> str:
    """The admin-level concept slug of a gazetteer unit (``quoc-gia`` for Viet Nam).

    >>> from antq_kg.gazetteer import AdminUnit
    >>> unit_level(AdminUnit("p01", "01", "thành phố", "Hà Nội", 1, "VN", None, None))
    'thanh-pho-tw'
    >>> unit_level(AdminUnit("d323", "323", "thành phố", "Hưng Yên", 2, "p33", None, None))
    'thanh-pho'
    """
    if unit.level == 0:
        return "quoc-gia"
    if unit.type == "thành phố":
        return "thanh-pho-tw" if unit.level == 1 else "thanh-pho"
    return _UNIT_LEVELS[unit.type]

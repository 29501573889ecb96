"""Reference periods of counts: the period a text states ("năm 2024", "từ đầu năm", "5 năm qua") read
as a kind of period and, where the words and the article's date fix it, an interval of dates.

The kinds are the curated concepts of ``antq:PeriodScheme`` (``ontology/antq.ttl``, slugs below); the
interval is what the cube's ``sdmx-dimension:refPeriod`` names (OWL-Time, https://www.w3.org/TR/owl-time/):

=====================  ==============================================  ===================================
kind (slug)            written                                         interval
=====================  ==============================================  ===================================
``calendar-year``      "năm 2024", "trong năm 2024"                    2024-01-01 – 2024-12-31
``years-range``        "giai đoạn 2021-2025", "nhiệm kỳ 2020–2025"     2021-01-01 – 2025-12-31
``year-to-date``       "từ đầu năm (2023) (đến nay)", "trong năm"      1 January of the year – the date
``months-of-year``     "6 tháng đầu năm", "9 tháng năm 2024",          1 January – the last day of month N
                       "3 tháng cuối năm"                              (the last N months of the year)
``quarter``            "quý II/2024", "quý 3"                          the quarter
``month``              "tháng 6", "tháng 6/2024"                       the month
``since-date``         "từ ngày 1/7 (đến nay)", "từ tháng 7", "từ      that day – the date
                       năm 2020"
``past``               "5 năm qua", "3 tháng qua", "năm qua",          N years (``P5Y``) or months ending
                       "những năm qua"                                 at the date (no length: none)
``other``              anything else ("mùa du lịch hè")                none
=====================  ==============================================  ===================================

"The date" is the article's publication date; a day or month written without its year is in the
publication year, or the year before when it would fall after the publication. Nothing is guessed
beyond the words: "5 năm qua" is a duration ending at the date, not a computed first day; a period that
needs the date of an undated article, or that the words do not fix, has no interval here (the cube
gives it an interval of its own article, ending at the article's publication instant when the words
say the period runs up to the time of writing: :attr:`Period.until_writing`).

No RDF here: :mod:`antq_kg.graph.cube` writes the result.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ..text import fold_key

__all__ = ["Period", "read_period"]


@dataclass(frozen=True, slots=True)
class Period:
    """What a period phrase says: its kind (a slug of ``antq:PeriodScheme``), its first and last day
    when known, its length (an ``xsd:duration``) when the words give only that, and whether it runs up
    to the time of writing."""

    kind: str
    begin: date | None = None
    end: date | None = None
    duration: str | None = None
    until_writing: bool = False

    @property
    def fixed(self) -> bool:
        """True when the interval is fully determined: two dates, or a length and an end."""
        return self.end is not None and (self.begin is not None or self.duration is not None)

    def key(self) -> str | None:
        """The interval as an ISO 8601 interval (``start--end`` or ``duration--end``) when fixed.

        >>> Period("calendar-year", date(2024, 1, 1), date(2024, 12, 31)).key()
        '2024-01-01--2024-12-31'
        >>> Period("past", None, date(2019, 5, 1), "P5Y").key(), Period("other").key()
        ('P5Y--2019-05-01', None)
        """
        if not self.fixed or self.end is None:
            return None
        start = self.begin.isoformat() if self.begin is not None else self.duration
        return f"{start}--{self.end.isoformat()}"


_YEAR = r"(\d{4})"
_OPT_YEAR = rf"(?:\s*(?:/|năm)\s*{_YEAR})?"
_TAIL = re.compile(r"\s*(?:đến nay|tới nay|vừa qua)$")
_LEAD = re.compile(r"^(?:trong|tính|tính từ|chỉ trong)\s+")
_RANGE = re.compile(
    rf"(?:giai đoạn|nhiệm kỳ|thời kỳ|các năm|năm)?\s*{_YEAR}\s*(?:-|–|—|đến|tới)\s*(?:năm\s*)?{_YEAR}"
)
# "năm": "trong năm" less its "trong"
_YTD = re.compile(rf"từ đầu năm(?:\s+(?:nay|{_YEAR}))?|năm nay|năm")
_MONTHS = re.compile(rf"(\d{{1,2}}) tháng (đầu|cuối)? ?năm(?: nay)?(?:\s+{_YEAR})?")
_QUARTER = re.compile(rf"quý (iv|i{{1,3}}|[1-4]){_OPT_YEAR}")
_MONTH = re.compile(rf"tháng (\d{{1,2}}){_OPT_YEAR}")
_SINCE_DAY = re.compile(rf"từ (?:ngày )?(\d{{1,2}})/(\d{{1,2}})(?:/{_YEAR})?")
_SINCE_MONTH = re.compile(rf"từ (?:đầu )?tháng (\d{{1,2}}){_OPT_YEAR}")
_SINCE_YEAR = re.compile(rf"từ năm {_YEAR}")
_PAST = re.compile(
    r"(?:(\d{1,2})|những|mấy|các|nhiều) (năm|tháng) (?:qua|gần đây|trở lại đây)|(năm) qua|thời gian (?:qua|gần đây)"
)
_YEAR_ONLY = re.compile(rf"(?:năm )?{_YEAR}")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _year(stated: str | None, published: date | None, month: int = 1, day: int = 1) -> int | None:
    """The year of a day written without one: the publication year, or the year before when the day
    would fall after the publication."""
    if stated:
        return int(stated)
    if published is None:
        return None
    return published.year - 1 if (month, day) > (published.month, published.day) else published.year


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def read_period(phrase: str, published: date | None) -> Period:
    """The period a phrase states, read against the article's publication date.

    >>> read_period("năm 2024", None)
    Period(kind='calendar-year', begin=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31), duration=None, until_writing=False)
    >>> read_period("Từ đầu năm đến nay", date(2023, 8, 18)).key()
    '2023-01-01--2023-08-18'
    >>> read_period("từ đầu năm", None)
    Period(kind='year-to-date', begin=None, end=None, duration=None, until_writing=True)
    >>> read_period("7 tháng năm 2024", date(2024, 8, 16)).key(), read_period("6 tháng đầu năm", date(2024, 7, 2)).key()
    ('2024-01-01--2024-07-31', '2024-01-01--2024-06-30')
    >>> read_period("từ ngày 1/7 đến nay", date(2024, 12, 20)).key(), read_period("tháng 6", date(2025, 2, 1)).key()
    ('2024-07-01--2024-12-20', '2024-06-01--2024-06-30')
    >>> read_period("giai đoạn 2021-2025", None).key(), read_period("5 năm qua", date(2019, 4, 2)).key()
    ('2021-01-01--2025-12-31', 'P5Y--2019-04-02')
    >>> read_period("5 năm qua", None).until_writing, read_period("mùa du lịch hè", date(2024, 1, 1)).kind
    (True, 'other')
    >>> read_period("năm 2023 và 5 tháng đầu năm 2024", date(2024, 6, 1)).kind
    'other'
    """
    text = _LEAD.sub("", " ".join(fold_key(phrase).split()))
    ongoing = _TAIL.search(text) is not None
    text = _TAIL.sub("", text).strip()
    try:
        return _read(text, published, ongoing)
    except ValueError:  # a day that does not exist ("31/2")
        return Period("other")


def _read(text: str, published: date | None, ongoing: bool) -> Period:
    today = published
    if m := _RANGE.fullmatch(text):
        first, last = int(m.group(1)), int(m.group(2))
        return (
            Period("years-range", date(first, 1, 1), date(last, 12, 31)) if first <= last else Period("other")
        )
    if m := _YTD.fullmatch(text):
        year = int(m.group(1)) if m.group(1) else (today.year if today else None)
        return Period("year-to-date", date(year, 1, 1) if year else None, today, until_writing=True)
    if m := _MONTHS.fullmatch(text):
        months, last = int(m.group(1)), m.group(2) == "cuối"
        if not 1 <= months <= 12:
            return Period("other")
        year = _year(m.group(3), today, 12 if last else months, 28)
        if year is None:
            return Period("months-of-year")
        first_month, last_month = (13 - months, 12) if last else (1, months)
        return Period("months-of-year", date(year, first_month, 1), _last_day(year, last_month))
    if m := _QUARTER.fullmatch(text):
        quarter = _ROMAN.get(m.group(1)) or int(m.group(1))
        year = _year(m.group(2), today, 3 * quarter - 2, 1)
        if year is None:
            return Period("quarter")
        return Period("quarter", date(year, 3 * quarter - 2, 1), _last_day(year, 3 * quarter))
    if m := _MONTH.fullmatch(text):
        month = int(m.group(1))
        if not 1 <= month <= 12:
            return Period("other")
        year = _year(m.group(2), today, month, 1)
        return Period("month", date(year, month, 1), _last_day(year, month)) if year else Period("month")
    begin: tuple[int, int, str | None] | None = None
    if m := _SINCE_DAY.fullmatch(text):
        begin = (int(m.group(2)), int(m.group(1)), m.group(3))
    elif m := _SINCE_MONTH.fullmatch(text):
        begin = (int(m.group(1)), 1, m.group(2))
    elif m := _SINCE_YEAR.fullmatch(text):
        begin = (1, 1, m.group(1))
    if begin is not None:
        month, day, stated = begin
        year = _year(stated, today, month, day)
        return Period("since-date", date(year, month, day) if year else None, today, until_writing=True)
    if m := _PAST.fullmatch(text):
        unit = "M" if m.group(2) == "tháng" else "Y"
        n = int(m.group(1)) if m.group(1) else (1 if m.group(3) else None)
        duration = f"P{n}{unit}" if n is not None else None
        return Period("past", None, today, duration, until_writing=True)
    if m := _YEAR_ONLY.fullmatch(text):
        year = int(m.group(1))
        return Period("calendar-year", date(year, 1, 1), date(year, 12, 31))
    return Period("other", until_writing=ongoing)

"""Counts, phases 1 and 2: the numbers that may be counts, and what the words before them say.

A number in vi-VN format (docs/VOCABULARY.md §3f: "6.518" = 6518, "1,5" = 1.5, "2,5 nghìn" = 2500),
optionally ``X/Y`` (a fraction: value X, ``of`` Y), or a vague "hàng trăm". Numbers glued to
letters, hyphens or further slashes (licence plates, "PV05", decree numbers) never start a
candidate, nor do numbers inside claimed names or right after an opening quote (“3 không”). The
words before it give a qualifier, or make it a date, ordinal, document number or name ("ngày",
"lần thứ", "Nghị định", a capitalised name syllable); the end of a range is no count.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..counted import reads_as_count_unit
from .reading import CountMention
from .units import UnitReader

_NUM = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?"
#: larger "counts" are junk (and would not even print: Python caps int-to-str at 4,300 digits)
_MAX_COUNT = Decimal(10) ** 12
# A number not glued to a word, a decimal/thousands mark, a slash or a hyphen on the left (except
# the second half of a pair "4 vụ/5 đối tượng"), nor to a word, a slash, more digits or a code on
# the right ("28B1-406.21", "42/2021/NĐ-CP", "09-CT/TW", "1.5").
_CANDIDATE = re.compile(
    rf"(?=[0-9])(?:(?<![\w.,/+\-])|(?<=[^\W\d_]/))(?P<n>{_NUM})(?:/(?P<of>{_NUM}))?(?![\w/]|[.,]\d|-\w)"
)

#: a word of the real text, apostrophe names whole ("K'Ho", "K’Ho", "M’gar")
_RANGE_BEFORE = re.compile(r"(?<![\w.,/])[0-9][0-9.,]*\s*(?:đến|tới|–|-)\s*$")
_ENGLISH_THOUSANDS = re.compile(r"\d{1,3},\d{3}")
_UNIT_AHEAD = re.compile(r"[ \t]+(?:[^\W\d_]|\()")
_PREV_WORD = re.compile(r"(\w+)([ \t]+)$")


def parse_number(surface: str) -> Decimal | None:
    """A vi-VN number: ``.`` groups thousands, ``,`` is the decimal mark (docs/VOCABULARY.md §3f).

    >>> parse_number("6.518"), parse_number("1,5"), parse_number("02"), parse_number("1.000.000")
    (Decimal('6518'), Decimal('1.5'), Decimal('2'), Decimal('1000000'))
    >>> parse_number("1.5") is None
    True
    """
    if not re.fullmatch(_NUM, surface):
        return None
    try:
        return Decimal(surface.replace(".", "").replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return None


def _tidy(value: Decimal) -> Decimal:
    """An integral value without exponent or trailing zeros ("2,5 nghìn" → 2500)."""
    return value.to_integral_value() if value == value.to_integral_value() else value.normalize()


class CandidateReader(UnitReader):
    """Phases 1 and 2: the numbers (and vague quantities) that may be counts, and what the words
    before them say."""

    # -- candidates -------------------------------------------------------------------------------

    def read(self) -> list[CountMention]:
        out: list[CountMention] = []
        for m in _CANDIDATE.finditer(self.folded):
            mention = self.number(m)
            if mention is not None:
                out.append(mention)
        for m in self.lex.vague.finditer(self.folded):
            if m.start() > 0 and (self.folded[m.start() - 1].isalnum() or self.folded[m.start() - 1] == "_"):
                continue
            mention = self.vague(m)
            if mention is not None:
                out.append(mention)
        out.sort(key=lambda x: x.begin)
        return out

    def before(self, start: int) -> tuple[int, str] | None:
        """The phrase start and qualifier for a number at ``start``; None when it is no count."""
        folded = self.folded
        qualifier = "exact"
        begin = start
        q = self.lex.qualifier_before.search(folded, max(0, start - 40), start)
        if q is not None:
            qualifier = self.lex.qualifiers[" ".join(q.group("q").split())]
            begin = q.start("q")
        if begin > 0 and folded[begin - 1] in "\"'":
            return None  # a number opening a quoted name: “3 không”, "5 không, 3 sạch"
        if _RANGE_BEFORE.search(folded, max(0, begin - 30), begin):
            return None  # the end of a range "từ 3 đến 5 người" (docs/FACTS.md has no range qualifier)
        if (
            self.lex.blocked_before.search(folded, max(0, begin - 40), begin)
            and not self.lex.unblocked_before.search(folded, max(0, begin - 40), begin)
            and not self.unit_level_before(begin)
        ):
            return None
        prev = _PREV_WORD.search(folded, max(0, begin - 40), begin)
        if prev is not None and prev.group(1)[:1].isalpha() and self.titlecase(prev.start(1)):
            earlier = folded[max(0, prev.start(1) - 2) : prev.start(1)]
            if re.search(r"\w\s+$", earlier) and prev.end(1) not in self.ctx.place_index.ends:
                # a number in a name: "xã Đại Ân 2", "khu phố Hòa Lân 2"; a place the places
                # stage read without the number ends before it: "tặng bản Lao Chải 35 chiếc đèn pin"
                return None
        return begin, qualifier

    def unit_level_before(self, begin: int) -> bool:
        """A bare type word before the number is the level of a unit ("Công an phường | 47 cuộc gọi"),
        not the number's name: the places stage read no place there and a counted noun follows."""
        prev = _PREV_WORD.search(self.folded, max(0, begin - 20), begin)
        if prev is None or not self.lex.place_type.match([prev.group(1)], 0):
            return False
        end = _CANDIDATE.match(self.folded, begin)
        return end is not None and reads_as_count_unit(self.folded, end.end())

    def number(self, m: re.Match[str]) -> CountMention | None:
        if not _UNIT_AHEAD.match(self.folded, m.end()) or self.ctx.claims.overlaps(m.start(), m.end()):
            return None  # no word after the number: no unit, no count ("98%", "19/8)", "1 1 1")
        value = parse_number(m.group("n"))
        if value is None:
            return None
        of = parse_number(m.group("of")) if m.group("of") else None
        if m.group("of") and (of is None or of < value or of == 0):
            return None  # "26/12", "19/8": a date, not "219/236 tin báo"
        found = self.before(m.start())
        if found is None:
            return None
        begin, qualifier = found
        pos = m.end()
        mag = self.lex.magnitude_after.match(self.folded, pos) if of is None else None
        while mag is not None:  # "2,5 nghìn", "1,2 nghìn tỷ"
            value = value * self.lex.magnitudes[mag.group("m")]
            pos = mag.end()
            mag = self.lex.magnitude_after.match(self.folded, pos)
        if pos == m.end() and "," in m.group("n"):  # a decimal mark and no "nghìn" after it
            if not _ENGLISH_THOUSANDS.fullmatch(m.group("n")):
                return None  # "1,5 bánh": things come whole; such a number measures something
            value = value * 1000  # "1,000 người": an English thousands comma in a count
        if value > _MAX_COUNT or (of is not None and of > _MAX_COUNT):
            return None
        spelled = self.lex.spelled.match(self.folded, pos)
        if spelled is not None:
            pos = spelled.end()  # "02 (hai) đối tượng"
        return self.mention(begin, pos, _tidy(value), of, qualifier, number_begin=m.start())

    def vague(self, m: re.Match[str]) -> CountMention | None:
        if self.ctx.claims.overlaps(m.start(), m.end()):
            return None
        qualifier = self.lex.vague_qualifier[" ".join(m.group("v").split())]
        return self.mention(m.start(), m.end(), None, None, qualifier, number_begin=m.start())

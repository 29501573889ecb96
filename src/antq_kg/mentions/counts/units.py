"""Counts, phase 3: the unit after the number, and what stands right after the unit.

The unit is the noun phrase after the number as written, up to the next stop word or punctuation:
a classifier kept at its head ("chiếc đèn pin"), the genre's coordinated nouns kept whole ("câu lạc
bộ phòng, chống tội phạm", "tổ bảo vệ thôn, xóm"), words of one kind coordinated across a comma
("37 băng, nhóm tội phạm"), a short noun listed after a comma ("nhà nghỉ, homestay"), a list of
names closed by "và các … khác". After the unit: a period ("37 tin báo năm qua"), a scope ("ở cấp
xã"), or a criterion for khu dân cư-like units ("được công nhận không có tội phạm").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from decimal import Decimal

from ...text import Span
from .lexicon import coordinated_after, coordinated_before
from .reading import CountMention, Reading, Window, is_number, is_word

_PURPOSE = frozenset({"cần", "phải", "để", "nhằm", "giúp", "nhờ"})
LEVEL_LATER = re.compile(
    r"(?<!\w)(?:ở|tại)\s+(cấp\s+(?:xã|huyện|tỉnh|cơ sở|thôn|ấp|bản|buôn|khu dân cư))(?!\w)"
)

#: a threshold: "từ N … trở lên / trở xuống" (docs/ANNOTATION.md: not a count)
_THRESHOLD_BEFORE = re.compile(r"(?<!\w)từ\s+$")
_THRESHOLD_AFTER = re.compile(r"\s+trở\s+(?:lên|xuống)(?!\w)")

_AGE_OPENERS = frozenset({"dưới", "trên", "từ", "đủ"})
_AGE_LIMIT = re.compile(r"(?:dưới|trên|từ|đủ)\s+\d{1,3}(?:\s*(?:đến|tới|-|–)\s*\d{1,3})?\s+tuổi(?!\w)")


class UnitReader(Reading):
    """Phase 3: the unit after a number, and the scope, criterion or period right after the unit."""

    # -- units ------------------------------------------------------------------------------------

    def mention(
        self,
        begin: int,
        pos: int,
        value: Decimal | None,
        of: Decimal | None,
        qualifier: str,
        *,
        number_begin: int,
    ) -> CountMention | None:
        """Read the unit after ``pos`` and the scope or criterion after the unit."""
        win = self.tokens.window(pos)
        words = win.words
        if not words:
            return None
        blocked = self.lex.not_after.match(words, 0)
        if blocked and self.lex.count_after.match(words, 0) <= blocked:
            return None  # "21 giờ", "62 tuổi", "98%", "13 triệu đồng" (but "12 ngày hội")
        n = self.unit_length(win)
        if n == 0:
            return None
        end = win.ends[n - 1]
        if _THRESHOLD_AFTER.match(self.folded, end) and _THRESHOLD_BEFORE.search(
            self.folded, max(0, begin - 8), begin
        ):
            return None  # "doanh nghiệp có từ 500 lao động trở lên": a threshold, not a count
        if (
            qualifier == "at_least"
            and self.folded.startswith("trên", begin)
            and self.lex.locative.match(words, 0)
            and not self.lex.amount_before.search(self.folded, max(0, begin - 20), begin)
        ):
            qualifier, begin = "exact", number_begin  # "camera trên 5 tuyến đường": "on", not "more than"
        unit = self.text[win.begins[0] : end]
        unit_key = " ".join(words[:n])
        mention = CountMention(
            begin=begin,
            end=end,
            value=value,
            of=of,
            qualifier=qualifier,
            unit=unit,
            unit_key=unit_key,
            unit_begin=win.begins[0],
            tail=end,
            spans=[Span(begin, end)],
        )
        self.after_unit(win, n, mention)
        return mention

    def unit_length(self, win: Window) -> int:
        """How many tokens of ``win`` form the unit (0: no unit, so no count)."""
        lex, words = self.lex, win.words
        first = words[0]
        if not is_word(first) or first in ("và", "hoặc"):
            return 0  # "các tổ 4 và 5": numbers of names, not a count
        if self.claim_starting(win.begins[0]):
            k = lex.place_type.match(words, 0)
            return k  # "2 xã Thạch Kênh…" with "xã Thạch Kênh" claimed: the unit is the type word
        stop = lex.stop.match(words, 0)
        if stop == 1 and not lex.keep.match(words, 0):
            return 0
        i = 0
        k = lex.place_type.match(words, 0)
        if k:
            i = k
            while True:  # a list of type words: "xã, phường, thị trấn"
                if i < len(words) and words[i] == ",":
                    k2 = lex.place_type.match(words, i + 1)
                    if k2:
                        i += 1 + k2
                        continue
                break
            if i < len(words) and is_word(words[i]) and self.titlecase(win.begins[i]):
                return i  # the names after the type word are places, not the unit
        else:
            i = 1
        limit = 14  # tokens, commas included
        safe = 0  # the end of the last stretch a lexicon vouched for
        while i < len(words) and i < limit:
            w = words[i]
            if " ".join(words[:i]) in lex.closed_units and not lex.keep.match(words, i):
                break  # "3.200 tổ an ninh nhân dân | góp sức giữ bình yên"
            if self.claim_starting(win.begins[i]):
                break
            if w == ",":
                j = i + 1
                if (
                    j >= len(words)
                    or not is_word(words[j])
                    or self.starts_count(words, j)
                    or self.claim_starting(win.begins[j])
                ):
                    break
                k = lex.comma.match(words, j)
                if k and not lex.stop.match(words, j):
                    if (
                        lex.place_type.match(words, j)
                        and j + k < len(words)
                        and is_word(words[j + k])
                        and self.titlecase(win.begins[j + k])
                    ):
                        break  # "5 tập thể, | xã Thạch Kênh": a place after the unit
                    i = safe = j + k
                    continue
                k, after = coordinated_after(lex.coordinated, words, j)
                if k and after & coordinated_before(lex.coordinated, words, i):
                    i = safe = j + k  # "37 băng, nhóm tội phạm", "đối tượng vận chuyển, mua bán …"
                    continue
                if (
                    is_word(words[i - 1])
                    and self.titlecase(win.begins[i - 1])
                    and self.titlecase(win.begins[j])
                ):
                    i = j + 1  # a list of names: "hộ đồng bào Vân Kiều, Pa Kô"
                    continue
                k = self.listed_noun(win, j)
                if k:
                    i = j + k  # "hộ kinh doanh nhà nghỉ, homestay, …"
                    continue
                break
            if not is_word(w):
                break
            k = lex.keep.match(words, i)
            if k:
                i = safe = i + k
                continue
            age = _AGE_LIMIT.match(self.folded, win.begins[i]) if w in _AGE_OPENERS else None
            if age is not None:  # "3 phụ nữ dưới 18 tuổi": an age limit qualifies the people counted
                i = safe = bisect_left(win.begins, age.end(), lo=i)
                continue
            if w == "về":
                k = lex.about.match(words, i + 1)
                if k:
                    i = safe = i + 1 + k
                    continue
                break
            if w in ("và", "hoặc"):
                k = _others_length(words, i + 1)
                if k and is_word(words[i - 1]) and self.titlecase(win.begins[i - 1]):
                    # names of a head noun closed by "the other …": "đồng bào K'Ho, Kinh và các
                    # dân tộc khác" (after a common noun, "và các … khác" is another quantity)
                    i = safe = i + 1 + k
                    continue
                if self.joins_nouns(words, i + 1):
                    i += 1
                    continue
                break
            if lex.stop.match(words, i):
                break
            k = lex.before_number.match(words, i)
            if k and i + k < len(words) and is_number(words[i + k]):
                break  # "23 tin báo | ngày 5/3", "5 camera | tổ dân phố 4"
            if lex.period.match(self.folded, win.begins[i]):
                break  # "37 tin báo | năm qua"
            so_far = " ".join(words[:i])
            if self.criterion_unit(so_far) and lex.cue.match(words, i):
                break  # "966 khu dân cư | thực hiện có hiệu quả …": the criterion follows
            k = lex.place_type.match(words, i)
            if k and i + k < len(words) and is_word(words[i + k]) and self.titlecase(win.begins[i + k]):
                break  # "… nhân dân xã Tân Lập": a place after the unit
            i += 1
        if i >= limit and safe:
            return safe  # a phrase too long to be a unit: keep what the lexicon vouched for
        return min(i, len(words))

    def listed_noun(self, win: Window, j: int) -> int:
        """Tokens of a short noun listed after a comma inside a unit, 0 when ``words[j:]`` reads as
        the next clause.

        The comma lexicon knows the genre's coordinated nouns; any other word after a comma is kept
        only as a one- or two-word item that closes at once: another comma, "và"/"hoặc", or the end
        of the sentence ("41 hộ kinh doanh nhà nghỉ, homestay, …", "thu giữ 7 xe máy, ô tô."). A
        clause runs longer, or holds a stop word, a number, a period or a name ("…, tăng 5 vụ").
        """
        lex, words = self.lex, win.words
        for n in (1, 2):
            k = j + n - 1
            if (
                k >= len(words)
                or not is_word(words[k])
                or lex.stop.match(words, k)
                or lex.clause.match(words, k)
                or lex.place_type.match(words, k)
                or lex.not_after.match(words, k)
                or lex.period.match(self.folded, win.begins[k])
                or self.titlecase(win.begins[k])
                or self.claim_starting(win.begins[k])
            ):
                return 0
            after = words[k + 1] if k + 1 < len(words) else ""
            if after in (",", ";", ".", ")", "và", "hoặc") or k + 1 == len(words):
                if after == "," and self.starts_count(words, k + 2):
                    return 0  # "…, 3 vụ …": the next count of a list; this was a clause
                return n
        return 0

    def starts_count(self, words: Sequence[str], j: int) -> bool:
        """True when ``words[j:]`` opens another count: a number, a qualifier cue, "hàng"."""
        if j >= len(words):
            return False
        w = words[j]
        if is_number(w):
            return True
        if w in self.lex.cue_words:
            return j + 1 < len(words) and (is_number(words[j + 1]) or w == "hàng")
        return False

    def joins_nouns(self, words: Sequence[str], j: int) -> bool:
        """After "và": one noun phrase continues (not a new count or a new clause)."""
        if j >= len(words) or not is_word(words[j]) or self.lex.stop.match(words, j):
            return False
        for k in range(j, min(j + 5, len(words))):
            if not is_word(words[k]):
                return not is_number(words[k])
            if self.starts_count(words, k):
                return False
        return True

    # -- after the unit ---------------------------------------------------------------------------

    def after_unit(self, win: Window, n: int, mention: CountMention) -> None:
        lex, words = self.lex, win.words
        if n >= len(words):
            return
        w = words[n]
        period = lex.period.match(self.folded, win.begins[n])
        if period is not None:  # "37 tin báo năm qua"
            mention.period = self.text[period.start() : period.end()]
            mention.tail = period.end()
            self.trailing_periods.add(period.start())
            return
        if w in ("ở", "tại"):
            length = self.phrase_length(win, n + 1, verbs_stop=True)
            if length and not self.named_place(win, n + 1):
                last = n + length
                mention.scope = self.text[win.begins[n + 1] : win.ends[last]]
                mention.tail = win.ends[last]
            return
        if self.criterion_unit(mention.unit_key) and lex.cue.match(words, n):
            length = self.phrase_length(win, n, verbs_stop=False)
            if length and not self.starts_count(words, n + length):
                # (a verb whose object is the next count is no criterion: "18/22 xã, thị trấn
                # xây dựng được | hàng chục mô hình")
                last = n + length - 1
                mention.criterion = self.text[win.begins[n] : win.ends[last]]
                mention.tail = win.ends[last]

    def criterion_unit(self, unit_key: str) -> bool:
        """A unit counted by criterion: "khu dân cư", or a list of such units "xã , phường"."""
        return all(part.strip() in self.lex.criterion_units for part in unit_key.split(","))

    def named_place(self, win: Window, i: int) -> bool:
        words = win.words
        if i >= len(words):
            return False
        if self.claim_starting(win.begins[i]) or self.titlecase(win.begins[i]):
            return True
        k = self.lex.place_type.match(words, i)
        return bool(k) and i + k < len(words) and self.titlecase(win.begins[i + k])

    def phrase_length(self, win: Window, i: int, *, verbs_stop: bool) -> int:
        """Tokens of a scope or criterion phrase from ``i``: to the clause end, quotes kept whole."""
        words = win.words
        j = i
        while j < len(words):
            w = words[j]
            if w == '"':
                close = next((k for k in range(j + 1, len(words)) if words[k] == '"'), None)
                if close is None:
                    break
                j = close + 1
                continue
            if w == ",":
                if j + 1 >= len(words) or not is_word(words[j + 1]) or self.starts_count(words, j + 1):
                    break
                if verbs_stop and not self.lex.comma.match(words, j + 1):
                    break  # a scope goes on after a comma only with a coordinated noun ("thôn, xóm")
                j += 1
                continue
            if not is_word(w) or self.starts_count(words, j):
                break
            if w in ("với", "trong") or (w in ("và", "hoặc") and not self.joins_nouns(words, j + 1)):
                break
            if verbs_stop and j > i and self.lex.stop.match(words, j) and w not in ("và", "hoặc"):
                break
            if j > i and w in ("ở", "tại") and LEVEL_LATER.match(self.folded, win.begins[j]):
                break  # "tổ chức diễn tập | ở cấp xã": a scope after the criterion
            if j > i and w in _PURPOSE:
                break  # "9 khu dân cư phức tạp về ANTT | cần tập trung chuyển hóa": what is to be done
            j += 1
        while j > i and not is_word(words[j - 1]) and words[j - 1] != '"':
            j -= 1
        return j - i


_OTHERS_DETERMINERS = frozenset({"các", "những"})


def _others_length(words: Sequence[str], j: int) -> int:
    """Tokens of "các <noun> khác" ("the other …") at ``words[j]``, which closes a list of names
    inside one unit ("hộ đồng bào Kinh, Mông và các dân tộc khác"); 0 when there is none.

    >>> _others_length("các dân tộc khác trong xã".split(), 0)
    4
    >>> _others_length("các tổ đã".split(), 0)
    0
    """
    if j >= len(words) or words[j] not in _OTHERS_DETERMINERS:
        return 0
    for k in range(j + 2, min(j + 6, len(words))):
        if words[k] == "khác":
            return k - j + 1
        if not is_word(words[k]):
            return 0
    return 0

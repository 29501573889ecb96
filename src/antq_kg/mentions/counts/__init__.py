"""Counts stage: numbers of things with their unit, qualifier, scope, criterion and period.

What counts is set by the annotation conventions of ``docs/ANNOTATION.md`` ("Counts")
and the facts format of ``docs/FACTS.md``; numbers are read as Vietnamese writes them
(``docs/VOCABULARY.md`` §3f: "6.518" = 6518, "1,5" = 1.5, "2,5 nghìn" = 2500) and qualifiers
follow docs/VOCABULARY.md §2 (counts) (trên/hơn → ``at_least``, gần/dưới → ``at_most``, khoảng → ``approximately``,
hàng chục/trăm/nghìn → ``tens``/``hundreds``/``thousands`` with no value).

How a sentence is read, candidates first and cheap checks after (one regex pass over the folded
view, then a short token window after each number; the phases' modules are named at each):

1. (:mod:`.numbers`) a number in vi-VN format, optionally ``X/Y`` (a fraction: value X, ``of`` Y), or a vague
   "hàng trăm"; numbers glued to letters, hyphens or further slashes (licence plates, "PV05",
   decree numbers) never start a candidate, nor do numbers inside claimed spans (place and
   campaign names) or right after an opening quote (“3 không”);
2. (:mod:`.numbers`) the words before it: a qualifier cue, or a word that makes it a date, ordinal, document number
   or name ("ngày", "lần thứ", "Nghị định", "xóm", "Ban chỉ đạo", a capitalised name syllable —
   unless the places stage ended a place there: "tặng bản Lao Chải 35 chiếc đèn pin"; a team word
   after "các"/"những" is generic: "các tổ 20 bộ áo phao"); the end of a range ("từ 3 đến 5") is
   no count;
3. (:mod:`.units`) the words after it: a time/age/percent/money/measure word ends the candidate ("21 giờ",
   "62 tuổi", "13 triệu đồng", "1,5 km", "1,5 lần"); otherwise the unit is the noun phrase up to
   the next stop word or punctuation, a classifier kept at its head ("chiếc đèn pin"), with the
   genre's coordinated nouns kept whole ("câu lạc bộ phòng, chống tội phạm", "tổ bảo vệ thôn,
   xóm"), words of one kind coordinated across a comma ("37 băng, nhóm tội phạm", "đối tượng vận
   chuyển, mua bán trái phép chất ma túy": ``counts_coordinated.tsv`` classes; a number after the
   comma is the next count, a word of another kind the next clause), a short noun listed after a
   comma ("nhà nghỉ, homestay"), and lists of names closed by "và các … khác" ("đồng bào K'Ho, Kinh
   và các dân tộc khác"); a bare level before the number is an organisation's, not a name, when the
   places stage read no place there and a counted noun follows ("Công an phường 47 cuộc gọi": see
   :func:`~antq_kg.mentions.counted.reads_as_count_unit`, which the places stage shares);
4. (:mod:`.units`, then :mod:`.links`) after the unit: ``scope`` ("ở cấp xã"), ``criterion`` for khu dân cư-like units ("được công nhận
   không có tội phạm"; one that points back, "đạt tiêu chuẩn này", is the earlier one it names),
   a ``period`` right after it ("37 tin báo năm qua"); and across counts: ``within`` ("226 tổ …
   với 5.489 thành viên"; after "trong đó" the earlier count with the same head word; a named
   group that "có" the count: "Tổ tự quản đường biên của ấp có 18 thành viên"), ``period`` (else
   the nearest "5 năm qua", "năm 2024"… before the count in its sentence, for the first count
   after it and the counts listed with that one), a passive criterion before a khu dân cư count
   ("Ngày hội … được tổ chức tại 1.043 khu dân cư"), a sentence-initial or clause scope ("Ở cấp
   xã, …", "…, riêng khu vực biên giới có 214 tổ") or a level later in the clause ("… tổ chức
   ngày hội ở cấp xã"), ``place`` (the place a sentence opens with:
   "Ở xã Ea Tul, …", "Thành phố Thuận An (tỉnh Bình Dương) hiện có …"), and a headline count
   repeated in the body merged into one count with both spans (the headline's unit cut where it
   stops reading as the body's, an abbreviation matching the words it stands for: ANTT = an
   ninh, trật tự).

Cost: one regex pass per cue over the folded view, then ~20 tokens per candidate; the article is
cut into tokens one paragraph at a time, so time is linear and memory bounded by the longest line.

Every word list is data in ``lexicons/counts_*.tsv`` (:mod:`.lexicon`); the token windows and the
record of a count being read are in :mod:`.reading`.
"""

from __future__ import annotations

from ...model import Count
from ..context import Context
from .links import CountReader, resolve_criteria
from .numbers import parse_number

__all__ = ["extract_counts", "parse_number"]


def extract_counts(ctx: Context) -> None:
    """Find the article's counts and append them to ``ctx.counts`` (see the module docstring)."""
    reader = CountReader(ctx)
    mentions = reader.read()
    if not mentions:
        return
    reader.nest(mentions)
    reader.passive_criteria(mentions)
    resolve_criteria(mentions)
    reader.periods_and_leading_scopes(mentions)
    mentions = reader.merge_headline(mentions)
    for m in mentions:
        ctx.counts.append(
            Count(
                value=m.value,
                unit=m.unit,
                qualifier=m.qualifier,
                spans=tuple(m.spans),
                of=m.of,
                within=m.within,
                scope=m.scope,
                criterion=m.criterion,
                period=m.period,
                place=m.place,
            )
        )

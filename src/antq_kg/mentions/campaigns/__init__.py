"""Extraction of named initiatives: movements, campaigns, models, titles, standards, mottos.

Spec: ``docs/ANNOTATION.md`` ("Campaigns" and the ``quote_*``, ``campaign_*``, ``antq_*``
patterns), docs/VOCABULARY.md §3d. One :class:`~antq_kg.model.Campaign` per initiative per article:

* the ANTQ movement in all its written forms ("Toàn dân bảo vệ an ninh Tổ quốc", "toàn dân bảo vệ
  ANTQ", "TDBVANTQ", "phong trào bảo vệ ANTQ", "BVANTQ", also inside "Ngày hội …") is one campaign
  of kind "phong trào", named by the fullest form the article writes (``campaigns_antq.tsv``);
* a quotation (curly, straight, mixed or unspaced double quotes, guillemets «…», single quotes ‘…’
  or '…', also a motto quoted inside quoted speech) is an initiative when a kind word stands
  before it (``campaigns_kinds.tsv``; one kind word covers a list of quotations, "mô hình “A” ở
  xã X, “B” và “C”"; words describing the kind and naming words may stand between, "mô hình
  phòng, chống tội phạm “…”", "mô hình mang tên “…”", ``campaigns_kind_modifiers.tsv``,
  ``campaigns_naming.tsv``), when a kind word is predicated after it ("“…” là mô hình"), when a cue gives
  the kind ("công nhận “…”" is a title, ``campaigns_cues.tsv``), or, with no kind at all, when it
  reads like a name (Capitalised, 2–8 words, no sentence inside, or a numbered slogan “3 không”)
  next to an initiative verb ("duy trì “…”", "“…” được nhân rộng", ``campaigns_nokind_cues.tsv``)
  and is not speech (colon before, speaker or speech verb after), a nickname, a metaphor, a
  document or a business (``campaigns_not_after.tsv``, ``campaigns_speech.tsv``,
  ``campaigns_speakers.tsv``);
* a sentence-case name right after a kind word without quotes ("mô hình Tiếng kẻng an ninh",
  "danh hiệu Ấp văn hóa"), or a list of them after "như:"/"gồm:" ("các mô hình tiêu biểu như: Bản
  không ma túy, …"), which ends at a predicate word (``campaigns_stop.tsv``), a year or punctuation;
  a comma stays inside only in fixed pairs ("an ninh, trật tự", ``campaigns_comma.tsv``).

``place`` is read for local kinds (models, clubs, initiatives without kind) only: the unit after
"ở/tại/của/do" that follows the name (one place after the last name of a list is the place of
every name of the list), else the most specific unit named earlier in the name's own
clause (after an earlier name of the sentence that is not a list sibling: "…; còn ở thôn A, mô
hình “Y”"), else before the first name of the sentence (a bare "xã"/"Công an xã" is the commune
last named; a parent after "thuộc" is skipped), else in the previous sentence of the paragraph.
An initiative said to cover several units ("ở các xã", "tại 2 xã A và B", "tại xã A và xã B",
"trên địa bàn thị trấn A và các xã …", determiners in ``campaigns_plural.tsv``) belongs to the unit
above them named right after ("ở 8 khu phố của phường A"), else to the most specific unit named
above that level ("Công an huyện X … ở các xã" → huyện X), not to one of them; so does one launched
by coordinated units of one level ("Công an xã A và Công an xã B ra mắt mô hình …": none, or the
unit above them).
The units are the places stage's mentions (``ctx.place_index``): a unit written with its type word
("xã Thạch Xuân", "phường Lâm Viên - Đà Lạt"), a name the places stage read right after "ở/tại"
("ở Thạch Xuân"), and a bare type word standing for the unit of that type written last; so the
place is the places stage's record, chain included, and nothing the places stage did not read.

The stage reads the quotations (:mod:`.quotes`), then the names of initiatives and their kinds
(:mod:`.names`), then their places (:mod:`.places`), and joins the mentions of one initiative;
its word lists are :mod:`.lexicon`. Name spans are added to ``ctx.claims`` so the counts stage skips "3 không", "5 không, 3 sạch".
Everything is searched in ``ctx.folded`` and sliced from ``ctx.text``.
"""

from __future__ import annotations

import functools
import re

from ...model import Campaign
from ...text import Span
from ..context import Context, SpanSet
from .names import ANTQ_KIND, Mention, find_mentions, kind_before, word_count
from .places import attach_places
from .quotes import Quote, find_quotes

__all__ = ["ANTQ_KIND", "Quote", "extract_campaigns", "find_quotes"]


def _fullest(f: str, text: str, m: Mention, group: list[Mention]) -> tuple[bool, bool, bool, int]:
    """How well a mention names its initiative: the fullest form the article writes first (not the
    start of a longer one: "tổ đoàn kết" of "tổ đoàn kết tự quản trên biển"), then capitalised,
    quoted, first."""
    k = " ".join(f[m.begin : m.end].split())
    shorter = any(" ".join(f[o.begin : o.end].split()).startswith((k + " ", k + ",")) for o in group)
    return (not shorter, text[m.begin].isupper(), m.quoted, -m.begin)


def _surface(ctx: Context, m: Mention) -> str:
    """The mention as written, inner whitespace collapsed (a name may wrap a line)."""
    return " ".join(ctx.text[m.begin : m.end].split())


def extract_campaigns(ctx: Context) -> None:
    """Add the article's named initiatives to ``ctx.campaigns`` and claim their name spans."""
    text, f = ctx.text, ctx.folded
    if not text.strip():
        return
    starts = ctx.layout.sentence_starts
    quotes = find_quotes(text)
    mentions = find_mentions(ctx, quotes, starts)
    attach_places(ctx, mentions, starts)

    groups: dict[str, list[Mention]] = {}
    order: list[str] = []
    for m in mentions:
        key = "antq" if m.antq_rank else m.same_as or " ".join(f[m.begin : m.end].split()).strip(" .,;:")
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(m)

    # a name the article also writes longer, going on after a comma (the headline's “Buôn làng bình
    # yên” of the body's “Buôn làng bình yên, không có tội phạm và tệ nạn xã hội”): one initiative,
    # named by its fullest form
    for key in list(order):
        longer = next((k for k in order if key != "antq" and k.startswith(key + ",")), None)
        if longer is not None:
            groups[longer].extend(groups.pop(key))
            order.remove(key)

    # further mentions of a name: a lower-case repeat after a kind word ("mô hình tổ liên gia …"),
    # a quoted shorter form of a longer name (“bám buôn, bám dân” of “Bám buôn, bám dân, …”)
    taken = SpanSet(Span(m.begin, m.end) for m in mentions)
    repeatable = [key for key in order if key != "antq" and word_count(key) >= 3]
    if repeatable:
        alt = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(repeatable, key=len, reverse=True))
        for occ in re.finditer(rf"(?<!\w)(?:{alt})(?!\w)", f):
            b, e = occ.start(), occ.end()
            key = " ".join(occ.group().split())
            if key not in groups or taken.overlaps(b, e):
                continue
            if kind_before(ctx, b, max(0, b - 30), None) is None:
                continue
            groups[key].append(Mention(b, e, None, None, False))
            taken.add(Span(b, e))
    prefixes: dict[str, str] = {}  # the name and its word-prefixes (2 words or more) -> the name
    for key in order:
        if key != "antq":
            prefixes[key] = key
            for cut in re.finditer(r"[ ,]", key):
                prefixes.setdefault(key[: cut.start()].rstrip(","), key)
    for q in quotes:
        if taken.overlaps(q.begin, q.end):
            continue
        qk = " ".join(f[q.begin : q.end].split()).strip(" .,;:")
        full = prefixes.get(qk)
        if full is not None and word_count(qk) >= 2:
            groups[full].append(Mention(q.begin, q.end, None, None, True))
            taken.add(Span(q.begin, q.end))

    for key in order:
        ms = sorted(groups[key], key=lambda m: m.begin)
        if key == "antq":
            best = max(ms, key=lambda m: (m.antq_rank, m.quoted, -m.begin))
            name = _surface(ctx, best)
            kind: str | None = ANTQ_KIND
            place = None
        else:
            named = [m for m in ms if m.kind is not None or m.quoted]
            best = max(named or ms, key=functools.partial(_fullest, f, text, group=ms))
            name = _surface(ctx, best)
            kind = next((m.kind for m in ms if m.kind is not None), None)
            place = next((m.place for m in ms if m.place is not None), None)
        spans = tuple(Span(m.begin, m.end) for m in ms)
        kind_spans = tuple(dict.fromkeys(m.kind_span for m in ms if m.kind_span is not None))
        ctx.campaigns.append(Campaign(name=name, kind=kind, place=place, spans=spans, kind_spans=kind_spans))
        ctx.claims.extend(spans)

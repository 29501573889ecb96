"""Extraction of places: administrative and residential units with the parent chain the text states.

Spec: issue 3 and the annotation conventions of ``../shared/corpus/dev/README.md`` ("Places"); type
words and levels from ``../shared/docs/VOCAB.md`` §3(c) and province names from the GSO list, both in
:mod:`antq_kg.mentions.admin_units`; every other word list is a ``places_*.tsv`` lexicon.

A mention is a type word (tỉnh, huyện, xã, thôn, khóm, "TP", "Huyện ủy"…), optionally a descriptor
("xã biên giới"), and a capitalised name ("xã Thạch Xuân", "phường 5", "tổ dân phố số 6" → name "6",
"thị trấn Nông trường Mộc Châu": lexicon ``places_name_prefixes``). A bare "tổ 12" is a tổ dân phố,
"khối 5" and "khu 3" residential units, only when a commune follows them ("tổ 12, phường Quang
Trung"); "TDP"/"KP" abbreviate tổ dân phố/khu phố; an ethnic group after a residential
word ("xóm Mường", "bản Thái": lexicon ``places_ethnic``) is no unit. Names shaped like a person's
("huyện Trần Văn Thời") and post-2025 names with a dash ("phường Lâm Viên - Đà Lạt") are kept when
the gazetteer knows them. In an all-caps line (a title) a name is the longest run of syllables the
article, the province list or the gazetteer knows. What follows a mention states its parents:

* a comma or a space: "thôn Lỗ Xá, xã Nhân Hòa, huyện Mỹ Hào", "xã Quang Hưng huyện Phù Cừ";
* parentheses, with or without type words: "(huyện Lệ Thủy, tỉnh Quảng Bình)", "(Thạch Hà)";
* "thuộc" or "của": "bản Xốp Phe thuộc xã Keng Đu".

One type word covers a list ("2 xã Thạch Kênh và Thạch Liên", "các huyện: A, B", "xã A, B và C",
"3 xã vùng cao là A, B và C": lexicon ``places_list_intros``). "huyện X cũ" and "trước đây thuộc
huyện X" mark a former unit; after the reform such a unit keeps its pre-reform chain from the
gazetteer, under its pre-2025 province when that was merged into the article's ("huyện Cái Bè cũ" in
a Đồng Tháp article → tỉnh Tiền Giang, ``former`` too). A bare level before a number and a counted
noun is an organisation's level, not a numbered unit ("Công an phường 47 cuộc gọi": the counts
stage's knowledge decides, :func:`~antq_kg.mentions.counted.reads_as_count_unit`). Chains are completed with the article's province
(:attr:`Context.province`: the one its offices and lead name, never a person's address) and, for a
commune written without its district, with the one the article writes for it elsewhere, else (with
the gazetteer, before the reform) the one district of the province the gazetteer puts it in, else
the district the article is about (named in the lead, twice or in the title). A residential unit
without a stated commune belongs to the one the article writes for it elsewhere, else to the
commune of its passage. After the 2025 reform (a district named as former, or the two-level system)
communes hang directly under the province (also when a date after 1/7/2025 is written, not as a
deadline, or, with the gazetteer, when no district is named and some communes exist in the province
only after the reform). In a report on several provinces, a unit the article's
province lacks goes to the one other named province the gazetteer finds it in. With a gazetteer
(:mod:`antq_kg.gazetteer`) the stage also fills missing type words, keeps communes of other
districts out of the article's district and sets GSO codes by era.

Matching runs one precompiled regex over the NFC text (type words case-insensitively, names by
capitalisation, which the folded view erases) and cheap anchored checks on the folded view; names
are compared through :func:`antq_kg.text.fold_key`, so "Hải Hoà" and "Hải Hòa" are one place, spelt
as first written. Later stages read the mentions through ``ctx.place_index``
(:class:`~antq_kg.mentions.context.PlaceIndex`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from ..lexicon import words
from ..model import Place
from ..text import LOWER, UPPER, Span, document_from_text, fold, fold_key, name_key
from .admin_units import (
    COMMUNE,
    DEFAULT_TYPE,
    DISTRICT,
    PROVINCE,
    RESIDENTIAL,
    TypeWord,
    province_aliases_in_capitals,
    provinces,
    type_word,
    type_word_pattern,
    type_words,
)
from .context import Context
from .counted import counted_nouns, reads_as_count_unit

if TYPE_CHECKING:
    from ..gazetteer import AdminUnit, Gazetteer


_SP = r"[ \t\u00a0]"
# one capitalised syllable; apostrophes inside names: Cư M'gar, Cư M’gar
_SYL = rf"[{UPPER}][{LOWER}]*(?:['’][{UPPER}{LOWER}]+)?(?![\w'’])"
_WORDS = rf"{_SYL}(?:(?: |-){_SYL}){{0,4}}"
# a bare number may name a unit ("phường 5"); it must end the phrase, not start a count ("huyện 113 già làng")
_NUM_END = re.compile(r"(?=\s*[,;.:)(\n–-]|\s*$|\s+(?:và|thuộc|cũ)\b)")
_NUMBER = r"(?![\d.,/%]\d|\d)"
_DASH_TAIL = re.compile(rf"[ \t\u00a0]*[-–][ \t\u00a0]*({_WORDS})")


def _name_pattern() -> str:
    """A unit's name: capitalised syllables with an optional number, a bare number ("số 6"), or an
    upper-case alias of a province ("TP.HCM")."""
    alias = "|".join(re.escape(a) for a in province_aliases_in_capitals())
    prefixes = "|".join(re.escape(w) for w in sorted(words("places_name_prefixes"), key=len, reverse=True))
    named = rf"(?:(?:{prefixes}) )?{_WORDS}" if prefixes else _WORDS
    words_ = rf"(?:{alias})(?!\w)|{named}" if alias else named
    return (
        rf"(?:(?P<words>{words_})(?: (?P<num>\d{{1,3}}){_NUMBER})?|(?P<so>số )?(?P<bare>\d{{1,3}}){_NUMBER})"
    )


@cache
def _not_names() -> tuple[str, ...]:
    return tuple(fold_key(w) for w in words("places_not_names"))


@cache
def _generic_before_re() -> re.Pattern[str]:
    """A residential type word right before another one: "phum, sóc", "thôn, xóm" are generic."""
    res = sorted((fold(t.surface) for t in type_words() if t.kind == "residential"), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, res))})[ \t\u00a0]*(?:,|và|hoặc|/)[ \t\u00a0]*$")


@cache
def _org_head_re() -> re.Pattern[str]:
    alt = "|".join(
        re.escape(w) for w in sorted({name_key(w) for w in words("places_org_heads")}, key=len, reverse=True)
    )
    return re.compile(rf"(?:{alt})(?!\w)")


@cache
def _person_middles() -> frozenset[str]:
    return frozenset(name_key(w) for w in words("places_person_middles"))


@cache
def _compound_re() -> re.Pattern[str]:
    """Compounds ending in a residential type word ("văn bản", "chăm sóc"), anchored at the type word's end."""
    heads = [w for w in {name_key(w) for w in words("places_compounds")} if " " in w]
    alt = "|".join(re.escape(w) for w in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})$")


@cache
def _type_word_names() -> frozenset[str]:
    return frozenset(fold_key(w) for w in words("places_type_word_names"))


@cache
def _ethnic_names() -> frozenset[str]:
    return frozenset(name_key(w) for w in words("places_ethnic"))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    types = type_word_pattern()
    name = _name_pattern()
    desc = "|".join(
        re.escape(w).replace("\\ ", _SP + "+")
        for w in sorted(words("places_descriptors"), key=len, reverse=True)
    )
    # words that open a list after a plural type word: "3 xã vùng cao là A, B và C", "các xã gồm A, B"
    intro = "|".join(
        re.escape(w).replace("\\ ", _SP + "+") for w in sorted(words("places_list_intros"), key=len, reverse=True)
    )
    mention = re.compile(
        rf"(?<![\w.])(?P<type>{types})(?:{_SP}+(?:{desc})(?!\w))?"
        rf"(?:(?P<colon>{_SP}*:)|{_SP}+(?P<intro>{intro})(?!\w))?{_SP}*(?<=[ \t\u00a0.])(?P<name>{name})"
    )
    # what may follow a unit: a parent ("…, huyện X", "… (X)", "… thuộc xã Y") or a list item
    link = re.compile(
        rf"(?P<sep>{_SP}*,{_SP}*|{_SP}*\({_SP}*|{_SP}+(?:thuộc|trực thuộc|của){_SP}+| )"
        rf"(?P<type>{types}{_SP}*(?<=[ \t\u00a0.]))?(?P<name>{name})"
    )
    item = re.compile(rf"(?P<sep>{_SP}*,{_SP}*(?:và{_SP}+)?|{_SP}+và{_SP}+)(?P<name>{name})")
    return mention, link, item


_PLURAL_BEFORE = re.compile(r"(?:(?<!\w)(?:các|những|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)|\d{1,3})\s+$")
_ADDRESS_BEFORE = re.compile(r"(?<!\w)(?:trú|quê|ngụ|cư ngụ|sinh sống)(?: tại| ở)?[ \t\u00a0][^.;:!?\n]*$")
_OFFICE_BEFORE = re.compile(
    r"(?<!\w)(?:công an|ubnd|ủy ban nhân dân|tỉnh ủy|thành ủy|hđnd|ủy ban mttq)[ \t\u00a0]+$"
)
_WHOLE_BEFORE = re.compile(r"(?<!\w)(?:toàn|cả|các|mỗi|từng|mọi|những|trong)[ \t\u00a0]+$")
_AND_BEFORE = re.compile(r"(?<!\w)và[ \t\u00a0]+$")
_NAMED_BEFORE = re.compile(
    r"(?<!\w)(?:công an|ubnd|ủy ban nhân dân|hđnd|đảng ủy|mttq|chủ tịch|bí thư|trưởng|tại|ở|trú|thuộc)"
    r"[ \t\u00a0]+$"
)
_FORMER_BEFORE = re.compile(r"(?:trước đây|trước kia|nguyên|cũ)\s+(?:thuộc|là)\s+$")
_FORMER_AFTER = re.compile(r"\s*(?:\(\s*cũ\s*\)|cũ(?!\w))")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:\n]\s*[\"'“‘(]?\s*)$")
_PAREN_ITEM_END = re.compile(r"[ \t\u00a0]*[,)]")
_CLOSE = re.compile(r"[ \t\u00a0]*\)")


# -- raw mentions ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Ref:
    """One written unit: a type (None when the text gives none), a name, and where it stands."""

    type: str | None
    name: str
    level: int
    span: Span
    former: bool = False
    parents: list[_Ref] = field(default_factory=list)

    @property
    def key(self) -> str:
        return name_key(self.name)


def _level_of(type_word: TypeWord, name: str) -> int:
    if len(type_word.levels) == 1:
        return type_word.levels[0]
    known = provinces().get(name_key(name))
    return PROVINCE if known is not None and known[1] == type_word.type else DISTRICT


def _name_of(m: re.Match[str]) -> str | None:
    """The name of a name match without "số", or None when it is no name."""
    if m.group("bare") is not None:
        return m.group("bare")
    return m.group("name")


@cache
def _not_names_re() -> re.Pattern[str]:
    alt = "|".join(re.escape(w) for w in sorted(set(_not_names()), key=len, reverse=True))
    return re.compile(rf"(?:{alt})(?!\w)")


def _bad_name(ctx: Context, begin: int) -> bool:
    """A rank, title or organisation head stands where the name should ("Công an tỉnh Đại tá …")."""
    return _not_names_re().match(ctx.folded, begin) is not None


@cache
def _count_noun_re() -> re.Pattern[str]:
    alt = "|".join(
        re.escape(w)
        for w in sorted({fold_key(w) for w in counted_nouns()}, key=len, reverse=True)
    )
    return re.compile(rf"[ \t\u00a0]+(?:{alt})(?!\w)")


def _count_follows(ctx: Context, pos: int) -> bool:
    """True when a classifier follows ``pos``: the number before it counts ("xã Hải An 5 vụ")."""
    return _count_noun_re().match(ctx.folded, pos) is not None


def _bare_ok(ctx: Context, m: re.Match[str], numbered: bool) -> bool:
    """A bare number names a unit only for numbered types and when it ends the phrase."""
    if m.group("bare") is None:
        return True
    if not numbered:
        return False
    if m.group("so") is not None or _NUM_END.match(ctx.text, m.end()) is not None:
        return True
    # "Công an quận 1 xử lý…", "trú tại phường 5 quận 3": a unit must be named there
    if _NAMED_BEFORE.search(ctx.folded, max(0, m.start() - 24), m.start()) is not None:
        # "Công an phường 47 cuộc gọi, tin nhắn …": a bare level, then a count (the counts stage's
        # unit knowledge decides), unless the gazetteer knows the numbered unit and what follows
        # does not read as a unit of count ("Công an phường 5 tổ chức …")
        if not _count_follows(ctx, m.end()):
            return True
        return not reads_as_count_unit(ctx.folded, m.end()) and _numbered_unit_known(ctx, m)
    # "Thôn 3 có 200 hộ" names thôn 3; "toàn xã 12 thôn", "mỗi xóm 2 tổ" count
    if _count_follows(ctx, m.end()):
        return False
    return _WHOLE_BEFORE.search(ctx.folded, max(0, m.start() - 12), m.start()) is None


def _numbered_unit_known(ctx: Context, m: re.Match[str]) -> bool:
    """The gazetteer has a unit of the written type and number ("phường 5"), within the article's
    province when known; without a gazetteer the written name is trusted."""
    gaz = ctx.gazetteer
    if gaz is None:
        return True
    written = m.groupdict().get("type")
    tw = type_word(written) if written else None
    if tw is None or tw.kind == "residential":
        return True  # residential units are in no gazetteer
    within = None
    if ctx.province is not None:
        found = gaz.lookup(ctx.province.name, type=ctx.province.type)
        within = found[0] if len(found) == 1 else None
    return bool(gaz.lookup(m.group("bare"), type=tw.type, within=within))


def _sentence_start(ctx: Context, pos: int) -> bool:
    return _SENTENCE_START.search(ctx.text, max(0, pos - 4), pos) is not None


def _former_at(ctx: Context, begin: int, end: int) -> bool:
    before = ctx.folded[max(0, begin - 20) : begin]
    return _FORMER_BEFORE.search(before) is not None or _FORMER_AFTER.match(ctx.folded, end) is not None


def _parse_name(
    ctx: Context, m: re.Match[str], numbered: bool, known: Container[str] = ()
) -> tuple[str, int, int] | None:
    """(name, name_begin, name_end) of a name match, or None when it names nothing.

    ``known`` holds the folded names the article writes elsewhere with their number ("xã Đại Ân 2,"),
    so "xã Đại Ân 2 cho biết" keeps its number although a count could start there.
    """
    if not _bare_ok(ctx, m, numbered):
        return None
    begin = m.start("name")
    if m.group("words") is not None:
        if _bad_name(ctx, begin):
            return None
        syllables = m.group("words").split()
        if (
            len(syllables) >= 3
            and name_key(syllables[1]) in _person_middles()
            and not _gazetteer_knows(ctx, m, m.group("words"))
        ):
            return None  # "Chủ tịch UBND xã Nguyễn Văn A": a person, not a commune ("huyện Trần Văn Thời" is one)
    # "xã Đại Ân 2" — the number belongs to the name unless a count starts there ("xã A 5 vụ")
    if (
        m.group("num") is not None
        and m.group("words") is not None
        and _count_follows(ctx, m.end("num"))
        and name_key(m.group("name")) not in known
    ):
        end = m.end("words")
        return ctx.text[begin:end], begin, end
    name = _name_of(m)
    if name is None:
        return None
    end = m.end("name")
    if m.group("so") is not None:
        begin = m.start("bare")
    if m.group("words") is not None and m.group("num") is None:
        trimmed = _known_prefix(ctx, name, known)
        if trimmed is not None:
            name, end = trimmed, begin + len(trimmed)  # "tỉnh Quảng Trị Nguyễn Văn A"
        known_province = provinces().get(name_key(name))
        if known_province is not None and name.isupper():
            name = known_province[0]  # "TP.HCM" → Hồ Chí Minh
        tail = _DASH_TAIL.match(ctx.text, end)
        if tail is not None and (
            name_key(f"{name} - {tail.group(1)}") in provinces()
            or _gazetteer_knows(ctx, m, f"{name} - {tail.group(1)}")
        ):
            end = tail.end()  # "tỉnh Bà Rịa - Vũng Tàu", "phường Lâm Viên - Đà Lạt" (2025)
            name = ctx.text[begin:end]
    return name, begin, end


def _gazetteer_knows(ctx: Context, m: re.Match[str], name: str) -> bool:
    """The gazetteer (when loaded) has an administrative unit ``name`` of the type word written before
    it ("huyện Trần Văn Thời", "phường Lâm Viên - Đà Lạt"); any type when the match has none."""
    gaz = ctx.gazetteer
    if gaz is None:
        return False
    written = m.groupdict().get("type")
    tw = type_word(written) if written else None
    if tw is not None and tw.kind == "residential":
        return False
    return bool(gaz.lookup(name, type=tw.type if tw is not None else None))


def _known_prefix(ctx: Context, name: str, known: Container[str]) -> str | None:
    """The known leading part of a name that runs on into a person's name ("tỉnh Quảng Trị Lê Hồng
    Phong" → "Quảng Trị"): a province or a name the article writes with a type word elsewhere,
    followed by at least two more syllables; None when the whole name is a known unit."""
    syllables = name.split(" ")
    if len(syllables) < 4 or name_key(name) in provinces():
        return None
    if ctx.gazetteer is not None and ctx.gazetteer.lookup(name):
        return None
    for size in range(len(syllables) - 2, 1, -1):
        head = " ".join(syllables[:size])
        key = name_key(head)
        if key in provinces() or key in known:
            return head
    return None


class _Scanner:
    """First pass: every typed mention with the chain written after it."""

    def __init__(self, ctx: Context, matches: list[re.Match[str]]) -> None:
        self.ctx = ctx
        self.matches = matches
        self.refs: list[_Ref] = []
        self.covered_until = 0  # list items and written parents already read
        self.typed_levels: dict[str, set[tuple[str, int]]] = {}

    def _type(self, surface: str) -> TypeWord | None:
        return type_word(surface)

    def scan(self) -> None:
        for m in self.matches:
            if m.start() < self.covered_until:
                continue
            tw = self._type(m.group("type"))
            if tw is None:
                continue
            if tw.kind == "residential" and not self._residential_ok(m):
                continue
            parsed = _parse_name(self.ctx, m, tw.numbered, self.typed_levels)
            if parsed is None:
                continue
            name, _nb, ne = parsed
            if tw.kind == "residential" and (
                name_key(f"{m.group('type')} {name}") in _type_word_names() or name_key(name) in _ethnic_names()
            ):
                continue  # "tỉnh Sóc Trăng" is no sóc; "xóm Mường" is a Mường hamlet, not one named so
            if m.group("type")[:1].isupper() and tw.kind == "residential" and self._is_known_name(m, name):
                continue
            ref = _Ref(tw.type, name, _level_of(tw, name), Span(m.start(), ne))
            ref.former = _former_at(self.ctx, m.start(), ne)
            items = [ref]
            plural = _PLURAL_BEFORE.search(self.ctx.folded, max(0, m.start() - 12), m.start()) is not None
            if (m.group("colon") or m.group("intro")) and not plural:
                continue
            pos = ne
            if plural:
                pos = self._list_items(ref, tw, items, pos)
            else:
                pos = self._singular_list(ref, tw, items, pos)
            if len(items) > 1:
                self.covered_until = max(self.covered_until, pos)
            if ref.level == PROVINCE and ref.type == "thành phố" and self._province_follows(pos):
                ref.level = DISTRICT  # "thành phố Huế, tỉnh Thừa Thiên Huế" (before 2025)
            chained = self._chain(items, pos, commit=not tw.needs_parent)
            if tw.needs_parent:
                if not chained or chained[0].level != COMMUNE:
                    continue  # a bare "tổ 3" is a group of people, not a unit
                self._chain(items, pos)
            for r in items:
                self._add(r)

    def _residential_ok(self, m: re.Match[str]) -> bool:
        """Residential type words: lower case (or sentence-initial), not one of a generic pair."""
        begin = m.start()
        if m.group("type")[:1].isupper() and not _sentence_start(self.ctx, begin):
            return False
        if _compound_re().search(self.ctx.folded, max(0, begin - 8), m.end("type")) is not None:
            return False
        return _generic_before_re().search(self.ctx.folded, max(0, begin - 16), begin) is None

    def _is_known_name(self, m: re.Match[str], name: str) -> bool:
        """A capitalised "Buôn Hồ…" that is the name of a unit, not a buôn called "Hồ"."""
        whole = name_key(f"{m.group('type')} {name}")
        if whole in provinces() or whole in self.typed_levels:
            return True
        gaz = self.ctx.gazetteer
        return gaz is not None and bool(gaz.lookup(f"{m.group('type')} {name}"))

    def _province_follows(self, pos: int) -> bool:
        _, link, _ = _patterns()
        m = link.match(self.ctx.text, pos)
        return (
            m is not None
            and m.group("type") is not None
            and self._type(m.group("type")) == self._type("tỉnh")
        )

    def _singular_list(self, first: _Ref, tw: TypeWord, items: list[_Ref], pos: int) -> int:
        """ "xã Thạch Kênh, Thạch Liên và Thạch Đài": a list under one singular type word, read only
        when it ends with "và NAME" and no name is a known higher unit ("xã Tân Lập, Mộc Châu")."""
        trial = [first]
        end = self._list_items(first, tw, trial, pos)
        last = trial[-1].span.begin
        if len(trial) < 2 or not _AND_BEFORE.search(self.ctx.folded, max(0, last - 12), last):
            return pos
        if any(self._known_higher(r.name, first.level) for r in trial[1:]):
            return pos
        items.extend(trial[1:])
        return end

    def _list_items(self, first: _Ref, tw: TypeWord, items: list[_Ref], pos: int) -> int:
        _, _, item = _patterns()
        while True:
            m = item.match(self.ctx.text, pos)
            if m is None:
                return pos
            if _org_head_re().match(self.ctx.folded, m.start("name")):
                return pos
            parsed = _parse_name(self.ctx, m, tw.numbered, self.typed_levels)
            if parsed is None:
                return pos
            name, nb, ne = parsed
            items.append(_Ref(first.type, name, first.level, Span(nb, ne), _former_at(self.ctx, nb, ne)))
            pos = ne

    def _chain(self, items: list[_Ref], pos: int, *, commit: bool = True) -> list[_Ref]:
        """Read the parents written after ``pos`` and give them to every item (only read them when
        not ``commit``); returns the chain, child first."""
        covered = self.covered_until
        _, link, _ = _patterns()
        text = self.ctx.text
        level = items[0].level
        in_paren = False
        chain: list[_Ref] = []
        while True:
            m = link.match(text, pos)
            if m is None:
                if in_paren:
                    close = _CLOSE.match(text, pos)
                    if close is not None:
                        pos, in_paren = close.end(), False
                        continue
                break
            sep = m.group("sep")
            opens = "(" in sep
            if opens and in_paren:
                break
            tw = self._type(m.group("type")) if m.group("type") else None
            parsed = _parse_name(self.ctx, m, tw.numbered if tw else False, self.typed_levels)
            if parsed is None:
                break
            name, nb, ne = parsed
            if tw is None:
                if not (opens or in_paren or sep.strip() in {",", "thuộc", "trực thuộc"}):
                    break
                child = chain[-1] if chain else items[0]
                if not (opens or in_paren) and not (
                    self._known_higher(name, level) or self._gazetteer_parent(child, name)
                ):
                    break
                if (opens or in_paren) and _PAREN_ITEM_END.match(text, ne) is None:
                    break  # "(Ảnh: …)", "(Hà Văn A, 45 tuổi)": not a chain of names
                plevel = self._typeless_level(name, level)
                ref = _Ref(None, name, plevel, Span(nb, ne))
            else:
                if tw.kind == "residential" and _generic_before_re().search(
                    self.ctx.folded, max(0, m.start("type") - 16), m.start("type")
                ):
                    break
                ref = _Ref(tw.type, name, _level_of(tw, name), Span(m.start("type"), ne))
            ref.former = _former_at(self.ctx, ref.span.begin, ne)
            higher = ref.level < level or (
                ref.level == level == RESIDENTIAL
                and ref.type != (chain[-1].type if chain else items[0].type)
                and "thuộc" in sep
            )
            if not higher:
                break
            if ref.type is not None:
                self.covered_until = max(self.covered_until, ref.span.end)
            chain.append(ref)
            level = ref.level
            in_paren = in_paren or opens
            pos = ne
        if not commit:
            self.covered_until = covered
            return chain
        for r in items:
            r.parents = list(chain)
        for i, r in enumerate(chain):
            r.parents = chain[i + 1 :]
            self.refs.append(r)
        return chain

    def _gazetteer_parent(self, child: _Ref, name: str) -> bool:
        """The gazetteer knows a unit ``name`` above ``child`` ("xã Thạch Xuân, Thạch Hà")."""
        gaz = self.ctx.gazetteer
        if gaz is None or child.level > COMMUNE:
            return False
        return gaz.resolve_chain([(child.type, child.name), (None, name)]).unit is not None

    def _known_higher(self, name: str, level: int) -> bool:
        key = name_key(name)
        if level > PROVINCE and key in provinces():
            return True
        return any(lv < level for _t, lv in self.typed_levels.get(key, ()))

    def _typeless_level(self, name: str, level: int) -> int:
        key = name_key(name)
        known = sorted(lv for _t, lv in self.typed_levels.get(key, ()) if lv < level)
        if known:
            return known[-1]
        if key in provinces() and level <= COMMUNE:
            return (
                PROVINCE
                if level == DISTRICT or (level == COMMUNE and not self._district_named(key))
                else DISTRICT
            )
        return max(level - 1, PROVINCE)

    def _district_named(self, key: str) -> bool:
        return any(lv == DISTRICT for _t, lv in self.typed_levels.get(key, ()))

    def _add(self, ref: _Ref) -> None:
        self.refs.append(ref)
        if ref.type is not None:
            self.typed_levels.setdefault(ref.key, set()).add((ref.type, ref.level))


def _pre_scan_types(ctx: Context, matches: list[re.Match[str]]) -> dict[str, set[tuple[str, int]]]:
    """Article-wide: the typed levels of every name, so "(Đức Phổ)" can take "thị xã" from later text."""
    out: dict[str, set[tuple[str, int]]] = {}
    for m in matches:
        tw = type_word(m.group("type"))
        if tw is None:
            continue
        parsed = _parse_name(ctx, m, tw.numbered)
        if parsed is None:
            continue
        name = parsed[0]
        out.setdefault(name_key(name), set()).add((tw.type, _level_of(tw, name)))
    return out


# -- bare province names ------------------------------------------------------------------------


@cache
def _bare_province_re() -> re.Pattern[str]:
    names = sorted({fold(" ".join(n.split())) for n in provinces()}, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?:{alt})(?!\w)")


_TITLE_COLON = re.compile(r"[ \t\u00a0]*[:–-]")
_CONG_AN = re.compile(r"(?<!\w)công an ")


def _bare_provinces(ctx: Context) -> list[_Ref]:
    """Province names without a type word: a title "Quảng Trị: …", "Công an Hưng Yên"."""
    starts = [0] if ctx.folded else []
    starts += [m.end() for m in _CONG_AN.finditer(ctx.folded)]
    out = []
    for b in starts:
        m = _bare_province_re().match(ctx.folded, b)
        if m is None or (b == 0 and _TITLE_COLON.match(ctx.folded, m.end()) is None):
            continue
        surface = ctx.text[b : m.end()]
        if surface[:1].isupper():
            official, typ = provinces()[name_key(surface)]
            name = official if surface.isupper() and len(surface) > 3 else surface  # "QUẢNG TRỊ:"
            out.append(_Ref(typ, name, PROVINCE, Span(b, m.end())))
    return out


_CAPS_LINE = re.compile(r"[^\n]*\n?")


@cache
def _caps_mention_re() -> re.Pattern[str]:
    """A type word and up to five upper-case syllables, in an all-caps line (matched on the text)."""
    up = rf"[{UPPER}]+(?:['’][{UPPER}]+)?"
    return re.compile(rf"(?<![\w.])(?P<type>{type_word_pattern()}){_SP}+(?P<words>{up}(?:{_SP}{up}){{0,4}})(?!\w)")


def _caps_title_refs(ctx: Context, refs: list[_Ref]) -> list[_Ref]:
    """Units in an all-caps line (a title "CÔNG AN HUYỆN KIM SƠN RA MẮT …"): capitalisation no
    longer shows where the name ends, so the longest leading run of syllables that names a unit the
    article writes elsewhere, a province or (with the gazetteer) a unit of that type is taken, spelt
    as the article or the official list spells it."""
    out: list[_Ref] = []
    spelt = {r.key: r.name for r in refs if not r.name.isupper()}
    gaz = ctx.gazetteer
    pos = 0
    for line in _CAPS_LINE.finditer(ctx.text):
        text = line.group()
        if not text.strip():
            if line.end() >= len(ctx.text):
                break
            continue
        pos = line.start()
        if not any(c.isalpha() for c in text) or any(c.islower() for c in text):
            continue
        for m in _caps_mention_re().finditer(ctx.text, pos, line.end()):
            tw = type_word(m.group("type"))
            if tw is None:
                continue
            syllables = m.group("words").split()
            for size in range(len(syllables), 0, -1):
                cand = " ".join(syllables[:size])
                key = name_key(cand)
                name = spelt.get(key)
                if name is None and key in provinces() and PROVINCE in tw.levels:
                    name = provinces()[key][0]
                if name is None and gaz is not None and tw.kind != "residential":
                    units = gaz.lookup(cand, type=tw.type)
                    name = units[0].name if units else None
                if name is not None:
                    end = m.start("words") + len(cand)
                    out.append(_Ref(tw.type, name, _level_of(tw, name), Span(m.start(), end)))
                    break
        if line.end() >= len(ctx.text):
            break
    return out


# -- building places --------------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class _Node:
    type: str
    name: str
    level: int
    parent: _Node | None
    spans: list[Span] = field(default_factory=list)
    former: bool = False
    code: str | None = None

    @property
    def key(self) -> str:
        return name_key(self.name)

    def first(self) -> int:
        return min((s.begin for s in self.spans), default=1 << 62)


class _Builder:
    def __init__(
        self,
        ctx: Context,
        refs: list[_Ref],
        typed: dict[str, set[tuple[str, int]]],
        gaz: _ArticleGazetteer | None = None,
        *,
        post_2025: bool = False,
    ) -> None:
        self.ctx = ctx
        self.post_2025 = post_2025
        self.typed = typed
        self.gaz = gaz
        self.refs = sorted(refs, key=lambda r: r.span.begin)
        for r in self.refs:
            if r.level == PROVINCE and r.type is None and r.key in provinces():
                r.type = provinces()[r.key][1]
        self.nodes: list[_Node] = []
        self.mentions: list[tuple[Span, _Node]] = []
        self.communes: list[tuple[int, _Node]] = []  # commune-level mentions (begin, node), in order
        self.index: dict[tuple[str, str, int], _Node] = {}
        self.last_mentioned: dict[tuple[str, str], _Node] = {}
        self.first_created: dict[tuple[str, str], _Node] = {}
        self.ref_starts = [r.span.begin for r in self.refs]
        self.spelling: dict[tuple[str, int], str] = {}
        for r in self.refs:
            self.spelling.setdefault((r.key, r.level), r.name)
        self.paragraphs = ctx.layout.paragraph_starts
        self.lead_end = self.paragraphs[2] if len(self.paragraphs) > 2 else len(ctx.text)
        self.province = self._choose_province()
        #: the other provinces the article names (a report on several), first mention first
        self.named_provinces: list[_Ref] = []
        for r in self.refs:
            if (
                r.level == PROVINCE
                and not r.former
                and r.key in provinces()
                and (self.province is None or r.key != self.province.key)
                and all(p.key != r.key for p in self.named_provinces)
            ):
                self.named_provinces.append(r)
        self.home_district: _Ref | None = None
        self.home_commune: _Ref | None = None
        #: (type, key) of a commune or residential unit → the mentions that write its parent one level
        #: up ("xã A, huyện B"; "thôn C, xã A"), by that parent's key
        self.written_chains: dict[tuple[str, str], dict[str, _Ref]] = {}
        for r in self.refs:
            up = r.parents[0].level if r.parents else 0
            if r.level in (COMMUNE, RESIDENTIAL) and r.type is not None and up == r.level - 1:
                self.written_chains.setdefault((r.type, r.key), {}).setdefault(r.parents[0].key, r)

    # -- article-level choices

    def _choose_province(self) -> _Ref | None:
        scores: dict[str, tuple[int, int, _Ref]] = {}
        for r in self.refs:
            if r.level != PROVINCE or r.former or r.key not in provinces():
                continue
            bonus = self._province_weight(r)
            old = scores.get(r.key)
            scores[r.key] = (old[0] + bonus, old[1], old[2]) if old else (bonus, -r.span.begin, r)
        if not scores:
            return None
        return max(scores.values(), key=lambda t: (t[0], t[1]))[2]

    def _province_weight(self, r: _Ref) -> int:
        """How strongly a mention says "this is the article's province": an office of it ("Công an
        tỉnh X") counts most, the lead more than the body, a person's address ("trú tại …") not at all."""
        folded = self.ctx.folded
        if _ADDRESS_BEFORE.search(folded, max(0, r.span.begin - 80), r.span.begin):
            return 0
        weight = 2 if r.span.begin < self.lead_end else 1
        if _OFFICE_BEFORE.search(folded, max(0, r.span.begin - 24), r.span.begin):
            weight += 2
        return weight

    def _choose_home(self, level: int) -> _Ref | None:
        """The district (or commune) the article is about: named in the lead (title and first
        paragraph), not as former, and named twice or in the title; the most named wins."""
        counts: dict[str, int] = {}
        first: dict[str, _Ref] = {}
        for r in self.refs:
            if r.level != level or r.former:
                continue
            counts[r.key] = counts.get(r.key, 0) + 1
            if r.key not in first or (first[r.key].type is None and r.type is not None):
                first[r.key] = r
        title = self.ctx.folded[: self.paragraphs[1] if len(self.paragraphs) > 1 else len(self.ctx.folded)]
        lead = [
            k
            for k, r in first.items()
            if r.span.begin < self.lead_end
            and self._in_article_province(r)
            and (counts[k] >= 2 or re.search(rf"(?<!\w){re.escape(k)}(?!\w)", title) is not None)
        ]
        if not lead:
            return None
        best = max(lead, key=lambda k: (counts[k], -first[k].span.begin))
        return first[best]

    def _in_article_province(self, r: _Ref) -> bool:
        tops = [p for p in r.parents if p.level == PROVINCE]
        return not tops or self.province is None or tops[0].key == self.province.key

    # -- nodes

    def _find(self, type_: str, key: str, parent: _Node | None) -> _Node | None:
        return self.index.get((type_, key, id(parent)))

    def _latest(self, type_: str, key: str) -> _Node | None:
        """The unit of that type and name mentioned last (or created first when none is mentioned yet)."""
        return self.last_mentioned.get((type_, key)) or self.first_created.get((type_, key))

    def _node(self, type_: str, name: str, level: int, parent: _Node | None, former: bool) -> _Node:
        if level == COMMUNE and parent is not None and parent.level == PROVINCE:
            parent = self._district_for(type_, name, parent) or parent
        found = self._find(type_, name_key(name), parent)
        if found is not None:
            found.former = found.former or former
            return found
        node = _Node(type_, name, level, parent, former=former)
        self.nodes.append(node)
        self.index[(type_, node.key, id(parent))] = node
        self.first_created.setdefault((type_, node.key), node)
        return node

    def _other_province(self, ref: _Ref) -> _Node | None:
        """A report on several provinces: the other province the article names that has the district
        or commune ``ref`` (written without a parent), when the article's own province has none
        such and exactly one other named province has it (gazetteer, in the article's era)."""
        if self.gaz is None or self.province is None or not self.named_provinces:
            return None
        typ = ref.type or self._typeless_type(ref)
        if self.gaz.in_province(typ, ref.name, ref.level, self.province.name):
            return None
        found = [p for p in self.named_provinces if self.gaz.in_province(typ, ref.name, ref.level, p.name)]
        if len(found) != 1:
            return None
        top = found[0]
        return self._node(top.type or DEFAULT_TYPE[PROVINCE], self._spelling(top), PROVINCE, None, False)

    def _district_for(self, type_: str, name: str, province: _Node) -> _Node | None:
        """The district of a commune written without one, within ``province``: the one the article
        writes for it elsewhere (when it writes exactly one), else the one the gazetteer knows.
        None after the reform, when communes hang directly under the province."""
        if self.post_2025:
            return None
        node = self._written_parent(type_, name_key(name))
        if node is not None and node.parent is province:
            return node
        return self._gazetteer_district(type_, name, province)

    def _written_parent(self, type_: str, key: str) -> _Node | None:
        """The parent the article writes for the unit ``type_ key`` elsewhere, when it writes one."""
        written = self.written_chains.get((type_, key))
        if written is None or len(written) != 1:
            return None
        (ref,) = written.values()
        return self._chain_node(ref.parents)

    def _gazetteer_district(self, type_: str, name: str, province: _Node) -> _Node | None:
        """Before the reform, the district node of a commune written without one, when the
        gazetteer puts it in exactly one district of ``province``; spelt and typed as the article
        writes that district when it does."""
        if self.gaz is None or self.post_2025:
            return None
        found = self.gaz.district_of(type_, name, province.name)
        if found is None:
            return None
        dtype, dname = found
        key = name_key(dname)
        written = sorted(t for t, lv in self.typed.get(key, ()) if lv == DISTRICT)
        if written and dtype not in written:
            dtype = written[0]
        return self._node(dtype, self.spelling.get((key, DISTRICT), dname), DISTRICT, province, False)

    def _province_node(self) -> _Node | None:
        p = self.province
        if p is None:
            return None
        typ = p.type or DEFAULT_TYPE[PROVINCE]
        return self._node(typ, self._spelling(p), PROVINCE, None, False)

    def _spelling(self, ref: _Ref) -> str:
        """The name as first written in the article (README: "uses the first")."""
        return self.spelling.get((ref.key, ref.level), ref.name)

    def _default_parent(self, ref: _Ref) -> _Node | None:
        if ref.level == PROVINCE:
            return None
        if ref.level == DISTRICT:
            return self._other_province(ref) or self._province_node()
        if ref.level == COMMUNE:
            province = self._province_node()
            if province is not None:
                known = self._district_for(ref.type or self._typeless_type(ref), ref.name, province)
                if known is not None:
                    return known
            other = self._other_province(ref)
            if other is not None:
                return self._district_for(ref.type or self._typeless_type(ref), ref.name, other) or other
            hd = self.home_district
            if (
                hd is not None
                and not (hd.type == ref.type and hd.key == ref.key)
                and not (self.gaz is not None and self.gaz.elsewhere(ref, hd))
            ):
                return self._ref_node(hd)
            return self._province_node()
        return self._commune_for(ref)

    def _commune_for(self, ref: _Ref) -> _Node | None:
        """The commune a residential unit without a stated one belongs to (README: the unit the
        passage is about): the last commune named earlier in its paragraph, else the next one in
        its sentence, else the commune the article is about, else the last one named."""
        pos = ref.span.begin
        para = self.paragraphs[max(bisect_right(self.paragraphs, pos) - 1, 0)]
        i = bisect_left(self.communes, pos, key=lambda t: t[0])
        if i > 0 and self.communes[i - 1][0] >= para:
            return self.communes[i - 1][1]
        sent_end = self.ctx.layout.sentence(ref.span.end)[1]
        for j in range(bisect_left(self.ref_starts, ref.span.end), len(self.refs)):
            r = self.refs[j]
            if r.span.begin >= sent_end:
                break
            if r.level == COMMUNE and not r.former:
                return self._ref_node(r)
        if self.home_commune is not None:
            return self._ref_node(self.home_commune)
        if i > 0:
            return self.communes[i - 1][1]
        if self.home_district is not None:
            return self._ref_node(self.home_district)
        return self._province_node()

    def _ref_node(self, ref: _Ref) -> _Node:
        """The node a written mention names, building its chain top-down."""
        typ = ref.type or self._typeless_type(ref)
        if ref.parents:
            parent = self._chain_node(ref.parents)
        else:
            former = self._former_parent(typ, ref) if ref.former else None
            if former is not None:
                return self._node(typ, ref.name, ref.level, former, True)
            default = self._default_parent(ref)
            found = self._find(typ, ref.key, default)
            if found is not None:
                return found
            latest = self._latest(typ, ref.key)
            if latest is not None:
                return latest
            parent = default
            if ref.level == RESIDENTIAL:  # named first without its commune ("… ở thôn Hồ Khê" in a title)
                parent = self._written_parent(typ, ref.key) or default
        if parent is not None and parent.type == typ and parent.key == ref.key:
            parent = parent.parent
        return self._node(typ, ref.name, ref.level, parent, ref.former)

    def _former_parent(self, typ: str, ref: _Ref) -> _Node | None:
        """After the reform, the pre-reform parent chain of a district or commune named as former,
        from the gazetteer: under its pre-2025 province when that differs from the article's
        (a former province, ``former`` too), else under the article's province."""
        if not self.post_2025 or self.gaz is None or ref.level not in (DISTRICT, COMMUNE):
            return None
        chain = self.gaz.former_chain(typ, ref.name, ref.level)
        if not chain:
            return None
        node: _Node | None = None
        for unit in chain:
            key = name_key(unit.name)
            if unit.level == PROVINCE:
                own = self.province is not None and self.province.key == key
                node = self._province_node() if own else self._node(unit.type, unit.name, PROVINCE, None, True)
            else:
                spelt = self.spelling.get((key, unit.level), unit.name)
                node = self._node(unit.type, spelt, unit.level, node, True)
        return node

    def _chain_node(self, chain: list[_Ref]) -> _Node | None:
        """The node of the top-most written parent chain (child first)."""
        top = chain[-1]
        node = self._ref_node(_Ref(top.type, top.name, top.level, top.span, top.former))
        for r in reversed(chain[:-1]):
            node = self._node(r.type or self._typeless_type(r), r.name, r.level, node, r.former)
        return node

    def _typeless_type(self, ref: _Ref) -> str:
        levels = self.typed.get(ref.key, set())
        same = sorted(t for t, lv in levels if lv == ref.level)
        if same:
            return same[0]
        if ref.level == PROVINCE and ref.key in provinces():
            return provinces()[ref.key][1]
        if self.gaz is not None:
            found = self.gaz.type_of(ref.name, ref.level)
            if found is not None:
                return found
        return DEFAULT_TYPE[ref.level]

    def build(self) -> None:
        # after the 2025 reform there are no districts: communes hang directly under the province
        self.home_district = None if self.post_2025 else self._choose_home(DISTRICT)
        self.home_commune = self._choose_home(COMMUNE)
        for ref in self.refs:
            self._mention(ref.span, self._ref_node(ref))

    def _mention(self, span: Span, node: _Node) -> None:
        if span not in node.spans:
            node.spans.append(span)
            insort(self.mentions, (span, node), key=lambda t: t[0].begin)
            self.last_mentioned[(node.type, node.key)] = node
            if node.level == COMMUNE:
                insort(self.communes, (span.begin, node), key=lambda t: t[0])


def _freeze(nodes: Iterable[_Node]) -> dict[int, Place]:
    out: dict[int, Place] = {}

    def conv(n: _Node) -> Place:
        got = out.get(id(n))
        if got is None:
            parent = conv(n.parent) if n.parent is not None else None
            spans = tuple(sorted(n.spans, key=lambda s: s.begin))
            got = Place(type=n.type, name=n.name, parent=parent, spans=spans, code=n.code, former=n.former)
            out[id(n)] = got
        return got

    for n in nodes:
        conv(n)
    return out


# -- gazetteer ------------------------------------------------------------------------------------------

_REFORM = date(2025, 7, 1)
_POST_2025_CUES = re.compile(
    r"chính quyền (?:địa phương )?hai cấp|chính quyền địa phương 2 cấp|sau (?:khi )?sáp nhập tỉnh"
    r"|từ ngày 1/7/2025|(?:xã|phường), đặc khu"
)


# a full date "16/8/2025", "ngày 5-9-2025" (day/month/year, as the genre writes them)
_FULL_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/-](\d{1,2})[/-](20\d\d)(?![\d/-])")
# a deadline or a plan, not the time of the report: "đến ngày 31/12/2025", "trước 30/9/2025"
_DEADLINE_BEFORE = re.compile(r"(?<!\w)(?:đến|tới|trước|hết|hạn|chậm nhất|phấn đấu)(?: hết)?(?: ngày)?[ \t\u00a0]*$")


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


def _post_2025(ctx: Context, refs: list[_Ref]) -> bool:
    """The article is set after the 1 July 2025 reform: it names a district as former ("huyện X cũ",
    "trước đây thuộc huyện X": districts were abolished then), speaks of the two-level system or
    writes a date after the reform."""
    if any(r.former and r.level == DISTRICT for r in refs):
        return True
    return _POST_2025_CUES.search(ctx.folded) is not None or _dated_after_reform(ctx.folded)


def _communes_only_after_reform(gazetteer: Gazetteer, province: _Ref | None, refs: list[_Ref]) -> bool:
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


class _ArticleGazetteer:
    """The gazetteer (:mod:`antq_kg.gazetteer`) scoped to one article's province and era."""

    def __init__(self, gazetteer: Gazetteer, province: _Ref | None, post_2025: bool) -> None:
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
        Dĩnh" in a report on the province) still means that district (README "parent": the chain
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
            parents = {(d.type, d.name) for u in found if (d := self.g.parent(u)) is not None and d.level == DISTRICT}
            self._districts[memo] = parents.pop() if len(parents) == 1 else None
        return self._districts[memo]

    def elsewhere(self, commune: _Ref, district: _Ref) -> bool:
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
        there is none or their parents differ (README "parent": a former unit keeps the chain it
        had, issue 4: succession old → new)."""
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

    def code(self, node: _Node) -> str | None:
        """The GSO code of an administrative unit whose written chain resolves unambiguously."""
        if node.level == RESIDENTIAL:
            return None
        chain: list[tuple[str | None, str]] = []
        former = False
        cur: _Node | None = node
        while cur is not None:
            chain.append((cur.type, cur.name))
            former = former or cur.former
            cur = cur.parent
        on = None if former else self.on  # a unit of a former district is a pre-2025 unit
        res = self.g.resolve_chain(chain, on=on, province_hint=self.province_name)
        return res.unit.code if res.unit is not None else None


# -- public -----------------------------------------------------------------------------------------


def extract_places(ctx: Context) -> None:
    """Places stage: fill ``ctx.places``, ``ctx.province``, ``ctx.place_index`` and claim numbered names."""
    matches = list(_patterns()[0].finditer(ctx.text))
    typed = _pre_scan_types(ctx, matches)
    scanner = _Scanner(ctx, matches)
    scanner.typed_levels = {k: set(v) for k, v in typed.items()}
    scanner.scan()
    refs = scanner.refs + _bare_provinces(ctx)
    refs += _caps_title_refs(ctx, refs)
    post = _post_2025(ctx, refs)
    gaz = None
    if ctx.gazetteer is not None:
        province = _Builder(ctx, refs, typed).province
        post = post or _communes_only_after_reform(ctx.gazetteer, province, refs)
        gaz = _ArticleGazetteer(ctx.gazetteer, province, post)
    builder = _Builder(ctx, refs, typed, gaz, post_2025=post)
    builder.build()
    if gaz is not None:
        for node in builder.nodes:
            node.code = gaz.code(node)
    frozen = _freeze(builder.nodes)
    nodes = [n for n in builder.nodes if n.spans]
    nodes.sort(key=_Node.first)
    ctx.places.extend(frozen[id(n)] for n in nodes)
    if builder.province is not None:
        pnode = builder._province_node()
        ctx.province = frozen.get(id(pnode)) if pnode is not None else None
    for span, node in builder.mentions:
        ctx.place_index.add(span, frozen[id(node)])
        if any(ch.isdigit() for ch in ctx.text[span.begin : span.end]):
            ctx.claims.add(span)


def read_unit(phrase: str) -> tuple[str, str] | None:
    """The (type, name) a phrase such as "xã Đại Ân 2" writes, or None when it names no unit.

    >>> read_unit("xã Đại Ân 2")
    ('xã', 'Đại Ân 2')
    >>> read_unit("tổ dân phố số 6")
    ('tổ dân phố', '6')
    >>> read_unit("TP.HCM")
    ('thành phố', 'Hồ Chí Minh')
    >>> read_unit("Huyện uỷ Hoằng Hóa")
    ('huyện', 'Hoằng Hóa')
    >>> read_unit("Công an tỉnh") is None
    True
    """
    ctx = Context(doc=document_from_text(phrase.strip()))
    m = _patterns()[0].match(ctx.text)
    if m is None:
        return None
    tw = type_word(m.group("type"))
    parsed = _parse_name(ctx, m, tw.numbered) if tw is not None else None
    if tw is None or parsed is None:
        return None
    return tw.type, parsed[0]

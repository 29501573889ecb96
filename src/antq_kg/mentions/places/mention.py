"""One written unit: the patterns of a type word and a name, and the checks on the name after it.

A name is capitalised syllables with an optional number ("xã Đại Ân 2"), a bare number for numbered
types ("phường 5", "tổ dân phố số 6"), an upper-case province alias ("TP.HCM") or a name with a
leading word the GSO list writes ("thị trấn Nông trường Mộc Châu"). A name is refused where a rank,
title or organisation head stands ("Công an tỉnh Đại tá …"), where it is shaped like a person's
("UBND xã Nguyễn Văn A", unless the gazetteer knows the unit), and a number is left out of it when a
counted noun follows ("xã Hải An 5 vụ"); a known leading part is kept when the name runs on into a
person's ("tỉnh Quảng Trị Lê Hồng Phong" → "Quảng Trị").
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from functools import cache

from ...lexicon import words
from ...text import LOWER, UPPER, Span, fold, fold_key, name_key
from ..admin_units import (
    DISTRICT,
    PROVINCE,
    TypeWord,
    province_aliases_in_capitals,
    provinces,
    type_word,
    type_word_pattern,
    type_words,
)
from ..context import Context
from ..counted import counted_nouns, reads_as_count_unit

SP = r"[ \t\u00a0]"
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
def generic_before_re() -> re.Pattern[str]:
    """A residential type word right before another one: "phum, sóc", "thôn, xóm" are generic."""
    res = sorted((fold(t.surface) for t in type_words() if t.kind == "residential"), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, res))})[ \t\u00a0]*(?:,|và|hoặc|/)[ \t\u00a0]*$")


@cache
def org_head_re() -> re.Pattern[str]:
    alt = "|".join(
        re.escape(w) for w in sorted({name_key(w) for w in words("places_org_heads")}, key=len, reverse=True)
    )
    return re.compile(rf"(?:{alt})(?!\w)")


@cache
def _person_middles() -> frozenset[str]:
    return frozenset(name_key(w) for w in words("places_person_middles"))


@cache
def compound_re() -> re.Pattern[str]:
    """Compounds ending in a residential type word ("văn bản", "chăm sóc"), anchored at the type word's end."""
    heads = [w for w in {name_key(w) for w in words("places_compounds")} if " " in w]
    alt = "|".join(re.escape(w) for w in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})$")


@cache
def type_word_names() -> frozenset[str]:
    return frozenset(fold_key(w) for w in words("places_type_word_names"))


@cache
def ethnic_names() -> frozenset[str]:
    return frozenset(name_key(w) for w in words("places_ethnic"))


@cache
def patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    types = type_word_pattern()
    name = _name_pattern()
    desc = "|".join(
        re.escape(w).replace("\\ ", SP + "+")
        for w in sorted(words("places_descriptors"), key=len, reverse=True)
    )
    # words that open a list after a plural type word: "3 xã vùng cao là A, B và C", "các xã gồm A, B"
    intro = "|".join(
        re.escape(w).replace("\\ ", SP + "+")
        for w in sorted(words("places_list_intros"), key=len, reverse=True)
    )
    mention = re.compile(
        rf"(?<![\w.])(?P<type>{types})(?:{SP}+(?:{desc})(?!\w))?"
        rf"(?:(?P<colon>{SP}*:)|{SP}+(?P<intro>{intro})(?!\w))?{SP}*(?<=[ \t\u00a0.])(?P<name>{name})"
    )
    # what may follow a unit: a parent ("…, huyện X", "… (X)", "… thuộc xã Y") or a list item
    link = re.compile(
        rf"(?P<sep>{SP}*,{SP}*|{SP}*\({SP}*|{SP}+(?:thuộc|trực thuộc|của){SP}+| )"
        rf"(?P<type>{types}{SP}*(?<=[ \t\u00a0.]))?(?P<name>{name})"
    )
    item = re.compile(rf"(?P<sep>{SP}*,{SP}*(?:và{SP}+)?|{SP}+và{SP}+)(?P<name>{name})")
    return mention, link, item


PLURAL_BEFORE = re.compile(r"(?:(?<!\w)(?:các|những|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)|\d{1,3})\s+$")


_WHOLE_BEFORE = re.compile(r"(?<!\w)(?:toàn|cả|các|mỗi|từng|mọi|những|trong)[ \t\u00a0]+$")
AND_BEFORE = re.compile(r"(?<!\w)và[ \t\u00a0]+$")
_NAMED_BEFORE = re.compile(
    r"(?<!\w)(?:công an|ubnd|ủy ban nhân dân|hđnd|đảng ủy|mttq|chủ tịch|bí thư|trưởng|tại|ở|trú|thuộc)"
    r"[ \t\u00a0]+$"
)
_FORMER_BEFORE = re.compile(r"(?:trước đây|trước kia|nguyên|cũ)\s+(?:thuộc|là)\s+$")
_FORMER_AFTER = re.compile(r"\s*(?:\(\s*cũ\s*\)|cũ(?!\w))")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:\n]\s*[\"'“‘(]?\s*)$")
PAREN_ITEM_END = re.compile(r"[ \t\u00a0]*[,)]")
CLOSE = re.compile(r"[ \t\u00a0]*\)")


@dataclass(slots=True)
class Ref:
    """One written unit: a type (None when the text gives none), a name, and where it stands."""

    type: str | None
    name: str
    level: int
    span: Span
    former: bool = False
    parents: list[Ref] = field(default_factory=list)

    @property
    def key(self) -> str:
        return name_key(self.name)


def level_of(type_word: TypeWord, name: str) -> int:
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
        re.escape(w) for w in sorted({fold_key(w) for w in counted_nouns()}, key=len, reverse=True)
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


def sentence_start(ctx: Context, pos: int) -> bool:
    return _SENTENCE_START.search(ctx.text, max(0, pos - 4), pos) is not None


def former_at(ctx: Context, begin: int, end: int) -> bool:
    before = ctx.folded[max(0, begin - 20) : begin]
    return _FORMER_BEFORE.search(before) is not None or _FORMER_AFTER.match(ctx.folded, end) is not None


def parse_name(
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
    if name.isdigit() and m.group("so") is None:
        longer = _numbered_name(ctx, m, name, end)
        if longer is not None:
            return ctx.text[begin:longer], begin, longer  # "phường 1 Bảo Lộc" (2025)
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


_CAPITALISED_AFTER = re.compile(rf"(?:{SP}+[{UPPER}][^\W\d_]*){{1,3}}")


def _numbered_name(ctx: Context, m: re.Match[str], number: str, end: int) -> int | None:
    """Where a unit named by a number and words ends, when the gazetteer has it so named ("phường 1
    Bảo Lộc", a post-2025 ward): the longest run of capitalised words after the number it knows."""
    if ctx.gazetteer is None:
        return None
    run = _CAPITALISED_AFTER.match(ctx.text, end)
    if run is None:
        return None
    words = list(re.finditer(r"\S+", run.group()))
    for n in range(len(words), 0, -1):
        if _gazetteer_knows(ctx, m, f"{number} {' '.join(w.group() for w in words[:n])}"):
            return end + words[n - 1].end()
    return None


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

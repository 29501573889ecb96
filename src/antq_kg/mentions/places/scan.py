"""Places, phase 1: every written unit with the chain written after it.

A typed mention states its parents after it: after a comma or a space ("thôn Lỗ Xá, xã Nhân Hòa,
huyện Mỹ Hào"), in parentheses with or without type words ("(huyện Lệ Thủy, tỉnh Quảng Bình)",
"(Thạch Hà)"), after "thuộc" or "của". One type word covers a list ("2 xã Thạch Kênh và Thạch
Liên", "các huyện: A, B", "xã A, B và C"). "huyện X cũ" and "trước đây thuộc huyện X" mark a former
unit. Besides, a province name without a type word opens a title ("Quảng Trị: …") or follows "Công
an"; in an all-caps line (a title) a name is the longest run of syllables the article, the province
list or the gazetteer knows.
"""

from __future__ import annotations

import re
from functools import cache

from ...text import UPPER, Span, fold, name_key
from ..admin_units import (
    COMMUNE,
    DISTRICT,
    PROVINCE,
    RESIDENTIAL,
    TypeWord,
    provinces,
    type_word,
    type_word_pattern,
)
from ..context import Context
from .mention import (
    AND_BEFORE,
    CLOSE,
    PAREN_ITEM_END,
    PLURAL_BEFORE,
    SP,
    Ref,
    compound_re,
    ethnic_names,
    former_at,
    generic_before_re,
    level_of,
    org_head_re,
    parse_name,
    patterns,
    sentence_start,
    type_word_names,
)


class Scanner:
    """First pass: every typed mention with the chain written after it."""

    def __init__(self, ctx: Context, matches: list[re.Match[str]]) -> None:
        self.ctx = ctx
        self.matches = matches
        self.refs: list[Ref] = []
        self.covered_until = 0  # list items and written parents already read
        self.typed_levels: dict[str, set[tuple[str, int]]] = {}
        #: the last unit listed after "gồm", and the parents the list takes
        self._gom_list: tuple[Ref, list[Ref]] | None = None

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
            parsed = parse_name(self.ctx, m, tw.numbered, self.typed_levels)
            if parsed is None:
                continue
            name, _nb, ne = parsed
            if tw.kind == "residential" and (
                name_key(f"{m.group('type')} {name}") in type_word_names() or name_key(name) in ethnic_names()
            ):
                continue  # "tỉnh Sóc Trăng" is no sóc; "xóm Mường" is a Mường hamlet, not one named so
            if m.group("type")[:1].isupper() and tw.kind == "residential" and self._is_known_name(m, name):
                continue
            ref = Ref(tw.type, name, level_of(tw, name), Span(m.start(), ne))
            ref.former = former_at(self.ctx, m.start(), ne)
            items = [ref]
            plural = PLURAL_BEFORE.search(self.ctx.folded, max(0, m.start() - 12), m.start()) is not None
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
            if not chained and not tw.needs_parent:
                self._parent_before_gom(items, m.start())
            if tw.needs_parent:
                if not chained or chained[0].level != COMMUNE:
                    continue  # a bare "tổ 3" is a group of people, not a unit
                self._chain(items, pos)
            for r in items:
                self._add(r)

    def _residential_ok(self, m: re.Match[str]) -> bool:
        """Residential type words: lower case (or sentence-initial), not one of a generic pair."""
        begin = m.start()
        if m.group("type")[:1].isupper() and not sentence_start(self.ctx, begin):
            return False
        if compound_re().search(self.ctx.folded, max(0, begin - 8), m.end("type")) is not None:
            return False
        return generic_before_re().search(self.ctx.folded, max(0, begin - 16), begin) is None

    def _is_known_name(self, m: re.Match[str], name: str) -> bool:
        """A capitalised "Buôn Hồ…" that is the name of a unit, not a buôn called "Hồ"."""
        whole = name_key(f"{m.group('type')} {name}")
        if whole in provinces() or whole in self.typed_levels:
            return True
        gaz = self.ctx.gazetteer
        return gaz is not None and bool(gaz.lookup(f"{m.group('type')} {name}"))

    def _province_follows(self, pos: int) -> bool:
        _, link, _ = patterns()
        m = link.match(self.ctx.text, pos)
        return (
            m is not None
            and m.group("type") is not None
            and self._type(m.group("type")) == self._type("tỉnh")
        )

    def _singular_list(self, first: Ref, tw: TypeWord, items: list[Ref], pos: int) -> int:
        """ "xã Thạch Kênh, Thạch Liên và Thạch Đài": a list under one singular type word, read only
        when it ends with "và NAME" and no name is a known higher unit ("xã Tân Lập, Mộc Châu")."""
        trial = [first]
        end = self._list_items(first, tw, trial, pos)
        last = trial[-1].span.begin
        if len(trial) < 2 or not AND_BEFORE.search(self.ctx.folded, max(0, last - 12), last):
            return pos
        if any(self._known_higher(r.name, first.level) for r in trial[1:]):
            return pos
        items.extend(trial[1:])
        return end

    def _list_items(self, first: Ref, tw: TypeWord, items: list[Ref], pos: int) -> int:
        _, _, item = patterns()
        while True:
            m = item.match(self.ctx.text, pos)
            if m is None:
                return pos
            if org_head_re().match(self.ctx.folded, m.start("name")):
                return pos
            parsed = parse_name(self.ctx, m, tw.numbered, self.typed_levels)
            if parsed is None:
                return pos
            name, nb, ne = parsed
            items.append(Ref(first.type, name, first.level, Span(nb, ne), former_at(self.ctx, nb, ne)))
            pos = ne

    def _chain(self, items: list[Ref], pos: int, *, commit: bool = True) -> list[Ref]:
        """Read the parents written after ``pos`` and give them to every item (only read them when
        not ``commit``); returns the chain, child first."""
        covered = self.covered_until
        _, link, _ = patterns()
        text = self.ctx.text
        level = items[0].level
        in_paren = False
        chain: list[Ref] = []
        while True:
            m = link.match(text, pos)
            if m is None:
                if in_paren:
                    close = CLOSE.match(text, pos)
                    if close is not None:
                        pos, in_paren = close.end(), False
                        continue
                break
            sep = m.group("sep")
            opens = "(" in sep
            if opens and in_paren:
                break
            tw = self._type(m.group("type")) if m.group("type") else None
            parsed = parse_name(self.ctx, m, tw.numbered if tw else False, self.typed_levels)
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
                if (opens or in_paren) and PAREN_ITEM_END.match(text, ne) is None:
                    break  # "(Ảnh: …)", "(Hà Văn A, 45 tuổi)": not a chain of names
                plevel = self._typeless_level(name, level)
                ref = Ref(None, name, plevel, Span(nb, ne))
            else:
                if tw.kind == "residential" and generic_before_re().search(
                    self.ctx.folded, max(0, m.start("type") - 16), m.start("type")
                ):
                    break
                ref = Ref(tw.type, name, level_of(tw, name), Span(m.start("type"), ne))
            ref.former = former_at(self.ctx, ref.span.begin, ne)
            # a residential unit of another type after "thuộc" or a comma is the one the first lies
            # in ("sóc Mới, ấp Tắc Bướm", "xóm 4, thôn Đông"): an address, child first
            higher = ref.level < level or (
                ref.level == level == RESIDENTIAL
                and ref.type != (chain[-1].type if chain else items[0].type)
                and ("thuộc" in sep or sep.strip() == ",")
                and len(items) == 1
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

    def _parent_before_gom(self, items: list[Ref], begin: int) -> None:
        """Units listed after "gồm" lie in the unit written right before it: "huyện Cô Tô trước đây,
        gồm thị trấn Cô Tô và 2 xã Đồng Tiến, Thanh Lân"."""
        folded = self.ctx.folded
        if not self.refs:
            return
        last = self.refs[-1]
        if (
            self._gom_list is not None
            and last is self._gom_list[0]
            and _GOM_AND.fullmatch(folded, last.span.end, begin)
        ):
            # "… gồm thị trấn Cô Tô và 2 xã Đồng Tiến, Thanh Lân": the list goes on
            for r in items:
                r.parents = list(self._gom_list[1])
            self._gom_list = (items[-1], self._gom_list[1])
            return
        gom = _GOM.search(folded, max(0, begin - 24), begin)
        if (
            gom is None
            or last.level >= items[0].level
            or not _GOM_GAP.fullmatch(folded, last.span.end, gom.start())
        ):
            return
        for r in items:
            r.parents = [last, *last.parents]
        self._gom_list = (items[-1], [last, *last.parents])

    def _gazetteer_parent(self, child: Ref, name: str) -> bool:
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

    def _add(self, ref: Ref) -> None:
        self.refs.append(ref)
        if ref.type is not None:
            self.typed_levels.setdefault(ref.key, set()).add((ref.type, ref.level))


#: "gồm" and a count or determiner before the units it lists
_GOM = re.compile(r"(?<!\w)gồm(?:[ \t]+có)?[ \t]+(?:(?:\d+|các|những)[ \t]+)?$")
#: between two units of a "gồm" list
_GOM_AND = re.compile(r"[ \t]*(?:,|và|,[ \t]*và)[ \t]+(?:(?:\d+|các)[ \t]+)?")
#: between a unit and the "gồm" that lists what it holds: a comma, "trước đây", "cũ"
_GOM_GAP = re.compile(r"[ \t]*(?:(?:trước[ \t]+đây|cũ)[ \t]*)?,?[ \t]*")


def pre_scan_types(ctx: Context, matches: list[re.Match[str]]) -> dict[str, set[tuple[str, int]]]:
    """Article-wide: the typed levels of every name, so "(Đức Phổ)" can take "thị xã" from later text."""
    out: dict[str, set[tuple[str, int]]] = {}
    for m in matches:
        tw = type_word(m.group("type"))
        if tw is None:
            continue
        parsed = parse_name(ctx, m, tw.numbered)
        if parsed is None:
            continue
        name = parsed[0]
        out.setdefault(name_key(name), set()).add((tw.type, level_of(tw, name)))
    return out


@cache
def _bare_province_re() -> re.Pattern[str]:
    names = sorted({fold(" ".join(n.split())) for n in provinces()}, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?:{alt})(?!\w)")


_TITLE_COLON = re.compile(r"[ \t\u00a0]*[:–-]")
_CONG_AN = re.compile(r"(?<!\w)công an ")


def bare_provinces(ctx: Context) -> list[Ref]:
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
            out.append(Ref(typ, name, PROVINCE, Span(b, m.end())))
    return out


_CAPS_LINE = re.compile(r"[^\n]*\n?")


@cache
def _caps_mention_re() -> re.Pattern[str]:
    """A type word and up to five upper-case syllables, in an all-caps line (matched on the text)."""
    up = rf"[{UPPER}]+(?:['’][{UPPER}]+)?"
    return re.compile(
        rf"(?<![\w.])(?P<type>{type_word_pattern()}){SP}+(?P<words>{up}(?:{SP}{up}){{0,4}})(?!\w)"
    )


def caps_title_refs(ctx: Context, refs: list[Ref]) -> list[Ref]:
    """Units in an all-caps line (a title "CÔNG AN HUYỆN KIM SƠN RA MẮT …"): capitalisation no
    longer shows where the name ends, so the longest leading run of syllables that names a unit the
    article writes elsewhere, a province or (with the gazetteer) a unit of that type is taken, spelt
    as the article or the official list spells it."""
    out: list[Ref] = []
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
                    out.append(Ref(tw.type, name, level_of(tw, name), Span(m.start(), end)))
                    break
        if line.end() >= len(ctx.text):
            break
    return out

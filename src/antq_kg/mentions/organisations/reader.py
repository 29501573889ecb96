"""Reading one organisation where its head is written: the rules by kind of head.

The head lexicon (``people_org_heads.tsv``) gives each head a kind, and each kind is read its own way
(:meth:`OrgReader.read_org`):

* ``unit`` — a head with an administrative level and a name ("Công an xã Phú Lộc", "UBND tỉnh");
  a bare level ("Công an huyện") is completed with the unit of that level the article names (same
  paragraph first, then the same organisation named earlier, then any earlier mention) and left
  bare when there is none; "Công an Hưng Yên" names the province without its type word;
* ``party`` — a Party committee of a unit ("Đảng ủy xã X", "Đảng ủy Công an tỉnh");
* ``committee`` — a committee that names its unit ("Huyện ủy Hoằng Hóa", "Tỉnh đoàn");
* ``fixed`` — an organisation with one name ("Bộ Công an");
* ``sub`` — a sub-unit ("Phòng PV05", "Đội CSGT", "Cục Cảnh sát hình sự") and the organisation it
  belongs to, written after it (space, dash, or a comma after a post) or understood
  (:func:`~.keys.sub_parent`, else the police unit above the commune named last, else the
  provincial police);
* ``pagoda``, ``group``, ``board``, ``numbered`` — a pagoda, a local association and the
  residential unit it belongs to, a residential unit's board, a numbered group ("tổ liên gia số 3").

Generic collectives ("lực lượng Công an", "Công an các xã", "cán bộ Công an xã" after a number) are
no organisation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache
from itertools import islice
from typing import NamedTuple

from ...model import Place
from ...text import UPPER, fold_key, name_key
from ..admin_units import plain_type_words, provinces, residential_types, type_word
from ..context import Context, chain_key
from ..names import TextView, name_words, read_phrase, read_unit_name, surname_at
from .keys import (
    COMMITTEE_LEVEL,
    DASH,
    LOOKBACK,
    PROVINCIAL_POLICE,
    TYPES_BY_LEVEL,
    OrgMention,
    dash_key,
    org_key,
    sub_parent,
)
from .named import link_end, named_heads, read_named
from .organs import read_organ, read_steering, shared_unit


class UnitRef(NamedTuple):
    """The unit in an organisation's name: as the name ends ("tỉnh Bắc Giang"), where it ends, its
    level, the place it resolved to, and the unit as written when no place was resolved."""

    label: str
    end: int
    level: str
    place: Place | None
    written: str | None


class OrgReader:
    """Reads the organisations of one article; what it reads goes to ``ctx.org_mentions``."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.d = TextView.of(ctx)
        self.places = ctx.place_index
        #: the organisation mentions read so far (the context's), in the order read
        self.orgs: list[OrgMention] = ctx.org_mentions
        self._disamb: dict[tuple[tuple[str, str], ...], str] = {}

    # -- places and resolution ------------------------------------------------------------------

    def place_at(self, begin: int, end: int) -> Place | None:
        """The (listed) place a mention overlapping ``[begin, end)`` names."""
        found = self.places.at(begin, end)
        return self.places.canonical(found) if found is not None else None

    def place_label(self, place: Place) -> str:
        """A place as an organisation name ends: "xã Hải An", with "(Đức Phổ)" when another unit of the article has the same name."""
        label = f"{place.type} {place.name}"
        if not self.places.homonyms(place):
            return label
        key = chain_key(place)
        if key not in self._disamb:
            paren = ""
            for span, p in self.places.mentions:
                if chain_key(self.places.canonical(p)) != key:
                    continue
                m = re.match(r"[^\S\n]*(\([^()\n]{1,40}\))", self.d.text[span.end : span.end + 45])
                if m and not re.search(r"\d", m.group(1)):
                    paren = m.group(1)
                    break
            if not paren and place.parent is not None:
                paren = f"({place.parent.name})"
            self._disamb[key] = paren
        return f"{label} {self._disamb[key]}".rstrip()

    def _resolve(self, level: str, pos: int, head_key: str) -> Place | None:
        """The unit a bare level ("Công an huyện") means at ``pos``, or ``None``."""
        types = TYPES_BY_LEVEL.get(level, (level,))
        if level == "tỉnh":
            return self.ctx.province
        para_begin, _ = self.d.para(pos)
        found = self.places.before(pos, types, since=para_begin)
        if found is not None:
            return found
        for org in self.recent_orgs():
            if org.begin < pos and org.level == level and org.place is not None:
                return org.place
        found = self.places.before(pos, types)
        if found is not None:
            return found
        prov = self.ctx.province
        if level == "thành phố" and prov is not None and name_key(prov.type) == "thành phố":
            return prov
        return None

    # -- organisation parsing --------------------------------------------------------------------

    def _generic_before(self, begin: int) -> bool:
        window = self.d.folded[max(0, begin - 30) : begin]
        if name_words().generic_before_re.search(window):
            return True
        # "trên 1.000 cán bộ Công an xã": a counted collective
        return re.search(r"\d[\d.,]*\s+(?:cán bộ|chiến sĩ|cán bộ, chiến sĩ)\s+$", window) is not None

    def level_unit_end(self, pos: int) -> int | None:
        """Where "level word + unit name" starting at ``pos`` ends (after the level word when no name follows)."""
        lv = self.level_at(pos)
        if lv is None:
            return None
        name = read_unit_name(self.d, lv[1])
        return name[1] if name else lv[1]

    def skip_abbreviation(self, pos: int) -> int:
        """Past an abbreviation in parentheses written inside a name ("Công an tỉnh (CAT) Thái Nguyên",
        "Ủy ban Mặt trận Tổ quốc Việt Nam (MTTQ) phường", "Ban Chỉ đạo (BCĐ) phong trào …")."""
        m = _ABBREVIATION.match(self.d.text, pos)
        return m.end() if m else pos

    def level_at(self, pos: int) -> tuple[int, int, str] | None:
        p = self.skip_abbreviation(self.d.skip_spaces(pos))
        m = name_words().level_re.match(self.d.folded, p)
        if m is None:
            return None
        surface = self.d.text[m.start() : m.end()]
        written = type_word(surface)
        if surface[0] in UPPER and (written is None or written.kind != "abbr"):
            # a capitalised type word ("Xã Tân Lập …") starts a new phrase, not this level; an
            # abbreviation is written in capitals ("UBND TP. Huế")
            return None
        canon, _ = name_words().levels[name_key(surface)]
        end = m.end()
        if (
            written is not None
            and written.kind == "abbr"
            and surface.isalpha()
            and self.d.text[end : end + 1] == "."
        ):
            end += 1  # "TP.HCM": the abbreviation's full stop, glued to the name
        return m.start(), end, canon

    def _level_list_follows(self, pos: int) -> bool:
        """True before a list of levels ("Công an xã, thị trấn"): a generic of levels is a generic mention."""
        m = re.match(r"[^\S\n]*(?:,|và|hoặc)[^\S\n]*", self.d.folded[pos : pos + 12])
        # a capitalised type word starts a new name ("Hội Cựu chiến binh tỉnh, Tỉnh đoàn"), not a level
        return m is not None and self.level_at(pos + m.end()) is not None

    def read_org(self, pos: int, *, standalone: bool, in_post: bool = False) -> OrgMention | None:
        """An organisation starting at ``pos`` (a head must start there).

        ``in_post``: the organisation follows a post ("Cục trưởng Cục X, Bộ Công an"), so a
        sub-unit's parent may follow it after a comma.
        """
        lex = name_words()
        d = self.d
        begin = d.skip_spaces(pos)
        m = lex.head_re.match(d.folded, begin)
        if m is None:
            return read_named(self, begin, standalone=standalone, in_post=in_post)
        head_surface = d.text[begin : m.end()]
        display, kind, key, implied = lex.heads[name_key(head_surface)]
        if display.startswith("-"):
            # a head the lexicon writes capitalised ("Bộ Công an") is not read in "cán bộ công an"
            if display == "-^" and head_surface[0] not in UPPER:
                return None
            display = head_surface
        if implied is not None and not head_surface.isupper():
            return None  # "CAT", "CAH" are abbreviations only in capitals
        if kind == "unit" or kind == "party":
            return self._read_unit_org(
                begin, m.end(), display, kind, key, standalone=standalone, implied=implied
            )
        if kind == "steering":
            return read_steering(self, begin, m.end(), display, key)
        if kind == "organ":
            return read_organ(self, begin, m.end(), display)
        if kind == "committee":
            name = read_unit_name(d, m.end())
            level = COMMITTEE_LEVEL.get(key, "huyện")
            place = None
            if name is not None:
                label = f"{display} {d.text[name[0] : name[1]]}"
                end = name[1]
                place = self.place_at(*name)
            else:
                place = self._resolve(level, begin, key) or self._unit_later_in_post_list(level, m.end())
                label = f"{display} {place.name}" if place is not None else display
                end = m.end()
            return OrgMention(label, name_key(label), begin, end, kind, level, place)
        if kind == "fixed":
            return OrgMention(display, key, begin, m.end(), kind, police=key == "bộ công an")
        if kind == "sub":
            # "Cơ quan Cảnh sát điều tra Công an huyện X": the head is the whole name
            after = d.skip_spaces(m.end())
            if d.text.startswith("Công an", after) and len(display.split()) > 1:
                return self.attach_parent(begin, m.end(), display, comma=in_post)
            link = link_end(d, after)
            phrase = read_phrase(d, link if link is not None else m.end())
            if phrase is None:
                return None
            if link is not None:
                phrase = (after, phrase[1])  # "Đồn Biên phòng cửa khẩu quốc tế Hữu Nghị"
            phrase = self._through_and(phrase)
            label = f"{display} {d.text[phrase[0] : phrase[1]]}"
            return self.attach_parent(begin, phrase[1], label, comma=in_post)
        if kind == "pagoda":
            if self._generic_before(begin) or re.search(r"\d\s+$", d.folded[max(0, begin - 8) : begin]):
                return None
            name = read_unit_name(d, m.end())
            if name is None:
                return None
            label = f"{display} {d.text[name[0] : name[1]]}"
            return OrgMention(label, name_key(label), begin, name[1], kind)
        if kind == "group":
            phrase = read_phrase(d, m.end(), max_tokens=5)
            if phrase is None:
                return None
            written = d.text[phrase[0] : phrase[1]]
            # "Chi hội Phụ nữ bản": the bare residential word stands for the unit named before
            written = _BARE_RESIDENTIAL_END.sub("", written) or written
            label = f"{display} {written}"
            para_begin, _ = d.para(begin)
            res = self.places.before(begin, residential_types(), since=para_begin)
            if res is not None and not name_key(label).endswith(name_key(f"{res.type} {res.name}")):
                label = f"{label} {res.type} {res.name}"
            return OrgMention(label, name_key(label), begin, phrase[1], kind)
        if kind == "board":
            lv = self.level_at(m.end())
            if lv is None:
                return None
            name = read_unit_name(d, lv[1])
            if name is None:
                return None
            label = f"{display} {d.text[lv[0] : name[1]]}"
            return OrgMention(label, name_key(label), begin, name[1], kind)
        if kind == "numbered":
            mm = re.match(r"[^\S\n]+số[^\S\n]+(\d+)", d.folded[m.end() : m.end() + 12])
            if mm is None:
                return None
            end = m.end() + mm.end()
            label = d.text[begin:end]
            tail = re.match(r"[^\S\n]*,?[^\S\n]*", d.text[end : end + 4])
            after = end + (tail.end() if tail else 0)
            lv = self.level_at(after)
            if lv is not None and name_words().levels[name_key(d.text[lv[0] : lv[1]])][1] == 4:
                name = read_unit_name(d, lv[1])
                if name is not None:
                    label = f"{label} {d.text[lv[0] : name[1]]}"
            return OrgMention(label, name_key(label), begin, end, kind)
        return None

    def _through_and(self, phrase: tuple[int, int]) -> tuple[int, int]:
        """A department's name over "và" when the name goes on to its police parent: "Phòng An ninh
        mạng và phòng, chống tội phạm sử dụng công nghệ cao (PA05) Công an tỉnh", "Phòng Cảnh sát
        phòng cháy, chữa cháy và cứu nạn, cứu hộ Công an tỉnh"; otherwise "và" ends it ("Phòng
        PV05 và Công an xã")."""
        d = self.d
        m = re.match(r"[^\S\n]+và[^\S\n]+", d.text[phrase[1] : phrase[1] + 6])
        if m is None or d.text[phrase[1] + m.end()] in UPPER:
            return phrase  # "Đồn Biên phòng X và Phòng Y …": two organisations
        rest = read_phrase(d, phrase[1] + m.end(), max_tokens=10, lower_start=True)
        if rest is None:
            return phrase
        after = self.skip_abbreviation(rest[1])
        after = d.skip_spaces(after)
        if d.text.startswith("Công an", after):
            return phrase[0], rest[1]
        return phrase

    def _read_unit_org(
        self,
        begin: int,
        head_end: int,
        display: str,
        kind: str,
        key: str,
        *,
        standalone: bool,
        implied: str | None = None,
    ) -> OrgMention | None:
        d = self.d
        lex = name_words()
        if standalone and self._generic_before(begin):
            return None
        after = d.skip_spaces(head_end)
        for g in lex.generic_after:
            if d.folded.startswith(g, after) and not d.folded[after + len(g) : after + len(g) + 1].isalnum():
                return None
        police = key == "công an"
        if kind == "party":
            if standalone and re.search(r"bí\s+thư\s+$", d.folded[max(0, begin - 12) : begin]):
                return None
            inner_pos = after
            sep = re.match(r"(?:,|[-\u2013]|và)[^\S\n]*(?:lãnh đạo[^\S\n]+)?", d.folded[after : after + 20])
            if sep is not None:
                inner_pos = after + sep.end()
            inner = self.read_org(inner_pos, standalone=True)
            if inner is not None and inner.kind == "unit" and inner.level is not None:
                label = f"{display} {inner.name}" if inner.police else f"{display} {self._unit_label(inner)}"
                end = inner.end if sep is None else head_end
                return OrgMention(label, name_key(label), begin, end, "party", inner.level, inner.place)
            if self.level_at(head_end) is None:
                return None
        lv = (head_end, head_end, implied) if implied is not None else self.level_at(head_end)
        if lv is None:
            if not police:
                return shared_unit(self, begin, head_end, display, key, standalone=standalone)
            # "Công an Hưng Yên": the province (or a unit) named without its type word
            name = read_unit_name(d, head_end)
            if name is None:
                return None
            nm = name_key(d.text[name[0] : name[1]])
            prov = self.ctx.province
            if prov is not None and name_key(prov.name) == nm:
                label = f"{display} {self.place_label(prov)}"
                return OrgMention(label, name_key(label), begin, name[1], "unit", "tỉnh", prov, police)
            found = provinces().get(fold_key(d.text[name[0] : name[1]]))
            if found is not None:
                # another province's police, its type word left out ("Công an Hà Tĩnh"): the same
                # organisation as "Công an tỉnh Hà Tĩnh"
                label = f"{display} {found[1]} {found[0]}"
                return OrgMention(
                    label, org_key(label, key, display), begin, name[1], "unit", "tỉnh", None, police
                )
            return None
        if self._level_list_follows(lv[1]):
            return None
        ref = self.unit_after_level(begin, lv, key)
        label = f"{display} {ref.label}"
        level, place, unit, end = ref.level, ref.place, ref.written, ref.end
        return OrgMention(label, org_key(label, key, display), begin, end, kind, level, place, police, unit)

    def unit_after_level(self, begin: int, lv: tuple[int, int, str], key: str) -> UnitRef:
        """The unit a level word names in an organisation's name starting at ``begin``: the name
        written after it ("tỉnh Bắc Giang", "xã Hải An (Đức Phổ)" for a unit another shares its name
        with), else the unit the article means (:meth:`_resolve`), else the one an organisation
        named earlier wrote, else the bare level."""
        d = self.d
        lv_begin, lv_end, level = lv
        name = read_unit_name(d, self.skip_abbreviation(lv_end))
        if name is not None:
            name = self._hyphenated(level, lv_begin, name)
        if name is not None and self._person_after_level(level, lv_begin, name):
            name = None  # "Phó Chủ tịch UBND tỉnh Trịnh Văn Lược": a bare level, then the person
        place: Place | None
        unit: str | None = None
        if name is not None:
            place = self.place_at(lv_begin, name[1])
            if place is not None:
                whole = name[0] + len(place.name)
                if whole > name[1] and dash_key(d.text[name[0] : whole]) == dash_key(place.name):
                    # "xã Thượng Thôn": a type word inside the unit's name, as the places stage read it
                    name = (name[0], whole)
            if place is not None and dash_key(place.name) == dash_key(d.text[name[0] : name[1]]):
                label = self.place_label(place)
                if level != name_key(place.type) and level == "thành phố":
                    label = f"{level} {place.name}"
            else:
                unit = f"{level} {d.text[name[0] : name[1]]}"
                label = unit
                paren = re.match(r"[^\S\n]*(\([^()\n]{1,40}\))", d.text[name[1] : name[1] + 45])
                if paren and place is not None and self.places.homonyms(place):
                    label = f"{label} {paren.group(1)}"
            return UnitRef(label, name[1], level, place, unit)
        place = self._resolve(level, begin, key)
        if place is not None:
            return UnitRef(self.place_label(place), lv_end, level, place, None)
        # the unit of that level an organisation named earlier, even one the places stage did not
        # resolve ("Công an huyện Trần Văn Thời … Công an huyện đã …")
        unit = next(
            (o.unit for o in self.recent_orgs() if o.begin < begin and o.level == level and o.unit),
            None,
        )
        return UnitRef(unit or level, lv_end, level, None, unit)

    def _hyphenated(self, level: str, lv_begin: int, name: tuple[int, int]) -> tuple[int, int]:
        """The unit name extended over a dash when the unit is so called ("Bà Rịa - Vũng Tàu").

        A dash after an organisation may also separate it from a person ("Công an xã B - Thiếu tá
        C"), so the longer name must be a unit: one the places stage found there, one of the
        gazetteer (post-2025 wards such as "Lâm Viên - Đà Lạt"), or a province.
        """
        d = self.d
        m = DASH.match(d.text, name[1])
        if m is None:
            return name
        tail = read_unit_name(d, m.end())
        if tail is None:
            return name
        written = d.text[name[0] : tail[1]]
        key = dash_key(written)
        place = self.place_at(lv_begin, tail[1])
        if place is not None and dash_key(place.name) == key:
            return name[0], tail[1]
        gaz = self.ctx.gazetteer
        if gaz is not None and any(gaz.lookup(written, type=t) for t in TYPES_BY_LEVEL.get(level, (level,))):
            return name[0], tail[1]
        if level == "tỉnh" and key in {dash_key(n) for n in provinces()}:
            return name[0], tail[1]
        return name

    def _person_after_level(self, level: str, lv_begin: int, name: tuple[int, int]) -> bool:
        """True when the "name" after a level word is a person's, not a unit's.

        "UBND tỉnh Trịnh Văn Lược": a family name first, two syllables or more, and no unit of
        that level so called: the gazetteer decides when given; without it, a place the places
        stage found there is a unit, and for "tỉnh" the province list decides. Units named after persons ("huyện Trần Văn Thời",
        "phường Lê Lợi") are units in the gazetteer and stay units.
        """
        d = self.d
        b, e = name
        if level not in TYPES_BY_LEVEL:
            return False  # residential units are in no gazetteer ("thôn Lê Lợi")
        if e - b < 4 or " " not in d.text[b:e] or not surname_at(d, b):
            return False
        written = d.text[b:e]
        gaz = self.ctx.gazetteer
        if gaz is not None:
            # the gazetteer knows every unit of the country, before and after the 2025 reform
            return not any(gaz.lookup(written, type=t) for t in TYPES_BY_LEVEL.get(level, (level,)))
        if self.place_at(lv_begin, e) is not None:
            return False
        if level == "tỉnh":
            return name_key(written) not in provinces()
        return False

    def _unit_later_in_post_list(self, level: str, pos: int) -> Place | None:
        """The unit a bare committee means when the post list names it later.

        "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Yên Châu": the district of the last post, looked
        for only while the list goes on (a comma and a post after the committee), up to the end of
        the clause.
        """
        d = self.d
        sep = re.match(r"[^\S\n]*,[^\S\n]*", d.text[pos : pos + 4])
        if sep is None or name_words().post_re.match(d.folded, pos + sep.end()) is None:
            return None
        clause = re.search(r"[;.\n]", d.text[pos : pos + 160])
        until = pos + (clause.start() if clause else 160)
        types = TYPES_BY_LEVEL.get(level, (level,))
        i = bisect.bisect_left(self.places.starts, pos)
        while i < len(self.places.mentions) and self.places.starts[i] < until:
            found = self.places.of_type(self.places.mentions[i][1], types)
            if found is not None:
                return found
            i += 1
        return None

    def _unit_label(self, org: OrgMention) -> str:
        if org.place is not None:
            return self.place_label(org.place)
        return org.level or ""

    def attach_parent(self, begin: int, end: int, label: str, *, comma: bool = False) -> OrgMention:
        """A sub-unit and the organisation it belongs to, written after it or understood.

        The parent follows a space or a dash ("Phòng PV05 Công an tỉnh X", "Đội CSGT - Công an
        huyện Y"), or a comma after a post ("Cục trưởng Cục X, Bộ Công an"). Understood, it is
        the sub-unit's own parent from ``people_sub_parents.tsv`` ("Cục" → "Bộ Công an"; none for
        "Đồn Biên phòng"), else the police unit above the commune named last, else the provincial
        police.
        """
        d = self.d
        sep = r"[^\S\n]*[-\u2013,][^\S\n]*|[^\S\n]+" if comma else r"[^\S\n]*[-\u2013][^\S\n]*|[^\S\n]+"
        label = self.ctx.sub_codes.get(name_key(label), label)  # "Phòng PV05" defined before
        abbreviated = self.skip_abbreviation(end)  # "Phòng … (PA05) Công an tỉnh"
        if abbreviated > end:
            code = d.text[end:abbreviated].strip().strip("()")
            if " " in label:
                self.ctx.sub_codes.setdefault(name_key(f"{label.split()[0]} {code}"), label)
            end = abbreviated - 1 if d.text[abbreviated - 1].isspace() else abbreviated
        m = re.match(sep, d.text[end : end + 5])
        parent: OrgMention | None = None
        if m is not None:
            parent = self.read_org(end + m.end(), standalone=False)
            if parent is not None and not (parent.police or parent.kind == "sub"):
                parent = None  # a police unit, or a unit of its own ("Đồn Biên phòng X")
        if parent is not None:
            full = f"{label} {parent.name}"
            return OrgMention(
                full,
                name_key(full),
                begin,
                parent.end,
                "sub",
                parent.level,
                parent.place,
                parent.police,
                parent=parent,
            )
        own = sub_parent(label)
        if own is not None:
            if own == "-" or name_words().level_re.search(d.folded, begin, end):
                # "Đồn Biên phòng X" (Border Guard, not police); "Cục Thuế tỉnh X": a unit that
                # names its own level is not the ministry's
                return OrgMention(label, name_key(label), begin, end, "sub", None, None, False)
            prov = self.ctx.province
            if own == PROVINCIAL_POLICE and prov is not None:
                # a department: the provincial police's
                full = f"{label} Công an {self.place_label(prov)}"
                return OrgMention(full, name_key(full), begin, end, "sub", "tỉnh", prov, True)
            full = f"{label} {own}"
            return OrgMention(full, name_key(full), begin, end, "sub", None, None, True)
        # understood: the police unit above the commune named last, else the provincial police
        for org in self.recent_orgs():
            if (
                org.begin < begin
                and org.police
                and org.level in ("tỉnh", "huyện", "quận", "thị xã", "thành phố")
            ):
                full = f"{label} {org.name}"
                return OrgMention(full, name_key(full), begin, end, "sub", org.level, org.place, True)
        prov = self.ctx.province
        if prov is not None:
            full = f"{label} Công an {self.place_label(prov)}"
            return OrgMention(full, name_key(full), begin, end, "sub", "tỉnh", prov, True)
        return OrgMention(label, name_key(label), begin, end, "sub", None, None, True)

    def post_before(self, begin: int) -> bool:
        """A post is written right before ``begin`` ("Bí thư | Chi đoàn buôn Ea Kmar")."""
        return _post_before().search(self.d.folded, max(0, begin - 40), begin) is not None

    def recent_orgs(self) -> Iterator[OrgMention]:
        """The organisations read so far, latest first, at most :data:`LOOKBACK` of them."""
        return islice(reversed(self.orgs), LOOKBACK)

    def add_org(self, org: OrgMention) -> None:
        self.orgs.append(org)

    def scan(self) -> None:
        """Every organisation written with its own head, in text order.

        A board written right after a post ("Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Tuyên giáo
        Tỉnh ủy") is left to the people stage, which lists it when it is the person's organisation
        (docs/ANNOTATION.md: a Party post held beside a state post adds no organisation).
        """
        d = self.d
        heads = named_heads()
        post_before = _post_before()
        pos = 0
        for w in heads.first_re.finditer(d.folded):
            if w.start() < pos or (d.text[w.start()] not in UPPER and w.group() not in heads.lower_firsts):
                continue  # "tổ chức", "hội viên", "công tác": no head is written so in lower case
            if (m := heads.scan_re.match(d.folded, w.start())) is None:
                continue
            org = self.read_org(m.start(), standalone=True)
            if org is None:
                pos = m.start() + 1
                continue
            if org.kind == "organ" and post_before.search(d.folded, max(0, org.begin - 40), org.begin):
                pos = max(org.end, m.start() + 1)
                continue
            self.orgs.extend(org.with_parents())
            pos = org.end if org.kind != "party" else m.start() + 1


_BARE_RESIDENTIAL_END = re.compile(
    r"[^\S\n]+(?:"
    + "|".join(re.escape(t.surface) for t in plain_type_words() if t.kind == "residential")
    + r")$"
)
#: an abbreviation in parentheses inside a name: "Công an tỉnh (CAT) Thái Nguyên"
_ABBREVIATION = re.compile(r"[^\S\n]*\([A-ZĐ][A-ZĐ0-9]{1,9}\)[^\S\n]*")


@cache
def _post_before() -> re.Pattern[str]:
    """A post written right before an organisation (over the folded text)."""
    return re.compile(r"(?<![\w])(?:phó[^\S\n]+)?" + name_words().post_re.pattern + r"[^\S\n]+$")

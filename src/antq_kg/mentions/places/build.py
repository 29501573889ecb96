"""Places, phase 3: one place per unit, each chain completed.

Chains are completed with the article's province (the one its offices and lead name, never a
person's address) and, for a commune written without its district, with the one the article writes
for it elsewhere, else (with the gazetteer, before the reform) the one district of the province the
gazetteer puts it in, else the district the article is about (named in the lead, twice or in the
title). A residential unit without a stated commune belongs to the one the article writes for it
elsewhere, else to the commune of its passage. After the reform communes hang directly under the
province; a former unit keeps its pre-reform chain. In a report on several provinces, a unit the
article's province lacks goes to the one other named province the gazetteer finds it in. A unit is
spelt as the article first writes it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...model import Place
from ...text import Span, name_key
from ..admin_units import (
    COMMUNE,
    DEFAULT_TYPE,
    DISTRICT,
    PROVINCE,
    RESIDENTIAL,
    provinces,
)
from ..context import Context
from .era import ArticleGazetteer
from .mention import Ref

_ADDRESS_BEFORE = re.compile(r"(?<!\w)(?:trú|quê|ngụ|cư ngụ|sinh sống)(?: tại| ở)?[ \t\u00a0][^.;:!?\n]*$")
_OFFICE_BEFORE = re.compile(
    r"(?<!\w)(?:công an|ubnd|ủy ban nhân dân|tỉnh ủy|thành ủy|hđnd|ủy ban mttq)[ \t\u00a0]+$"
)


@dataclass(eq=False, slots=True)
class Node:
    type: str
    name: str
    level: int
    parent: Node | None
    spans: list[Span] = field(default_factory=list)
    former: bool = False
    code: str | None = None

    @property
    def key(self) -> str:
        return name_key(self.name)

    def first(self) -> int:
        return min((s.begin for s in self.spans), default=1 << 62)


class Builder:
    def __init__(
        self,
        ctx: Context,
        refs: list[Ref],
        typed: dict[str, set[tuple[str, int]]],
        gaz: ArticleGazetteer | None = None,
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
        self.nodes: list[Node] = []
        self.mentions: list[tuple[Span, Node]] = []
        self.communes: list[tuple[int, Node]] = []  # commune-level mentions (begin, node), in order
        self.index: dict[tuple[str, str, int], Node] = {}
        self.last_mentioned: dict[tuple[str, str], Node] = {}
        self.first_created: dict[tuple[str, str], Node] = {}
        self.ref_starts = [r.span.begin for r in self.refs]
        self.spelling: dict[tuple[str, int], str] = {}
        for r in self.refs:
            self.spelling.setdefault((r.key, r.level), r.name)
        self.paragraphs = ctx.layout.paragraph_starts
        self.lead_end = self.paragraphs[2] if len(self.paragraphs) > 2 else len(ctx.text)
        self.province = self._choose_province()
        #: the other provinces the article names (a report on several), first mention first
        self.named_provinces: list[Ref] = []
        for r in self.refs:
            if (
                r.level == PROVINCE
                and not r.former
                and r.key in provinces()
                and (self.province is None or r.key != self.province.key)
                and all(p.key != r.key for p in self.named_provinces)
            ):
                self.named_provinces.append(r)
        self.home_district: Ref | None = None
        self.home_commune: Ref | None = None
        #: (type, key) of a commune or residential unit → the mentions that write its parent one level
        #: up ("xã A, huyện B"; "thôn C, xã A"), by that parent's key
        self.written_chains: dict[tuple[str, str], dict[str, Ref]] = {}
        for r in self.refs:
            up = r.parents[0].level if r.parents else 0
            if r.level in (COMMUNE, RESIDENTIAL) and r.type is not None and up == r.level - 1:
                self.written_chains.setdefault((r.type, r.key), {}).setdefault(r.parents[0].key, r)

    # -- article-level choices

    def _choose_province(self) -> Ref | None:
        scores: dict[str, tuple[int, int, Ref]] = {}
        for r in self.refs:
            if r.level != PROVINCE or r.former or r.key not in provinces():
                continue
            bonus = self._province_weight(r)
            old = scores.get(r.key)
            scores[r.key] = (old[0] + bonus, old[1], old[2]) if old else (bonus, -r.span.begin, r)
        if not scores:
            return None
        return max(scores.values(), key=lambda t: (t[0], t[1]))[2]

    def _province_weight(self, r: Ref) -> int:
        """How strongly a mention says "this is the article's province": an office of it ("Công an
        tỉnh X") counts most, the lead more than the body, a person's address ("trú tại …") not at all."""
        folded = self.ctx.folded
        if _ADDRESS_BEFORE.search(folded, max(0, r.span.begin - 80), r.span.begin):
            return 0
        weight = 2 if r.span.begin < self.lead_end else 1
        if _OFFICE_BEFORE.search(folded, max(0, r.span.begin - 24), r.span.begin):
            weight += 2
        return weight

    def _choose_home(self, level: int) -> Ref | None:
        """The district (or commune) the article is about: named in the lead (title and first
        paragraph), not as former, and named twice or in the title; the most named wins."""
        counts: dict[str, int] = {}
        first: dict[str, Ref] = {}
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

    def _in_article_province(self, r: Ref) -> bool:
        tops = [p for p in r.parents if p.level == PROVINCE]
        return not tops or self.province is None or tops[0].key == self.province.key

    # -- nodes

    def _find(self, type_: str, key: str, parent: Node | None) -> Node | None:
        return self.index.get((type_, key, id(parent)))

    def _latest(self, type_: str, key: str) -> Node | None:
        """The unit of that type and name mentioned last (or created first when none is mentioned yet)."""
        return self.last_mentioned.get((type_, key)) or self.first_created.get((type_, key))

    def _node(self, type_: str, name: str, level: int, parent: Node | None, former: bool) -> Node:
        if level == COMMUNE and parent is not None and parent.level == PROVINCE:
            parent = self._district_for(type_, name, parent) or parent
        found = self._find(type_, name_key(name), parent)
        if found is not None:
            found.former = found.former or former
            return found
        node = Node(type_, name, level, parent, former=former)
        self.nodes.append(node)
        self.index[(type_, node.key, id(parent))] = node
        self.first_created.setdefault((type_, node.key), node)
        return node

    def _other_province(self, ref: Ref) -> Node | None:
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

    def _district_for(self, type_: str, name: str, province: Node) -> Node | None:
        """The district of a commune written without one, within ``province``: the one the article
        writes for it elsewhere (when it writes exactly one), else the one the gazetteer knows.
        None after the reform, when communes hang directly under the province."""
        if self.post_2025:
            return None
        node = self._written_parent(type_, name_key(name))
        if node is not None and node.parent is province:
            return node
        return self._gazetteer_district(type_, name, province)

    def _written_parent(self, type_: str, key: str) -> Node | None:
        """The parent the article writes for the unit ``type_ key`` elsewhere, when it writes one."""
        written = self.written_chains.get((type_, key))
        if written is None or len(written) != 1:
            return None
        (ref,) = written.values()
        return self._chain_node(ref.parents)

    def _gazetteer_district(self, type_: str, name: str, province: Node) -> Node | None:
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

    def province_node(self) -> Node | None:
        p = self.province
        if p is None:
            return None
        typ = p.type or DEFAULT_TYPE[PROVINCE]
        return self._node(typ, self._spelling(p), PROVINCE, None, False)

    def _spelling(self, ref: Ref) -> str:
        """The name as first written in the article (docs/ANNOTATION.md: "uses the first")."""
        return self.spelling.get((ref.key, ref.level), ref.name)

    def _default_parent(self, ref: Ref) -> Node | None:
        if ref.level == PROVINCE:
            return None
        if ref.level == DISTRICT:
            return self._other_province(ref) or self.province_node()
        if ref.level == COMMUNE:
            province = self.province_node()
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
            return self.province_node()
        return self._commune_for(ref)

    def _commune_for(self, ref: Ref) -> Node | None:
        """The commune a residential unit without a stated one belongs to (docs/ANNOTATION.md: the unit the
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
        return self.province_node()

    def _ref_node(self, ref: Ref) -> Node:
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

    def _former_parent(self, typ: str, ref: Ref) -> Node | None:
        """After the reform, the pre-reform parent chain of a district or commune named as former,
        from the gazetteer: under its pre-2025 province when that differs from the article's
        (a former province, ``former`` too), else under the article's province."""
        if not self.post_2025 or self.gaz is None or ref.level not in (DISTRICT, COMMUNE):
            return None
        chain = self.gaz.former_chain(typ, ref.name, ref.level)
        if not chain:
            return None
        node: Node | None = None
        for unit in chain:
            key = name_key(unit.name)
            if unit.level == PROVINCE:
                own = self.province is not None and self.province.key == key
                node = self.province_node() if own else self._node(unit.type, unit.name, PROVINCE, None, True)
            else:
                spelt = self.spelling.get((key, unit.level), unit.name)
                node = self._node(unit.type, spelt, unit.level, node, True)
        return node

    def _chain_node(self, chain: list[Ref]) -> Node | None:
        """The node of the top-most written parent chain (child first)."""
        top = chain[-1]
        node = self._ref_node(Ref(top.type, top.name, top.level, top.span, top.former))
        for r in reversed(chain[:-1]):
            node = self._node(r.type or self._typeless_type(r), r.name, r.level, node, r.former)
        return node

    def _typeless_type(self, ref: Ref) -> str:
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

    def _mention(self, span: Span, node: Node) -> None:
        if span not in node.spans:
            node.spans.append(span)
            insort(self.mentions, (span, node), key=lambda t: t[0].begin)
            self.last_mentioned[(node.type, node.key)] = node
            if node.level == COMMUNE:
                insort(self.communes, (span.begin, node), key=lambda t: t[0])


def freeze(nodes: Iterable[Node]) -> dict[int, Place]:
    out: dict[int, Place] = {}

    def conv(n: Node) -> Place:
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

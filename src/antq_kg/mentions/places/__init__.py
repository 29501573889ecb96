"""Extraction of places: administrative and residential units with the parent chain the text states.

Spec: the annotation conventions of ``docs/ANNOTATION.md`` ("Places"); type
words and levels from ``docs/VOCABULARY.md`` §3(c) and province names from the GSO list, both in
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

The stage reads in three phases, a module each:

1. :mod:`.scan` — every written unit with the chain written after it, the lists one type word
   covers and the former units (one written unit, its type word and name: :mod:`.mention`); the
   province names written without a type word; the units of an all-caps title;
2. :mod:`.era` — whether the article is set after the 2025 reform, and the gazetteer scoped to
   its province and era;
3. :mod:`.build` — one place per unit, each chain completed (the article's province and district,
   the commune of a passage) and, with the gazetteer, coded.

Matching runs one precompiled regex over the NFC text (type words case-insensitively, names by
capitalisation, which the folded view erases) and cheap anchored checks on the folded view; names
are compared through :func:`antq_kg.text.fold_key`, so "Hải Hoà" and "Hải Hòa" are one place, spelt
as first written. Later stages read the mentions through ``ctx.place_index``
(:class:`~antq_kg.mentions.context.PlaceIndex`).
"""

from __future__ import annotations

from ...text import document_from_text
from ..admin_units import type_word
from ..context import Context
from .build import Builder, Node, freeze
from .era import ArticleGazetteer, communes_only_after_reform, post_2025
from .mention import parse_name, patterns
from .scan import Scanner, bare_provinces, caps_title_refs, pre_scan_types

__all__ = ["extract_places", "read_unit"]


def extract_places(ctx: Context) -> None:
    """Places stage: fill ``ctx.places``, ``ctx.province``, ``ctx.place_index`` and claim numbered names."""
    matches = list(patterns()[0].finditer(ctx.text))
    typed = pre_scan_types(ctx, matches)
    scanner = Scanner(ctx, matches)
    scanner.typed_levels = {k: set(v) for k, v in typed.items()}
    scanner.scan()
    refs = scanner.refs + bare_provinces(ctx)
    refs += caps_title_refs(ctx, refs)
    post = post_2025(ctx, refs)
    gaz = None
    if ctx.gazetteer is not None:
        province = Builder(ctx, refs, typed).province
        post = post or communes_only_after_reform(ctx.gazetteer, province, refs)
        gaz = ArticleGazetteer(ctx.gazetteer, province, post)
    builder = Builder(ctx, refs, typed, gaz, post_2025=post)
    builder.build()
    if gaz is not None:
        for node in builder.nodes:
            node.code = gaz.code(node)
    frozen = freeze(builder.nodes)
    nodes = [n for n in builder.nodes if n.spans]
    nodes.sort(key=Node.first)
    ctx.places.extend(frozen[id(n)] for n in nodes)
    if builder.province is not None:
        pnode = builder.province_node()
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
    m = patterns()[0].match(ctx.text)
    if m is None:
        return None
    tw = type_word(m.group("type"))
    parsed = parse_name(ctx, m, tw.numbered) if tw is not None else None
    if tw is None or parsed is None:
        return None
    return tw.type, parsed[0]

"""Places of one article: ``schema:AdministrativeArea`` nodes with their level, parent chain and identity.

A place the gazetteer resolves *is* the gazetteer's unit version (``id/place/{key}``, the IRI the
gazetteer graph describes): the article graph states the same name, label, level and parent chain
(up to the province) as the gazetteer graph, so the article graph is self-contained and the union
repeats nothing. A residential unit (thôn, tổ dân phố…) is described as written and contained in the
unit it was resolved in; what the gazetteer does not resolve stays as written, contained in what
did resolve. Who is the same place is :mod:`antq_kg.identity`'s call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..identity.article import ArticleIdentities, ChainKey, chain_key
from ..identity.levels import place_level, unit_level
from ..iris import place_iri
from ..model import Place
from ..text import fold_key
from .writer import NS, ArticleWriter, boolean, vi

if TYPE_CHECKING:
    from ..gazetteer import AdminUnit

__all__ = ["Places"]


class Places:
    """Writes the places of one article (each written chain once) and answers which node a place is."""

    def __init__(self, w: ArticleWriter, ids: ArticleIdentities) -> None:
        self.w = w
        self.ids = ids
        self._nodes: dict[ChainKey, ox.NamedNode] = {}
        self._units: set[str] = set()
        self._levels: dict[str, ox.NamedNode] = {}

    def level(self, slug: str) -> ox.NamedNode:
        """The admin-level concept of ``slug``."""
        from ..vocab import concept

        node = self._levels.get(slug)
        if node is None:
            node = self._levels[slug] = ox.NamedNode(str(concept("admin-level", slug)))
        return node

    def place(self, place: Place) -> ox.NamedNode:
        """The node of a written place (described once per chain), with its evidence."""
        key = chain_key(place)
        node = self._nodes.get(key)
        if node is None:
            node = self._nodes[key] = self._new(place)
        self.w.evidence(node, place.spans)
        return node

    def ref(self, place: Place | None) -> ox.NamedNode | None:
        """:meth:`place`, or ``None`` for no place."""
        return None if place is None else self.place(place)

    def province(self) -> ox.NamedNode | None:
        """The province most of the article's places sit in (the area of counts that state none)."""
        root = self.ids.province()
        return None if root is None else self._nodes[chain_key(root)]

    def _new(self, place: Place) -> ox.NamedNode:
        w, ids = self.w, self.ids
        parent = self.place(place.parent) if place.parent is not None else None
        written = f"{place.type} {place.name}"
        identity = ids.place(place)
        unit = ids.resolved_unit(place)
        if unit is not None:
            node = self.unit(unit)
            if fold_key(written) != fold_key(unit.label):
                w.add(node, NS.skos.altLabel, vi(written))
        else:
            node = w.node(w.m.mint(identity))
            self._describe(node, place.name, written, place_level(place), parent)
        w.identity(node, identity.key, identity.basis)
        if place.former:
            w.add(node, NS.antq.former, boolean(True))
        return node

    def _describe(
        self, node: ox.NamedNode, name: str, label: str, level: str, parent: ox.NamedNode | None
    ) -> None:
        w = self.w
        w.add(node, NS.type, NS.schema.AdministrativeArea)
        w.add(node, NS.schema.name, vi(name))
        w.add(node, NS.label, vi(label))
        w.add(node, NS.antq.adminLevel, self.level(level))
        if parent is not None:
            w.add(node, NS.schema.containedInPlace, parent)

    def unit(self, unit: AdminUnit) -> ox.NamedNode:
        """The node of a gazetteer unit, described as the gazetteer graph describes it (name, label,
        level), with its parent chain up to the province."""
        w, gaz = self.w, self.ids.gazetteer
        assert gaz is not None
        node = w.node(place_iri(unit.key, base_iri=w.m.base))
        if unit.key in self._units:
            return node
        self._units.add(unit.key)
        parent = gaz.parent(unit)
        parent_node = self.unit(parent) if parent is not None and parent.level >= 1 else None
        self._describe(node, unit.name, unit.label, unit_level(unit), parent_node)
        return node

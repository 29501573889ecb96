"""The gazetteer's records: an administrative unit as it was during its validity, a succession
link, what a lookup resolved, and the written place a lookup reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


@dataclass(frozen=True, slots=True)
class AdminUnit:
    """One administrative unit as it was during ``[valid_from, valid_to]`` (``None`` = open).

    ``type`` is the lower-case Vietnamese type word, ``name`` the official name without it;
    ``level`` is 0 for Viet Nam, 1 province, 2 district, 3 commune (post-2025 communes sit
    directly under their province).
    """

    key: str
    code: str
    type: str
    name: str
    level: int
    parent_key: str | None
    valid_from: date | None
    valid_to: date | None
    source: str = field(default="", compare=False)

    @property
    def label(self) -> str:
        """The name with its type word, as a text writes it ("xã Nhân Hòa")."""
        return f"{self.type} {self.name}" if self.level else self.name

    @property
    def era(self) -> str:
        """``"pre-2025"``, ``"post-2025"`` or ``"earlier"`` (a version that ended before 2025)."""
        if self.level == 0:
            return "pre-2025"
        if self.key.startswith("n"):
            return "post-2025"
        if self.valid_to is not None and self.valid_to < date(2025, 1, 1) and "-" in self.key:
            return "earlier"
        return "pre-2025"

    def valid_on(self, day: date) -> bool:
        """Whether the unit existed on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True, slots=True)
class Succession:
    """One old → new link; ``split`` when the old unit went to several new ones."""

    old_key: str
    new_key: str
    split: bool
    primary: bool
    source: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """What :meth:`Gazetteer.resolve_chain` picked for a written chain, and why."""

    unit: AdminUnit | None
    candidates: tuple[AdminUnit, ...]
    reason: str

    @property
    def key(self) -> str | None:
        """The key of the picked unit, ``None`` when nothing (or nothing unique) was picked."""
        return self.unit.key if self.unit is not None else None

    @property
    def ambiguous(self) -> bool:
        """More than one candidate stayed consistent with the chain after every preference."""
        return self.unit is None and len(self.candidates) > 1


class PlaceLike(Protocol):
    """A written place with its parent chain (e.g. :class:`antq_kg.model.Place`)."""

    @property
    def type(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def parent(self) -> PlaceLike | None: ...


def written_chain(place: PlaceLike) -> list[tuple[str | None, str]]:
    """The ``(type, name)`` chain of a written place, child first."""
    out: list[tuple[str | None, str]] = []
    node: PlaceLike | None = place
    while node is not None:
        out.append((node.type or None, node.name))
        node = node.parent
    return out

"""The identity records: who an entity is (:class:`Identity`), an organisation's identity with its
label, unit and head, and the body a post names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Scope = Literal["corpus", "article"]


@dataclass(frozen=True, slots=True)
class Identity:
    """Who an entity is: what was compared (``key``), why (``basis``), shared or not (``scope``), and
    the IRI path (under ``id/{kind}/``) that :meth:`antq_kg.iris.Minter.mint` makes its IRI."""

    kind: str
    key: str
    basis: str
    scope: Scope
    path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OrgIdentity:
    """An organisation's identity with its canonical label, the gazetteer key of the unit it serves
    and its canonical head (when it serves a unit of the gazetteer)."""

    identity: Identity
    label: str
    unit_key: str | None = None
    head: str | None = None


@dataclass(frozen=True, slots=True)
class BodyIdentity:
    """The body a post's phrase names, and the body it is an organ of (``None`` for none)."""

    body: OrgIdentity
    within: OrgIdentity | None = None

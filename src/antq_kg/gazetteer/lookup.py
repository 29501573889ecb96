"""The :class:`Gazetteer`: the CSV data loaded and checked, and time-aware lookup of units by
name, code, chain and succession."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..errors import GazetteerError
from ..resources import gazetteer_dir
from .names import ADMIN_TYPES, key_variants, name_key, name_keys, normalize_type, parse_name, split_type_word
from .units import AdminUnit, PlaceLike, Resolution, Succession, written_chain

_DATA_FILES = ("units.csv", "succession.csv", "manual.csv", "iso3166-2.csv")
_UNIT_COLUMNS = ["key", "code", "type", "name", "level", "parent_key", "valid_from", "valid_to", "source"]
_SUCCESSION_COLUMNS = ["old_key", "new_key", "split", "primary", "source"]


def default_directory() -> Path:
    """Where :meth:`Gazetteer.load` looks by default: the gazetteer shipped with the package."""
    return gazetteer_dir()


@lru_cache(maxsize=1024)
def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


_ERA_RANK = {"pre-2025": 0, "post-2025": 1, "earlier": 2}


class Gazetteer:
    """Time-aware lookup of Vietnamese administrative units (see the module docstring)."""

    def __init__(
        self,
        units: Iterable[AdminUnit],
        successions: Iterable[Succession] = (),
        iso3166_2: dict[str, str] | None = None,
        lcc: dict[str, str] | None = None,
        aliases: dict[str, str] | None = None,
    ) -> None:
        self._units: dict[str, AdminUnit] = {}
        for u in units:
            if u.key in self._units:
                raise GazetteerError(f"duplicate unit key {u.key}")
            self._units[u.key] = u
        for u in self._units.values():
            if u.parent_key is not None and u.parent_key not in self._units:
                raise GazetteerError(f"unit {u.key} has an unknown parent {u.parent_key}")
        self._succ: dict[str, list[Succession]] = defaultdict(list)
        self._pred: dict[str, list[Succession]] = defaultdict(list)
        for s in successions:
            if s.old_key not in self._units or s.new_key not in self._units:
                raise GazetteerError(f"succession {s.old_key} → {s.new_key} names an unknown unit")
            self._succ[s.old_key].append(s)
            self._pred[s.new_key].append(s)
        for lst in self._succ.values():
            lst.sort(key=lambda s: not s.primary)
        self.iso3166_2: dict[str, str] = dict(iso3166_2 or {})
        self.lcc: dict[str, str] = dict(lcc or {})
        by_name: dict[str, list[AdminUnit]] = defaultdict(list)
        named = [u for u in self._units.values() if u.level]
        for u, key in zip(named, name_keys([u.name for u in named]), strict=True):
            for k in key_variants(key):
                by_name[k].append(u)
        for alias, key in (aliases or {}).items():
            for k in key.split():
                if k not in self._units:
                    raise GazetteerError(f"alias {alias!r} names an unknown unit {k!r}")
                if self._units[k] not in by_name[name_key(alias)]:
                    by_name[name_key(alias)].append(self._units[k])
        rank = {u.key: _ERA_RANK[u.era] for u in named}
        for same in by_name.values():
            if len(same) > 1:
                same.sort(key=lambda u: (rank[u.key], u.level, u.key))
        self._by_name: dict[str, tuple[AdminUnit, ...]] = {k: tuple(v) for k, v in by_name.items()}
        self._ancestors: dict[str, tuple[AdminUnit, ...]] = {}

    # -- loading -------------------------------------------------------------------------------

    @classmethod
    def load(cls, directory: Path | None = None) -> Gazetteer:
        """Load ``units.csv``, ``succession.csv``, ``manual.csv``, ``iso3166-2.csv`` and, when
        present, ``aliases.csv`` (raises :class:`GazetteerError` on missing or inconsistent data)."""
        d = Path(directory) if directory is not None else default_directory()
        for name in _DATA_FILES:
            if not (d / name).is_file():
                raise GazetteerError(f"missing {name}", path=d)
        try:
            return cls._load(d)
        except (KeyError, ValueError) as exc:
            raise GazetteerError(f"malformed gazetteer data: {exc}", path=d) from exc

    @classmethod
    def _load(cls, d: Path) -> Gazetteer:
        units: dict[str, AdminUnit] = {}
        with (d / "units.csv").open(encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            if next(rows) != _UNIT_COLUMNS:
                raise GazetteerError(f"units.csv: columns must be {','.join(_UNIT_COLUMNS)}", path=d)
            for key, code, type_, name, level, parent, start, end, source in rows:
                units[key] = AdminUnit(
                    key, code, type_, name, int(level), parent or None, _date(start), _date(end), source
                )
        succ: list[Succession] = []
        with (d / "succession.csv").open(encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            if next(rows) != _SUCCESSION_COLUMNS:
                raise GazetteerError(
                    f"succession.csv: columns must be {','.join(_SUCCESSION_COLUMNS)}", path=d
                )
            for old_key, new_key, split, primary, source in rows:
                succ.append(Succession(old_key, new_key, split == "1", primary == "1", source))
        with (d / "manual.csv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                key = r["key"]
                if key in units and not r["type"]:  # validity of a unit the packages have
                    old = units[key]
                    units[key] = AdminUnit(
                        key,
                        old.code,
                        old.type,
                        old.name,
                        old.level,
                        old.parent_key,
                        _date(r["valid_from"]) or old.valid_from,
                        _date(r["valid_to"]) or old.valid_to,
                        f"{old.source}; {r['source']}",
                    )
                    continue
                if key in units:
                    raise GazetteerError(f"manual.csv: {key} already exists", path=d)
                units[key] = AdminUnit(
                    key,
                    r["code"],
                    r["type"],
                    r["name"],
                    int(r["level"]),
                    r["parent_key"] or None,
                    _date(r["valid_from"]),
                    _date(r["valid_to"]),
                    r["source"],
                )
                for new in r["replaced_by"].split():
                    succ.append(Succession(key, new, r["split"] == "1", True, r["source"]))
        iso: dict[str, str] = {}
        lcc: dict[str, str] = {}
        with (d / "iso3166-2.csv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                iso[r["province_key"]] = r["iso3166_2"]
                if r["lcc_iri"]:
                    lcc[r["province_key"]] = r["lcc_iri"]
        aliases: dict[str, str] = {}
        if (d / "aliases.csv").is_file():
            with (d / "aliases.csv").open(encoding="utf-8", newline="") as f:
                for r in csv.DictReader(f):
                    aliases[r["alias"]] = f"{aliases.get(r['alias'], '')} {r['key']}".strip()
        return cls(units.values(), succ, iso, lcc, aliases)

    # -- navigation ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._units)

    def __iter__(self) -> Iterator[AdminUnit]:
        return iter(self._units.values())

    def __contains__(self, key: object) -> bool:
        return key in self._units

    def units(self) -> list[AdminUnit]:
        """Every unit, Viet Nam first, in data order."""
        return list(self._units.values())

    def get(self, key: str) -> AdminUnit:
        """The unit with ``key``; raises :class:`GazetteerError` for an unknown key."""
        try:
            return self._units[key]
        except KeyError:
            raise GazetteerError(f"no administrative unit with key {key!r}") from None

    def parent(self, unit: AdminUnit) -> AdminUnit | None:
        """The unit directly above ``unit`` (Viet Nam above a province; ``None`` above Viet Nam)."""
        return self._units.get(unit.parent_key) if unit.parent_key else None

    def ancestors(self, unit: AdminUnit) -> list[AdminUnit]:
        """Parent, grandparent… up to and including Viet Nam."""
        cached = self._ancestors.get(unit.key)
        if cached is None:
            chain: list[AdminUnit] = []
            p = self.parent(unit)
            while p is not None:
                chain.append(p)
                p = self.parent(p)
            cached = self._ancestors[unit.key] = tuple(chain)
        return list(cached)

    def province(self, unit: AdminUnit) -> AdminUnit | None:
        """The level-1 unit ``unit`` is in (itself for a province)."""
        if unit.level == 1:
            return unit
        return next((a for a in self.ancestors(unit) if a.level == 1), None)

    def successors(self, unit: AdminUnit) -> list[AdminUnit]:
        """The units ``unit`` became (2019 and 2025 changes); the package's default first."""
        return [self._units[s.new_key] for s in self._succ.get(unit.key, ())]

    def predecessors(self, unit: AdminUnit) -> list[AdminUnit]:
        """The units that became ``unit``."""
        return [self._units[s.old_key] for s in self._pred.get(unit.key, ())]

    def succession(self, unit: AdminUnit) -> list[Succession]:
        """The succession records leaving ``unit`` (with ``split`` and ``source``)."""
        return list(self._succ.get(unit.key, ()))

    def current(self, unit: AdminUnit, *, on: date | None = None) -> list[AdminUnit]:
        """Follow successors until units valid on ``on`` (default: valid today, i.e. open-ended)."""
        out: list[AdminUnit] = []
        todo = [unit]
        seen: set[str] = set()
        while todo:
            u = todo.pop(0)
            if u.key in seen:
                continue
            seen.add(u.key)
            ok = u.valid_on(on) if on is not None else u.valid_to is None
            nxt = self.successors(u)
            if ok or not nxt:
                if ok and u not in out:
                    out.append(u)
                continue
            todo.extend(nxt)
        return out

    def provinces(self, *, on: date | None = None) -> list[AdminUnit]:
        """Level-1 units (valid on ``on`` when given), pre-2025 first."""
        found = [u for u in self._units.values() if u.level == 1 and (on is None or u.valid_on(on))]
        return sorted(found, key=lambda u: (_ERA_RANK[u.era], u.key))

    def children(self, unit: AdminUnit) -> list[AdminUnit]:
        """Units whose parent is ``unit``."""
        return [u for u in self._units.values() if u.parent_key == unit.key]

    # -- lookup --------------------------------------------------------------------------------

    def lookup(
        self,
        name: str,
        *,
        type: str | None = None,
        level: int | None = None,
        within: AdminUnit | None = None,
        on: date | None = None,
    ) -> list[AdminUnit]:
        """Units called ``name`` (with or without its type word), pre-2025 first, then post-2025,
        then earlier versions. ``type`` filters by type word (abbreviations accepted), ``level``
        by level, ``within`` to descendants of a unit, ``on`` to units valid on that date.
        """
        written, key, whole = parse_name(name)
        t = normalize_type(type) if type is not None else written
        found = self._by_name.get(key, ())
        if written is not None and t != written:
            return []
        if not found and written is not None:  # a name that itself starts with a type word
            found = self._by_name.get(whole, ())
            t = normalize_type(type)
        out = []
        for u in found:
            if t is not None and u.type != t:
                continue
            if level is not None and u.level != level:
                continue
            if on is not None and not u.valid_on(on):
                continue
            if within is not None and within not in self.ancestors(u):
                continue
            out.append(u)
        return out

    # -- chains --------------------------------------------------------------------------------

    def _matches(self, unit: AdminUnit, t: str | None, key: str) -> int:
        """2 when ``unit`` (or a predecessor version) has name ``key`` and type ``t``; 1 for the
        right name at a level ``t`` can denote; 0 otherwise."""
        best = 0
        for u in (unit, *self.predecessors(unit)):
            if name_key(u.name) != key:
                continue
            if t is None or u.type == t:
                return 2
            if u.level in ADMIN_TYPES.get(t, frozenset()):
                best = 1
        return best

    def _consistent(self, unit: AdminUnit, rest: Sequence[tuple[str | None, str]]) -> int | None:
        """Score of ``unit`` against the written parents ``rest`` (child first), or ``None``."""
        anc = self.ancestors(unit)
        score, i = 0, 0
        for t, key in rest:
            while i < len(anc):
                m = self._matches(anc[i], t, key)
                i += 1
                if m:
                    score += m
                    break
            else:
                return None
        return score

    def resolve_chain(
        self,
        chain: Sequence[tuple[str | None, str]] | PlaceLike,
        *,
        on: date | None = None,
        province_hint: AdminUnit | str | None = None,
    ) -> Resolution:
        """Pick the unit a written chain means: ``[(type, name), …]``, child first, or a place
        record with ``type``, ``name`` and ``parent`` (:class:`antq_kg.model.Place`).

        Residential entries (thôn, xóm…) are skipped; the first administrative entry is resolved.
        Candidates must agree with every written parent (name, and type or at least level; an
        earlier version of a parent counts, so "huyện Mỹ Hào" is the parent of a phường of thị xã
        Mỹ Hào). If none does with the written type, the type is relaxed to its level, then the
        date is dropped (a stale name). Among consistent candidates: the article's province
        (``province_hint``, a unit or a name), exact types, then the era (pre-2025 first).
        """
        if not isinstance(chain, Sequence):
            chain = written_chain(chain)
        entries: list[tuple[str | None, str]] = []
        skipped: list[str] = []
        for t, n in chain:
            nt = normalize_type(t) if t else None
            if nt is None:
                nt, n = split_type_word(n)
            if nt is not None and nt not in ADMIN_TYPES:
                skipped.append(nt)
                continue
            entries.append((nt, n))
        if not entries:
            return Resolution(None, (), "no administrative unit in the chain")
        (t0, n0), rest = entries[0], [(t, name_key(n)) for t, n in entries[1:]]
        any_level: frozenset[int] = frozenset({1, 2, 3})
        levels0 = ADMIN_TYPES[t0] if t0 is not None else any_level
        attempts: list[tuple[str, str | None, date | None]] = [("", t0, on)]
        if t0 is not None:
            attempts.append((f"type '{t0}' relaxed to its level", None, on))
        if on is not None:
            attempts.append(("not valid on the date (stale name)", t0, None))
            if t0 is not None:
                attempts.append(("stale name, type relaxed", None, None))
        for note, t, day in attempts:
            found = [u for u in self.lookup(n0, type=t, on=day) if u.level in levels0]
            scored = [(s, u) for u in found if (s := self._consistent(u, rest)) is not None]
            if scored:
                return self._pick(scored, entries, note, province_hint, skipped)
        return Resolution(None, (), f"no unit named {entries[0][1]!r} consistent with the chain")

    def _hint_matches(self, unit: AdminUnit, hint: AdminUnit | str) -> bool:
        prov = self.province(unit)
        if prov is None:
            return False
        if isinstance(hint, str):
            key = name_key(split_type_word(hint)[1])
            return any(name_key(p.name) == key for p in (prov, *self.predecessors(prov)))
        hp = self.province(hint) or hint
        related = {hp.key, *(s.key for s in self.successors(hp)), *(p.key for p in self.predecessors(hp))}
        return prov.key in related

    def _pick(
        self,
        scored: list[tuple[int, AdminUnit]],
        entries: Sequence[tuple[str | None, str]],
        note: str,
        hint: AdminUnit | str | None,
        skipped: list[str],
    ) -> Resolution:
        reasons = [note.strip("; ")] if note else []
        if skipped:
            reasons.append(f"skipped residential {', '.join(skipped)}")
        if hint is not None:
            hinted = [(s, u) for s, u in scored if self._hint_matches(u, hint)]
            if hinted and len(hinted) < len(scored):
                reasons.append("province hint")
            scored = hinted or scored
        best = max(s for s, _ in scored)
        top = [u for s, u in scored if s == best]
        cands = tuple(u for _, u in sorted(scored, key=lambda su: -su[0]))
        parents = len(entries) - 1
        what = f"matches {parents} written parent(s)" if parents else "no parent written"
        if len(top) == 1:
            unit = top[0]
            reasons.insert(
                0, "only candidate " + what if len(scored) == 1 else f"best of {len(scored)}, {what}"
            )
            return Resolution(unit, cands, "; ".join(r for r in reasons if r))
        eras = sorted({_ERA_RANK[u.era] for u in top})
        first = [u for u in top if _ERA_RANK[u.era] == eras[0]]
        if len(first) == 1:
            reasons.insert(0, f"{len(top)} candidates {what}; {first[0].era} preferred")
            return Resolution(first[0], cands, "; ".join(reasons))
        reasons.insert(0, f"ambiguous: {len(first)} {first[0].era} candidates {what}")
        return Resolution(None, cands, "; ".join(reasons))

#!/usr/bin/env python3
"""Write ``data/links/wikidata-admin.ttl``: each gazetteer unit version → the Wikidata item of its unit.

Source: ``data/links/source/vn-admin-wikidata.csv`` (GSO codes of the provinces and districts → Wikidata
items, from ``bamboo-filing-cabinet/vietnam-admin-units``; ``data/links/source/README.md`` has the
commits and caveats). The gazetteer (``data/gazetteer/``, :class:`antq_kg.gazetteer.Gazetteer`) has one
unit per version (``p33`` Hưng Yên until 2025-06-30, ``np33`` the merged Hưng Yên from 2025-07-01,
``d328-2019`` huyện Mỹ Hào until 2019-04-30…).

The join is on the **code and the date**, never the code alone (codes are reused across eras): a unit
version is matched to the row of its level and GSO code that was in force on the last day the gazetteer
knows the version in force (its ``valid_to``; its ``valid_from`` when it is still in force). A row's
validity is its ``valid_from``/``valid_to`` where upstream gives them, an ``era`` of ``pre2025`` ending
2025-06-30 and ``post2025`` starting 2025-07-01; of two rows of one code in one era (019, 447, 474, 850,
936) the older ends the day before the newer begins. A unit with no row in force, or two rows naming two
items, gets no link; the script prints how many.

Each link (sorted by unit key, the same bytes for the same inputs)::

    <{base}id/place/{key}> dcterms:isVersionOf wd:Q… .
    <{base}id/link/wikidata-admin/{key}> a rdf:Statement ;
        rdf:subject <{base}id/place/{key}> ; rdf:predicate dcterms:isVersionOf ; rdf:object wd:Q… ;
        dcterms:source <the upstream mapping file> ; dcterms:isPartOf <{base}id/linkset/wikidata-admin> ;
        rdfs:comment "GSO 33, post2025 row from 2025-07-01: Tỉnh Hưng Yên" .

``dcterms:isVersionOf``, not ``owl:sameAs``: the item describes the unit across its versions (the
ontology says so on the property). The subject is the IRI the graph gives the unit version
(:func:`antq_kg.iris.place_iri`, the one place the pattern is written; the links are written with the
default base IRI and the build rebases them to ``--base-iri``).

Usage: ``python scripts/build_links.py [--source CSV] [--output TTL]`` (``make links``).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from antq_kg.gazetteer import AdminUnit, Gazetteer, split_type_word
from antq_kg.iris import place_iri
from antq_kg.text import fold_key
from antq_kg.vocab import DEFAULT_BASE_IRI

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "links" / "source" / "vn-admin-wikidata.csv"
OUTPUT = ROOT / "data" / "links" / "wikidata-admin.ttl"

UPSTREAM = "https://github.com/bamboo-filing-cabinet/vietnam-admin-units"
PROVINCES = f"{UPSTREAM}/blob/79741a19/mappings/provinces-qid.csv"
PROVINCE_HISTORY = f"{UPSTREAM}/blob/c8f145cd/mappings/provinces-history-qid.csv"
DISTRICTS = f"{UPSTREAM}/blob/91c03a46/mappings/districts-qid.csv"
#: The upstream files a row may come from, by level and era (the table does not say which province file).
SOURCES = {
    ("province", "pre2025"): (PROVINCES, PROVINCE_HISTORY),
    ("province", "post2025"): (PROVINCES, PROVINCE_HISTORY),
    ("province", "historical"): (PROVINCE_HISTORY,),
    ("district", "pre2025"): (DISTRICTS,),
}
LEVELS = {"province": 1, "district": 2}
#: The 2025 reform: the pre-2025 units ended on 2025-06-30, the new ones began on 2025-07-01.
ERA_END = {"pre2025": date(2025, 6, 30)}
ERA_START = {"post2025": date(2025, 7, 1)}
COLUMNS = ("level", "era", "gso_code", "parent_code", "name_vi", "wikidata_qid", "valid_from", "valid_to")

LINKSET = f"{DEFAULT_BASE_IRI}id/linkset/wikidata-admin"
WD = "http://www.wikidata.org/entity/"
PREFIXES = {
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "void": "http://rdfs.org/ns/void#",
    "wd": WD,
}


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the source table, with the validity the join uses."""

    line: int
    level: str
    era: str
    code: str
    name: str
    qid: str
    start: date | None
    end: date | None

    def in_force(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def describe(self) -> str:
        """The comment of the link: code, era, validity, name."""
        span = " ".join(
            x for x in (f"from {self.start}" if self.start else "", f"to {self.end}" if self.end else "") if x
        )
        return f"GSO {self.code}, {self.era} {self.level} row{' ' + span if span else ''}: {self.name}"


class SourceError(Exception):
    """The source table is not what the script expects (file and line in the message)."""


def read_rows(path: Path) -> list[Row]:
    """The table's rows, each ending where the era ends or where the next row of its code begins."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise SourceError(f"{path}: expected the columns {','.join(COLUMNS)}")
        rows = [_row(path, n, r) for n, r in enumerate(reader, start=2)]
    by_code: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for r in rows:
        by_code[(r.level, r.era, r.code)].append(r)
    out: list[Row] = []
    for group in by_code.values():
        group.sort(key=lambda r: r.start or date.min)
        ends: list[date | None] = []
        for older, newer in pairwise(group):
            if newer.start is None or (older.start or date.min) >= newer.start:
                raise SourceError(
                    f"{path}:{newer.line}: two rows of code {newer.code} and no date between them"
                )
            ends.append(
                older.end or newer.start - timedelta(days=1)
            )  # the older row ends where the newer begins
        ends.append(group[-1].end)
        out += [
            replace(r, start=r.start or ERA_START.get(r.era), end=end or ERA_END.get(r.era))
            for r, end in zip(group, ends, strict=True)
        ]
    return sorted(out, key=lambda r: r.line)


def _row(path: Path, line: int, r: dict[str, str]) -> Row:
    try:
        level, era, qid = r["level"], r["era"], r["wikidata_qid"]
        if (
            level not in LEVELS
            or (level, era) not in SOURCES
            or not (qid.startswith("Q") and qid[1:].isdigit())
        ):
            raise ValueError(f"unexpected level, era or QID: {level!r}, {era!r}, {qid!r}")
        return Row(
            line,
            level,
            era,
            r["gso_code"],
            r["name_vi"],
            qid,
            date.fromisoformat(r["valid_from"]) if r["valid_from"] else None,
            date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
        )
    except (KeyError, ValueError) as exc:
        raise SourceError(f"{path}:{line}: {exc}") from None


def reference_day(unit: AdminUnit) -> date | None:
    """The day the join reads the table on: the last day the gazetteer knows the version in force."""
    return unit.valid_to or unit.valid_from


@dataclass
class Join:
    """What :func:`join` matched, and what it could not."""

    links: list[tuple[AdminUnit, Row]]
    unmatched: list[AdminUnit]
    ambiguous: list[tuple[AdminUnit, list[Row]]]
    unused: list[Row]
    renamed: list[tuple[AdminUnit, Row]]


def join(units: Iterable[AdminUnit], rows: Sequence[Row]) -> Join:
    """Each province or district version → the row of its level and code in force on its reference day."""
    by_code: dict[tuple[int, str], list[Row]] = defaultdict(list)
    for r in rows:
        by_code[(LEVELS[r.level], r.code)].append(r)
    result = Join([], [], [], [], [])
    used: set[int] = set()
    for unit in sorted((u for u in units if u.level in (1, 2)), key=lambda u: u.key):
        day = reference_day(unit)
        found = [r for r in by_code.get((unit.level, unit.code), []) if day is not None and r.in_force(day)]
        if not found:
            result.unmatched.append(unit)
        elif len({r.qid for r in found}) > 1:
            result.ambiguous.append((unit, found))
        else:
            row = found[0]
            used.update(r.line for r in found)
            result.links.append((unit, row))
            if fold_key(split_type_word(row.name)[1]) != fold_key(unit.name):
                result.renamed.append((unit, row))
    result.unused = [r for r in rows if r.line not in used]
    return result


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(links: Sequence[tuple[AdminUnit, Row]]) -> str:
    """The links as Turtle, sorted by unit key (deterministic)."""
    sources = sorted({s for _, row in links for s in SOURCES[(row.level, row.era)]})
    out = [
        "# Links from gazetteer unit versions to the Wikidata items describing their units, written by",
        "# scripts/build_links.py (make links) from data/links/source/vn-admin-wikidata.csv. Regenerate rather than edit.",
        *(f"@prefix {p}: <{iri}> ." for p, iri in sorted(PREFIXES.items())),
        "",
        f"<{LINKSET}> a void:Linkset ;",
        '    rdfs:label "Gazetteer unit versions → Wikidata items (GSO code and date join)"@en ;',
        "    void:linkPredicate dcterms:isVersionOf ;",
        f"    void:triples {len(links)} ;",
        f"    dcterms:source {', '.join(f'<{s}>' for s in sources)} .",
    ]
    for unit, row in sorted(links, key=lambda link: link[0].key):
        subject = f"<{place_iri(unit.key)}>"
        out += [
            "",
            f"{subject} dcterms:isVersionOf wd:{row.qid} .",
            f"<{DEFAULT_BASE_IRI}id/link/wikidata-admin/{unit.key}> a rdf:Statement ;",
            f"    rdf:subject {subject} ;",
            "    rdf:predicate dcterms:isVersionOf ;",
            f"    rdf:object wd:{row.qid} ;",
            f"    dcterms:source {', '.join(f'<{s}>' for s in SOURCES[(row.level, row.era)])} ;",
            f"    dcterms:isPartOf <{LINKSET}> ;",
            f"    rdfs:comment {_literal(row.describe())} .",
        ]
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="the GSO code → Wikidata table")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the Turtle file to write")
    args = parser.parse_args(argv)
    try:
        rows = read_rows(args.source)
    except (OSError, SourceError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    result = join(Gazetteer.load().units(), rows)
    args.output.write_text(render(result.links), encoding="utf-8")
    print(f"{len(result.links)} links → {args.output}")
    print(
        f"{len(result.unmatched)} province/district versions of the gazetteer without a row in force, "
        f"{len(result.ambiguous)} with rows naming two items (no link); "
        f"{len(result.unused)} of {len(rows)} rows matched no unit version"
    )
    for unit, row in result.renamed:
        print(f"note: {unit.key} '{unit.label}' linked by code and date to the row '{row.name}' ({row.qid})")
    for unit, found in result.ambiguous:
        print(
            f"note: {unit.key} '{unit.label}': rows {', '.join(f'{r.line} ({r.qid})' for r in found)} — not linked"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Regenerate ``data/gazetteer/units.csv`` and ``succession.csv`` from pinned PyPI packages.

Sources (``data/gazetteer/README.md`` has versions, licences and the key scheme):

* ``vietnam-provinces==0.6.0``: the 63 provinces, 696 districts and ~10k communes in force before
  the 2025-07-01 reform (data of 2025-01-04). Its ``division_type`` is collapsed (every commune is
  "xã"), so the type is read from the name prefix (``data/gazetteer/README.md``, "Columns").
* ``vietnam-provinces==2025.10.1``: the 34 provinces and 3,321 communes in force from 2025-07-01.
* ``vietnamadminunits==1.0.4`` (its ``converter_2025.json`` and ``dataset.db``): which new commune
  each legacy commune became, split communes flagged. Its name keys are mapped to GSO codes through
  its own tables and cross-checked against ``vietnam-provinces`` by code *and* name (some of its
  output used non-GSO province codes).
* ``pycountry==26.2.16`` (LGPL-2.1-only; its data is Debian's ``iso-codes``): the ISO 3166-2:VN
  codes of the 63 pre-2025 provinces, matched to ``vietnam-provinces`` 0.6.0 by name
  (:func:`iso_codes`) and written to ``iso3166-2.csv``. The build stops if a province gets no code
  or two; every difference from the committed file is printed.

Two versions of one package cannot share a venv, so this script makes throwaway venvs (under
``build/gazetteer-venvs`` by default), asks each to report where its data lives, and reads the
data with the standard library. It installs nothing into the project's own environment. The hand-kept
``manual.csv`` is *not* touched here: :mod:`antq_kg.gazetteer` applies it at load time.

Usage: ``python scripts/build_gazetteer.py [--venvs DIR] [--out DIR]`` (``make gazetteer``).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sqlite3
import subprocess
import sys
import unicodedata
import venv
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from antq_kg.text import fold_key

ROOT = Path(__file__).resolve().parents[1]

OLD_PINS = ("vietnam-provinces==0.6.0", "vietnamadminunits==1.0.4")
NEW_PINS = ("vietnam-provinces==2025.10.1",)
#: The newest ``pycountry`` on PyPI when pinned (``pip index versions pycountry``, 2026-02-16 release).
ISO_PINS = ("pycountry==26.2.16",)

#: Valid-to of every unit of the pre-reform data; valid-from of every unit of the new data.
OLD_END = "2025-06-30"
NEW_START = "2025-07-01"

#: Name prefixes → type word, longest first (docs/VOCABULARY.md §3 (c); data/gazetteer/README.md, "Columns").
TYPE_PREFIXES = (
    ("thành phố", "thành phố"),
    ("thị trấn", "thị trấn"),
    ("thị xã", "thị xã"),
    ("đặc khu", "đặc khu"),
    ("phường", "phường"),
    ("huyện", "huyện"),
    ("quận", "quận"),
    ("tỉnh", "tỉnh"),
    ("xã", "xã"),
)

#: 2025.x ``division_type`` of provinces → the type word a text writes.
NEW_PROVINCE_TYPES = {"tỉnh": "tỉnh", "thành phố trung ương": "thành phố"}

#: Reports where a package's data files are, as JSON on stdout (run inside a throwaway venv).
PROBE = r"""
import json, sys
import vietnam_provinces as vp
out = {"vietnam_provinces": {"version": vp.__version__,
                             "data_version": getattr(vp, "__data_version__", None),
                             "nested": str(vp.NESTED_DIVISIONS_JSON_PATH)}}
try:
    import vietnamadminunits as vau
    from importlib.metadata import version
    from pathlib import Path
    d = Path(vau.__file__).parent / "data"
    out["vietnamadminunits"] = {"version": version("vietnamadminunits"),
                                "converter": str(d / "converter_2025.json"),
                                "db": str(d / "dataset.db")}
except ImportError:
    pass
json.dump(out, sys.stdout)
"""

#: Reports pycountry's version, licence and ISO 3166-2:VN subdivisions as JSON (run in its venv).
PROBE_ISO = r"""
import json, sys
from importlib.metadata import metadata, version
import pycountry
meta = metadata("pycountry")
subs = [{"code": s.code, "name": s.name, "type": s.type, "parent_code": s.parent_code}
        for s in pycountry.subdivisions.get(country_code="VN")]
json.dump({"version": version("pycountry"),
           "licence": meta.get("License-Expression") or meta.get("License"),
           "subdivisions": sorted(subs, key=lambda s: s["code"])}, sys.stdout)
"""

#: ISO 3166-2:VN subdivision names (as ``pycountry`` writes them) that are not the province's
#: name in ``vietnam-provinces`` 0.6.0 even after :func:`iso_name_key`; each maps to that name.
#: Case, tone placement (Hòa/Hoà) and hyphen spacing ("Bà Rịa - Vũng Tàu") need no entry; the
#: type word is absent on both sides ("Hồ Chí Minh" is the name of thành phố Hồ Chí Minh).
ISO_NAME_ALIASES = {
    # tỉnh Thừa Thiên Huế became thành phố Huế on 2025-01-01 (Res. 1314/NQ-UBTVQH15, manual.csv);
    # ISO 3166-2 still names the province, 0.6.0 (data of 2025-01-04) the city.
    "Thừa Thiên-Huế": "Huế",
    # pycountry 26.2.16 misspells Kiên Giang (VN-47) with a sắc tone: "Kiến Giang".
    "Kiến Giang": "Kiên Giang",
}

#: OMG LCC ISO 3166-2:VN individuals whose IRI was read in the LCC source, never generated (LCC
#: drops Đ in local names, so generating them is unsafe). Keyed by pre-2025 province key.
LCC_VERIFIED = {
    "p33": "https://www.omg.org/spec/LCC/Countries/Regions/ISO3166-2-SubdivisionCodes-VN/HungYen",
    "p34": "https://www.omg.org/spec/LCC/Countries/Regions/ISO3166-2-SubdivisionCodes-VN/ThaiBinh",
}

#: The form of an ISO 3166-2:VN subdivision code: two digits or two letters (VN-HN, VN-SG…).
ISO_CODE = re.compile(r"VN-(?:\d{2}|[A-Z]{2})")


def make_venv(path: Path, pins: tuple[str, ...]) -> Path:
    """Create (once) a throwaway venv at ``path`` with ``pins`` installed; returns its python."""
    py = path / "bin" / "python"
    stamp = path / ".pins"
    if not (py.exists() and stamp.exists() and stamp.read_text() == "\n".join(pins)):
        print(f"creating {path} with {' '.join(pins)}", file=sys.stderr)
        venv.EnvBuilder(clear=True, with_pip=True).create(path)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", *pins], check=True)
        stamp.write_text("\n".join(pins))
    return py


def probe(py: Path) -> dict[str, dict[str, str]]:
    out = subprocess.run([str(py), "-c", PROBE], check=True, capture_output=True, text=True).stdout
    result: dict[str, dict[str, str]] = json.loads(out)
    return result


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def split_type(full: str, fallback: str | None = None) -> tuple[str, str]:
    """``"Thị xã Mỹ Hào"`` → ``("thị xã", "Mỹ Hào")``; the type comes from the name prefix.

    ``fallback`` (the package's own ``division_type``) is used only when the name has no prefix.
    """
    full = nfc(full)
    low = full.lower()
    for prefix, word in TYPE_PREFIXES:
        if low.startswith(prefix + " "):
            return word, full[len(prefix) + 1 :].strip()
    if fallback:
        return fallback, full
    raise SystemExit(f"no type word in {full!r}")


ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5"}


def similar(a: str, b: str) -> bool:
    """Spelling variants of one name ("Quý"/"Quí", "Hòa Tú 2"/"Hòa Tú II", "NT"/"Nông trường")."""

    def norm(s: str) -> str:
        head, _, last = s.replace("Nông trường", "NT").replace("N.T", "NT").rpartition(" ")
        return simple(f"{head} {ROMAN.get(last, last)}" if head else s)

    return difflib.SequenceMatcher(None, norm(a), norm(b)).ratio() >= 0.8


def simple(s: str) -> str:
    """Accent-free compact key, to compare names across sources (đ → d, spaces and marks dropped)."""
    s = unicodedata.normalize("NFD", nfc(s).lower().replace("đ", "d"))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in s if not unicodedata.combining(c)))


@dataclass
class Row:
    key: str
    code: str
    type: str
    name: str
    level: int
    parent_key: str
    valid_from: str
    valid_to: str
    source: str


def old_units(nested: Path, src: str) -> list[Row]:
    rows: list[Row] = []
    for p in json.loads(nested.read_text(encoding="utf-8")):
        ptype, pname = split_type(p["name"])
        pkey = f"p{p['code']:02d}"
        rows.append(Row(pkey, f"{p['code']:02d}", ptype, pname, 1, "VN", "", OLD_END, src))
        for d in p["districts"]:
            dtype, dname = split_type(d["name"])
            dkey = f"d{d['code']:03d}"
            rows.append(Row(dkey, f"{d['code']:03d}", dtype, dname, 2, pkey, "", OLD_END, src))
            for w in d["wards"]:
                wtype, wname = split_type(w["name"])
                rows.append(
                    Row(f"c{w['code']:05d}", f"{w['code']:05d}", wtype, wname, 3, dkey, "", OLD_END, src)
                )
    return rows


def new_units(nested: Path, src: str) -> list[Row]:
    rows: list[Row] = []
    for p in json.loads(nested.read_text(encoding="utf-8")):
        ptype, pname = split_type(p["name"], NEW_PROVINCE_TYPES[p["division_type"]])
        pkey = f"np{p['code']:02d}"
        rows.append(Row(pkey, f"{p['code']:02d}", ptype, pname, 1, "VN", NEW_START, "", src))
        for w in p["wards"]:
            wtype, wname = split_type(w["name"], w["division_type"])
            rows.append(
                Row(f"nc{w['code']:05d}", f"{w['code']:05d}", wtype, wname, 3, pkey, NEW_START, "", src)
            )
    return rows


def succession(
    converter: Path, db: Path, old: dict[str, Row], new: dict[str, Row], src: str
) -> tuple[list[tuple[str, str, int, int, str]], list[str]]:
    """Old → new rows ``(old_key, new_key, split, primary, source)`` and the problems found."""
    con = sqlite3.connect(db)
    problems: list[str] = []
    stats: Counter[str] = Counter()
    legacy: dict[str, tuple[str, str, str, str]] = {}
    old_prov_by_key: dict[str, str] = {}
    for pk, dk, wk, pcode, dcode, wcode, ward in con.execute(
        "select provinceKey, districtKey, wardKey, provinceCode, districtCode, wardCode, ward"
        " from admin_units_legacy"
    ):
        legacy[f"{pk}_{dk}_{wk or ''}"] = (pcode, dcode, wcode or "", ward or "")
        old_prov_by_key[pk] = pcode
    new_ward: dict[tuple[str, str], tuple[str, str]] = {}
    new_prov_by_key: dict[str, str] = {}
    for pk, wk, pcode, wcode, ward in con.execute(
        "select provinceKey, wardKey, provinceCode, wardCode, ward from admin_units"
    ):
        new_ward[(pk, wk)] = (wcode, ward)
        new_prov_by_key[pk] = pcode
    data = json.loads(converter.read_text(encoding="utf-8"))

    old_by_district: dict[str, list[Row]] = defaultdict(list)
    for r in old.values():
        if r.level == 3:
            old_by_district[r.parent_key].append(r)
    new_by_name: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in new.values():
        if r.level == 3:
            new_by_name[(r.parent_key, simple(f"{r.type} {r.name}"))].append(r)

    def old_key_for(legacy_key: str) -> str | None:
        if legacy_key not in legacy:
            problems.append(f"legacy key {legacy_key} not in dataset.db")
            return None
        _pcode, dcode, wcode, ward = legacy[legacy_key]
        key = f"c{int(wcode):05d}" if wcode else f"d{int(dcode):03d}"
        row = old.get(key)
        if not ward or (row is not None and simple(ward) == simple(f"{row.type} {row.name}")):
            return key if row is not None else None
        # same code, spelling variant (Quý/Quí, "Hòa Tú 2"/"Hòa Tú II") or a later type change
        if row is not None and similar(split_type(ward)[1], row.name):
            stats["legacy name variant accepted"] += 1
            return key
        # a code the snapshot does not have: the same name in the same district
        same = [
            r
            for r in old_by_district.get(f"d{int(dcode):03d}", [])
            if simple(r.name) == simple(split_type(ward)[1])
        ]
        if len(same) == 1:
            stats["legacy matched by name in district"] += 1
            return same[0].key
        # same code in the same district, another name: a renamed unit (e.g. NT Mộc Châu → Thảo Nguyên)
        if row is not None and row.parent_key == f"d{int(dcode):03d}":
            stats["legacy renamed unit (same code, same district)"] += 1
            return key
        problems.append(f"legacy {legacy_key} ({ward}, code {wcode}) not in vietnam-provinces 0.6.0")
        return None

    def new_key_for(prov_key: str, ward_key: str) -> str | None:
        hit = new_ward.get((prov_key, ward_key))
        if hit is None:
            problems.append(f"new ward {prov_key}/{ward_key} not in dataset.db")
            return None
        pkey = f"np{int(new_prov_by_key[prov_key]):02d}"
        by_name = new_by_name.get((pkey, simple(hit[1])), [])
        if len(by_name) == 1:
            if by_name[0].code != f"{int(hit[0]):05d}":
                stats["new ward code differs (2025.10.1 code kept)"] += 1
            return by_name[0].key
        key = f"nc{int(hit[0]):05d}"
        if key in new and similar(split_type(hit[1])[1], new[key].name):
            stats["new ward name variant accepted"] += 1
            return key
        problems.append(f"new ward {prov_key}/{ward_key} ({hit[1]}, code {hit[0]}) not in 2025.10.1")
        return None

    out: list[tuple[str, str, int, int, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(o: str, n: str, split: int, primary: int) -> None:
        if (o, n) not in seen:
            seen.add((o, n))
            out.append((o, n, split, primary, src))

    # provinces: whole provinces merge; checked by name against both vietnam-provinces versions
    for new_pk, old_pks in data["DICT_PROVINCE"].items():
        nkey = f"np{int(new_prov_by_key[new_pk]):02d}"
        if nkey not in new or simple(new[nkey].type + new[nkey].name) != new_pk:
            problems.append(f"province {new_pk} → {nkey}: name mismatch")
            continue
        for opk in old_pks:
            okey = f"p{int(old_prov_by_key[opk]):02d}"
            if okey not in old or simple(old[okey].type + old[okey].name) != opk:
                problems.append(f"province {opk} → {okey}: name mismatch")
                continue
            add(okey, nkey, 0, 1)
    # communes kept whole (possibly merged with others)
    for new_pk, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wk, legacy_keys in wards.items():
            n = new_key_for(new_pk, new_wk)
            for lk in legacy_keys:
                o = old_key_for(lk)
                if n and o:
                    add(o, n, 0, 1)
    # communes split between several new ones; the package's default new ward is primary
    for new_pk, divided in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for lk, targets in divided.items():
            o = old_key_for(lk)
            for t in sorted(targets, key=lambda t: not t["isDefaultNewWard"]):
                n = new_key_for(new_pk, t["newWardKey"])
                if n and o:
                    add(o, n, 1, int(bool(t["isDefaultNewWard"])))
    # districts: derived from their communes (a district is replaced by the new communes covering it)
    by_district: dict[str, list[str]] = defaultdict(list)
    for o, n, _split, _primary, _src in sorted(out, key=lambda t: (t[0], -t[3])):
        if o.startswith("c"):
            d = old[o].parent_key
            if n not in by_district[d]:
                by_district[d].append(n)
    for d, ns in by_district.items():
        for n in ns:
            add(d, n, int(len(ns) > 1), 0)
    # old communes the converter does not cover: a new commune in the successor province that
    # reuses the old code (QĐ 19/2025 keeps a predecessor's code) is taken, flagged by its source
    prov_succ = {o: n for o, n, *_ in out if o.startswith("p")}
    covered = {o for o, *_ in out}
    for r in old.values():
        if r.level == 3 and r.key not in covered:
            n = f"nc{r.code}"
            prov = old[r.parent_key].parent_key
            if n in new and new[n].parent_key == prov_succ.get(prov):
                out.append((r.key, n, 0, 1, "derived:code-reuse"))
                stats["old commune linked by code reuse"] += 1
    out = [
        (o, n, s, p, src if not (o.startswith("d") and p == 0) else "derived:communes")
        for o, n, s, p, src in out
    ]
    problems[:0] = [f"{v:5d} × {k}" for k, v in sorted(stats.items())]
    return out, problems


def iso_name_key(name: str) -> str:
    """The key an ISO subdivision name and a gazetteer name are compared by.

    :func:`antq_kg.text.fold_key` (case, tone placement, spaces) with hyphens read as spaces, so
    the ISO spelling "Thừa Thiên-Huế" and "Bà Rịa - Vũng Tàu" compare like the Vietnamese ones.

    >>> iso_name_key("Bà Rịa - Vũng Tàu") == iso_name_key("Bà Rịa-Vũng Tàu")
    True
    >>> iso_name_key("Hòa Bình") == iso_name_key("Hoà Bình")
    True
    """
    return fold_key(name.replace("-", " "))


def iso_codes(subdivisions: list[dict[str, str | None]], provinces: list[Row]) -> dict[str, str]:
    """Province key → ISO 3166-2 code, matching ISO names to the gazetteer's province names.

    A name matches through :func:`iso_name_key`, after :data:`ISO_NAME_ALIASES`. Stops the build
    (``SystemExit`` listing every problem) when a code is malformed, a subdivision matches no
    province or several, or a province ends with no code or two: a silent mislink would reach
    Wikidata reconciliation (P300 is the ISO 3166-2 code).
    """
    by_name: dict[str, list[Row]] = defaultdict(list)
    for r in provinces:
        by_name[iso_name_key(r.name)].append(r)
    found: dict[str, list[str]] = defaultdict(list)
    problems: list[str] = []
    for sub in subdivisions:
        code, name = str(sub["code"]), str(sub["name"])
        if not ISO_CODE.fullmatch(code):
            problems.append(f"{code} ({name}): not a VN-xx code")
            continue
        hits = by_name.get(iso_name_key(ISO_NAME_ALIASES.get(name, name)), [])
        if len(hits) != 1:
            problems.append(f"{code} ({name}): matches {len(hits)} provinces {[r.key for r in hits]}")
            continue
        found[hits[0].key].append(code)
    for r in provinces:
        codes = found.get(r.key, [])
        if len(codes) != 1:
            problems.append(f"{r.key} ({r.type} {r.name}): {len(codes)} codes {codes}")
    if problems:
        raise SystemExit("ISO 3166-2 codes do not match the provinces:\n  " + "\n  ".join(problems))
    return {k: v[0] for k, v in found.items()}


def read_iso_csv(path: Path) -> dict[str, tuple[str, str]]:
    """The committed ``iso3166-2.csv`` as province key → (code, LCC IRI); empty if absent."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {r["province_key"]: (r["iso3166_2"], r["lcc_iri"]) for r in csv.DictReader(f)}


def write_csv(path: Path, header: list[str], rows: list[list[str | int]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--venvs", type=Path, default=ROOT / "build" / "gazetteer-venvs")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "gazetteer")
    ap.add_argument("--show", type=int, default=20, help="how many source problems to print")
    args = ap.parse_args(argv)

    old_info = probe(make_venv(args.venvs / "old", OLD_PINS))
    new_info = probe(make_venv(args.venvs / "new", NEW_PINS))
    vp_old, vau, vp_new = (
        old_info["vietnam_provinces"],
        old_info["vietnamadminunits"],
        new_info["vietnam_provinces"],
    )
    src_old = f"vietnam-provinces=={vp_old['version']}"
    src_new = f"vietnam-provinces=={vp_new['version']}"
    src_vau = f"vietnamadminunits=={vau['version']}"

    root = Row("VN", "VN", "quốc gia", "Việt Nam", 0, "", "", "", "ISO 3166-1")
    old = old_units(Path(vp_old["nested"]), src_old)
    new = new_units(Path(vp_new["nested"]), src_new)
    old_by_key = {r.key: r for r in old}
    new_by_key = {r.key: r for r in new}
    assert len(old_by_key) == len(old) and len(new_by_key) == len(new), "duplicate keys"
    succ, problems = succession(Path(vau["converter"]), Path(vau["db"]), old_by_key, new_by_key, src_vau)
    iso_info = json.loads(
        subprocess.run(
            [str(make_venv(args.venvs / "iso", ISO_PINS)), "-c", PROBE_ISO],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    iso = iso_codes(iso_info["subdivisions"], [r for r in old if r.level == 1])

    args.out.mkdir(parents=True, exist_ok=True)
    header = ["key", "code", "type", "name", "level", "parent_key", "valid_from", "valid_to", "source"]
    write_csv(
        args.out / "units.csv",
        header,
        [
            [r.key, r.code, r.type, r.name, r.level, r.parent_key, r.valid_from, r.valid_to, r.source]
            for r in [root, *old, *new]
        ],
    )
    write_csv(
        args.out / "succession.csv",
        ["old_key", "new_key", "split", "primary", "source"],
        [list(s) for s in succ],
    )
    iso_path = args.out / "iso3166-2.csv"
    before = read_iso_csv(iso_path)
    iso_rows = [[r.key, iso[r.key], LCC_VERIFIED.get(r.key, "")] for r in old if r.level == 1]
    write_csv(iso_path, ["province_key", "iso3166_2", "lcc_iri"], [list(x) for x in iso_rows])
    with_succ = {o for o, *_ in succ if o.startswith("c")}
    communes = [k for k in old_by_key if k.startswith("c")]
    print(f"units: 1 root + {len(old)} pre-2025 + {len(new)} post-2025; succession rows: {len(succ)}")
    print(f"pre-2025 communes with a successor: {len(with_succ)}/{len(communes)}")
    print(f"ISO 3166-2: {len(iso)} provinces from pycountry=={iso_info['version']} ({iso_info['licence']})")
    for key, code, lcc in iso_rows:
        old_code, old_lcc = before.get(str(key), ("", ""))
        if (old_code, old_lcc) != (code, lcc):
            print(f"   {key} {old_by_key[str(key)].name}: {old_code or '-'} {old_lcc} → {code} {lcc}")
    print(f"source problems skipped: {len(problems)}")
    for p in problems[: args.show]:
        print("  ", p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""ISO 3166-2:VN codes of the pre-2025 provinces: ``data/gazetteer/iso3166-2.csv``.

The codes are derived by ``scripts/build_gazetteer.py`` from ``pycountry`` (pinned there), never
typed by hand; Wikidata reconciliation links provinces by them (P300). These tests pin the
committed file's shape, a few codes checked independently (VN-66 and VN-20 as the
ISO 3166-2:VN entries of the OMG LCC source read them), and the script's name matching, which must fail loudly.
"""

from __future__ import annotations

import csv
import doctest
import json
import re
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from antq_kg.gazetteer import Gazetteer
from scripts_support import load_script

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "gazetteer"
ISO_VENV_PYTHON = ROOT / "build" / "gazetteer-venvs" / "iso" / "bin" / "python"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    return load_script("build_gazetteer.py", module="build_gazetteer_iso")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(DATA)


def iso_rows() -> list[dict[str, str]]:
    with (DATA / "iso3166-2.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def old_provinces(build: ModuleType) -> list[Any]:
    """The 63 pre-2025 provinces of ``units.csv`` as the script's ``Row`` records."""
    with (DATA / "units.csv").open(encoding="utf-8", newline="") as f:
        return [
            build.Row(**{**r, "level": int(r["level"])})
            for r in csv.DictReader(f)
            if r["level"] == "1" and r["key"].startswith("p")
        ]


def test_every_pre_2025_province_has_exactly_one_well_formed_unique_code(gaz: Gazetteer) -> None:
    provinces = {u.key for u in gaz.units() if u.level == 1 and u.era == "pre-2025" and u.key.startswith("p")}
    assert len(provinces) == 63
    rows = iso_rows()
    keys = [r["province_key"] for r in rows]
    assert sorted(keys) == sorted(provinces)  # each exactly once, nothing else
    codes = [r["iso3166_2"] for r in rows]
    assert all(re.fullmatch(r"VN-(\d{2}|[A-Z]{2})", c) for c in codes), codes
    assert len(set(codes)) == 63


@pytest.mark.parametrize(
    ("key", "name", "code"),
    [
        ("p33", "Hưng Yên", "VN-66"),
        ("p34", "Thái Bình", "VN-20"),
        ("p01", "Hà Nội", "VN-HN"),
        ("p79", "Hồ Chí Minh", "VN-SG"),
    ],
)
def test_known_codes(gaz: Gazetteer, key: str, name: str, code: str) -> None:
    assert gaz.get(key).name == name
    assert gaz.iso3166_2[key] == code


def test_post_2025_provinces_carry_no_code_and_lcc_iris_only_where_read(gaz: Gazetteer) -> None:
    assert not any(k.startswith("np") for k in gaz.iso3166_2)
    assert set(gaz.lcc) == {"p33", "p34"}
    assert gaz.lcc["p33"].endswith("/ISO3166-2-SubdivisionCodes-VN/HungYen")


def test_iso_names_match_through_folding_and_the_documented_aliases(build: ModuleType) -> None:
    provinces = old_provinces(build)
    subdivisions = [
        {"code": "VN-26", "name": "Thừa Thiên-Huế"},  # renamed thành phố Huế on 2025-01-01
        {"code": "VN-47", "name": "Kiến Giang"},  # pycountry's misspelling of Kiên Giang
        {"code": "VN-14", "name": "Hòa Bình"},  # new tone placement; 0.6.0 writes Hoà Bình
        {"code": "VN-43", "name": "Bà Rịa-Vũng Tàu"},  # hyphen spacing differs
        {"code": "VN-SG", "name": "Hồ Chí Minh"},
    ]
    by_name = {r.name: r.key for r in provinces}
    with pytest.raises(SystemExit) as stop:  # the other 58 provinces have no code: refused
        build.iso_codes(subdivisions, provinces)
    assert str(stop.value).count(": 0 codes") == 58
    subset = [
        r
        for r in provinces
        if r.key
        in {by_name[n] for n in ("Huế", "Kiên Giang", "Hoà Bình", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh")}
    ]
    assert build.iso_codes(subdivisions, subset) == {
        by_name["Huế"]: "VN-26",
        by_name["Kiên Giang"]: "VN-47",
        by_name["Hoà Bình"]: "VN-14",
        by_name["Bà Rịa - Vũng Tàu"]: "VN-43",
        by_name["Hồ Chí Minh"]: "VN-SG",
    }


@pytest.mark.parametrize(
    ("subdivisions", "message"),
    [
        (
            [{"code": "VN-66", "name": "Hưng Yên"}, {"code": "VN-67", "name": "Hưng Yên"}],
            r"p33 \(tỉnh Hưng Yên\): 2 codes",
        ),
        ([{"code": "VN-66", "name": "Hưng Yên"}], r"p34 \(tỉnh Thái Bình\): 0 codes"),
        (
            [{"code": "VN-66", "name": "Hưng Yên"}, {"code": "VN-20", "name": "Thai Binh"}],
            r"VN-20 \(Thai Binh\): matches 0",
        ),
        (
            [{"code": "VN-66", "name": "Hưng Yên"}, {"code": "VN-2", "name": "Thái Bình"}],
            r"VN-2 \(Thái Bình\): not a VN-xx",
        ),
    ],
)
def test_a_province_without_exactly_one_code_stops_the_build(
    build: ModuleType, subdivisions: list[dict[str, str]], message: str
) -> None:
    provinces = [r for r in old_provinces(build) if r.key in ("p33", "p34")]
    with pytest.raises(SystemExit, match=message):
        build.iso_codes(subdivisions, provinces)


def test_the_scripts_doctests_pass(build: ModuleType) -> None:
    result = doctest.testmod(build)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.skipif(
    not ISO_VENV_PYTHON.exists(),
    reason="pycountry's throwaway venv is absent: run `make gazetteer` once (needs the package index)",
)
def test_the_committed_codes_are_pycountrys(build: ModuleType) -> None:
    out = subprocess.run(
        [str(ISO_VENV_PYTHON), "-c", build.PROBE_ISO], check=True, capture_output=True, text=True
    )
    info = json.loads(out.stdout)
    assert f"pycountry=={info['version']}" in build.ISO_PINS
    derived = build.iso_codes(info["subdivisions"], old_provinces(build))
    assert derived == {r["province_key"]: r["iso3166_2"] for r in iso_rows()}

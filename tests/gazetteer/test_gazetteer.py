"""The time-aware gazetteer: seed figures, name clashes, folding, dates, successors."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from antq_kg.errors import GazetteerError
from antq_kg.gazetteer import AdminUnit, Gazetteer, default_directory, residential_key

DATA = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
BEFORE_2019 = date(2018, 6, 1)
SEED_CHAIN = [("thôn", "Lỗ Xá"), ("xã", "Nhân Hòa"), ("huyện", "Mỹ Hào"), ("tỉnh", "Hưng Yên")]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def codes(units: list[AdminUnit]) -> list[str]:
    return [u.code for u in units]


# -- the seed article's places ------------------------------------------------------------------


def test_seed_commune_before_2019_is_xa_nhan_hoa_12118_of_my_hao_328_of_hung_yen_33(gaz: Gazetteer) -> None:
    r = gaz.resolve_chain(SEED_CHAIN, on=BEFORE_2019)
    assert r.unit is not None
    assert (r.unit.type, r.unit.name, r.unit.code) == ("xã", "Nhân Hòa", "12118")
    district, province, country = gaz.ancestors(r.unit)
    assert (district.type, district.name, district.code) == ("huyện", "Mỹ Hào", "328")
    assert (province.type, province.name, province.code) == ("tỉnh", "Hưng Yên", "33")
    assert country.key == "VN"


def test_seed_commune_without_a_date_is_picked_by_its_own_chain(gaz: Gazetteer) -> None:
    r = gaz.resolve_chain(SEED_CHAIN)
    assert r.unit is not None and r.unit.key == gaz.resolve_chain(SEED_CHAIN, on=BEFORE_2019).unit.key  # type: ignore[union-attr]
    assert r.unit.valid_to == date(2019, 4, 30)
    assert "thôn" in r.reason  # the residential head was skipped, and the reason says so


@pytest.mark.parametrize(
    ("chain", "code", "type_"),
    [
        ([("tỉnh", "Hưng Yên")], "33", "tỉnh"),
        ([("huyện", "Phù Cừ"), ("tỉnh", "Hưng Yên")], "333", "huyện"),
        ([("xã", "Quang Hưng"), ("huyện", "Phù Cừ"), ("tỉnh", "Hưng Yên")], "12400", "xã"),
        ([("huyện", "Mỹ Hào"), ("tỉnh", "Hưng Yên")], "328", "huyện"),
    ],
)
def test_seed_places_resolve_to_their_pre_2019_units(
    gaz: Gazetteer, chain: list[tuple[str, str]], code: str, type_: str
) -> None:
    r = gaz.resolve_chain(chain, on=BEFORE_2019)
    assert r.unit is not None and (r.unit.code, r.unit.type) == (code, type_)


def test_seed_places_have_their_2025_successors(gaz: Gazetteer) -> None:
    nhan_hoa = gaz.resolve_chain(SEED_CHAIN, on=BEFORE_2019).unit
    assert nhan_hoa is not None
    (now,) = gaz.current(nhan_hoa)
    assert (now.type, now.name, now.code, now.valid_from) == ("phường", "Mỹ Hào", "12103", date(2025, 7, 1))
    quang_hung = gaz.resolve_chain([("xã", "Quang Hưng"), ("huyện", "Phù Cừ")], on=BEFORE_2019).unit
    assert quang_hung is not None
    assert [(u.type, u.name, u.code) for u in gaz.successors(quang_hung)] == [("xã", "Quang Hưng", "12391")]
    hung_yen = gaz.lookup("Hưng Yên", level=1, on=BEFORE_2019)[0]
    assert [(u.name, u.code, u.valid_from) for u in gaz.successors(hung_yen)] == [
        ("Hưng Yên", "33", date(2025, 7, 1))
    ]


def test_the_2019_change_makes_two_individuals_with_one_code(gaz: Gazetteer) -> None:
    xa = gaz.get("c12118-2019")
    phuong = gaz.get("c12118")
    assert xa.code == phuong.code == "12118"
    assert (xa.type, xa.valid_to) == ("xã", date(2019, 4, 30))
    assert (phuong.type, phuong.valid_from, phuong.valid_to) == (
        "phường",
        date(2019, 5, 1),
        date(2025, 6, 30),
    )
    assert gaz.successors(xa) == [phuong]
    assert gaz.parent(xa).label == "huyện Mỹ Hào"  # type: ignore[union-attr]
    assert gaz.parent(phuong).label == "thị xã Mỹ Hào"  # type: ignore[union-attr]


def test_a_stale_commune_type_after_2019_resolves_to_the_phuong_with_the_reason(gaz: Gazetteer) -> None:
    r = gaz.resolve_chain([("xã", "Nhân Hòa"), ("huyện", "Mỹ Hào")], on=date(2021, 1, 1))
    assert r.unit is not None and r.unit.key == "c12118"
    assert "relaxed" in r.reason


# -- name clashes: one written name, several units ----------------------------------------------


def test_nhan_hoa_exists_in_several_provinces(gaz: Gazetteer) -> None:
    provinces = {gaz.province(u).name for u in gaz.lookup("Nhân Hòa")}  # type: ignore[union-attr]
    assert {"Hưng Yên", "Bắc Ninh", "Nghệ An"} <= provinces


def test_nhan_hoa_is_scoped_by_the_province_hint(gaz: Gazetteer) -> None:
    bare = gaz.resolve_chain([("phường", "Nhân Hòa")])
    assert bare.unit is None and bare.ambiguous
    r = gaz.resolve_chain([("phường", "Nhân Hòa")], province_hint="Bắc Ninh")
    assert r.unit is not None and gaz.province(r.unit).name == "Bắc Ninh"  # type: ignore[union-attr]
    assert "province hint" in r.reason


def test_quang_hung_in_hai_phong_and_ninh_binh_are_not_hung_yens(gaz: Gazetteer) -> None:
    found = gaz.lookup("xã Quang Hưng")
    provinces = {gaz.province(u).name for u in found}  # type: ignore[union-attr]
    assert {"Hưng Yên", "Hải Phòng", "Ninh Bình"} <= provinces
    hy = gaz.lookup("Hưng Yên", level=1, on=BEFORE_2019)[0]
    assert codes(gaz.lookup("Quang Hưng", within=hy)) == ["12400"]
    r = gaz.resolve_chain([("xã", "Quang Hưng"), ("tỉnh", "Ninh Bình")], on=date(2025, 8, 1))
    assert r.unit is not None and gaz.province(r.unit).name == "Ninh Bình"  # type: ignore[union-attr]


# -- folding, type words, numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["Nhân Hoà", "nhân hòa", "NHÂN HÒA", "Nhân  Hòa", "xã Nhân Hoà", "Xã Nhân Hòa"]
)
def test_lookup_folds_case_tone_placement_and_type_word(gaz: Gazetteer, written: str) -> None:
    assert "c12118-2019" in [u.key for u in gaz.lookup(written, on=BEFORE_2019)]


def test_a_written_type_word_filters(gaz: Gazetteer) -> None:
    assert all(u.type == "phường" for u in gaz.lookup("phường Nhân Hòa"))
    assert gaz.lookup("phường Nhân Hòa", type="xã") == []


@pytest.mark.parametrize(
    "written", ["TP Hồ Chí Minh", "TP. Hồ Chí Minh", "TP.Hồ Chí Minh", "thành phố Hồ Chí Minh"]
)
def test_tp_abbreviations(gaz: Gazetteer, written: str) -> None:
    assert codes(gaz.lookup(written, level=1)) == ["79", "79"]  # pre-2025 first, then post-2025


def test_numbered_wards_accept_padding(gaz: Gazetteer) -> None:
    dong_ha = gaz.resolve_chain([("thành phố", "Đông Hà"), ("tỉnh", "Quảng Trị")]).unit
    assert dong_ha is not None
    assert codes(gaz.lookup("Phường 05", within=dong_ha)) == codes(gaz.lookup("phường 5", within=dong_ha))
    assert len(gaz.lookup("phường 5", within=dong_ha)) == 1


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("TP.HCM", "p79"),
        ("thị trấn Nông trường Mộc Châu", "c03982"),  # the data writes "NT Mộc Châu"
        ("xã Hòa Tú 2", "c31729"),  # the data writes "Hòa Tú II"
        ("tỉnh Thừa Thiên-Huế", "p46-2024"),  # before Res. 1314/NQ-UBTVQH15 (2025-01-01)
        ("tỉnh Bà Rịa-Vũng Tàu", "p77"),
    ],
)
def test_written_variants_of_official_names(gaz: Gazetteer, written: str, key: str) -> None:
    assert gaz.lookup(written)[0].key == key


def test_thanh_pho_is_a_province_or_a_district(gaz: Gazetteer) -> None:
    levels = {u.level for u in gaz.lookup("thành phố Hưng Yên")}
    assert levels == {2}
    assert {u.level for u in gaz.lookup("thành phố Hà Nội")} == {1}


# -- dates and eras -----------------------------------------------------------------------------


def test_validity_by_date(gaz: Gazetteer) -> None:
    assert [u.key for u in gaz.lookup("Mỹ Hào", on=date(2018, 1, 1))] == ["d328-2019"]
    assert [u.key for u in gaz.lookup("Mỹ Hào", on=date(2020, 1, 1))] == ["d328"]
    assert [u.key for u in gaz.lookup("Mỹ Hào", on=date(2025, 7, 1))] == ["nc12103"]
    assert [u.key for u in gaz.lookup("Mỹ Hào")] == ["d328", "nc12103", "d328-2019"]


def test_province_counts_before_and_after_the_reform(gaz: Gazetteer) -> None:
    assert len(gaz.provinces(on=date(2025, 6, 30))) == 63
    assert len(gaz.provinces(on=date(2025, 7, 1))) == 34


def test_post_2025_communes_sit_directly_under_their_province(gaz: Gazetteer) -> None:
    u = gaz.lookup("phường Mỹ Hào", on=date(2025, 7, 1))[0]
    assert u.level == 3 and gaz.parent(u).key == "np33"  # type: ignore[union-attr]
    r = gaz.resolve_chain([("phường", "Mỹ Hào"), ("tỉnh", "Hưng Yên")])
    assert r.unit == u


def test_a_former_district_named_after_2025_resolves_as_a_stale_name(gaz: Gazetteer) -> None:
    r = gaz.resolve_chain([("huyện", "Phù Cừ"), ("tỉnh", "Hưng Yên")], on=date(2025, 9, 1))
    assert r.unit is not None and r.unit.code == "333" and "stale" in r.reason
    assert "12391" in codes(gaz.successors(r.unit))


# -- residential units --------------------------------------------------------------------------


def test_residential_key_is_one_entity_across_spellings(gaz: Gazetteer) -> None:
    commune = gaz.resolve_chain(SEED_CHAIN).unit
    assert commune is not None
    a = residential_key(commune.key, "thôn", "Lỗ Xá")
    assert a == residential_key(commune.key, "Thôn", "LỖ XÁ") == "c12118-2019-thon-lo-xa"
    assert a != residential_key("c12118", "thôn", "Lỗ Xá")  # scoped by the commune
    assert a != residential_key(commune.key, "xóm", "Lỗ Xá")


# -- the committed data -------------------------------------------------------------------------


def read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_committed_csvs_are_consistent(gaz: Gazetteer) -> None:
    units = {r["key"]: r for r in read("units.csv")}
    manual = read("manual.csv")
    keys = set(units) | {r["key"] for r in manual}
    assert len(gaz) == len(keys)
    for u in gaz.units():
        if u.key == "VN":
            assert u.level == 0 and u.parent_key is None
            continue
        parent = gaz.parent(u)
        assert parent is not None, u.key
        assert parent.level < u.level, (u.key, parent.key)
        assert u.valid_from is None or u.valid_to is None or u.valid_from <= u.valid_to
    for r in read("succession.csv"):
        assert r["old_key"] in keys and r["new_key"] in keys, r
    for r in manual:
        for new in r["replaced_by"].split():
            assert new in keys
        assert r["source"], r
    for r in read("iso3166-2.csv"):
        assert gaz.get(r["province_key"]).level == 1


def test_iri_safe_unique_keys() -> None:
    import re

    keys = [r["key"] for r in read("units.csv")] + [r["key"] for r in read("manual.csv") if r["type"]]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[A-Za-z0-9-]+", k) for k in keys)


def test_every_old_province_and_almost_every_old_commune_has_a_successor(gaz: Gazetteer) -> None:
    old = [u for u in gaz.units() if u.era == "pre-2025" and u.level in (1, 3)]
    provinces = [u for u in old if u.level == 1]
    assert all(gaz.successors(u) for u in provinces)
    communes = [u for u in old if u.level == 3]
    with_succ = sum(1 for u in communes if gaz.successors(u))
    assert with_succ / len(communes) > 0.99


def test_load_from_a_missing_directory_is_a_gazetteer_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match=r"missing units\.csv"):
        Gazetteer.load(tmp_path)


def test_default_directory_is_the_repository_data() -> None:
    assert default_directory() == DATA


# -- the development corpus (tests/data/dev) ---------------------------------------------------

#: Articles set after the 2025-07-01 reform (``tests/data/dev/README.md``).
POST_2025_ARTICLES = {"07", "13", "14"}


def gold_chains(path: Path) -> list[list[tuple[str, str]]]:
    import json

    out = []
    for place in json.loads(path.read_text(encoding="utf-8"))["places"]:
        chain, p = [], place
        while p:
            chain.append((p["type"], p["name"]))
            p = p.get("parent")
        out.append(chain)
    return out


@pytest.mark.parametrize("dated", [True, False], ids=["with-era", "no-date"])
def test_dev_corpus_places_resolve_into_the_right_province(
    gaz: Gazetteer, dev_corpus: Path, dated: bool
) -> None:
    """≥ 95% of administrative places resolve, none into a wrong province.

    As an extractor would: a first pass finds the article's province from the chains that
    resolve alone, a second resolves every chain with it as ``province_hint``.
    """
    from antq_kg.gazetteer import ADMIN_TYPES, name_key

    golds = sorted((dev_corpus / "gold").glob("*.json"))
    assert golds, "no dev gold files"
    total, resolved, wrong = 0, 0, []
    for path in golds:
        on = date(2025, 8, 1) if dated and path.stem in POST_2025_ARTICLES else None
        chains = gold_chains(path)
        seen: dict[str, int] = {}
        for chain in chains:
            unit = gaz.resolve_chain(chain, on=on).unit
            prov = gaz.province(unit) if unit else None
            if prov is not None:
                seen[prov.name] = seen.get(prov.name, 0) + 1
        hint = max(seen, key=lambda k: seen[k]) if seen else None
        for chain in chains:
            if chain[0][0] not in ADMIN_TYPES:
                continue
            total += 1
            r = gaz.resolve_chain(chain, on=on, province_hint=hint)
            if r.unit is None:
                continue
            resolved += 1
            assert r.unit.type == chain[0][0] or "relaxed" in r.reason
            written = [n for t, n in chain if t == "tỉnh"]
            prov = gaz.province(r.unit)
            if written and (prov is None or name_key(prov.name) != name_key(written[0])):
                wrong.append((path.stem, chain, r.unit.key))
            if on is not None and r.unit.level == 3:
                assert r.unit.era == "post-2025", (path.stem, chain)
    assert total >= 70
    assert resolved / total >= 0.95, f"{resolved}/{total}"
    assert wrong == []


def test_inconsistent_data_is_refused(tmp_path: Path) -> None:
    import shutil

    for name in ("units.csv", "succession.csv", "manual.csv", "iso3166-2.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    with (tmp_path / "succession.csv").open("a", encoding="utf-8") as f:
        f.write("c12118,nc99999,0,1,test\n")
    with pytest.raises(GazetteerError, match="nc99999"):
        Gazetteer.load(tmp_path)


def test_manual_validity_keeps_the_package_source_and_cites_the_act(gaz: Gazetteer) -> None:
    assert gaz.get("c12118").source.startswith("vietnam-provinces==0.6.0; Res. 656/NQ-UBTVQH14")


def test_a_place_record_resolves_like_its_chain(gaz: Gazetteer) -> None:
    from antq_kg.model import Place

    place = Place(
        "thôn", "Lỗ Xá", Place("xã", "Nhân Hoà", Place("huyện", "Mỹ Hào", Place("tỉnh", "Hưng Yên")))
    )
    r = gaz.resolve_chain(place, on=BEFORE_2019)
    assert r.key == "c12118-2019" == gaz.resolve_chain(SEED_CHAIN, on=BEFORE_2019).key
    assert gaz.resolve_chain([("thôn", "Lỗ Xá")]).key is None

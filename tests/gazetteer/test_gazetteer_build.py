"""``scripts/build_gazetteer.py``: the pure parts that decide types and name matches (no network)."""

from __future__ import annotations

from types import ModuleType

import pytest

from scripts_support import load_script


@pytest.fixture(scope="module")
def build() -> ModuleType:
    return load_script("build_gazetteer.py")


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("Thị xã Mỹ Hào", ("thị xã", "Mỹ Hào")),
        ("Thành Phố Thủ Đức", ("thành phố", "Thủ Đức")),  # capital P, as 0.6.0 writes two cities
        ("Thị trấn Trần Cao", ("thị trấn", "Trần Cao")),
        ("Phường 5", ("phường", "5")),
        ("Đặc khu Côn Đảo", ("đặc khu", "Côn Đảo")),
        ("Tỉnh Hoà Bình", ("tỉnh", "Hoà Bình")),  # the official spelling is kept
    ],
)
def test_the_type_comes_from_the_name_prefix(build: ModuleType, full: str, expected: tuple[str, str]) -> None:
    assert build.split_type(full) == expected


def test_a_name_without_prefix_takes_the_packages_type_or_stops_the_build(build: ModuleType) -> None:
    assert build.split_type("Cao Bằng", "tỉnh") == ("tỉnh", "Cao Bằng")
    with pytest.raises(SystemExit):
        build.split_type("Cao Bằng")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Quý Quân", "Quí Quân", True),
        ("Hòa Tú 2", "Hòa Tú II", True),
        ("Nông trường Liên Sơn", "NT Liên Sơn", True),
        ("Kim Trung", "Kim Chung", False),
        ("Đoàn Kết", "Nà Mường", False),
    ],
)
def test_spelling_variants_are_similar_other_names_are_not(
    build: ModuleType, a: str, b: str, same: bool
) -> None:
    assert build.similar(a, b) is same


def test_simple_keys_compare_names_across_sources(build: ModuleType) -> None:
    assert build.simple("Tỉnh Hưng Yên") == "tinhhungyen" == build.simple("tinh hung yen")
    assert build.simple("Đắk Lắk") == "daklak"

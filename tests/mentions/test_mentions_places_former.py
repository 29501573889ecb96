"""Units named as former in an article set after the 2025 reform keep their pre-reform chain
(docs/ANNOTATION.md "Places": ``"former": true``; the gazetteer's succession of units).

"huyện Cái Bè cũ" in a post-2025 Đồng Tháp article is the district of tỉnh Tiền Giang (merged into
Đồng Tháp on 1 July 2025), not a district of the new Đồng Tháp; the gazetteer's pre-2025 units and
their successors decide. Sentences are written for these tests.
"""

from __future__ import annotations

from antq_kg.gazetteer import Gazetteer
from antq_kg.mentions import extract
from antq_kg.model import Place
from antq_kg.text import document_from_text


def chains(text: str, gazetteer: Gazetteer | None) -> dict[str, list[tuple[str, str, bool]]]:
    """Each place, by its label, with its chain (type, name, former) child first."""
    out = {}
    for place in extract(document_from_text(text), gazetteer=gazetteer).places:
        chain: list[tuple[str, str, bool]] = []
        node: Place | None = place
        while node is not None:
            chain.append((node.type, node.name, node.former))
            node = node.parent
        out[f"{place.type} {place.name}"] = chain
    return out


ARTICLE = (
    "Công an tỉnh Đồng Tháp ra mắt mô hình “Camera an ninh” tại xã Cái Bè.\n"
    "Tại xã Hậu Mỹ Bắc A, huyện Cái Bè cũ, có 12 tổ tự quản. Thị trấn Mỹ Phước (cũ) cũng tham gia.\n"
)


def test_a_former_district_of_a_merged_province_hangs_under_that_province(gazetteer: Gazetteer) -> None:
    got = chains(ARTICLE, gazetteer)
    assert got["huyện Cái Bè"] == [("huyện", "Cái Bè", True), ("tỉnh", "Tiền Giang", True)]
    assert got["xã Hậu Mỹ Bắc A"][1:] == [("huyện", "Cái Bè", True), ("tỉnh", "Tiền Giang", True)]


def test_a_former_town_gets_its_pre_reform_district_and_province(gazetteer: Gazetteer) -> None:
    got = chains(ARTICLE, gazetteer)
    assert got["thị trấn Mỹ Phước"] == [
        ("thị trấn", "Mỹ Phước", True),
        ("huyện", "Tân Phước", True),
        ("tỉnh", "Tiền Giang", True),
    ]


def test_post_reform_communes_still_hang_under_the_new_province(gazetteer: Gazetteer) -> None:
    got = chains(ARTICLE, gazetteer)
    assert got["xã Cái Bè"] == [("xã", "Cái Bè", False), ("tỉnh", "Đồng Tháp", False)]


def test_formerly_belonged_to_names_the_old_district(gazetteer: Gazetteer) -> None:
    text = "Công an tỉnh Đồng Tháp phối hợp Công an xã Mỹ Thiện, trước đây thuộc huyện Cái Bè, tuần tra."
    got = chains(text, gazetteer)
    assert got["huyện Cái Bè"] == [("huyện", "Cái Bè", True), ("tỉnh", "Tiền Giang", True)]
    assert got["xã Mỹ Thiện"] == [("xã", "Mỹ Thiện", False), ("tỉnh", "Đồng Tháp", False)]


def test_a_former_district_of_the_same_province_stays_under_it(gazetteer: Gazetteer) -> None:
    text = "Công an tỉnh An Giang khen thưởng xã Vĩnh Hậu (huyện An Phú cũ) có 30 tổ an ninh."
    got = chains(text, gazetteer)
    assert got["huyện An Phú"] == [("huyện", "An Phú", True), ("tỉnh", "An Giang", False)]


def test_without_a_gazetteer_the_written_chain_is_kept() -> None:
    got = chains(ARTICLE, None)
    assert got["huyện Cái Bè"] == [("huyện", "Cái Bè", True), ("tỉnh", "Đồng Tháp", False)]

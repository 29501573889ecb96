"""Chains the text states in other words than a comma list of higher units.

A residential unit written before another of a different type lies in it (an address: "sóc A, ấp B"),
the units listed after "gồm" lie in the unit written before it, and a post-2025 ward may be named by
a number and words ("phường 1 Bảo Lộc"). Sentences are written for these tests (docs/ANNOTATION.md
"Places").
"""

from __future__ import annotations

from antq_kg.gazetteer import Gazetteer
from antq_kg.mentions import extract
from antq_kg.model import Place
from antq_kg.text import document_from_text


def chains(text: str, gazetteer: Gazetteer | None = None) -> dict[str, list[tuple[str, str]]]:
    out = {}
    for place in extract(document_from_text(text), gazetteer=gazetteer).places:
        node: Place | None = place
        chain = []
        while node is not None:
            chain.append((node.type, node.name))
            node = node.parent
        out[f"{place.type} {place.name}"] = chain
    return out


def test_a_residential_unit_before_one_of_another_type_lies_in_it() -> None:
    got = chains(
        "Xã Vĩnh Hải (tỉnh Sóc Trăng). Tại phum Cà Săng, ấp Âu Thọ B, bà con lắp loa. Ở xóm 4, thôn Đông, ông Ba kể.\n"
    )
    assert got["phum Cà Săng"][:3] == [("phum", "Cà Săng"), ("ấp", "Âu Thọ B"), ("xã", "Vĩnh Hải")]
    assert got["xóm 4"][:2] == [("xóm", "4"), ("thôn", "Đông")]


def test_two_residential_units_of_one_type_stay_side_by_side() -> None:
    got = chains("Xã Vĩnh Hải. Ở ấp Âu Thọ A, ấp Âu Thọ B, bà con lắp loa.\n")
    assert got["ấp Âu Thọ B"][1] == ("xã", "Vĩnh Hải")
    assert got["ấp Âu Thọ A"][1] == ("xã", "Vĩnh Hải")


def test_units_listed_after_gom_lie_in_the_unit_before_it() -> None:
    text = (
        "Đặc khu Bạch Long Vĩ (thành phố Hải Phòng) được thành lập trên cơ sở huyện Bạch Long Vĩ trước đây, "
        "gồm thị trấn Long Hải và 2 xã Đông Vĩ, Tây Vĩ.\n"
    )
    got = chains(text)
    for label in ("thị trấn Long Hải", "xã Đông Vĩ", "xã Tây Vĩ"):
        assert got[label][1] == ("huyện", "Bạch Long Vĩ"), label


def test_a_ward_named_by_a_number_and_words_is_read_whole(gazetteer: Gazetteer) -> None:
    got = chains("Tỉnh Lâm Đồng. Ở phường 2 Bảo Lộc, Công an phường lắp 40 camera.\n", gazetteer)
    assert "phường 2 Bảo Lộc" in got and "phường 2" not in got

"""A bare level before a count is no numbered unit.

"Công an phường 47 cuộc gọi …" is the ward police and 47 calls, not "phường 47": a number followed
by a counted noun (the knowledge the places and counts stages share, ``counted.reads_as_count_unit``)
is a count,
unless the gazetteer knows the numbered unit and what follows does not read as a unit of count
("Công an phường 5 tổ chức …"). Sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from antq_kg.gazetteer import Gazetteer
from antq_kg.mentions import extract
from antq_kg.model import Facts
from antq_kg.text import document_from_text


def facts(text: str, gazetteer: Gazetteer | None) -> Facts:
    return extract(document_from_text(text), gazetteer=gazetteer)


@pytest.mark.parametrize("with_gazetteer", [True, False])
def test_a_bare_ward_before_a_count_is_the_police_level(gazetteer: Gazetteer, with_gazetteer: bool) -> None:
    text = "Tháng 3, người dân đã trình báo với Công an phường 47 cuộc gọi, tin nhắn có dấu hiệu lừa đảo."
    f = facts(text, gazetteer if with_gazetteer else None)
    assert [(p.type, p.name) for p in f.places] == []
    (count,) = f.counts
    assert (count.value, count.unit) == (47, "cuộc gọi, tin nhắn có dấu hiệu lừa đảo")
    span = count.spans[0]
    assert text[span.begin : span.end] == "47 cuộc gọi, tin nhắn có dấu hiệu lừa đảo"


def test_a_bare_commune_before_households_is_no_commune(gazetteer: Gazetteer) -> None:
    text = "Sau đợt mưa lũ, Công an xã 12 hộ dân được hỗ trợ sửa chữa nhà cửa."
    f = facts(text, gazetteer)
    assert f.places == ()
    assert [(int(c.value or 0), c.unit) for c in f.counts] == [(12, "hộ dân")]


def test_a_numbered_ward_followed_by_a_verb_stays_a_ward(gazetteer: Gazetteer) -> None:
    text = "Công an phường 5 tổ chức tuyên truyền cho 200 hộ dân."
    f = facts(text, gazetteer)
    assert [(p.type, p.name) for p in f.places] == [("phường", "5")]
    assert [(int(c.value or 0), c.unit) for c in f.counts] == [(200, "hộ dân")]


def test_a_numbered_ward_with_its_district_stays_a_ward(gazetteer: Gazetteer) -> None:
    text = "Anh Lê Văn Tâm, trú tại phường 5 quận 3, TP Hồ Chí Minh, đã giao nộp 2 khẩu súng."
    f = facts(text, gazetteer)
    assert ("phường", "5") in [(p.type, p.name) for p in f.places]
    assert [(int(c.value or 0), c.unit) for c in f.counts] == [(2, "khẩu súng")]

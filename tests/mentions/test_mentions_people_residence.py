"""People stage: where a person lives, as the genre writes it with the name (the key ``address``).

Sentences are written for these tests, by the conventions of ``docs/ANNOTATION.md`` ("Persons").
"""

from __future__ import annotations

from antq_kg.model import Person, facts_from_json, facts_to_json
from people_support import person, read


def chain(p: Person) -> list[tuple[str, str]]:
    return [] if p.address is None else [(x.type, x.name) for x in p.address.chain()]


def test_the_unit_after_a_residence_word_is_the_address_not_the_home_town() -> None:
    text = (
        "Huyện Thanh Chương (tỉnh Nghệ An). Bà Trần Thị Lý, trú thôn Yên Lạc, xã Thanh Liên, kể lại vụ việc. "
        "Anh Lê Văn Kiên (29 tuổi, quê huyện Anh Sơn, tạm trú xóm 4, xã Thanh Liên) có mặt.\n"
    )
    facts = read(text)
    assert chain(person(facts, "Trần Thị Lý"))[:2] == [("thôn", "Yên Lạc"), ("xã", "Thanh Liên")]
    assert chain(person(facts, "Lê Văn Kiên"))[:2] == [("xóm", "4"), ("xã", "Thanh Liên")]
    assert person(facts, "Lê Văn Kiên").extra == (("age", "29"),)


def test_a_village_role_gives_its_unit_as_the_address() -> None:
    text = (
        "Xã Hòa Bình (huyện Tân Lạc). Ông Bùi Văn Chiến, Trưởng xóm Mường Khói, cho biết. Già làng Bùi Văn "
        "Ngoan (80 tuổi, trú xóm Bái) kể chuyện.\n"
    )
    facts = read(text)
    assert chain(person(facts, "Bùi Văn Chiến"))[0] == ("xóm", "Mường Khói")
    ngoan = person(facts, "Bùi Văn Ngoan")
    assert (chain(ngoan)[0], ngoan.extra) == (("xóm", "Bái"), (("age", "80"),))


def test_the_address_travels_through_the_facts_json() -> None:
    facts = read("Xã Hòa Bình. Bà Đinh Thị Hoa (trú xóm Bái, xã Hòa Bình) kể.\n")
    data = facts_to_json(facts)
    assert data["persons"][0]["address"]["type"] == "xóm"
    back = facts_from_json(data, text=facts.text, path=facts.path)
    assert chain(back.persons[0]) == chain(facts.persons[0])


def test_a_residence_after_two_names_joined_by_va_is_both_persons() -> None:
    text = "Xã Chiềng Mung. Ông Lò Văn Hặc và bà Quàng Thị Nhung, trú bản Mé, cho biết bản có 120 hộ.\n"
    facts = read(text)
    assert (
        chain(person(facts, "Lò Văn Hặc"))[0] == chain(person(facts, "Quàng Thị Nhung"))[0] == ("bản", "Mé")
    )

"""People stage: the posts of a person wherever the text writes them, and persons named in short.

Each test holds sentences written for it (not taken from any corpus) and the records they must give,
by the conventions of ``docs/ANNOTATION.md`` ("Persons", "posts").
"""

from __future__ import annotations

from antq_kg.model import facts_from_json, facts_to_json
from people_support import person, read


def test_kiem_and_dong_thoi_la_join_the_posts_of_one_person() -> None:
    text = (
        "Tỉnh Phú Yên. Dự có ông Võ Minh Đức, Phó Chủ tịch UBND huyện Sơn Hòa kiêm Trưởng Ban Chỉ đạo phong trào "
        "toàn dân bảo vệ ANTQ huyện; ông Lê Văn Tám, Trưởng thôn Tân Lập, đồng thời là tổ trưởng tổ hòa giải.\n"
    )
    facts = read(text)
    duc = person(facts, "Võ Minh Đức")
    # the steering committee is another organ than his own: the post keeps its head word
    assert (duc.posts, duc.organization) == (("Phó Chủ tịch", "Trưởng Ban Chỉ đạo"), "UBND huyện Sơn Hòa")
    assert person(facts, "Lê Văn Tám").posts == ("Trưởng thôn", "tổ trưởng")


def test_a_post_held_besides_the_main_one_leaves_the_main_organisation() -> None:
    text = (
        "Tỉnh Quảng Ngãi. Đại tá Nguyễn Văn Lâm, Phó Giám đốc Công an tỉnh kiêm Thủ trưởng Cơ quan Cảnh sát "
        "điều tra Công an tỉnh nhấn mạnh yêu cầu.\n"
    )
    p = person(read(text), "Nguyễn Văn Lâm")
    assert (p.posts, p.organization) == (("Phó Giám đốc", "Thủ trưởng"), "Công an tỉnh Quảng Ngãi")


def test_the_party_committee_of_a_second_post_keeps_its_word_and_the_state_body_is_the_persons() -> None:
    text = "Ông Hà Văn Nhất, Bí thư Đảng ủy xã kiêm Chủ tịch HĐND xã Mường Lạn phát biểu.\n"
    p = person(read(text), "Hà Văn Nhất")
    assert (p.posts, p.organization) == (("Bí thư Đảng ủy", "Chủ tịch"), "HĐND xã Mường Lạn")
    # alone, the committee is the person's organisation and the post loses its word
    p = person(read("Ông Hà Văn Nhất, Bí thư Đảng ủy xã Mường Lạn phát biểu.\n"), "Hà Văn Nhất")
    assert (p.posts, p.organization) == (("Bí thư",), "Đảng ủy xã Mường Lạn")


def test_nguyen_marks_a_former_post_written_with_nguyen_and_listed_again_without_it() -> None:
    text = (
        "Ông Đỗ Văn Khải (70 tuổi), nguyên Chủ tịch Hội Nông dân xã Sơn Thủy, nay là tổ viên tổ hòa giải. "
        "Thượng tá Mai Xuân Hòa, nguyên Trưởng Công an huyện Quan Sơn, hiện là Phó Trưởng phòng Tham mưu "
        "Công an tỉnh Thanh Hóa.\n"
    )
    facts = read(text)
    khai = person(facts, "Đỗ Văn Khải")
    assert (khai.posts, khai.former_posts, khai.organization) == (
        ("nguyên Chủ tịch",),
        ("Chủ tịch",),
        "Hội Nông dân xã Sơn Thủy",
    )
    hoa = person(facts, "Mai Xuân Hòa")
    # posts in the order the text writes them; the former post's organisation is not the person's,
    # so it stays in the post
    assert (hoa.posts, hoa.former_posts, hoa.organization) == (
        ("nguyên Trưởng Công an huyện Quan Sơn", "Phó Trưởng phòng"),
        ("Trưởng Công an huyện Quan Sơn",),
        "Phòng Tham mưu Công an tỉnh Thanh Hóa",
    )
    data = facts_to_json(facts)
    assert [p["posts"] for p in data["persons"]] == [
        ["nguyên Chủ tịch"],
        ["nguyên Trưởng Công an huyện Quan Sơn", "Phó Trưởng phòng"],
    ]
    back = facts_from_json(data, text=facts.text, path=facts.path)
    assert [(p.posts, p.former_posts) for p in back.persons] == [
        (p.posts, p.former_posts) for p in facts.persons
    ]


def test_a_group_prefix_gives_its_posts_to_every_person_of_the_list() -> None:
    text = (
        "Tỉnh Quảng Bình. Dự có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: Đại tá Nguyễn Hữu Hạnh, "
        "Giám đốc Công an tỉnh; ông Trần Thắng, Trưởng Ban Dân vận Tỉnh ủy. Cùng dự có ông Lê Văn Bình, "
        "Phó Chủ tịch UBND huyện Bố Trạch.\n"
    )
    facts = read(text)
    hanh = person(facts, "Nguyễn Hữu Hạnh")
    assert (hanh.posts, hanh.organization) == (
        ("Ủy viên Ban Thường vụ Tỉnh ủy", "Giám đốc"),
        "Công an tỉnh Quảng Bình",
    )
    thang = person(facts, "Trần Thắng")
    assert (thang.posts, thang.organization) == (
        ("Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban"),
        "Ban Dân vận Tỉnh ủy Quảng Bình",
    )
    # the list ends with its sentence
    assert person(facts, "Lê Văn Bình").posts == ("Phó Chủ tịch",)


def test_a_post_after_two_names_joined_by_va_is_both_persons() -> None:
    text = "Dự có Đại tá Phạm Văn Tuấn và Đại tá Hoàng Minh Châu, Phó Giám đốc Công an tỉnh Quảng Trị.\n"
    facts = read(text)
    for name in ("Phạm Văn Tuấn", "Hoàng Minh Châu"):
        p = person(facts, name)
        assert (p.posts, p.organization) == (("Phó Giám đốc",), "Công an tỉnh Quảng Trị")


def test_a_later_mention_adds_its_posts_and_keeps_the_first_organisation() -> None:
    text = (
        "Tỉnh Bình Phước. Đồng chí Lâm Văn Sơn, Trưởng phòng Cảnh sát hình sự Công an tỉnh chủ trì. "
        "Theo Thượng tá Lâm Văn Sơn, Ủy viên Ban Chấp hành Đảng bộ Công an tỉnh, Trưởng phòng Cảnh sát hình "
        "sự, lực lượng đã triệt phá 4 ổ nhóm.\n"
    )
    p = person(read(text), "Lâm Văn Sơn")
    assert (p.rank, p.posts, p.organization) == (
        "Thượng tá",
        ("Trưởng phòng", "Ủy viên Ban Chấp hành Đảng bộ"),
        "Phòng Cảnh sát hình sự Công an tỉnh Bình Phước",
    )


def test_tan_before_a_post_is_the_post_itself() -> None:
    p = person(read("Thiếu tá Đinh Văn Lực, tân Trưởng Công an xã Yên Lạc cho biết.\n"), "Đinh Văn Lực")
    assert (p.posts, p.organization) == (("Trưởng",), "Công an xã Yên Lạc")


def test_an_honorific_and_a_given_name_alone_name_a_person_never_merged_across_sexes() -> None:
    text = (
        "Bà Nguyễn Thị Lan (trú thôn Đông) cho biết thôn yên bình. Anh Lan, đội viên đội xung kích, kể thêm. "
        "Chị Hiền, tổ viên tổ hòa giải, nói. Sau đó anh Trần Văn Hiền đến. Bà Lan cười.\n"
    )
    facts = read(text)
    assert sorted(p.name for p in facts.persons) == ["Hiền", "Lan", "Nguyễn Thị Lan", "Trần Văn Hiền"]
    assert person(facts, "Lan").honorific == "anh"
    assert len(person(facts, "Nguyễn Thị Lan").spans) == 2  # "Bà Lan" is her, "anh Lan" is not
    assert len(person(facts, "Hiền").spans) == 1  # the full name written later is another person


def test_a_type_word_after_a_family_and_middle_name_is_the_given_name() -> None:
    text = "Ông Lường Văn Bản, trưởng bản Co Muông, cho biết.\n"
    assert [(p.name, p.posts) for p in read(text).persons] == [("Lường Văn Bản", ("trưởng bản",))]
    # a unit's name after a capitalised type word ends the person's name before it
    text = "Ông Lường Văn Sinh Bản Co Muông cho biết.\n"
    assert [p.name for p in read(text).persons] == ["Lường Văn Sinh"]


def test_a_civil_given_name_is_not_an_officer_named_with_a_rank() -> None:
    text = (
        "Dự có Thượng tá Nguyễn Văn Hùng, Phó Trưởng Công an huyện Nghi Xuân. Anh Hùng, một ngư dân ở thôn "
        "Hội Tiến, kể lại. Bà Trần Thị Hằng (trú thôn Hội Tiến) cho biết; chị Hằng còn là tổ viên tổ hòa giải.\n"
    )
    facts = read(text)
    assert (person(facts, "Nguyễn Văn Hùng").honorific, len(person(facts, "Nguyễn Văn Hùng").spans)) == (
        None,
        1,
    )
    assert person(facts, "Hùng").honorific == "anh"
    # one person called "bà" and then "chị" keeps the first honorific
    assert (person(facts, "Trần Thị Hằng").honorific, len(person(facts, "Trần Thị Hằng").spans)) == ("bà", 2)

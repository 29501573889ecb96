"""Organisations stage: the kinds of organisation the genre names, each read in general.

Each test holds sentences written for it (not taken from any corpus) and the organisations they
name, by the conventions of ``docs/ANNOTATION.md`` ("Organizations").
"""

from __future__ import annotations

import pytest

from people_support import person, read


def orgs(text: str) -> list[str]:
    return [o.name for o in read(text).organizations]


# -- mass organisations and their branches --------------------------------------------------------


def test_mass_organisations_at_each_level_are_organisations() -> None:
    text = (
        "Ngày 3/4, tại xã Mường Chanh (huyện Mai Sơn, tỉnh Sơn La), Hội Nông dân xã Mường Chanh và Hội "
        "LHPN huyện Mai Sơn ra mắt tổ tự quản; Hội CCB tỉnh cử cán bộ dự.\n"
    )
    assert orgs(text) == [
        "Hội Nông dân xã Mường Chanh",
        "Hội LHPN huyện Mai Sơn",
        "Hội CCB tỉnh Sơn La",
    ]


def test_heads_listed_before_one_level_share_it() -> None:
    text = (
        "Tại phường Tân Lợi (thành phố Buôn Ma Thuột, tỉnh Đắk Lắk), dự buổi lễ có đại diện Hội Nông dân, "
        "Hội Liên hiệp Phụ nữ, Đoàn Thanh niên phường. Trước đó, Hội Cựu chiến binh, Hội Chữ thập đỏ, "
        "Tỉnh đoàn đã trao quà.\n"
    )
    names = orgs(text)
    assert names[:3] == [
        "Hội Nông dân phường Tân Lợi",
        "Hội Liên hiệp Phụ nữ phường Tân Lợi",
        "Đoàn Thanh niên phường Tân Lợi",
    ]
    assert names[3:] == [
        "Hội Cựu chiến binh tỉnh Đắk Lắk",
        "Hội Chữ thập đỏ tỉnh Đắk Lắk",
        "Tỉnh đoàn Đắk Lắk",
    ]


def test_a_head_written_alone_takes_the_unit_of_the_one_organisation_it_works_with() -> None:
    text = (
        "Ở xã Ea Tiêu (huyện Cư Kuin, tỉnh Đắk Lắk), Công an xã Ea Tiêu phối hợp với Hội Nông dân lập tổ.\n"
    )
    assert orgs(text) == ["Công an xã Ea Tiêu", "Hội Nông dân xã Ea Tiêu"]
    # two partners of two units: whose branch is meant is not written
    text = (
        "Tại thị trấn Phước An và xã Ea Kly, Công an thị trấn, Công an xã phối hợp với Đoàn Thanh niên lắp "
        "đèn chiếu sáng.\n"
    )
    assert not [n for n in orgs(text) if n.startswith("Đoàn Thanh niên")]


def test_a_branch_names_its_village_or_the_organisation_it_belongs_to() -> None:
    text = (
        "Bà Lò Thị Pản (trú bản Nà Lìu, xã Chiềng Ơn), Chi hội trưởng Chi hội Phụ nữ bản, cho biết bản có 80 hộ. "
        "Chi đoàn Công an huyện Quỳnh Nhai tổ chức tuyên truyền.\n"
    )
    facts = read(text)
    # the organisation a branch belongs to is named, so it is listed too
    assert [o.name for o in facts.organizations] == [
        "Chi hội Phụ nữ bản Nà Lìu",
        "Chi đoàn Công an huyện Quỳnh Nhai",
        "Công an huyện Quỳnh Nhai",
    ]
    p = person(facts, "Lò Thị Pản")
    assert (p.posts, p.organization) == (("Chi hội trưởng",), "Chi hội Phụ nữ bản Nà Lìu")


def test_an_association_is_read_with_its_unit_and_never_from_a_common_word() -> None:
    text = (
        "Hội Khuyến học xã Tân Phú tặng 30 suất học bổng. Hội nghị đã thống nhất kế hoạch. "
        "Hội Các bà mẹ Công giáo giáo xứ Thái Hà có 120 hội viên.\n"
    )
    assert orgs(text) == [
        "Hội Khuyến học xã Tân Phú",
        "Hội Các bà mẹ Công giáo giáo xứ Thái Hà",
        "giáo xứ Thái Hà",
    ]


# -- police written with an abbreviation, commune police ------------------------------------------


def test_police_abbreviations_stand_for_the_unit_of_their_level() -> None:
    text = (
        "Ngày 5/6, Công an tỉnh (CAT) Phú Yên phối hợp với Công an huyện (CAH) Đồng Xuân tổng kết phong trào. "
        "Đại tá Trần Quốc Huy, Giám đốc CAT cho biết CAH Đồng Xuân có 11 mô hình.\n"
    )
    facts = read(text)
    assert [o.name for o in facts.organizations] == ["Công an tỉnh Phú Yên", "Công an huyện Đồng Xuân"]
    p = person(facts, "Trần Quốc Huy")
    assert (p.posts, p.organization) == (("Giám đốc",), "Công an tỉnh Phú Yên")


def test_the_front_spelled_out_with_its_abbreviation_is_one_organisation() -> None:
    text = (
        "Công an phường Hòa Khánh Bắc và Ủy ban Mặt trận Tổ quốc Việt Nam (MTTQ) phường Hòa Khánh Bắc ký quy chế. "
        "Ủy ban MTTQ phường sẽ giám sát.\n"
    )
    assert orgs(text) == [
        "Công an phường Hòa Khánh Bắc",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hòa Khánh Bắc",
    ]


# -- steering committees, Party boards ------------------------------------------------------------


def test_a_steering_committee_is_named_by_what_it_steers_and_named_again_by_its_level() -> None:
    text = (
        "Tỉnh Kon Tum. Ban Chỉ đạo phong trào toàn dân bảo vệ ANTQ tỉnh tổ chức kiểm tra tại huyện Sa Thầy. "
        "Đoàn kiểm tra của Ban Chỉ đạo tỉnh đánh giá cao cách làm; theo báo cáo của BCĐ, 12 xã đạt tiêu chí.\n"
    )
    assert orgs(text) == ["Ban Chỉ đạo phong trào toàn dân bảo vệ ANTQ tỉnh Kon Tum"]


def test_a_party_board_is_named_with_its_committee_not_with_the_police() -> None:
    text = (
        "Tỉnh Yên Bái. Ban Dân vận Tỉnh ủy phối hợp với Công an tỉnh biên soạn tài liệu. "
        "Dự có ông Hà Văn Tùng, Trưởng Ban Tổ chức Huyện ủy Văn Chấn.\n"
    )
    facts = read(text)
    assert [o.name for o in facts.organizations] == [
        "Ban Dân vận Tỉnh ủy Yên Bái",
        "Công an tỉnh Yên Bái",
        "Ban Tổ chức Huyện ủy Văn Chấn",
    ]
    p = person(facts, "Hà Văn Tùng")
    assert (p.posts, p.organization) == (("Trưởng Ban",), "Ban Tổ chức Huyện ủy Văn Chấn")


def test_a_party_post_beside_a_state_post_adds_no_organisation() -> None:
    text = (
        "Tỉnh Hòa Bình. Dự có Đại tá Bùi Văn Khánh, Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Công an tỉnh; "
        "ông Đinh Công Sứ, Phó Bí thư Đảng ủy Khối các cơ quan tỉnh.\n"
    )
    facts = read(text)
    assert [o.name for o in facts.organizations] == [
        "Công an tỉnh Hòa Bình",
        "Đảng ủy Khối các cơ quan tỉnh Hòa Bình",
    ]
    khanh = person(facts, "Bùi Văn Khánh")
    assert (khanh.posts, khanh.organization) == (
        ("Ủy viên Ban Thường vụ Tỉnh ủy", "Giám đốc"),
        "Công an tỉnh Hòa Bình",
    )
    su = person(facts, "Đinh Công Sứ")
    assert (su.posts, su.organization) == (("Phó Bí thư",), "Đảng ủy Khối các cơ quan tỉnh Hòa Bình")


def test_the_organisation_a_board_or_unit_belongs_to_is_listed_too() -> None:
    text = (
        "Tỉnh Hậu Giang. Ban Trị sự chùa Phước Hưng phối hợp với Phòng Cảnh sát hình sự Công an tỉnh. "
        "Trung tá Lý Văn Tài – Đội trưởng Đội trinh sát, Đồn Biên phòng Vĩnh Viễn cho biết.\n"
    )
    assert orgs(text) == [
        "Ban Trị sự chùa Phước Hưng",
        "chùa Phước Hưng",
        "Phòng Cảnh sát hình sự Công an tỉnh Hậu Giang",
        "Công an tỉnh Hậu Giang",
        "Đội trinh sát Đồn Biên phòng Vĩnh Viễn",
        "Đồn Biên phòng Vĩnh Viễn",
    ]


def test_a_department_named_without_its_parent_is_the_provincial_polices() -> None:
    text = (
        "Tại huyện Văn Yên (tỉnh Yên Bái), Công an huyện Văn Yên phối hợp tuyên truyền. "
        "Thượng tá Hoàng Đức Mạnh, Trưởng phòng Xây dựng phong trào bảo vệ ANTQ trình bày báo cáo.\n"
    )
    p = person(read(text), "Hoàng Đức Mạnh")
    assert p.organization == "Phòng Xây dựng phong trào bảo vệ ANTQ Công an tỉnh Yên Bái"


# -- self-managed groups, clans, the press, companies ---------------------------------------------


def test_self_managed_groups_are_organisations_only_with_their_village_or_number() -> None:
    text = (
        "Ở thôn Làng Mới, Tổ tự quản về an ninh thôn Làng Mới có 9 thành viên; Tổ liên kết ngư dân số 5 "
        "gồm 14 tàu cá. Tổ an ninh công nhân tập trung nhiều ở các khu trọ. Mô hình “Tổ tự quản bến đò” "
        "được nhân rộng. Bảo vệ Tổ quốc là trách nhiệm chung.\n"
    )
    assert orgs(text) == ["Tổ tự quản về an ninh thôn Làng Mới", "Tổ liên kết ngư dân số 5"]


def test_a_clan_is_named_with_its_village_and_its_head_belongs_to_it() -> None:
    text = (
        "Tại bản Huổi Một, dòng họ Lò với 40 hộ đăng ký không có người nghiện. "
        "Ông Lò Văn Khún, trưởng họ Lò, cho biết con cháu đều đi học. "
        "Dòng họ Quàng ở bản Pá Hốc cũng tham gia; ông Quàng Văn Ỏn, Trưởng họ, nói thêm.\n"
    )
    facts = read(text)
    assert [o.name for o in facts.organizations] == ["Dòng họ Lò bản Huổi Một", "Dòng họ Quàng bản Pá Hốc"]
    assert person(facts, "Lò Văn Khún").organization == "Dòng họ Lò bản Huổi Một"
    assert person(facts, "Quàng Văn Ỏn").organization == "Dòng họ Quàng bản Pá Hốc"
    # the unit named earlier in the paragraph
    text = "Bà Cầm Thị Ơn (trú bản Mé) cho biết. Dòng họ Cầm trong bản đã ký cam kết.\n"
    assert orgs(text) == ["Dòng họ Cầm bản Mé"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Báo Lạng Sơn trao tặng 20 suất quà.", "Báo Lạng Sơn"),
        ("Báo Công an nhân dân đăng loạt bài.", "Báo Công an nhân dân"),
        ("Nhà xuất bản Tư pháp phát hành cuốn sách.", "Nhà xuất bản Tư pháp"),
        ("Trung tâm Y tế huyện Lộc Bình cử cán bộ.", "Trung tâm Y tế huyện Lộc Bình"),
        ("Công ty CP Thủy sản Minh Hải phối hợp tuyên truyền.", "Công ty CP Thủy sản Minh Hải"),
        ("Công ty cổ phần Cấp nước Lạng Sơn tài trợ 20 bộ áo phao.", "Công ty cổ phần Cấp nước Lạng Sơn"),
    ],
)
def test_newspapers_publishers_centres_and_companies_are_read_by_their_proper_name(
    sentence: str, name: str
) -> None:
    assert orgs(sentence + "\n") == [name]


def test_report_words_and_lower_case_heads_are_no_organisation() -> None:
    assert orgs("Báo cáo tại hội nghị cho thấy trung tâm xã đông dân; công ty có 300 lao động.\n") == []


def test_a_head_written_alone_in_a_post_is_the_one_named_last() -> None:
    text = (
        "Hội Liên hiệp Phụ nữ xã Phong Thạnh cũng vào cuộc. Chị Trần Thị Mơ, Chủ tịch Hội cho biết hội có "
        "300 hội viên. Công đoàn Công ty TNHH May Hòa Bình ký cam kết; anh Lê Văn Sáu, Chủ tịch Công đoàn "
        "Công ty, cho biết thêm.\n"
    )
    facts = read(text)
    assert person(facts, "Trần Thị Mơ").organization == "Hội Liên hiệp Phụ nữ xã Phong Thạnh"
    assert person(facts, "Lê Văn Sáu").organization == "Công đoàn Công ty TNHH May Hòa Bình"


def test_another_provinces_police_written_without_its_type_word_is_that_provinces_police() -> None:
    text = "Tỉnh Quảng Bình. Công an Quảng Trị phối hợp với Công an tỉnh Quảng Trị và Công an Huế.\n"
    assert orgs(text) == ["Công an tỉnh Quảng Trị", "Công an thành phố Huế"]


def test_a_grassroots_group_in_lower_case_is_an_organisation_only_with_its_unit() -> None:
    text = (
        "Yên Bái: giữ bình yên\n\nNgày 3/4, xã Minh Xuân có 12 tổ bảo vệ an ninh, trật tự ở cơ sở. "
        "Ông Hà Văn Sinh, Tổ trưởng tổ bảo vệ an ninh, trật tự thôn Khe Lụa, cho biết các tổ bảo vệ ANTT "
        "tuần tra hằng đêm. Chị Lò Thị Mai (trú bản Nà Hẩu) là thành viên tổ hòa giải của bản.\n"
    )
    found = orgs(text)
    assert "tổ bảo vệ an ninh, trật tự thôn Khe Lụa" in found
    assert "tổ hòa giải bản Nà Hẩu" in found
    assert not [o for o in found if o.endswith("ở cơ sở") or o == "tổ bảo vệ ANTT"]


def test_a_civil_office_is_no_police_department_and_takes_the_unit_it_works_with() -> None:
    text = "Tin ngắn\n\nCông an huyện Lục Yên phối hợp với Phòng Giáo dục và Đào tạo tổ chức ngoại khóa tại Trường THCS Khánh Thiện.\n"
    found = orgs(text)
    assert "Phòng Giáo dục và Đào tạo huyện Lục Yên" in found
    assert "Trường THCS Khánh Thiện" in found
    assert not [o for o in found if o.startswith("Phòng Giáo dục Công an")]


def test_a_department_name_runs_over_va_to_its_police_parent_but_two_bodies_stay_two() -> None:
    text = (
        "Tin ngắn\n\nPhòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ Công an tỉnh Yên Bái kiểm tra "
        "Đồn Biên phòng Lũng Cú và Phòng Cảnh sát điều tra tội phạm về ma túy Công an tỉnh Yên Bái.\n"
    )
    found = orgs(text)
    assert "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ Công an tỉnh Yên Bái" in found
    assert not [o for o in found if o.startswith("Đồn Biên phòng Lũng Cú và")]


def test_a_bare_level_before_its_unit_is_that_unit_or_none_among_several() -> None:
    one = "Minh Xuân: Công an xã vào cuộc\n\nNgày 3/4, Công an xã Minh Xuân (huyện Lục Yên) họp dân.\n"
    assert orgs(one).count("Công an xã Minh Xuân") == 1 and "Công an xã" not in orgs(one)
    two = "Tin ngắn\n\nĐây là cánh tay nối dài của Công an xã. Công an xã Minh Xuân và Công an xã Khánh Thiện họp dân.\n"
    assert "Công an xã" not in orgs(two)


def test_a_group_of_the_company_in_lower_case_belongs_to_the_company_named_before() -> None:
    text = "Tin ngắn\n\nTại Công ty TNHH May Đức Thành, ông Vũ Văn Tài, Chủ tịch Công đoàn công ty cho biết nhiều điều.\n"
    assert "Công đoàn Công ty TNHH May Đức Thành" in orgs(text)

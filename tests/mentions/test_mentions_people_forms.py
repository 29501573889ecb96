"""People stage: more ways reporters write posts, organisations and names.

Each test holds the Vietnamese sentence it reads (written for this file) and the records it must
give, following the conventions of ``docs/ANNOTATION.md`` ("Annotation conventions":
posts without their organisation, Party posts in a shared list keep their committee, role-only
mentions and nicknames are not persons, generic collectives are not organisations).
"""

from __future__ import annotations

import pytest

from antq_kg.gazetteer import Gazetteer
from antq_kg.mentions import extract
from antq_kg.model import Facts, Person
from antq_kg.text import Span, document_from_text


def read(text: str, gazetteer: Gazetteer | None = None) -> Facts:
    return extract(document_from_text(text), gazetteer=gazetteer)


def person(facts: Facts, name: str) -> Person:
    found = [p for p in facts.persons if p.name == name]
    assert found, f"no person {name!r} in {[p.name for p in facts.persons]}"
    assert len(found) == 1
    return found[0]


def names(facts: Facts) -> list[str]:
    return [p.name for p in facts.persons]


def orgs(facts: Facts) -> list[str]:
    return [o.name for o in facts.organizations]


def slices(text: str, spans: tuple[Span, ...]) -> list[str]:
    return [text[s.begin : s.end] for s in spans]


# -- posts in parentheses, separators -----------------------------------------------------------


def test_post_in_parentheses_after_rank_and_name() -> None:
    text = "Báo cáo tại hội nghị, Thiếu tá Hà Văn Tuấn (Phó Trưởng Công an thị xã Sa Pa) cho biết.\n"
    p = person(read(text), "Hà Văn Tuấn")
    assert (p.rank, p.posts, p.organization) == ("Thiếu tá", ("Phó Trưởng",), "Công an thị xã Sa Pa")
    assert slices(text, p.post_spans) == ["Phó Trưởng"]


def test_post_in_parentheses_after_an_honorific_and_name() -> None:
    text = "Trung tá Lò Văn Sơn (Trưởng Công an xã Chiềng Mai) và ông Cầm Văn Đôi cùng dự.\n"
    p = person(read(text), "Lò Văn Sơn")
    assert (p.posts, p.organization) == (("Trưởng",), "Công an xã Chiềng Mai")
    assert person(read(text), "Cầm Văn Đôi").posts == ()


def test_village_role_in_parentheses_keeps_the_whole_title_and_no_organisation() -> None:
    text = "Ông Đặng Văn Minh (Tổ trưởng tổ dân phố số 5, phường Quyết Thắng) cho biết tổ có 120 hộ.\n"
    p = person(read(text), "Đặng Văn Minh")
    assert (p.honorific, p.posts, p.organization) == ("ông", ("Tổ trưởng",), None)


def test_a_longer_post_in_parentheses_wins_over_an_organisation_head() -> None:
    # "Chi hội trưởng" is a post even though "Chi hội" alone heads an organisation
    text = "Tại buổi lễ, bà Lò Thị Hoa (Chi hội trưởng Chi hội Phụ nữ bản Nà Sản) phát biểu.\n"
    assert person(read(text), "Lò Thị Hoa").posts == ("Chi hội trưởng",)


def test_post_in_parentheses_after_the_age_or_birth_year() -> None:
    text = (
        "Ông Sùng A Páo (61 tuổi, Trưởng bản Lao Chải) cho biết bản có 80 hộ. Chị Vàng Thị Mỷ "
        "(SN 1996, chiến sĩ Công an xã Y Tý) phụ trách nhóm Zalo của bản.\n"
    )
    facts = read(text)
    p = person(facts, "Sùng A Páo")
    assert (p.posts, p.organization, dict(p.extra)["age"]) == (("Trưởng bản",), None, "61")
    q = person(facts, "Vàng Thị Mỷ")
    assert (q.posts, q.organization) == ((), "Công an xã Y Tý")


@pytest.mark.parametrize("dash", [" – ", " - ", " — "])
def test_a_dash_between_the_post_and_the_rank(dash: str) -> None:
    text = f"Phát biểu tại buổi lễ, Trưởng Công an xã Mường Bon{dash}Đại úy Lò Văn Hùng cho biết.\n"
    p = person(read(text), "Lò Văn Hùng")
    assert (p.rank, p.posts, p.organization) == ("Đại úy", ("Trưởng",), "Công an xã Mường Bon")


def test_a_post_already_read_after_one_name_is_not_the_next_persons() -> None:
    text = "Trung tá Phạm Văn Khoa, Trưởng Công an xã Tà Xùa - Thiếu tá Lê Văn Tâm trao quà cho bà con.\n"
    facts = read(text)
    assert person(facts, "Phạm Văn Khoa").posts == ("Trưởng",)
    assert (person(facts, "Lê Văn Tâm").posts, person(facts, "Lê Văn Tâm").organization) == ((), None)


# -- unit names written with a dash ---------------------------------------------------------------


def test_a_province_whose_name_has_a_dash() -> None:
    text = (
        "Ngày 3/5, Công an tỉnh Bà Rịa - Vũng Tàu tổ chức hội nghị. Đại tá Nguyễn Văn Hùng, Phó Giám đốc "
        "Công an tỉnh Bà Rịa-Vũng Tàu cho biết.\n"
    )
    facts = read(text)
    assert person(facts, "Nguyễn Văn Hùng").organization == "Công an tỉnh Bà Rịa - Vũng Tàu"
    assert orgs(facts) == ["Công an tỉnh Bà Rịa - Vũng Tàu"]


def test_a_post_2025_ward_whose_name_has_a_dash(gazetteer: Gazetteer) -> None:
    text = (
        "Ngày 1/8/2025, Trung tá Phạm Văn Khoa, Trưởng Công an phường Cam Ly - Đà Lạt - Thiếu tá Lê Văn "
        "Tâm trao quà.\n"
    )
    facts = read(text, gazetteer)
    assert person(facts, "Phạm Văn Khoa").organization == "Công an phường Cam Ly - Đà Lạt"
    assert person(facts, "Lê Văn Tâm").rank == "Thiếu tá"


# -- Party posts ---------------------------------------------------------------------------------


def test_party_secretary_of_a_communes_party_committee() -> None:
    text = "Ông Y Blô Niê, Phó Bí thư Đảng ủy phường Tân Lợi cho biết cả phường có 30 tổ tự quản.\n"
    facts = read(text)
    p = person(facts, "Y Blô Niê")
    assert (p.posts, p.organization) == (("Phó Bí thư",), "Đảng ủy phường Tân Lợi")
    assert slices(text, p.post_spans) == ["Phó Bí thư"]
    assert "Đảng ủy phường Tân Lợi" in orgs(facts)


def test_party_secretary_of_a_district_committee_named_by_its_word() -> None:
    text = "Ông Bế Văn Lâm, Bí thư Huyện ủy Trùng Khánh dự và phát biểu.\n"
    p = person(read(text), "Bế Văn Lâm")
    assert (p.posts, p.organization) == (("Bí thư",), "Huyện ủy Trùng Khánh")


def test_three_posts_the_party_ones_keep_their_committee() -> None:
    text = (
        "Đại tá Hồ Văn Lực, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Đảng ủy, Giám đốc Công an tỉnh "
        "Nghệ An phát biểu.\n"
    )
    p = person(read(text), "Hồ Văn Lực")
    assert p.posts == ("Ủy viên Ban Thường vụ Tỉnh ủy", "Bí thư Đảng ủy", "Giám đốc")
    assert p.organization == "Công an tỉnh Nghệ An"


def test_central_committee_membership_then_the_ministry_post() -> None:
    text = "Dự hội nghị có Thượng tướng Lê Quốc Hùng, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an.\n"
    p = person(read(text), "Lê Quốc Hùng")
    assert (p.posts, p.organization) == (("Ủy viên Trung ương Đảng", "Thứ trưởng"), "Bộ Công an")


def test_standing_deputy_secretary() -> None:
    text = "Đồng chí Vi Văn Khanh, Phó Bí thư Thường trực Tỉnh ủy Lạng Sơn dự và phát biểu.\n"
    p = person(read(text), "Vi Văn Khanh")
    assert (p.posts, p.organization) == (("Phó Bí thư Thường trực",), "Tỉnh ủy Lạng Sơn")


def test_a_bare_party_committee_in_a_post_list_is_the_unit_the_list_names_later() -> None:
    text = "Chủ trì hội nghị có đồng chí Phạm Văn Hồng, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Yên Châu.\n"
    facts = read(text)
    p = person(facts, "Phạm Văn Hồng")
    assert (p.posts, p.organization) == (("Phó Bí thư Huyện ủy", "Chủ tịch"), "UBND huyện Yên Châu")
    assert orgs(facts) == ["Huyện ủy Yên Châu", "UBND huyện Yên Châu"]


# -- sub-units and their parents -----------------------------------------------------------------


def test_ministry_department_with_its_parent_after_a_comma() -> None:
    text = (
        "Ngày 12/3, Công an tỉnh Yên Bái tổ chức hội nghị. Thiếu tướng Đào Văn Khang, Cục trưởng "
        "Cục Cảnh sát hình sự, Bộ Công an chủ trì.\n"
    )
    facts = read(text)
    p = person(facts, "Đào Văn Khang")
    assert (p.posts, p.organization) == (("Cục trưởng",), "Cục Cảnh sát hình sự Bộ Công an")
    assert orgs(facts) == ["Công an tỉnh Yên Bái", "Cục Cảnh sát hình sự Bộ Công an", "Bộ Công an"]


def test_ministry_department_without_its_parent_is_never_the_provincial_polices() -> None:
    text = (
        "Công an tỉnh Yên Bái tổ chức hội nghị. Dự có Thiếu tướng Mai Văn Hòa - Phó Cục trưởng Cục An "
        "ninh nội địa.\n"
    )
    p = person(read(text), "Mai Văn Hòa")
    assert (p.posts, p.organization) == (("Phó Cục trưởng",), "Cục An ninh nội địa Bộ Công an")


@pytest.mark.parametrize("post", ["Đồn trưởng Đồn Biên phòng", "Trưởng đồn Biên phòng"])
def test_a_border_post_belongs_to_the_border_guard_not_the_police(post: str) -> None:
    text = f"Công an tỉnh Gia Lai tổ chức hội nghị. Thiếu tá Rơ Mah Hlin, {post} Ia Púch cho biết.\n"
    p = person(read(text), "Rơ Mah Hlin")
    assert p.organization == "Đồn Biên phòng Ia Púch"


@pytest.mark.parametrize("movement", ["an ninh Tổ quốc", "an ninh tổ quốc"])
def test_a_department_named_after_the_movement_keeps_to_quoc(movement: str) -> None:
    text = (
        f"Thượng tá Lê Quang Vinh, Trưởng phòng Xây dựng phong trào bảo vệ {movement} Công an tỉnh "
        "Quảng Nam cho biết.\n"
    )
    p = person(read(text), "Lê Quang Vinh")
    assert p.organization == f"Phòng Xây dựng phong trào bảo vệ {movement} Công an tỉnh Quảng Nam"


def test_a_department_whose_name_starts_with_a_verb_like_word() -> None:
    text = "Theo Đại tá Trần Văn Tuấn, Giám đốc Công an tỉnh Hòa Bình, Phòng Tham mưu đã tham mưu tốt.\n"
    assert "Phòng Tham mưu Công an tỉnh Hòa Bình" in orgs(read(text))


def test_border_guard_command_is_an_organisation_the_bare_force_is_not() -> None:
    text = (
        "Ngày 2/4, Công an tỉnh Hà Giang và Bộ Chỉ huy Bộ đội Biên phòng tỉnh ký kết quy chế phối hợp. "
        "Công an các xã biên giới phối hợp chặt chẽ với Bộ đội Biên phòng.\n"
    )
    assert orgs(read(text)) == ["Công an tỉnh Hà Giang", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hà Giang"]


# -- a person's name after a bare level ----------------------------------------------------------


def test_person_after_a_bare_province_level() -> None:
    text = "Ngày 3/1, Công an tỉnh Bắc Kạn tổ chức hội nghị, có Phó Chủ tịch UBND tỉnh Hà Văn Sướng dự.\n"
    facts = read(text)
    p = person(facts, "Hà Văn Sướng")
    assert (p.posts, p.organization) == (("Phó Chủ tịch",), "UBND tỉnh Bắc Kạn")
    assert orgs(facts) == ["Công an tỉnh Bắc Kạn", "UBND tỉnh Bắc Kạn"]


def test_person_after_a_bare_commune_level_the_gazetteer_decides(gazetteer: Gazetteer) -> None:
    text = "Tại xã Ia Dom, Chủ tịch UBND xã Rơ Châm Thuyên cho biết người dân đã giao nộp 4 khẩu súng.\n"
    p = person(read(text, gazetteer), "Rơ Châm Thuyên")
    assert (p.posts, p.organization) == (("Chủ tịch",), "UBND xã Ia Dom")


def test_a_unit_named_after_a_person_stays_a_unit(gazetteer: Gazetteer) -> None:
    text = (
        "Thượng tá Sùng Seo Dìn, Phó Trưởng Công an huyện Hoàng Su Phì cho biết, Công an huyện đã "
        "xây dựng 20 tổ tự quản.\n"
    )
    facts = read(text, gazetteer)
    assert names(facts) == ["Sùng Seo Dìn"]
    assert person(facts, "Sùng Seo Dìn").organization == "Công an huyện Hoàng Su Phì"
    assert orgs(facts) == ["Công an huyện Hoàng Su Phì"]


# -- nicknames, prefixed names, village elders, clergy -------------------------------------------


@pytest.mark.parametrize(
    ("alias", "nickname"),
    [
        ("tự Tí Đen", "Tí Đen"),
        ("còn gọi là Pó Lùn", "Pó Lùn"),
        ("biệt danh “Tý Sẹo”", "Tý Sẹo"),
        ('thường gọi là "Hùng Xăm"', "Hùng Xăm"),
    ],
)
def test_a_nickname_after_an_alias_word_is_not_a_person(alias: str, nickname: str) -> None:
    text = f"Công an xã bắt quả tang Lò Văn Pó ({alias}, SN 1985, trú bản Hua Pầu) đang bán ma túy.\n"
    facts = read(text)
    assert names(facts) == ["Lò Văn Pó"]
    p = person(facts, "Lò Văn Pó")
    extra = dict(p.extra)
    assert (extra["nickname"], extra["birth_year"]) == (nickname, "1985")


def test_a_nickname_between_commas_is_not_a_person() -> None:
    text = "Công an huyện bắt giữ Hà Văn Sình, tự Sình Lùn, SN 1991, trú bản Pá Khoang, đang vận chuyển ma túy.\n"
    facts = read(text)
    assert names(facts) == ["Hà Văn Sình"]
    extra = dict(person(facts, "Hà Văn Sình").extra)
    assert (extra["nickname"], extra["birth_year"], extra["role"]) == ("Sình Lùn", "1991", "đối tượng")


def test_a_nickname_alone_in_parentheses() -> None:
    text = "Ông Trần Văn Sáu (Sáu Ghe), 60 tuổi, chủ tàu cá, chia sẻ.\n"
    facts = read(text)
    assert names(facts) == ["Trần Văn Sáu"]
    assert dict(person(facts, "Trần Văn Sáu").extra)["nickname"] == "Sáu Ghe"


def test_a_name_with_an_ethnic_prefix_is_a_full_name_and_a_village_elder_post() -> None:
    text = "Ông K'Bré (65 tuổi), già làng thôn Bon Rơm, kể lại. Theo ông K'Bré, thôn không còn trộm cắp.\n"
    facts = read(text)
    p = person(facts, "K'Bré")
    assert (p.honorific, p.posts, p.organization) == ("ông", ("già làng",), None)
    assert slices(text, p.spans) == ["K'Bré", "K'Bré"]
    assert dict(p.extra)["age"] == "65"


def test_a_given_name_first_name_is_referred_to_by_its_first_part() -> None:
    text = "Chị H'Lim Mlô (28 tuổi) cho biết. Theo chị H'Lim, từ khi có mô hình, buôn không còn trộm cắp.\n"
    facts = read(text)
    assert names(facts) == ["H'Lim Mlô"]
    assert slices(text, person(facts, "H'Lim Mlô").spans) == ["H'Lim Mlô", "H'Lim"]


@pytest.mark.parametrize("written", ["Chi hội Phụ nữ bản", "Chi hội Phụ nữ bản Nà Pát"])
def test_a_village_association_is_named_once_with_its_village(written: str) -> None:
    text = f"Tham dự có ông Lò Văn Mừng - Trưởng bản Nà Pát và bà Cà Thị Én - Chi hội trưởng {written}.\n"
    facts = read(text)
    assert person(facts, "Lò Văn Mừng").posts == ("Trưởng bản",)
    assert person(facts, "Cà Thị Én").posts == ("Chi hội trưởng",)
    assert orgs(facts) == ["Chi hội Phụ nữ bản Nà Pát"]


@pytest.mark.parametrize("honorific", ["Em", "Cháu"])
def test_children_are_named_after_em_or_chau(honorific: str) -> None:
    text = f"{honorific} Lò Thị Bích (14 tuổi), học sinh lớp 8, kể lại.\n"
    facts = read(text)
    assert names(facts) == ["Lò Thị Bích"]
    assert person(facts, "Lò Thị Bích").honorific == honorific.lower()


def test_parish_priest_post_and_parish_organisation() -> None:
    text = (
        "Linh mục Phạm Văn Khải, Chánh xứ giáo xứ Thanh Hóa Nội chia sẻ. Theo Linh mục Khải, giáo xứ "
        "có 2 tổ tuần tra.\n"
    )
    facts = read(text)
    p = person(facts, "Phạm Văn Khải")
    assert (p.honorific, p.rank, p.posts, p.organization) == (
        "Linh mục",
        None,
        ("Chánh xứ",),
        "giáo xứ Thanh Hóa Nội",
    )
    assert orgs(facts) == ["giáo xứ Thanh Hóa Nội"]

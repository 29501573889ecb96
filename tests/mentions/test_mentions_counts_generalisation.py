"""The counts stage on the many ways reporters write the same thing (text the rules
were not written against; conventions of ``docs/ANNOTATION.md`` "Counts").

Each test holds its own Vietnamese sentences, written for the test, with the counts they must give
and the exact phrase each span covers. They run through the whole extractor, as an article would.
"""

from __future__ import annotations

import pytest

from counts_support import counts_of, phrases, read

# -- classifiers and where a count may start ----------------------------------------------------


def test_a_classifier_stays_at_the_head_of_the_unit() -> None:
    text = (
        "Đoàn công tác trao 40 chiếc áo ấm, 15 bộ bàn ghế, 6 khẩu súng tự chế và 12 quả lựu đạn đã thu hồi."
    )
    assert read(text) == [
        (40, "chiếc áo ấm", "exact"),
        (15, "bộ bàn ghế", "exact"),
        (6, "khẩu súng tự chế", "exact"),
        (12, "quả lựu đạn", "exact"),
    ]


def test_a_count_right_after_a_named_place_is_not_part_of_the_name() -> None:
    text = (
        "Nhân dịp này, Công an tỉnh trao tặng thôn Nà Hẩu 25 chiếc đèn năng lượng mặt trời và 3 bộ loa kéo."
    )
    assert read(text) == [(25, "chiếc đèn năng lượng mặt trời", "exact"), (3, "bộ loa kéo", "exact")]
    assert phrases(text)[0] == ["25 chiếc đèn năng lượng mặt trời"]


def test_a_number_inside_a_place_name_is_still_no_count() -> None:
    text = "Mô hình được nhân rộng ở xã Đam Rông 1 và khu phố Hòa Lân 2 với 30 hộ tham gia."
    assert read(text) == [(30, "hộ", "exact")]


def test_after_a_plural_determiner_a_team_word_is_generic_and_the_number_a_count() -> None:
    text = "Huyện đã tặng các tổ 20 bộ áo phao; hỗ trợ những thôn 8 bình chữa cháy. Ở tổ 5 có 40 hộ."
    assert read(text) == [(20, "bộ áo phao", "exact"), (8, "bình chữa cháy", "exact"), (40, "hộ", "exact")]


def test_numbers_naming_several_teams_are_not_counts() -> None:
    assert read("Công an xã khen thưởng các tổ 4 và 5 vì hoạt động tốt.") == []


# -- lists of names inside a unit ------------------------------------------------------------------


def test_names_with_apostrophes_stay_in_a_list_of_names() -> None:
    text = "Ngày hội thu hút hơn 900 đồng bào Cơ Ho, M’Nông, Ê Đê tham dự."
    assert read(text) == [(900, "đồng bào Cơ Ho, M’Nông, Ê Đê", "at_least")]


def test_a_list_of_names_closed_by_the_others_stays_one_unit() -> None:
    text = "Xã có gần 700 hộ đồng bào H'Mông, Dao và các dân tộc khác, sống rải rác ở 12 thôn."
    assert read(text) == [
        (700, "hộ đồng bào H'Mông, Dao và các dân tộc khác", "at_most"),
        (12, "thôn", "exact"),
    ]


def test_the_others_after_a_common_noun_is_another_quantity() -> None:
    text = "Tổ công tác thu giữ 9 xe máy và các tang vật khác."
    assert read(text) == [(9, "xe máy", "exact")]


def test_a_short_noun_listed_after_a_comma_stays_in_the_unit() -> None:
    text = "Phường có 310 hộ, trong đó 52 hộ kinh doanh nhà trọ, karaoke, mỗi năm đón hàng nghìn lượt khách."
    assert read(text) == [
        (310, "hộ", "exact"),
        (52, "hộ kinh doanh nhà trọ, karaoke", "exact"),
        (None, "lượt khách", "thousands"),
    ]
    assert read("Tổ công tác thu giữ 7 xe máy, ô tô.") == [(7, "xe máy, ô tô", "exact")]


def test_a_clause_after_a_comma_ends_the_unit() -> None:
    text = "Công an xã phát hiện 12 vụ, xử lý. Tiếp nhận 9 tin báo, điều tra 4 vụ, tăng 2 vụ."
    assert [unit for _, unit, _ in read(text)] == ["vụ", "tin báo", "vụ"]


# -- headlines -----------------------------------------------------------------------------------


def test_a_headline_repeat_with_an_abbreviation_is_one_count_cut_where_the_body_unit_ends() -> None:
    text = (
        "Thái Nguyên: Gần 2.000 tổ bảo vệ ANTT ở cơ sở chung sức giữ yên xóm làng\n\n"
        "Toàn tỉnh hiện có gần 2.000 tổ bảo vệ an ninh, trật tự ở cơ sở với 6.100 thành viên.\n"
    )
    first, second = counts_of(text)
    assert (first.value, first.unit, first.qualifier) == (
        2000,
        "tổ bảo vệ an ninh, trật tự ở cơ sở",
        "at_most",
    )
    assert [text[s.begin : s.end] for s in first.spans] == [
        "Gần 2.000 tổ bảo vệ ANTT ở cơ sở",
        "gần 2.000 tổ bảo vệ an ninh, trật tự ở cơ sở",
    ]
    assert (second.value, second.within) == (6100, "tổ bảo vệ an ninh, trật tự ở cơ sở")


def test_a_headline_repeat_worded_differently_after_the_head_is_cut_where_they_part() -> None:
    text = (
        "Hơn 300 tổ tự quản vùng biên đồng lòng giữ đất\n\n"
        "Đến nay, huyện có hơn 300 tổ tự quản về an ninh, trật tự ở các xã biên giới.\n"
    )
    [c] = counts_of(text)
    assert [text[s.begin : s.end] for s in c.spans] == [
        "Hơn 300 tổ tự quản",
        "hơn 300 tổ tự quản về an ninh, trật tự",
    ]


def test_a_headline_unit_stops_at_a_verb() -> None:
    text = "Gần 600 hộ dân vùng biên góp sức giữ bình yên bản làng\n\nBài viết không nhắc lại con số.\n"
    assert read(text) == [(600, "hộ dân vùng biên", "at_most")]


def test_a_complete_unit_name_written_with_its_abbreviation_ends_the_unit() -> None:
    text = "Hòa Bình: 46 tổ bảo vệ ANTT ở cơ sở nêu cao tinh thần trách nhiệm\n\nNội dung.\n"
    assert read(text) == [(46, "tổ bảo vệ ANTT ở cơ sở", "exact")]


# -- periods -------------------------------------------------------------------------------------


def test_a_period_belongs_to_the_first_count_after_it_and_the_counts_listed_with_it() -> None:
    text = (
        "Năm qua, Công an xã đã tiếp nhận 41 tin báo, 3 đơn thư, vận động người dân giao nộp "
        "3 khẩu súng tự chế. Trong tháng 6, Công an huyện phát hiện 4 vụ/5 đối tượng, thu giữ 3 bánh heroin."
    )
    assert [(c.value, c.period) for c in counts_of(text)] == [
        (41, "Năm qua"),
        (3, "Năm qua"),
        (3, None),
        (4, "tháng 6"),
        (5, "tháng 6"),
        (3, None),
    ]


def test_a_nested_count_does_not_take_the_period_of_the_count_it_sits_in() -> None:
    text = "Từ đầu năm, người dân cung cấp hơn 90 nguồn tin, trong đó 12 tin giúp phá án."
    assert [(c.value, c.period, c.within) for c in counts_of(text)] == [
        (90, "Từ đầu năm", None),
        (12, None, "nguồn tin"),
    ]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Từ ngày 1/7 đến nay, Công an xã tiếp nhận 28 nguồn tin.", "Từ ngày 1/7 đến nay"),
        ("Từ 15/3/2025 đến nay, Công an xã tiếp nhận 28 nguồn tin.", "Từ 15/3/2025 đến nay"),
        ("Từ tháng 4/2024 đến nay, Công an xã tiếp nhận 28 nguồn tin.", "Từ tháng 4/2024 đến nay"),
        ("Trong 6 tháng qua, Công an xã tiếp nhận 28 nguồn tin.", "6 tháng qua"),
    ],
)
def test_periods_running_from_a_date_to_now(text: str, period: str) -> None:
    [c] = counts_of(text)
    assert (c.value, c.period) == (28, period)


# -- criteria and scopes --------------------------------------------------------------------------


def test_a_criterion_pointing_back_is_the_earlier_criterion_it_names() -> None:
    text = (
        "Qua bình xét, 1.512/1.600 khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự”; "
        "98/105 xã, phường đạt tiêu chuẩn này."
    )
    assert [(c.value, c.criterion) for c in counts_of(text)] == [
        (1512, "đạt tiêu chuẩn “An toàn về an ninh, trật tự”"),
        (98, "đạt tiêu chuẩn “An toàn về an ninh, trật tự”"),
    ]


def test_a_criterion_pointing_back_to_nothing_it_names_stays_as_written() -> None:
    text = "Có 40 khu dân cư được công nhận đạt chuẩn; 6 khu dân cư chưa đạt chuẩn nêu trên."
    assert [c.criterion for c in counts_of(text)] == ["được công nhận đạt chuẩn", "chưa đạt chuẩn nêu trên"]


def test_a_verb_whose_object_is_the_next_count_is_no_criterion() -> None:
    text = "Toàn huyện có 14/16 xã, thị trấn xây dựng được hàng chục mô hình tự quản."
    assert [(c.value, c.criterion) for c in counts_of(text)] == [(14, None), (None, None)]


def test_a_passive_criterion_before_the_khu_dan_cu_count() -> None:
    text = "Ngày hội toàn dân bảo vệ ANTQ năm 2025 được tổ chức tại 2.310/2.400 khu dân cư, đạt 96%."
    [c] = counts_of(text)
    assert (c.value, c.of, c.criterion) == (2310, 2400, "tổ chức Ngày hội toàn dân bảo vệ ANTQ")


def test_a_passive_before_other_units_gives_no_criterion() -> None:
    text = "Mô hình “Camera an ninh” đã được triển khai tại 12/12 xã, thị trấn với 800 camera."
    first, *_ = counts_of(text)
    assert (first.value, first.criterion) == (12, None)


def test_a_clause_opening_with_rieng_and_a_scope_scopes_its_count() -> None:
    text = (
        "Toàn tỉnh có 980 tổ tự quản với 4.100 thành viên, riêng khu vực biên giới có 160 tổ; "
        "ở cấp xã có 75 ban hòa giải. Địa bàn huyện có 3 xã giáp biên."
    )
    assert [(c.value, c.scope) for c in counts_of(text)] == [
        (980, None),
        (4100, None),
        (160, "khu vực biên giới"),
        (75, "cấp xã"),
        (3, None),
    ]


def test_a_named_group_that_has_the_count_holds_it() -> None:
    text = (
        "Đội thanh niên xung kích của thôn có 22 đội viên; Câu lạc bộ có 45 hội viên. "
        "Mô hình có 12 thành viên."
    )
    assert [(c.value, c.within) for c in counts_of(text)] == [
        (22, "Đội thanh niên xung kích"),
        (45, None),
        (12, None),
    ]


# -- ranges and headline verbs -------------------------------------------------------------------


def test_a_range_is_no_count() -> None:
    text = "Mỗi tổ có từ 3 đến 5 người; buổi tuyên truyền thu hút 300 - 500 lượt người; có 2–4 hộ vắng."
    assert read(text) == []


def test_two_counts_joined_by_a_dash_stay_two_counts() -> None:
    assert read("Triệt phá 12 vụ - 15 đối tượng.") == [(12, "vụ", "exact"), (15, "đối tượng", "exact")]


def test_headline_verbs_of_the_genre_end_the_unit() -> None:
    text = "Hơn 1.000 hộ dân vùng biên chung sức giữ bình yên\n\nBài viết.\n"
    assert read(text) == [(1000, "hộ dân vùng biên", "at_least")]


def test_a_scope_opening_with_rieng_covers_the_counts_of_its_sentence() -> None:
    text = "Riêng ở cấp xã, có 87 ban bảo vệ dân phố, 64 tổ bảo vệ dân phố."
    assert [(c.value, c.scope) for c in counts_of(text)] == [(87, "cấp xã"), (64, "cấp xã")]


def test_of_all_kinds_and_conditional_business_stay_in_the_unit() -> None:
    text = "Thu hồi 45 viên đạn các loại; kiểm tra 30 cơ sở kinh doanh có điều kiện về ANTT, phát hiện 4 cơ sở vi phạm."
    assert read(text) == [
        (45, "viên đạn các loại", "exact"),
        (30, "cơ sở kinh doanh có điều kiện về ANTT", "exact"),
        (4, "cơ sở vi phạm", "exact"),
    ]


def test_an_age_limit_qualifies_the_people_counted() -> None:
    text = "Ngăn chặn 9 trường hợp xuất cảnh trái phép, trong đó có 4 em dưới 16 tuổi; 25 người trên 60 tuổi tham gia."
    assert read(text) == [
        (9, "trường hợp xuất cảnh trái phép", "exact"),
        (4, "em dưới 16 tuổi", "exact"),
        (25, "người trên 60 tuổi", "exact"),
    ]


def test_a_headline_that_rounds_with_hon_merges_with_the_exact_body_figure() -> None:
    text = (
        "Hơn 1.800 tổ tự quản giữ yên bình thôn xóm\n\nToàn tỉnh có 1.800 tổ tự quản với 9.000 thành viên.\n"
    )
    first, second = counts_of(text)
    assert (first.value, first.qualifier, len(first.spans)) == (1800, "exact", 2)
    assert second.within == "tổ tự quản"


def test_a_criterion_stops_where_what_is_to_be_done_begins() -> None:
    text = "Còn 6 khu dân cư phức tạp về an ninh, trật tự cần tập trung chuyển hóa; 3 khu dân cư chưa đạt chuẩn phải khắc phục."
    assert [c.criterion for c in counts_of(text)] == ["phức tạp về an ninh, trật tự", "chưa đạt chuẩn"]


def test_a_level_later_in_the_clause_is_the_scope_also_after_a_criterion() -> None:
    text = (
        "Năm nay 96/96 xã, phường trong tỉnh tổ chức ngày hội ở cấp xã. "
        "Có 45 khu dân cư tổ chức diễn tập ở cấp khu dân cư, 3 tổ tuần tra ở các xóm."
    )
    assert [(c.value, c.scope, c.criterion) for c in counts_of(text)] == [
        (96, "cấp xã", None),
        (45, "cấp khu dân cư", "tổ chức diễn tập"),
        (3, "các xóm", None),
    ]

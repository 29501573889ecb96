"""The counts stage, one pattern at a time (``docs/ANNOTATION.md`` "Counts").

Each test holds the Vietnamese sentence it reads and the counts it must give, with the exact
phrase each span covers. The sentences run through the whole extractor, as an article would, so
place and campaign names claimed by the earlier stages are honoured.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from antq_kg.mentions import extract
from antq_kg.model import facts_to_json
from antq_kg.text import document_from_text, read_document
from counts_support import counts_of, phrases, read

# -- numbers --------------------------------------------------------------------------------------


def test_a_dot_groups_thousands() -> None:
    text = "Nhờ đó, quần chúng đã cung cấp 6.518 nguồn tin có giá trị giúp lực lượng Công an."
    assert read(text) == [(6518, "nguồn tin có giá trị", "exact")]
    assert phrases(text) == [["6.518 nguồn tin có giá trị"]]


def test_a_comma_is_the_decimal_mark_and_nghin_multiplies() -> None:
    text = "Toàn tỉnh hiện có hơn 2,5 nghìn tổ bảo vệ an ninh, trật tự ở cơ sở với gần 9.800 thành viên."
    assert read(text) == [
        (2500, "tổ bảo vệ an ninh, trật tự ở cơ sở", "at_least"),
        (9800, "thành viên", "at_most"),
    ]
    assert phrases(text) == [["hơn 2,5 nghìn tổ bảo vệ an ninh, trật tự ở cơ sở"], ["gần 9.800 thành viên"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dự ngày hội có trên 1 nghìn người dân trong xã.", (1000, "người dân", "at_least")),
        ("Song trên 1.000 cán bộ Công an xã đều yên tâm công tác.", (1000, "cán bộ Công an xã", "at_least")),
        ("Đến dự có hơn 600 đại biểu và người dân trong xã.", (600, "đại biểu và người dân", "at_least")),
        (
            "Tập huấn cho gần 2.700 lượt thành viên về kiến thức pháp luật.",
            (2700, "lượt thành viên", "at_most"),
        ),
        ("Có dưới 50 hộ chưa ký cam kết.", (50, "hộ", "at_most")),
        ("Tổ chức tuyên truyền với khoảng 96.000 lượt người dự.", (96000, "lượt người dự", "approximately")),
        ("Ước có chừng 300 người tham gia.", (300, "người", "approximately")),
    ],
)
def test_a_cue_word_before_the_number_gives_the_qualifier(text: str, expected: tuple[int, str, str]) -> None:
    assert read(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Giúp phát hiện, xử lý hàng chục vụ việc vi phạm pháp luật.",
            (None, "vụ việc vi phạm pháp luật", "tens"),
        ),
        (
            "Thu hồi hàng trăm vũ khí, vật liệu nổ, công cụ hỗ trợ.",
            (None, "vũ khí, vật liệu nổ, công cụ hỗ trợ", "hundreds"),
        ),
        ("Hàng nghìn hộ gia đình ký cam kết không vi phạm pháp luật.", (None, "hộ gia đình", "thousands")),
        ("Công an xã đã phát hàng ngàn tờ rơi song ngữ.", (None, "tờ rơi song ngữ", "thousands")),
    ],
)
def test_hang_chuc_tram_nghin_is_a_magnitude_without_a_value(
    text: str, expected: tuple[None, str, str]
) -> None:
    assert read(text) == [expected]


def test_a_vague_count_spans_from_hang() -> None:
    text = "Lực lượng Công an phát hiện và khám phá hàng trăm vụ việc."
    assert phrases(text) == [["hàng trăm vụ việc"]]


def test_leading_zeros_of_police_reports_are_read() -> None:
    assert read("Bắt giữ 02 đối tượng, thu giữ 01 xe mô tô.") == [
        (2, "đối tượng", "exact"),
        (1, "xe mô tô", "exact"),
    ]


# -- fractions, pairs, nesting, lists -------------------------------------------------------------


def test_a_fraction_is_one_count_of_the_whole() -> None:
    text = "Công an các đơn vị đã tiếp nhận, giải quyết 219/236 tin báo, tố giác về tội phạm do người dân chuyển đến."
    [c] = counts_of(text)
    assert (c.value, c.of, c.unit) == (219, 236, "tin báo, tố giác về tội phạm")
    assert phrases(text) == [["219/236 tin báo, tố giác về tội phạm"]]


def test_a_slash_pair_is_two_counts() -> None:
    text = "Phát hiện, bắt giữ 187 vụ/302 đối tượng phạm tội và vi phạm pháp luật."
    assert read(text) == [(187, "vụ", "exact"), (302, "đối tượng phạm tội và vi phạm pháp luật", "exact")]
    assert phrases(text) == [["187 vụ"], ["302 đối tượng phạm tội và vi phạm pháp luật"]]


def test_a_count_after_voi_is_nested_in_the_one_before() -> None:
    text = "Toàn huyện có 1.034 tổ liên gia tự quản với 12.876 hộ gia đình tham gia."
    outer, inner = counts_of(text)
    assert (outer.value, outer.unit, outer.within) == (1034, "tổ liên gia tự quản", None)
    assert (inner.value, inner.unit, inner.within) == (12876, "hộ gia đình", "tổ liên gia tự quản")


def test_a_count_after_trong_do_is_nested_in_the_one_before() -> None:
    text = (
        "Người dân đã cung cấp hơn 120 nguồn tin về tội phạm ma túy, trong đó 17 tin trực tiếp giúp phá án."
    )
    outer, inner = counts_of(text)
    assert (outer.value, outer.unit, outer.qualifier) == (120, "nguồn tin về tội phạm ma túy", "at_least")
    assert (inner.value, inner.unit, inner.within) == (17, "tin", "nguồn tin về tội phạm ma túy")


def test_counts_joined_by_va_are_not_nested() -> None:
    text = "Ấp duy trì mô hình Tổ tuần tra nhân dân với 6 tổ và 48 thành viên."
    assert [(c.value, c.unit, c.within) for c in counts_of(text)] == [
        (6, "tổ", None),
        (48, "thành viên", None),
    ]


def test_a_semicolon_list_gives_one_count_per_item_and_keeps_comma_units_whole() -> None:
    text = (
        "Duy trì hoạt động của 502 tổ an ninh nhân dân; 189 đội an ninh xung kích; "
        "224 câu lạc bộ phòng, chống tội phạm; 406 tổ bảo vệ thôn, xóm; 639 hòm thư tố giác tội phạm."
    )
    assert read(text) == [
        (502, "tổ an ninh nhân dân", "exact"),
        (189, "đội an ninh xung kích", "exact"),
        (224, "câu lạc bộ phòng, chống tội phạm", "exact"),
        (406, "tổ bảo vệ thôn, xóm", "exact"),
        (639, "hòm thư tố giác tội phạm", "exact"),
    ]


def test_a_comma_list_of_counts_stops_each_unit_at_the_comma() -> None:
    text = "UBND huyện tặng giấy khen cho 6 tập thể, 9 cá nhân có thành tích trong phát hiện tội phạm."
    assert read(text) == [(6, "tập thể", "exact"), (9, "cá nhân", "exact")]


def test_a_type_word_before_names_is_the_unit() -> None:
    text = "Công an huyện sẽ hướng dẫn 2 xã Thạch Kênh và Thạch Liên tổ chức ngày hội."
    assert read(text) == [(2, "xã", "exact")]
    assert phrases(text) == [["2 xã"]]


def test_a_list_of_type_words_is_one_unit() -> None:
    text = "Năm nay 102/102 xã, phường, đặc khu trong tỉnh tổ chức ngày hội."
    [c] = counts_of(text)
    assert (c.value, c.of, c.unit) == (102, 102, "xã, phường, đặc khu")


def test_names_after_a_common_noun_stay_in_the_unit() -> None:
    text = "Duy trì 14 tổ tự quản với 126 hộ đồng bào Vân Kiều, Pa Kô tham gia."
    assert read(text)[1] == (126, "hộ đồng bào Vân Kiều, Pa Kô", "exact")


# -- headline, scope, criterion, period -----------------------------------------------------------


def test_a_headline_count_repeated_in_the_body_is_one_count_with_two_spans() -> None:
    text = (
        "Quảng Trị: Quần chúng cung cấp 4.312 nguồn tin có giá trị cho lực lượng Công an\n\n"
        "Năm 2024, người dân đã cung cấp 4.312 nguồn tin có giá trị, giúp phát hiện 187 vụ.\n"
    )
    first, second = counts_of(text)
    assert (first.value, first.unit, first.period) == (4312, "nguồn tin có giá trị", "Năm 2024")
    assert [text[s.begin : s.end] for s in first.spans] == ["4.312 nguồn tin có giá trị"] * 2
    assert first.spans[0].begin < first.spans[1].begin
    assert second.value == 187


def test_a_headline_repeat_may_word_the_unit_shorter() -> None:
    text = (
        "Đắk Lắk: Hơn 2,5 nghìn tổ bảo vệ an ninh, trật tự “bám buôn, bám dân”\n\n"
        "Toàn tỉnh hiện có hơn 2,5 nghìn tổ bảo vệ an ninh, trật tự ở cơ sở.\n"
    )
    [c] = counts_of(text)
    assert c.unit == "tổ bảo vệ an ninh, trật tự ở cơ sở"
    assert len(c.spans) == 2


def test_the_same_figure_twice_in_the_body_stays_two_counts() -> None:
    text = "Tiêu đề\n\nXã có 2 bánh heroin. Huyện thu giữ 2 bánh heroin khác.\n"
    assert len(counts_of(text)) == 2


def test_o_after_the_unit_is_its_scope() -> None:
    text = "Duy trì 161 ban hoà giải ở cấp xã; 860 tổ hòa giải ở thôn, xóm; 61 cụm liên kết an toàn về ANTT ở các địa bàn giáp ranh..."
    assert [(c.value, c.unit, c.scope) for c in counts_of(text)] == [
        (161, "ban hoà giải", "cấp xã"),
        (860, "tổ hòa giải", "thôn, xóm"),
        (61, "cụm liên kết an toàn về ANTT", "các địa bàn giáp ranh"),
    ]


def test_a_named_place_after_o_is_not_a_scope() -> None:
    text = "Người dân đã cung cấp 12 tin báo ở xã Tân Lập."
    [c] = counts_of(text)
    assert c.scope is None


def test_a_sentence_opening_scope_covers_the_counts_after_it() -> None:
    text = "Ở cấp xã, 36 xã, thị trấn đã ban hành quy chế hoạt động của tổ liên gia."
    [c] = counts_of(text)
    assert (c.value, c.unit, c.scope) == (36, "xã, thị trấn", "cấp xã")


def test_khu_dan_cu_counts_differ_by_their_criterion() -> None:
    text = (
        "Toàn tỉnh có 897 khu dân cư có hương ước, quy ước, 112 khu dân cư được công nhận không có tội phạm; "
        '916 khu dân cư được Ủy ban MTQT tỉnh công nhận "Khu dân cư tiên tiến".'
    )
    assert [(c.value, c.unit, c.criterion) for c in counts_of(text)] == [
        (897, "khu dân cư", "có hương ước, quy ước"),
        (112, "khu dân cư", "được công nhận không có tội phạm"),
        (916, "khu dân cư", 'được Ủy ban MTQT tỉnh công nhận "Khu dân cư tiên tiến"'),
    ]
    assert phrases(text)[0] == ["897 khu dân cư"]


def test_a_criterion_keeps_a_quoted_title_with_commas_whole() -> None:
    text = "Qua bình xét, 2.964 khu dân cư được đề nghị công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”; tỷ lệ đạt 93%."
    [c] = counts_of(text)
    assert c.criterion == "được đề nghị công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Nhờ đó, 5 năm qua, quần chúng đã cung cấp 6.518 nguồn tin có giá trị.", "5 năm qua"),
        ("Từ đầu năm đến nay, nhân dân đã cung cấp 37 tin báo có giá trị.", "Từ đầu năm đến nay"),
        ("Trong tháng 6, Công an huyện đã triệt phá 4 vụ mua bán ma túy.", "tháng 6"),
        ("Theo đó, trong năm qua Công an xã đã tiếp nhận 23 tin báo của người dân.", "năm qua"),
    ],
)
def test_the_nearest_period_before_a_count_in_its_sentence_is_its_period(text: str, period: str) -> None:
    [c] = counts_of(text)
    assert c.period == period


def test_a_period_of_another_sentence_does_not_carry_over() -> None:
    text = "Năm 2024 là năm bản lề. Toàn tỉnh có 312 mô hình tự quản về ANTT."
    [c] = counts_of(text)
    assert (c.unit, c.period) == ("mô hình tự quản về ANTT", None)


# -- not counts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Điển hình, khoảng 21 giờ ngày 9/6, nhận tin báo của người dân.",  # clock time, date
        "Khoảng 9 giờ 30 phút ngày 3/4, bà nhận được cuộc gọi.",
        "Các tổ chia ca tuần tra từ 22 giờ đến 4 giờ sáng hôm sau.",
        "Sáng 14/8, tại sân vận động thôn Đông Tiến diễn ra ngày hội.",  # date
        "Ngày 26/12, Công an tỉnh tổ chức hội nghị.",
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8) năm 2025.",
        "Bà Võ Thị Lài (62 tuổi, trú thôn Trung Tiến) kể lại.",  # age
        "Đối tượng là Lò Văn Tính (SN 1989, trú tại xã Tân Lập).",  # birth year
        "Tỷ lệ hộ gia đình ký cam kết đạt 98%.",  # percentage
        "Huyện có gần 40% dân số là đồng bào Khmer.",
        "Tổ tỷ lệ đạt 96,5% kế hoạch.",
        "Yêu cầu nộp 320 triệu đồng vào tài khoản tạm giữ.",  # money
        "Giữ lại cho người dân hơn 2,1 tỷ đồng.",
        "Bản nằm cách trung tâm xã khoảng 1,5 km.",  # distance
        "Cách Hải Hậu hàng trăm cây số.",
        "Ông đã có hơn 20 năm làm già làng.",  # duration
        "Số tin báo tăng 1,5 lần so với năm trước.",  # multiple
        "Đây là lần thứ 3 Công an tỉnh tổ chức sơ kết.",  # ordinal
        "Lập thành tích chào mừng 80 năm Ngày truyền thống lực lượng CAND.",  # anniversary
        "Thực hiện Nghị định 42/2021/NĐ-CP của Chính phủ.",  # decree numbers
        "Quán triệt Chỉ thị số 09-CT/TW của Ban Bí thư.",
        "Công an huyện tham mưu Ban chỉ đạo 138 huyện triển khai nhiều giải pháp.",  # names
        "Thượng tá Phạm Ngọc Long- Trưởng phòng PV05- Công an tỉnh.",
        "Ở khu phố 4, phường 5 (thành phố Đông Hà) có mô hình hay.",
        "Ông Lê Văn Mạnh, Tổ trưởng tổ liên gia số 3, thôn Đông Thịnh.",
        "Ở xã Đại Ân 2, mô hình ra mắt từ năm 2022.",
        "Bà Loan, chủ khu nhà trọ ở khu phố Hòa Lân 2, phường Thuận Giao kể lại.",
        "Tại tổ dân phố số 6, thị trấn Yên Định, mô hình hoạt động tốt.",
        "Xe mô tô biển kiểm soát 28B1-406.21 có biểu hiện nghi vấn.",  # licence plates
        "Một nam thanh niên điều khiển xe 74D1-312.45 đến nhà bà.",
        "Phát huy phong trào TDBVANTQ năm 2024./.",  # the end mark
        "Nhiều buôn còn đưa “3 không” vào luật tục.",  # a name with a number
        'Mô hình "5 không, 3 sạch" được nhân rộng.',
        "Nhiều vụ án lớn đã được khám phá; một số nơi còn hình thức; vài thanh niên nghiện.",
        "Mô hình chính quyền địa phương hai cấp chính thức vận hành.",  # number words
        "Dịp này, giai đoạn 2019 - 2024 được tổng kết.",
    ],
)
def test_numbers_that_are_not_counts(text: str) -> None:
    assert read(text) == []


def test_extraction_reads_only_the_counts_around_the_non_counts() -> None:
    text = (
        "Ngày 2/6, Công an huyện bắt quả tang Vì Thị Xuân (SN 1993), đang mua bán 400 viên ma túy tổng hợp; "
        "lực lượng chức năng tạm giữ 1 xe mô tô, 2 điện thoại di động và 13 triệu đồng."
    )
    assert read(text) == [
        (400, "viên ma túy tổng hợp", "exact"),
        (1, "xe mô tô", "exact"),
        (2, "điện thoại di động", "exact"),
    ]


# -- robustness -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "5",
        "hơn",
        "hàng trăm",
        "1.000/",
        "/5 vụ",
        "5 vụ/",
        "2,5 nghìn",
        "“5",
        "ở cấp xã, 3",
        "khu dân cư 4",
    ],
)
def test_fragments_never_raise_and_every_span_slices_the_text(text: str) -> None:
    for c in counts_of(text or " "):
        for s in c.spans:
            assert 0 <= s.begin < s.end <= len(text)


def test_mixed_tone_placement_and_curly_quotes_read_the_same() -> None:
    straight = read('Có 57 câu lạc bộ phòng, chống tội phạm và 33 tổ hòa giải ở "khu dân cư".')
    curly = read("Có 57 câu lạc bộ phòng, chống tội phạm và 33 tổ hoà giải ở “khu dân cư”.")
    assert [(v, q) for v, _, q in straight] == [(v, q) for v, _, q in curly] == [(57, "exact"), (33, "exact")]
    assert curly[1][1] == "tổ hoà giải"  # the surface as written, not the folded view


# -- the seed article -----------------------------------------------------------------------------


def test_seed_article_counts(seed_path: Path) -> None:
    doc = read_document(seed_path)
    counts = extract(doc).counts
    got = [
        (
            c.value,
            c.unit,
            c.qualifier,
            c.scope,
            c.criterion,
            c.period,
            [doc.text[s.begin : s.end] for s in c.spans],
        )
        for c in counts
    ]
    assert got == [
        (
            Decimal(6518),
            "nguồn tin có giá trị",
            "exact",
            None,
            None,
            "5 năm qua",
            ["6.518 nguồn tin có giá trị"],
        ),
        (
            None,
            "vụ việc và hành vi vi phạm pháp luật",
            "hundreds",
            None,
            None,
            None,
            ["hàng trăm vụ việc và hành vi vi phạm pháp luật"],
        ),
        (Decimal(502), "tổ an ninh nhân dân", "exact", None, None, None, ["502 tổ an ninh nhân dân"]),
        (Decimal(189), "đội an ninh xung kích", "exact", None, None, None, ["189 đội an ninh xung kích"]),
        (Decimal(68), "tổ an ninh công nhân", "exact", None, None, None, ["68 tổ an ninh công nhân"]),
        (Decimal(7), "ban bảo vệ dân phố", "exact", None, None, None, ["7 ban bảo vệ dân phố"]),
        (
            Decimal(224),
            "câu lạc bộ phòng, chống tội phạm",
            "exact",
            None,
            None,
            None,
            ["224 câu lạc bộ phòng, chống tội phạm"],
        ),
        (Decimal(406), "tổ bảo vệ thôn, xóm", "exact", None, None, None, ["406 tổ bảo vệ thôn, xóm"]),
        (Decimal(161), "ban hoà giải", "exact", "cấp xã", None, None, ["161 ban hoà giải"]),
        (Decimal(860), "tổ hòa giải", "exact", "thôn, xóm", None, None, ["860 tổ hòa giải"]),
        (
            Decimal(639),
            "hòm thư tố giác tội phạm",
            "exact",
            None,
            None,
            None,
            ["639 hòm thư tố giác tội phạm"],
        ),
        (
            Decimal(61),
            "cụm liên kết an toàn về ANTT",
            "exact",
            "các địa bàn giáp ranh",
            None,
            None,
            ["61 cụm liên kết an toàn về ANTT"],
        ),
        (
            Decimal(966),
            "khu dân cư",
            "exact",
            None,
            'thực hiện có hiệu quả cuộc vận động "Toàn dân đoàn kết xây dựng đời sống văn hoá ở khu dân cư"',
            None,
            ["966 khu dân cư"],
        ),
        (Decimal(897), "khu dân cư", "exact", None, "có hương ước, quy ước", None, ["897 khu dân cư"]),
        (
            Decimal(112),
            "khu dân cư",
            "exact",
            None,
            "được công nhận không có tội phạm",
            None,
            ["112 khu dân cư"],
        ),
        (Decimal(114), "khu dân cư", "exact", None, "không có tệ nạn xã hội", None, ["114 khu dân cư"]),
        (
            Decimal(916),
            "khu dân cư",
            "exact",
            None,
            'được Ủy ban MTQT tỉnh công nhận "Khu dân cư tiên tiến"',
            None,
            ["916 khu dân cư"],
        ),
        (Decimal(1000), "cán bộ Công an xã", "at_least", None, None, None, ["trên 1.000 cán bộ Công an xã"]),
    ]


def test_a_total_after_tong_so_is_a_count_but_a_change_is_not() -> None:
    text = "Hội có tổng số 1.200 hội viên; năm nay xảy ra 120 vụ (giảm 12 vụ so với cùng kỳ), tăng 5 vụ."
    assert read(text) == [(1200, "hội viên", "exact"), (120, "vụ", "exact")]


def test_a_headline_in_capitals_merges_with_its_body_repeat() -> None:
    text = (
        "QUẢNG TRỊ: QUẦN CHÚNG CUNG CẤP 4.312 NGUỒN TIN CÓ GIÁ TRỊ\n"
        "Năm 2024, người dân đã cung cấp 4.312 nguồn tin có giá trị.\n"
    )
    [c] = counts_of(text)
    assert (c.unit, len(c.spans)) == ("nguồn tin có giá trị", 2)


def test_a_first_paragraph_is_no_headline() -> None:
    text = "Toàn tỉnh có 502 tổ an ninh nhân dân.\n\nĐến nay vẫn duy trì 502 tổ an ninh nhân dân.\n"
    assert [len(c.spans) for c in counts_of(text)] == [1, 1]


def test_a_place_opening_the_sentence_is_where_its_counts_are() -> None:
    text = "Ở xã Ea Tul, huyện Cư M'gar, mô hình tự quản được triển khai tại 9/11 buôn với 64 tổ tự quản."
    got = [
        (c.value, c.place.type if c.place else None, c.place.name if c.place else None)
        for c in counts_of(text)
    ]
    assert got == [(9, "xã", "Ea Tul"), (64, "xã", "Ea Tul")]


def test_a_count_without_an_opening_place_has_none() -> None:
    text = "Toàn tỉnh có 986 khu dân cư được công nhận an toàn; ông A ở xã Tân Lập cho biết."
    [c] = counts_of(text)
    assert c.place is None


def test_a_date_or_period_after_the_unit_ends_it() -> None:
    text = "Công an xã tiếp nhận 23 tin báo ngày 5/3, 37 tin báo năm qua và 5 camera tổ dân phố 4."
    assert [(c.value, c.unit, c.period) for c in counts_of(text)] == [
        (23, "tin báo", None),
        (37, "tin báo", "năm qua"),
        (5, "camera", None),
    ]


def test_tren_before_a_route_means_on_unless_it_follows_co() -> None:
    text = "Người dân lắp camera trên 5 tuyến đường; xã có trên 20 tuyến đường được lắp đèn."
    assert read(text) == [(5, "tuyến đường", "exact"), (20, "tuyến đường", "at_least")]
    assert phrases(text) == [["5 tuyến đường"], ["trên 20 tuyến đường"]]


def test_counts_after_trong_do_break_down_the_earlier_count_with_the_same_head() -> None:
    text = "Làm rõ 1.320 vụ, 1.865 đối tượng (trong đó có 312 vụ, 448 đối tượng phạm tội về ma túy)."
    assert [(c.value, c.within) for c in counts_of(text)] == [
        (1320, None),
        (1865, None),
        (312, "vụ"),
        (448, "đối tượng"),
    ]


def test_a_complete_unit_name_ends_the_unit_in_a_headline() -> None:
    text = "Lào Cai: Hơn 3.200 tổ an ninh nhân dân góp sức giữ bình yên vùng biên\n\nNội dung bài.\n"
    assert read(text) == [(3200, "tổ an ninh nhân dân", "at_least")]


def test_a_share_of_so_ho_is_not_a_count() -> None:
    assert read("Có 1/3 số hộ ký cam kết; thiệt hại 200 đô la; bắt 2 đối tượng.") == [
        (2, "đối tượng", "exact")
    ]


def test_a_place_after_a_comma_is_not_part_of_the_unit() -> None:
    text = "Huyện tặng giấy khen cho 5 tập thể, xã Thạch Kênh và 2 cá nhân thôn Đông Tiến; có 406 tổ bảo vệ thôn, xóm."
    assert read(text) == [
        (5, "tập thể", "exact"),
        (2, "cá nhân", "exact"),
        (406, "tổ bảo vệ thôn, xóm", "exact"),
    ]


def test_a_list_of_unit_types_takes_a_criterion() -> None:
    text = "Toàn tỉnh có 61 xã, phường, thị trấn đạt danh hiệu “Xã, phường, thị trấn an toàn về an ninh, trật tự”."
    [c] = counts_of(text)
    assert (c.unit, c.criterion) == (
        "xã, phường, thị trấn",
        "đạt danh hiệu “Xã, phường, thị trấn an toàn về an ninh, trật tự”",
    )


def test_a_scope_stops_at_a_comma_before_a_verb() -> None:
    text = "Công an xã đã tổ chức 26 buổi tuyên truyền ở các xóm, phát hàng nghìn tờ rơi."
    assert [(c.unit, c.scope) for c in counts_of(text)] == [
        ("buổi tuyên truyền", "các xóm"),
        ("tờ rơi", None),
    ]


def test_a_unit_that_runs_on_too_long_keeps_the_stretch_the_lexicon_vouches_for() -> None:
    text = "Ban hành 350 văn bản lãnh đạo, chỉ đạo công tác xây dựng lực lượng nòng cốt vững mạnh toàn diện."
    assert read(text) == [(350, "văn bản lãnh đạo, chỉ đạo", "exact")]


def test_lua_dao_chiem_doat_tai_san_stays_whole() -> None:
    assert read("Xử lý 3 vụ/4 đối tượng lừa đảo chiếm đoạt tài sản.")[1] == (
        4,
        "đối tượng lừa đảo chiếm đoạt tài sản",
        "exact",
    )


def test_dong_chi_are_a_delegations_size_neither_money_nor_a_count() -> None:
    """docs/ANNOTATION.md: "N đồng chí" is the size of a delegation or a meeting; "đồng hồ" is no money."""
    text = "Cử 3 đồng chí tham gia; đoàn kiểm tra liên ngành số 2 gồm 7 đồng chí; thu 2 đồng hồ; nộp 13 triệu đồng."
    assert read(text) == [(2, "đồng hồ", "exact")]


def test_a_decimal_count_needs_a_magnitude_word_and_an_english_comma_groups_thousands() -> None:
    text = "Có 1,000 người tham gia; 2,5 nghìn tổ; 1,5 hộ; 2,25 triệu lượt người."
    assert read(text) == [(1000, "người", "exact"), (2500, "tổ", "exact"), (2250000, "lượt người", "exact")]


@pytest.mark.parametrize(
    "text", ["9" * 5000 + " vụ", "1/" + "9" * 5000 + " vụ", "5 nghìn tỷ tỷ người", "３ vụ án"]
)
def test_absurd_or_non_ascii_numbers_are_no_counts_and_never_break_the_json(text: str) -> None:
    facts = extract(document_from_text(text))
    assert facts.counts == ()
    json.dumps(facts_to_json(facts))


def test_a_number_spelled_out_in_parentheses_is_skipped_to_the_unit() -> None:
    text = "Bắt giữ 02 (hai) đối tượng, thu giữ 1.250 (một nghìn hai trăm năm mươi) viên ma túy."
    assert read(text) == [(2, "đối tượng", "exact"), (1250, "viên ma túy", "exact")]
    assert phrases(text)[0] == ["02 (hai) đối tượng"]


def test_programme_and_level_numbers_are_not_counts() -> None:
    text = "Đề án 06 triển khai thu nhận 5.000 hồ sơ; kích hoạt 1.200 tài khoản định danh điện tử mức 2 cho người dân."
    assert read(text) == [(5000, "hồ sơ", "exact"), (1200, "tài khoản định danh điện tử", "exact")]


def test_task_force_and_phone_numbers_are_not_counts() -> None:
    text = "Tổ công tác 141 Công an Hà Nội kiểm tra 35 xe; người dân gọi 113 báo tin; Tổng đài 1022 tiếp nhận 120 cuộc gọi."
    assert read(text) == [(35, "xe", "exact"), (120, "cuộc gọi", "exact")]

"""Count units that coordinate nouns or verbs across a comma.

Vietnamese coordinates words that share a head or a complement with a bare comma: "37 băng, nhóm
tội phạm" counts gangs-and-groups of criminals, not 37 "băng". The unit then runs over the comma;
a number after the comma opens the next count, and a word of another kind opens the next clause.
Sentences are written for these tests; offsets are code points of the NFC text.
"""

from __future__ import annotations

from counts_support import counts_of


def units(text: str) -> list[tuple[int | None, str]]:
    return [(None if c.value is None else int(c.value), c.unit) for c in counts_of(text)]


def test_two_group_nouns_share_their_complement() -> None:
    text = "Năm 2024, lực lượng Công an đã đấu tranh, triệt phá 37 băng, nhóm tội phạm hình sự."
    (count,) = counts_of(text)
    assert (count.value, count.unit) == (37, "băng, nhóm tội phạm hình sự")
    (span,) = count.spans
    assert text[span.begin : span.end] == "37 băng, nhóm tội phạm hình sự"


def test_a_bare_boat_noun_coordinates_with_the_next() -> None:
    text = "Tổ công tác phát hiện hàng chục ghe, xuồng neo đậu trái phép trên sông."
    (count,) = counts_of(text)
    assert count.qualifier == "tens"
    assert count.unit.startswith("ghe, xuồng")


def test_coordinated_two_word_nouns_keep_their_shared_modifier() -> None:
    text = "Người dân trình báo 47 cuộc gọi, tin nhắn có dấu hiệu lừa đảo."
    assert units(text)[0] == (47, "cuộc gọi, tin nhắn có dấu hiệu lừa đảo")


def test_coordinated_verbs_of_a_relative_clause_stay_in_the_unit() -> None:
    text = "Công an huyện đã bắt giữ 14 đối tượng vận chuyển, mua bán trái phép chất ma túy."
    (count,) = counts_of(text)
    assert count.unit == "đối tượng vận chuyển, mua bán trái phép chất ma túy"
    span = count.spans[0]
    assert (span.begin, span.end) == (25, 79)
    assert text[span.begin : span.end] == "14 đối tượng vận chuyển, mua bán trái phép chất ma túy"


def test_crimes_against_property_coordinate() -> None:
    text = "Trong quý I, toàn tỉnh xảy ra 23 vụ trộm cắp, cướp giật tài sản."
    assert units(text) == [(23, "vụ trộm cắp, cướp giật tài sản")]


def test_a_number_after_the_comma_is_the_next_count() -> None:
    text = "Tổ công tác thu giữ 5 xe máy, 3 điện thoại di động và 2 ô tô."
    assert units(text) == [(5, "xe máy"), (3, "điện thoại di động"), (2, "ô tô")]


def test_nouns_of_different_kinds_do_not_coordinate() -> None:
    text = "Lực lượng chức năng phát hiện 12 vụ, nhóm thanh thiếu niên tụ tập gây rối đã giải tán."
    assert units(text)[0] == (12, "vụ")


def test_a_clause_after_the_comma_ends_the_unit() -> None:
    text = "Năm qua, toàn huyện xây dựng 20 mô hình, góp phần giữ vững an ninh trật tự."
    assert units(text) == [(20, "mô hình")]
    text = "Công an xã phát hiện 6 vụ, xử lý 9 đối tượng vi phạm."
    assert units(text) == [(6, "vụ"), (9, "đối tượng vi phạm")]


def test_a_semicolon_list_stays_a_list_of_counts() -> None:
    text = "Toàn tỉnh có 502 tổ an ninh nhân dân; 189 đội dân phòng; 61 câu lạc bộ phòng, chống tội phạm."
    assert units(text) == [
        (502, "tổ an ninh nhân dân"),
        (189, "đội dân phòng"),
        (61, "câu lạc bộ phòng, chống tội phạm"),
    ]


def test_gambling_pairs_coordinate_after_a_group_noun() -> None:
    text = "Công an thành phố triệt xóa 6 ổ nhóm cờ bạc, lô đề, cá độ bóng đá."
    assert units(text) == [(6, "ổ nhóm cờ bạc, lô đề, cá độ bóng đá")]


def test_teams_zones_and_villages_coordinate_under_one_description() -> None:
    text = (
        "Huyện duy trì 76 tổ, đội tuần tra nhân dân ở các thôn. Địa bàn có 6 khu, cụm công nghiệp "
        "và 140 thôn, phố có hương ước.\n"
    )
    assert units(text) == [(76, "tổ, đội tuần tra nhân dân"), (6, "khu, cụm công nghiệp"), (140, "thôn, phố")]


def test_listed_offences_and_printed_matter_stay_in_the_unit() -> None:
    text = (
        "Công an xã bắt 8 đối tượng trộm cắp, cố ý gây thương tích; đoàn viên phát 12.000 tờ rơi, sổ tay, "
        "áp phích về phòng, chống ma túy và dẹp hàng chục điểm họp chợ, lấn chiếm vỉa hè.\n"
    )
    got = units(text)
    assert got[0] == (8, "đối tượng trộm cắp, cố ý gây thương tích")
    assert got[1][0] == 12000 and got[1][1].startswith("tờ rơi, sổ tay, áp phích")
    assert got[2] == (None, "điểm họp chợ, lấn chiếm vỉa hè")

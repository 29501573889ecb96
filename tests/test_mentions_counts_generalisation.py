"""The counts stage on the many ways reporters write the same thing (issue 3, follow-up on text
the rules were not written against; conventions of ``../shared/corpus/dev/README.md`` "Counts").

Each test holds its own Vietnamese sentences, written for the test, with the counts they must give
and the exact phrase each span covers. They run through the whole extractor, as an article would.
"""

from __future__ import annotations

from antq_kg.mentions import extract
from antq_kg.model import Count
from antq_kg.text import document_from_text


def counts_of(text: str) -> list[Count]:
    return list(extract(document_from_text(text)).counts)


def read(text: str) -> list[tuple[int | float | None, str, str]]:
    """(value, unit, qualifier) of each count, values as plain numbers."""
    out = []
    for c in counts_of(text):
        value = None if c.value is None else (int(c.value) if c.value == int(c.value) else float(c.value))
        out.append((value, c.unit, c.qualifier))
    return out


def phrases(text: str) -> list[list[str]]:
    return [[text[s.begin : s.end] for s in c.spans] for c in counts_of(text)]


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

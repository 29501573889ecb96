"""Numbers the genre writes that are not counts of it, and number words that are.

Sentences are written for these tests (``docs/ANNOTATION.md`` "Counts": not counts).
"""

from __future__ import annotations

from counts_support import read


def test_the_size_of_a_working_delegation_is_no_count() -> None:
    text = "Ngày 2/5, đoàn kiểm tra gồm 7 đồng chí của Ban Chỉ đạo huyện làm việc tại xã; tổ hòa giải gồm 9 thành viên.\n"
    assert read(text) == [(9, "thành viên", "exact")]


def test_a_threshold_is_no_count() -> None:
    text = "Các cơ sở có từ 200 lao động trở lên phải lập tổ an ninh; xã có 14 cơ sở như vậy.\n"
    assert read(text) == [(14, "cơ sở", "exact")]


def test_distances_at_sea_are_no_count() -> None:
    text = "Các tàu đánh bắt cách nhau không quá 3 hải lý, cách bờ khoảng 25 hải lý; tổ có 12 tàu cá.\n"
    assert read(text) == [(12, "tàu cá", "exact")]


def test_nghin_and_van_multiply_the_number() -> None:
    text = "Gần 3 nghìn hội viên và hơn 1,5 vạn lượt người tham gia.\n"
    assert read(text) == [(3000, "hội viên", "at_most"), (15000, "lượt người", "at_least")]

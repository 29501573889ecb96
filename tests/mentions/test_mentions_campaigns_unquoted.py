"""Campaigns stage: initiatives named without quotes, programmes, and the unit an initiative belongs to.

Each sentence is written for this file (not taken from any corpus), by the conventions of
``docs/ANNOTATION.md`` ("Campaigns").
"""

from __future__ import annotations

from antq_kg.mentions import extract
from antq_kg.model import Campaign
from antq_kg.text import document_from_text


def campaigns(text: str) -> dict[str, Campaign]:
    return {c.name: c for c in extract(document_from_text(text)).campaigns}


def place(c: Campaign) -> tuple[str, str] | None:
    return None if c.place is None else (c.place.type, c.place.name)


def test_a_lower_case_name_after_its_kind_word_is_an_initiative() -> None:
    text = (
        "Tại xã Hương Sơn, Hội Nông dân xã vận động bà con tham gia nhiều mô hình loa truyền thanh thôn bản, "
        "đến nay đã lắp 40 cụm loa. Nhiều nơi hưởng ứng phong trào toàn dân tham gia phòng cháy chữa cháy.\n"
    )
    found = campaigns(text)
    assert set(found) == {"loa truyền thanh thôn bản", "toàn dân tham gia phòng cháy chữa cháy"}
    assert (found["loa truyền thanh thôn bản"].kind, place(found["loa truyền thanh thôn bản"])) == (
        "mô hình",
        ("xã", "Hương Sơn"),
    )
    assert found["toàn dân tham gia phòng cháy chữa cháy"].kind == "phong trào"


def test_words_that_only_describe_a_model_name_none() -> None:
    text = (
        "Xã duy trì 12 mô hình tự quản về ANTT; mô hình mới được nhân rộng. Mô hình chính quyền địa phương "
        "hai cấp vận hành ổn định. Các thôn nhân rộng mô hình tổ tự quản về an ninh.\n"
    )
    assert campaigns(text) == {}


def test_a_lower_case_repeat_of_a_quoted_name_is_that_initiative() -> None:
    text = (
        "Ở thôn Bình An, mô hình “Cụm dân cư tự quản về an ninh, trật tự” ra đời năm 2021. Huyện đề nghị "
        "nhân rộng mô hình cụm dân cư tự quản ra các xã lân cận.\n"
    )
    found = campaigns(text)
    assert list(found) == ["Cụm dân cư tự quản về an ninh, trật tự"]
    assert len(found["Cụm dân cư tự quản về an ninh, trật tự"].spans) == 2


def test_a_collective_name_may_run_past_a_stop_word_that_belongs_to_it() -> None:
    text = "Xã Ngư Lộc. Lãnh đạo xã đánh giá, mô hình đội tàu tự quản trên biển là điểm tựa của ngư dân.\n"
    assert list(campaigns(text)) == ["đội tàu tự quản trên biển"]


def test_a_programme_is_named_by_its_quoted_title_with_its_period() -> None:
    text = (
        "Ngày 4/3, UBND huyện Tuần Giáo (tỉnh Điện Biên) sơ kết Đề án “Phát huy phong trào toàn dân bảo vệ "
        "ANTQ ở vùng đồng bào Mông giai đoạn 2022-2026”. Phong trào toàn dân bảo vệ an ninh Tổ quốc ở huyện "
        "tiếp tục lan tỏa.\n"
    )
    found = campaigns(text)
    title = "Phát huy phong trào toàn dân bảo vệ ANTQ ở vùng đồng bào Mông giai đoạn 2022-2026"
    assert set(found) == {title, "toàn dân bảo vệ an ninh Tổ quốc"}
    assert (found[title].kind, place(found[title])) == ("đề án", ("huyện", "Tuần Giáo"))
    # the movement named inside the title is one more mention of the movement
    assert len(found["toàn dân bảo vệ an ninh Tổ quốc"].spans) == 2


def test_a_name_without_kind_may_pair_two_short_phrases_with_a_comma() -> None:
    text = (
        "Tại xã Tân Hà, Chi đoàn thanh niên duy trì “Ngõ sáng, nhà an toàn” ở các xóm. Ông Ba nói: "
        "“Nhà nào cũng lắp đèn thì kẻ gian chẳng dám vào, làng xóm yên tâm ngủ”.\n"
    )
    assert list(campaigns(text)) == ["Ngõ sáng, nhà an toàn"]


def test_an_initiative_belongs_to_the_unit_of_the_organisation_that_runs_it() -> None:
    text = (
        "Phường Trần Phú (thành phố Hà Giang). Ông Vũ Văn Hải (trú tổ 7, phường Trần Phú) kể chuyện. "
        "Hội Cựu chiến binh phường duy trì câu lạc bộ “Cựu chiến binh nói không với ma túy” với 40 hội viên.\n"
    )
    found = campaigns(text)
    assert place(found["Cựu chiến binh nói không với ma túy"]) == ("phường", "Trần Phú")


def test_a_residential_unit_written_before_the_one_it_lies_in_is_the_place() -> None:
    text = (
        "Xã Vĩnh Hải (tỉnh Sóc Trăng). Tại phum Cà Săng, ấp Âu Thọ B, Công an xã phối hợp nhà chùa duy trì "
        "“Loa phát thanh song ngữ” mỗi tối.\n"
    )
    assert place(campaigns(text)["Loa phát thanh song ngữ"]) == ("phum", "Cà Săng")


def test_the_fullest_form_names_an_initiative_written_short_in_the_headline() -> None:
    text = (
        "Những “đội tàu tự quản” giữ bình yên vùng biển\n\n"
        "Tại xã Ngư Lộc, mô hình đội tàu tự quản trên biển được ngư dân hưởng ứng. Xã sẽ nhân rộng mô hình "
        "đội tàu tự quản ra các thôn.\n"
    )
    found = campaigns(text)
    assert list(found) == ["đội tàu tự quản trên biển"]
    assert len(found["đội tàu tự quản trên biển"].spans) == 3


def test_a_lower_case_repeat_is_compared_without_its_commas() -> None:
    text = "Huyện Mai Sơn nhân rộng mô hình “Bản văn hóa, an toàn”. Hội nghị đánh giá, mô hình bản văn hóa đã giúp giảm các vụ việc.\n"
    found = campaigns(text)
    assert list(found) == ["Bản văn hóa, an toàn"]
    assert len(found["Bản văn hóa, an toàn"].spans) == 2

"""Campaigns stage: more ways reporters of the genre quote and place an initiative.

Guillemets «…» and single quotes ‘…’ / '…' around a name, a motto quoted inside quoted speech, and
the place of a model deployed over several units or introduced in its own clause. Every sentence is
invented for this file in the style of provincial police reports (``docs/ANNOTATION.md``
"Campaigns").
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from antq_kg.mentions import Context
from antq_kg.mentions.campaigns import extract_campaigns, find_quotes
from antq_kg.mentions.places import extract_places
from antq_kg.model import Campaign, Place
from antq_kg.text import Span, document_from_text


def campaigns(text: str) -> list[Campaign]:
    """Run the campaigns stage over ``text`` after the places stage; every span must slice inside the text."""
    ctx = Context(doc=document_from_text(text))
    extract_places(ctx)
    extract_campaigns(ctx)
    for c in ctx.campaigns:
        for s in c.spans:
            assert 0 <= s.begin < s.end <= len(ctx.text)
    return ctx.campaigns


def named(text: str) -> dict[str, tuple[str | None, tuple[str, str] | None, list[str]]]:
    """name → (kind, (place type, place name), the surfaces of its spans)."""
    return {
        c.name: (
            c.kind,
            None if c.place is None else (c.place.type, c.place.name),
            [text[s.begin : s.end] for s in c.spans],
        )
        for c in campaigns(text)
    }


# -- quote marks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Đoàn viên thanh niên xã hưởng ứng mô hình «Đường quê không rác» từ đầu năm.",
            "Đường quê không rác",
        ),
        ("Hội Phụ nữ thị trấn duy trì mô hình ‘Mẹ đỡ đầu cho trẻ em’ đã hai năm.", "Mẹ đỡ đầu cho trẻ em"),
        ("Các hộ ngư dân tham gia mô hình 'Bến cá an toàn' do đồn Biên phòng hướng dẫn.", "Bến cá an toàn"),
        (
            "Thanh niên ra quân theo phong trào «Tuổi trẻ giữ bình yên xóm làng».",
            "Tuổi trẻ giữ bình yên xóm làng",
        ),
    ],
)
def test_guillemets_and_single_quotes_after_a_kind_word_name_the_initiative(text: str, name: str) -> None:
    found = named(text)
    assert list(found) == [name]
    assert found[name][2] == [name]


def test_a_single_quoted_name_does_not_pair_with_the_apostrophe_of_a_place_name() -> None:
    text = "Tại xã Ea M'Droh, Công an xã ra mắt mô hình 'Buôn không ma túy' với 60 hộ đồng bào K'Ho."
    assert [text[q.begin : q.end] for q in find_quotes(text)] == ["Buôn không ma túy"]
    assert list(named(text)) == ["Buôn không ma túy"]


def test_a_guillemet_name_in_the_headline_and_the_body_is_one_campaign() -> None:
    text = (
        "Ra mắt mô hình «Chốt dân phòng ven sông»\n"
        "Sáng 3/4, tại phường Hòa Khánh, Công an phường ra mắt mô hình «Chốt dân phòng ven sông»."
    )
    (c,) = campaigns(text)
    assert (c.name, c.kind) == ("Chốt dân phòng ven sông", "mô hình")
    assert len(c.spans) == 2


def test_a_motto_in_single_quotes_inside_quoted_speech_is_a_campaign() -> None:
    text = (
        "Trưởng ban công tác Mặt trận khu phố chia sẻ: “Bà con ở đây luôn nhắc nhau theo phương châm "
        "‘Nhà nhà giữ cửa, người người giữ ngõ’, nên kẻ gian khó lọt vào”."
    )
    assert named(text) == {
        "Nhà nhà giữ cửa, người người giữ ngõ": (
            "phương châm",
            None,
            ["Nhà nhà giữ cửa, người người giữ ngõ"],
        )
    }


def test_speech_in_guillemets_after_a_speaker_is_still_not_a_campaign() -> None:
    assert campaigns("Ông Tâm nói: «Từ ngày có tổ tuần tra, đêm nào xóm cũng yên».") == []


# -- the place an initiative belongs to ---------------------------------------------------------


def test_a_model_rolled_out_in_several_communes_belongs_to_the_unit_above_them() -> None:
    text = (
        "Sáng 5/6, tại xã Hòa Tiến, Công an huyện Hòa Vang tổ chức lễ ra mắt mô hình "
        "“Chốt an ninh ven sông” ở các xã dọc sông Yên."
    )
    assert named(text)["Chốt an ninh ven sông"][1] == ("huyện", "Hòa Vang")


@pytest.mark.parametrize(
    "text",
    [
        "Công an thị xã Kỳ Anh đã triển khai mô hình “Xóm đạo bình yên” tại 12/12 xã, phường.",
        "Công an thị xã Kỳ Anh đã triển khai mô hình “Xóm đạo bình yên” tại 2 xã Kỳ Hà và Kỳ Ninh.",
        "Công an thị xã Kỳ Anh đã triển khai mô hình “Xóm đạo bình yên” tại xã Kỳ Hà và xã Kỳ Ninh.",
        "Công an thị xã Kỳ Anh đã triển khai mô hình “Xóm đạo bình yên” trên địa bàn phường Kỳ Trinh "
        "và các xã lân cận.",
    ],
    ids=["n-of-n", "number-and-shared-type", "two-named", "one-named-and-the-others"],
)
def test_several_units_after_o_tai_give_the_unit_above_them(text: str) -> None:
    assert named(text)["Xóm đạo bình yên"][1] == ("thị xã", "Kỳ Anh")


def test_a_unit_and_its_parent_after_o_is_one_unit_not_several() -> None:
    text = "Công an thị xã Kỳ Anh duy trì mô hình “Loa an ninh” ở tổ dân phố số 2, phường Kỳ Trinh."
    assert named(text)["Loa an ninh"][1] == ("tổ dân phố", "2")


def test_a_second_clause_of_the_sentence_gives_its_own_model_its_own_place() -> None:
    text = (
        "Tại xã Yên Lạc, Công an xã duy trì mô hình “Cổng làng an toàn” ở 9 thôn; còn ở thôn Đồng Tâm, "
        "xã Yên Phú, mô hình “Xóm không rác thải” được bà con hưởng ứng."
    )
    found = named(text)
    assert found["Cổng làng an toàn"][1] == ("xã", "Yên Lạc")
    assert found["Xóm không rác thải"][1] == ("thôn", "Đồng Tâm")


def test_a_unit_named_between_two_models_goes_to_the_second() -> None:
    text = "Xã Quỳnh Lập duy trì mô hình “Bến cá an toàn”, xã Quỳnh Long ra mắt mô hình “Chợ đêm bình yên”."
    found = named(text)
    assert found["Bến cá an toàn"][1] == ("xã", "Quỳnh Lập")
    assert found["Chợ đêm bình yên"][1] == ("xã", "Quỳnh Long")


def test_the_place_after_o_of_the_first_model_is_not_reused_by_the_second() -> None:
    text = (
        "Công an huyện Yên Thành ra mắt mô hình “Cổng trường an toàn” tại xã Công Thành, sau đó "
        "triển khai mô hình “Tổ tự quản bến đò”."
    )
    found = named(text)
    assert found["Cổng trường an toàn"][1] == ("xã", "Công Thành")
    assert found["Tổ tự quản bến đò"][1] == ("huyện", "Yên Thành")


def test_the_place_keeps_the_longer_name_the_places_stage_read() -> None:
    text = "Tại phường Lâm Viên - Đà Lạt, ngày hội gắn với lễ ra mắt mô hình “Tổ dân phố văn minh”."
    ward = Place(type="phường", name="Lâm Viên - Đà Lạt", spans=(Span(4, 28),))
    ctx = Context(doc=document_from_text(text), places=[ward])
    ctx.place_index.add(Span(4, 28), ward)
    extract_campaigns(ctx)
    (c,) = ctx.campaigns
    assert c.place == ward


# -- what may stand between a kind word and its name ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Đoàn thanh niên xã ra mắt mô hình có tên “Đèn pin cho xóm trọ”.",
        "Đoàn thanh niên xã ra mắt mô hình mang tên “Đèn pin cho xóm trọ”.",
        "Đoàn thanh niên xã ra mắt mô hình với tên gọi «Đèn pin cho xóm trọ».",
    ],
    ids=["co-ten", "mang-ten", "voi-ten-goi"],
)
def test_a_kind_word_naming_its_model_with_co_ten_mang_ten(text: str) -> None:
    assert {n: v[0] for n, v in named(text).items()} == {"Đèn pin cho xóm trọ": "mô hình"}


def test_a_bare_quotation_after_ten_is_still_the_name_of_something_else() -> None:
    assert campaigns("Đối tượng lập tài khoản mạng xã hội có tên “Hàng xách tay giá rẻ” để lừa đảo.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Công an huyện nhân rộng mô hình điểm “Ngõ xóm bình yên” trong năm nay.",
        "Công an huyện nhân rộng mô hình phòng, chống tội phạm “Ngõ xóm bình yên” trong năm nay.",
        "Công an huyện nhân rộng mô hình tự quản về an ninh, trật tự “Ngõ xóm bình yên” trong năm nay.",
    ],
    ids=["diem", "phong-chong-toi-pham", "tu-quan-ve-antt"],
)
def test_words_describing_the_kind_may_stand_between_it_and_the_name(text: str) -> None:
    assert {n: v[0] for n, v in named(text).items()} == {"Ngõ xóm bình yên": "mô hình"}


def test_a_kind_word_far_before_speech_still_does_not_govern_it() -> None:
    text = "Sau một năm thực hiện mô hình, trưởng thôn phấn khởi nói: “Giờ trộm cắp không còn nữa”."
    assert campaigns(text) == []


# -- more ways the place is written ---------------------------------------------------------------


def test_the_unit_of_the_organisation_that_runs_the_model_after_do() -> None:
    text = "“Cổng chợ an toàn” là mô hình do Hội Phụ nữ phường Thanh Bình phối hợp Công an phường xây dựng."
    assert named(text)["Cổng chợ an toàn"][1] == ("phường", "Thanh Bình")


def test_one_place_after_a_list_of_models_is_the_place_of_every_model_of_the_list() -> None:
    text = (
        "Năm qua, các mô hình “Tiếng loa biên cương”, ‘Mắt thần ngõ xóm’ và «Bếp ấm nhà văn hóa» "
        "đã được nhân rộng tại xã Thanh Thủy."
    )
    assert {n: v[1] for n, v in named(text).items()} == {
        "Tiếng loa biên cương": ("xã", "Thanh Thủy"),
        "Mắt thần ngõ xóm": ("xã", "Thanh Thủy"),
        "Bếp ấm nhà văn hóa": ("xã", "Thanh Thủy"),
    }


def test_a_model_over_several_units_of_a_named_unit_belongs_to_that_unit() -> None:
    text = "Mô hình “Đường hoa an ninh” đã có ở 8 khu phố của phường Phú Hòa sau một năm."
    assert named(text)["Đường hoa an ninh"][1] == ("phường", "Phú Hòa")


# -- unquoted names -------------------------------------------------------------------------------


def test_unquoted_names_listed_after_nhu_and_a_colon() -> None:
    text = "Huyện Quế Phong có các mô hình tiêu biểu như: Bản không ma túy, Dòng họ không vi phạm pháp luật."
    assert {n: v[0] for n, v in named(text).items()} == {
        "Bản không ma túy": "mô hình",
        "Dòng họ không vi phạm pháp luật": "mô hình",
    }


def test_an_unquoted_title_ends_before_the_year_it_was_given() -> None:
    text = "Năm 2023, thôn Phú Xuân được công nhận danh hiệu Thôn văn hóa năm 2023 lần thứ ba."
    assert {n: v[0] for n, v in named(text).items()} == {"Thôn văn hóa": "danh hiệu"}


# -- quotations that stay out -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Nhiều người dân đã trở thành 'tai mắt' của lực lượng Công an ở cơ sở.",
        "Đối tượng dùng tài khoản Facebook 'Hàng hiệu giá sốc' để lừa đảo.",
        "Hắn thường được gọi là «Tuấn sẹo» trong giới giang hồ.",
        "Ông Sáu cười: 'Giờ thì ngủ ngon rồi'.",
        "Công an xã phối hợp tổ chức hội thi «Tìm hiểu pháp luật về an ninh, trật tự».",
        "Người dân ví những chốt dân phòng là «lá chắn thép» của bản.",
        "Người dân quen gọi mô hình này là ‘Camera vì dân’.",
    ],
    ids=["metaphor", "account", "nickname", "speech", "contest", "simile", "nickname-of-a-model"],
)
def test_single_quoted_and_guillemet_speech_nicknames_metaphors_are_not_campaigns(text: str) -> None:
    assert campaigns(text) == []


def test_speech_after_a_quoted_model_is_not_a_second_model() -> None:
    text = "Già làng Hồ Văn Kha nói về mô hình ‘Bản tự quản’ của bản: ‘Bà con tự giác lắm’."
    assert list(named(text)) == ["Bản tự quản"]


# -- the ANTQ movement --------------------------------------------------------------------------


def test_toan_dan_bvantq_and_toan_dan_tham_gia_bao_ve_antq_are_the_movement() -> None:
    text = (
        "Phong trào Toàn dân BVANTQ tiếp tục được đẩy mạnh ở các thôn. Kết quả phong trào TDBVANTQ "
        "được ghi nhận; toàn dân tham gia bảo vệ ANTQ là nhiệm vụ thường xuyên."
    )
    (c,) = campaigns(text)
    assert (c.name, c.kind, c.place) == ("toàn dân tham gia bảo vệ ANTQ", "phong trào", None)
    assert [text[s.begin : s.end] for s in c.spans] == [
        "Toàn dân BVANTQ",
        "TDBVANTQ",
        "toàn dân tham gia bảo vệ ANTQ",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "“Bến đò nghĩa tình” là một trong những mô hình hiệu quả nhất của xã Thạch Kim.",
        "“Bến đò nghĩa tình” được xem là mô hình điểm của xã Thạch Kim.",
        "“Bến đò nghĩa tình” đã được đánh giá là mô hình tiêu biểu của xã Thạch Kim.",
    ],
    ids=["mot-trong-nhung", "duoc-xem-la", "duoc-danh-gia-la"],
)
def test_a_kind_predicated_after_the_quotation_in_other_words(text: str) -> None:
    assert named(text) == {"Bến đò nghĩa tình": ("mô hình", ("xã", "Thạch Kim"), ["Bến đò nghĩa tình"])}


def test_two_communes_launching_a_model_together_give_it_no_single_commune() -> None:
    text = 'Trước đó, Công an xã Phước Vinh và Công an xã Hòa Hiệp cũng đã ra mắt mô hình "Cột mốc xanh".'
    assert named(text)["Cột mốc xanh"][1] is None


def test_two_communes_under_a_named_district_give_the_district() -> None:
    text = 'Công an huyện Tân Biên chỉ đạo xã Hòa Hiệp, xã Tân Lập ra mắt mô hình "Cột mốc xanh".'
    assert named(text)["Cột mốc xanh"][1] == ("huyện", "Tân Biên")


# -- robustness -----------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        *"aăâđeêoôơuưAĐB «»‘’'\"“”(),.;:\n0123",
        "mô hình ",
        "có tên ",
        "phòng, chống ",
        "như: ",
        "ở các ",
        "tại 2 ",
        "xã Tân ",
        "và ",
        "Công an xã Hòa ",
        "thôn ",
        "M'Nông ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_never_raises_on_any_mix_of_quote_marks_and_every_span_slices_a_name(text: str) -> None:
    ctx = Context(doc=document_from_text(text))
    extract_campaigns(ctx)
    for c in ctx.campaigns:
        assert c.name
        for s in c.spans:
            assert 0 <= s.begin < s.end <= len(ctx.text)
            assert ctx.text[s.begin : s.end].strip()

"""Campaigns stage: named initiatives with kind, place and the spans of every mention.

Each sentence is invented in the style of the genre (provincial police reports); the patterns are
those of ``docs/ANNOTATION.md`` ("Campaigns", ``quote_*``, ``campaign_*``, ``antq_*``).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from antq_kg.mentions import Context, extract
from antq_kg.mentions.campaigns import extract_campaigns
from antq_kg.mentions.places import extract_places
from antq_kg.model import Campaign, Place
from antq_kg.text import Span, document_from_text, read_document


def campaigns(text: str) -> list[Campaign]:
    """Run the campaigns stage over ``text``, after the places stage whose places it ties initiatives to."""
    ctx = Context(doc=document_from_text(text))
    extract_places(ctx)
    extract_campaigns(ctx)
    for c in ctx.campaigns:
        for s in c.spans:
            assert 0 <= s.begin < s.end <= len(ctx.text)
    return ctx.campaigns


def by_name(text: str) -> dict[str, Campaign]:
    return {c.name: c for c in campaigns(text)}


def place_of(c: Campaign) -> tuple[str, str] | None:
    return None if c.place is None else (c.place.type, c.place.name)


# -- quotes and kind words ------------------------------------------------------------------------


def test_curly_quotes_after_a_kind_word_name_a_model_with_its_span() -> None:
    text = "Công an huyện duy trì mô hình “Ngõ phố an toàn” ở phường Tân Mai."
    (c,) = campaigns(text)
    assert (c.name, c.kind, place_of(c)) == ("Ngõ phố an toàn", "mô hình", ("phường", "Tân Mai"))
    assert [text[s.begin : s.end] for s in c.spans] == ["Ngõ phố an toàn"]
    assert [text[s.begin : s.end] for s in c.kind_spans] == ["mô hình"]


def test_unspaced_straight_and_mixed_quotes_are_read_alike() -> None:
    found = by_name(
        'Xã phát động phong trào thi đua"Vì bình yên thôn xóm". '
        'Thôn Phú Mỹ ra mắt mô hình “Chợ không hàng giả" tại nhà văn hóa thôn.'
    )
    assert found["Vì bình yên thôn xóm"].kind == "phong trào thi đua"
    assert found["Chợ không hàng giả"].kind == "mô hình"


def test_one_kind_word_covers_a_list_of_quoted_names_with_their_places() -> None:
    found = by_name(
        "Tiêu biểu là các mô hình “Đèn đường an ninh” ở xã Cẩm Bình, “Cổng trường an toàn” "
        "ở thị trấn Cẩm Xuyên (huyện Cẩm Xuyên) và “Bến đò không tội phạm”."
    )
    assert {n: (c.kind, place_of(c)) for n, c in found.items()} == {
        "Đèn đường an ninh": ("mô hình", ("xã", "Cẩm Bình")),
        "Cổng trường an toàn": ("mô hình", ("thị trấn", "Cẩm Xuyên")),
        "Bến đò không tội phạm": ("mô hình", None),
    }


def test_a_kind_word_before_a_bridge_ending_in_nhu_covers_the_quote() -> None:
    (c,) = campaigns("Lực lượng xây dựng các phương châm hành động như: “Đi từng ngõ, gõ từng nhà”.")
    assert (c.name, c.kind) == ("Đi từng ngõ, gõ từng nhà", "phương châm")


def test_a_name_keeps_its_commas() -> None:
    (c,) = campaigns("Hưởng ứng cuộc vận động “Sống xanh, sống sạch, sống an toàn” trên địa bàn.")
    assert c.name == "Sống xanh, sống sạch, sống an toàn"
    assert c.kind == "cuộc vận động"


def test_recognition_as_a_quoted_name_makes_a_title() -> None:
    (c,) = campaigns("Có 52 khu dân cư được Ủy ban MTTQ huyện công nhận “Khu phố văn hóa kiểu mẫu”.")
    assert (c.name, c.kind) == ("Khu phố văn hóa kiểu mẫu", "danh hiệu")


def test_national_kinds_are_not_tied_to_the_place_of_the_sentence() -> None:
    (c,) = campaigns("Ở xã An Bình, cuộc vận động “Người dân nói không với pháo nổ” được hưởng ứng.")
    assert c.kind == "cuộc vận động"
    assert c.place is None


# -- not campaigns ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Đối tượng Trần Văn Hải (tức "Hải đen", SN 1990) bị bắt giữ.',
        "Ông Lê Văn Ba (thường gọi là “Ba Râu”) là trưởng ấp.",
        "Người dân đã trở thành “lá chắn thép” của lực lượng Công an.",
        "Khu vực này từng là “điểm đen” về trộm cắp.",
        "“Chúng tôi luôn sẵn sàng hỗ trợ bà con”, anh Nam nói.",
        "Anh Tuấn kể: “Hồi đó khổ lắm. Giờ thì yên rồi”.",
        "Xây dựng mỗi khu trọ thành một “Pháo đài” an toàn.",
        "Cán bộ tham gia cuộc thi “Tìm hiểu pháp luật về cư trú”.",
        "“Cảm ơn các chú Công an”, bà Lan xúc động.",
        "Đối tượng điều hành quán karaoke “Hoàng Gia” ở thị trấn.",
        "Thực hiện Kế hoạch về “Tăng cường quản lý cư trú” của Bộ Công an.",
        "Bà con gọi tuyến đê là “Con đường bình yên” vì không còn trộm cắp.",
        "Nhiều người biết đến “Bếp ăn tình thương” của chùa.",
    ],
)
def test_speech_nicknames_metaphors_documents_businesses_are_not_campaigns(text: str) -> None:
    assert campaigns(text) == []


# -- without quotes, without a kind ------------------------------------------------------------------


def test_an_unquoted_capitalised_name_after_a_kind_word_ends_at_the_predicate() -> None:
    text = "Xã Tân Hòa ra mắt mô hình Tổ phụ nữ tự quản về an ninh, trật tự tại nhà văn hóa thôn Phú Mỹ."
    (c,) = campaigns(text)
    assert (c.name, c.kind, place_of(c)) == (
        "Tổ phụ nữ tự quản về an ninh, trật tự",
        "mô hình",
        ("thôn", "Phú Mỹ"),
    )


def test_an_unquoted_list_after_one_kind_word() -> None:
    found = by_name("Đề nghị các xã kết hợp với các mô hình Loa phát thanh an ninh, Cổng làng bình yên; …")
    assert sorted(found) == ["Cổng làng bình yên", "Loa phát thanh an ninh"]
    assert {c.kind for c in found.values()} == {"mô hình"}


def test_a_residential_type_word_starting_a_name_is_a_name_not_a_place() -> None:
    found = by_name("Bản Co Mạ nhiều năm liền đạt danh hiệu Bản văn hóa. Xây dựng mô hình bản Co Mạ an toàn.")
    assert list(found) == ["Bản văn hóa"]
    assert found["Bản văn hóa"].kind == "danh hiệu"


def test_lower_case_phrases_after_a_kind_word_are_not_names() -> None:
    assert (
        campaigns("Mô hình chính quyền địa phương hai cấp đi vào hoạt động; nhiều mô hình tự quản ra đời.")
        == []
    )


def test_a_short_capitalised_quote_without_kind_word_is_an_initiative_with_kind_none() -> None:
    text = "Ở tổ dân phố Hòa Bình, “Ánh sáng đường quê” được nhân rộng từ đầu năm."
    (c,) = campaigns(text)
    assert (c.name, c.kind, place_of(c)) == ("Ánh sáng đường quê", None, ("tổ dân phố", "Hòa Bình"))


def test_numbered_slogans_are_claimed_so_counts_skip_their_numbers() -> None:
    text = "Nhiều thôn đưa “5 không, 3 sạch” vào hương ước."
    ctx = Context(doc=document_from_text(text))
    extract_campaigns(ctx)
    (c,) = ctx.campaigns
    assert (c.name, c.kind) == ("5 không, 3 sạch", None)
    assert [text[s.begin : s.end] for s in ctx.claims] == ["5 không, 3 sạch"]


# -- places ------------------------------------------------------------------------------------------


def test_the_place_after_o_tai_wins_over_the_place_opening_the_sentence() -> None:
    (c,) = campaigns("Ở xã Tà Lùng, mô hình “Bản biên giới bình yên” ra mắt từ năm 2021 tại bản Nà Pò.")
    assert place_of(c) == ("bản", "Nà Pò")


def test_the_most_specific_unit_before_the_name_and_not_a_parent_after_thuoc() -> None:
    (c,) = campaigns("Tại xã Vĩnh Hòa, xóm Đồng Tâm thuộc xã Vĩnh Hòa duy trì mô hình “Xóm không rác”.")
    assert place_of(c) == ("xóm", "Đồng Tâm")


def test_a_bare_xa_refers_to_the_commune_last_named() -> None:
    text = "Lễ ra mắt diễn ra tại xã Hưng Đạo.\n\nXã duy trì hiệu quả mô hình “Đường hoa an ninh”."
    (c,) = campaigns(text)
    assert place_of(c) == ("xã", "Hưng Đạo")


def test_the_previous_sentence_of_the_paragraph_gives_the_place() -> None:
    text = (
        "Phường Hòa Thuận chọn cách làm riêng. Từ tháng 5, “Camera vì phố bình yên” được lắp ở khắp "
        "các tổ dân phố.\n\nCông an tỉnh triển khai “Nói không với ma túy” trong trường học."
    )
    found = by_name(text)
    assert place_of(found["Camera vì phố bình yên"]) == ("phường", "Hòa Thuận")
    assert place_of(found["Nói không với ma túy"]) is None


# -- the ANTQ movement -------------------------------------------------------------------------------


def test_all_written_forms_of_the_antq_movement_are_one_campaign_named_in_full() -> None:
    text = (
        "Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8) tại thôn. Phong trào toàn dân "
        "bảo vệ ANTQ được đẩy mạnh; phong trào TDBVANTQ và phong trào BVANTQ ở cơ sở."
    )
    (c,) = campaigns(text)
    assert (c.name, c.kind, c.place) == ("toàn dân bảo vệ an ninh Tổ quốc", "phong trào", None)
    assert [text[s.begin : s.end] for s in c.spans] == [
        "toàn dân bảo vệ an ninh Tổ quốc",
        "toàn dân bảo vệ ANTQ",
        "TDBVANTQ",
        "BVANTQ",
    ]


def test_the_antq_movement_is_named_by_the_fullest_abbreviated_form_written() -> None:
    (c,) = campaigns("Đẩy mạnh phong trào BVANTQ. Phong trào TDBVANTQ có chuyển biến.")
    assert c.name == "TDBVANTQ"
    (c,) = campaigns("Hưởng ứng phong trào BVANTQ ở cơ sở.")
    assert c.name == "BVANTQ"


def test_the_movement_inside_an_organisation_name_is_not_a_mention() -> None:
    assert campaigns("Thượng tá Lê Văn A, Trưởng phòng Xây dựng phong trào bảo vệ ANTQ phát biểu.") == []


def test_a_quoted_full_form_gives_the_name_as_written() -> None:
    (c,) = campaigns(
        "Gắn với phong trào “Toàn dân bảo vệ an ninh Tổ quốc” và phong trào toàn dân bảo vệ ANTQ."
    )
    assert c.name == "Toàn dân bảo vệ an ninh Tổ quốc"
    assert len(c.spans) == 2


# -- one entry per initiative --------------------------------------------------------------------------


def test_repeats_in_either_tone_placement_and_a_lower_case_headline_are_one_campaign_spelt_as_first() -> None:
    text = (
        "Nhân rộng mô hình tổ liên gia tự quản về phòng cháy\n\n"
        "Huyện triển khai mô hình Tổ liên gia tự quản về phòng cháy trên địa bàn. "
        "Các xã gắn “Gia đình văn hoá” với mô hình “Gia đình văn hóa”."
    )
    found = campaigns(text)
    assert [(c.name, c.kind, len(c.spans)) for c in found] == [
        ("Tổ liên gia tự quản về phòng cháy", "mô hình", 2),
        ("Gia đình văn hoá", "mô hình", 2),
    ]


# -- the seed article ---------------------------------------------------------------------------------


def test_seed_campaigns_exactly(seed_path: object) -> None:
    doc = read_document(str(seed_path))
    facts = extract(doc)
    got = {(c.name, c.kind, place_of(c)) for c in facts.campaigns}
    assert got == {
        ("Toàn dân bảo vệ an ninh Tổ quốc", "phong trào", None),
        ("Xã không có tệ nạn ma túy", "phong trào thi đua", None),
        ("Đường phố văn minh, gia đình văn hoá", "phong trào thi đua", None),
        ("Thôn xóm bình yên, gia đình hạnh phúc", "mô hình", ("xã", "Quang Hưng")),
        ("Câu lạc bộ đoàn kết", "mô hình", ("thôn", "Lỗ Xá")),
        ("Toàn dân đoàn kết xây dựng đời sống văn hoá ở khu dân cư", "cuộc vận động", None),
        ("Nghe dân nói, nói dân hiểu và làm cho dân tin", "phong cách làm việc", None),
        ("Khu dân cư tiên tiến", "danh hiệu", None),
    }
    antq = next(c for c in facts.campaigns if c.kind == "phong trào")
    assert [doc.text[s.begin : s.end] for s in antq.spans] == [
        "toàn dân bảo vệ ANTQ",
        "Toàn dân bảo vệ an ninh Tổ quốc",
        "toàn dân bảo vệ ANTQ",
        "bảo vệ ANTQ",
    ]
    for c in facts.campaigns:
        if c is not antq:
            assert [doc.text[s.begin : s.end] for s in c.spans] == [c.name]
    title = next(c for c in facts.campaigns if c.kind == "danh hiệu")
    assert title.spans[0].begin == doc.text.index("Khu dân cư tiên tiến")


# -- robustness ---------------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [*"aăâđeêioôơuưyAĐ “”\"'(),.;:-\n0123456789", "mô hình ", "phong trào ", "xã ", "Thôn "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_never_raises_and_every_span_slices(text: str) -> None:
    ctx = Context(doc=document_from_text(text))
    extract_campaigns(ctx)
    for c in ctx.campaigns:
        assert c.name
        for s in c.spans:
            assert 0 <= s.begin < s.end <= len(ctx.text)


def test_abbreviated_kind_words_and_standard_cues() -> None:
    found = by_name(
        'Hội Phụ nữ duy trì CLB "Phụ nữ với pháp luật" với 40 thành viên. Có 18 xã đạt chuẩn '
        "“An toàn về an ninh, trật tự”; đợt cao điểm “Tấn công trấn áp tội phạm” kết thúc."
    )
    assert {n: c.kind for n, c in found.items()} == {
        "Phụ nữ với pháp luật": "câu lạc bộ",
        "An toàn về an ninh, trật tự": "tiêu chuẩn",
        "Tấn công trấn áp tội phạm": "đợt cao điểm",
    }


def test_a_kind_word_predicated_after_the_quotation() -> None:
    (c,) = campaigns("Ở xã Hòa Phú, “Đèn sáng đường quê” là mô hình do Đoàn Thanh niên thực hiện.")
    assert (c.name, c.kind, place_of(c)) == ("Đèn sáng đường quê", "mô hình", ("xã", "Hòa Phú"))


def test_the_place_after_cua_or_tren_dia_ban() -> None:
    (c,) = campaigns("Huyện khen thưởng mô hình “Nhà trọ an toàn” của phường Tân Định.")
    assert place_of(c) == ("phường", "Tân Định")


def test_a_quoted_document_title_is_not_an_initiative_even_next_to_an_initiative_verb() -> None:
    assert campaigns("Huyện triển khai “Kế hoạch phòng chống tội phạm năm 2024” tới các xã.") == []


def test_a_nickname_given_after_a_kind_word_is_not_a_name_of_that_kind() -> None:
    assert campaigns("Xã duy trì mô hình tự quản, người dân gọi đây là “Lá chắn thép” của thôn.") == []
    (c,) = campaigns("Xã có nhiều mô hình hay, tiêu biểu là “Đèn đường nông thôn”.")
    assert (c.name, c.kind) == ("Đèn đường nông thôn", "mô hình")


def test_speech_after_a_kind_word_is_not_a_name_of_that_kind() -> None:
    assert campaigns("Nói về mô hình này, anh Tuấn cho biết: “Bà con rất ủng hộ”.") == []


def test_a_place_the_places_stage_read_without_type_word_after_o() -> None:
    text = "Xã Thạch Xuân được khen. Mô hình “Đường làng sáng đèn” ở Thạch Xuân được nhân rộng."
    ctx = Context(doc=document_from_text(text))
    xa = Place(type="xã", name="Thạch Xuân")
    at = text.index("Thạch Xuân được nhân")
    ctx.place_index.add(Span(at, at + len("Thạch Xuân")), xa)
    extract_campaigns(ctx)
    (c,) = ctx.campaigns
    assert c.place is xa

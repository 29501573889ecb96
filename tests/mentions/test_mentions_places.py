"""The places stage: administrative and residential units with the chain the text states.

Each test holds the Vietnamese sentence inline and the places it must yield, written as chains
child first: ``"xã Nhân Hòa < huyện Mỹ Hào < tỉnh Hưng Yên"``. The stage runs without the
gazetteer unless a test says otherwise.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from antq_kg.gazetteer import Gazetteer
from antq_kg.mentions import Context
from antq_kg.mentions.places import extract_places
from antq_kg.model import Place
from antq_kg.text import document_from_text, read_document


def run(text: str) -> Context:
    ctx = Context(doc=document_from_text(text))
    extract_places(ctx)
    return ctx


def chain(place: Place) -> str:
    return " < ".join(f"{p.type} {p.name}" + (" (cũ)" if p.former else "") for p in place.chain())


def chains(text: str) -> list[str]:
    return [chain(p) for p in run(text).places]


def mentions(ctx: Context) -> list[tuple[str, str]]:
    """(surface, place) for every mention, in text order."""
    return [(ctx.text[s.begin : s.end], f"{p.type} {p.name}") for s, p in ctx.place_index]


# -- written chains ---------------------------------------------------------------------------------


def test_comma_chain_completed_by_the_article_province() -> None:
    text = "Công an tỉnh Hưng Yên cho biết, mô hình ra mắt ở thôn Lỗ Xá, xã Nhân Hòa, huyện Mỹ Hào."
    assert chains(text) == [
        "tỉnh Hưng Yên",
        "thôn Lỗ Xá < xã Nhân Hòa < huyện Mỹ Hào < tỉnh Hưng Yên",
        "xã Nhân Hòa < huyện Mỹ Hào < tỉnh Hưng Yên",
        "huyện Mỹ Hào < tỉnh Hưng Yên",
    ]


def test_chain_without_comma() -> None:
    text = "Tỉnh Hưng Yên có mô hình hay ở xã Quang Hưng huyện Phù Cừ."
    assert "xã Quang Hưng < huyện Phù Cừ < tỉnh Hưng Yên" in chains(text)


def test_chain_in_parentheses_with_type_words() -> None:
    text = "Ngày 22/5, UBND xã Sen Thủy (huyện Lệ Thủy, tỉnh Quảng Bình) ra mắt mô hình tại thôn Hồ Khê."
    assert chains(text) == [
        "xã Sen Thủy < huyện Lệ Thủy < tỉnh Quảng Bình",
        "huyện Lệ Thủy < tỉnh Quảng Bình",
        "tỉnh Quảng Bình",
        "thôn Hồ Khê < xã Sen Thủy < huyện Lệ Thủy < tỉnh Quảng Bình",
    ]


def test_parent_in_parentheses_without_type_word_takes_the_type_written_elsewhere() -> None:
    text = (
        "Tại xã Thạch Xuân (Thạch Hà), UBND huyện Thạch Hà tổ chức ngày hội. "
        "Đến dự có lãnh đạo Công an tỉnh Hà Tĩnh."
    )
    assert chains(text) == [
        "xã Thạch Xuân < huyện Thạch Hà < tỉnh Hà Tĩnh",
        "huyện Thạch Hà < tỉnh Hà Tĩnh",
        "tỉnh Hà Tĩnh",
    ]


def test_typeless_parent_read_from_a_later_typed_mention() -> None:
    text = (
        "Công an tỉnh Quảng Ngãi sơ kết mô hình. Phường Nguyễn Nghiêm (Đức Phổ) lắp camera. "
        "Ông Sáu, Tổ trưởng tổ dân phố Vĩnh Bình, phường Nguyễn Nghiêm, thị xã Đức Phổ cho biết."
    )
    assert chains(text) == [
        "tỉnh Quảng Ngãi",
        "phường Nguyễn Nghiêm < thị xã Đức Phổ < tỉnh Quảng Ngãi",
        "thị xã Đức Phổ < tỉnh Quảng Ngãi",
        "tổ dân phố Vĩnh Bình < phường Nguyễn Nghiêm < thị xã Đức Phổ < tỉnh Quảng Ngãi",
    ]


def test_typeless_province_in_parentheses_is_the_article_province() -> None:
    ctx = run("Công an huyện Mộc Châu (Sơn La) triệt phá 4 vụ ma túy.")
    assert [chain(p) for p in ctx.places] == ["huyện Mộc Châu < tỉnh Sơn La", "tỉnh Sơn La"]
    assert ctx.province == Place("tỉnh", "Sơn La", spans=ctx.places[1].spans)
    assert mentions(ctx) == [("huyện Mộc Châu", "huyện Mộc Châu"), ("Sơn La", "tỉnh Sơn La")]


def test_thuoc_links_a_unit_to_its_parent() -> None:
    text = "Tại bản Xốp Phe thuộc xã Keng Đu, tỉnh Nghệ An, ngày hội diễn ra sôi nổi."
    assert chains(text)[0] == "bản Xốp Phe < xã Keng Đu < tỉnh Nghệ An"


def test_residential_unit_inside_another_with_thuoc() -> None:
    text = "UBND xã Ô Lâm, tỉnh An Giang ra mắt mô hình tại phum Tà Miệt thuộc ấp Phước Thạnh."
    assert "phum Tà Miệt < ấp Phước Thạnh < xã Ô Lâm < tỉnh An Giang" in chains(text)


# -- lists, numbers, abbreviations --------------------------------------------------------------------


def test_one_type_word_over_two_names() -> None:
    text = "Công an huyện Thạch Hà (Hà Tĩnh) sẽ hướng dẫn 2 xã Thạch Kênh và Thạch Liên tổ chức ngày hội."
    ctx = run(text)
    assert [chain(p) for p in ctx.places][2:] == [
        "xã Thạch Kênh < huyện Thạch Hà < tỉnh Hà Tĩnh",
        "xã Thạch Liên < huyện Thạch Hà < tỉnh Hà Tĩnh",
    ]
    assert mentions(ctx)[2:] == [("xã Thạch Kênh", "xã Thạch Kênh"), ("Thạch Liên", "xã Thạch Liên")]


def test_plural_type_word_over_a_comma_list() -> None:
    text = "Huyện Trần Đề (tỉnh Sóc Trăng) có đồng bào Khmer ở các xã Lịch Hội Thượng, Đại Ân 2, Liêu Tú và Viên Bình."
    assert [c.split(" < ")[0] for c in chains(text)] == [
        "huyện Trần Đề",
        "tỉnh Sóc Trăng",
        "xã Lịch Hội Thượng",
        "xã Đại Ân 2",
        "xã Liêu Tú",
        "xã Viên Bình",
    ]


def test_numbered_names_lose_so_and_are_claimed() -> None:
    text = "Tại tổ dân phố số 6, thị trấn Yên Định, huyện Hải Hậu, camera giúp truy vết nhanh."
    ctx = run(text)
    assert chain(ctx.places[0]) == "tổ dân phố 6 < thị trấn Yên Định < huyện Hải Hậu"
    assert ctx.text[ctx.places[0].spans[0].begin : ctx.places[0].spans[0].end] == "tổ dân phố số 6"
    assert [ctx.text[s.begin : s.end] for s in ctx.claims] == ["tổ dân phố số 6"]


def test_number_ending_a_commune_name_even_before_a_verb() -> None:
    text = "Ở xã Đại Ân 2, mô hình phát huy hiệu quả. Trưởng Công an xã Đại Ân 2 cho biết như vậy."
    ctx = run(text)
    assert [chain(p) for p in ctx.places] == ["xã Đại Ân 2"]
    assert len(ctx.places[0].spans) == 2


def test_bare_number_after_a_type_word_is_a_count_not_a_name() -> None:
    assert chains("Toàn huyện 113 già làng, người có uy tín tham gia; toàn tỉnh 1.126 tổ an ninh.") == []


def test_ward_and_block_numbers() -> None:
    text = "Mô hình ở khu phố 4, phường 5 (thành phố Đông Hà) được nhân rộng."
    assert chains(text) == [
        "khu phố 4 < phường 5 < thành phố Đông Hà",
        "phường 5 < thành phố Đông Hà",
        "thành phố Đông Hà",
    ]


def test_tp_abbreviation_is_thanh_pho_below_the_province_of_the_same_name() -> None:
    text = "Công an tỉnh Quảng Ngãi khen thưởng Công an phường Nguyễn Nghiêm (TP Quảng Ngãi)."
    assert chains(text) == [
        "tỉnh Quảng Ngãi",
        "phường Nguyễn Nghiêm < thành phố Quảng Ngãi < tỉnh Quảng Ngãi",
        "thành phố Quảng Ngãi < tỉnh Quảng Ngãi",
    ]


def test_centrally_run_city_is_a_province() -> None:
    ctx = run("Công an TP. Hồ Chí Minh phối hợp với Công an quận 1 xử lý vụ việc.")
    assert ctx.province is not None and (ctx.province.type, ctx.province.name) == ("thành phố", "Hồ Chí Minh")
    assert chains(ctx.text) == ["thành phố Hồ Chí Minh", "quận 1 < thành phố Hồ Chí Minh"]


# -- not places -------------------------------------------------------------------------------------


def test_type_words_inside_proper_names_are_not_units() -> None:
    text = (
        "Huyện Trần Đề (tỉnh Sóc Trăng) và các huyện Buôn Đôn, Krông Búk của tỉnh Đắk Lắk học tập; "
        "phường Buôn Ma Thuột cũng vậy. Sóc Trăng có nhiều chùa."
    )
    types = {p.type for p in run(text).places}
    assert "sóc" not in types and "buôn" not in types


def test_person_names_with_a_type_word_are_not_units() -> None:
    text = "Thiếu tá Chau Sóc Khăm, Trưởng Công an xã Ô Lâm và bà Néang Sóc Thi cùng tham gia."
    assert chains(text) == ["xã Ô Lâm"]


def test_generic_mentions_are_not_units() -> None:
    text = (
        "Ngày hội rộn ràng nơi phum, sóc Ô Lâm. Công an các xã, thị trấn đưa phong trào đến từng phum, sóc; "
        "các thôn, xóm đều có tổ tự quản."
    )
    assert chains(text) == []


def test_a_type_word_does_not_reach_across_a_line_break() -> None:
    assert chains("góp phần vào thành tích chung của lực lượng Công an toàn tỉnh\n\nPhương Thủy") == []


def test_a_rank_after_a_bare_type_word_is_no_name() -> None:
    assert chains("Phó Giám đốc Công an tỉnh Đại tá Trần Văn Thới dự ngày hội.") == []


# -- former units, reform, same names -------------------------------------------------------------------


def test_former_district_after_the_2025_reform() -> None:
    text = (
        "Sáng 15/8, tại xóm Tân Hùng, xã Quỳnh Lưu, tỉnh Nghệ An, ngày hội được tổ chức; xã được hình "
        "thành trên cơ sở sắp xếp một số xã thuộc huyện Quỳnh Lưu cũ."
    )
    assert chains(text) == [
        "xóm Tân Hùng < xã Quỳnh Lưu < tỉnh Nghệ An",
        "xã Quỳnh Lưu < tỉnh Nghệ An",
        "tỉnh Nghệ An",
        "huyện Quỳnh Lưu (cũ) < tỉnh Nghệ An",
    ]


def test_truoc_day_thuoc_marks_a_former_unit_not_a_parent() -> None:
    text = "UBND xã Ô Lâm, tỉnh An Giang tổ chức ngày hội. Ô Lâm là xã trước đây thuộc huyện Tri Tôn."
    assert chains(text) == ["xã Ô Lâm < tỉnh An Giang", "tỉnh An Giang", "huyện Tri Tôn (cũ) < tỉnh An Giang"]


def test_post_2025_communes_hang_directly_under_the_province() -> None:
    text = "Công an tỉnh Đắk Lắk cho biết: tại xã Cư M’gar, mô hình ra mắt ở buôn Jang Lành."
    assert chains(text) == [
        "tỉnh Đắk Lắk",
        "xã Cư M’gar < tỉnh Đắk Lắk",
        "buôn Jang Lành < xã Cư M’gar < tỉnh Đắk Lắk",
    ]


def test_same_name_at_two_levels_is_two_places() -> None:
    text = (
        "Công an huyện Thạch Hà (Hà Tĩnh) cho biết, tại thị trấn Thạch Hà, ngày hội gắn với ra mắt mô hình."
    )
    assert chains(text) == [
        "huyện Thạch Hà < tỉnh Hà Tĩnh",
        "tỉnh Hà Tĩnh",
        "thị trấn Thạch Hà < huyện Thạch Hà < tỉnh Hà Tĩnh",
    ]


def test_same_commune_name_in_two_provinces_is_two_places() -> None:
    text = (
        "Công an huyện Mộc Châu (Sơn La) phối hợp với Công an xã Tân Lập bắt đối tượng trú tại xã Tân Lập, "
        "huyện Lạc Sơn, tỉnh Hòa Bình. Trưởng Công an xã Tân Lập cho biết thêm."
    )
    ctx = run(text)
    assert [chain(p) for p in ctx.places] == [
        "huyện Mộc Châu < tỉnh Sơn La",
        "tỉnh Sơn La",
        "xã Tân Lập < huyện Mộc Châu < tỉnh Sơn La",
        "xã Tân Lập < huyện Lạc Sơn < tỉnh Hòa Bình",
        "huyện Lạc Sơn < tỉnh Hòa Bình",
        "tỉnh Hòa Bình",
    ]
    assert len(ctx.places[2].spans) == 2  # the last bare mention is the article's own commune


def test_tone_variants_are_one_place_spelt_as_first_written() -> None:
    text = "Công an xã Hải Hoà tuyên truyền. Ở xã Hải Hòa, mô hình ra mắt tại xóm Trung Phú."
    assert chains(text) == ["xã Hải Hoà", "xóm Trung Phú < xã Hải Hoà"]


# -- article-level choices -------------------------------------------------------------------------------


def test_article_province_from_the_title_and_a_bare_cong_an_tinh() -> None:
    ctx = run("Quảng Trị: Quần chúng cung cấp nhiều nguồn tin\n\nNgày 26/12, Công an tỉnh tổ chức hội nghị.")
    assert ctx.province is not None and (ctx.province.type, ctx.province.name) == ("tỉnh", "Quảng Trị")


def test_article_province_prefers_the_lead_over_an_address_in_the_body() -> None:
    text = (
        "Hải Hậu: Chặn lừa đảo\n\nCông an huyện Hải Hậu (Nam Định) ngăn chặn các vụ lừa đảo.\n\n"
        "Đối tượng trú xã Hải An, huyện Hải Lăng, tỉnh Quảng Trị."
    )
    ctx = run(text)
    assert ctx.province is not None and ctx.province.name == "Nam Định"


def test_no_province_when_the_article_names_none() -> None:
    text = "Châu Thành: giữ bình yên\n\nCông an huyện Châu Thành cho biết, ở xã Tân Thạch, mô hình duy trì tại ấp Tân Lợi."
    ctx = run(text)
    assert ctx.province is None
    assert [chain(p) for p in ctx.places] == [
        "huyện Châu Thành",
        "xã Tân Thạch < huyện Châu Thành",
        "ấp Tân Lợi < xã Tân Thạch < huyện Châu Thành",
    ]


def test_residential_unit_belongs_to_the_commune_of_its_passage() -> None:
    text = (
        "Ở xã An Sơn, Công an xã phối hợp với Ban điều hành ấp Bình Phú tuần tra.\n\n"
        "Tại phường Thuận Giao, chủ nhà trọ ở khu phố Hòa Lân 2 kể lại."
    )
    assert chains(text) == [
        "xã An Sơn",
        "ấp Bình Phú < xã An Sơn",
        "phường Thuận Giao",
        "khu phố Hòa Lân 2 < phường Thuận Giao",
    ]


def test_place_helpers_for_later_stages() -> None:
    ctx = run("Mô hình “Bản không có ma túy” ở bản Pa Khen, xã Lóng Sập được nhân rộng.")
    begin = ctx.text.index("bản Pa Khen")
    found = ctx.place_index.at(begin, begin + 3)
    assert found is not None and chain(found) == "bản Pa Khen < xã Lóng Sập"
    before = ctx.place_index.last_before(ctx.text.index(" được"))
    assert before is not None and before.name == "Lóng Sập"
    assert ctx.place_index.at(0, 5) is None


# -- the seed article --------------------------------------------------------------------------------------


def test_seed_places_and_province(seed_path: Path) -> None:
    ctx = Context(doc=read_document(seed_path))
    extract_places(ctx)
    assert [chain(p) for p in ctx.places] == [
        "xã Quang Hưng < huyện Phù Cừ < tỉnh Hưng Yên",
        "huyện Phù Cừ < tỉnh Hưng Yên",
        "thôn Lỗ Xá < xã Nhân Hòa < huyện Mỹ Hào < tỉnh Hưng Yên",
        "xã Nhân Hòa < huyện Mỹ Hào < tỉnh Hưng Yên",
        "huyện Mỹ Hào < tỉnh Hưng Yên",
        "tỉnh Hưng Yên",
    ]
    assert ctx.province is ctx.places[-1]
    surfaces = [ctx.text[s.begin : s.end] for s in ctx.province.spans]
    assert surfaces == ["tỉnh Hưng Yên", "tỉnh Hưng Yên", "Hưng Yên"]
    for span, place in ctx.place_index:
        assert place.name in ctx.text[span.begin : span.end]


# -- robustness -------------------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "xã",
        "huyện",
        "tỉnh",
        "thôn",
        "TP",
        "TP.",
        "phường",
        "số",
        "5",
        "2",
        "(",
        ")",
        ",",
        "và",
        "các",
        "2 xã",
        "thuộc",
        "cũ",
        "Thạch",
        "Hà",
        "Sóc",
        "Trăng",
        "Buôn",
        "Đôn",
        "M'gar",
        "Hoà",
        "Hòa",
        "\n",
        ".",
        "“",
        "”",
        "Đại",
        "tá",
        "tổ dân phố",
        "phum, sóc",
        "trước đây thuộc",
        "Quảng Trị:",
        "Công an",
        "Hồ Chí Minh",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=4)), max_size=40))
def test_never_raises_and_every_span_slices_its_name(parts: list[str]) -> None:
    ctx = run(" ".join(parts))
    for span, place in ctx.place_index:
        assert 0 <= span.begin < span.end <= len(ctx.text)
        surface = ctx.text[span.begin : span.end]
        assert place.name in surface or surface in place.name or place.type == "tỉnh"
    assert all(p.spans for p in ctx.places)


# -- with the gazetteer -------------------------------------------------------------------------------------


def run_with(text: str, gazetteer: Gazetteer) -> Context:
    ctx = Context(doc=document_from_text(text), gazetteer=gazetteer)
    extract_places(ctx)
    return ctx


def test_gazetteer_gives_the_type_the_text_leaves_out(gazetteer: Gazetteer) -> None:
    text = "Công an tỉnh Quảng Ngãi khen thưởng Công an phường Nguyễn Nghiêm (Đức Phổ)."
    assert [chain(p) for p in run_with(text, gazetteer).places] == [
        "tỉnh Quảng Ngãi",
        "phường Nguyễn Nghiêm < thị xã Đức Phổ < tỉnh Quảng Ngãi",
        "thị xã Đức Phổ < tỉnh Quảng Ngãi",
    ]
    # without it, a district-level name in parentheses is read as a huyện
    assert "thị xã Đức Phổ < tỉnh Quảng Ngãi" not in chains(text)


def test_gazetteer_codes_on_the_seed(seed_path: Path, gazetteer: Gazetteer) -> None:
    ctx = Context(doc=read_document(seed_path), gazetteer=gazetteer)
    extract_places(ctx)
    codes = {(p.type, p.name): p.code for p in ctx.places}
    assert codes == {
        ("xã", "Quang Hưng"): "12400",
        ("huyện", "Phù Cừ"): "333",
        ("thôn", "Lỗ Xá"): None,
        ("xã", "Nhân Hòa"): "12118",
        ("huyện", "Mỹ Hào"): "328",
        ("tỉnh", "Hưng Yên"): "33",
    }


def test_gazetteer_keeps_a_commune_of_another_district_out_of_the_article_district(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "Thạch Hà: ngày hội\n\nCông an huyện Thạch Hà (Hà Tĩnh) tổ chức ngày hội ở xã Thạch Xuân; "
        "đoàn công tác của xã Cẩm Bình đến học tập."
    )
    got = [chain(p) for p in run_with(text, gazetteer).places]
    assert "xã Thạch Xuân < huyện Thạch Hà < tỉnh Hà Tĩnh" in got
    # not in Thạch Hà: in the one district the gazetteer gives it before the reform
    assert "xã Cẩm Bình < thành phố Hà Tĩnh < tỉnh Hà Tĩnh" in got


def test_gazetteer_codes_after_the_reform(gazetteer: Gazetteer) -> None:
    text = "UBND xã Quỳnh Lưu, tỉnh Nghệ An tổ chức ngày hội; xã gồm một số xã của huyện Quỳnh Lưu cũ."
    codes = {(p.type, p.name, p.former): p.code for p in run_with(text, gazetteer).places}
    assert codes[("xã", "Quỳnh Lưu", False)] == "17179"  # the new commune (2025-07-01)
    assert codes[("huyện", "Quỳnh Lưu", True)] == "421"  # the abolished district


# -- the genre beyond the development corpus ------------------------------------------------------------


def test_ho_chi_minh_city_written_tp_hcm() -> None:
    ctx = run("Công an phường Bến Nghé, Quận 1, TP.HCM vừa bắt giữ đối tượng.")
    assert [chain(p) for p in ctx.places] == [
        "phường Bến Nghé < quận 1 < thành phố Hồ Chí Minh",
        "quận 1 < thành phố Hồ Chí Minh",
        "thành phố Hồ Chí Minh",
    ]
    assert mentions(ctx)[-1] == ("TP.HCM", "thành phố Hồ Chí Minh")


def test_province_name_with_a_dash() -> None:
    text = "Công an tỉnh Bà Rịa - Vũng Tàu cho biết, tại huyện Đất Đỏ tình hình ổn định."
    assert chains(text) == ["tỉnh Bà Rịa - Vũng Tàu", "huyện Đất Đỏ < tỉnh Bà Rịa - Vũng Tàu"]


def test_a_foreign_province_is_not_the_article_province() -> None:
    ctx = run("Đối tượng trú tại tỉnh Champasak, Lào bị bắt tại huyện Mường Nhé, tỉnh Điện Biên.")
    assert ctx.province is not None and ctx.province.name == "Điện Biên"
    assert "huyện Mường Nhé < tỉnh Điện Biên" in [chain(p) for p in ctx.places]


def test_common_nouns_ending_in_a_residential_word_are_not_units() -> None:
    assert (
        chains(
            "Văn bản Luật Lực lượng tham gia bảo vệ ANTT; về cơ bản Hà Nội ổn định; chăm sóc Người cao tuổi."
        )
        == []
    )


def test_residential_names_that_start_with_a_type_word() -> None:
    assert chains("Người dân thôn Bản Pục, xã Tân Tiến cung cấp tin.") == [
        "thôn Bản Pục < xã Tân Tiến",
        "xã Tân Tiến",
    ]


def test_descriptor_between_type_word_and_name() -> None:
    ctx = run("Tại xã biên giới Na Ư, huyện vùng cao Điện Biên, tỉnh Điện Biên, bà con tích cực tham gia.")
    assert chain(ctx.places[0]) == "xã Na Ư < huyện Điện Biên < tỉnh Điện Biên"
    assert mentions(ctx)[0] == ("xã biên giới Na Ư", "xã Na Ư")


def test_singular_type_word_over_a_list_ending_with_va() -> None:
    text = (
        "Công an huyện Thạch Hà (Hà Tĩnh) hướng dẫn xã Thạch Kênh, Thạch Liên và Thạch Đài tổ chức ngày hội."
    )
    assert [c.split(" < ")[0] for c in chains(text)][2:] == ["xã Thạch Kênh", "xã Thạch Liên", "xã Thạch Đài"]


def test_a_list_stops_at_an_organisation() -> None:
    text = "Công an xã Tân Lập và Ban Chỉ huy Quân sự xã phối hợp tuần tra."
    assert chains(text) == ["xã Tân Lập"]


def test_a_person_after_a_bare_commune_office_is_no_commune() -> None:
    assert chains("Theo ông Lê Văn Tám, Chủ tịch UBND xã Nguyễn Văn Hùng cũng có mặt.") == []


def test_provincial_city_before_the_reform() -> None:
    text = "Công an thành phố Huế, tỉnh Thừa Thiên Huế ra mắt mô hình ở phường Phú Hội."
    assert chains(text)[:2] == ["thành phố Huế < tỉnh Thừa Thiên Huế", "tỉnh Thừa Thiên Huế"]


def test_a_district_named_once_in_the_lead_is_not_what_the_article_is_about() -> None:
    text = (
        "Quảng Trị: tổng kết phong trào\n\nCông an tỉnh Quảng Trị tổ chức hội nghị tại huyện Gio Linh.\n\n"
        "Mô hình ở xã Hướng Lập được biểu dương."
    )
    assert "xã Hướng Lập < tỉnh Quảng Trị" in chains(text)


def test_a_district_in_the_title_is_what_the_article_is_about() -> None:
    text = "Mộc Châu: triệt phá ma túy\n\nCông an huyện Mộc Châu (Sơn La) bắt 5 đối tượng.\n\nTại xã Lóng Sập, bà con báo tin."
    assert "xã Lóng Sập < huyện Mộc Châu < tỉnh Sơn La" in chains(text)


def test_an_address_in_the_lead_does_not_outweigh_the_provincial_police() -> None:
    text = (
        "Bắt đối tượng mua bán ma túy\n\nĐối tượng Lò Văn A (trú tại bản Pa Khen, xã Tân Lập, huyện Lạc Sơn, "
        "tỉnh Hòa Bình) bị bắt quả tang.\n\nCông an tỉnh Sơn La cho biết đang mở rộng điều tra."
    )
    ctx = run(text)
    assert ctx.province is not None and ctx.province.name == "Sơn La"


def test_party_committees_name_their_unit() -> None:
    ctx = run("Huyện uỷ Hoằng Hóa và Tỉnh ủy Thanh Hóa chỉ đạo triển khai mô hình.")
    assert [chain(p) for p in ctx.places] == ["huyện Hoằng Hóa < tỉnh Thanh Hóa", "tỉnh Thanh Hóa"]
    assert mentions(ctx)[0] == ("Huyện uỷ Hoằng Hóa", "huyện Hoằng Hóa")


def test_plural_type_word_with_a_colon() -> None:
    text = "Công an tỉnh Quảng Trị biểu dương các huyện: Hướng Hóa, Đa Krông và Gio Linh."
    assert chains(text)[1:] == [
        "huyện Hướng Hóa < tỉnh Quảng Trị",
        "huyện Đa Krông < tỉnh Quảng Trị",
        "huyện Gio Linh < tỉnh Quảng Trị",
    ]


def test_gazetteer_reads_a_parent_written_after_a_comma_without_type_word(gazetteer: Gazetteer) -> None:
    text = "Ngày hội diễn ra tại xã Thạch Xuân, Thạch Hà, Hà Tĩnh."
    got = [chain(p) for p in run_with(text, gazetteer).places]
    assert got[0] == "xã Thạch Xuân < huyện Thạch Hà < tỉnh Hà Tĩnh"
    assert chains(text)[0] == "xã Thạch Xuân"  # without it the bare name is left alone


def test_a_list_of_former_wards_of_a_former_city() -> None:
    text = (
        "Phường Pleiku (tỉnh Gia Lai) được thành lập trên cơ sở sắp xếp các phường Hội Thương, Hội Phú, "
        "Tây Sơn và Yên Đỗ của thành phố Pleiku cũ."
    )
    assert chains(text)[2:] == [
        "phường Hội Thương < thành phố Pleiku (cũ) < tỉnh Gia Lai",
        "phường Hội Phú < thành phố Pleiku (cũ) < tỉnh Gia Lai",
        "phường Tây Sơn < thành phố Pleiku (cũ) < tỉnh Gia Lai",
        "phường Yên Đỗ < thành phố Pleiku (cũ) < tỉnh Gia Lai",
        "thành phố Pleiku (cũ) < tỉnh Gia Lai",
    ]


def test_lang_is_a_residential_unit_but_gia_lang_is_a_village_elder() -> None:
    text = "Tại làng Plei Ốp, phường Pleiku, già làng Rơ Châm Hyin và bà con buôn làng Ê Đê cùng tham gia."
    assert chains(text) == ["làng Plei Ốp < phường Pleiku", "phường Pleiku"]


def test_abbreviated_ward_and_district_in_an_address() -> None:
    text = "Đối tượng trú tại P.Bến Nghé, Q.1, TP.HCM đã bị tạm giữ."
    assert chains(text)[0] == "phường Bến Nghé < quận 1 < thành phố Hồ Chí Minh"


def test_a_name_running_on_into_a_person_is_cut_at_the_known_unit() -> None:
    ctx = run("Giám đốc Công an tỉnh Quảng Trị Lê Hồng Phong dự hội nghị.")
    assert [chain(p) for p in ctx.places] == ["tỉnh Quảng Trị"]
    assert mentions(ctx) == [("tỉnh Quảng Trị", "tỉnh Quảng Trị")]


def test_a_district_name_running_on_into_a_person_is_cut_where_the_article_names_it() -> None:
    text = "Công an huyện Thạch Hà cho biết; Trưởng Công an huyện Thạch Hà Nguyễn Đình Lực phát biểu."
    assert chains(text) == ["huyện Thạch Hà"]


def test_after_the_reform_a_district_named_in_passing_is_no_parent() -> None:
    text = (
        "Sau khi vận hành chính quyền địa phương hai cấp, Công an tỉnh Nghệ An kiểm tra xã Quỳnh Lưu; "
        "huyện Quỳnh Lưu có truyền thống.\n\nTại xã Quỳnh Lưu, ngày hội diễn ra sôi nổi; Công an huyện Quỳnh Lưu phối hợp."
    )
    assert "xã Quỳnh Lưu < tỉnh Nghệ An" in chains(text)


def test_a_caption_credit_in_parentheses_is_no_parent() -> None:
    assert chains("Bà con tham gia ngày hội tại xã Ô Lâm (Ảnh: Hữu Nghĩa).") == ["xã Ô Lâm"]


def test_a_numbered_unit_before_a_verb_and_a_count_after_a_type_word() -> None:
    assert chains("Thôn 3 có 200 hộ dân, xã Ea Tiêu.") == ["thôn 3 < xã Ea Tiêu", "xã Ea Tiêu"]
    assert chains("Toàn xã 12 thôn đều có tổ tự quản; mỗi thôn 2 tổ.") == []


# -- generalisation: districts the text leaves out, names the person rule would cut, generic hamlets --------


def test_gazetteer_completes_the_district_a_pre_2025_article_leaves_out(gazetteer: Gazetteer) -> None:
    text = (
        "Công an tỉnh Quảng Ninh tổ chức ngày hội tại khu phố 3, phường Hồng Gai; trước đó, "
        "Công an xã Quảng Chính cũng ra mắt mô hình."
    )
    assert [chain(p) for p in run_with(text, gazetteer).places] == [
        "tỉnh Quảng Ninh",
        "khu phố 3 < phường Hồng Gai < thành phố Hạ Long < tỉnh Quảng Ninh",
        "phường Hồng Gai < thành phố Hạ Long < tỉnh Quảng Ninh",
        "xã Quảng Chính < huyện Hải Hà < tỉnh Quảng Ninh",
    ]
    # the completed districts are parents only: the article never names them, so they are no places
    assert chains(text)[2] == "phường Hồng Gai < tỉnh Quảng Ninh"  # without the gazetteer


def test_gazetteer_completes_the_district_between_a_commune_and_its_written_province(
    gazetteer: Gazetteer,
) -> None:
    text = "Ngày 3/4/2024, Công an tỉnh Thanh Hóa tổ chức hội nghị tại xã Cẩm Bình (tỉnh Thanh Hóa)."
    assert "xã Cẩm Bình < huyện Cẩm Thủy < tỉnh Thanh Hóa" in [
        chain(p) for p in run_with(text, gazetteer).places
    ]


def test_no_district_completed_when_the_commune_name_is_in_two_districts(gazetteer: Gazetteer) -> None:
    text = "Công an tỉnh Quảng Ngãi khen thưởng Công an phường Nguyễn Nghiêm."
    assert "phường Nguyễn Nghiêm < tỉnh Quảng Ngãi" in [chain(p) for p in run_with(text, gazetteer).places]


def test_no_district_completed_after_the_reform(gazetteer: Gazetteer) -> None:
    text = "Từ ngày 1/7/2025, Công an tỉnh Sơn La chỉ đạo Công an xã Tân Lập ra mắt mô hình."
    assert "xã Tân Lập < tỉnh Sơn La" in [chain(p) for p in run_with(text, gazetteer).places]


def test_the_district_the_article_writes_wins_over_the_gazetteer(gazetteer: Gazetteer) -> None:
    # the gazetteer's last pre-reform snapshot has Nghi Phong in thành phố Vinh (2025); the article,
    # written earlier, puts it in huyện Nghi Lộc, also where it first names the commune bare
    text = (
        "Ngày hội được tổ chức ở xã Nghi Phong. Năm 2023, Công an tỉnh Nghệ An đã khen thưởng "
        "Công an xã Nghi Phong, huyện Nghi Lộc."
    )
    ctx = run_with(text, gazetteer)
    assert [chain(p) for p in ctx.places] == [
        "xã Nghi Phong < huyện Nghi Lộc < tỉnh Nghệ An",
        "tỉnh Nghệ An",
        "huyện Nghi Lộc < tỉnh Nghệ An",
    ]
    assert [s for s, _ in mentions(ctx)] == [
        "xã Nghi Phong",
        "tỉnh Nghệ An",
        "xã Nghi Phong",
        "huyện Nghi Lộc",
    ]


def test_a_unit_named_after_a_person_is_kept_when_the_gazetteer_knows_it(gazetteer: Gazetteer) -> None:
    text = "Chủ tịch UBND xã Phạm Văn Cội (huyện Củ Chi) phát biểu tại hội nghị của Công an TP.HCM."
    assert "xã Phạm Văn Cội < huyện Củ Chi < thành phố Hồ Chí Minh" in [
        chain(p) for p in run_with(text, gazetteer).places
    ]
    # a person after the commune office is still no commune, with or without the gazetteer
    text = "Chủ tịch UBND xã Nguyễn Văn Tám cho biết, Công an tỉnh Long An đã hỗ trợ."
    assert [chain(p) for p in run_with(text, gazetteer).places] == ["tỉnh Long An"]
    assert chains("Chủ tịch UBND xã Phạm Văn Cội phát biểu.") == []


def test_post_2025_ward_names_with_a_dash(gazetteer: Gazetteer) -> None:
    text = (
        "Công an phường Xuân Hương – Đà Lạt phối hợp với Công an phường Cam Ly - Đà Lạt "
        "(tỉnh Lâm Đồng) tuần tra."
    )
    ctx = run_with(text, gazetteer)
    assert [chain(p) for p in ctx.places] == [
        "phường Xuân Hương – Đà Lạt < tỉnh Lâm Đồng",
        "phường Cam Ly - Đà Lạt < tỉnh Lâm Đồng",
        "tỉnh Lâm Đồng",
    ]
    assert [s for s, _ in mentions(ctx)][:2] == ["phường Xuân Hương – Đà Lạt", "phường Cam Ly - Đà Lạt"]
    # without the gazetteer the name stops at the dash: "A - B" may as well be two things
    assert chains("Công an phường Xuân Hương – Đà Lạt tuần tra.") == ["phường Xuân Hương"]


def test_an_ethnic_group_after_a_residential_word_is_no_unit() -> None:
    text = "Đoàn công tác về bản Mường Pồn và các bản Thái, bản Mông; đêm hội ở buôn Ê Đê và xóm Mường."
    ctx = run(text)
    assert [s for s, _ in mentions(ctx)] == ["bản Mường Pồn"]


def test_khom_is_a_residential_unit() -> None:
    text = "Công an tỉnh Trà Vinh: ông Thạch Phum, trú khóm 5, phường 7, thành phố Trà Vinh."
    assert "khóm 5 < phường 7 < thành phố Trà Vinh < tỉnh Trà Vinh" in chains(text)


def test_a_plural_type_word_and_a_descriptor_open_a_list_with_la_gom_nhu() -> None:
    text = "Huyện có 3 xã vùng cao là Mường Lý, Trung Lý và Tam Chung (huyện Mường Lát, tỉnh Thanh Hóa)."
    ctx = run(text)
    assert [chain(p) for p in ctx.places][:3] == [
        "xã Mường Lý < huyện Mường Lát < tỉnh Thanh Hóa",
        "xã Trung Lý < huyện Mường Lát < tỉnh Thanh Hóa",
        "xã Tam Chung < huyện Mường Lát < tỉnh Thanh Hóa",
    ]
    assert [s for s, _ in mentions(ctx)][:3] == ["xã vùng cao là Mường Lý", "Trung Lý", "Tam Chung"]
    assert [s for s, _ in mentions(run("Tỉnh Đắk Lắk: các phường gồm Tân An và Tân Hòa đã ra mắt."))][1:] == [
        "phường gồm Tân An",
        "Tân Hòa",
    ]
    # after a singular type word "là" opens no name: "UBND xã là ông …"
    assert chains("Chủ tịch UBND xã là ông Lò Văn Hùng.") == []


def test_state_farm_towns_keep_their_lower_case_nong_truong(gazetteer: Gazetteer) -> None:
    text = "Công an tỉnh Sơn La: thị trấn Nông trường Mộc Châu ra mắt mô hình tại tiểu khu 3."
    ctx = run_with(text, gazetteer)
    assert [chain(p) for p in ctx.places] == [
        "tỉnh Sơn La",
        "thị trấn Nông trường Mộc Châu < huyện Mộc Châu < tỉnh Sơn La",
        "tiểu khu 3 < thị trấn Nông trường Mộc Châu < huyện Mộc Châu < tỉnh Sơn La",
    ]
    assert ctx.places[1].code == "03982"  # the GSO list writes it "NT Mộc Châu"


def test_bare_to_with_a_number_is_a_residential_block_only_in_an_address() -> None:
    text = "Ông Nguyễn Văn Bình, trú tại tổ 12, phường Quang Trung, thành phố Thái Nguyên, tỉnh Thái Nguyên."
    assert chains(text)[0] == "tổ dân phố 12 < phường Quang Trung < thành phố Thái Nguyên < tỉnh Thái Nguyên"
    assert "tổ dân phố 3 < thị trấn Bát Xát < huyện Bát Xát" in chains(
        "Anh Lý A Sình trú tại tổ 3 thị trấn Bát Xát, huyện Bát Xát."
    )
    # a group of people, not a unit: no commune after it
    ctx = run("Mỗi tổ 3 người; tổ 1 tuần tra ở thôn Đông, xã Tân Lập. Tổ 5 có 20 hộ.")
    assert [s for s, _ in mentions(ctx)] == ["thôn Đông", "xã Tân Lập"]


def test_a_report_on_several_provinces_puts_a_unit_in_the_named_province_that_has_it(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "Hội nghị có đại diện Công an các tỉnh Hà Giang, Lào Cai và Lai Châu. Tại xã Y Tý (huyện Bát Xát), "
        "mô hình được nhân rộng; Công an xã Mù Cả cũng tham gia, xã Thanh Thủy cũng vậy."
    )
    assert [chain(p) for p in run_with(text, gazetteer).places][3:] == [
        "xã Y Tý < huyện Bát Xát < tỉnh Lào Cai",
        "huyện Bát Xát < tỉnh Lào Cai",
        "xã Mù Cả < huyện Mường Tè < tỉnh Lai Châu",
        "xã Thanh Thủy < huyện Vị Xuyên < tỉnh Hà Giang",  # the article's province has one: it wins
    ]
    text = (
        "Thực hiện chính quyền địa phương hai cấp, Công an tỉnh Lâm Đồng phối hợp với Công an tỉnh "
        "Khánh Hòa tuần tra. Công an xã Cam Lâm và Công an xã Di Linh ký kết quy chế."
    )
    assert [chain(p) for p in run_with(text, gazetteer).places][2:] == [
        "xã Cam Lâm < tỉnh Khánh Hòa",
        "xã Di Linh < tỉnh Lâm Đồng",
    ]


def test_a_residential_unit_named_before_its_commune_is_one_place() -> None:
    text = (
        "Lệ Thủy: Ngày hội ở thôn Hồ Khê\n\n"
        "Tại thôn Hồ Khê, xã Sen Thủy, huyện Lệ Thủy, Công an tỉnh Quảng Bình tổ chức ngày hội."
    )
    ctx = run(text)
    assert [chain(p) for p in ctx.places if p.type == "thôn"] == [
        "thôn Hồ Khê < xã Sen Thủy < huyện Lệ Thủy < tỉnh Quảng Bình"
    ]
    assert [s for s, p in mentions(ctx) if p == "thôn Hồ Khê"] == ["thôn Hồ Khê", "thôn Hồ Khê"]


def test_units_in_an_all_caps_title(gazetteer: Gazetteer) -> None:
    text = (
        'CÔNG AN HUYỆN KIM SƠN RA MẮT MÔ HÌNH "GIÁO XỨ BÌNH YÊN" Ở XÃ KIM ĐÔNG\n\n'
        "Ngày 5/3, Công an huyện Kim Sơn (tỉnh Ninh Bình) tổ chức ra mắt mô hình tại thị trấn Phát Diệm."
    )
    ctx = run_with(text, gazetteer)
    assert [chain(p) for p in ctx.places] == [
        "huyện Kim Sơn < tỉnh Ninh Bình",
        "xã Kim Đông < huyện Kim Sơn < tỉnh Ninh Bình",  # named only in the title: the gazetteer knows it
        "tỉnh Ninh Bình",
        "thị trấn Phát Diệm < huyện Kim Sơn < tỉnh Ninh Bình",
    ]
    assert [s for s, _ in mentions(ctx)][:3] == ["HUYỆN KIM SƠN", "XÃ KIM ĐÔNG", "huyện Kim Sơn"]
    # without the gazetteer a title name is read only when the body writes it (spelt as the body does)
    text = "QUẢNG BÌNH: NGÀY HỘI Ở THÔN HỒ KHÊ\n\nTại thôn Hồ Khê, xã Sen Thủy, Công an tỉnh Quảng Bình tổ chức ngày hội."
    ctx = run(text)
    assert [chain(p) for p in ctx.places] == [
        "tỉnh Quảng Bình",
        "thôn Hồ Khê < xã Sen Thủy < tỉnh Quảng Bình",
        "xã Sen Thủy < tỉnh Quảng Bình",
    ]
    assert [s for s, _ in mentions(ctx)][:2] == ["QUẢNG BÌNH", "THÔN HỒ KHÊ"]


def test_a_date_after_the_reform_sets_the_two_level_era(gazetteer: Gazetteer) -> None:
    text = "Ngày 12/9/2025, Công an tỉnh Lâm Đồng vừa khen thưởng Công an xã Gia Hiệp."
    assert [chain(p) for p in run_with(text, gazetteer).places] == [
        "tỉnh Lâm Đồng",
        "xã Gia Hiệp < tỉnh Lâm Đồng",
    ]
    # a deadline is no date of the report: before the reform xã Gia Hiệp was in huyện Di Linh
    text = "Phấn đấu đến ngày 31/12/2025, Công an tỉnh Lâm Đồng và Công an xã Gia Hiệp hoàn thành kế hoạch."
    assert "xã Gia Hiệp < huyện Di Linh < tỉnh Lâm Đồng" in [
        chain(p) for p in run_with(text, gazetteer).places
    ]


def test_communes_that_exist_only_after_the_reform_set_the_two_level_era(gazetteer: Gazetteer) -> None:
    text = "Công an tỉnh Lâm Đồng vừa khen thưởng Công an xã Đạ Huoai và Công an xã Gia Hiệp."
    assert [chain(p) for p in run_with(text, gazetteer).places] == [
        "tỉnh Lâm Đồng",
        "xã Đạ Huoai < tỉnh Lâm Đồng",  # a commune of the 2025 list only
        "xã Gia Hiệp < tỉnh Lâm Đồng",
    ]


def test_khoi_and_khu_are_residential_units_only_with_a_commune_after_them() -> None:
    assert chains("Tại khối 5, phường Hưng Bình, TP Vinh, Nghệ An, mô hình được duy trì.")[0] == (
        "khối 5 < phường Hưng Bình < thành phố Vinh < tỉnh Nghệ An"
    )
    ctx = run(
        "Khu 3, thị trấn Hùng Sơn có 200 hộ; khu vực biên giới, khu dân cư số 4, khối Cảnh sát, khu 5 có 300 hộ."
    )
    assert [s for s, _ in mentions(ctx)] == ["Khu 3", "thị trấn Hùng Sơn"]


def test_tdp_and_kp_abbreviate_residential_units() -> None:
    ctx = run("Ông A trú TDP 5, phường Tân Lập; bà B trú KP 3, phường Bình Chuẩn.")
    assert [chain(p) for p in ctx.places] == [
        "tổ dân phố 5 < phường Tân Lập",
        "phường Tân Lập",
        "khu phố 3 < phường Bình Chuẩn",
        "phường Bình Chuẩn",
    ]

"""Abbreviations stage: those the text defines in parentheses and those it uses undefined.

Patterns ``abbr_defined``, ``abbr_defined_comma``, ``abbr_undefined`` of
``docs/ANNOTATION.md``; expansions of undefined ones from docs/VOCABULARY.md §3e.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from antq_kg.mentions import Context, extract
from antq_kg.mentions.abbrev import extract_abbreviations
from antq_kg.model import Abbreviation, facts_from_json, facts_to_json
from antq_kg.text import document_from_text, read_document


def abbreviations(text: str) -> dict[str, Abbreviation]:
    ctx = Context(doc=document_from_text(text))
    extract_abbreviations(ctx)
    return {a.short: a for a in ctx.abbreviations}


def expansions(text: str) -> dict[str, str | None]:
    return {k: a.expansion for k, a in abbreviations(text).items()}


def test_an_abbreviation_defined_in_parentheses_takes_the_words_its_initials_spell() -> None:
    assert expansions("Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc (ANTQ) năm 2024.") == {
        "ANTQ": "an ninh Tổ quốc"
    }


def test_a_definition_after_a_phrase_with_a_comma() -> None:
    assert expansions("Tình hình an ninh, trật tự (ANTT) ổn định; các vụ việc về ANTT giảm.") == {
        "ANTT": "an ninh, trật tự"
    }


def test_a_definition_after_a_quoted_name_and_an_upper_case_word_inside_the_phrase() -> None:
    text = (
        "Thực hiện phong trào“Toàn dân bảo vệ an ninh Tổ quốc” (TDBVANTQ). "
        "Phong trào bảo vệ ANTQ (BVANTQ) có chuyển biến."
    )
    got = expansions(text)
    assert got["TDBVANTQ"] == "Toàn dân bảo vệ an ninh Tổ quốc"
    assert got["BVANTQ"] == "bảo vệ ANTQ"


def test_a_definition_wins_over_the_lexicon() -> None:
    assert expansions("Lực lượng phòng cháy chữa cháy (PCCC) có mặt.")["PCCC"] == "phòng cháy chữa cháy"


def test_gọi_tắt_là_defines_too() -> None:
    text = "Thành lập Tổ bảo vệ an ninh, trật tự (sau đây gọi tắt là TBVANTT) ở mỗi thôn."
    assert expansions(text) == {"TBVANTT": "Tổ bảo vệ an ninh, trật tự"}


def test_undefined_abbreviations_take_the_lexicon_expansion_or_none() -> None:
    assert expansions("Phó Chủ tịch UBND xã, Chủ tịch HĐND huyện và đại diện XKTQ dự.") == {
        "UBND": "Ủy ban nhân dân",
        "HĐND": "Hội đồng nhân dân",
        "XKTQ": None,
    }


def test_a_known_misspelling_takes_the_expansion_of_the_form_it_stands_for() -> None:
    (a,) = abbreviations("được Ủy ban MTQT tỉnh công nhận").values()
    assert (a.short, a.expansion, a.canonical, a.defined) == ("MTQT", "Mặt trận Tổ quốc", "MTTQ", False)


def test_defined_tells_the_text_s_definition_from_the_lexicon_s() -> None:
    got = abbreviations("Giữ vững an ninh, trật tự (ANTT); UBND xã chỉ đạo.")
    assert (got["ANTT"].defined, got["UBND"].defined) == (True, False)


def test_document_numbers_and_licence_plates_are_not_abbreviations() -> None:
    text = (
        "Thực hiện Nghị định 42/2021/NĐ-CP và Chỉ thị số 09-CT/TW; xe biển kiểm soát 28B1-406.21 "
        "bị giữ. Thượng tá Phạm Ngọc Long- Trưởng phòng PV05- Công an tỉnh."
    )
    assert list(expansions(text)) == ["PV05"]


def test_an_all_caps_headline_is_not_a_list_of_abbreviations() -> None:
    assert expansions("CÔNG AN TỈNH TỔ CHỨC NGÀY HỘI AN TOÀN\nUBND xã dự.") == {"UBND": "Ủy ban nhân dân"}


def test_each_abbreviation_once_in_order_of_first_mention_with_every_span() -> None:
    text = "UBND xã phối hợp MTTQ xã; UBND huyện biểu dương."
    got = abbreviations(text)
    assert list(got) == ["UBND", "MTTQ"]
    assert [text[s.begin : s.end] for s in got["UBND"].spans] == ["UBND", "UBND"]
    assert got["UBND"].spans[1].begin == text.index("UBND huyện")


def test_seed_abbreviations(seed_path: object) -> None:
    facts = extract(read_document(str(seed_path)))
    assert {a.short: a.expansion for a in facts.abbreviations} == {
        "ANTQ": "an ninh Tổ quốc",
        "ANTT": "an ninh, trật tự",
        "MTQT": "Mặt trận Tổ quốc",
    }


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ANTQĐUB05 ()-/.,abcđ\n", max_size=60))
def test_never_raises_and_every_span_slices(text: str) -> None:
    ctx = Context(doc=document_from_text(text))
    extract_abbreviations(ctx)
    for a in ctx.abbreviations:
        assert all(ctx.text[s.begin : s.end] == a.short for s in a.spans)


def test_a_definition_the_other_way_round() -> None:
    got = abbreviations("Đảm bảo ANTT (an ninh, trật tự) trên địa bàn; CSGT (ở ngã tư) làm nhiệm vụ.")
    assert (got["ANTT"].expansion, got["ANTT"].defined) == ("an ninh, trật tự", True)
    assert (got["CSGT"].expansion, got["CSGT"].defined) == ("Cảnh sát giao thông", False)


def test_the_facts_json_marks_what_the_text_does_not_define() -> None:
    text = "UBND xã và MTQT xã phối hợp giữ an ninh, trật tự (ANTT); tổ XKLD hỗ trợ."
    facts = extract(document_from_text(text))
    assert facts_to_json(facts)["abbreviations"] == {
        "UBND": "Ủy ban nhân dân (undefined)",
        "MTQT": "Mặt trận Tổ quốc (misspelling of MTTQ) (undefined)",
        "ANTT": "an ninh, trật tự",
        "XKLD": "(undefined)",
    }


def test_the_facts_json_abbreviations_read_back_as_written() -> None:
    text = "Ban Chỉ đạo phong trào toàn dân bảo vệ ANTQ (TDBVANTQ) và UBND huyện, MTQT huyện dự."
    facts = extract(document_from_text(text))
    again = facts_from_json(facts_to_json(facts), text=facts.text, path=facts.path)
    assert [(a.short, a.expansion, a.defined, a.canonical) for a in again.abbreviations] == [
        (a.short, a.expansion, a.defined, a.canonical) for a in facts.abbreviations
    ]
    assert {a.short: a.defined for a in again.abbreviations}["TDBVANTQ"] is True


def test_a_birth_year_marker_is_not_listed_as_an_abbreviation() -> None:
    got = abbreviations(
        "Đối tượng Lò Văn Tuấn (SN 1995, trú bản Nà Sài) bị Công an huyện bắt giữ; UBND xã hỗ trợ."
    )
    assert list(got) == ["UBND"]


def test_a_name_written_in_capitals_inside_a_sentence_is_not_a_list_of_abbreviations() -> None:
    text = (
        "Ngày 6/4/2024, BAN CHỈ ĐẠO PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC tổ chức hội nghị sơ kết "
        "công tác năm 2024 và triển khai nhiệm vụ năm 2025 tại hội trường của xã, có đại diện lãnh đạo "
        "UBND, MTTQ xã cùng các ban, ngành, đoàn thể của xã và nhiều cán bộ, đảng viên cùng nhân dân dự."
    )
    assert expansions(text) == {"UBND": "Ủy ban nhân dân", "MTTQ": "Mặt trận Tổ quốc"}


def test_a_known_abbreviation_inside_capitals_still_counts() -> None:
    text = (
        "Ngày 6/4/2024, ĐẠI HỘI THI ĐUA VÌ ANTQ TỈNH HƯNG YÊN khai mạc tại hội trường của tỉnh với sự có "
        "mặt của đông đảo đại biểu các sở, ban, ngành, đoàn thể và lực lượng công an các xã, phường."
    )
    assert list(expansions(text)) == ["ANTQ"]


def test_two_abbreviations_side_by_side_are_not_a_name_in_capitals() -> None:
    assert list(expansions("Đại diện UBND MTTQ xã và PV05 dự.")) == ["UBND", "MTTQ", "PV05"]

"""Ingest normalisation and the match view (NLP.md §4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from antq_kg.errors import ArticleError
from antq_kg.text import fold, read_document


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("hoà", "hòa"),
        ("Hoà", "hòa"),
        ("khoẻ", "khỏe"),
        ("thuỷ", "thủy"),
        ("tận tuỵ", "tận tụy"),
        ("văn hoá", "văn hóa"),
    ],
)
def test_fold_moves_second_vowel_tone_to_first(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    "word",
    ["hoàn", "hoàng", "quý", "quỳnh", "khuya", "huỳnh", "khuỷu", "thuở", "thuyên", "toán", "quả", "huấn"],
)
def test_fold_leaves_closed_syllables_and_qu_alone(word: str) -> None:
    assert fold(word) == word


def test_fold_keeps_length_on_the_seed(seed_path: Path) -> None:
    text = read_document(seed_path).text
    assert len(fold(text)) == len(text)


def test_read_document_normalises_bom_crlf_and_nfd(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffNha\u0302n Ho\u0300a\r\nxã".encode())
    assert read_document(path).text == "Nhân Hòa\nxã"


def test_read_document_decodes_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Hưng Yên".encode("utf-16"))
    assert read_document(path).text == "Hưng Yên"


def test_read_document_names_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Hưng ".encode() + b"\xe9t\xe9")
    with pytest.raises(ArticleError, match=r"invalid byte 0xe9 at byte offset 6"):
        read_document(path)


def test_read_document_rejects_empty_and_binary(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(ArticleError, match="empty file"):
        read_document(empty)
    with pytest.raises(ArticleError, match="binary file"):
        read_document(binary)

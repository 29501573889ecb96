"""Ingest normalisation and the match view (both tone placements of oa, oe, uy)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from antq_kg.errors import ArticleError
from antq_kg.text import DEFAULT_MAX_BYTES, fold, read_document


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


def test_a_50_mb_file_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    import tracemalloc

    big = tmp_path / "dump.txt"
    with big.open("wb") as f:  # sparse: 50 MiB of NUL bytes, none written
        f.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(ArticleError) as info:
            read_document(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (
        str(info.value)
        == f"{big}: file too large: 52,428,800 bytes (limit 16 MiB; raise it with --max-bytes)"
    )
    assert peak < 1024 * 1024  # not read: reading would allocate 50 MiB (and say "binary file: NUL byte")


def test_max_bytes_is_the_largest_size_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    data = "Công an xã Nhân Hòa\n".encode()
    path.write_bytes(data)
    assert read_document(path, max_bytes=len(data)).text == "Công an xã Nhân Hòa\n"
    with pytest.raises(
        ArticleError,
        match=rf"^{re.escape(str(path))}: file too large: {len(data)} bytes "
        rf"\(limit {len(data) - 1} bytes; raise it with --max-bytes\)$",
    ):
        read_document(path, max_bytes=len(data) - 1)
    assert DEFAULT_MAX_BYTES == 16 * 1024 * 1024


# -- the fast match view equals its definition, character by character -----------------------------

_REFERENCE_TONE = re.compile(r"(?<![\w])(\w*?)(?:(o)([àáảãạèéẻẽẹ])|(?<!q)(u)([ỳýỷỹỵ]))(?!\w)")
_REFERENCE_SPECIAL = {
    "\u00d0": "đ",
    "\u00f0": "đ",
    "\u00a0": " ",
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
}


def reference_fold(text: str) -> str:
    """The match view as first written: each character folded alone, then the tone moved per word."""

    def char(ch: str) -> str:
        if ch in _REFERENCE_SPECIAL:
            return _REFERENCE_SPECIAL[ch]
        low = ch.lower()
        return low if len(low) == 1 else ch

    def move(first: str, toned: str) -> str:
        parts = unicodedata.normalize("NFD", toned)
        tone = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        plain = "".join(c for c in parts if c not in "\u0300\u0301\u0303\u0309\u0323")
        return unicodedata.normalize("NFC", first + tone) + unicodedata.normalize("NFC", plain)

    def repl(m: re.Match[str]) -> str:
        if m.group(2):
            return m.group(1) + move(m.group(2), m.group(3))
        return m.group(1) + move(m.group(4), m.group(5))

    return _REFERENCE_TONE.sub(repl, "".join(map(char, text)))


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐOƠUƯY QÐðİΣσ“”‘’\u00a0\n,.-0123456789" + "".join(
    unicodedata.normalize("NFC", v + t) for v in "aeiouyAOUY" for t in "\u0300\u0301\u0303\u0309\u0323"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_fold_equals_the_character_by_character_definition(text: str) -> None:
    assert fold(text) == reference_fold(text)
    assert len(fold(text)) == len(text)


def test_fold_equals_its_definition_on_the_seed_and_on_capitals_that_lower_to_two(seed_path: Path) -> None:
    text = read_document(seed_path).text
    assert fold(text) == reference_fold(text)
    assert fold("İSTANBUL HOÀ") == "İstanbul hòa"  # İ lowers to two code points: kept as is
    assert fold("ΟΔΟΣ") == "οδοσ"  # capital sigma folded alone, not to the final ς

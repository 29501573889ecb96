"""Lexicon files declare their columns; the loader returns typed rows and names file:line on a bad row."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Literal

import pytest

from antq_kg.errors import LexiconError
from antq_kg.lexicon import parse_table, parse_words, rows


@dataclass(frozen=True, slots=True)
class Row:
    word: str
    kind: Literal["civil", "religious"]
    level: int
    local: bool
    aliases: tuple[str, ...] = ()
    note: str | None = None


HEADER = "# a comment\nword\tkind\tlevel\tlocal\taliases\tnote\n"


def test_rows_are_typed_by_the_record_and_trailing_columns_take_the_defaults() -> None:
    text = HEADER + "ông\tcivil\t1\tyes\n\nHòa thượng\treligious\t2\tno\tHT|Thượng tọa\tghi chú\n"
    assert parse_table(text, Row, path="x.tsv") == (
        Row("ông", "civil", 1, True),
        Row("Hòa thượng", "religious", 2, False, ("HT", "Thượng tọa"), "ghi chú"),
    )


def test_entries_are_nfc_and_stripped() -> None:
    (row,) = parse_table(HEADER + " Ho\u0300a \tcivil\t1\tyes\n", Row, path="x.tsv")
    assert row.word == "Hòa"


def test_an_empty_optional_column_takes_the_default() -> None:
    (row,) = parse_table(HEADER + "ông\tcivil\t1\tyes\t\tghi chú\n", Row, path="x.tsv")
    assert (row.aliases, row.note) == ((), "ghi chú")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "ông\tcivil\t1\n",
            "x.tsv:3: 3 columns where 4 to 6 are expected (word | kind | level | local | aliases | note)",
        ),
        ("ông\tcivil\t1\tyes\t\t\textra\n", "x.tsv:3: 7 columns where 4 to 6 are expected"),
        ("ông\tlay\t1\tyes\n", "x.tsv:3: column 'kind': 'lay' is not one of civil, religious"),
        ("ông\tcivil\tone\tyes\n", "x.tsv:3: column 'level': invalid literal for int() with base 10: 'one'"),
        ("ông\tcivil\t1\ttrue\n", "x.tsv:3: column 'local': 'true' is not yes or no"),
        ("\tcivil\t1\tyes\n", "x.tsv:3: column 'word': empty value"),
    ],
)
def test_a_malformed_row_fails_with_file_and_line(body: str, message: str) -> None:
    with pytest.raises(LexiconError) as err:
        parse_table(HEADER + body, Row, path="x.tsv")
    assert str(err.value).startswith(message)


def test_a_header_that_does_not_name_the_record_s_fields_fails() -> None:
    with pytest.raises(LexiconError, match=r"^x\.tsv:2: header 'word \| type'"):
        parse_table("# c\nword\ttype\nông\tcivil\n", Row, path="x.tsv")
    with pytest.raises(LexiconError, match=r"^x\.tsv: no header line"):
        parse_table("# only comments\n", Row, path="x.tsv")


def test_a_word_list_has_one_column() -> None:
    assert parse_words("# c\nword\nông\nbà\n", path="w.tsv") == ("ông", "bà")
    with pytest.raises(LexiconError, match=r"^w\.tsv:3: 2 columns where a word list has 1"):
        parse_words("word\nông\nbà\tx\n", path="w.tsv")
    with pytest.raises(LexiconError, match=r"^w\.tsv:1: a word list has a header of one column"):
        parse_words("word\tkind\nông\tcivil\n", path="w.tsv")


def test_every_packaged_lexicon_starts_with_a_header_and_keeps_to_its_width() -> None:
    folder = resources.files("antq_kg").joinpath("lexicons")
    names = sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".tsv"))
    assert len(names) > 30
    for name in names:
        text = folder.joinpath(f"{name}.tsv").read_text(encoding="utf-8")
        header = next(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
        width = len(header.split("\t"))
        assert all(header.split("\t")), name
        assert all(len(r) <= width for r in rows(name)), name

"""Lexicons are data files (``src/antq_kg/lexicons/*.tsv``), not code: this module only reads them.

Format: UTF-8, one entry per line, fields separated by a TAB; ``#`` starts a comment line (the
file's documentation: sources, what each column means), blank lines are skipped. The first other
line is the header: the names of the columns, TAB-separated, which must be the fields of the record
the code reads the rows into (:func:`table`), in order, so a file and its reader cannot drift apart.
A row gives every column up to the last one it needs; the columns after it take the record's
defaults. Values are NFC-normalised and stripped, and converted by the record's field types:

========================  =====================================================================
``str``                   the text, non-empty unless the field has a default
``str | None``            ``None`` when empty
``int``                   a whole number
``bool``                  ``yes`` or ``no``
``Literal["a", "b"]``     one of the listed words
``tuple[str, ...]``       ``|``-separated values ("HCM|Sài Gòn"), empty for none
``tuple[int, ...]``       ``|``-separated whole numbers ("1|2")
========================  =====================================================================

A malformed file fails at once with a :class:`~antq_kg.errors.LexiconError` naming the file and
line. Callers fold the entries with :func:`antq_kg.text.fold` when they match, and
:func:`antq_kg.text.alternation` makes a regex of them.
"""

from __future__ import annotations

import dataclasses
import types
import typing
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any, Literal, TypeVar

from .errors import LexiconError
from .resources import lexicon_file

R = TypeVar("R")


@dataclasses.dataclass(frozen=True, slots=True)
class PlacedWord:
    """A row of a lexicon of words that act from one side of what they qualify: a word (or phrase)
    and whether it stands ``before`` or ``after`` it (header ``word	where``)."""

    word: str
    where: Literal["before", "after"]


@dataclasses.dataclass(frozen=True, slots=True)
class Example:
    """A row of ``_example.tsv``, the lexicon of this module's doctests."""

    rank: str
    english: str


def _read(name: str) -> tuple[str, str]:
    """The path of ``lexicons/<name>.tsv`` as errors report it, and its text."""
    path = f"lexicons/{name}.tsv"
    try:
        return path, lexicon_file(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"cannot read lexicon: {exc}", path=path) from exc


def _lines(text: str) -> list[tuple[int, list[str]]]:
    """The lines of a lexicon that are neither comments nor blank: ``(line number, fields)``."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append((number, [unicodedata.normalize("NFC", f.strip()) for f in line.split("\t")]))
    return out


def _converter(hint: Any, *, required: bool) -> Callable[[str], Any]:
    """How a field of this type is read from its text (raises ``ValueError`` with the reason)."""
    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    if hint is str:

        def text(v: str) -> str:
            if required and not v:
                raise ValueError("empty value")
            return v

        return text
    if hint is int:
        return int
    if hint is bool:

        def yes_no(v: str) -> bool:
            if v not in ("yes", "no"):
                raise ValueError(f"{v!r} is not yes or no")
            return v == "yes"

        return yes_no
    if origin is typing.Literal:

        def one_of(v: str) -> str:
            if v not in args:
                raise ValueError(f"{v!r} is not one of {', '.join(args)}")
            return v

        return one_of
    if origin in (types.UnionType, typing.Union) and len(args) == 2 and type(None) in args:
        inner = _converter(next(a for a in args if a is not type(None)), required=True)
        return lambda v: inner(v) if v else None
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _converter(args[0], required=True)
        return lambda v: tuple(item(x.strip()) for x in v.split("|") if x.strip())
    raise TypeError(f"lexicon field type {hint!r} is not supported")


@cache
def table(name: str, row: type[R]) -> tuple[R, ...]:
    """The rows of ``lexicons/<name>.tsv`` as ``row`` records (a dataclass whose fields are the
    file's columns, in the file's header order).

    >>> table("_example", Example)[0]
    Example(rank='Đại tá', english='Colonel')
    """
    path, text = _read(name)
    return parse_table(text, row, path=path)


def parse_table(text: str, row: type[R], *, path: str) -> tuple[R, ...]:
    """The rows of a lexicon's text as ``row`` records; errors name ``path`` and the line.

    >>> parse_table("# ranks\\nrank\\tenglish\\nĐại tá\\n", Example, path="x.tsv")
    Traceback (most recent call last):
    ...
    antq_kg.errors.LexiconError: x.tsv:3: 1 columns where 2 are expected (rank | english)
    """
    fields = dataclasses.fields(row)  # type: ignore[arg-type]
    hints = typing.get_type_hints(row)
    lines = _lines(text)
    names = [f.name for f in fields]
    if not lines:
        raise LexiconError("no header line", path=path)
    number, header = lines[0]
    if header != names:
        raise LexiconError(
            f"header {' | '.join(header)!r} does not name the columns the code reads: {' | '.join(names)}",
            path=f"{path}:{number}",
        )
    optional = [
        f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING for f in fields
    ]
    readers = [_converter(hints[f.name], required=not opt) for f, opt in zip(fields, optional, strict=True)]
    least = next((i for i, opt in enumerate(optional) if opt), len(fields))
    out = []
    for number, values in lines[1:]:
        if not least <= len(values) <= len(fields):
            raise LexiconError(
                f"{len(values)} columns where {least}"
                + (f" to {len(fields)}" if least < len(fields) else "")
                + f" are expected ({' | '.join(names)})",
                path=f"{path}:{number}",
            )
        kwargs: dict[str, Any] = {}
        for f, read, value, opt in zip(fields, readers, values, optional, strict=False):
            if opt and not value:
                continue  # an empty optional column takes the default
            try:
                kwargs[f.name] = read(value)
            except ValueError as exc:
                raise LexiconError(f"column {f.name!r}: {exc}", path=f"{path}:{number}") from exc
        out.append(row(**kwargs))
    return tuple(out)


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``lexicons/<name>.tsv`` as tuples of text fields, header excluded (for readers that
    need no typed record; :func:`table` checks the columns).

    >>> rows("_example")[0]
    ('Đại tá', 'Colonel')
    """
    return tuple(tuple(values) for _, values in _lines(_read(name)[1])[1:])


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of a one-column lexicon ``lexicons/<name>.tsv`` (its header names the column).

    >>> words("_example_words")
    ('Đại tá', 'Thượng tá')
    """
    path, text = _read(name)
    return parse_words(text, path=path)


def parse_words(text: str, *, path: str) -> tuple[str, ...]:
    """The entries of a one-column lexicon's text; errors name ``path`` and the line."""
    lines = _lines(text)
    if not lines or len(lines[0][1]) != 1:
        where = f"{path}:{lines[0][0]}" if lines else path
        raise LexiconError("a word list has a header of one column", path=where)
    for number, values in lines[1:]:
        if len(values) != 1 or not values[0]:
            raise LexiconError(f"{len(values)} columns where a word list has 1", path=f"{path}:{number}")
    return tuple(values[0] for _, values in lines[1:])

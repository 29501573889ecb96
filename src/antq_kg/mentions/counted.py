"""What is counted: the words after a number that make it a count, shared by the places and counts stages.

A number after a place name is part of the name ("xã Đại Ân 2", "khu phố Hòa Lân 2 kể lại")
unless a counted noun follows it ("ở xã Hải An 5 vụ"); a bare level before a number is an
organisation's level when the words after the number read as a unit of count ("Công an phường 47
cuộc gọi, tin nhắn …" counts calls, "Công an phường 5 tổ chức …" names ward 5). Both stages decide
this with the same knowledge, kept here:

* ``counted_nouns.tsv`` — classifiers and units of the genre (docs/VOCABULARY.md §3(d), §3(f));
* ``counts_coordinated.tsv`` — nouns and verbs that coordinate across a comma inside one unit,
  each with the kind of words it coordinates with;
* ``counts_not_counts.tsv`` — words that make a number no count (time, age, money, measures…);
* ``counts_units.tsv`` — the words at the edges of a count's unit.

Phrases are matched as folded tokens (:class:`Phrases`), the way the counts stage reads a unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..lexicon import table, words
from ..text import fold

#: a token of the folded text: a word (apostrophes inside: "k'ho") or one other character
TOKEN = re.compile(r"\w+(?:'\w+)*|\S")
_SPACED_TOKEN = re.compile(r"\s*(\w+(?:'\w+)*|\S)")


def tokens(phrase: str) -> tuple[str, ...]:
    """The folded tokens of a phrase.

    >>> tokens("Tin báo, tố giác")
    ('tin', 'báo', ',', 'tố', 'giác')
    """
    return tuple(m.group(1) for m in _SPACED_TOKEN.finditer(fold(phrase)))


class Phrases:
    """Folded multi-word phrases matched against a token list, longest first."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            toks = tokens(phrase)
            if toks:
                self.by_first.setdefault(toks[0], []).append(toks)
        for options in self.by_first.values():
            options.sort(key=len, reverse=True)

    def match(self, words: Sequence[str], i: int) -> int:
        """The number of tokens of the longest phrase starting at ``words[i]`` (0: none).

        >>> Phrases(["tin báo", "tin"]).match(["37", "tin", "báo"], 1)
        2
        """
        if i >= len(words):
            return 0
        for toks in self.by_first.get(words[i], ()):
            if tuple(words[i : i + len(toks)]) == toks:
                return len(toks)
        return 0


@dataclass(frozen=True, slots=True)
class NotCount:
    """A row of ``counts_not_counts.tsv``: a word that makes a number no count, where it stands, why."""

    phrase: str
    where: Literal["after", "before", "name", "count", "plural", "count_before"]
    why: str = ""


@dataclass(frozen=True, slots=True)
class UnitWord:
    """A row of ``counts_units.tsv``: a word at the edge of a count's unit and its role there."""

    phrase: str
    role: Literal[
        "stop", "keep", "about", "comma", "clause", "criterion", "closed", "cue", "passive",
        "scope_head", "within", "group", "locative", "amount", "place_lead",
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Coordinated:
    """A row of ``counts_coordinated.tsv``: a noun or verb and the kind of words it coordinates with."""

    phrase: str
    kind: str


def not_counts() -> tuple[NotCount, ...]:
    return table("counts_not_counts", NotCount)


def unit_words() -> tuple[UnitWord, ...]:
    return table("counts_units", UnitWord)


def coordinated() -> tuple[Coordinated, ...]:
    return table("counts_coordinated", Coordinated)


def counted_nouns() -> tuple[str, ...]:
    """The classifiers and units of ``counted_nouns.tsv``."""
    return words("counted_nouns")


@cache
def _counted_heads() -> Phrases:
    """Nouns that head a unit of count: the coordinated nouns and the counted nouns that count
    things (not the time and measure words)."""
    measures = {" ".join(tokens(r.phrase)) for r in not_counts() if r.where == "after"}
    heads = [r.phrase for r in coordinated()]
    heads += [w for w in counted_nouns() if " ".join(tokens(w)) not in measures]
    return Phrases(heads)


@cache
def edges() -> tuple[Phrases, Phrases, Phrases]:
    """The words that end a unit (``stop``), the words after a number that make it no count
    (``after``: time, age, money, measures), and those that make it a count anyway (``count``:
    "12 ngày hội")."""
    return (
        Phrases(r.phrase for r in unit_words() if r.role == "stop"),
        Phrases(r.phrase for r in not_counts() if r.where == "after"),
        Phrases(r.phrase for r in not_counts() if r.where == "count"),
    )


def reads_as_count_unit(folded: str, pos: int) -> bool:
    """True when the words after ``pos`` in the folded text read as the unit of a count: a counted
    noun that no longer stop phrase swallows ("tổ chức" is a verb, "tổ" a unit) and no time, age,
    money or measure word.

    >>> reads_as_count_unit(fold(" 47 cuộc gọi, tin nhắn"), 3), reads_as_count_unit(fold(" 5 tổ chức"), 2)
    (True, False)
    >>> reads_as_count_unit(fold(" 5 năm qua"), 2)
    False
    """
    toks = [m.group() for m in TOKEN.finditer(folded, pos, min(len(folded), pos + 60))][:6]
    if not toks:
        return False
    stop, not_after, count_after = edges()
    head = _counted_heads().match(toks, 0)
    if not head or stop.match(toks, 0) > head:
        return False
    blocked = not_after.match(toks, 0)
    return not blocked or count_after.match(toks, 0) > blocked

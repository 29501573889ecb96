"""The article as the counts stage reads it: token windows over the match view, and the record
of one count while it is read.

The folded text is cut into words and punctuation one line (paragraph) at a time, so memory is
bounded by the longest line; a count's unit and what follows it are read in a short window of
tokens after its number.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from ...model import Place
from ...text import Span
from ..context import Context
from ..counted import TOKEN
from .lexicon import lexicon

_WORD = re.compile(r"\w+(?:['’ʼ]\w+)*")
_NEWLINE = re.compile(r"\n")


@dataclass(frozen=True, slots=True)
class Window:
    """Tokens of the folded text from a position to the end of its line (or a token budget)."""

    words: list[str]
    begins: list[int]
    ends: list[int]


class Tokens:
    """The folded text cut into words and punctuation marks, one line (paragraph) at a time.

    The line last cut is kept, so the windows of a paragraph's counts share one pass; memory
    stays bounded by the longest line (a line over :attr:`LONG` characters is cut per window).
    """

    LONG = 20_000

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.newlines = [m.start() for m in _NEWLINE.finditer(folded)]
        self.line: tuple[int, int] = (-1, -1)
        self.words: list[str] = []
        self.begins: list[int] = []
        self.ends: list[int] = []

    def _cut(self, begin: int, end: int) -> None:
        found = list(TOKEN.finditer(self.folded, begin, end))
        self.line = (begin, end)
        self.words = [m.group() for m in found]
        self.begins = [m.start() for m in found]
        self.ends = [m.end() for m in found]

    def window(self, pos: int, *, until: int | None = None, budget: int = 80) -> Window:
        """The tokens from ``pos`` to the line end, ``until`` (a position) or ``budget`` tokens."""
        n = bisect_left(self.newlines, pos)
        line_end = self.newlines[n] if n < len(self.newlines) else len(self.folded)
        if not self.line[0] <= pos <= self.line[1]:
            line_start = self.newlines[n - 1] + 1 if n else 0
            if line_end - line_start <= self.LONG:
                self._cut(line_start, line_end)
            else:
                self._cut(pos, min(line_end, pos + 8 * budget))
        i = bisect_left(self.begins, pos)
        j = min(len(self.words), i + budget)
        if until is not None:
            j = min(j, bisect_left(self.begins, until))
        j = max(i, j)
        return Window(self.words[i:j], self.begins[i:j], self.ends[i:j])


def is_word(tok: str) -> bool:
    return tok[:1].isalpha()


def is_number(tok: str) -> bool:
    return tok[:1].isdigit()


@dataclass
class CountMention:
    """One count mention while the article is read (mutable until it becomes a :class:`Count`)."""

    begin: int  # qualifier or number start
    end: int  # unit end
    value: Decimal | None
    of: Decimal | None
    qualifier: str
    unit: str
    unit_key: str  # folded, whitespace-collapsed
    unit_begin: int  # where the unit's first word starts
    tail: int  # end of scope/criterion, for nesting
    scope: str | None = None
    criterion: str | None = None
    within: str | None = None
    period: str | None = None
    place: Place | None = None
    spans: list[Span] = field(default_factory=list)


class Reading:
    """The article as the counts stage reads it: text, match view, token windows, and where the
    earlier stages read names."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        #: starts of the periods read right after a unit: they belong to that count only
        self.trailing_periods: set[int] = set()
        self.text = ctx.text
        self.folded = ctx.folded
        self.lex = lexicon()

    # -- helpers ----------------------------------------------------------------------------------

    @cached_property
    def tokens(self) -> Tokens:
        """The article cut into tokens, once, when the first candidate needs them."""
        return Tokens(self.folded)

    @cached_property
    def name_starts(self) -> frozenset[int]:
        """Where a claimed name (place, campaign, person) or a place mention begins."""
        return self.ctx.claims.starts() | frozenset(self.ctx.place_index.starts)

    def claim_starting(self, pos: int) -> bool:
        """True when a name the earlier stages read begins at ``pos``: the unit stops before it."""
        return pos in self.name_starts

    def titlecase(self, pos: int) -> bool:
        """The token at ``pos`` starts with a capital and is not an all-capitals abbreviation
        (a name syllable: "Kinh", "K'Ho", "Ê")."""
        m = _WORD.match(self.text, pos)
        word = m.group(0) if m else ""
        return bool(word) and word[0].isupper() and (len(word) == 1 or not word.isupper())  # "Ê Đê"

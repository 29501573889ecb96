"""The counts stage's word lists (``lexicons/counts_*.tsv``), folded and compiled once.

Qualifiers and vague quantities (docs/VOCABULARY.md §2 (counts): trên/hơn → ``at_least``, gần/dưới → ``at_most``,
khoảng → ``approximately``, hàng chục/trăm/nghìn), magnitudes ("nghìn", "tỷ"), the words that make a
number no count, the words at the edges of a unit, the reporting periods (``counts_periods.tsv``)
and the words that coordinate across a comma inside one unit (``counts_coordinated.tsv``); the
knowledge the places stage shares is in :mod:`antq_kg.mentions.counted`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ...lexicon import table, words
from ...text import alternation, fold
from ..admin_units import plain_type_words
from ..counted import Phrases, coordinated, edges, not_counts, tokens, unit_words
from ..known_abbreviations import known_abbreviations


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``lexicons/counts_*.tsv``, folded and compiled once (see the files' headers)."""

    qualifiers: dict[str, str]
    magnitudes: dict[str, int]
    qualifier_before: re.Pattern[str]
    blocked_before: re.Pattern[str]
    unblocked_before: re.Pattern[str]
    vague: re.Pattern[str]
    vague_qualifier: dict[str, str]
    magnitude_after: re.Pattern[str]
    spelled: re.Pattern[str]
    not_after: Phrases
    before_number: Phrases
    count_after: Phrases
    stop: Phrases
    keep: Phrases
    about: Phrases
    comma: Phrases
    clause: Phrases
    place_type: Phrases
    criterion_units: frozenset[str]
    passive_units: frozenset[str]
    closed_units: frozenset[str]
    cue: Phrases
    scope_head: Phrases
    group: Phrases
    period: re.Pattern[str]
    within: re.Pattern[str]
    place_lead: re.Pattern[str]
    locative: Phrases
    amount_before: re.Pattern[str]
    cue_words: frozenset[str]
    #: coordinated phrases (folded tokens) → their classes (``counts_coordinated.tsv``)
    coordinated: dict[tuple[str, ...], frozenset[str]]


@dataclass(frozen=True, slots=True)
class _CueRow:
    """A row of ``counts_cues.tsv``: a word around a number, its role, and the value it gives."""

    phrase: str
    role: Literal["qualifier", "vague", "magnitude", "spelled"]
    value: str = ""


@cache
def lexicon() -> Lexicon:
    cues = table("counts_cues", _CueRow)
    qualifiers = {fold(r.phrase): r.value for r in cues if r.role == "qualifier"}
    vague = {fold(r.phrase): r.value for r in cues if r.role == "vague"}
    magnitudes = {fold(r.phrase): int(r.value) for r in cues if r.role == "magnitude"}
    nots = not_counts()
    units = unit_words()

    def role(name: str) -> list[str]:
        return [r.phrase for r in units if r.role == name]

    periods = []
    firsts: set[str] = set()
    for template in words("counts_periods"):
        firsts.add(r"\d" if template.startswith("{") else re.escape(fold(template)[0]))
        parts = re.split(r"(\{N\}|\{YEAR\}|\{Q\})", template)
        rx = ""
        for part in parts:
            if part == "{N}":
                rx += r"\d{1,2}"
            elif part == "{YEAR}":
                rx += r"(?:19|20)\d\d"
            elif part == "{Q}":
                rx += r"(?:iv|i{1,3}|[1-4])"
            else:
                rx += r"\s+".join(re.escape(w) for w in fold(part).split(" ")).replace(r"\s+\s+", r"\s+")
        periods.append(rx)
    # a first-character class up front lets most positions fail at once; the left word boundary
    # is checked in code (a lookbehind there would be tried at every position)
    period = re.compile(
        "(?=["
        + "".join(sorted(firsts))
        + "])(?:"
        + "|".join(sorted(periods, key=len, reverse=True))
        + r")(?![\w/])"
    )
    return Lexicon(
        qualifiers=qualifiers,
        magnitudes=magnitudes,
        qualifier_before=re.compile(r"(?<!\w)(?P<q>" + alternation(qualifiers) + r")\s+$"),
        blocked_before=re.compile(
            r"(?<!\w)(?:" + alternation(r.phrase for r in nots if r.where in ("before", "name")) + r")\s+$"
        ),
        unblocked_before=re.compile(
            r"(?<!\w)(?:(?:"
            + alternation(r.phrase for r in nots if r.where == "count_before")
            + r")|(?:"
            + alternation(r.phrase for r in nots if r.where == "plural")
            + r")\s+(?:"
            + alternation(r.phrase for r in nots if r.where == "name")
            + r"))\s+$"
        ),
        # no lookbehind: the literal prefix "hàng" lets the engine skip ahead (checked in code)
        vague=re.compile(r"(?P<v>" + alternation(vague) + r")(?!\w)"),
        vague_qualifier={" ".join(k.split()): v for k, v in vague.items()},
        spelled=re.compile(
            r"[ \t]*\(\s*(?:(?:" + alternation(r.phrase for r in cues if r.role == "spelled") + r")\s*)+\)"
        ),
        magnitude_after=re.compile(r"\s+(?P<m>" + alternation(magnitudes) + r")(?!\w)"),
        not_after=edges()[1],
        before_number=Phrases(r.phrase for r in nots if r.where in ("before", "name")),
        count_after=edges()[2],
        stop=edges()[0],
        keep=Phrases(role("keep")),
        about=Phrases(role("about")),
        comma=Phrases(role("comma")),
        clause=Phrases(role("clause")),
        place_type=Phrases(t.surface for t in plain_type_words()),
        criterion_units=frozenset(" ".join(tokens(u)) for u in role("criterion")),
        passive_units=frozenset(" ".join(tokens(u)) for u in role("passive")),
        closed_units=frozenset(" ".join(tokens(u)) for u in _with_abbreviations(role("closed"))),
        cue=Phrases(role("cue")),
        scope_head=Phrases(role("scope_head")),
        group=Phrases(role("group")),
        period=period,
        place_lead=re.compile(r"\s*(?:(?:" + alternation(role("place_lead")) + r")\s+)?"),
        locative=Phrases(role("locative")),
        amount_before=re.compile(r"(?:^|[^\w\s]\s*|(?<!\w)(?:" + alternation(role("amount")) + r")\s+)$"),
        within=re.compile(r"\s*(?:" + alternation(role("within")) + r")\s*"),
        cue_words=frozenset(w for phrase in [*qualifiers, *vague] for w in phrase.split()[:1]),
        coordinated=_coordinated_kinds(),
    )


def _coordinated_kinds() -> dict[tuple[str, ...], frozenset[str]]:
    out: dict[tuple[str, ...], set[str]] = {}
    for row in coordinated():
        if tokens(row.phrase):
            out.setdefault(tokens(row.phrase), set()).add(row.kind)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _coord_longest() -> int:
    """The longest phrase of ``counts_coordinated.tsv``, in tokens."""
    return max((len(k) for k in _coordinated_kinds()), default=0)


def coordinated_before(
    coordinated: dict[tuple[str, ...], frozenset[str]], words: Sequence[str], i: int
) -> frozenset[str]:
    """The classes of the longest coordinated phrase ending right before ``words[i]``.

    >>> sorted(coordinated_before(lexicon().coordinated, ["37", "băng"], 2))
    ['group']
    """
    for n in range(min(_coord_longest(), i), 0, -1):
        found = coordinated.get(tuple(words[i - n : i]))
        if found:
            return found
    return frozenset()


def coordinated_after(
    coordinated: dict[tuple[str, ...], frozenset[str]], words: Sequence[str], j: int
) -> tuple[int, frozenset[str]]:
    """The length and classes of the longest coordinated phrase starting at ``words[j]``.

    >>> n, classes = coordinated_after(lexicon().coordinated, ["cuộc", "gọi", ","], 0)
    >>> n, sorted(classes)
    (2, ['message'])
    """
    for n in range(min(_coord_longest(), len(words) - j), 0, -1):
        found = coordinated.get(tuple(words[j : j + n]))
        if found:
            return n, found
    return 0, frozenset()


def _with_abbreviations(phrases: Iterable[str]) -> list[str]:
    """The phrases, and each again with a known expansion written as its abbreviation
    (``lexicons/abbrev_known.tsv``): "tổ bảo vệ an ninh, trật tự ở cơ sở" is also written
    "tổ bảo vệ ANTT ở cơ sở"."""
    known = [
        (fold(r.expansion), fold(r.short)) for r in known_abbreviations() if len(r.expansion.split()) > 1
    ]
    out = []
    for phrase in phrases:
        folded = fold(phrase)
        out.append(folded)
        for expansion, short in known:
            if expansion in folded:
                out.append(folded.replace(expansion, short))
    return out

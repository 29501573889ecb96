"""The campaigns stage's word lists (``lexicons/campaigns_*.tsv``), folded and compiled once.

Kind words with whether their initiatives are tied to a place and may be named without quotes
(docs/VOCABULARY.md §3d), the written forms of the ANTQ movement, cues that give a kind or an initiative verb
when no kind word is written, what makes a quotation speech, a nickname or a document, the words
that end an unquoted name, and the type words of the units an initiative is tied to (the
admin-type table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...lexicon import PlacedWord, table, words
from ...text import alternation, fold, fold_key
from ..admin_units import plain_type_words

_W = r"[^\W_]"  # a letter or digit


@dataclass(frozen=True, slots=True)
class Lexicon:
    kinds: dict[str, tuple[str, bool, bool]]  # folded kind word -> (kind, local, unquoted)
    kind_re: re.Pattern[str]
    antq_re: re.Pattern[str]
    antq: dict[str, tuple[int, bool]]  # folded form -> (rank, after_kind)
    not_after_re: re.Pattern[str]
    not_name_start_re: re.Pattern[str]
    cue_re: re.Pattern[str]
    cues: dict[str, str]
    speech_re: re.Pattern[str]
    speaker_re: re.Pattern[str]
    speech_word_re: re.Pattern[str]
    nokind_before_re: re.Pattern[str]
    nokind_after_re: re.Pattern[str]
    stop_re: re.Pattern[str]
    #: a stop word → the next words that keep it inside the name ("trên" + "biển")
    stop_keep: dict[str, frozenset[str]]
    #: the words a lower-case name after a kind word starts with: (kind, start) → whether the start
    #: is a collective noun that needs a description after it ("tổ" + "đoàn kết …"), folded
    lower_starts_re: re.Pattern[str]
    lower_starts: dict[tuple[str, str], bool]
    comma: frozenset[str]
    reject_start_re: re.Pattern[str]
    known: tuple[str, ...]
    place_re: re.Pattern[str]
    bare_place_re: re.Pattern[str]  # over the folded text: "công an xã", a sentence opening "Xã …"
    place_types: dict[str, tuple[str, int]]  # folded type word -> (type, level)
    plural_re: re.Pattern[str]  # a plural determiner before a type word: "các", "2", "19/19"
    modifiers_re: re.Pattern[str]  # a bridge of kind modifiers: "điểm", "phòng, chống tội phạm"
    naming_re: re.Pattern[str]  # "có tên", "mang tên" right before a quotation
    listing_re: re.Pattern[str]  # kind modifiers ending in "như:", "gồm", ":" before a list of names
    local: dict[str, bool]  # kind -> tied to a place


@dataclass(frozen=True, slots=True)
class _KindRow:
    """A row of ``campaigns_kinds.tsv``: a kind word, whether its initiatives are tied to a place and
    may be named without quotes, and the kind an abbreviated kind word stands for."""

    word: str
    local: bool
    unquoted: bool
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class _AntqRow:
    """A row of ``campaigns_antq.tsv``: a written form of the movement, how full it is, and whether
    it names the movement only right after "phong trào"."""

    form: str
    rank: int
    after_kind: bool


@dataclass(frozen=True, slots=True)
class _CueRow:
    """A row of ``campaigns_cues.tsv``: a cue before a quoted name and the kind it gives."""

    cue: str
    kind: str


@dataclass(frozen=True, slots=True)
class _StopRow:
    """A row of ``campaigns_stop.tsv``: a word that ends an unquoted name, and the next words that
    keep it inside the name."""

    word: str
    keep: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _LowerStartRow:
    """A row of ``campaigns_lower_starts.tsv``: a kind word, a word a lower-case name after it starts
    with, and whether that word is a collective noun that needs a description after it."""

    kind: str
    start: str
    collective: bool = False


@cache
def campaign_lexicon() -> Lexicon:
    kinds = {
        fold(r.word): (r.kind or r.word, r.local, r.unquoted) for r in table("campaigns_kinds", _KindRow)
    }
    antq = {fold(r.form): (r.rank, r.after_kind) for r in table("campaigns_antq", _AntqRow)}
    cues = {fold(r.cue): r.kind for r in table("campaigns_cues", _CueRow)}
    ptypes = {fold(t.surface): (t.type, t.level) for t in plain_type_words()}
    stops = table("campaigns_stop", _StopRow)
    lower = {
        (fold(r.kind), fold(r.start)): r.collective for r in table("campaigns_lower_starts", _LowerStartRow)
    }
    nokind = table("campaigns_nokind_cues", PlacedWord)  # an initiative verb, before or after the quotation
    kind_alt = alternation(list(kinds))
    return Lexicon(
        kinds=kinds,
        kind_re=re.compile(rf"(?<!{_W})(?:{kind_alt})(?!{_W})"),
        antq_re=re.compile(rf"(?<!{_W})(?:{alternation(list(antq))})(?!{_W})"),
        antq=antq,
        not_after_re=re.compile(rf"(?<!{_W})(?:{alternation(words('campaigns_not_after'))})[\s(]*$"),
        not_name_start_re=re.compile(rf"(?:{alternation(words('campaigns_not_names'))})(?!{_W})"),
        cue_re=re.compile(rf"(?<!{_W})(?:{alternation(list(cues))})\s*$"),
        cues=cues,
        speech_re=re.compile(
            rf"\s*,\s*(?:{_W}+[\s'’]*){{0,5}}?(?:{alternation(words('campaigns_speech'))})(?!{_W})"
        ),
        speech_word_re=re.compile(rf"(?<!{_W})(?:{alternation(words('campaigns_speech'))})(?!{_W})"),
        speaker_re=re.compile(rf"\s*,\s*(?:{alternation(words('campaigns_speakers'))})(?!{_W})"),
        nokind_before_re=re.compile(
            rf"(?<!{_W})(?:{alternation([r.word for r in nokind if r.where == 'before'])})\s*$"
        ),
        nokind_after_re=re.compile(
            rf"\s*(?:{alternation([r.word for r in nokind if r.where == 'after'])})(?!{_W})"
        ),
        stop_re=re.compile(rf"(?:{alternation([r.word for r in stops])})(?!{_W})"),
        stop_keep={fold(r.word): frozenset(fold(w) for w in r.keep) for r in stops},
        lower_starts_re=re.compile(rf"(?:{alternation([start for _, start in lower])})(?!{_W})"),
        lower_starts=lower,
        comma=frozenset(fold_key(w) for w in words("campaigns_comma")),
        reject_start_re=re.compile(rf"(?:{alternation(words('campaigns_reject_start'))})(?!{_W})"),
        known=tuple(fold(w) for w in sorted(words("campaigns_known"), key=len, reverse=True)),
        place_re=re.compile(rf"(?<!{_W})(?:{alternation(list(ptypes))})(?!{_W})"),
        bare_place_re=re.compile(
            rf"(?:(?<!{_W})(?:{alternation(words('campaigns_bare_anchors'))})\s+|^|[.!?…][\"')]*\s+)"
            rf"({alternation(list(ptypes))})(?!{_W})",
            re.MULTILINE,
        ),
        place_types=ptypes,
        plural_re=re.compile(
            rf"(?:(?<!{_W})(?:{alternation(words('campaigns_plural'))})|(?<![\d/])\d+(?:/\d+)?)\s+"
        ),
        modifiers_re=re.compile(
            rf"[\s,]*(?:(?:{alternation(words('campaigns_kind_modifiers'))})(?!{_W})[\s,]*)*"
        ),
        listing_re=re.compile(
            rf"(?:(?:{alternation(words('campaigns_kind_modifiers'))})(?!{_W})[\s,]*)*"
            rf"(?:(?:như|gồm|bao\s+gồm)(?!{_W})\s*:?|:)[ \t]*"
        ),
        naming_re=re.compile(rf"(?<!{_W})(?:{alternation(words('campaigns_naming'))})\s*$"),
        local={v[0]: v[1] for v in kinds.values()},
    )

"""Names as the genre writes them, shared by the byline, organisations and people stages.

* The words around a name (``people_*.tsv`` lexicons, :func:`name_words`): the 17 ranks of the
  People's Public Security (Law No. 37/2018/QH14 Art. 21), honorifics and titles, posts, the heads
  of organisation names (docs/VOCABULARY.md §3(b)), the level words that may follow a head (the admin-type
  table), generic collectives, family names, and the stop list that ends a capitalised name
  ("Thượng tá Nguyễn Đình Lực Trưởng Công an…": the post is no part of the name).
* Readers along one line of the text (:class:`TextView`): a capitalised name forwards or backwards
  (:func:`read_name`, :func:`read_name_backwards`), the name of a unit after a level word
  (:func:`read_unit_name`) and the name of a sub-unit after its head (:func:`read_phrase`).

Readers match on the folded view and tell names by the capitals of the NFC text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..lexicon import PlacedWord, table, words
from ..text import APOSTROPHES, UPPER, Layout, alternation, fold_key, name_key
from .admin_units import plain_type_words, type_word, type_words
from .context import Context

# -- token shapes ---------------------------------------------------------------------------------

#: one capitalised name syllable: "Nguyễn", "H'Nguyên", "Y"
NAME_TOKEN = re.compile(rf"[^\S\n]*([{UPPER}][^\W\d_]*(?:[{APOSTROPHES}][^\W\d_]+)*)(?![\w{APOSTROPHES}])")
#: one token of any kind on the current line: a word (with apostrophes) or a punctuation mark
_TOKEN = re.compile(rf"[^\S\n]*(?:([^\W_]+(?:[{APOSTROPHES}][^\W_]+)*)|([^\s\w]|_))")
_SPACES = re.compile(r"[^\S\n]*")


def whole_words(phrases: list[str]) -> str:
    """A regex alternation of folded phrases, longest first, matching whole words."""
    return "(?:" + alternation(phrases) + r")(?![\w])"


# -- lexicons -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameWords:
    """The words around names, folded and compiled once: lookups by folded key, and regexes over
    the folded view that match whole words."""

    #: rank → the rank as the lexicon writes it
    ranks: dict[str, str]
    #: honorific → (as written, kind: civil, religious, comrade, post, title)
    honorifics: dict[str, tuple[str, str]]
    #: post → (as written, kind: org, whole, sub, party, clan; the head of its organisation)
    posts: dict[str, tuple[str, str, str]]
    #: organisation head → (display: "-" as written, "-^" as written and only capitalised; kind; key;
    #: the level an abbreviated head stands for, "CAT" → "tỉnh", else None)
    heads: dict[str, tuple[str, str, str, str | None]]
    #: level word after a head ("xã", "TP.") → (canonical type, level 1 province … 4 residential)
    levels: dict[str, tuple[str, int]]
    #: words that make a head generic, right before it or right after it
    generic_before: tuple[str, ...]
    generic_after: tuple[str, ...]
    rank_re: re.Pattern[str]
    trigger_re: re.Pattern[str]
    post_re: re.Pattern[str]
    head_re: re.Pattern[str]
    level_re: re.Pattern[str]
    stop_re: re.Pattern[str]
    generic_before_re: re.Pattern[str]
    org_scan_re: re.Pattern[str]
    title_skip_re: re.Pattern[str]
    member_re: re.Pattern[str]
    surnames: frozenset[str]


@dataclass(frozen=True, slots=True)
class _RankRow:
    """A row of ``people_ranks.tsv``: a rank as Vietnamese writes it and its English label."""

    rank: str
    english: str


@dataclass(frozen=True, slots=True)
class _HonorificRow:
    """A row of ``people_honorifics.tsv``: a word before a name that is not a rank, and its kind."""

    word: str
    kind: Literal["civil", "religious", "comrade", "post", "title"]


@dataclass(frozen=True, slots=True)
class _PostRow:
    """A row of ``people_posts.tsv``: a post, what follows it, and the head of its organisation."""

    post: str
    kind: Literal["org", "whole", "sub", "party", "clan"]
    org_head: str = ""


@dataclass(frozen=True, slots=True)
class _HeadRow:
    """A row of ``people_org_heads.tsv``: a head of organisation names, how it is displayed ("-":
    as written), the kind of organisation it starts, its identity key, and the level an abbreviated
    head stands for ("CAT": tỉnh)."""

    surface: str
    display: str
    kind: Literal[
        "unit",
        "party",
        "committee",
        "fixed",
        "sub",
        "pagoda",
        "group",
        "board",
        "numbered",
        "steering",
        "organ",
    ]
    key: str
    level: str | None = None


@cache
def name_words() -> NameWords:
    rank_rows = table("people_ranks", _RankRow)
    honorific_rows = table("people_honorifics", _HonorificRow)
    post_rows = table("people_posts", _PostRow)
    head_rows = table("people_org_heads", _HeadRow)
    level_rows = [*plain_type_words(), *(t for t in type_words() if t.kind == "abbr")]
    ranks = {name_key(r.rank): r.rank for r in rank_rows}
    honorifics = {name_key(r.word): (r.word, r.kind) for r in honorific_rows}
    posts = {name_key(r.post): (r.post, r.kind, r.org_head) for r in post_rows}
    heads = {
        name_key(r.surface): (
            r.display if r.display != "-" else ("-" if r.surface[0].islower() else "-^"),
            r.kind,
            r.key,
            r.level,
        )
        for r in head_rows
    }
    levels = {name_key(r.surface): (r.type, r.level) for r in level_rows}
    gen = table("people_generic", PlacedWord)  # a word that makes an organisation head generic
    generic_before = tuple(name_key(r.word) for r in gen if r.where == "before")
    generic_after = tuple(name_key(r.word) for r in gen if r.where == "after")
    stop = [*words("people_stopwords"), *(r.rank for r in rank_rows)]
    stop += [r.post for r in post_rows] + [r.surface for r in head_rows]
    stop += [r.word for r in honorific_rows if r.kind != "civil"]
    level_alt = whole_words([r.surface for r in level_rows])
    return NameWords(
        ranks=ranks,
        honorifics=honorifics,
        posts=posts,
        heads=heads,
        levels=levels,
        generic_before=generic_before,
        generic_after=generic_after,
        rank_re=re.compile(whole_words(list(ranks))),
        trigger_re=re.compile(
            r"(?<![\w])(" + whole_words(list(ranks) + list(honorifics) + ["đối tượng là", "đối tượng"]) + ")"
        ),
        post_re=re.compile(whole_words(list(posts) + [f"phó {p}" for p in posts])),
        head_re=re.compile(whole_words(list(heads))),
        level_re=re.compile(level_alt),
        stop_re=re.compile(whole_words(stop)),
        generic_before_re=re.compile(r"(?<![\w])" + whole_words(list(generic_before)) + r"\s+$"),
        org_scan_re=re.compile(r"(?<![\w])" + whole_words(list(heads))),
        title_skip_re=re.compile(
            r"[^\S\n]*,?[^\S\n]*"
            + whole_words([r.word for r in honorific_rows if r.kind == "title"])
            + r"\.?(?=[^\S\n])"
        ),
        surnames=frozenset(name_key(w) for w in words("people_surnames")),
        member_re=re.compile(whole_words(list(words("people_members")))),
    )


# -- small readers over the text ------------------------------------------------------------------


@dataclass(slots=True)
class TextView:
    """The text, its match view and its layout, shared by the readers below."""

    text: str
    folded: str
    layout: Layout

    @classmethod
    def of(cls, ctx: Context) -> TextView:
        return cls(ctx.text, ctx.folded, ctx.layout)

    def para(self, pos: int) -> tuple[int, int]:
        """The line (paragraph) around ``pos`` as ``(begin, end)``."""
        return self.layout.line(pos)

    def token(self, pos: int) -> tuple[int, int, bool] | None:
        """The next token on this line from ``pos``: ``(begin, end, is_word)``."""
        m = _TOKEN.match(self.text, pos)
        if m is None or m.end() == m.start():
            return None
        if m.group(1) is not None:
            return m.start(1), m.end(1), True
        return m.start(2), m.end(2), False

    def skip_spaces(self, pos: int) -> int:
        m = _SPACES.match(self.text, pos)
        return m.end() if m else pos

    def is_upper_word(self, begin: int) -> bool:
        return begin < len(self.text) and self.text[begin] in UPPER


def read_name(d: TextView, pos: int, *, max_tokens: int = 5) -> tuple[int, int, int] | None:
    """A capitalised name starting at ``pos`` (after spaces): ``(begin, end, syllables)``."""
    lex = name_words()
    tokens: list[tuple[int, int]] = []
    p = pos
    all_caps_first = False
    while len(tokens) < max_tokens:
        m = NAME_TOKEN.match(d.text, p)
        if m is None:
            break
        b, e = m.start(1), m.end(1)
        surface = d.text[b:e]
        caps = len(surface) > 1 and surface.isupper()
        if not tokens:
            all_caps_first = caps
        elif caps and not all_caps_first:
            break
        if lex.stop_re.match(d.folded, b):
            if len(tokens) >= 2 and _type_word_ends_name(d, b, e):
                tokens.append((b, e))  # "ông Lò Văn Bản, trưởng thôn": no unit is named "Bản …" here
            break
        tokens.append((b, e))
        p = e
    if not tokens:
        return None
    if all_caps_first and len(tokens) == 1:
        return None
    return tokens[0][0], tokens[-1][1], len(tokens)


def _type_word_ends_name(d: TextView, begin: int, end: int) -> bool:
    """True when the capitalised word at ``[begin, end)`` is a one-word type word ("Bản", "Xóm") that
    no name follows: a type word with no unit name after it names no unit, so after a family and a
    middle name it is the given name."""
    written = type_word(d.text[begin:end])
    if written is None or " " in written.surface or written.kind == "abbr":
        return False
    nxt = NAME_TOKEN.match(d.text, end)
    return nxt is None and not d.text[end : end + 1].isalnum()


def read_name_backwards(d: TextView, end: int) -> tuple[int, int, int] | None:
    """A capitalised name ending at ``end`` (spaces allowed before ``end``)."""
    lex = name_words()
    while end > 0 and d.text[end - 1] in " \t":
        end -= 1
    starts: list[int] = []
    p = end
    for _ in range(5):
        q = p
        while q > 0 and (d.text[q - 1].isalpha() or d.text[q - 1] in APOSTROPHES):
            q -= 1
        if q == p or d.text[q] not in UPPER or lex.stop_re.match(d.folded, q):
            break
        starts.append(q)
        p = q
        while p > 0 and d.text[p - 1] in " \t":
            p -= 1
        if p == q:
            break
    if len(starts) < 2:
        return None
    return starts[-1], end, len(starts)


@dataclass(frozen=True, slots=True)
class _PhraseStopRow:
    """A row of ``people_phrase_stop.tsv``: a word that ends a sub-unit's name, and the next words
    that keep it in the name."""

    word: str
    keep: tuple[str, ...] = ()


@cache
def _phrase_stop() -> dict[str, frozenset[str]]:
    """Stop words of a sub-unit's name, each with the next words that make it part of the name."""
    return {
        name_key(r.word): frozenset(name_key(w) for w in r.keep)
        for r in table("people_phrase_stop", _PhraseStopRow)
    }


def stops_phrase(d: TextView, begin: int, end: int) -> bool:
    """True when the word at ``[begin, end)`` ends a sub-unit's name.

    A stop word written with a capital stays in the name ("Phòng Tham mưu"), and so does one
    that begins a compound the lexicon lists ("an ninh tổ quốc": "tổ" + "quốc").
    """
    keep = _phrase_stop().get(d.folded[begin:end])
    if keep is None or d.text[begin].isupper():
        return False
    if keep:
        nxt = d.token(end)
        if nxt is not None and nxt[2] and d.folded[nxt[0] : nxt[1]] in keep:
            return False
    return True


def read_unit_name(d: TextView, pos: int) -> tuple[int, int] | None:
    """A place name after a level word: capitalised syllables and numbers ("Đại Ân 2", "5")."""
    lex = name_words()

    def ends_before(b: int, e: int, count: int) -> bool:
        word = d.text[b:e]
        if not (word[0] in UPPER or word.isdigit()):
            return True
        if count and lex.stop_re.match(d.folded, b) and not word.isdigit():
            return True
        return bool(lex.head_re.match(d.folded, b) or lex.rank_re.match(d.folded, b))

    run = _words_from(d, pos, 5, ends_before, number_ends=True)
    if run is None:
        return None
    begin, end = run
    # "UBND tỉnh Hưng Yên Nguyễn Hùng Nam": a person's name written right after the unit
    toks = [(begin + m.start(), begin + m.end()) for m in re.finditer(r"\S+", d.text[begin:end])]
    for i in range(2, len(toks) - 1):
        tok = NAME_TOKEN.match(d.text, toks[i][0])
        if tok is not None and name_key(tok.group(1)) in lex.surnames:
            return begin, toks[i - 1][1]
    return begin, end


def read_phrase(
    d: TextView, pos: int, *, max_tokens: int = 12, lower_start: bool = False
) -> tuple[int, int] | None:
    """A sub-unit's name ("Xây dựng phong trào bảo vệ ANTQ"): words up to a delimiter; it starts
    with a capital or a digit unless ``lower_start`` (the part of a name after "và")."""
    lex = name_words()

    def ends_before(b: int, e: int, count: int) -> bool:
        if count == 0 and not lower_start:
            return not (d.text[b] in UPPER or d.text[b].isdigit())
        if stops_phrase(d, b, e) or lex.rank_re.match(d.folded, b):
            return True
        return d.folded.startswith("công an", b) and d.text[b] == "C"

    found = _words_from(d, pos, max_tokens, ends_before)
    while found is not None and (joined := _comma_pair_at(d, found[1])) is not None:
        # "Phòng An ninh mạng và phòng, chống tội phạm …": a fixed pair joined by a comma
        rest = _words_from(d, joined, max_tokens, lambda b, e, count: ends_before(b, e, count + 1))
        if rest is None:
            break
        found = (found[0], rest[1])
    return found


@cache
def _comma_pairs() -> tuple[tuple[str, str], ...]:
    """The pairs of words a comma joins inside a name (``campaigns_comma.tsv``), folded, split."""
    pairs = (fold_key(w).split(",", 1) for w in words("campaigns_comma"))
    return tuple((left.strip(), right.strip()) for left, right in pairs)


def _comma_pair_at(d: TextView, end: int) -> int | None:
    """Where the words after a comma at ``end`` start, when the comma joins a fixed pair."""
    m = re.match(r",[^\S\n]+", d.text[end : end + 4])
    if m is None:
        return None
    after = end + m.end()
    for left, right in _comma_pairs():
        if (
            d.folded.endswith(left, 0, end)
            and d.folded.startswith(right, after)
            and (end == len(left) or not d.folded[end - len(left) - 1].isalnum())
        ):
            return after
    return None


def _words_from(
    d: TextView,
    pos: int,
    max_tokens: int,
    ends_before: Callable[[int, int, int], bool],
    *,
    number_ends: bool = False,
) -> tuple[int, int] | None:
    """The run of words on this line from ``pos``, at most ``max_tokens`` of them, ending before a
    punctuation mark or the word for which ``ends_before(begin, end, words so far)`` holds (after a
    number with ``number_ends``); ``None`` when it has no word."""
    p = pos
    begin = end = -1
    count = 0
    while count < max_tokens:
        t = d.token(p)
        if t is None or not t[2]:
            break
        b, e, _ = t
        if ends_before(b, e, count):
            break
        if begin < 0:
            begin = b
        end = p = e
        count += 1
        if number_ends and d.text[b:e].isdigit():
            break
    return None if begin < 0 else (begin, end)


def surname_at(d: TextView, begin: int) -> bool:
    """True when a common family name (``people_surnames.tsv``) is written at ``begin``."""
    m = NAME_TOKEN.match(d.text, begin)
    return m is not None and name_key(m.group(1)) in name_words().surnames

"""Extraction of abbreviations: those the text defines and those it uses undefined.

Spec: ``docs/ANNOTATION.md`` (abbreviations the text defines; patterns
``abbr_defined``, ``abbr_defined_comma``, ``abbr_undefined``), docs/VOCABULARY.md §3e (the expansions of the
abbreviations the genre uses undefined, kept in ``lexicons/abbrev_known.tsv``).

* Defined: "an ninh Tổ quốc (ANTQ)", "an ninh, trật tự (ANTT)", "“Toàn dân …” (TDBVANTQ)",
  "(sau đây gọi tắt là ANTT)", or the other way round "ANTT (an ninh, trật tự)": the expansion is
  the shortest run of words before the parenthesis whose initials spell the abbreviation (an
  upper-case word inside it counts whole: "bảo vệ ANTQ").
* Undefined: every other upper-case token ("UBND", "MTTQ", "PV05"); its expansion comes from the
  lexicon, ``None`` when the lexicon does not know it. A known misspelling ("MTQT") takes the
  expansion of the form it stands for ("MTTQ").

Tokens inside document numbers ("42/2021/NĐ-CP", "09-CT/TW"), in a line written mostly in
upper-case words (an all-caps headline), in a run of three or more upper-case words inside a sentence (a
name written in capitals: "BAN CHỈ ĐẠO PHONG TRÀO", where "BAN" is a syllable) unless the lexicon knows
them or the text defines them, and markers of a number ("SN 1989", ``abbrev_not_listed.tsv``) are not
abbreviations. Each abbreviation is listed once, in order of first mention, with the spans of all its
mentions.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import cache

from ..lexicon import words
from ..model import Abbreviation
from ..text import WORD, Span
from .context import Context
from .known_abbreviations import expansion_of, known

_TOKEN = re.compile(r"(?<![\w/.])(?<!\w-)[A-ZĐ][A-ZĐ0-9]*[A-ZĐ0-9](?![\w/])(?!-\w)(?!\.\d)")
_DEFINED = re.compile(
    r"\(\s*(?:(?:sau\s+đây\s+)?(?:gọi|viết)\s+tắt(?:\s+là|\s*:)?\s*)?"
    r"([A-ZĐ][A-ZĐ0-9]*[A-ZĐ0-9])\s*\)",
    re.IGNORECASE,
)
_REVERSE = re.compile(r"(?<![\w/.])([A-ZĐ][A-ZĐ0-9]*[A-ZĐ0-9])\s*\(([^()\n]{3,80})\)")
_ROMAN = re.compile(r"[IVXLC]+")


@cache
def not_listed() -> frozenset[str]:
    """Short forms that mark a number rather than name anything ("SN 1989"), not listed."""
    return frozenset(words("abbrev_not_listed"))


def _letters(s: str) -> str:
    """Upper-case ASCII skeleton: diacritics dropped, Đ → D.

    >>> _letters("Hội đồng")
    'HOI DONG'
    """
    s = s.upper().replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _initials(word: str) -> str:
    if len(word) > 1 and word.isupper():
        return _letters(word)
    return _letters(word[0])


def find_expansion(text: str, paren: int, short: str) -> tuple[int, int] | None:
    """The span of the words before ``paren`` whose initials spell ``short``.

    >>> t = "tình hình an ninh, trật tự (ANTT)"
    >>> b, e = find_expansion(t, t.index("("), "ANTT")
    >>> t[b:e]
    'an ninh, trật tự'
    """
    target = _letters(short)
    window_start = max(0, paren - 200)
    chunk = text[window_start:paren]
    # stop at a sentence end or another parenthesis
    cut = max(chunk.rfind(". "), chunk.rfind("("), chunk.rfind(")"), chunk.rfind("\n"))
    if cut >= 0:
        window_start += cut + 1
        chunk = chunk[cut + 1 :]
    ws = list(WORD.finditer(chunk))
    got = ""
    for k in range(1, min(len(ws), len(target)) + 1):
        w = ws[-k]
        got = _initials(w.group()) + got
        if got == target:
            return window_start + w.start(), window_start + ws[-1].end()
        if not target.endswith(got):
            return None
    return None


def extract_abbreviations(ctx: Context) -> None:
    """Add the abbreviations the article defines or uses to ``ctx.abbreviations``."""
    text = ctx.text
    defined: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        short = m.group(1)
        if not any(c.isupper() for c in short) or short != short.upper():
            continue
        span = find_expansion(text, m.start(), short)
        if span is not None and short not in defined:
            defined[short] = " ".join(text[span[0] : span[1]].split())
    for m in _REVERSE.finditer(text):  # "ANTT (an ninh, trật tự)"
        short, inner = m.group(1), m.group(2)
        span = find_expansion(inner, len(inner), short)
        if span == (0, len(inner.rstrip())) and short not in defined:
            defined[short] = " ".join(inner.split())
    mentions: dict[str, list[Span]] = {}
    shouting: dict[int, bool] = {}
    runs = _upper_case_runs(text)
    for m in _TOKEN.finditer(text):
        short = m.group()
        if sum(c.isalpha() for c in short) < 2 or _ROMAN.fullmatch(short):
            continue
        if short in not_listed() and short not in defined:
            continue  # "SN 1989": marks a birth year
        line_start = text.rfind("\n", 0, m.start()) + 1
        if line_start not in shouting:
            shouting[line_start] = _all_caps_line(text, line_start)
        if shouting[line_start]:
            continue
        if _in_runs(runs, m.start()) and short not in defined and short not in known():
            continue  # "BAN CHỈ ĐẠO PHONG TRÀO…" written in capitals inside a sentence
        mentions.setdefault(short, []).append(Span(m.start(), m.end()))
    for short, spans in mentions.items():
        entry = known().get(short)
        ctx.abbreviations.append(
            Abbreviation(
                short=short,
                expansion=defined.get(short) or expansion_of(short),
                spans=tuple(spans),
                defined=short in defined,
                canonical=entry[1] if entry is not None else None,
            )
        )


#: How many upper-case words in a row make a name written in capitals rather than abbreviations side by side.
_RUN = 3
#: What may stand between two words of one run: spaces, on one line.
_SAME_PHRASE = re.compile(r"[ \t\u00a0]+")


def _upper_case_runs(text: str) -> list[tuple[int, int]]:
    """The spans of runs of at least three upper-case words in a row on one line: a name or a
    phrase written in capitals ("BAN CHỈ ĐẠO PHONG TRÀO TOÀN DÂN"), where a word such as "AN" or "BAN"
    is a syllable, not an abbreviation. Two upper-case words side by side ("UBND, MTTQ") are not a run.

    >>> t = "Ngày 6/4, BAN CHỈ ĐẠO PHONG TRÀO họp; UBND, MTTQ xã dự."
    >>> [t[b:e] for b, e in _upper_case_runs(t)]
    ['BAN CHỈ ĐẠO PHONG TRÀO']
    """
    runs: list[tuple[int, int]] = []
    start = end = count = 0
    for w in WORD.finditer(text):
        word = w.group()
        if not (word.isupper() and any(c.isalpha() for c in word)):
            count = 0
            continue
        if count and _SAME_PHRASE.fullmatch(text, end, w.start()):
            count += 1
        else:
            start, count = w.start(), 1
        end = w.end()
        if count == _RUN:
            runs.append((start, end))
        elif count > _RUN:
            runs[-1] = (start, end)
    return runs


def _in_runs(runs: list[tuple[int, int]], at: int) -> bool:
    """Whether offset ``at`` falls inside one of ``runs`` (sorted, disjoint spans)."""
    i = bisect.bisect_right(runs, at, key=lambda r: r[0]) - 1
    return i >= 0 and at < runs[i][1]


def _all_caps_line(text: str, start: int) -> bool:
    """True for a line written mostly in upper-case words (an all-caps headline).

    >>> _all_caps_line("CÔNG AN TỈNH HƯNG YÊN RA QUÂN", 0)
    True
    >>> _all_caps_line("UBND xã và MTTQ huyện", 0)
    False
    """
    end = text.find("\n", start)
    ws = WORD.findall(text[start : end if end >= 0 else len(text)])
    return len(ws) >= 3 and sum(w.isupper() and len(w) > 1 for w in ws) * 2 > len(ws)

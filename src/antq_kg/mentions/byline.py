"""Byline and title stage: who wrote the article (the last line) and its headline (the first).

The byline is the last non-empty line when it is one or more 2–4 syllable capitalised names, also
behind a prefix ("Bài, ảnh: Cầm Ly", "Nhóm PV"), an affiliation in parentheses left out; the title
is the first line when it reads as a headline (text follows it, no final full stop). Later stages
skip the byline's names (no person is read there) and read counts in the headline
(``ctx.title_span``).
"""

from __future__ import annotations

import re

from ..text import APOSTROPHES, UPPER, Span
from .context import Context
from .names import name_words

_BYLINE_PREFIX = re.compile(
    r"(?:bài(?:\s*(?:,|và|&|\+)\s*ảnh)?|ảnh|tin(?:\s*(?:,|và|&)\s*ảnh)?|nhóm pv|pv|phóng viên|tác giả)\s*:\s*",
)
_ONE_NAME = rf"[{UPPER}][^\W\d_]*(?:[{APOSTROPHES}][^\W\d_]+)*(?:[^\S\n]+[{UPPER}][^\W\d_]*(?:[{APOSTROPHES}][^\W\d_]+)*){{1,3}}"
#: one or more 2–4 syllable names: "Cầm Ly", "Minh Anh - Thu Hà", "Hoàng Lam và Thanh Tâm"
_BYLINE_NAMES = re.compile(rf"{_ONE_NAME}(?:[^\S\n]*(?:[-\u2013,]|[^\S\n]và)[^\S\n]*{_ONE_NAME})*")


def read_byline(text: str, folded: str) -> tuple[str, Span] | None:
    """The author on the last non-empty line: a 2–4 syllable capitalised name.

    >>> from antq_kg.text import fold
    >>> read_byline("Bài viết.\\n\\nBài, ảnh: Cầm Ly\\n", fold("Bài viết.\\n\\nBài, ảnh: Cầm Ly\\n"))
    ('Cầm Ly', Span(begin=21, end=27))
    >>> read_byline("Một câu kết thúc.", "một câu kết thúc.") is None
    True
    """
    end = len(text.rstrip())
    begin = text.rfind("\n", 0, end) + 1
    line_f = folded[begin:end]
    lead = len(line_f) - len(line_f.lstrip())
    p = begin + lead
    m = _BYLINE_PREFIX.match(folded, p)
    if m is not None:
        p = m.end()
    # "Nguyễn Hà (Công an tỉnh Quảng Ninh)": the affiliation in parentheses is not the name
    paren = re.search(r"[^\S\n]*\([^()\n]*\)$", text[p:end])
    if paren is not None:
        end = p + paren.start()
    nm = _BYLINE_NAMES.fullmatch(text, p, end)
    if nm is None:
        return None
    if name_words().stop_re.match(folded, p) or name_words().head_re.match(folded, p):
        return None
    return text[p:end], Span(p, end)


def read_title(text: str) -> tuple[str, Span] | None:
    """The first line when it reads as a headline: followed by text, no final full stop.

    >>> read_title("Quảng Trị: Quần chúng cung cấp 4.312 nguồn tin\\n\\nNgày 26/12, …")
    ('Quảng Trị: Quần chúng cung cấp 4.312 nguồn tin', Span(begin=0, end=46))
    >>> read_title("Đại tá A cho biết: nhiệm vụ trọng tâm.\\n\\nCùng với…") is None
    True
    """
    stripped = text.lstrip()
    begin = len(text) - len(stripped)
    nl = text.find("\n", begin)
    if nl < 0:
        return None
    line = text[begin:nl].rstrip()
    if not line or len(line) > 250 or line[-1] in ".!?…;:," or not text[nl:].strip():
        return None
    if len(line.split()) < 3 or (line[0] not in UPPER and not line[0].isdigit()):
        return None
    return line, Span(begin, begin + len(line))


def extract_byline(ctx: Context) -> None:
    """Set ``ctx.author`` and ``ctx.author_spans`` from the byline, ``ctx.title`` and ``ctx.title_span``."""
    byline = read_byline(ctx.text, ctx.folded)
    if byline is not None:
        ctx.author, span = byline
        ctx.author_spans = (span,)
    title = read_title(ctx.text)
    if title is not None:
        ctx.title, ctx.title_span = title

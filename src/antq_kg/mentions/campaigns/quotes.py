"""Quotations, paired line by line: the names of initiatives are most often quoted.

Curly, straight, mixed and unspaced double quotes, guillemets «…», and single quotes ‘…’ or '…'
(paired apart from double ones, so that a motto can be quoted inside quoted speech); an apostrophe
between two letters (Cư M'gar, K'Ho) is no quote mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTES = '"\u201c\u201d\u00ab\u00bb'
_QUOTE_MARK = re.compile("[\"\u201c\u201d\u00ab\u00bb\u2018\u2019']|\n")
MARKS = "\"\u201c\u201d\u00ab\u00bb\u2018\u2019'"  # every quote mark find_quotes pairs
_OPEN_NEXT = '"\u201c\u00ab'  # a single quote opening right before a double one


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``[open, close]`` are the quote marks, ``[begin, end)`` the trimmed content."""

    open: int
    begin: int
    end: int
    close: int
    depth: int


def find_quotes(text: str) -> list[Quote]:
    """Pair the quotation marks of ``text``, line by line: curly, straight, mixed and unspaced double
    quotes, guillemets «…», and single quotes ‘…’ or '…' (paired apart from double ones, so that a
    motto can be quoted inside quoted speech). A straight or curly apostrophe between two letters or
    digits (Cư M'gar, Cư M’gar, K'Ho) is not a quote mark.

    >>> [text[q.begin:q.end] for text in ['mô hình“Camera an ninh” và "Xóm bình yên” ở Cư M’gar, ‘Bến an toàn’']
    ...  for q in find_quotes(text)]
    ['Camera an ninh', 'Xóm bình yên', 'Bến an toàn']
    >>> t = "mô hình «Bản bình yên», 'Camera an ninh' ở Cư M'gar và “sống theo 'Ba cùng'”"
    >>> [(t[q.begin:q.end], q.depth) for q in find_quotes(t)]
    [('Bản bình yên', 0), ('Camera an ninh', 0), ("sống theo 'Ba cùng'", 0), ('Ba cùng', 1)]
    """
    out: list[Quote] = []
    stack: list[int] = []  # “…”, "…", «…»
    singles: list[int] = []  # ‘…’, '…'
    n = len(text)
    for m in _QUOTE_MARK.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == "\n":
            stack.clear()
            singles.clear()
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch in "\u2018\u2019'":
            if prev.isalnum() and nxt.isalnum():
                continue  # the apostrophe of M’gar, K'Ho
            if ch == "\u2018" or (ch == "'" and not prev.isalnum() and (nxt.isalnum() or nxt in _OPEN_NEXT)):
                singles.append(i)
            elif singles and (ch == "\u2019" or not nxt.isalnum()):
                _add_quote(text, out, singles.pop(), i, len(stack) + len(singles))
            continue
        if ch in "\u201c\u00ab":
            role = "open"
        elif ch in "\u201d\u00bb":
            role = "close"
        elif prev.isspace() or prev in "([{-–—:'\u2018" or i == 0:
            role = "open"
        elif nxt.isspace() or nxt in ".,;:!?)]…'\u2019" or i + 1 == n:
            role = "close"
        else:
            role = "either"
        if role == "open" or (role == "either" and not stack):
            stack.append(i)
            continue
        if not stack:
            continue
        o = stack.pop()
        _add_quote(text, out, o, i, len(stack) + len(singles))
    out.sort(key=lambda q: q.open)
    return out


def _add_quote(text: str, out: list[Quote], o: int, c: int, depth: int) -> None:
    """Record the quotation between marks ``o`` and ``c``, its content trimmed."""
    b, e = o + 1, c
    while b < e and text[b].isspace():
        b += 1
    while e > b and (text[e - 1].isspace() or text[e - 1] in ".,;:"):
        e -= 1
    if e > b:
        out.append(Quote(o, b, e, c, depth))

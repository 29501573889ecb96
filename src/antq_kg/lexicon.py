"""Lexicons are data files (``src/antq_kg/lexicons/*.tsv``), not code: this module only reads them.

Format: UTF-8, one entry per line, fields separated by a TAB, ``#`` starts a comment line, blank
lines are skipped. Entries are NFC-normalised on load; callers fold them with
:func:`antq_kg.text.fold` when they match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from .resources import lexicon_file
from .text import fold


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``lexicons/<name>.tsv`` as tuples of stripped fields.

    >>> rows("_example")[0]
    ('Đại tá', 'Colonel')
    """
    data = lexicon_file(name).read_text(encoding="utf-8")
    out = []
    for line in data.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(tuple(unicodedata.normalize("NFC", f.strip()) for f in line.split("\t")))
    return tuple(out)


def words(name: str) -> tuple[str, ...]:
    """The first field of every row of ``lexicons/<name>.tsv``."""
    return tuple(r[0] for r in rows(name))


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of the folded phrases, longest first, any whitespace between words.

    Match it against :func:`antq_kg.text.fold`-ed text; the caller adds word boundaries.

    >>> print(alternation(["Đại tá", "đại tá", "Tá"]))
    đại\\s+tá|tá
    """
    alts = sorted({fold(p) for p in phrases if p.strip()}, key=lambda a: (-len(a), a))
    return "|".join(r"\s+".join(re.escape(w) for w in a.split()) for a in alts)

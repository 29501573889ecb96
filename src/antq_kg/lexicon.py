"""Lexicons are data files (``src/antq_kg/lexicons/*.tsv``), not code: this module only reads them.

Format: UTF-8, one entry per line, fields separated by a TAB, ``#`` starts a comment line, blank
lines are skipped. Entries are NFC-normalised on load; callers fold them with
:func:`antq_kg.text.fold` when they match (:func:`antq_kg.text.alternation` makes a regex of them).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``lexicons/<name>.tsv`` as tuples of stripped fields.

    >>> rows("_example")[0]
    ('Đại tá', 'Colonel')
    """
    data = resources.files("antq_kg").joinpath("lexicons", f"{name}.tsv").read_text(encoding="utf-8")
    out = []
    for line in data.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(tuple(unicodedata.normalize("NFC", f.strip()) for f in line.split("\t")))
    return tuple(out)


def words(name: str) -> tuple[str, ...]:
    """The first field of every row of ``lexicons/<name>.tsv``."""
    return tuple(r[0] for r in rows(name))

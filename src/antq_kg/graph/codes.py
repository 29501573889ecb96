"""The code lists of the count cube: a phrase of the text → a curated concept of the ontology.

The unit-type, criterion and scope schemes of ``ontology/antq.ttl`` are curated and closed (the shapes
reject any other member), so nothing here mints a concept from the text's words; the phrase as written
stays on the count (``antq:unitPhrase``, ``antq:criterionPhrase``, ``antq:scopePhrase``). Phrases are
compared folded (:func:`antq_kg.iris.folded_name`: case, tone placement, punctuation), whole words:

- **unit type** (and within-unit): the concept one of whose labels equals the phrase ("tổ hoà giải" →
  ``unit-type/to-hoa-giai``), else the one whose label is the longest run of words the phrase starts
  with: its nearest broader concept ("vụ trộm bò" → ``unit-type/vu-viec``, "câu lạc bộ “Phụ nữ với pháp
  luật”" → ``unit-type/cau-lac-bo``), else ``unit-type/other``;
- **criterion**: the initiative the phrase names (an ``antq:Initiative`` of the article: 'được công nhận
  "Khu dân cư tiên tiến"' → that title), else the concept with the longest label inside the phrase
  ("được công nhận không có tội phạm" → ``criterion/khong-co-toi-pham``), else ``criterion/other``;
- **scope**: after the leading "ở", "tại", "các"…, an equal label, else the longest label inside, else
  ``scope/other`` ("toàn tỉnh" is ``antq:wholeArea``).

Plural and function words in front ("các", "những") are dropped first.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..iris import folded_name
from ..vocab import CONCEPT
from .concepts import curated

__all__ = ["criterion", "scope", "unit_type"]

_LEADING = frozenset({"các", "những", "mọi", "ở", "tại", "trong", "thuộc"})


def other(scheme: str) -> str:
    """The scheme's explicit "other" concept."""
    return f"{CONCEPT}{scheme}/other"


def _bare(phrase: str) -> str:
    words = folded_name(phrase).split()
    while len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    return " ".join(words)


def unit_type(phrase: str) -> str:
    """The unit-type concept of a unit phrase.

    >>> unit_type("tổ hoà giải").rsplit("/", 1)[1], unit_type("các tổ an ninh nhân dân").rsplit("/", 1)[1]
    ('to-hoa-giai', 'to-an-ninh-nhan-dan')
    >>> unit_type("vụ trộm cắp tài sản").rsplit("/", 1)[1], unit_type("bình chữa cháy mini").rsplit("/", 1)[1]
    ('vu-viec', 'other')
    """
    bare = _bare(phrase)
    c = curated()
    return c.find("unit-type", bare) or c.nearest("unit-type", bare) or other("unit-type")


def scope(phrase: str) -> str:
    """The scope concept of a scope phrase.

    >>> scope("ở cấp xã").rsplit("/", 1)[1], scope("thôn, tổ dân phố").rsplit("/", 1)[1], scope("toàn tỉnh")
    ('cap-xa', 'khu-dan-cu', 'https://w3id.org/antq/ontology#wholeArea')
    >>> scope("phường Minh Khai (quận Bắc Từ Liêm)").rsplit("/", 1)[1]
    'other'
    """
    bare = _bare(phrase)
    c = curated()
    return c.find("scope", bare) or c.nearest("scope", bare, inside=True) or other("scope")


def criterion(phrase: str, initiatives: Mapping[str, str]) -> str:
    """The criterion of a criterion phrase: the IRI of the initiative it names (``initiatives``: folded
    name → IRI, the article's), else a curated concept.

    >>> criterion('được công nhận "Khu dân cư tiên tiến"', {"khu dân cư tiên tiến": "urn:x:kdctt"})
    'urn:x:kdctt'
    >>> criterion("không có tội phạm, tệ nạn xã hội", {}).rsplit("/", 1)[1]
    'khong-co-toi-pham-te-nan-xa-hoi'
    """
    words = f" {folded_name(phrase)} "
    named = [(len(name), iri) for name, iri in initiatives.items() if name and f" {name} " in words]
    if named:
        return max(named)[1]
    bare = _bare(phrase)
    c = curated()
    return c.find("criterion", bare) or c.nearest("criterion", bare, inside=True) or other("criterion")

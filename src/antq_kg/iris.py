"""Deterministic IRI minting: the same content always gets the same IRI (issue 2, "deterministic IRIs").

Layout under the data base IRI (default ``https://w3id.org/antq/``, :data:`antq_kg.vocab.DEFAULT_BASE_IRI`):

==========================================  ===================================================
``{base}id/article/{article}``              the ``schema:NewsArticle``
``{base}id/article/{article}/text``         its ``nif:Context`` (the NFC text)
``{base}id/article/{article}/text#char=b,e``  a ``nif:Phrase`` (RFC 5147 offsets, code points)
``{base}id/graph/{article}``                the article's named graph
``{base}id/dataset/{article}``              the article's ``qb:DataSet``
``{base}id/person/{org}/{name}[/{rank}]``   a person merged across articles on name + organisation + rank
``{base}id/person/{article}/{name}``        a person with no organisation (article-scoped)
``{base}id/org/{head}/{key}``               an organisation: its head ("cong-an") + gazetteer key of its unit
``{base}id/org/{name}``                     an organisation whose name names no unit (shared by name)
``{base}id/org/{article}/{name}``           an organisation whose unit the gazetteer did not resolve
``{base}id/place/{key}``                    a place the gazetteer resolved (shared across articles)
``{base}id/place/{chain}``                  a place as written, root first: ``tinh-hung-yen/huyen-phu-cu``
                                            (without a gazetteer; with one, unresolved places are
                                            ``{base}id/place/{article}/{chain}``)
``{base}id/initiative/{name}``              a named initiative (shared across articles)
``{base}id/{kind}/{article}/{hash}``        a fact node: post, membership, obs, participation
``{base}id/run/{id}``                       a build run (``prov:Activity``)
``{base}id/admin/{key}``                    a gazetteer unit (issue 4)
==========================================  ===================================================

``{article}`` is the file stem as an ASCII slug plus the first 8 hex digits of the text's SHA-256,
so two different texts with the same file name do not collide. ``{hash}`` is the first 12 hex
digits of the SHA-256 of the fact's content and first evidence span.

Cross-article identity (issue 4): an IRI without ``{article}`` in it is shared by every article that
names the same thing; what makes two mentions "the same" is decided in :mod:`antq_kg.graph` and
recorded there as ``antq:identityKey``/``antq:identityBasis``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from rdflib import URIRef

from .lexicon import rows
from .text import fold_key
from .vocab import ANTQ_MOVEMENT_SLUG

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, *, max_len: int = 80) -> str:
    """An ASCII slug of Vietnamese text: folded (case, tone placement), diacritics and đ dropped.

    Long slugs are cut at a word boundary and suffixed with a short hash so they stay unique.

    >>> slugify("Thôn xóm bình yên, gia đình hạnh phúc")
    'thon-xom-binh-yen-gia-dinh-hanh-phuc'
    >>> slugify("ban hoà giải") == slugify("Ban hòa giải")
    True
    >>> slugify("Đảng ủy")
    'dang-uy'
    >>> len(slugify("x " * 100, max_len=20)) <= 20
    True
    """
    folded = fold_key(text).replace("đ", "d")
    ascii_ = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    slug = _NON_SLUG.sub("-", ascii_).strip("-") or "x"
    if len(slug) > max_len:
        digest = hashlib.sha256(slug.encode()).hexdigest()[:8]
        head = slug[: max_len - 9].rsplit("-", 1)[0] or slug[: max_len - 9]
        slug = f"{head}-{digest}"
    return slug


def content_hash(*parts: object, length: int = 12) -> str:
    """A short hex digest of ``parts`` (joined with a unit separator).

    >>> content_hash("a", 1) == content_hash("a", 1) != content_hash("a", 2)
    True
    """
    data = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:length]


def article_slug(path: str, sha256: str) -> str:
    """The article part of every IRI minted from one article: file stem slug + 8 hex of its hash.

    >>> article_slug("data/articles/hung-yen-antq.txt", "ab12cd34ef")
    'hung-yen-antq-ab12cd34'
    """
    return f"{slugify(PurePath(path).stem, max_len=60)}-{sha256[:8]}"


def _movement_forms() -> frozenset[str]:
    """Slugs of every written form of the ANTQ movement: the forms of the campaigns lexicon
    ``lexicons/campaigns_antq.tsv`` (full name, "toàn dân bảo vệ ANTQ", TDBVANTQ, BVANTQ…, issue 3),
    each also after the kind word "phong trào"."""
    forms = {slugify(row[0]) for row in rows("campaigns_antq")} | {ANTQ_MOVEMENT_SLUG}
    return frozenset(forms | {f"phong-trao-{f}" for f in forms})


_MOVEMENT_FORMS = _movement_forms()


def is_movement(name: str) -> bool:
    """Whether ``name`` is a written form of the ANTQ movement.

    >>> is_movement("BVANTQ"), is_movement("Câu lạc bộ đoàn kết")
    (True, False)
    """
    return slugify(name) in _MOVEMENT_FORMS


def initiative_slug(name: str) -> str:
    """The slug of a named initiative; every written form of the ANTQ movement gives one slug.

    >>> initiative_slug("toàn dân bảo vệ ANTQ") == initiative_slug("Toàn dân bảo vệ an ninh Tổ quốc")
    True
    >>> initiative_slug("TDBVANTQ")
    'toan-dan-bao-ve-an-ninh-to-quoc'
    >>> initiative_slug("phong trào Toàn dân tham gia bảo vệ an ninh Tổ quốc")
    'toan-dan-bao-ve-an-ninh-to-quoc'
    >>> initiative_slug("Câu lạc bộ đoàn kết")
    'cau-lac-bo-doan-ket'
    """
    slug = slugify(name)
    return ANTQ_MOVEMENT_SLUG if slug in _MOVEMENT_FORMS else slug


@dataclass(frozen=True, slots=True)
class Minter:
    """Mints the IRIs of one article under a base IRI.

    >>> m = Minter("https://w3id.org/antq/", "seed-0a1b2c3d")
    >>> str(m.phrase(0, 6))
    'https://w3id.org/antq/id/article/seed-0a1b2c3d/text#char=0,6'
    >>> str(m.org("Công an tỉnh Hưng Yên"))
    'https://w3id.org/antq/id/org/cong-an-tinh-hung-yen'
    """

    base: str
    article: str

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            object.__setattr__(self, "base", self.base + "/")

    def _id(self, path: str) -> URIRef:
        return URIRef(f"{self.base}id/{path}")

    @property
    def news_article(self) -> URIRef:
        """The ``schema:NewsArticle``."""
        return self._id(f"article/{self.article}")

    @property
    def context(self) -> URIRef:
        """The ``nif:Context`` holding the NFC text."""
        return self._id(f"article/{self.article}/text")

    def phrase(self, begin: int, end: int) -> URIRef:
        """The ``nif:Phrase`` of ``text[begin:end]``."""
        return URIRef(f"{self.context}#char={begin},{end}")

    @property
    def graph(self) -> URIRef:
        """The article's named graph."""
        return self._id(f"graph/{self.article}")

    @property
    def dataset(self) -> URIRef:
        """The article's ``qb:DataSet``."""
        return self._id(f"dataset/{self.article}")

    def person(self, name: str) -> URIRef:
        """A person, scoped by the article."""
        return self._id(f"person/{self.article}/{slugify(name)}")

    def person_in(self, org: URIRef, name: str, rank: str | None = None) -> URIRef:
        """A person merged across articles: name + organisation (+ rank when stated).

        >>> m = Minter("https://w3id.org/antq/", "a-1")
        >>> str(m.person_in(m.org_in("Công an", "p33"), "Trần Huy Ngạn", "Đại tá"))
        'https://w3id.org/antq/id/person/cong-an/p33/tran-huy-ngan-c7b401/dai-ta'

        The name's slug drops diacritics, so 6 hex digits of the folded name keep "Hải" and
        "Hài" apart:

        >>> m.person_in(URIRef("o"), "Nguyễn Văn Hải") != m.person_in(URIRef("o"), "Nguyễn Văn Hài")
        True
        """
        org_part = str(org).removeprefix(f"{self.base}id/org/")
        tail = f"/{slugify(rank)}" if rank else ""
        return self._id(f"person/{org_part}/{slugify(name)}-{content_hash(fold_key(name), length=6)}{tail}")

    def org(self, name: str) -> URIRef:
        """An organisation by its (resolved) name."""
        return self._id(f"org/{slugify(name)}")

    def org_in(self, head: str, key: str) -> URIRef:
        """An organisation by its head ("Công an", "Đảng ủy Công an") and its unit's gazetteer key."""
        return self._id(f"org/{slugify(head)}/{key}")

    def scoped_org(self, name: str) -> URIRef:
        """An organisation scoped by the article (its unit could not be resolved)."""
        return self._id(f"org/{self.article}/{slugify(name)}")

    def place(self, chain: list[tuple[str, str]]) -> URIRef:
        """A place by its written chain ``[(type, name), …]`` child first."""
        parts = [slugify(f"{t} {n}") for t, n in reversed(chain)]
        return self._id("place/" + "/".join(parts))

    def scoped_place(self, chain: list[tuple[str, str]]) -> URIRef:
        """A place by its written chain, scoped by the article (the gazetteer did not resolve it)."""
        parts = [slugify(f"{t} {n}") for t, n in reversed(chain)]
        return self._id(f"place/{self.article}/" + "/".join(parts))

    def place_key(self, key: str) -> URIRef:
        """A place the gazetteer resolved to unit ``key`` (one IRI across articles)."""
        return self._id(f"place/{key}")

    def initiative(self, name: str) -> URIRef:
        """A named initiative (all written forms of the ANTQ movement give one IRI)."""
        return self._id(f"initiative/{initiative_slug(name)}")

    def fact(self, kind: str, *content: object) -> URIRef:
        """A fact node of ``kind`` minted from its content (include the first evidence span)."""
        return self._id(f"{kind}/{self.article}/{content_hash(*content)}")

    def admin_unit(self, key: str) -> URIRef:
        """A gazetteer unit (issue 4)."""
        return self._id(f"admin/{key}")

    def run(self, run_id: str) -> URIRef:
        """A build run."""
        return self._id(f"run/{run_id}")

    @property
    def run_graph_prefix(self) -> str:
        """Prefix of the named graphs holding build-run records."""
        return f"{self.base}id/graph/run/"

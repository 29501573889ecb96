"""Deterministic IRIs: the same content always gets the same IRI; every IRI and graph-name pattern is here.

Layout under the data base IRI (default ``https://w3id.org/antq/``, :data:`DEFAULT_BASE_IRI`):

==========================================  ===================================================
``{base}id/article/{article}``              the ``schema:NewsArticle``
``{base}id/article/{article}/text``         its ``nif:Context`` (the NFC text)
``{base}id/article/{article}/text#char=b,e``  a ``nif:Phrase`` (RFC 5147 offsets, code points)
``{base}id/graph/{article}``                the article's named graph
``{base}id/dataset/{article}``              the article's ``qb:DataSet``
``{base}id/{kind}/{path}``                  an entity: :meth:`Minter.mint` of an
                                            :class:`antq_kg.identity.Identity` (person, org,
                                            place, initiative; the path says what was compared)
``{base}id/{kind}/{article}/{hash}``        a fact node: post, membership, obs, participation
``{base}id/run/{id}``                       a build run (``prov:Activity``)
``{base}id/admin/{key}``                    a gazetteer unit
``{base}id/graph/run/{id}``                 the named graph of a build run's record
``{base}id/graph/gazetteer``                the gazetteer's named graph
``{base}id/graph/links``                    the named graph of the links to other open data
==========================================  ===================================================

``{article}`` is the file stem as an ASCII slug plus the first 8 hex digits of the text's SHA-256,
so two different texts with the same file name do not collide. ``{hash}`` is the first 12 hex
digits of the SHA-256 of the fact's content and first evidence span.

Which mentions are the same entity is decided in :mod:`antq_kg.identity` (no IRI is minted there);
this module only turns its decisions into IRIs. Nothing here depends on an RDF library: IRIs are
strings, and the writers make terms of them.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath
from typing import Final, Protocol

from .text import fold_key

#: Default base IRI of the project (data under ``{base}id/``).
DEFAULT_BASE_IRI: Final = "https://w3id.org/antq/"
#: The named graph the ontology is loaded into (the published vocabulary: it does not follow the base).
ONTOLOGY_GRAPH: Final = "https://w3id.org/antq/ontology"

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1 << 16)
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


def base_of(base_iri: str) -> str:
    """``base_iri`` ending with ``/`` or ``#`` (a base written without one gets ``/``).

    >>> base_of("http://example.org/kg"), base_of("https://w3id.org/antq/")
    ('http://example.org/kg/', 'https://w3id.org/antq/')
    """
    return base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"


def data_iri(path: str, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """``{base}id/{path}``: every data IRI is under ``id/``.

    >>> data_iri("place/p33", base_iri="http://example.org/kg")
    'http://example.org/kg/id/place/p33'
    """
    return f"{base_of(base_iri)}id/{path}"


def admin_iri(key: str, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of gazetteer unit ``key``.

    >>> admin_iri("c12118-2019")
    'https://w3id.org/antq/id/admin/c12118-2019'
    """
    return data_iri(f"admin/{key}", base_iri=base_iri)


def gazetteer_graph_iri(*, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The named graph the gazetteer is loaded into."""
    return data_iri("graph/gazetteer", base_iri=base_iri)


def links_graph_iri(*, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The named graph the links to other open data are loaded into."""
    return data_iri("graph/links", base_iri=base_iri)


def run_graph_prefix(*, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Prefix of the named graphs holding build-run records (``{prefix}{run id}``)."""
    return data_iri("graph/run/", base_iri=base_iri)


def run_iri(run_id: str, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """A build run (``prov:Activity``)."""
    return data_iri(f"run/{run_id}", base_iri=base_iri)


class Minted(Protocol):
    """What :meth:`Minter.mint` needs of an identity (:class:`antq_kg.identity.Identity`)."""

    @property
    def kind(self) -> str: ...

    @property
    def path(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Minter:
    """Mints the IRIs of one article under a base IRI.

    >>> m = Minter("https://w3id.org/antq/", "seed-0a1b2c3d")
    >>> m.phrase(0, 6)
    'https://w3id.org/antq/id/article/seed-0a1b2c3d/text#char=0,6'
    """

    base: str
    article: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "base", base_of(self.base))

    def _id(self, path: str) -> str:
        return f"{self.base}id/{path}"

    def mint(self, identity: Minted) -> str:
        """The IRI of an entity: ``{base}id/{kind}/{path}``."""
        return self._id(f"{identity.kind}/{'/'.join(identity.path)}")

    @property
    def news_article(self) -> str:
        """The ``schema:NewsArticle``."""
        return self._id(f"article/{self.article}")

    @property
    def context(self) -> str:
        """The ``nif:Context`` holding the NFC text."""
        return self._id(f"article/{self.article}/text")

    def phrase(self, begin: int, end: int) -> str:
        """The ``nif:Phrase`` of ``text[begin:end]``."""
        return f"{self.context}#char={begin},{end}"

    @property
    def graph(self) -> str:
        """The article's named graph."""
        return self._id(f"graph/{self.article}")

    @property
    def dataset(self) -> str:
        """The article's ``qb:DataSet``."""
        return self._id(f"dataset/{self.article}")

    def fact(self, kind: str, *content: object) -> str:
        """A fact node of ``kind`` minted from its content (include the first evidence span)."""
        return self._id(f"{kind}/{self.article}/{content_hash(*content)}")

    def admin_unit(self, key: str) -> str:
        """A gazetteer unit."""
        return self._id(f"admin/{key}")

    def run(self, run_id: str) -> str:
        """A build run."""
        return self._id(f"run/{run_id}")

    @property
    def run_graph_prefix(self) -> str:
        """Prefix of the named graphs holding build-run records."""
        return self._id("graph/run/")

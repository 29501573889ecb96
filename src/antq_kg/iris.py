"""Deterministic IRIs: the same content always gets the same IRI; every IRI and graph-name pattern is here.

Layout under the data base IRI (default ``https://w3id.org/antq/``, :data:`DEFAULT_BASE_IRI`,
configurable with ``--base-iri``):

=============================================  ===================================================
``{base}id/article/{article}``                 the ``schema:NewsArticle``
``{base}id/article/{article}/text``            its ``nif:Context`` (the NFC text)
``{base}id/article/{article}/text#char=b,e``   a ``nif:Phrase`` (RFC 5147 offsets, code points)
``{base}id/article/{article}#publication``     its publication instant (``time:Instant``)
``{base}id/graph/{article}``                   the article's named graph
``{base}id/dataset/counts``                     the one ``qb:DataSet`` of every article's counts
``{base}id/period/{start}--{end}``              a reference period fixed by its dates (or
                                               ``{duration}--{end}``: ``P5Y--2019-05-01``)
``{base}id/period/{article}/{slug}``           a period of one article the dates do not fix
``{base}id/date/{YYYY-MM-DD}``                 a day as a ``time:Instant`` (a period's bounds)
``{base}id/duration/{ISO 8601}``               a length of time (``P5Y``) as a ``time:Duration``
``{base}id/place/{unit key}``                  one version of an administrative unit (the
                                               gazetteer's key: ``c12118-2019`` xã Nhân Hòa to
                                               2019-04-30); the gazetteer graph describes it
``{base}id/place/{unit key}/{slug}``           a residential unit (thôn, tổ dân phố…) of a commune
``{base}id/place/{article}/{slug}/…``          a place the gazetteer did not resolve (its chain)
``{base}id/org/{head}/{unit key}``             an organisation serving a unit ("Công an" + ``p33``)
``{base}id/org/{slug}``                        an organisation that names no unit (its name)
``{base}id/org/{article}/{slug}``              an organisation of one article (unit unresolved)
``{base}id/person/{org path}/{name}``          a person: name + organisation (no rank, no post)
``{base}id/person/{article}/{name}``           a person with no organisation (one article's)
``{base}id/post/{org path}/{role}``            an ``org:Post``: one per organisation and role
``{base}id/initiative/{slug}``                 a named initiative (movement, model, title…)
``{base}id/author/{slug}``                     a byline
``{base}id/concept/{scheme}/{slug}``           a concept minted from text (curated concepts are
                                               the ontology's ``https://w3id.org/antq/id/concept/…``)
``{base}id/{kind}/{article}/{hash}``           a fact node: membership, rank-statement, obs,
                                               participation, abbreviation
``{base}id/change/…``                          a dated change (an ``antq:AdminChange``, an
                                               ``org:ChangeEvent``)
``{base}id/run/{id}``                          a build run (``prov:Activity``)
``{base}id/graph/run/{id}``                    the named graph of a build run's record
``{base}id/graph/gazetteer``                   the gazetteer's named graph
``{base}id/graph/links``                       the named graph of the links to other open data
``{base}id/graph/corpus``                      the corpus graph: the one ``skos:prefLabel`` of each
                                               organisation, initiative and person, chosen over the
                                               article graphs' spellings (:mod:`antq_kg.graph.corpus`)
=============================================  ===================================================

``{article}`` is :func:`article_id`: the identifier the sidecar declares, else 16 hex digits of the
SHA-256 of the NFC text (never the file name, which the graph keeps as ``antq:sourcePath``). Every
segment minted from text is a :func:`slug`, which keeps every distinction the text makes. ``{hash}``
is 12 hex digits of the SHA-256 of the fact's content and first evidence span.

Which mentions are the same entity is decided in :mod:`antq_kg.identity` (no IRI is minted there);
this module only turns its decisions into IRIs (:meth:`Minter.mint`). Nothing here depends on an RDF
library: IRIs are strings, and the writers make terms of them.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Protocol

from .text import fold_key

#: Default base IRI of the project (data under ``{base}id/``).
DEFAULT_BASE_IRI: Final = "https://w3id.org/antq/"
#: The named graph the ontology is loaded into (the published vocabulary: it does not follow the base).
ONTOLOGY_GRAPH: Final = "https://w3id.org/antq/ontology"

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=1 << 16)
def folded_name(text: str) -> str:
    """What two written names must share to be the same name: NFC, case and tone placement folded
    (:func:`antq_kg.text.fold_key`), punctuation dropped, words joined by one space.

    >>> folded_name("Ban  hoà giải") == folded_name("ban hòa giải")
    True
    >>> folded_name("phòng, chống tội phạm")
    'phòng chống tội phạm'
    """
    return " ".join(_WORD.findall(fold_key(text)))


@functools.lru_cache(maxsize=1 << 16)
def ascii_fold(text: str) -> str:
    """An ASCII rendering of Vietnamese text for codes and file names (not for identity: it merges
    "Hà" and "Hạ"): folded, diacritics and đ dropped, words joined by ``-``.

    >>> ascii_fold("Thành phố"), ascii_fold("Đảng ủy")
    ('thanh-pho', 'dang-uy')
    """
    plain = "".join(
        c
        for c in unicodedata.normalize("NFD", fold_key(text).replace("đ", "d"))
        if not unicodedata.combining(c)
    )
    return _NON_SLUG.sub("-", plain).strip("-")


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str, *, max_len: int = 80) -> str:
    """The one slug of every IRI path segment minted from text: an ASCII slug that keeps every
    distinction the text makes.

    The ASCII slug (:func:`ascii_fold`) gets 6 hex digits of the SHA-256 of the :func:`folded_name`
    whenever folding to ASCII loses information (a non-ASCII letter in the folded name: a diacritic,
    đ), or when the slug is cut to ``max_len``. So names that differ only by diacritics get
    different slugs, names that differ only by case, spacing, punctuation or tone placement the same.

    >>> slug("thôn Hà") != slug("thôn Hạ") != slug("thôn Ha")
    True
    >>> slug("xã Nhân Hòa") == slug("Xã Nhân  Hoà")
    True
    >>> slug("Câu lạc bộ đoàn kết")
    'cau-lac-bo-doan-ket-8c2445'
    >>> slug("PV05"), slug("5 nam qua")
    ('pv05', '5-nam-qua')
    >>> len(slug("x " * 100, max_len=20)) <= 20
    True
    """
    name = folded_name(text)
    plain = ascii_fold(text) or "x"
    lossy = not name.isascii()
    if not lossy and len(plain) <= max_len:
        return plain
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:6]
    if len(plain) > max_len - 7:
        plain = plain[: max_len - 7].rsplit("-", 1)[0] or plain[: max_len - 7]
    return f"{plain}-{digest}"


def content_hash(*parts: object, length: int = 12) -> str:
    """A short hex digest of ``parts`` (joined with a unit separator).

    >>> content_hash("a", 1) == content_hash("a", 1) != content_hash("a", 2)
    True
    """
    data = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:length]


def article_id(sha256: str, declared: object = None) -> str:
    """The article part of every IRI minted from one article: the identifier its sidecar declares
    (``"id"``, slugged) when there is one, else the first 16 hex digits of the SHA-256 of its NFC
    text. Never the file name: the same text read from two paths is one article.

    >>> article_id("ab12cd34ef56ab78cd90"), article_id("ab12cd34ef56ab78cd90", "HY-2024/17")
    ('ab12cd34ef56ab78', 'hy-2024-17')
    """
    if isinstance(declared, str | int) and str(declared).strip():
        return slug(str(declared), max_len=60)
    return sha256[:16]


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


def place_iri(key: str, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of gazetteer unit ``key`` (one version of an administrative unit): the gazetteer graph
    describes it and every article graph naming the unit points to it.

    >>> place_iri("c12118-2019")
    'https://w3id.org/antq/id/place/c12118-2019'
    """
    return data_iri(f"place/{key}", base_iri=base_iri)


def concept_iri(scheme: str, slug_: str, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """A concept minted from text in ``scheme`` (the curated ones are the ontology's, under
    ``https://w3id.org/antq/id/concept/`` whatever the base).

    >>> concept_iri("post", "bi-thu-chi-doan-0c4d3e", base_iri="http://example.org/kg/")
    'http://example.org/kg/id/concept/post/bi-thu-chi-doan-0c4d3e'
    """
    return data_iri(f"concept/{scheme}/{slug_}", base_iri=base_iri)


def gazetteer_graph_iri(*, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The named graph the gazetteer is loaded into."""
    return data_iri("graph/gazetteer", base_iri=base_iri)


def links_graph_iri(*, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The named graph the links to other open data are loaded into."""
    return data_iri("graph/links", base_iri=base_iri)


def corpus_graph_iri(*, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The corpus graph: what is chosen over every article graph, the one ``skos:prefLabel`` of each
    organisation, initiative and person (:mod:`antq_kg.graph.corpus`).

    >>> corpus_graph_iri(base_iri="http://example.org/kg/")
    'http://example.org/kg/id/graph/corpus'
    """
    return data_iri("graph/corpus", base_iri=base_iri)


def run_graph_prefix(*, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Prefix of the named graphs holding build-run records (``{prefix}{run id}``)."""
    return data_iri("graph/run/", base_iri=base_iri)


def run_iri(run_id: str, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """A build run (``prov:Activity``)."""
    return data_iri(f"run/{run_id}", base_iri=base_iri)


class Minted(Protocol):
    """What :meth:`Minter.mint` needs of an identity (:class:`antq_kg.identity.records.Identity`)."""

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
        """The ``qb:DataSet`` of the counts of every article (one cube for the corpus)."""
        return self._id("dataset/counts")

    def period(self, key: str | None, phrase: str = "") -> str:
        """A reference period: ``key`` (an ISO 8601 interval, shared by every article) when the dates
        fix it, else one of this article named by the period phrase."""
        return self._id(f"period/{key}" if key else f"period/{self.article}/{slug(phrase)}")

    def date(self, day: str) -> str:
        """A day (``YYYY-MM-DD``) as an instant."""
        return self._id(f"date/{day}")

    def duration(self, iso: str) -> str:
        """A length of time (an ISO 8601 duration such as ``P5Y``) as a ``time:Duration``."""
        return self._id(f"duration/{iso}")

    def fact(self, kind: str, *content: object) -> str:
        """A fact node of ``kind`` minted from its content (include the first evidence span)."""
        return self._id(f"{kind}/{self.article}/{content_hash(*content)}")

    def concept(self, scheme: str, slug_: str) -> str:
        """A concept of ``scheme`` minted from text (:func:`concept_iri`)."""
        return self._id(f"concept/{scheme}/{slug_}")

    def change(self, kind: str, rest: str) -> str:
        """A dated change of ``kind`` (``admin``, ``org``) identified by ``rest``."""
        return self._id(f"change/{kind}/{rest}")

    def run(self, run_id: str) -> str:
        """A build run."""
        return self._id(f"run/{run_id}")

    @property
    def run_graph_prefix(self) -> str:
        """Prefix of the named graphs holding build-run records."""
        return self._id("graph/run/")

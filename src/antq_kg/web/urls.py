"""The one place where data IRIs and local page URLs meet (like Datasette's ``url_builder.py``).

The graph's data IRIs live under ``{base}id/`` (:mod:`antq_kg.iris`; default base
``https://w3id.org/antq/``). On the local server each maps to two paths, following the W3C
"Cool URIs for the Semantic Web" 303 pattern (https://www.w3.org/TR/cooluris/#r303gendocument):

==========================================  =================================================
``{base}id/person/…/dai-ta``                the thing (the IRI itself, never a document)
``/id/person/…/dai-ta``                     its local identifier: answers 303 See Other
``/doc/person/…/dai-ta``                    the document describing it (content-negotiated)
``/doc/person/…/dai-ta.ttl``                one representation (``.html``, ``.ttl``, ``.jsonld``,
                                            ``.nt``… — every RDF format of :mod:`antq_kg.formats`)
==========================================  =================================================

The project ontology does not move with the base IRI (:mod:`antq_kg.vocab`): its terms
``https://w3id.org/antq/ontology#rank`` are hash IRIs, so each gets its document at
``/def/rank`` (and the ontology itself at ``/def/``), negotiated the same way, no 303 needed.

The part after ``id/`` is percent-encoded once (``#`` as ``%23``, so an evidence span's IRI
``…/text#char=7,20`` has a page too; ``%`` as ``%25``), so decoding the request path once — what
the server does — gives the IRI back exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from ..errors import NotFound
from ..formats import RDF_FORMATS, Format
from ..vocab import ANTQ

#: Characters left as they are in a local path (RFC 3986 ``pchar`` and ``/``, minus ``%``; like
#: JavaScript's ``encodeURI`` without ``#`` and ``?``, so the page's script builds the same paths).
_SAFE = "/;,:@&=+$!*'()"
#: What cannot appear in an IRI (RFC 3987 excludes these; they could also break out of ``<…>`` in SPARQL).
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')

#: ``html`` or one RDF format: what a ``/doc/`` page is sent as.
Representation = Format | Literal["html"]

#: File suffix → representation (the preferred extension of each RDF format, and ``html``).
SUFFIXES: dict[str, Representation] = {"html": "html", **{f.extension: f for f in RDF_FORMATS.values()}}


@dataclass(frozen=True, slots=True)
class Urls:
    """Maps the data IRIs under ``{base_iri}id/`` to local ``/id/`` and ``/doc/`` paths and back.

    >>> urls = Urls("https://w3id.org/antq/")
    >>> urls.id_path("https://w3id.org/antq/id/place/p33")
    '/id/place/p33'
    >>> urls.doc_path("https://w3id.org/antq/id/article/a-1/text#char=7,20", "ttl")
    '/doc/article/a-1/text%23char=7,20.ttl'
    >>> urls.id_path("https://schema.org/Person") is None
    True
    >>> urls.iri("article/a-1/text#char=7,20")
    'https://w3id.org/antq/id/article/a-1/text#char=7,20'
    """

    base_iri: str
    ontology: str = str(ANTQ)

    def __post_init__(self) -> None:
        if not self.base_iri.endswith(("/", "#")):
            object.__setattr__(self, "base_iri", self.base_iri + "/")

    @property
    def id_prefix(self) -> str:
        """The IRI prefix of the data: ``{base}id/``."""
        return f"{self.base_iri}id/"

    def local(self, iri: str) -> str | None:
        """The part of ``iri`` after ``{base}id/``, or ``None`` for an IRI that is not the graph's data.

        >>> Urls("https://w3id.org/antq/").local("https://w3id.org/antq/ontology#rank") is None
        True
        """
        if not iri.startswith(self.id_prefix) or len(iri) == len(self.id_prefix):
            return None
        return iri[len(self.id_prefix) :]

    def id_path(self, iri: str) -> str | None:
        """The local ``/id/…`` path of a data IRI (``None`` for other IRIs: link those as they are)."""
        rest = self.local(iri)
        return None if rest is None else "/id/" + quote(rest, safe=_SAFE)

    def doc_path(self, iri: str, suffix: str | None = None) -> str:
        """The ``/doc/…`` path of a data IRI, with ``.suffix`` for one representation.

        >>> Urls("https://w3id.org/antq/").doc_path("https://w3id.org/antq/id/org/cong-an/p33")
        '/doc/org/cong-an/p33'
        """
        rest = self.local(iri)
        if rest is None:
            raise NotFound(f"<{iri}> is not under {self.id_prefix}")
        return "/doc/" + quote(rest, safe=_SAFE) + (f".{suffix}" if suffix else "")

    def def_path(self, iri: str, suffix: str | None = None) -> str | None:
        """The local ``/def/…`` document of an ontology term (``None`` for other IRIs).

        >>> urls = Urls("https://w3id.org/antq/")
        >>> urls.def_path("https://w3id.org/antq/ontology#rank"), urls.def_path("https://w3id.org/antq/ontology")
        ('/def/rank', '/def/')
        >>> urls.def_path("https://w3id.org/antq/ontology#Count", "ttl")
        '/def/Count.ttl'
        """
        ontology = self.ontology.rstrip("#/")
        if iri == ontology:
            name = ""
        elif iri.startswith(self.ontology) and len(iri) > len(self.ontology):
            name = iri[len(self.ontology) :]
        else:
            return None
        return "/def/" + quote(name, safe=_SAFE) + (f".{suffix}" if suffix else "")

    def term(self, name: str) -> str:
        """The ontology term of a decoded ``/def/`` path (``""``: the ontology itself).

        >>> Urls("https://w3id.org/antq/").term("rank")
        'https://w3id.org/antq/ontology#rank'
        """
        if not name:
            return self.ontology.rstrip("#/")
        if name.startswith("/") or _NOT_IRI.search(name):
            raise NotFound(f"no ontology term has the path {name!r}")
        return self.ontology + name

    def href(self, iri: str) -> str:
        """Where a page links ``iri``: its local ``/id/`` or ``/def/`` path, else the IRI itself.

        >>> Urls("https://w3id.org/antq/").href("http://www.w3.org/ns/org#holds")
        'http://www.w3.org/ns/org#holds'
        """
        return self.id_path(iri) or self.def_path(iri) or iri

    def document(self, iri: str, suffix: str | None = None) -> str:
        """The local document of a data IRI or an ontology term (``NotFound`` for other IRIs)."""
        found = self.def_path(iri, suffix)
        return found if found is not None else self.doc_path(iri, suffix)

    def iri(self, path: str) -> str:
        """The data IRI of a decoded local path (the part after ``/id/`` or ``/doc/``).

        :class:`~antq_kg.errors.NotFound` when no IRI can have that path.

        >>> Urls("https://w3id.org/antq/").iri("bad path")
        Traceback (most recent call last):
        ...
        antq_kg.errors.NotFound: no resource has the path 'bad path'
        """
        if not path or path.startswith("/") or _NOT_IRI.search(path):
            raise NotFound(f"no resource has the path {path!r}")
        return self.id_prefix + path


def split_suffix(path: str) -> tuple[str, Representation | None]:
    """A ``/doc/`` path without its representation suffix, and the representation it names.

    >>> split_suffix("person/x/dai-ta.jsonld")[1].name
    'jsonld'
    >>> split_suffix("person/x/dai-ta.html")
    ('person/x/dai-ta', 'html')
    >>> split_suffix("place/p33")
    ('place/p33', None)
    >>> split_suffix("place/p33.pdf")
    ('place/p33.pdf', None)
    """
    stem, dot, ext = path.rpartition(".")
    if not dot or "/" in ext or ext.lower() not in SUFFIXES:
        return path, None
    return stem, SUFFIXES[ext.lower()]


__all__ = ["SUFFIXES", "Representation", "Urls", "split_suffix"]

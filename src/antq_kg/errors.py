"""The one exception hierarchy of antq-kg.

::

    AntqError                     base of every error the library raises on purpose
    ├── InputError                a user's input is unusable (bad file, bad encoding, bad option)
    │   └── ArticleError          an article file cannot be read as text (path, byte offset)
    ├── GazetteerError            gazetteer data missing or inconsistent
    ├── LexiconError              a lexicon file is malformed (path ``file:line``)
    ├── OntologyError             ontology or shapes files missing or unparsable
    ├── QueryError                a SPARQL query is malformed or cannot be evaluated
    ├── StoreError                the store cannot be opened, read or written
    ├── RemoteError               a remote SPARQL endpoint failed (endpoint, status)
    ├── NotFound                  a resource the caller named does not exist
    ├── NotAcceptable             no representation the client accepts fits the answer
    └── QueryTimeout              a query ran past its time limit and was stopped

An error raised while handling another keeps it as its cause (``raise … from exc``) whenever the
cause says more than the message (the parser's position, the errno, the HTTP client's failure).

The CLI maps every ``AntqError`` to one line on stderr and exit code 2, and ``antq-kg --debug``
adds the chain of causes (:func:`causes`) and the traceback; the web layer maps ``QueryError`` to 400,
``NotFound`` to 404, ``NotAcceptable`` to 406, ``StoreError``/``RemoteError``/``QueryTimeout``
to 503.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


class AntqError(Exception):
    """Base class: ``str(error)`` is a one-line message fit for a user."""

    def __init__(self, message: str, *, path: str | Path | None = None) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        super().__init__(f"{self.path}: {message}" if self.path else message)


class InputError(AntqError):
    """A user's input is unusable."""


class ArticleError(InputError):
    """An article cannot be decoded or read; ``offset`` is the first bad byte when known."""

    def __init__(self, message: str, *, path: str | Path | None = None, offset: int | None = None) -> None:
        self.offset = offset
        super().__init__(message, path=path)


class GazetteerError(AntqError):
    """Gazetteer data is missing or inconsistent."""


class LexiconError(AntqError):
    """A lexicon file (``lexicons/*.tsv``) is malformed; ``path`` is ``file:line`` when a line is at fault."""


class OntologyError(AntqError):
    """The ontology or the shapes cannot be read."""


class QueryError(AntqError):
    """A SPARQL query is malformed or fails to evaluate."""


class StoreError(AntqError):
    """The store cannot be opened, read or written."""


class RemoteError(AntqError):
    """A remote SPARQL endpoint failed."""

    def __init__(self, message: str, *, endpoint: str | None = None, status: int | None = None) -> None:
        self.endpoint = endpoint
        self.status = status
        super().__init__(message, path=endpoint)


class NotFound(AntqError):
    """A named resource does not exist."""


class NotAcceptable(AntqError):
    """No representation the client accepts can carry the answer (HTTP 406)."""


class QueryTimeout(AntqError):
    """A query ran past its time limit and was stopped."""


def causes(exc: BaseException) -> Iterator[BaseException]:
    """The exceptions behind ``exc``, nearest first: ``raise … from cause``, else the exception being
    handled when it was raised (unless ``from None`` hid it).

    >>> try:
    ...     try:
    ...         int("x")
    ...     except ValueError as inner:
    ...         raise InputError("not a number") from inner
    ... except InputError as outer:
    ...     [type(c).__name__ for c in causes(outer)]
    ['ValueError']
    """
    seen = {id(exc)}
    cause = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        yield cause
        cause = cause.__cause__ or (None if cause.__suppress_context__ else cause.__context__)


def error_kind(exc: BaseException) -> str:
    """The type of an exception as a person reads it: builtins bare, others with their module.

    >>> error_kind(KeyError("x")), error_kind(AntqError("x"))
    ('KeyError', 'antq_kg.errors.AntqError')
    """
    cls = type(exc)
    return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"

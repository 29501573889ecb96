"""One article at a time, in this process or (``jobs > 1``) in a pool of worker processes: its facts
(:func:`iter_facts`) or its graph as N-Quads (:func:`iter_built_articles`), in the order of the paths."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..errors import AntqError, ArticleError
from ..iris import DEFAULT_BASE_IRI
from ..model import Facts
from .articles import find_articles, read_sidecar

if TYPE_CHECKING:
    import pyoxigraph as ox

    from ..gazetteer import Gazetteer
    from ..graph import BuildRun, BuiltArticle

_worker_gazetteer: Gazetteer | None = None
#: ``(base_iri, run)`` in a worker of :func:`iter_built_articles`.
_worker_build: tuple[str, BuildRun] | None = None

T = TypeVar("T")


def _init_worker(gazetteer: Gazetteer | None, build: tuple[str, BuildRun] | None = None) -> None:
    global _worker_gazetteer, _worker_build
    _die_with_parent()
    # what the worker inherited (the gazetteer: ~85k objects) is never garbage: out of the collector's
    # sight, a full collection no longer walks it (2 % of a worker's time) nor writes to the pages it
    # shares with the parent (https://docs.python.org/3/library/gc.html#gc.freeze)
    gc.freeze()
    _worker_gazetteer = gazetteer
    _worker_build = build


def _die_with_parent() -> None:
    """On Linux, ask the kernel to end this worker (SIGTERM) when the process that started it dies,
    even by SIGKILL (prctl(2) ``PR_SET_PDEATHSIG``): a killed build leaves no idle workers behind."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


#: What a rule that goes wrong on some text raises (a bad index, a missing key, a None where a match
#: was expected…): reported as that article's :class:`ArticleError` with the cause chained.
_RULE_BUGS = (
    ArithmeticError,
    AssertionError,
    AttributeError,
    LookupError,
    RecursionError,
    TypeError,
    ValueError,
)


def extract_article(path: Path, *, gazetteer: Gazetteer | None = None, max_bytes: int | None = None) -> Facts:
    """Read, extract and attach the sidecar of one article (raises :class:`AntqError`).

    A file larger than ``max_bytes`` (default :data:`antq_kg.text.DEFAULT_MAX_BYTES`) is refused
    before it is read.
    """
    from ..mentions import extract
    from ..text import DEFAULT_MAX_BYTES, read_document

    doc = read_document(path, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
    metadata = read_sidecar(path)
    try:
        facts = extract(doc, gazetteer=gazetteer)
    except _RULE_BUGS as exc:  # the extractor must never raise on text: this article fails, the rest build
        raise ArticleError(f"extraction failed ({type(exc).__name__}: {exc})", path=path) from exc
    return dataclasses.replace(facts, metadata={**facts.metadata, **metadata}) if metadata else facts


def _extract_in_worker(path: Path, *, max_bytes: int | None = None) -> Facts | AntqError:
    try:
        return extract_article(path, gazetteer=_worker_gazetteer, max_bytes=max_bytes)
    except AntqError as exc:
        return exc


def _in_order(
    paths: Iterable[str | Path],
    one: Callable[[Path], T | AntqError],
    task: Callable[[Path], T | AntqError],
    *,
    jobs: int,
    initargs: tuple[Gazetteer | None, tuple[str, BuildRun] | None],
) -> Iterator[T | AntqError]:
    """``one(article)`` for every article under ``paths`` in order, here or (``jobs > 1``) as
    ``task(article)`` in a pool of ``jobs`` processes set up once each by ``_init_worker(*initargs)``.

    The pool's initializer hands the gazetteer to each worker once (inherited, not pickled, where
    processes fork; pickled once per worker elsewhere) and each task carries only its article's
    path, so the per-article cost is the same as in one process (``bench/bench_extract.py``).
    """
    articles = find_articles(paths)
    if jobs <= 1:
        for item in articles:
            yield item if isinstance(item, AntqError) else one(item)
        return
    # bounded look-ahead, so memory stays flat: at most this many articles in flight, enough that the
    # workers go on while the caller bulk-loads a batch of graphs (about a second's work)
    window = jobs * 32
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=initargs) as pool:
        pending: deque[Future[T | AntqError] | AntqError] = deque()
        for item in articles:
            pending.append(item if isinstance(item, AntqError) else pool.submit(task, item))
            while len(pending) >= window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


def _result(item: Future[T | AntqError] | AntqError) -> T | AntqError:
    return item if isinstance(item, AntqError) else item.result()


def iter_facts(
    paths: Iterable[str | Path],
    *,
    gazetteer: Gazetteer | None = None,
    jobs: int = 1,
    max_bytes: int | None = None,
) -> Iterator[Facts | AntqError]:
    """Facts of every article under ``paths`` in order, or the error that stopped one article.

    With ``jobs > 1`` a process pool extracts (see :func:`_in_order` for what goes to the workers).
    A file larger than ``max_bytes`` is an error item (see :func:`extract_article`).
    """

    def one(path: Path) -> Facts | AntqError:
        try:
            return extract_article(path, gazetteer=gazetteer, max_bytes=max_bytes)
        except AntqError as exc:
            return exc

    task = functools.partial(_extract_in_worker, max_bytes=max_bytes)
    return _in_order(paths, one, task, jobs=jobs, initargs=(gazetteer, None))


def article_quads(
    facts: Facts, *, base_iri: str = DEFAULT_BASE_IRI, gazetteer: Gazetteer | None = None, run: BuildRun
) -> list[ox.Quad]:
    """The quads of one article's graph and of its part of the run's record (:mod:`antq_kg.graph`)."""
    from ..graph import article_quads as graph_quads

    return graph_quads(facts, base_iri=base_iri, gazetteer=gazetteer, run=run)


def build_article(
    path: Path, *, base_iri: str, gazetteer: Gazetteer | None, run: BuildRun, max_bytes: int | None = None
) -> tuple[str, BuiltArticle] | AntqError:
    """Extract one article and build its graph as N-Quads (:func:`antq_kg.graph.article_nquads`), or
    the error that stopped it."""
    from ..graph import article_nquads

    try:
        facts = extract_article(path, gazetteer=gazetteer, max_bytes=max_bytes)
    except AntqError as exc:
        return exc
    return facts.path, article_nquads(facts, base_iri=base_iri, gazetteer=gazetteer, run=run)


def _build_in_worker(path: Path, *, max_bytes: int | None = None) -> tuple[str, BuiltArticle] | AntqError:
    assert _worker_build is not None
    base_iri, run = _worker_build
    return build_article(path, base_iri=base_iri, gazetteer=_worker_gazetteer, run=run, max_bytes=max_bytes)


def iter_built_articles(
    paths: Iterable[str | Path],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    gazetteer: Gazetteer | None = None,
    run: BuildRun,
    jobs: int = 1,
    max_bytes: int | None = None,
) -> Iterator[tuple[str, BuiltArticle] | AntqError]:
    """``(path, built article)`` for every article under ``paths`` in order, or the error that stopped one.

    With ``jobs > 1`` the workers build the graphs as well as extracting (the graph builder costs
    about what the extraction does), and each graph comes back as one ``bytes`` of N-Quads, which
    the calling process bulk-loads as it is: it never makes Python objects of the quads.
    """
    one = functools.partial(
        build_article, base_iri=base_iri, gazetteer=gazetteer, run=run, max_bytes=max_bytes
    )
    task = functools.partial(_build_in_worker, max_bytes=max_bytes)
    return _in_order(paths, one, task, jobs=jobs, initargs=(gazetteer, (base_iri, run)))


def default_jobs() -> int:
    """A sensible ``--jobs`` default for this machine (the CPUs this process may use)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)

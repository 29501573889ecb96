"""Withdrawing articles from a store (:func:`remove`): their graphs, their links in the build runs,
their source records; the preferred labels of what they named are chosen again over the articles left
(:mod:`.corpus`)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AntqError, InputError
from ..iris import DEFAULT_BASE_IRI
from .builder import BuildResult, _Build

if TYPE_CHECKING:
    from ..store import Store, WritableStore


@dataclass
class RemoveResult:
    """What ``remove`` withdrew (article graph IRIs) and what it could not find."""

    removed: list[str] = field(default_factory=list)
    errors: list[AntqError] = field(default_factory=list)


def remove(targets: Sequence[str], *, store: WritableStore, base_iri: str = DEFAULT_BASE_IRI) -> RemoveResult:
    """Withdraw articles from ``store`` in one write session: their graphs, their links in the run
    graphs and their source records. A target is an article file or a folder of them (as built:
    what those files gave is withdrawn, a graph that another file still gives stays), an article
    IRI (``schema:NewsArticle``) or an article graph IRI (absolute, or relative to ``base_iri``:
    the graph goes). A target that names no article is an ``InputError`` in ``errors``; the
    others are still withdrawn. ``removed`` lists the article graphs that went."""
    from ..graph import BuildRun

    result = RemoveResult()
    with store.writer(op="remove") as session:
        b = _Build(
            session,
            BuildRun.new(),
            BuildResult(),
            base_iri=base_iri,
            pipeline="",
            force=False,
            max_bytes=None,
        )
        for target in targets:
            try:
                paths, graphs = _named_articles(session, b, target, base_iri=base_iri)
            except AntqError as exc:
                result.errors.append(exc)
                continue
            gone = [b.withdraw(path) for path in paths]
            for graph in graphs:
                for path in [p for p, r in b.index.items() if r.graph == graph]:
                    b.withdraw(path)
                b._release(graph)  # also a graph no recorded file gave (built by an earlier version)
                gone.append(graph)
            result.removed += [g for g in gone if g is not None and g not in result.removed]
        if b.labels is not None:
            b.labels.refresh()
    return result


_NEWS_ARTICLE = "https://schema.org/NewsArticle"
_ARTICLE_GRAPH = "https://w3id.org/antq/ontology#ArticleGraph"


def _named_articles(store: Store, b: _Build, target: str, *, base_iri: str) -> tuple[list[str], list[str]]:
    """The recorded article files (absolute paths) or the article graphs ``target`` names (see
    :func:`remove`); ``InputError`` when none."""
    import pyoxigraph as ox

    if "://" not in target and not target.startswith("urn:"):
        here = os.path.abspath(target)
        paths = sorted(p for p in b.index if p == here or p.startswith(os.path.join(here, "")))
        if paths:
            return paths, []
        if Path(target).exists() or not target.startswith("id/"):
            raise InputError("no article built from this file or folder is in the store", path=target)
        target = base_iri.rstrip("/") + "/" + target
    try:
        iri = str(ox.NamedNode(target))
    except ValueError as exc:
        raise InputError("neither an article file nor an IRI", path=target) from exc
    rows = store.query(
        f"SELECT DISTINCT ?g {{ {{ GRAPH ?g {{ {iri} a <{_NEWS_ARTICLE}> }} }} UNION "
        f"{{ GRAPH ?g {{ ?a a <{_NEWS_ARTICLE}> }} FILTER(?g = {iri}) }} UNION "
        f"{{ {iri} a <{_ARTICLE_GRAPH}> BIND({iri} AS ?g) }} }}"
    ).rows()
    graphs = sorted({g.value for (g,) in rows if isinstance(g, ox.NamedNode)})
    if not graphs:
        raise InputError("no article or article graph with this IRI is in the store", path=target)
    return [], graphs

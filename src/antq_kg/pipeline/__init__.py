"""Pipeline: article files → :func:`antq_kg.text.read_document` → :func:`antq_kg.mentions.extract` →
:func:`antq_kg.graph.build_graph`, one article at a time (composition only, no extraction logic).

Paths may be article files or folders (``*.txt`` searched recursively, in sorted order). Each article
may have a JSON *sidecar* beside it holding what the text does not say: ``<stem>.meta.json``, e.g.
``data/articles/hung-yen-antq.meta.json`` (only that name: a ``<stem>.json`` beside an article is
what ``antq-kg extract a.txt > a.json`` writes, not metadata)::

    {"language": "vi", "author": "…", "title": null, "publisher": null,
     "date": {"published": null, "stated": false, "before": "2019-05-01", "confidence": "low",
              "evidence": [{"begin": 994, "end": 1005, "text": "xã Nhân Hòa"}], "reason": "…"}}

The sidecar is read as a JSON object and handed on unchanged as ``Facts.metadata``; an article
without one builds with empty metadata. Results stream: one article's facts and graph are in memory
at a time (``jobs > 1`` runs extraction in a process pool, results still consumed in order), so
memory stays flat as the corpus grows. A bad file is recorded as an error and the rest still build.

The package: :mod:`.articles` (finding articles, sidecars, input hashes), :mod:`.workers` (one article
at a time, here or in a process pool), :mod:`.builder` (the build into a store) and :mod:`.withdraw`
(removing articles); their public names are importable from here.
"""

from __future__ import annotations

from ..iris import DEFAULT_BASE_IRI as DEFAULT_BASE_IRI
from .articles import SIDECAR_SUFFIX, find_articles, input_hashes, read_sidecar, sidecar_path
from .builder import BATCH_BYTES, BuildResult, build, interrupted_note, unfinished_note
from .withdraw import RemoveResult, remove
from .workers import (
    article_quads,
    build_article,
    default_jobs,
    extract_article,
    iter_built_articles,
    iter_facts,
)

__all__ = [
    "BATCH_BYTES",
    "DEFAULT_BASE_IRI",
    "SIDECAR_SUFFIX",
    "BuildResult",
    "RemoveResult",
    "article_quads",
    "build",
    "build_article",
    "default_jobs",
    "extract_article",
    "find_articles",
    "input_hashes",
    "interrupted_note",
    "iter_built_articles",
    "iter_facts",
    "read_sidecar",
    "remove",
    "sidecar_path",
    "unfinished_note",
]

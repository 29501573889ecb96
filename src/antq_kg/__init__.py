"""antq-kg: Vietnamese ANTQ news → facts → validated RDF → SPARQL.

The public API, imported lazily so that ``import antq_kg`` stays cheap::

    >>> from antq_kg import read_document, extract, build_graph, validate, open_store, Gazetteer
    >>> callable(extract) and callable(build_graph)
    True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import AntqError, ArticleError, InputError, NotFound, QueryError, StoreError
    from .gazetteer import AdminUnit, Gazetteer
    from .graph import build_graph
    from .mentions import extract
    from .model import Facts, facts_to_json
    from .pipeline import build
    from .store import open_store
    from .text import Document, read_document
    from .validate import ValidationReport, validate
    from .version import __version__

_EXPORTS = {
    "AntqError": "errors",
    "ArticleError": "errors",
    "InputError": "errors",
    "NotFound": "errors",
    "QueryError": "errors",
    "StoreError": "errors",
    "AdminUnit": "gazetteer",
    "Gazetteer": "gazetteer",
    "build_graph": "graph",
    "extract": "mentions",
    "Facts": "model",
    "facts_to_json": "model",
    "build": "pipeline",
    "open_store": "store",
    "Document": "text",
    "read_document": "text",
    "ValidationReport": "validate",
    "validate": "validate",
    "__version__": "version",
}

__all__ = [
    "AdminUnit",
    "AntqError",
    "ArticleError",
    "Document",
    "Facts",
    "Gazetteer",
    "InputError",
    "NotFound",
    "QueryError",
    "StoreError",
    "ValidationReport",
    "__version__",
    "build",
    "build_graph",
    "extract",
    "facts_to_json",
    "open_store",
    "read_document",
    "validate",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'antq_kg' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)

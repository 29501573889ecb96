"""The article files under the paths given and their sidecars (``<stem>.meta.json``), and the hashes
a build compares to tell an unchanged article."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import AntqError, ArticleError, InputError

#: The sidecar file suffix (``<stem>`` + suffix).
SIDECAR_SUFFIX = ".meta.json"


def find_articles(paths: Iterable[str | Path], *, pattern: str = "*.txt") -> Iterator[Path | ArticleError]:
    """Article files under ``paths``: files as given, folders searched recursively in sorted order.

    A missing path is yielded as an :class:`ArticleError` (so the caller reports it and goes on).
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(f for f in p.rglob(pattern) if f.is_file())
        elif p.exists():
            yield p
        else:
            yield ArticleError("No such file or directory", path=p)


def sidecar_path(article: Path) -> Path | None:
    """The sidecar beside ``article`` (``<stem>.meta.json``), or ``None``."""
    candidate = article.with_name(article.stem + SIDECAR_SUFFIX)
    return candidate if candidate.is_file() else None


def read_sidecar(article: Path) -> dict[str, Any]:
    """The sidecar metadata of ``article`` (``{}`` when there is none); ``InputError`` if it is bad JSON."""
    path = sidecar_path(article)
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"bad JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", path=path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read sidecar: {exc}", path=path) from exc
    if not isinstance(data, dict):
        raise InputError("sidecar must be a JSON object", path=path)
    return data


def input_hashes(path: Path, *, max_bytes: int | None = None) -> tuple[str, str | None] | None:
    """SHA-256 of an article's NFC text (as ingested) and of its sidecar's bytes (``None`` without
    one); ``None`` when the file cannot be read (the build then reports why)."""
    from ..text import DEFAULT_MAX_BYTES, read_document

    try:
        doc = read_document(path, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
        side = sidecar_path(path)
        sidecar = hashlib.sha256(side.read_bytes()).hexdigest() if side is not None else None
    except (AntqError, OSError):
        return None
    return hashlib.sha256(doc.text.encode("utf-8")).hexdigest(), sidecar

"""The version of antq-kg: read from the installed distribution's metadata, so ``pyproject.toml``
(``[project] version``) is its only definition.

The build run records it (``antq:toolVersion``), the CLI prints it (``antq-kg --version``) and the
Wikidata client sends it in its User-Agent.

>>> __version__ == importlib.metadata.version("antq-kg")
True
"""

from __future__ import annotations

import importlib.metadata
from typing import Final

#: What a checkout run without installing reports (``PYTHONPATH=src``): no metadata to read.
UNKNOWN: Final = "0+unknown"


def _installed_version() -> str:
    try:
        return importlib.metadata.version("antq-kg")
    except importlib.metadata.PackageNotFoundError:
        return UNKNOWN


__version__: Final = _installed_version()

"""Where the files antq-kg ships with are: the ontology, the shapes, the gazetteer, the links, the
competency queries, the lexicons and the web page's templates — all found through
:mod:`importlib.resources`, so an installed wheel and a source checkout behave alike.

The repository keeps its data at the top level; ``setup.py`` and ``pyproject.toml``
(``[tool.setuptools] package-dir``) map those folders to data sub-packages of ``antq_kg``, so the
wheel carries them as package data and an editable install (``pip install -e``, what ``make``
does) reads them in place from the checkout:

=====================  ===========================  ============================================
repository             package                      what
=====================  ===========================  ============================================
``ontology/``          ``antq_kg.ontology``         ``antq.ttl`` (the ontology), ``shapes.ttl``
``data/gazetteer/``    ``antq_kg.data``             the administrative units (``*.csv``)
``data/links/``        ``antq_kg.data``             links to Wikidata (``*.ttl``, ``*.csv``)
``queries/``           ``antq_kg.queries``          the competency queries (``*.rq``)
``src/antq_kg/...``    ``antq_kg``                  ``lexicons/*.tsv``, ``web/templates``,
                                                    ``web/static``
=====================  ===========================  ============================================

Each folder holds an ``__init__.py`` (a docstring only) that makes it a regular package: a
folder mapped without one is a namespace package, which setuptools' editable install does not
find under a regular package. The wheel ships only the files the library reads
(``pyproject.toml`` ``package-data``): ``data/articles/`` and the folders' READMEs stay in the
repository.

Every function returns a :class:`pathlib.Path`: pip unpacks wheels onto the file system, and the
consumers (pySHACL, Jinja2, Starlette's static files, the CSV readers) want real paths. Callers
that take a directory override (``--ontology``, ``--gazetteer-dir``, ``--links``, ``--queries``)
use it instead of these defaults.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import AntqError

__all__ = [
    "gazetteer_dir",
    "lexicon_file",
    "links_dir",
    "ontology_dir",
    "ontology_file",
    "queries_dir",
    "shapes_file",
    "web_static_dir",
    "web_templates_dir",
]


def _package_dir(package: str, *parts: str) -> Path:
    """The directory of ``package`` (joined with ``parts``) as a file-system path.

    >>> _package_dir("antq_kg", "lexicons").name
    'lexicons'
    """
    root = resources.files(package)
    if not isinstance(root, Path):  # a zip import: never what pip installs
        raise AntqError(f"package {package} is not installed as files ({root!r}); reinstall it with pip")
    return root.joinpath(*parts)


def ontology_dir() -> Path:
    """The folder of ``antq.ttl`` and ``shapes.ttl`` (the repository's ``ontology/``).

    >>> sorted(p.name for p in ontology_dir().glob("*.ttl"))
    ['antq.ttl', 'shapes.ttl']
    """
    return _package_dir("antq_kg.ontology")


def ontology_file(directory: Path | None = None) -> Path:
    """``antq.ttl`` in ``directory`` (default :func:`ontology_dir`)."""
    return (directory or ontology_dir()) / "antq.ttl"


def shapes_file(directory: Path | None = None) -> Path:
    """``shapes.ttl`` in ``directory`` (default :func:`ontology_dir`)."""
    return (directory or ontology_dir()) / "shapes.ttl"


def gazetteer_dir() -> Path:
    """The gazetteer's CSV files (the repository's ``data/gazetteer/``).

    >>> (gazetteer_dir() / "units.csv").is_file()
    True
    """
    return _package_dir("antq_kg.data", "gazetteer")


def links_dir() -> Path:
    """The links to other graphs and the Wikidata class table (the repository's ``data/links/``).

    >>> (links_dir() / "wikidata-classes.csv").is_file()
    True
    """
    return _package_dir("antq_kg.data", "links")


def queries_dir() -> Path:
    """The competency queries (the repository's ``queries/``).

    >>> any(p.suffix == ".rq" for p in queries_dir().iterdir())
    True
    """
    return _package_dir("antq_kg.queries")


def lexicon_file(name: str) -> Path:
    """``lexicons/<name>.tsv`` of the package (:mod:`antq_kg.lexicon` reads it).

    >>> lexicon_file("_example").is_file()
    True
    """
    return _package_dir("antq_kg", "lexicons", f"{name}.tsv")


def web_templates_dir() -> Path:
    """The Jinja2 templates of the web pages."""
    return _package_dir("antq_kg.web", "templates")


def web_static_dir() -> Path:
    """The stylesheet and script of the web pages."""
    return _package_dir("antq_kg.web", "static")

"""Reading RDF for the store: whole-buffer parsing, streaming syntax checks of files, rdflib datasets.

A file is checked by a full streaming pass of Oxigraph's own parser (``pyoxigraph.parse``, each quad
discarded as soon as it is read) before anything is written: the first syntax error is reported
with the file, line and column (:func:`check_rdf_file`), and only a file that parses to its end is
handed to the bulk loader. Files may be gzip-compressed (``.gz`` suffix, or the gzip magic bytes
``1f 8b``, RFC 1952 §2.3.1); the format comes from the name without ``.gz`` unless given.

pyoxigraph's ``SyntaxError``/``OSError``/``ValueError`` and rdflib's errors become
:class:`antq_kg.errors.InputError` naming the file.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox

from ..errors import InputError
from ..formats import RDF_FORMATS, Format, guess_from_path
from ..querytext import service_endpoints  # re-exported: the store refuses SERVICE calls by it

if TYPE_CHECKING:
    import rdflib

#: The first two bytes of every gzip member (RFC 1952 §2.3.1).
GZIP_MAGIC = b"\x1f\x8b"

#: Read buffer for gzip input: the parsers ask for a few KiB at a time, and each request crossing
#: into Python costs more than the bytes it brings (the bulk loader reading ~2 KiB at a time from a
#: bare ``GzipFile`` was 2.6× slower than from the file itself; with this buffer 1.2×).
GZIP_BUFFER = 1 << 20

_POS = re.compile(r"^Parser error (?:at|between) line (\d+) column (\d+)(?: and line \d+ column \d+)?: ")
_LABELS = {
    "turtle": "Turtle",
    "trig": "TriG",
    "ntriples": "N-Triples",
    "nquads": "N-Quads",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF/XML",
}


def syntax_message(exc: BaseException, fmt: Format) -> str:
    """One line: ``<format> syntax error at line L, column C: <problem>``."""
    msg = " ".join(str(exc.args[0] if exc.args else exc).split())
    m = _POS.match(msg)
    label = _LABELS.get(fmt.name, fmt.name)
    if m:
        return f"{label} syntax error at line {m.group(1)}, column {m.group(2)}: {msg[m.end() :]}"
    return f"{label} syntax error: {msg}"


def parse_rdf(
    data: bytes, fmt: Format, *, source: str = "<data>", base_iri: str | None = None
) -> list[ox.Quad]:
    """Parse serialized RDF completely into quads (blank nodes renamed apart); ``InputError`` on error.

    For request bodies and other small inputs held in memory; files go through
    :func:`check_rdf_file` and the bulk loader instead.

    >>> len(parse_rdf(b"<http://e/a> <http://e/p> 1 .", RDF_FORMATS["turtle"]))
    1
    >>> parse_rdf(b"<http://e/a> <http://e/p> .", RDF_FORMATS["turtle"], source="bad.ttl")
    Traceback (most recent call last):
    ...
    antq_kg.errors.InputError: bad.ttl: Turtle syntax error at line 1, column 27: . is not a valid RDF object
    """
    if fmt.kind != "rdf":
        raise InputError(f"{fmt.name} is not an RDF format", path=source)
    assert isinstance(fmt.oxigraph, ox.RdfFormat)
    if not data.strip():
        raise InputError("empty file", path=source)
    try:
        return list(ox.parse(data, fmt.oxigraph, base_iri=base_iri, rename_blank_nodes=True))
    except SyntaxError as exc:
        raise InputError(syntax_message(exc, fmt), path=source) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read as {fmt.name}: {' '.join(str(exc).split())}", path=source) from exc


# -- files ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RdfFile:
    """An RDF file to load: where it is, its format, whether it is gzip-compressed, its base IRI."""

    path: Path
    format: Format
    gzipped: bool

    @property
    def base_iri(self) -> str:
        """Relative IRIs in the file resolve against the file's own ``file:`` URI."""
        return self.path.resolve().as_uri()

    @property
    def rdf_format(self) -> ox.RdfFormat:
        """The pyoxigraph parser format."""
        assert isinstance(self.format.oxigraph, ox.RdfFormat)
        return self.format.oxigraph

    @contextmanager
    def reader(self) -> Iterator[IO[bytes]]:
        """The decompressed bytes of a gzip file, through a large buffer (see :data:`GZIP_BUFFER`)."""
        with gzip.open(self.path, "rb") as raw:
            yield io.BufferedReader(raw, GZIP_BUFFER)


def rdf_file(path: str | Path, format: Format | None = None) -> RdfFile:
    """Describe an RDF file to read (``InputError`` naming it when it is missing, a folder or of
    unknown format); gzip is recognised by the ``.gz`` suffix or by its magic bytes.
    """
    p = Path(path)
    named_gz = p.suffix.lower() == ".gz"
    if format is None:
        try:
            format = guess_from_path(p.with_suffix("") if named_gz else p)
        except InputError as exc:
            raise InputError(exc.message, path=p) from exc
    if format.kind != "rdf":
        raise InputError(f"{format.name} is not an RDF format", path=p)
    try:
        with p.open("rb") as fh:
            head = fh.read(2)
    except IsADirectoryError as exc:
        raise InputError("is a directory, not an RDF file", path=p) from exc
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read file", path=p) from exc
    gzipped = named_gz or head == GZIP_MAGIC
    return RdfFile(p, format, gzipped)


@dataclass(frozen=True, slots=True)
class CheckedRdf:
    """A file that parsed to its end: the quads it holds and (when asked for, else ``None``) the IRIs
    of its named graphs."""

    file: RdfFile
    quads: int
    graphs: frozenset[str] | None = None


def check_rdf_file(f: RdfFile, *, graphs: bool = False) -> CheckedRdf:
    """Parse ``f`` to its end, keeping nothing but the count of quads and, with ``graphs``, the IRIs
    of the named graphs they are in. ``InputError`` names the file and, for syntax errors, the line
    and column.

    Oxigraph's parser reads a 1M-triple N-Triples file this way in under a second here
    (``bench/bench_load.py``), a small part of what loading it costs.
    """
    names: set[ox.NamedNode | ox.BlankNode] = set()
    with _reading(f):
        if f.gzipped:
            with f.reader() as fh:
                count = _drain(ox.parse(fh, f.rdf_format, base_iri=f.base_iri), names if graphs else None)
        else:
            count = _drain(
                ox.parse(path=f.path, format=f.rdf_format, base_iri=f.base_iri), names if graphs else None
            )
    if count == 0 and _blank(f):
        raise InputError("empty file", path=f.path)
    return CheckedRdf(
        f, count, frozenset(n.value for n in names if isinstance(n, ox.NamedNode)) if graphs else None
    )


def _drain(quads: Iterator[ox.Quad], names: set[ox.NamedNode | ox.BlankNode] | None) -> int:
    count = 0
    if names is None:
        for _ in quads:
            count += 1
        return count
    for q in quads:
        count += 1
        if not isinstance(q.graph_name, ox.DefaultGraph):
            names.add(q.graph_name)
    return count


def _blank(f: RdfFile) -> bool:
    """True when the file holds nothing but white space (checked only for files that gave no quad)."""
    with _reading(f), f.reader() if f.gzipped else f.path.open("rb") as fh:
        while chunk := fh.read(1 << 16):
            if chunk.strip():
                return False
    return True


@contextmanager
def _reading(f: RdfFile) -> Iterator[None]:
    """Map what can go wrong while reading ``f`` to one-line ``InputError``s naming it."""
    try:
        yield
    except SyntaxError as exc:
        raise InputError(syntax_message(exc, f.format), path=f.path) from exc
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(f"not a readable gzip file: {' '.join(str(exc).split())}", path=f.path) from exc
    except UnicodeDecodeError as exc:
        raise InputError(
            f"cannot read as {f.format.name}: {' '.join(str(exc).split())}", path=f.path
        ) from exc
    except ValueError as exc:
        raise InputError(
            f"cannot read as {f.format.name}: {' '.join(str(exc).split())}", path=f.path
        ) from exc
    except OSError as exc:
        raise InputError(
            " ".join((exc.strerror or str(exc)).split()) or "cannot read file", path=f.path
        ) from exc


def read_rdf_file(path: str | Path, format: Format | None = None) -> list[ox.Quad]:
    """Read and parse a (small) RDF file into a list; ``InputError`` naming the file when bad."""
    f = rdf_file(path, format)
    with _reading(f):
        data = f.path.read_bytes() if not f.gzipped else gzip.decompress(f.path.read_bytes())
    return parse_rdf(data, f.format, source=str(f.path), base_iri=f.base_iri)


# -- rdflib datasets --------------------------------------------------------------------------------


def dataset_quads(dataset: rdflib.Dataset) -> list[ox.Quad]:
    """The quads of an rdflib ``Dataset`` as pyoxigraph quads (:func:`antq_kg.convert.dataset_to_quads`)."""
    from ..convert import dataset_to_quads

    return dataset_to_quads(dataset)


class LoadsQuads:
    """``load_dataset`` and ``load_bytes`` of a store, both said in terms of its ``write_quads``: the
    data are parsed (or converted) completely first, so a bad input writes nothing; how the quads are
    then written (one transaction, a write session, a remote Graph Store) is the store's own."""

    def write_quads(self, quads: Iterable[ox.Quad], *, replace: bool, keep: Collection[str] = ()) -> int:
        """Add ``quads``, or with ``replace`` let them replace the named graphs they are in (except
        ``keep``, added to); returns how many were written."""
        raise NotImplementedError

    def load_dataset(
        self, dataset: rdflib.Dataset, *, replace: bool = False, keep: Collection[str] = ()
    ) -> int:
        """Add an rdflib dataset; with ``replace`` its named graphs (except ``keep``) replace the stored ones."""
        return self.write_quads(dataset_quads(dataset), replace=replace, keep=keep)

    def load_bytes(
        self, data: bytes, format: Format, *, source: str = "<data>", replace: bool = False
    ) -> int:
        """Parse ``data`` completely, then write it (``InputError`` names ``source`` and the line)."""
        return self.write_quads(parse_rdf(data, format, source=source), replace=replace)


__all__ = [
    "RDF_FORMATS",
    "CheckedRdf",
    "LoadsQuads",
    "RdfFile",
    "check_rdf_file",
    "dataset_quads",
    "parse_rdf",
    "rdf_file",
    "read_rdf_file",
    "service_endpoints",
    "syntax_message",
]

"""Format registry: RDF and SPARQL result formats, media type ↔ extension ↔ serializer, and negotiation.

One table for every place that reads, writes or negotiates a format (CLI ``export``/``query``, the
store, the SPARQL endpoint), so no handler compares media-type strings itself. Media types follow the
W3C specs: Turtle, TriG, N-Triples, N-Quads (RDF 1.1), JSON-LD 1.1, RDF/XML; SPARQL 1.1 Query Results
JSON / XML / CSV / TSV. Serialization is delegated to pyoxigraph's ``RdfFormat`` /
``QueryResultsFormat`` (the :attr:`Format.oxigraph` field).

Content negotiation (:func:`negotiate`) follows RFC 9110 §12.5.1: q-values, ``type/*`` and ``*/*``
wildcards, the most specific range wins for a format, ties broken by the order of the registry
(the default first).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph

from .errors import InputError

Kind = Literal["rdf", "results"]


@dataclass(frozen=True, slots=True)
class Format:
    """One serialization: its name, media types (preferred first), file extensions and serializer."""

    name: str
    kind: Kind
    media_types: tuple[str, ...]
    extensions: tuple[str, ...]
    oxigraph: pyoxigraph.RdfFormat | pyoxigraph.QueryResultsFormat
    datasets: bool = False

    @property
    def media_type(self) -> str:
        """The preferred media type.

        >>> RDF_FORMATS["turtle"].media_type
        'text/turtle'
        """
        return self.media_types[0]

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header value (text types carry ``charset=utf-8``).

        >>> RESULT_FORMATS["csv"].content_type
        'text/csv; charset=utf-8'
        """
        mt = self.media_type
        return f"{mt}; charset=utf-8" if mt.startswith("text/") else mt

    @property
    def extension(self) -> str:
        """The preferred file extension, without the dot."""
        return self.extensions[0]


_R = pyoxigraph.RdfFormat
_Q = pyoxigraph.QueryResultsFormat

#: RDF serializations, the default (Turtle) first.
RDF_FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", "rdf", ("text/turtle", "application/x-turtle"), ("ttl",), _R.TURTLE),
        Format("trig", "rdf", ("application/trig",), ("trig",), _R.TRIG, datasets=True),
        Format("ntriples", "rdf", ("application/n-triples",), ("nt",), _R.N_TRIPLES),
        Format("nquads", "rdf", ("application/n-quads",), ("nq",), _R.N_QUADS, datasets=True),
        Format("jsonld", "rdf", ("application/ld+json",), ("jsonld", "json-ld"), _R.JSON_LD, datasets=True),
        Format("rdfxml", "rdf", ("application/rdf+xml",), ("rdf", "owl", "xml"), _R.RDF_XML),
    )
}

#: SPARQL 1.1 query result serializations, the default (JSON) first.
RESULT_FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "json",
            "results",
            ("application/sparql-results+json", "application/json"),
            ("srj", "json"),
            _Q.JSON,
        ),
        Format(
            "xml", "results", ("application/sparql-results+xml", "application/xml"), ("srx", "xml"), _Q.XML
        ),
        Format("csv", "results", ("text/csv",), ("csv",), _Q.CSV),
        Format("tsv", "results", ("text/tab-separated-values",), ("tsv",), _Q.TSV),
    )
}

_ALIASES = {
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "nq": "nquads",
    "n-quads": "nquads",
    "json-ld": "jsonld",
    "rdf/xml": "rdfxml",
    "xml-rdf": "rdfxml",
    "rdf": "rdfxml",
}


def _registry(kind: Kind) -> dict[str, Format]:
    return RDF_FORMATS if kind == "rdf" else RESULT_FORMATS


def by_name(name: str, kind: Kind = "rdf") -> Format:
    """The format called ``name`` (or one of its aliases or extensions); :class:`InputError` if unknown.

    >>> by_name("ttl").name
    'turtle'
    >>> by_name("tsv", "results").media_type
    'text/tab-separated-values'
    >>> by_name("yaml")
    Traceback (most recent call last):
    ...
    antq_kg.errors.InputError: unknown RDF format 'yaml' (known: turtle, trig, ntriples, nquads, jsonld, rdfxml)
    """
    reg = _registry(kind)
    key = name.strip().lower().lstrip(".")
    key = _ALIASES.get(key, key) if kind == "rdf" else key
    if key in reg:
        return reg[key]
    for fmt in reg.values():
        if key in fmt.extensions or key in fmt.media_types:
            return fmt
    what = "RDF format" if kind == "rdf" else "result format"
    raise InputError(f"unknown {what} {name!r} (known: {', '.join(reg)})")


def by_media_type(media_type: str, kind: Kind = "rdf") -> Format | None:
    """The format served under ``media_type`` (parameters ignored), or ``None``.

    >>> by_media_type("text/turtle; charset=utf-8").name
    'turtle'
    >>> by_media_type("application/sparql-results+json", "results").name
    'json'
    >>> by_media_type("text/html") is None
    True
    """
    mt = media_type.split(";", 1)[0].strip().lower()
    for fmt in _registry(kind).values():
        if mt in fmt.media_types:
            return fmt
    return None


def guess_from_path(path: str | Path, kind: Kind = "rdf") -> Format:
    """The format of a file from its extension; :class:`InputError` naming the file if unknown.

    >>> guess_from_path("out/graph.nq").name
    'nquads'
    >>> guess_from_path("x.TTL").name
    'turtle'
    >>> guess_from_path("table.tsv", "results").name
    'tsv'
    >>> guess_from_path("notes.txt")
    Traceback (most recent call last):
    ...
    antq_kg.errors.InputError: notes.txt: cannot tell the RDF format from the extension '.txt' (use --format)
    """
    p = Path(path)
    ext = p.suffix.lower().lstrip(".")
    for fmt in _registry(kind).values():
        if ext in fmt.extensions:
            return fmt
    what = "RDF format" if kind == "rdf" else "result format"
    raise InputError(f"cannot tell the {what} from the extension '{p.suffix}' (use --format)", path=path)


# -- negotiation ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Range:
    type: str
    subtype: str
    q: float
    order: int

    def matches(self, media_type: str) -> int:
        """Specificity of the match (3 exact, 2 ``type/*``, 1 ``*/*``), 0 for none."""
        t, _, s = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type == t and self.subtype == "*":
            return 2
        return 3 if (self.type, self.subtype) == (t, s) else 0


def parse_accept(accept: str) -> list[_Range]:
    """The media ranges of an ``Accept`` header, malformed items skipped.

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/*;q=0.5, application/json")]
    [('text', '*', 0.5), ('application', 'json', 1.0)]
    """
    out: list[_Range] = []
    for i, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        t, sep, s = parts[0].lower().partition("/")
        if not sep or not t or not s:
            continue
        q = 1.0
        for param in parts[1:]:
            key, _, val = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(val.strip())))
                except ValueError:
                    q = 0.0
        out.append(_Range(t, s, q, i))
    return out


def negotiate(accept: str | None, kind: Kind) -> Format | None:
    """The best format of ``kind`` for an ``Accept`` header, or ``None`` when nothing acceptable.

    An empty or missing header means the default (Turtle for RDF, JSON for results). For each
    format the most specific matching range gives its q (RFC 9110 §12.5.1), wildcards matching
    only its preferred media type; the highest q wins, ties go to the earlier format in the registry.

    >>> negotiate(None, "rdf").name
    'turtle'
    >>> negotiate("application/sparql-results+xml, */*;q=0.1", "results").name
    'xml'
    >>> negotiate("text/html", "results") is None
    True
    """
    if accept is None or not accept.strip():
        return next(iter(_registry(kind).values()))
    ranges = parse_accept(accept)
    best: tuple[float, Format] | None = None
    for fmt in _registry(kind).values():
        spec, q = 0, 0.0
        for i, mt in enumerate(fmt.media_types):
            for r in ranges:
                m = r.matches(mt)
                if i > 0 and m < 3:
                    continue  # aliases only match exactly: a wildcard answer carries the preferred type
                if m > spec or (m == spec and m and r.q > q):
                    spec, q = m, r.q
        if spec and q > 0 and (best is None or q > best[0]):
            best = (q, fmt)
    return None if best is None else best[1]


def accepts(accept: str | None, media_type: str) -> float:
    """The q-value ``accept`` gives ``media_type`` (most specific range wins; 0 when not accepted).

    >>> accepts("text/html,application/xhtml+xml,*/*;q=0.8", "text/html")
    1.0
    >>> accepts("application/json", "text/html")
    0.0
    """
    if accept is None or not accept.strip():
        return 0.0
    spec, q = 0, 0.0
    for r in parse_accept(accept):
        m = r.matches(media_type.lower())
        if m > spec or (m == spec and m and r.q > q):
            spec, q = m, r.q
    return q

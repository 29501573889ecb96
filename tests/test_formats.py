"""The format registry and content negotiation (RFC 9110 §12.5.1), as a table."""

from __future__ import annotations

import pytest

from antq_kg.errors import InputError
from antq_kg.formats import RDF_FORMATS, RESULT_FORMATS, by_name, guess_from_path, negotiate

RESULTS = [
    (None, "json"),
    ("", "json"),
    ("*/*", "json"),
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("text/*", "csv"),  # first text/* format in registry order
    ("text/csv;q=0.5, text/tab-separated-values", "tsv"),
    ("application/sparql-results+xml;q=0.9, application/sparql-results+json;q=0.8", "xml"),
    ("text/csv;q=0.1, */*;q=0.9", "json"),  # wildcard preferred over the explicitly lowered csv
    ("application/sparql-results+json;q=0, */*", "xml"),  # q=0 excludes a format
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "xml"),  # a browser
    ("application/sparql-results+json, application/sparql-results+xml, text/csv", "json"),
    ("TEXT/CSV", "csv"),
    ("text/csv; charset=utf-8", "csv"),
    ("garbage, text/tab-separated-values", "tsv"),
]

RDF = [
    (None, "turtle"),
    ("*/*", "turtle"),
    ("text/turtle", "turtle"),
    ("application/x-turtle", "turtle"),
    ("application/n-triples", "ntriples"),
    ("application/n-quads", "nquads"),
    ("application/trig", "trig"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdfxml"),
    ("application/*", "trig"),
    ("application/rdf+xml;q=0.5, application/ld+json;q=0.7", "jsonld"),
    ("text/turtle;q=0.2, application/*;q=0.3", "trig"),
]


@pytest.mark.parametrize(("accept", "expected"), RESULTS)
def test_negotiate_result_formats(accept: str | None, expected: str) -> None:
    fmt = negotiate(accept, "results")
    assert fmt is not None
    assert fmt.name == expected


@pytest.mark.parametrize(("accept", "expected"), RDF)
def test_negotiate_rdf_formats(accept: str | None, expected: str) -> None:
    fmt = negotiate(accept, "rdf")
    assert fmt is not None
    assert fmt.name == expected


@pytest.mark.parametrize("accept", ["text/html", "image/png", "application/sparql-results+json;q=0"])
def test_nothing_acceptable_gives_none(accept: str) -> None:
    assert negotiate(accept, "results") is None


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("a.ttl", "turtle"),
        ("a.trig", "trig"),
        ("a.nt", "ntriples"),
        ("a.nq", "nquads"),
        ("a.jsonld", "jsonld"),
        ("a.rdf", "rdfxml"),
        ("dir.x/A.OWL", "rdfxml"),
    ],
)
def test_guess_rdf_format_from_extension(path: str, name: str) -> None:
    assert guess_from_path(path).name == name


def test_unknown_extension_names_the_file() -> None:
    with pytest.raises(
        InputError, match=r"^graph\.yaml: cannot tell the RDF format from the extension '\.yaml'"
    ):
        guess_from_path("graph.yaml")


def test_every_format_has_a_distinct_extension_and_media_type() -> None:
    for registry in (RDF_FORMATS, RESULT_FORMATS):
        exts = [e for f in registry.values() for e in f.extensions]
        mts = [m for f in registry.values() for m in f.media_types]
        assert len(exts) == len(set(exts))
        assert len(mts) == len(set(mts))
        for fmt in registry.values():
            assert by_name(fmt.name, fmt.kind) is fmt
            assert by_name(fmt.extension, fmt.kind) is fmt


def test_only_trig_nquads_jsonld_hold_named_graphs() -> None:
    assert {f.name for f in RDF_FORMATS.values() if f.datasets} == {"trig", "nquads", "jsonld"}

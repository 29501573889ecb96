"""The W3C Data Cube integrity constraints and the SKOS rules over the build of the whole development
corpus (``tests/data/dev``) and the seed article: every article graph on its own, then the cross-article
rules on the union."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from antq_kg.gazetteer import Gazetteer
from antq_kg.pipeline import build
from antq_kg.store import EmbeddedStore, open_store
from antq_kg.validate import ValidationReport, short, validate_store

#: The shapes of the Data Cube integrity constraints and of SKOS S13/S14.
QB_AND_SKOS = {
    "shape:IC1", "shape:IC2", "shape:IC3", "shape:IC4", "shape:IC5", "shape:IC6", "shape:IC11", "shape:IC12",
    "shape:IC13", "shape:IC14", "shape:IC19", "shape:PrefLabelUniqueLang", "shape:AltLabelNotPrefLabel",
    "shape:HiddenLabelNotOtherLabel",
}  # fmt: skip


@pytest.fixture(scope="module")
def corpus_store(dev_corpus: Path, seed_path: Path, gazetteer: Gazetteer) -> Iterator[EmbeddedStore]:
    with open_store(None) as store:
        result = build([dev_corpus / "articles", seed_path], gazetteer=gazetteer, store=store)
        assert result.ok and len(result.articles) == 15
        yield store


@pytest.fixture(scope="module")
def report(corpus_store: EmbeddedStore) -> ValidationReport:
    return validate_store(corpus_store)


def count(store: EmbeddedStore, where: str) -> int:
    rows = store.query(
        "PREFIX qb: <http://purl.org/linked-data/cube#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"
    ).rows()
    value = rows[0][0]
    assert value is not None
    return int(value.value)


def test_the_rules_have_something_to_check(corpus_store: EmbeddedStore) -> None:
    assert count(corpus_store, "SELECT DISTINCT ?d { ?d a qb:DataSet }") == 1  # one cube for the corpus
    assert count(corpus_store, "SELECT DISTINCT ?o { ?o a qb:Observation }") >= 100
    assert count(corpus_store, "?c skos:altLabel ?l") >= 100
    assert count(corpus_store, "?c skos:prefLabel ?l") >= 100


def test_the_dev_corpus_build_keeps_the_data_cube_and_skos_rules(report: ValidationReport) -> None:
    assert report.conforms, report.text()
    assert not {short(r.shape) for r in report.results} & QB_AND_SKOS
    assert len(report.graphs) == 15


def test_its_only_findings_are_warnings_the_seeds_date_defaulted_areas_and_counts_outside_the_cube(
    report: ValidationReport,
) -> None:
    found = {(short(r.shape), r.severity) for r in report.results}
    assert found == {
        ("shape:BoundConfidenceLow", "Warning"),  # the seed's date
        ("shape:CountAreaDefaulted", "Warning"),  # a count whose area is the article's province, filled in
        ("shape:CountInCube", "Warning"),  # counts of one article the dimensions cannot tell apart
    }

"""Graph builder: the article's date and its bounds, abbreviations as SKOS concepts with evidence, and the
Web Annotation export view of the NIF evidence.

Built from the hand-checked seed fixture plus the seed's real sidecar (``data/articles/*.meta.json``,
read as ``antq_kg.pipeline`` reads it).
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns
from test_graph import SEED, seed_facts

from antq_kg.graph import BuildRun, annotations_view, build_graph
from antq_kg.model import Abbreviation, Facts
from antq_kg.pipeline import read_sidecar
from antq_kg.text import Span
from antq_kg.vocab import ANTQ, GAF, NIF, OA, concept

TIME, XSD = ns.TIME, ns.XSD


def union_of(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.fixture(scope="module")
def facts() -> Facts:
    return dataclasses.replace(seed_facts(), metadata=read_sidecar(SEED))


@pytest.fixture(scope="module")
def g(facts: Facts) -> Graph:
    return union_of(build_graph([facts], run=BuildRun.new(now=datetime(2025, 1, 1, tzinfo=UTC))))


# -- date bounds ------------------------------------------------------------------------------------


def test_an_unknown_publication_date_is_an_instant_before_2019_05_01_with_its_evidence(g: Graph) -> None:
    (article, instant) = next(iter(g.subject_objects(ANTQ.publicationInstant)))
    assert (instant, ns.RDF.type, TIME.Instant) in g
    assert g.value(instant, TIME.inXSDDate) is None, "the sidecar says the date is not stated"
    bound = g.value(instant, TIME.before)
    assert g.value(bound, TIME.inXSDDate) == Literal("2019-05-01", datatype=XSD.date)
    quotes = sorted(str(g.value(p, NIF.anchorOf)) for p in g.objects(bound, ANTQ.boundEvidence))
    assert quotes == ["huyện Mỹ Hào", "xã Nhân Hòa"]
    assert "656/NQ-UBTVQH14" in str(g.value(bound, ANTQ.boundReason))
    assert str(g.value(bound, ANTQ.boundConfidence)) == "low"
    assert (article, ns.RDF.type, ns.SDO.NewsArticle) in g


def test_a_known_date_is_stated_and_a_stale_evidence_span_is_dropped(facts: Facts) -> None:
    meta = {
        "date": {
            "published": "2018-03-02",
            "after": "2018-01-01",
            "evidence": [
                {"begin": 0, "end": 6, "text": "Đại tá"},
                {"begin": 0, "end": 6, "text": "not this"},
            ],
        }
    }
    g = union_of(build_graph([dataclasses.replace(facts, metadata=meta)]))
    (instant,) = set(g.objects(None, ANTQ.publicationInstant))
    assert g.value(instant, TIME.inXSDDate) == Literal("2018-03-02", datatype=XSD.date)
    after = g.value(instant, TIME.after)
    assert g.value(after, TIME.inXSDDate) == Literal("2018-01-01", datatype=XSD.date)
    assert len(set(g.objects(after, ANTQ.boundEvidence))) == 1


def test_an_article_without_sidecar_has_a_publication_instant_of_unknown_date() -> None:
    """What its ranks and posts are dated by: the instant exists, nothing is known of it."""
    g = union_of(build_graph([seed_facts()]))
    (instant,) = set(g.objects(None, ANTQ.publicationInstant))
    assert (instant, ns.RDF.type, TIME.Instant) in g
    assert set(g.predicate_objects(instant)) == {(ns.RDF.type, TIME.Instant)}
    assert set(g.subjects(ANTQ.asOf, instant)), "the seed's rank statement is dated by it"


# -- abbreviations ----------------------------------------------------------------------------------


def test_abbreviations_are_concepts_with_short_and_long_forms_and_evidence(g: Graph, facts: Facts) -> None:
    antt = concept("abbreviation", "antt")
    assert (antt, ns.SKOS.inScheme, ANTQ.AbbreviationScheme) in g
    assert set(g.objects(antt, ns.SKOS.altLabel)) == {
        Literal("ANTT", lang="vi"),
        Literal("an ninh trật tự", lang="vi"),
    }
    (use,) = set(g.subjects(ANTQ.abbreviation, antt))
    assert (use, ns.RDF.type, ANTQ.AbbreviationUse) in g
    (phrase,) = set(g.objects(use, GAF.denotedBy))
    assert str(g.value(phrase, NIF.anchorOf)) == "ANTT"
    assert g.value(use, ANTQ.definedInText) == Literal(True), "the seed defines it: 'an ninh trật tự (ANTT)'"
    (mtqt_use,) = set(g.subjects(ANTQ.abbreviation, concept("abbreviation", "mtqt")))
    assert g.value(mtqt_use, ANTQ.definedInText) == Literal(False)


def test_a_misspelt_abbreviation_hides_under_its_standard_form() -> None:
    text = "Ủy ban MTQT tỉnh"
    facts = Facts(
        path="x.txt",
        text=text,
        sha256="0" * 64,
        abbreviations=(Abbreviation("MTQT", "Mặt trận Tổ quốc", (Span(7, 11),), canonical="MTTQ"),),
    )
    g = union_of(build_graph([facts]))
    mttq = concept("abbreviation", "mttq")
    assert (mttq, ns.SKOS.hiddenLabel, Literal("MTQT", lang="vi")) in g
    assert (mttq, ns.SKOS.altLabel, Literal("MTTQ", lang="vi")) in g


# -- Web Annotation view ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def oa(facts: Facts) -> Graph:
    return annotations_view(build_graph([facts]))


def test_every_evidence_link_is_one_annotation(g: Graph, oa: Graph) -> None:
    links = {(s, o) for s, o in g.subject_objects(GAF.denotedBy)}
    annotations = set(oa.subjects(ns.RDF.type, OA.Annotation))
    assert len(annotations) == len(links) > 50
    assert {(oa.value(a, OA.hasBody), None) for a in annotations} == {(s, None) for s, _ in links}
    assert all(oa.value(a, OA.motivatedBy) == OA.identifying for a in annotations)


def test_position_and_quote_selectors_agree_with_the_text(facts: Facts, oa: Graph) -> None:
    targets = set(oa.subjects(ns.RDF.type, OA.SpecificResource))
    assert targets
    for target in targets:
        source = oa.value(target, OA.hasSource)
        assert isinstance(source, URIRef) and str(source).endswith("/text")
        selectors = {oa.value(s, ns.RDF.type): s for s in oa.objects(target, OA.hasSelector)}
        pos, quote = selectors[OA.TextPositionSelector], selectors[OA.TextQuoteSelector]
        begin, end = int(oa.value(pos, OA.start)), int(oa.value(pos, OA.end))  # type: ignore[arg-type]
        assert str(oa.value(quote, OA.exact)) == facts.text[begin:end]
        prefix = oa.value(quote, OA.prefix)
        if begin:
            assert facts.text[:begin].endswith(str(prefix))


def test_the_view_has_no_blank_nodes_and_is_the_same_every_time(facts: Facts, oa: Graph) -> None:
    again = annotations_view(build_graph([facts]))
    assert set(again) == set(oa)
    assert not any(t.__class__.__name__ == "BNode" for triple in oa for t in triple)


def test_the_seed_with_its_sidecar_still_conforms_to_the_shapes(facts: Facts) -> None:
    from antq_kg.validate import validate

    report = validate(build_graph([facts]))
    assert report.conforms, report.text()

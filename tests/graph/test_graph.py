"""Graph builder: deterministic IRIs, one named graph per article, evidence on every fact.

Built from the hand-checked fixture ``tests/data/seed_facts.json`` (not from the extractor).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns

from antq_kg.graph import BuildRun, add_article, build_graph, new_dataset, run_graph_iri, sentence_span
from antq_kg.model import Facts, facts_from_json, facts_to_json
from antq_kg.text import Span, fold, read_document
from antq_kg.vocab import ANTQ, GAF, NIF, SCHEMA, SDMX_ATTRIBUTE, SDMX_CODE, SDMX_DIMENSION, concept

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "seed_facts.json"
SEED = ROOT / "data" / "articles" / "hung-yen-antq.txt"
ART = "https://w3id.org/antq/id/"
CORPUS = ART + "graph/corpus"

FACT_CLASSES = (
    ANTQ.RankStatement,
    ns.ORG.Membership,
    ns.QB.Observation,
    ANTQ.Count,
    ANTQ.CampaignParticipation,
)


def seed_facts() -> Facts:
    doc = read_document(SEED)
    return facts_from_json(json.loads(FIXTURE.read_text(encoding="utf-8")), text=doc.text, path=doc.path)


def article_graph(ds: Dataset) -> Graph:
    (g,) = [
        g
        for g in ds.graphs()
        if len(g) and str(g.identifier) not in (CORPUS,) and "/graph/run/" not in str(g.identifier)
    ]
    return g


def nquads_of_article_graphs(ds: Dataset) -> list[str]:
    lines = ds.serialize(format="nquads").splitlines()
    return sorted(
        line for line in lines if "/id/graph/run/" not in line and f"<{CORPUS}>" not in line and line.strip()
    )


@pytest.fixture(scope="module")
def facts() -> Facts:
    return seed_facts()


@pytest.fixture(scope="module")
def ds(facts: Facts) -> Dataset:
    return build_graph([facts], run=BuildRun.new(now=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)))


# -- the fixture itself ---------------------------------------------------------------------------


def _all_spans(data: dict) -> list[list]:
    out = list(data.get("author_spans", []))
    for p in data["persons"]:
        out += p["spans"] + p["rank_spans"] + p["post_spans"]
    for o in data["organizations"]:
        out += o["spans"]
    for p in data["places"]:
        out += p["spans"]
    for c in data["campaigns"]:
        out += c["spans"] + c.get("kind_spans", [])
    for n in data["counts"]:
        out += n["spans"]
    for spans in data["abbreviation_spans"].values():
        out += spans
    return out


def test_every_fixture_span_slices_to_its_expected_surface() -> None:
    text = read_document(SEED).text
    spans = _all_spans(json.loads(FIXTURE.read_text(encoding="utf-8")))
    assert len(spans) == 57
    for begin, end, surface in spans:
        assert text[begin:end] == surface, (begin, end, surface)


def test_fixture_surfaces_name_what_the_record_says(facts: Facts) -> None:
    text = facts.text
    (p,) = facts.persons
    assert [s.slice(text) for s in p.spans] == ["Trần Huy Ngạn"]
    assert [s.slice(text) for s in p.rank_spans] == ["Đại tá"]
    for place in facts.places:
        for s in place.spans:
            assert fold(s.slice(text)) == fold(f"{place.type} {place.name}")
    for c in facts.counts:
        for s in c.spans:
            assert fold(c.unit) in fold(s.slice(text))
    for camp in facts.campaigns[1:]:
        assert [fold(s.slice(text)) for s in camp.spans] == [fold(camp.name)]


def test_facts_json_round_trips_what_facts_to_json_writes(facts: Facts) -> None:
    again = facts_from_json(facts_to_json(facts), text=facts.text, path=facts.path)
    assert facts_to_json(again) == facts_to_json(facts)
    assert again.counts == facts.counts


# -- structure --------------------------------------------------------------------------------------


def test_one_named_graph_per_article_and_a_separate_run_graph(ds: Dataset) -> None:
    names = sorted(str(g.identifier) for g in ds.graphs() if len(g) and str(g.identifier) != CORPUS)
    assert len(names) == 2
    assert names[0] == ART + "graph/3e659248f8117009"  # the first 16 hex of the SHA-256 of the NFC text
    assert names[1].startswith(ART + "graph/run/20250102T030405Z-")
    run_graph = ds.graph(URIRef(names[1]))
    assert (URIRef(names[0]), ns.PROV.wasGeneratedBy, None) in run_graph
    assert (None, ANTQ.toolVersion, None) in run_graph
    assert (None, ns.PROV.startedAtTime, None) not in article_graph(ds)


def test_two_articles_give_two_graphs_and_share_province_and_movement(facts: Facts) -> None:
    other = Facts(
        path="other.txt",
        text=facts.text + " ",
        sha256="",
        places=facts.places[:1],
        campaigns=facts.campaigns[:1],
    )
    ds = build_graph([facts, other])
    graphs = [
        g
        for g in ds.graphs()
        if "/graph/run/" not in str(g.identifier) and str(g.identifier) != CORPUS and len(g)
    ]
    assert len(graphs) == 2
    movement = URIRef(ART + "initiative/toan-dan-bao-ve-an-ninh-to-quoc-49db2a")
    province = URIRef(ART + "place/tinh-hung-yen-e625f0")  # no gazetteer: the written chain
    for g in graphs:
        assert (movement, ns.RDF.type, ANTQ.Initiative) in g
        assert (province, ns.RDF.type, SCHEMA.AdministrativeArea) in g


def test_determinism_byte_identical_sorted_nquads_across_runs(facts: Facts) -> None:
    a = build_graph([facts])
    b = build_graph([seed_facts()], run=BuildRun.new(now=datetime(2030, 1, 1, tzinfo=UTC)))
    qa, qb = nquads_of_article_graphs(a), nquads_of_article_graphs(b)
    assert qa == qb
    assert len(qa) > 500
    assert not any("_:" in line for line in qa), "no blank nodes"


def test_add_article_replaces_an_existing_article_graph(facts: Facts) -> None:
    ds = new_dataset()
    iri = add_article(ds, facts)
    n = len(ds.graph(iri))
    add_article(ds, facts)
    assert len(ds.graph(iri)) == n


def test_run_graph_iri_matches_the_graph_the_builder_writes(facts: Facts) -> None:
    run = BuildRun.new()
    ds = build_graph([facts], run=run)
    assert len(ds.graph(run_graph_iri(run))) > 0


# -- evidence ----------------------------------------------------------------------------------------


def test_every_fact_node_has_evidence_that_slices_exactly(ds: Dataset, facts: Facts) -> None:
    g = article_graph(ds)
    nodes = {s for cls in FACT_CLASSES for s in g.subjects(ns.RDF.type, cls)}
    assert (
        len(nodes) == 1 + 2 + 18 + 2
    )  # rank statement, 2 memberships (one per post), 18 observations, 2 sites
    for node in nodes:
        phrases = list(g.objects(node, GAF.denotedBy))
        assert phrases, node
        assert (node, ns.PROV.wasDerivedFrom, None) in g


def test_every_phrase_anchor_is_the_exact_slice(ds: Dataset, facts: Facts) -> None:
    g = article_graph(ds)
    (ctx,) = g.subjects(ns.RDF.type, NIF.Context)
    text = str(g.value(ctx, NIF.isString))
    assert text == facts.text
    phrases = set(g.subjects(ns.RDF.type, NIF.Phrase)) | set(g.subjects(ns.RDF.type, NIF.Sentence))
    assert len(phrases) == 50 + 3 + 1  # + the 3 abbreviation uses (ANTQ, ANTT, MTQT) + the rank "Đại tá"
    for ph in phrases:
        b = int(g.value(ph, NIF.beginIndex))
        e = int(g.value(ph, NIF.endIndex))
        assert 0 <= b < e <= len(text)
        assert str(g.value(ph, NIF.anchorOf)) == text[b:e]
        assert g.value(ph, NIF.referenceContext) == ctx
        assert str(ph).endswith(f"#char={b},{e}")


def test_context_records_hash_and_normalisation(ds: Dataset) -> None:
    g = article_graph(ds)
    (ctx,) = g.subjects(ns.RDF.type, NIF.Context)
    import hashlib

    text = str(g.value(ctx, NIF.isString))
    assert str(g.value(ctx, ANTQ.sha256)) == hashlib.sha256(text.encode()).hexdigest()
    assert "NFC" in str(g.value(ctx, ANTQ.normalization))
    assert (ctx, ns.PROV.wasDerivedFrom, None) in g


# -- content ------------------------------------------------------------------------------------------


def test_person_rank_is_a_dated_statement_and_each_post_a_membership(ds: Dataset) -> None:
    g = article_graph(ds)
    (person,) = g.subjects(ns.RDF.type, ns.FOAF.Person)
    assert g.value(person, ns.FOAF.name) == Literal("Trần Huy Ngạn", lang="vi")
    assert g.value(person, ANTQ.rank) is None, "rank changes with time: not a property of the person"
    (statement,) = g.subjects(ANTQ.person, person)
    assert g.value(statement, ANTQ.rank) == concept("rank", "dai-ta")
    (article,) = g.subjects(ns.RDF.type, SCHEMA.NewsArticle)
    assert g.value(statement, ANTQ.asOf) == g.value(article, ANTQ.publicationInstant)
    assert [str(g.value(ph, NIF.anchorOf)) for ph in g.objects(statement, GAF.denotedBy)] == ["Đại tá"]
    held = {
        (
            str(g.value(m, ns.ORG.role)).rsplit("/", 1)[1],
            str(g.value(g.value(m, ns.ORG.organization), ns.RDFS.label)),
        )
        for m in g.subjects(ns.ORG.member, person)
    }
    assert held == {
        ("giam-doc", "Công an tỉnh Hưng Yên"),
        ("bi-thu-dang-uy", "Đảng ủy Công an tỉnh Hưng Yên"),
    }
    for m in g.subjects(ns.ORG.member, person):
        post = g.value(m, ANTQ.post)
        assert (post, ns.ORG.heldBy, person) in g and (person, ns.ORG.holds, post) in g
        assert g.value(post, ns.ORG.postIn) == g.value(m, ns.ORG.organization)
        assert g.value(post, ns.ORG.role) == g.value(m, ns.ORG.role)
        during = g.value(m, ns.ORG.memberDuring)
        assert (during, ns.RDF.type, ns.TIME.ProperInterval) in g
        assert g.value(during, ns.TIME.inside) == g.value(statement, ANTQ.asOf)
    party = URIRef(ART + "org/dang-uy-cong-an-tinh-hung-yen-8981c1")
    assert g.value(party, ns.ORG.linkedTo) == URIRef(ART + "org/cong-an-tinh-hung-yen-9ce9b5")


def test_place_chain_and_levels(ds: Dataset) -> None:
    g = article_graph(ds)
    (thon,) = g.subjects(ns.RDFS.label, Literal("thôn Lỗ Xá", lang="vi"))
    assert str(thon).startswith(ART + "place/tinh-hung-yen-e625f0/")  # no gazetteer: the written chain
    chain = []
    node: URIRef | None = thon
    while node is not None:
        chain.append(str(g.value(node, ANTQ.adminLevel)).rsplit("/", 1)[1])
        node = g.value(node, SCHEMA.containedInPlace)  # type: ignore[assignment]
    assert chain == ["thon", "xa", "huyen", "tinh"]


def test_counts_with_a_numeral_are_observations_of_the_corpus_cube_and_a_vague_one_is_not(
    ds: Dataset,
) -> None:
    g = article_graph(ds)
    counts = list(g.subjects(ns.RDF.type, ANTQ.Count))
    obs = set(g.subjects(ns.RDF.type, ns.QB.Observation))
    assert (len(counts), len(obs)) == (18, 17)
    assert {g.value(o, ns.QB.dataSet) for o in obs} == {URIRef(ART + "dataset/counts")}
    by_label = {str(g.value(c, ns.RDFS.label)): c for c in counts}
    hundreds = by_label["hàng trăm vụ việc"]  # "hàng trăm vụ việc": never counted, so no measure
    assert hundreds not in obs and (hundreds, ns.RDF.type, ANTQ.VagueCount) in g
    assert g.value(hundreds, ANTQ.statedValue) is None
    assert g.value(hundreds, ANTQ.quantityQualifier) == concept("qualifier", "hundreds")
    bounds = (g.value(hundreds, ANTQ.lowerBound).toPython(), g.value(hundreds, ANTQ.upperBound).toPython())
    assert bounds == (100, 999)
    assert g.value(hundreds, SDMX_ATTRIBUTE.obsStatus) == SDMX_CODE["obsStatus-E"]
    over = by_label["1000 cán bộ Công an xã"]  # "trên 1.000": more than, lower bound 1001
    assert g.value(over, ANTQ.quantityQualifier) == concept("qualifier", "more-than")
    assert (g.value(over, ANTQ.statedValue).toPython(), g.value(over, ANTQ.lowerBound).toPython()) == (
        1000,
        1001,
    )
    assert g.value(over, ANTQ.upperBound) is None
    assert g.value(over, SDMX_ATTRIBUTE.obsStatus) == SDMX_CODE["obsStatus-A"]
    five_years = g.value(by_label["6518 nguồn tin có giá trị"], SDMX_DIMENSION.refPeriod)
    publication = URIRef(
        ART + "article/3e659248f8117009#publication"
    )  # undated: the interval ends at its instant
    assert g.value(five_years, ns.TIME.hasEnd) == publication
    length = g.value(five_years, ns.TIME.hasDuration)  # OWL-Time's number and unit: 5 years
    assert length == URIRef(ART + "duration/P5Y") and (length, ns.RDF.type, ns.TIME.Duration) in g
    assert (g.value(length, ns.TIME.numericDuration).toPython(), g.value(length, ns.TIME.unitType)) == (
        5,
        ns.TIME.unitYear,
    )
    assert g.value(by_label["6518 nguồn tin có giá trị"], ANTQ.period) == concept("period", "past")
    assert (
        g.value(by_label["502 tổ an ninh nhân dân"], SDMX_DIMENSION.refPeriod) == publication
    )  # as of writing
    areas = {g.value(c, ANTQ.refArea) for c in counts}
    assert areas == {URIRef(ART + "place/tinh-hung-yen-e625f0")}
    assert {g.value(c, ANTQ.areaDefaulted).toPython() for c in counts} == {True}  # the text states no area


def test_sentence_span_cuts_at_sentence_ends_and_lines() -> None:
    text = "A có 5 tổ. B có 6 đội; 7 ban\nC"
    assert sentence_span(text, Span(13, 18)).slice(text) == "B có 6 đội; 7 ban"
    assert sentence_span(text, Span(0, 1)).slice(text) == "A có 5 tổ."


# -- RDF Data Cube well-formedness: https://www.w3.org/TR/vocab-data-cube/#wf-rules ----------------

_QB = """PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

#: The integrity constraints as ASK queries that are true when the constraint is violated (QB §11.1).
INTEGRITY_CONSTRAINTS: dict[str, str] = {
    "IC-1 unique data set": """ASK { { ?obs a qb:Observation . FILTER NOT EXISTS { ?obs qb:dataSet ?d1 } }
        UNION { ?obs a qb:Observation ; qb:dataSet ?d1, ?d2 . FILTER (?d1 != ?d2) } }""",
    "IC-2 unique DSD": """ASK { { ?ds a qb:DataSet . FILTER NOT EXISTS { ?ds qb:structure ?dsd } }
        UNION { ?ds a qb:DataSet ; qb:structure ?dsd1, ?dsd2 . FILTER (?dsd1 != ?dsd2) } }""",
    "IC-3 DSD includes measure": """ASK { ?dsd a qb:DataStructureDefinition .
        FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty [ a qb:MeasureProperty ] } }""",
    "IC-4 dimensions have range": """ASK { ?dim a qb:DimensionProperty .
        FILTER NOT EXISTS { ?dim rdfs:range [] } }""",
    "IC-5 concept dimensions have code lists": """ASK { ?dim a qb:DimensionProperty ; rdfs:range skos:Concept .
        FILTER NOT EXISTS { ?dim qb:codeList [] } }""",
    "IC-6 only attributes may be optional": """ASK { ?dsd qb:component ?cs .
        ?cs qb:componentRequired "false"^^xsd:boolean ; qb:componentProperty ?c .
        FILTER NOT EXISTS { ?c a qb:AttributeProperty } }""",
    "IC-7 slice keys must be declared": """ASK { ?key a qb:SliceKey .
        FILTER NOT EXISTS { [ a qb:DataStructureDefinition ] qb:sliceKey ?key } }""",
    "IC-8 slice keys consistent with DSD": """ASK { ?key a qb:SliceKey ; qb:componentProperty ?p .
        ?dsd qb:sliceKey ?key . FILTER NOT EXISTS { ?dsd qb:component [ qb:componentProperty ?p ] } }""",
    "IC-9 unique slice structure": """ASK { { ?s a qb:Slice . FILTER NOT EXISTS { ?s qb:sliceStructure ?k } }
        UNION { ?s a qb:Slice ; qb:sliceStructure ?k1, ?k2 . FILTER (?k1 != ?k2) } }""",
    "IC-10 slice dimensions complete": """ASK { ?s qb:sliceStructure [ qb:componentProperty ?dim ] .
        FILTER NOT EXISTS { ?s ?dim [] } }""",
    "IC-11 all dimensions required": """ASK { ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
        ?dim a qb:DimensionProperty . FILTER NOT EXISTS { ?obs ?dim [] } }""",
    "IC-12 no duplicate observations": """ASK { FILTER (?allEqual) {
        SELECT (MIN(?equal) AS ?allEqual) WHERE {
          ?obs1 qb:dataSet ?dataset . ?obs2 qb:dataSet ?dataset . FILTER (?obs1 != ?obs2)
          ?dataset qb:structure/qb:component/qb:componentProperty ?dim . ?dim a qb:DimensionProperty .
          ?obs1 ?dim ?value1 . ?obs2 ?dim ?value2 . BIND (?value1 = ?value2 AS ?equal)
        } GROUP BY ?obs1 ?obs2 } }""",
    "IC-13 required attributes": """ASK { ?obs qb:dataSet/qb:structure/qb:component ?c .
        ?c qb:componentRequired "true"^^xsd:boolean ; qb:componentProperty ?attr .
        FILTER NOT EXISTS { ?obs ?attr [] } }""",
    "IC-14 all measures present": """ASK { ?obs qb:dataSet/qb:structure ?dsd .
        FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }
        ?dsd qb:component/qb:componentProperty ?measure . ?measure a qb:MeasureProperty .
        FILTER NOT EXISTS { ?obs ?measure [] } }""",
    "IC-15 measure dimension consistent": """ASK { ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?m .
        ?dsd qb:component/qb:componentProperty qb:measureType . FILTER NOT EXISTS { ?obs ?m [] } }""",
    "IC-16 single measure on measure-dimension observation": """ASK {
        ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?m ; ?om [] .
        ?dsd qb:component/qb:componentProperty qb:measureType ; qb:component/qb:componentProperty ?om .
        ?om a qb:MeasureProperty . FILTER (?om != ?m) }""",
    "IC-17 all measures present in measure-dimension cube (none here)": """ASK {
        ?dsd qb:component/qb:componentProperty qb:measureType }""",
    "IC-18 consistent data set links": """ASK { ?ds qb:slice ?s . ?s qb:observation ?obs .
        FILTER NOT EXISTS { ?obs qb:dataSet ?ds } }""",
    "IC-19 codes from code list (scheme)": """ASK {
        ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
        ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:ConceptScheme . ?obs ?dim ?v .
        FILTER NOT EXISTS { ?v a skos:Concept ; skos:inScheme ?list } }""",
    "IC-19 codes from code list (collection)": """ASK {
        ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
        ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:Collection . ?obs ?dim ?v .
        FILTER NOT EXISTS { ?v a skos:Concept . ?list skos:member+ ?v } }""",
    "IC-20/21 hierarchical code lists (none here)": """ASK { ?list a qb:HierarchicalCodeList }""",
}


@pytest.fixture(scope="module")
def cube_store(ds: Dataset) -> Any:
    """The seed dataset plus the ontology in a pyoxigraph store, QB-normalised (phase 1: componentProperty)."""
    import pyoxigraph as ox

    from antq_kg.graph import add_ontology

    full = build_graph([seed_facts()])
    add_ontology(full)
    store = ox.Store()
    store.load(full.serialize(format="nquads").encode(), format=ox.RdfFormat.N_QUADS)
    store.update(
        _QB + "INSERT { GRAPH <urn:qb-normalised> { ?cs qb:componentProperty ?p } } "
        "WHERE { GRAPH ?g { ?cs qb:dimension|qb:measure|qb:attribute ?p } }"
    )
    return store


@pytest.mark.parametrize("name", sorted(INTEGRITY_CONSTRAINTS))
def test_the_seed_cube_meets_the_data_cube_integrity_constraints(name: str, cube_store: Any) -> None:
    assert not bool(cube_store.query(_QB + INTEGRITY_CONSTRAINTS[name], use_default_graph_as_union=True))


def test_ic12_would_catch_two_counts_that_differ_by_nothing_but_their_value(cube_store: Any) -> None:
    """IC-12 is live: drop the criterion of the five khu dân cư counts and they collide."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_extend(cube_store.quads_for_pattern(None, None, None, None))
    ic11 = _QB + INTEGRITY_CONSTRAINTS["IC-11 all dimensions required"]
    assert not bool(store.query(ic11, use_default_graph_as_union=True))
    store.update(
        "PREFIX antq: <https://w3id.org/antq/ontology#> "
        "DELETE { GRAPH ?g { ?o antq:criterion ?c } } INSERT { GRAPH ?g { ?o antq:criterion antq:anyCriterion } } "
        "WHERE { GRAPH ?g { ?o antq:criterion ?c } }"
    )
    ask = _QB + INTEGRITY_CONSTRAINTS["IC-12 no duplicate observations"]
    assert bool(store.query(ask, use_default_graph_as_union=True))
    store.update(
        "PREFIX antq: <https://w3id.org/antq/ontology#> DELETE WHERE { GRAPH ?g { ?o antq:scope ?s } }"
    )
    assert bool(store.query(ic11, use_default_graph_as_union=True)), "IC-11 is live too"

"""One comparable cube of counts over several dated articles (https://www.w3.org/TR/vocab-data-cube/).

Five short reports (``tests/data/counts``: four dated Thái Bình reports, one undated, one Nam Định
report; texts, sidecars and hand-checked facts) are built into one store with the ontology and the
gazetteer units they name, as ``antq-kg build`` loads them. The same indicator stated by several
articles is several observations of the one data set, ordered by their reference period; vague
quantities never sit in the measure; the comparator words give the fine qualifiers and bounds; a
province filled in by default is flagged; counts of one article the dimensions cannot tell apart stay
outside the cube, warned about; the Data Cube integrity constraints hold.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_graph import _QB, INTEGRITY_CONSTRAINTS

from antq_kg.gazetteer import Gazetteer
from antq_kg.gazetteer_rdf import units_to_quads
from antq_kg.graph import article_quads, corpus_quads, ontology_quads
from antq_kg.mentions import extract
from antq_kg.model import Facts, facts_from_json
from antq_kg.pipeline import read_sidecar
from antq_kg.store import EmbeddedStore, open_store
from antq_kg.text import document_from_text, read_document
from antq_kg.validate import ValidationReport, short, validate_store

ROOT = Path(__file__).resolve().parents[2]
COUNTS = ROOT / "tests" / "data" / "counts"
QUERIES = ROOT / "queries"
ID = "https://w3id.org/antq/id/"
C = ID + "concept/"
PREFIXES = """PREFIX antq: <https://w3id.org/antq/ontology#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
"""
TB, ND = "Thái Bình", "Nam Định"


def fixture_facts(name: str) -> Facts:
    """A fixture article's hand-checked facts, with its sidecar."""
    path = COUNTS / f"{name}.txt"
    doc = read_document(path)
    gold = json.loads((COUNTS / f"{name}.json").read_text(encoding="utf-8"))
    return dataclasses.replace(
        facts_from_json(gold, text=doc.text, path=doc.path), metadata=read_sidecar(path)
    )


@pytest.fixture(scope="module")
def store(gazetteer: Gazetteer) -> EmbeddedStore:
    store = open_store(None)
    articles = [
        q
        for path in sorted(COUNTS.glob("*.txt"))
        for q in article_quads(fixture_facts(path.stem), gazetteer=gazetteer)
    ]
    store.add_quads(articles + corpus_quads(articles))
    store.add_quads(ontology_quads())
    named = {
        row[0].value
        for row in store.query(PREFIXES + "SELECT DISTINCT ?p { ?c antq:refArea ?p }").rows()
        if row[0]
    }
    keys = [k.removeprefix(ID + "place/") for k in named]
    store.add_quads(
        list(
            units_to_quads(
                gazetteer, [gazetteer.get(k) for k in keys if k in gazetteer], graph=ID + "graph/gazetteer"
            )
        )
    )
    return store


def rows(store: EmbeddedStore, sparql: str) -> list[tuple[object, ...]]:
    """Rows as plain values: numbers as ``Decimal``, booleans as ``bool``, other terms as their text, unbound as ``None``."""

    def plain(t: object) -> object:
        if t is None:
            return None
        if isinstance(t, ox.Literal) and t.datatype.value.rsplit("#", 1)[1] in {"decimal", "integer"}:
            return Decimal(t.value)
        if isinstance(t, ox.Literal) and t.datatype.value.endswith("#boolean"):
            return t.value == "true"
        return t.value  # type: ignore[attr-defined]

    return [tuple(plain(t) for t in row) for row in store.query(sparql).rows()]


def query(store: EmbeddedStore, name: str) -> list[tuple[object, ...]]:
    return rows(store, (QUERIES / name).read_text(encoding="utf-8"))


def count(store: EmbeddedStore, article: str, quote: str) -> dict[str, object]:
    """The properties of the count whose evidence quotes ``quote`` in ``article`` (short names as keys)."""
    found = rows(
        store,
        PREFIXES
        + f"""
        SELECT ?p ?o WHERE {{
            ?c a antq:Count ; antq:sourceArticle <{ID}article/counts-{article}> ;
               <http://groundedannotationframework.org/gaf#denotedBy>/<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> "{quote}" ;
               ?p ?o }}""",
    )
    assert found, quote
    out: dict[str, object] = {}
    for p, o in found:
        out.setdefault(str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1], set()).add(o)  # type: ignore[union-attr]
    return {k: next(iter(v)) if len(v) == 1 else v for k, v in out.items()}  # type: ignore[arg-type]


# -- one cube, comparable across articles -------------------------------------------------------------


def test_the_structure_is_stated_once_in_the_ontology_graph_not_in_each_article(store: EmbeddedStore) -> None:
    found = rows(
        store,
        PREFIXES
        + """SELECT DISTINCT ?g {
        GRAPH ?g { ?s ?p ?o FILTER (?s = antq:CountStructure || STRSTARTS(STR(?s), STR(antq:CountStructure-))) }
        }""",
    )
    assert found == [("https://w3id.org/antq/ontology",)]
    assert rows(store, PREFIXES + "SELECT DISTINCT ?s { GRAPH ?g { ?d qb:structure ?s } }") == [
        ("https://w3id.org/antq/ontology#CountStructure",)
    ]


def test_the_counts_of_every_article_are_observations_of_one_data_set(store: EmbeddedStore) -> None:
    found = rows(
        store, PREFIXES + "SELECT DISTINCT ?d ?s { ?o a qb:Observation ; qb:dataSet ?d . ?d qb:structure ?s }"
    )
    assert found == [(ID + "dataset/counts", "https://w3id.org/antq/ontology#CountStructure")]
    per_article = rows(
        store,
        PREFIXES
        + """SELECT ?a (COUNT(DISTINCT ?o) AS ?n) {
        ?o a qb:Observation ; antq:sourceArticle/antq:sourcePath ?a } GROUP BY ?a ORDER BY ?a""",
    )
    assert (
        per_article
        == [  # each article's counts with a numeral, less the pair of 2024-08-16 told apart by nothing
            ("nam-dinh-2024-06-01.txt", 3),
            ("thai-binh-2023-05-10.txt", 7),
            ("thai-binh-2024-08-16.txt", 5),
            ("thai-binh-2024-12-28.txt", 6),
            ("thai-binh-undated.txt", 2),
        ]
    )


def test_21_one_indicator_per_province_report_by_report_in_order(store: EmbeddedStore) -> None:
    assert query(store, "21-indicator-over-time.rq") == [
        (ND, None, "2024-06-01", 1105, "nam-dinh-2024-06-01.txt"),
        (TB, None, None, 1240, "thai-binh-undated.txt"),  # undated: first
        (TB, None, "2023-05-10", 1250, "thai-binh-2023-05-10.txt"),
        (TB, None, "2024-08-16", 1262, "thai-binh-2024-08-16.txt"),
        (TB, None, "2024-12-28", 1270, "thai-binh-2024-12-28.txt"),
    ]  # the 9 tổ of xã Đông Hoàng (2023) are the commune's, not the province's


def test_03_one_mediation_total_per_province_and_report(store: EmbeddedStore) -> None:
    assert query(store, "03-mediation-total.rq") == [
        (ND, "2024-06-01", 350 + 2800, 2),
        (TB, None, 1980, 1),
        (TB, "2023-05-10", 285 + 1987, 2),
        (TB, "2024-08-16", 286 + 1990, 2),
    ]  # 2024-12-28 has only "hàng chục tổ hòa giải": no numeral, nothing to add


def test_the_same_indicator_from_two_articles_is_two_observations_the_source_tells_apart(
    store: EmbeddedStore,
) -> None:
    dims = rows(
        store,
        PREFIXES
        + """SELECT ?area ?unit ?crit ?scope ?within (COUNT(DISTINCT ?o) AS ?n)
        (COUNT(DISTINCT ?period) AS ?periods) (COUNT(DISTINCT ?article) AS ?articles) WHERE {
          ?o a qb:Observation ; antq:refArea ?area ; antq:unitType ?unit ; antq:criterion ?crit ; antq:scope ?scope ;
             antq:withinUnit ?within ; sdmx-dimension:refPeriod ?period ; antq:sourceArticle ?article .
          FILTER (?unit = <https://w3id.org/antq/id/concept/unit-type/to-an-ninh-nhan-dan>)
        } GROUP BY ?area ?unit ?crit ?scope ?within ORDER BY DESC(?n)""",
    )
    assert dims[0][5:] == (4, 4, 4)  # Thái Bình's four reports: four periods, four sources


def test_a_stated_period_is_an_owl_time_interval_shared_by_the_articles_that_state_it(
    store: EmbeddedStore,
) -> None:
    since_new_year = count(store, "thai-binh-2023-05-10", "1.873 vụ việc hòa giải thành")
    assert since_new_year["refPeriod"] == ID + "period/2023-01-01--2023-05-10"
    assert since_new_year["period"] == C + "period/year-to-date"
    assert (
        count(store, "thai-binh-2024-12-28", "2.010 vụ việc hòa giải thành")["refPeriod"]
        == ID + "period/2024-01-01--2024-12-31"
    )
    interval = rows(
        store,
        PREFIXES
        + f"""SELECT ?b ?e {{ <{ID}period/2023-01-01--2023-05-10> a time:ProperInterval ;
        time:hasBeginning/time:inXSDDate ?b ; time:hasEnd/time:inXSDDate ?e }}""",
    )
    assert interval == [("2023-01-01", "2023-05-10")]
    stock = count(store, "thai-binh-2023-05-10", "1.250 tổ an ninh nhân dân")
    assert stock["refPeriod"] == ID + "article/counts-thai-binh-2023-05-10#publication"  # as of writing
    assert stock["period"] == "https://w3id.org/antq/ontology#periodNotStated"


# -- quantities: the measure is what was written ---------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "quote", "qualifier", "value", "lower", "upper", "status"),
    [
        ("thai-binh-2023-05-10", "hơn 2.100 nguồn tin có giá trị", "more-than", 2100, 2101, None, "A"),
        ("thai-binh-2024-08-16", "gần 1.900 nguồn tin có giá trị", "nearly", 1900, None, 1899, "E"),
        ("thai-binh-2024-12-28", "không quá 15.000 thành viên", "at-most", 15000, None, 15000, "A"),
        ("thai-binh-2024-12-28", "Ít nhất 12 xã", "at-least", 12, 12, None, "A"),
        ("thai-binh-2024-12-28", "dưới 50 khu dân cư", "at-most", 50, None, 49, "A"),
        ("thai-binh-2024-12-28", "Khoảng 300 camera", "approximately", 300, None, None, "E"),
        ("thai-binh-2024-12-28", "1.270 tổ an ninh nhân dân", "exact", 1270, 1270, 1270, "A"),
    ],
)
def test_a_comparator_word_gives_the_qualifier_and_the_bounds_of_a_whole_count(
    store: EmbeddedStore,
    article: str,
    quote: str,
    qualifier: str,
    value: int,
    lower: int | None,
    upper: int | None,
    status: str,
) -> None:
    c = count(store, article, quote)
    assert c["quantityQualifier"] == C + f"qualifier/{qualifier}"
    assert (c["statedValue"], c.get("lowerBound"), c.get("upperBound")) == (value, lower, upper)
    assert c["obsStatus"] == f"http://purl.org/linked-data/sdmx/2009/code#obsStatus-{status}"
    assert "dataSet" in c  # a numeral was written: an observation


@pytest.mark.parametrize(
    ("article", "quote", "qualifier", "lower", "upper", "status"),
    [
        ("thai-binh-2024-08-16", "hàng trăm vụ việc vi phạm pháp luật", "hundreds", 100, 999, "E"),
        ("thai-binh-2024-12-28", "hàng chục tổ hòa giải", "tens", 10, 99, "E"),
        ("thai-binh-2024-12-28", "nhiều hộ gia đình", "many", None, None, "M"),
    ],
)
def test_a_vague_quantity_has_bounds_and_a_status_but_no_measure(
    store: EmbeddedStore,
    article: str,
    quote: str,
    qualifier: str,
    lower: int | None,
    upper: int | None,
    status: str,
) -> None:
    c = count(store, article, quote)
    assert c["quantityQualifier"] == C + f"qualifier/{qualifier}"
    assert "statedValue" not in c and "dataSet" not in c
    assert c["type"] == {"https://w3id.org/antq/ontology#Count", "https://w3id.org/antq/ontology#VagueCount"}
    assert (c.get("lowerBound"), c.get("upperBound")) == (lower, upper)
    assert c["obsStatus"] == f"http://purl.org/linked-data/sdmx/2009/code#obsStatus-{status}"


def test_no_sum_over_the_cube_adds_a_vague_quantity(store: EmbeddedStore) -> None:
    [(total,)] = rows(
        store,
        PREFIXES
        + """SELECT (SUM(?v) AS ?t) { SELECT DISTINCT ?o ?v {
        ?o a qb:Observation ; antq:statedValue ?v ; antq:unitType <https://w3id.org/antq/id/concept/unit-type/to-hoa-giai> } }""",
    )
    assert total == 2800 + 1980 + 1987 + 1990  # the "hàng chục tổ hòa giải" of 2024-12-28 adds nothing


def test_the_facts_json_keeps_the_coarse_qualifiers() -> None:
    """The graph reads "hơn", "gần" from the evidence; the counts stage's qualifiers stay as docs/FACTS.md has them."""
    found = extract(
        document_from_text("Quần chúng cung cấp hơn 2.100 nguồn tin và gần 1.900 tin báo.")
    ).counts
    assert [(int(c.value or 0), c.qualifier) for c in found] == [(2100, "at_least"), (1900, "at_most")]


# -- areas, codes, what stays outside -----------------------------------------------------------------


def test_a_province_filled_in_by_default_is_flagged_a_stated_area_is_not(store: EmbeddedStore) -> None:
    province = count(store, "thai-binh-2023-05-10", "1.250 tổ an ninh nhân dân")
    commune = count(store, "thai-binh-2023-05-10", "9 tổ an ninh nhân dân")
    assert province["refArea"] == ID + "place/p34" and province["areaDefaulted"] is True
    assert commune["refArea"] == ID + "place/c12808" and "areaDefaulted" not in commune
    assert commune["dataSet"] == ID + "dataset/counts"  # the stated area tells it from the province's 1.250


def test_unit_phrases_take_curated_codes_and_keep_their_words(store: EmbeddedStore) -> None:
    c = count(store, "thai-binh-2024-08-16", "hàng trăm vụ việc vi phạm pháp luật")
    assert c["unitType"] == C + "unit-type/vu-viec-vi-pham-phap-luat"
    assert c["unitPhrase"] == "vụ việc vi phạm pháp luật"
    nested = count(store, "thai-binh-2024-12-28", "không quá 15.000 thành viên")
    assert (nested["unitType"], nested["withinUnit"]) == (
        C + "unit-type/thanh-vien",
        C + "unit-type/to-an-ninh-nhan-dan",
    )
    unnamed = count(
        store, "thai-binh-2024-12-28", "Ít nhất 12 xã"
    )  # "có mô hình tự quản": no curated criterion
    assert (unnamed["criterion"], unnamed["criterionPhrase"]) == (C + "criterion/other", "có mô hình tự quản")
    used = {
        r[0]
        for r in rows(
            store,
            PREFIXES
            + "SELECT DISTINCT ?c { ?o antq:unitType|antq:withinUnit|antq:criterion|antq:scope|antq:period ?c }",
        )
    }
    declared = {
        r[0]
        for r in rows(
            store, PREFIXES + "SELECT ?c { GRAPH <https://w3id.org/antq/ontology> { ?c skos:inScheme ?s } }"
        )
    }
    assert used <= declared  # every code is the ontology's: none minted from the text


def test_counts_the_dimensions_cannot_tell_apart_stay_outside_the_cube(store: EmbeddedStore) -> None:
    """ "3 tập thể" (praised by the ministry) and "24 tập thể" (by the province): the same area, period, unit
    type, criterion, scope, within-unit and article; no identifier is made up to keep them apart."""
    for quote in ("3 tập thể", "24 tập thể"):
        c = count(store, "thai-binh-2024-08-16", quote)
        assert "dataSet" not in c and c["type"] == "https://w3id.org/antq/ontology#Count"
        assert c["unitType"] == C + "unit-type/tap-the" and "statedValue" in c and "denotedBy" in c


# -- the shapes over the fixtures --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(store: EmbeddedStore) -> ValidationReport:
    return validate_store(store)


def test_the_fixtures_conform_with_warnings_for_defaulted_areas_and_the_pair_outside_the_cube(
    report: ValidationReport,
) -> None:
    assert report.conforms, report.text()
    outside = sorted(r.focus_node for r in report.results if short(r.shape) == "shape:CountInCube")
    assert len(outside) == 2 and all("/obs/counts-thai-binh-2024-08-16/" in f for f in outside)
    defaulted = [r for r in report.results if short(r.shape) == "shape:CountAreaDefaulted"]
    assert len(defaulted) == 3 + 6 + 8 + 8 + 2  # every count but the commune's 9 tổ
    assert {short(r.shape) for r in report.results} == {"shape:CountInCube", "shape:CountAreaDefaulted"}


@pytest.mark.parametrize("name", sorted(INTEGRITY_CONSTRAINTS))
def test_the_corpus_cube_meets_the_data_cube_integrity_constraints(name: str, store: EmbeddedStore) -> None:
    normalised = ox.Store()
    normalised.extend(ox.Quad(q.subject, q.predicate, q.object, q.graph_name) for q in store.quads())
    normalised.update(
        _QB + "INSERT { GRAPH <urn:qb-normalised> { ?cs qb:componentProperty ?p } } "
        "WHERE { GRAPH ?g { ?cs qb:dimension|qb:measure|qb:attribute ?p } }"
    )
    assert not bool(normalised.query(_QB + INTEGRITY_CONSTRAINTS[name], use_default_graph_as_union=True))

"""The shapes enforce what the ontology promises, end to end: ``antq-kg validate`` on a real store.

The seed article is built into an on-disk Oxigraph store by ``antq-kg build`` (with the ontology and
gazetteer graphs). Each case breaks the store with one SPARQL Update (written through the library's
store, as any SPARQL client could), runs ``antq-kg validate`` and expects exit 1 with the message of
the shape that guards the promise, in the article graph that holds the fault; the update is then
undone. The clean build is accepted (exit 0, its warnings printed), also when it was built twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SH
from typer.testing import CliRunner

from antq_kg.cli import app
from antq_kg.store import open_store
from antq_kg.validate import SHAPE, Shapes

PREFIXES = """
PREFIX antq: <https://w3id.org/antq/ontology#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rank: <https://w3id.org/antq/id/concept/rank/>
PREFIX qq: <https://w3id.org/antq/id/concept/qualifier/>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
"""
Triple = tuple[str, str, str]
CORPUS = "https://w3id.org/antq/id/graph/corpus"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """An on-disk store holding the seed article as ``antq-kg build`` makes it, built twice
    without ``--replace`` (as a user rebuilding after an edit would)."""
    path = tmp_path_factory.mktemp("mutations") / "store"
    for _ in range(2):
        result = CliRunner().invoke(app, ["--store", str(path), "build", str(seed_path)])
        assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def article_graph(store: Path) -> str:
    [(graph,)] = select(store, "SELECT ?g { ?g a antq:ArticleGraph }")
    return graph.strip("<>")


def graphs(store: Path) -> list[str]:
    with open_store(store, read_only=True) as s:
        return s.graphs()


def select(store: Path, query: str) -> list[tuple[str, ...]]:
    """Rows of a SELECT as SPARQL terms (``<iri>``, ``"literal"@vi``…)."""
    with open_store(store, read_only=True) as s:
        return [tuple(str(t) for t in row if t is not None) for row in s.query(PREFIXES + query).rows()]


def one(store: Path, query: str) -> tuple[str, ...]:
    rows = select(store, query)
    assert rows, query
    return rows[0]


@contextmanager
def changed(
    store: Path, graph: str, *, delete: Sequence[Triple] = (), insert: Sequence[Triple] = ()
) -> Iterator[None]:
    """The store with ``delete`` removed from and ``insert`` added to ``graph``, for the block's duration."""

    def data(triples: Sequence[Triple]) -> str:
        return f"GRAPH <{graph}> {{ {' '.join(f'{s} {p} {o} .' for s, p, o in triples)} }}"

    def apply(remove: Sequence[Triple], add: Sequence[Triple]) -> None:
        with open_store(store) as s:
            ops = ([f"DELETE DATA {{ {data(remove)} }}"] if remove else []) + (
                [f"INSERT DATA {{ {data(add)} }}"] if add else []
            )
            s.update(PREFIXES + " ;\n".join(ops))

    apply(delete, insert)
    try:
        yield
    finally:
        apply(insert, delete)


def validate(store: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--store", str(store), "validate", *options])
    return result.exit_code, result.stdout


# -- the broken graphs of the issue ----------------------------------------------------------------


def missing_dimension(store: Path) -> tuple[list[Triple], list[Triple]]:
    obs, scope = one(store, "SELECT ?o ?s { ?o a qb:Observation ; antq:scope ?s } ORDER BY ?o LIMIT 1")
    return [(obs, "antq:scope", scope)], []


def duplicate_observation(store: Path) -> tuple[list[Triple], list[Triple]]:
    """Every statement of one observation again, under another IRI."""
    [obs] = one(store, "SELECT ?o { ?o a qb:Observation } ORDER BY ?o LIMIT 1")
    twin = obs[:-1] + "-twin>"
    rows = select(store, f"SELECT ?p ?v {{ {obs} ?p ?v }}")
    return [], [(twin, p, v) for p, v in rows]


def code_outside_its_list(store: Path) -> tuple[list[Triple], list[Triple]]:
    obs, scope = one(store, "SELECT ?o ?s { ?o a qb:Observation ; antq:scope ?s } ORDER BY ?o LIMIT 1")
    return [(obs, "antq:scope", scope)], [(obs, "antq:scope", "rank:dai-ta")]


def data_set_without_structure(store: Path) -> tuple[list[Triple], list[Triple]]:
    ds, dsd = one(store, "SELECT ?d ?s { ?d a qb:DataSet ; qb:structure ?s }")
    return [(ds, "qb:structure", dsd)], []


def observation_without_data_set(store: Path) -> tuple[list[Triple], list[Triple]]:
    obs, ds = one(store, "SELECT ?o ?d { ?o a qb:Observation ; qb:dataSet ?d } ORDER BY ?o LIMIT 1")
    return [(obs, "qb:dataSet", ds)], []


def structure_without_measure(store: Path) -> tuple[list[Triple], list[Triple]]:
    """The data declares a structure of its own whose only component is a dimension."""
    dsd, component = (
        "<https://w3id.org/antq/id/structure/no-measure>",
        "<https://w3id.org/antq/id/structure/no-measure-area>",
    )
    return [], [
        (dsd, "a", "qb:DataStructureDefinition"),
        (dsd, "qb:component", component),
        (component, "qb:dimension", "antq:refArea"),
    ]


def dimension_without_range(store: Path) -> tuple[list[Triple], list[Triple]]:
    return [], [("antq:madeUpDimension", "a", "qb:DimensionProperty")]


def observation_without_required_attribute(store: Path) -> tuple[list[Triple], list[Triple]]:
    obs, status = one(
        store, "SELECT ?o ?s { ?o a qb:Observation ; sdmx-attribute:obsStatus ?s } ORDER BY ?o LIMIT 1"
    )
    return [(obs, "sdmx-attribute:obsStatus", status)], []


def observation_without_measure(store: Path) -> tuple[list[Triple], list[Triple]]:
    obs, value = one(store, "SELECT ?o ?v { ?o a qb:Observation ; antq:statedValue ?v } ORDER BY ?o LIMIT 1")
    return [(obs, "antq:statedValue", value)], []


def police(store: Path) -> tuple[str, str]:
    org, label = one(
        store,
        'SELECT ?o ?l { ?o a org:Organization ; skos:prefLabel ?l FILTER (STR(?l) = "Công an tỉnh Hưng Yên") }',
    )
    return org, label


def second_vietnamese_pref_label(store: Path) -> tuple[list[Triple], list[Triple]]:
    org, _ = police(store)
    return [], [(org, "skos:prefLabel", '"CA tỉnh Hưng Yên"@vi')]


def organisation_without_its_spelling(store: Path) -> tuple[list[Triple], list[Triple]]:
    """The article states no rdfs:label of an organisation it names (its spelling of the name)."""
    org, label = one(
        store,
        'SELECT ?o ?l { GRAPH ?g { ?o a org:Organization ; <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER (STR(?l) = "Công an tỉnh Hưng Yên") } '
        "?g a antq:ArticleGraph }",
    )
    return [(org, "<http://www.w3.org/2000/01/rdf-schema#label>", label)], []


def organisation_without_a_preferred_label(store: Path) -> tuple[list[Triple], list[Triple]]:
    """The corpus graph has lost the preferred label chosen for an organisation."""
    org, label = police(store)
    return [(org, "skos:prefLabel", label)], []


def alt_label_equal_to_pref_label(store: Path) -> tuple[list[Triple], list[Triple]]:
    org, label = police(store)
    return [], [(org, "skos:altLabel", label)]


def invented_rank(store: Path) -> tuple[list[Triple], list[Triple]]:
    """The data declares a rank of its own into the rank scheme and gives it to a person."""
    person, rank = one(store, "SELECT ?p ?r { ?p a antq:RankStatement ; antq:rank ?r } ORDER BY ?p LIMIT 1")
    invented = "rank:dai-nguyen-soai"
    return [(person, "antq:rank", rank)], [
        (invented, "a", "skos:Concept"),
        (invented, "skos:inScheme", "antq:RankScheme"),
        (invented, "skos:prefLabel", '"Đại nguyên soái"@vi'),
        (person, "antq:rank", invented),
    ]


def valid_from_after_valid_to(store: Path) -> tuple[list[Triple], list[Triple]]:
    [place] = one(store, "SELECT ?p { ?p a schema:AdministrativeArea } ORDER BY ?p LIMIT 1")
    return [], [
        (place, "antq:validFrom", '"2025-07-01"^^xsd:date'),
        (place, "antq:validTo", '"2019-04-30"^^xsd:date'),
    ]


def inclusive_bound_for_more_than(store: Path) -> tuple[list[Triple], list[Triple]]:
    """ "trên 1.000 cán bộ" with the inclusive lower bound 1000: more than 1000 is at least 1001."""
    obs, lower = one(
        store,
        "SELECT ?o ?l { ?o antq:quantityQualifier qq:more-than ; antq:lowerBound ?l } ORDER BY ?o LIMIT 1",
    )
    return [(obs, "antq:lowerBound", lower)], [(obs, "antq:lowerBound", '"1000"^^xsd:decimal')]


def vague_quantity_as_measured(store: Path) -> tuple[list[Triple], list[Triple]]:
    """ "hàng trăm vụ việc" stored as 100 in the measure, an observation a sum over the cube would add."""
    [count] = one(store, "SELECT ?c { ?c antq:quantityQualifier qq:hundreds } ORDER BY ?c LIMIT 1")
    return [], [
        (count, "antq:statedValue", '"100"^^xsd:decimal'),
        (count, "a", "qb:Observation"),
        (count, "qb:dataSet", "<https://w3id.org/antq/id/dataset/counts>"),
    ]


def unit_type_minted_from_text(store: Path) -> tuple[list[Triple], list[Triple]]:
    """A unit type minted from the words ("vụ việc" with a hash, as the builder once did), declared into
    the closed unit-type scheme by the data itself."""
    [count] = one(store, "SELECT ?c { ?c antq:quantityQualifier qq:hundreds } ORDER BY ?c LIMIT 1")
    [unit] = one(store, f"SELECT ?u {{ {count} antq:unitType ?u }}")
    minted = "<https://w3id.org/antq/id/concept/unit-type/vu-viec-3ef228>"
    return [(count, "antq:unitType", unit)], [
        (minted, "a", "skos:Concept"),
        (minted, "skos:inScheme", "antq:UnitTypeScheme"),
        (minted, "skos:altLabel", '"vụ việc"@vi'),
        (count, "antq:unitType", minted),
    ]


def non_integral_count(store: Path) -> tuple[list[Triple], list[Triple]]:
    """An exact count of 12.5 units (value and both bounds agree: only the integrality is broken)."""
    obs, value = one(
        store, "SELECT ?o ?v { ?o antq:quantityQualifier qq:exact ; antq:statedValue ?v } ORDER BY ?o LIMIT 1"
    )
    props = ("antq:statedValue", "antq:lowerBound", "antq:upperBound")
    return [(obs, p, value) for p in props], [(obs, p, '"12.5"^^xsd:decimal') for p in props]


@dataclass(frozen=True)
class Case:
    break_it: Callable[[Path], tuple[list[Triple], list[Triple]]]
    shape: str  # the shape whose message must be reported
    #: the graph broken (``False``: the article graph; ``True``: the corpus graph of preferred labels)
    in_corpus: bool = False
    #: the graphs the report names: the broken graph, the article and the corpus graphs (the two hold
    #: what disagrees), or none (what is missing is in no graph)
    where: str = "broken"  # "broken", "both" or "none"


CASES = {
    "observation without a data set (IC-1)": Case(observation_without_data_set, "IC1"),
    "structure without a measure (IC-3)": Case(structure_without_measure, "IC3"),
    "dimension without a range (IC-4)": Case(dimension_without_range, "IC4"),
    "observation without a required attribute (IC-13)": Case(observation_without_required_attribute, "IC13"),
    "observation without its measure (IC-14)": Case(observation_without_measure, "IC14"),
    "observation missing a dimension (IC-11)": Case(missing_dimension, "IC11"),
    "duplicate observation (IC-12)": Case(duplicate_observation, "IC12"),
    "code outside its list (IC-19)": Case(code_outside_its_list, "IC19"),
    "data set without structure (IC-2)": Case(data_set_without_structure, "IC2"),
    "a second Vietnamese prefLabel (SKOS S14)": Case(
        second_vietnamese_pref_label, "PrefLabelUniqueLang", where="both"
    ),
    "an article stating a preferred label of its own": Case(
        second_vietnamese_pref_label, "OnePreferredLabel", where="both"
    ),
    "an organisation without its spelling in the article": Case(
        organisation_without_its_spelling, "OrganizationLabel"
    ),
    "an organisation without a preferred label": Case(
        organisation_without_a_preferred_label, "OnePreferredLabel", in_corpus=True, where="none"
    ),
    "altLabel = prefLabel (SKOS S13)": Case(alt_label_equal_to_pref_label, "AltLabelNotPrefLabel"),
    "an invented rank declared into the rank scheme by the data": Case(invented_rank, "RankSchemeMembers"),
    "validFrom after validTo": Case(valid_from_after_valid_to, "ValidFrom"),
    "'trên 1.000' with the inclusive bound 1000": Case(
        inclusive_bound_for_more_than, "QualifierMoreThanBounds"
    ),
    "a vague quantity in the measure": Case(vague_quantity_as_measured, "QualifierVagueNoValue"),
    "a unit type minted from text into the closed scheme": Case(
        unit_type_minted_from_text, "UnitTypeSchemeMembers"
    ),
    "a non-integral count": Case(non_integral_count, "CountIntegral"),
}


@pytest.fixture(scope="module")
def rules() -> Shapes:
    return Shapes.load()


def messages(rules: Shapes, shape: str) -> dict[str, str]:
    """The shape's ``sh:message`` by language."""
    found = rules.every.objects(URIRef(SHAPE + shape), SH.message)
    return {m.language: str(m) for m in found if isinstance(m, Literal) and m.language}


def test_the_clean_build_is_accepted(store: Path, article_graph: str) -> None:
    code, out = validate(store)
    assert code == 0, out
    # the seed's date is bounded with low confidence; the text names the area of none of its 18 counts
    assert out.startswith(
        "The graph conforms to the antq-kg shapes (1 graph checked one by one, then their union), with 19 warnings:"
    )
    assert f"Warning in <{article_graph}>: The publication date is only bounded, with low confidence" in out
    assert out.count(f"Warning in <{article_graph}>: The count's area was not stated in the text") == 18


def test_the_clean_build_as_json(store: Path, article_graph: str) -> None:
    code, out = validate(store, "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert (report["conforms"], report["violations"], report["warnings"], report["graphs"]) == (
        True,
        0,
        19,
        [article_graph],
    )
    assert {r["shape"] for r in report["results"]} == {
        SHAPE + "BoundConfidenceLow",
        SHAPE + "CountAreaDefaulted",
    }
    assert all(set(r["message"]) == {"en", "vi"} for r in report["results"])


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_broken_graph_is_rejected_with_its_own_message(
    name: str, store: Path, article_graph: str, rules: Shapes
) -> None:
    case = CASES[name]
    delete, insert = case.break_it(store)
    with changed(store, CORPUS if case.in_corpus else article_graph, delete=delete, insert=insert):
        code, out = validate(store)
    assert code == 1, out
    expected = messages(rules, case.shape)
    where = {
        "broken": f" in <{CORPUS if case.in_corpus else article_graph}>",
        "both": f" in <{article_graph}>, <{CORPUS}>",
        "none": "",
    }[case.where]
    assert f"Violation{where}: {expected['en']}" in out
    assert f"    vi: {expected['vi']}" in out


def test_a_violation_as_json_names_its_shape_graph_and_node(store: Path, article_graph: str) -> None:
    delete, insert = missing_dimension(store)
    with changed(store, article_graph, delete=delete, insert=insert):
        code, out = validate(store, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert (report["conforms"], report["violations"]) == (False, 2)
    found = {r["shape"]: r for r in report["results"] if r["severity"] == "Violation"}
    assert set(found) == {SHAPE + "IC11", SHAPE + "CountScope"}  # the cube's rule and the count's own
    violation, obs = found[SHAPE + "IC11"], delete[0][0]
    assert violation["graphs"] == [article_graph]
    assert violation["value"] == obs.strip("<>")
    assert violation["path"] == "https://w3id.org/antq/ontology#scope"


def test_building_twice_without_replace_leaves_one_run_claiming_the_article(
    store: Path, article_graph: str
) -> None:
    """The second build's run owns the article graph; the first run's record of it is gone (the
    clean build above is this store: it conforms)."""
    runs = select(store, "SELECT ?x ?run { GRAPH ?x { ?g <http://www.w3.org/ns/prov#wasGeneratedBy> ?run } }")
    assert len(runs) == 1
    assert len([g for g in graphs(store) if "/id/graph/run/" in g]) == 2  # both runs are still on record


def test_a_second_run_claiming_an_article_graph_is_reported_in_the_run_graphs(
    store: Path, article_graph: str
) -> None:
    """What a rebuild used to leave behind: two build runs claim one article graph (a cross-graph rule)."""
    run = "<https://w3id.org/antq/id/graph/run/19700101T000000Z-00000000>"
    activity = "<https://w3id.org/antq/id/run/19700101T000000Z-00000000>"
    with open_store(store) as s:
        s.update(
            PREFIXES
            + f"""INSERT DATA {{ GRAPH {run} {{
            {activity} a antq:BuildRun ; antq:toolVersion "0.0.0" ; <http://www.w3.org/ns/prov#startedAtTime> "1970-01-01T00:00:00Z"^^xsd:dateTime .
            <{article_graph}> <http://www.w3.org/ns/prov#wasGeneratedBy> {activity} }} }}"""
        )
    try:
        code, out = validate(store)
    finally:
        with open_store(store) as s:
            s.update(f"DROP GRAPH {run}")
    assert code == 1
    assert (
        f"{run[1:-1]}>" in out
        and "An article graph must be prov:wasGeneratedBy exactly one build run." in out
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_both_engines_report_the_same_for_each_broken_store(
    name: str, store: Path, article_graph: str, rules: Shapes
) -> None:
    """The shapes compiled to SPARQL (the default) and pySHACL graph by graph: the same JSON report,
    but for the words of a nested shape without a ``sh:message`` (pySHACL words one per component)."""
    case = CASES[name]
    delete, insert = case.break_it(store)
    with changed(store, CORPUS if case.in_corpus else article_graph, delete=delete, insert=insert):
        compiled = validate(store, "--format", "json")
        reference = validate(store, "--format", "json", "--engine", "pyshacl")
    assert compiled[0] == reference[0] == 1
    assert worded(json.loads(compiled[1]), rules) == worded(json.loads(reference[1]), rules)


def worded(report: dict[str, Any], rules: Shapes) -> dict[str, Any]:
    """A JSON report without the messages of results from shapes that have no ``sh:message``, and
    without the labels of blank-node shapes (each run reads the shapes afresh: new labels), in order."""
    silent = {str(s) for s in rules.every.subjects() if (s, SH.message, None) not in rules.every}
    quiet = []
    for r in report["results"]:
        blank = r["shape"].startswith("_:")
        unworded = blank or r["shape"] in silent
        quiet.append(
            {
                **{k: v for k, v in r.items() if k != "message" or not unworded},
                "shape": "_:" if blank else r["shape"],
            }
        )
    return {**report, "results": sorted(quiet, key=lambda r: json.dumps(r, sort_keys=True))}

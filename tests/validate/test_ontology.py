"""The ontology: parses, declares every term the builder uses, labels everything in vi + en."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.collection import Collection

from antq_kg.convert import quads_to_graph
from antq_kg.graph import ORG_KINDS, STRUCTURE
from antq_kg.graph.cube import structure_quads
from antq_kg.graph.writer import Writer
from antq_kg.vocab import ANTQ, CONCEPT, LEVEL_DEPTH, QUALIFIER_SLUGS, SCHEMES, TERMS, concept

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "antq.ttl"
LABELS = (ns.RDFS.label, ns.SKOS.prefLabel)
DEFINITIONS = (ns.RDFS.comment, ns.SKOS.definition)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def langs(g: Graph, s: URIRef, props: tuple[URIRef, ...]) -> set[str]:
    return {o.language for p in props for o in g.objects(s, p) if isinstance(o, Literal) and o.language}


def declared(g: Graph) -> set[URIRef]:
    types = (
        ns.OWL.Class,
        ns.OWL.ObjectProperty,
        ns.OWL.DatatypeProperty,
        ns.RDF.Property,
        ns.SKOS.Concept,
        ns.SKOS.ConceptScheme,
        ns.SKOS.Collection,
        ns.SKOS.OrderedCollection,
        ns.QB.DataStructureDefinition,
        ns.QB.ComponentSpecification,
        ns.SDO.Place,
        ns.RDFS.Datatype,
    )
    return {s for t in types for s in g.subjects(ns.RDF.type, t) if isinstance(s, URIRef)}


def test_the_ontology_parses_and_is_an_owl_ontology(onto: Graph) -> None:
    assert (URIRef("https://w3id.org/antq/ontology"), ns.RDF.type, ns.OWL.Ontology) in onto
    assert len(onto) > 1000


@pytest.mark.parametrize("term", TERMS, ids=lambda t: str(t).rsplit("#", 1)[1])
def test_every_term_the_builder_uses_is_declared_with_vi_en_labels_and_a_definition(
    onto: Graph, term: URIRef
) -> None:
    assert term in declared(onto), f"{term} not declared in ontology/antq.ttl"
    assert {"vi", "en"} <= langs(onto, term, LABELS)
    assert {"vi", "en"} <= langs(onto, term, DEFINITIONS)


def test_every_declared_term_and_concept_has_vi_en_labels_and_definitions(onto: Graph) -> None:
    missing = [
        str(s)
        for s in declared(onto)
        if str(s).startswith((str(ANTQ), CONCEPT))
        and not ({"vi", "en"} <= langs(onto, s, LABELS) and {"vi", "en"} <= langs(onto, s, DEFINITIONS))
    ]
    assert missing == []


def test_every_antq_term_used_in_the_ontology_is_declared(onto: Graph) -> None:
    used = {t for triple in onto for t in triple if isinstance(t, URIRef) and str(t).startswith(str(ANTQ))}
    assert used - declared(onto) == set()


def test_every_antq_term_any_module_of_the_package_names_is_declared(onto: Graph) -> None:
    """Not only the builder: the gazetteer RDF, the web layer… (``ANTQ.x`` or ``antq:x`` in the source)."""
    src = Path(__file__).resolve().parents[2] / "src" / "antq_kg"
    names = set()
    for path in src.rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"\bANTQ\.([A-Za-z_][A-Za-z0-9_]*)", code))
        names |= set(re.findall(r"(?<![\w/])antq:([A-Za-z_][A-Za-z0-9_]*)", code))
    assert len(names) > 40
    assert {n for n in names if ANTQ[n] not in declared(onto)} == set()


def test_the_17_ranks_in_order(onto: Graph) -> None:
    head = onto.value(ANTQ.RankOrder, ns.SKOS.memberList)
    ranks = list(Collection(onto, head))
    labels = [next(str(o) for o in onto.objects(r, ns.SKOS.prefLabel) if o.language == "vi") for r in ranks]
    assert labels == [
        "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng",
        "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá",
        "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy",
        "Thượng sĩ", "Trung sĩ", "Hạ sĩ", "Binh nhất", "Binh nhì",
    ]  # fmt: skip
    assert [int(onto.value(r, ANTQ.rankOrder)) for r in ranks] == list(range(1, 18))
    assert all((r, ns.SKOS.inScheme, ANTQ.RankScheme) in onto for r in ranks)
    assert ranks[4] == concept("rank", "dai-ta")


def test_admin_level_concepts_keep_the_slugs_the_gazetteer_uses(onto: Graph) -> None:
    for slug, depth in LEVEL_DEPTH.items():
        iri = concept("admin-level", slug)
        assert (iri, ns.SKOS.inScheme, ANTQ.AdminLevelScheme) in onto, slug
        assert int(onto.value(iri, ANTQ.levelDepth)) == depth
    assert set(LEVEL_DEPTH) == {
        "quoc-gia",
        "tinh", "thanh-pho-tw", "huyen", "quan", "thi-xa", "thanh-pho", "xa", "phuong", "thi-tran",
        "dac-khu", "thon", "xom", "ap", "ban", "buon", "to-dan-pho", "khu-pho", "phum", "soc",
        "bon", "lang", "to", "khoi-pho", "khoi", "khu", "khom", "tieu-khu",
    }  # fmt: skip


def test_every_residential_type_the_gazetteer_knows_has_a_curated_level_of_depth_4(onto: Graph) -> None:
    """ "làng X, xã Y" is a residential unit inside xã Y, never xã Y itself."""
    from antq_kg.gazetteer import RESIDENTIAL_TYPES
    from antq_kg.identity.levels import place_level
    from antq_kg.model import Place

    for word in sorted(RESIDENTIAL_TYPES):
        iri = concept("admin-level", place_level(Place(word, "X")))
        assert int(onto.value(iri, ANTQ.levelDepth)) == 4, word
        assert (ANTQ.ResidentialUnitTypes, ns.SKOS.member, iri) in onto, word


def test_qualifier_concepts_map_the_facts_json_values(onto: Graph) -> None:
    for json_value, slug in QUALIFIER_SLUGS.items():
        iri = concept("qualifier", slug)
        assert (iri, ns.SKOS.inScheme, ANTQ.QuantityQualifierScheme) in onto
        assert str(onto.value(iri, ns.SKOS.notation)) == json_value


def test_org_kinds_the_builder_assigns_are_declared(onto: Graph) -> None:
    for _, slug in ORG_KINDS:
        assert (concept("org-kind", slug), ns.SKOS.inScheme, ANTQ.OrganizationKindScheme) in onto


def test_every_scheme_is_declared(onto: Graph) -> None:
    for scheme in SCHEMES.values():
        assert (scheme, ns.RDF.type, ns.SKOS.ConceptScheme) in onto


def test_the_cube_structure_the_builder_emits_is_the_one_in_the_ontology(onto: Graph) -> None:
    w = Writer("urn:x-test:structure")
    structure_quads(w)
    built = quads_to_graph(w.quads())
    assert set(built) <= set(onto)
    kinds = [kind for _, kind, _ in STRUCTURE]
    # area, period, unit type, criterion, scope, within-unit, source article; the stated value; qualifier,
    # status, period kind, two bounds, denominator, area defaulted
    assert (kinds.count(ns.QB.dimension), kinds.count(ns.QB.measure), kinds.count(ns.QB.attribute)) == (
        7,
        1,
        7,
    )
    assert ANTQ.statementContext not in {
        prop for prop, _, _ in STRUCTURE
    }  # no identifier poses as a dimension
    for prop, kind, _ in STRUCTURE:
        expected = {ns.QB.dimension: ns.QB.DimensionProperty, ns.QB.measure: ns.QB.MeasureProperty,
                    ns.QB.attribute: ns.QB.AttributeProperty}[kind]  # fmt: skip
        assert (prop, ns.RDF.type, expected) in onto


def test_the_ontology_and_shapes_are_package_data_found_by_importlib_resources() -> None:
    """An installed wheel has no top-level ``ontology/``: the folder is the data sub-package ``antq_kg.ontology``."""
    import tomllib
    from importlib import resources

    from antq_kg.validate import DEFAULT_ONTOLOGY, DEFAULT_SHAPES

    root = Path(__file__).resolve().parents[2]
    setuptools = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert setuptools["package-dir"]["antq_kg.ontology"] == "ontology"
    assert "*.ttl" in setuptools["package-data"]["antq_kg.ontology"]
    for name in ("antq.ttl", "shapes.ttl"):
        packaged = resources.files("antq_kg.ontology").joinpath(name)
        assert packaged.read_bytes() == (root / "ontology" / name).read_bytes()
    assert (DEFAULT_ONTOLOGY.name, DEFAULT_SHAPES.name) == ("antq.ttl", "shapes.ttl")
    assert DEFAULT_ONTOLOGY.parent == DEFAULT_SHAPES.parent == Path(str(resources.files("antq_kg.ontology")))

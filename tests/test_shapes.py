"""SHACL shapes: the seed graph conforms; for every shape a broken graph fails with its message.

The broken graphs are small (one short article built inline, so each validation is quick); each case
breaks one thing and expects the shape that guards it to report with its own ``sh:message``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns

from antq_kg.graph import BuildRun, build_graph
from antq_kg.iris import slug
from antq_kg.model import Campaign, Count, Facts, Organization, Person, Place, facts_from_json
from antq_kg.text import Span, read_document
from antq_kg.validate import DEFAULT_SHAPES, ValidationReport, union_graph, validate
from antq_kg.vocab import ANTQ, GAF, NIF, SCHEMA, concept

ROOT = Path(__file__).resolve().parents[1]
SH = ns.SH
SHAPE = "https://w3id.org/antq/shapes#"
RDF, SKOS, ORG, QB, PROV, FOAF = ns.RDF, ns.SKOS, ns.ORG, ns.QB, ns.PROV, ns.FOAF

MINI = (
    "Thượng tá Lê Văn An, Trưởng Công an xã Tân Phú cho biết: thôn Bình An, xã Tân Phú, huyện Cái Bè, "
    "tỉnh Tiền Giang có 12 tổ tự quản, trên 30 tổ hòa giải và hàng trăm hộ tham gia mô hình "
    '"Camera an ninh".\n\nMinh Anh'
)


def sp(surface: str, nth: int = 0) -> Span:
    at = -1
    for _ in range(nth + 1):
        at = MINI.index(surface, at + 1)
    return Span(at, at + len(surface))


def mini_facts() -> Facts:
    tinh = Place("tỉnh", "Tiền Giang", spans=(sp("tỉnh Tiền Giang"),))
    huyen = Place("huyện", "Cái Bè", tinh, spans=(sp("huyện Cái Bè"),))
    xa = Place("xã", "Tân Phú", huyen, spans=(sp("xã Tân Phú", 1),))
    thon = Place("thôn", "Bình An", xa, spans=(sp("thôn Bình An"),))
    return Facts(
        path="mini.txt",
        text=MINI,
        sha256="",
        author="Minh Anh",
        author_spans=(sp("Minh Anh"),),
        persons=(
            Person(
                "Lê Văn An",
                "Thượng tá",
                ("Trưởng",),
                "Công an xã Tân Phú",
                spans=(sp("Lê Văn An"),),
                rank_spans=(sp("Thượng tá"),),
                post_spans=(sp("Trưởng"),),
            ),
        ),
        organizations=(Organization("Công an xã Tân Phú", (sp("Công an xã Tân Phú"),), xa),),
        places=(thon, tinh),
        campaigns=(Campaign("Camera an ninh", "mô hình", thon, (sp("Camera an ninh"),), (sp("mô hình"),)),),
        counts=(
            Count(Decimal(12), "tổ tự quản", "exact", (sp("12 tổ tự quản"),), place=thon),
            Count(Decimal(30), "tổ hòa giải", "at_least", (sp("trên 30 tổ hòa giải"),), place=thon),
            Count(None, "hộ", "hundreds", (sp("hàng trăm hộ"),), place=thon),
        ),
    )


def mini_graph() -> Graph:
    ds = build_graph([mini_facts()], run=BuildRun.new(now=datetime(2025, 1, 1, tzinfo=UTC)))
    return union_graph(ds)


def shapes_with_messages() -> set[str]:
    g = Graph().parse(DEFAULT_SHAPES)
    return {str(s).removeprefix(SHAPE) for s in g.subjects(SH.message, None)}


# -- helpers to break a graph --------------------------------------------------------------------------


def first(g: Graph, cls: URIRef, pred: URIRef | None = None, value: object = None) -> URIRef:
    for s in sorted(g.subjects(RDF.type, cls)):
        if pred is None or (s, pred, value) in g or (value is None and (s, pred, None) in g):
            return s  # type: ignore[return-value]
    raise LookupError(cls)


def drop(cls: URIRef, pred: URIRef) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        g.remove((first(g, cls, pred), pred, None))

    return mutate


def put(
    cls: URIRef, pred: URIRef, value: object, where: tuple[URIRef, object] | None = None
) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        node = first(g, cls, *where) if where else first(g, cls, pred)
        g.set((node, pred, value))  # type: ignore[arg-type]

    return mutate


def phrase(g: Graph) -> URIRef:
    return first(g, NIF.Phrase)


def shift_end(g: Graph) -> None:
    p = phrase(g)
    g.set((p, NIF.endIndex, Literal(len(MINI) + 5, datatype=ns.XSD.nonNegativeInteger)))


def begin_at_end(g: Graph) -> None:
    p = phrase(g)
    g.set((p, NIF.beginIndex, g.value(p, NIF.endIndex)))  # type: ignore[arg-type]


def second_parent(g: Graph) -> None:
    thon = first(g, SCHEMA.AdministrativeArea, ANTQ.adminLevel, concept("admin-level", "thon"))
    tinh = first(g, SCHEMA.AdministrativeArea, ANTQ.adminLevel, concept("admin-level", "tinh"))
    g.add((thon, SCHEMA.containedInPlace, tinh))


def reversed_chain(g: Graph) -> None:
    tinh = first(g, SCHEMA.AdministrativeArea, ANTQ.adminLevel, concept("admin-level", "tinh"))
    xa = first(g, SCHEMA.AdministrativeArea, ANTQ.adminLevel, concept("admin-level", "xa"))
    g.add((tinh, SCHEMA.containedInPlace, xa))


def exact_count(g: Graph) -> URIRef:
    return first(g, QB.Observation, ANTQ.quantityQualifier, concept("qualifier", "exact"))


def bounds_crossed(g: Graph) -> None:
    g.set((exact_count(g), ANTQ.lowerBound, Literal(Decimal(99))))


def exact_not_exact(g: Graph) -> None:
    g.set((exact_count(g), ANTQ.upperBound, Literal(Decimal(13))))


def vague_not_magnitude(g: Graph) -> None:
    node = first(g, QB.Observation, ANTQ.quantityQualifier, concept("qualifier", "hundreds"))
    g.set((node, ANTQ.statedValue, Literal(Decimal(200))))


def minted_unit(g: Graph) -> URIRef:
    return URIRef("https://w3id.org/antq/id/concept/unit-type/" + slug("hộ"))  # no curated unit type is "hộ"


def english_name(g: Graph) -> None:
    p = first(g, FOAF.Person)
    g.set((p, FOAF.name, Literal("Le Van An", lang="en")))


def unlabelled_concept(g: Graph) -> None:
    g.remove((minted_unit(g), SKOS.altLabel, None))


def schemeless_concept(g: Graph) -> None:
    g.remove((minted_unit(g), SKOS.inScheme, None))


def textless_article(g: Graph) -> None:
    g.remove((first(g, NIF.Context), PROV.wasDerivedFrom, None))


def post_elsewhere(g: Graph) -> None:
    """The membership's post is a post of another organisation than the membership's."""
    other = URIRef("https://w3id.org/antq/id/org/other")
    g.add((other, RDF.type, ORG.Organization))
    g.add((other, SKOS.prefLabel, Literal("Công an xã Khác", lang="vi")))
    g.set((first(g, ORG.Post), ORG.postIn, other))


EVENT = URIRef("https://w3id.org/antq/id/change/org/test")


def change_event(*, original: bool = True, resulting: object = None, dated: bool = True) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        org = first(g, ORG.Organization)
        g.add((EVENT, RDF.type, ORG.ChangeEvent))
        if original:
            g.add((EVENT, ORG.originalOrganization, org))
        if resulting is not None:
            g.add((EVENT, ORG.resultingOrganization, resulting(g) if callable(resulting) else resulting))  # type: ignore[arg-type]
        if dated:
            g.add((EVENT, ns.DCTERMS.date, Literal("2025-03-01", datatype=ns.XSD.date)))

    return mutate


def admin_change(*, kind: str = "merge", used: bool = True, generated: int = 1, dates: int = 1) -> Callable[[Graph], None]:
    """An ``antq:AdminChange`` of the mini graph's places, broken as asked."""

    def mutate(g: Graph) -> None:
        change = URIRef("https://w3id.org/antq/id/change/admin/test")
        places = sorted(g.subjects(RDF.type, SCHEMA.AdministrativeArea))
        g.add((change, RDF.type, ANTQ.AdminChange))
        g.add((change, ANTQ.changeType, URIRef(f"https://w3id.org/antq/id/concept/admin-change/{kind}")))
        if used:
            g.add((change, PROV.used, places[0]))
        for place in places[1 : 1 + generated]:
            g.add((change, PROV.generated, place))
        for year in range(2025, 2025 + dates):
            g.add((change, ns.DCTERMS.date, Literal(f"{year}-07-01", datatype=ns.XSD.date)))

    return mutate


def nameless_author(g: Graph) -> None:
    author = next(iter(g.objects(None, SCHEMA.author)))
    g.remove((author, SCHEMA.name, None))


def source_without(pred: URIRef, value: Literal | None = None) -> Callable[[Graph], None]:
    """Add the build's record of the article's file (as ``antq-kg build`` writes it), with ``pred``
    missing or set to ``value``."""

    def mutate(g: Graph) -> None:
        src = URIRef("https://w3id.org/antq/id/source/0123456789abcdef")
        g.add((src, RDF.type, ANTQ.ArticleSource))
        g.add((src, ANTQ.filePath, Literal("/corpus/mini.txt")))
        g.add((src, ANTQ.articleGraph, first(g, ANTQ.ArticleGraph)))
        g.add((src, ANTQ.textSha256, Literal("0" * 64)))
        g.add((src, ANTQ.pipelineVersion, Literal("0.1.0+0123456789ab")))
        g.remove((src, pred, None))
        if value is not None:
            g.add((src, pred, value))

    return mutate


def run_count(pred: URIRef) -> Callable[[Graph], None]:
    return put(ANTQ.BuildRun, pred, Literal(-1), where=(RDF.type, ANTQ.BuildRun))


BROKEN: dict[str, Callable[[Graph], None]] = {
    "ContextText": drop(NIF.Context, NIF.isString),
    "ContextHash": put(NIF.Context, ANTQ.sha256, Literal("not-a-hash")),
    "PhraseContext": lambda g: g.remove((phrase(g), NIF.referenceContext, None)),
    "PhraseBegin": begin_at_end,
    "PhraseEnd": lambda g: g.remove((phrase(g), NIF.endIndex, None)),
    "PhraseAnchor": lambda g: g.remove((phrase(g), NIF.anchorOf, None)),
    "PhraseWithinText": shift_end,
    "PhraseSlice": lambda g: g.set((phrase(g), NIF.anchorOf, Literal("Thượng tá Lê Văn Án"))),
    "FactEvidence": drop(ORG.Membership, GAF.denotedBy),
    "FactSource": drop(QB.Observation, PROV.wasDerivedFrom),
    "PersonName": english_name,
    "PersonNoRank": lambda g: g.add((first(g, FOAF.Person), ANTQ.rank, concept("rank", "dai-ta"))),
    "RankStatementPerson": drop(ANTQ.RankStatement, ANTQ.person),
    "RankStatementRank": put(ANTQ.RankStatement, ANTQ.rank, concept("rank", "dai-nguyen-soai")),
    "RankStatementDate": drop(ANTQ.RankStatement, ANTQ.asOf),
    "AuthorName": nameless_author,
    "PostOrganization": drop(ORG.Post, ORG.postIn),
    "PostHolder": drop(ORG.Post, ORG.heldBy),
    "PostRole": put(ORG.Post, ORG.role, concept("rank", "dai-ta")),
    "MembershipMember": drop(ORG.Membership, ORG.member),
    "MembershipOrganization": drop(ORG.Membership, ORG.organization),
    "MembershipRole": put(ORG.Membership, ORG.role, concept("rank", "dai-ta")),
    "MembershipPost": lambda g: g.set((first(g, ORG.Membership), ANTQ.post, first(g, ORG.Organization))),
    "MembershipDuring": drop(ORG.Membership, ORG.memberDuring),
    "MembershipPostAgrees": post_elsewhere,
    "ChangeOriginal": change_event(original=False),
    "ChangeResulting": change_event(resulting=lambda g: first(g, FOAF.Person)),
    "ChangeDate": change_event(dated=False),
    "AdminChangeType": admin_change(kind="annexation"),
    "AdminChangeUsed": admin_change(used=False),
    "AdminChangeGenerated": admin_change(generated=2),
    "AdminChangeDate": admin_change(dates=2),
    "OrganizationParent": lambda g: g.add((first(g, ORG.Organization), ORG.subOrganizationOf, first(g, FOAF.Person))),
    "OrganizationLabel": drop(ORG.Organization, SKOS.prefLabel),
    "PlaceName": drop(SCHEMA.AdministrativeArea, SCHEMA.name),
    "PlaceLevel": drop(SCHEMA.AdministrativeArea, ANTQ.adminLevel),
    "PlaceParent": second_parent,
    "PlaceParentHigher": reversed_chain,
    "InitiativeLabel": drop(ANTQ.Initiative, SKOS.prefLabel),
    "InitiativeKind": put(ANTQ.Initiative, ANTQ.initiativeKind, concept("qualifier", "exact")),
    "ParticipationInitiative": drop(ANTQ.CampaignParticipation, ANTQ.initiative),
    "ParticipationSite": drop(ANTQ.CampaignParticipation, ANTQ.site),
    "CountQualifier": put(QB.Observation, ANTQ.quantityQualifier, concept("qualifier", "dozens")),
    "CountUnit": drop(QB.Observation, ANTQ.unitType),
    "CountArea": drop(QB.Observation, ANTQ.refArea),
    "ObservationValue": put(QB.Observation, ANTQ.statedValue, Literal(Decimal(-5))),
    "ObservationDataSet": drop(QB.Observation, QB.dataSet),
    "ObservationBounds": bounds_crossed,
    "ObservationExact": exact_not_exact,
    "ObservationVague": vague_not_magnitude,
    "Concept": unlabelled_concept,
    "ConceptScheme": schemeless_concept,
    "ArticleLanguage": drop(SCHEMA.NewsArticle, SCHEMA.inLanguage),
    "ArticleText": textless_article,
    "ArticleGraphRun": drop(ANTQ.ArticleGraph, PROV.wasGeneratedBy),
    "BuildRunVersion": drop(ANTQ.BuildRun, ANTQ.toolVersion),
    "BuildRunTime": put(ANTQ.BuildRun, PROV.startedAtTime, Literal("yesterday")),
    "BuildRunOutcome": put(ANTQ.BuildRun, ANTQ.outcome, Literal("crashed"), where=(RDF.type, ANTQ.BuildRun)),
    "BuildRunEnd": put(ANTQ.BuildRun, PROV.endedAtTime, Literal("tomorrow"), where=(RDF.type, ANTQ.BuildRun)),
    "BuildRunAdded": run_count(ANTQ.articlesAdded),
    "BuildRunReplaced": run_count(ANTQ.articlesReplaced),
    "BuildRunUnchanged": run_count(ANTQ.articlesUnchanged),
    "BuildRunRemoved": run_count(ANTQ.articlesRemoved),
    "BuildRunFailed": run_count(ANTQ.articlesFailed),
    "ArticleSourcePath": source_without(ANTQ.filePath),
    "ArticleSourceGraph": source_without(ANTQ.articleGraph),
    "ArticleSourceText": source_without(ANTQ.textSha256, Literal("not-a-hash")),
    "ArticleSourceSidecar": source_without(ANTQ.sidecarSha256, Literal("not-a-hash")),
    "ArticleSourcePipeline": source_without(ANTQ.pipelineVersion),
}


@pytest.fixture(scope="module")
def shapes_graph() -> Graph:
    return Graph().parse(DEFAULT_SHAPES)


@pytest.fixture(scope="module")
def ontology_graph() -> Graph:
    return Graph().parse(ROOT / "ontology" / "antq.ttl")


def test_every_shape_with_a_message_has_a_broken_graph_case() -> None:
    assert shapes_with_messages() == set(BROKEN)


def test_the_seed_graph_conforms() -> None:
    doc = read_document(ROOT / "data" / "articles" / "hung-yen-antq.txt")
    facts = facts_from_json(
        json.loads((ROOT / "tests" / "data" / "seed_facts.json").read_text(encoding="utf-8")),
        text=doc.text,
        path=doc.path,
    )
    report = validate(build_graph([facts]))
    assert report.conforms, report.text()
    assert report.text() == "The graph conforms to the antq-kg shapes."


def test_the_mini_graph_conforms(shapes_graph: Graph, ontology_graph: Graph) -> None:
    report = validate(mini_graph(), shapes=shapes_graph, ontology=ontology_graph)
    assert report.conforms, report.text()


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_graph_fails_with_the_shape_message(
    name: str, shapes_graph: Graph, ontology_graph: Graph
) -> None:
    g = mini_graph()
    before = set(g)
    BROKEN[name](g)
    assert set(g) != before, "the case must break something"
    report = validate(g, shapes=shapes_graph, ontology=ontology_graph)
    assert not report.conforms
    shape = f"shape:{name}"
    assert shape in report.shapes(), report.text()
    message = str(shapes_graph.value(URIRef(SHAPE + name), SH.message))
    assert message in {r.message for r in report.results if r.shape == shape}
    assert message in report.text()


def test_pyshacl_reads_a_dataset_as_the_union_of_its_named_graphs(shapes_graph: Graph) -> None:
    """What pyshacl 0.40.1 does with a Dataset: one union, not per graph.

    A person typed in one named graph and named in another conforms; typed in one graph and named
    in English in another fails once. validate() takes the union explicitly (plus the ontology).
    """
    import pyshacl

    person = URIRef("https://w3id.org/antq/id/person/x/a")

    def split(name: Literal) -> Dataset:
        ds = Dataset()
        ds.graph(URIRef("urn:g:1")).add((person, RDF.type, FOAF.Person))
        ds.graph(URIRef("urn:g:2")).add((person, FOAF.name, name))
        return ds

    conforms, _, text = pyshacl.validate(split(Literal("An", lang="vi")), shacl_graph=shapes_graph)
    assert conforms is True
    conforms, _, text = pyshacl.validate(split(Literal("An", lang="en")), shacl_graph=shapes_graph)
    assert conforms is False
    assert text.count("Constraint Violation") == 1
    assert validate(split(Literal("An", lang="vi")), shapes=shapes_graph).conforms
    report = validate(split(Literal("An", lang="en")), shapes=shapes_graph)
    assert report.shapes() == {"shape:PersonName"}


def test_report_text_is_plain_words(shapes_graph: Graph, ontology_graph: Graph) -> None:
    g = mini_graph()
    drop(FOAF.Person, FOAF.name)(g)
    report: ValidationReport = validate(g, shapes=shapes_graph, ontology=ontology_graph)
    lines = report.text().splitlines()
    assert lines[0] == "The graph does not conform: 1 result."
    assert lines[1].startswith("Violation: A person must have a foaf:name, tagged @vi. (")
    assert lines[1].endswith("foaf:name; shape:PersonName)")


def test_a_residential_unit_may_sit_in_another_but_not_above_its_commune(
    shapes_graph: Graph, ontology_graph: Graph
) -> None:
    """Dev article: "phum Tà Miệt, ấp Phước Thạnh, xã Ô Lâm" — a phum inside an ấp is legitimate."""
    g = mini_graph()
    thon = first(g, SCHEMA.AdministrativeArea, ANTQ.adminLevel, concept("admin-level", "thon"))
    phum = URIRef("https://w3id.org/antq/id/place/x/phum-ta-miet")
    g.add((phum, RDF.type, SCHEMA.AdministrativeArea))
    g.add((phum, SCHEMA.name, Literal("Tà Miệt", lang="vi")))
    g.add((phum, ANTQ.adminLevel, concept("admin-level", "phum")))
    g.add((phum, SCHEMA.containedInPlace, thon))
    assert validate(g, shapes=shapes_graph, ontology=ontology_graph).conforms
    xa = first(g, SCHEMA.AdministrativeArea, ANTQ.adminLevel, concept("admin-level", "xa"))
    g.remove((xa, SCHEMA.containedInPlace, None))
    g.add((xa, SCHEMA.containedInPlace, phum))
    report = validate(g, shapes=shapes_graph, ontology=ontology_graph)
    assert report.shapes() == {"shape:PlaceParentHigher"}

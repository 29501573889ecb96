"""Vocabulary: the namespaces and ontology terms the graph builder emits.

Every ``ANTQ.*`` term used here is declared in ``ontology/antq.ttl`` with Vietnamese and English
labels and a definition (``tests/validate/test_ontology.py`` checks it). The reused vocabularies and why
each is used are in ``docs/VOCABULARY.md`` §1:

- W3C ORG (https://www.w3.org/TR/vocab-org/) for organisations, posts, memberships;
- FOAF and schema.org (https, as rdflib binds it) for persons, places and the news article;
- PROV-O for derivation and the build run; NIF 2.1 core for character-offset evidence;
- RDF Data Cube (https://www.w3.org/TR/vocab-data-cube/) and SDMX for counts;
- SKOS for the concept schemes; DCTERMS and OWL-Time.

IRIs. The ontology lives at ``https://w3id.org/antq/ontology#`` and the concept schemes at
``https://w3id.org/antq/id/concept/{scheme}/{slug}``: both are the published vocabulary and do not
move with the configurable data base IRI (``DEFAULT_BASE_IRI``, used for articles, entities and
facts, see :mod:`antq_kg.iris`).
"""

from __future__ import annotations

from typing import Final

from rdflib import Namespace, URIRef

from .identity.levels import CENTRAL_CITIES as CENTRAL_CITIES
from .identity.levels import LEVEL_DEPTH as LEVEL_DEPTH
from .identity.rules import ANTQ_MOVEMENT_SLUG as ANTQ_MOVEMENT_SLUG
from .iris import DEFAULT_BASE_IRI as DEFAULT_BASE_IRI
from .prefixes import PREFIXES as PREFIXES  # the one prefix table (re-exported), bound on every graph written

#: The project ontology namespace (prefix ``antq:``).
ANTQ: Final = Namespace(PREFIXES["antq"])
#: Root of the SKOS concept schemes: ``{CONCEPT}{scheme}/{slug}``.
CONCEPT: Final = "https://w3id.org/antq/id/concept/"

NIF: Final = Namespace(PREFIXES["nif"])
GAF: Final = Namespace(PREFIXES["gaf"])
OA: Final = Namespace(PREFIXES["oa"])
#: schema.org (https, as rdflib binds it); an open namespace (rdflib's ``SDO`` warns on unknown names).
SCHEMA: Final = Namespace(PREFIXES["schema"])
SDMX_DIMENSION: Final = Namespace(PREFIXES["sdmx-dimension"])
SDMX_ATTRIBUTE: Final = Namespace(PREFIXES["sdmx-attribute"])
SDMX_CODE: Final = Namespace(PREFIXES["sdmx-code"])
#: Wikidata items (``wd:Q881`` is Viet Nam).
WD: Final = Namespace(PREFIXES["wd"])

# -- concept schemes ------------------------------------------------------------------------------

#: Scheme slugs (``{CONCEPT}{slug}/…``) and the ``antq:`` ConceptScheme each belongs to.
SCHEMES: Final[dict[str, URIRef]] = {
    "rank": ANTQ.RankScheme,
    "post": ANTQ.PostScheme,
    "unit-type": ANTQ.UnitTypeScheme,
    "admin-level": ANTQ.AdminLevelScheme,
    "initiative-kind": ANTQ.InitiativeKindScheme,
    "qualifier": ANTQ.QuantityQualifierScheme,
    "criterion": ANTQ.CriterionScheme,
    "scope": ANTQ.ScopeScheme,
    "period": ANTQ.PeriodScheme,
    "org-kind": ANTQ.OrganizationKindScheme,
    "abbreviation": ANTQ.AbbreviationScheme,
    "admin-change": ANTQ.AdminChangeTypeScheme,
}


def concept(scheme: str, slug: str) -> URIRef:
    """The IRI of concept ``slug`` in ``scheme``.

    >>> concept("admin-level", "xa")
    rdflib.term.URIRef('https://w3id.org/antq/id/concept/admin-level/xa')
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown concept scheme {scheme!r}")
    return URIRef(f"{CONCEPT}{scheme}/{slug}")


#: ``qualifier`` values of the facts JSON (FACTS.md) → concept slug in the qualifier scheme.
QUALIFIER_SLUGS: Final[dict[str, str]] = {
    "exact": "exact",
    "at_least": "at-least",
    "at_most": "at-most",
    "approximately": "approximately",
    "tens": "tens",
    "hundreds": "hundreds",
    "thousands": "thousands",
    "many": "many",
}

#: The magnitude a vague qualifier stands for and its inclusive bounds (docs/VOCABULARY.md §2, "Counts"); a vague
#: quantity has no stated value (IC-14: it is no observation), only these bounds.
VAGUE_MAGNITUDES: Final[dict[str, tuple[int, int, int]]] = {
    "tens": (10, 10, 99),
    "hundreds": (100, 100, 999),
    "thousands": (1000, 1000, 9999),
}

#: Default values of the cube dimensions when a count does not state them (IC-11).
ANY_CRITERION: Final = ANTQ.anyCriterion
WHOLE_AREA: Final = ANTQ.wholeArea
PERIOD_NOT_STATED: Final = ANTQ.periodNotStated
NOT_NESTED: Final = ANTQ.notNested
AREA_NOT_STATED: Final = ANTQ.areaNotStated

#: The Data Cube structure of the counts (one data set for the corpus, see :mod:`antq_kg.graph.cube`).
COUNT_STRUCTURE: Final = ANTQ.CountStructure
#: The SDMX components the structure reuses (declared in ``ontology/antq.ttl`` as SDMX-RDF does).
REF_PERIOD: Final = SDMX_DIMENSION.refPeriod
OBS_STATUS: Final = SDMX_ATTRIBUTE.obsStatus

#: Every ontology term of ``antq:`` the builder may emit (checked against ``ontology/antq.ttl``).
TERMS: Final[tuple[URIRef, ...]] = (
    # classes
    ANTQ.Initiative,
    ANTQ.Count,
    ANTQ.VagueCount,
    ANTQ.CampaignParticipation,
    ANTQ.ArticleGraph,
    ANTQ.BuildRun,
    ANTQ.AbbreviationUse,
    ANTQ.RankStatement,
    # properties
    ANTQ.rank,
    ANTQ.person,
    ANTQ.asOf,
    ANTQ.post,
    ANTQ.unitType,
    ANTQ.refArea,
    ANTQ.statedValue,
    ANTQ.quantityQualifier,
    ANTQ.lowerBound,
    ANTQ.upperBound,
    ANTQ.denominator,
    ANTQ.criterion,
    ANTQ.scope,
    ANTQ.period,
    ANTQ.withinUnit,
    ANTQ.unitPhrase,
    ANTQ.criterionPhrase,
    ANTQ.scopePhrase,
    ANTQ.periodPhrase,
    ANTQ.adminLevel,
    ANTQ.levelDepth,
    ANTQ.former,
    ANTQ.initiativeKind,
    ANTQ.initiative,
    ANTQ.site,
    ANTQ.sha256,
    ANTQ.normalization,
    ANTQ.sourcePath,
    ANTQ.toolVersion,
    ANTQ.honorific,
    ANTQ.identityKey,
    ANTQ.identityBasis,
    ANTQ.sourceArticle,
    ANTQ.areaDefaulted,
    ANTQ.note,
    ANTQ.abbreviation,
    ANTQ.expansion,
    ANTQ.definedInText,
    ANTQ.publicationInstant,
    ANTQ.boundEvidence,
    ANTQ.boundReason,
    ANTQ.boundConfidence,
    # individuals and schemes
    COUNT_STRUCTURE,
    ANY_CRITERION,
    WHOLE_AREA,
    PERIOD_NOT_STATED,
    NOT_NESTED,
    AREA_NOT_STATED,
    *SCHEMES.values(),
)

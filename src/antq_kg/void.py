"""The VoID description of the store (W3C Interest Group Note "Describing Linked Datasets with the VoID
Vocabulary", https://www.w3.org/TR/void/), computed from the store itself.

One ``void:Dataset`` for the whole store, ``{base}id/dataset``, with

- statistics (§4.5): ``void:triples`` (quads of all graphs), ``void:entities`` (distinct IRI
  subjects), ``void:classes``, ``void:properties``, ``void:distinctSubjects``, ``void:distinctObjects``;
- each named graph as a ``void:subset`` (its graph IRI, with ``sd:name`` and ``void:triples``);
- linksets (§3): to Wikidata (``skos:exactMatch`` to ``wd:`` items, from ``data/links``) and to the
  GSO administrative codes (``skos:notation`` typed ``antq:gsoCode``), each a ``void:Linkset`` with
  ``void:linkPredicate``, ``void:subjectsTarget``, ``void:objectsTarget`` and ``void:triples``;
- ``dcterms:license``, ``void:sparqlEndpoint`` and ``void:dataDump`` when given,
  ``void:vocabulary`` for the vocabularies the graph uses, ``void:uriSpace`` for its data IRIs.

:func:`void_turtle` is what ``/.well-known/void`` serves and ``antq-kg export --void`` writes.
"""

from __future__ import annotations

from collections.abc import Sequence

from .store import Store

#: The licence of the data unless the caller names another: the project's own (pyproject: MIT).
DEFAULT_LICENSE = "https://spdx.org/licenses/MIT"
#: The Wikidata dataset, as linksets name it.
WIKIDATA = "http://www.wikidata.org/"
#: The official list of Viet Nam's administrative units and their codes (GSO, now NSO).
GSO_LIST = "https://danhmuchanhchinh.nso.gov.vn/"

_VOCABULARIES = (
    "https://w3id.org/antq/ontology#",
    "http://www.w3.org/ns/org#",
    "http://xmlns.com/foaf/0.1/",
    "https://schema.org/",
    "http://www.w3.org/ns/prov#",
    "http://purl.org/linked-data/cube#",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://purl.org/dc/terms/",
)

_STATS = """SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects)
  (COUNT(DISTINCT ?p) AS ?properties) (COUNT(DISTINCT IF(isIRI(?s), ?s, ?none)) AS ?entities)
{ GRAPH ?g { ?s ?p ?o } }"""
_CLASSES = "SELECT (COUNT(DISTINCT ?c) AS ?n) { GRAPH ?g { ?s a ?c } }"
_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
_WIKIDATA_LINKS = """SELECT (COUNT(*) AS ?n) { GRAPH ?g {
  ?s <http://www.w3.org/2004/02/skos/core#exactMatch> ?o FILTER(STRSTARTS(STR(?o), "http://www.wikidata.org/entity/")) } }"""
_GSO_LINKS = """SELECT (COUNT(*) AS ?n) { GRAPH ?g {
  ?s <http://www.w3.org/2004/02/skos/core#notation> ?o FILTER(DATATYPE(?o) = <https://w3id.org/antq/ontology#gsoCode>) } }"""


def _int(term: object) -> int:
    return int(str(getattr(term, "value", 0) or 0))


def _number(store: Store, query: str) -> int:
    rows = store.query(query).rows()
    return _int(rows[0][0]) if rows else 0


def _iri(value: str) -> str:
    return "<" + value.replace(">", "%3E") + ">"


def void_turtle(
    store: Store,
    *,
    base_iri: str,
    sparql_endpoint: str | None = None,
    data_dumps: Sequence[str] = (),
    license: str = DEFAULT_LICENSE,
    title: str = "antq-kg: the ANTQ movement in Vietnamese news",
) -> str:
    """The VoID description of ``store`` as Turtle.

    >>> from antq_kg.store import open_store
    >>> mem = open_store(None)
    >>> mem.update('INSERT DATA { GRAPH <http://e/g> { <http://e/a> a <http://e/C> ; '
    ...            '<http://www.w3.org/2004/02/skos/core#exactMatch> <http://www.wikidata.org/entity/Q1> } }')
    >>> text = void_turtle(mem, base_iri="https://w3id.org/antq/")
    >>> "void:triples 2" in text and "void:classes 1" in text and "void:subset <http://e/g>" in text
    True
    """
    dataset = _iri(f"{base_iri.rstrip('/')}/id/dataset")
    subjects, objects, properties, entities = (_int(t) for t in store.query(_STATS).rows()[0])
    graphs = [
        (str(getattr(row[0], "value", "")), _int(row[1]))
        for row in store.query(_GRAPHS).rows()
        if row[0] is not None
    ]
    lines = [
        "@prefix void: <http://rdfs.org/ns/void#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "",
        f"{dataset} a void:Dataset ;",
        f'  dcterms:title "{title}"@en ;',
        f"  dcterms:license {_iri(license)} ;",
        f'  void:uriSpace "{base_iri.rstrip("/")}/id/" ;',
        f"  void:triples {len(store)} ;",
        f"  void:entities {entities} ;",
        f"  void:classes {_number(store, _CLASSES)} ;",
        f"  void:properties {properties} ;",
        f"  void:distinctSubjects {subjects} ;",
        f"  void:distinctObjects {objects} ;",
        *(f"  void:vocabulary {_iri(v)} ;" for v in _VOCABULARIES),
        *(f"  void:sparqlEndpoint {_iri(sparql_endpoint)} ;" for _ in [sparql_endpoint] if sparql_endpoint),
        *(f"  void:dataDump {_iri(d)} ;" for d in data_dumps),
        *(f"  void:subset {_iri(g)} ;" for g, _ in graphs),
        f"  void:subset {dataset[:-1]}/wikidata-links>, {dataset[:-1]}/gso-codes> .",
        "",
    ]
    for g, n in graphs:
        lines.append(f"{_iri(g)} a void:Dataset ; sd:name {_iri(g)} ; void:triples {n} .")
    lines += [
        "",
        f"{dataset[:-1]}/wikidata-links> a void:Linkset ;",
        "  void:linkPredicate skos:exactMatch ;",
        f"  void:subjectsTarget {dataset} ;",
        f"  void:objectsTarget {_iri(WIKIDATA)} ;",
        f"  void:triples {_number(store, _WIKIDATA_LINKS)} .",
        f'{_iri(WIKIDATA)} a void:Dataset ; dcterms:title "Wikidata"@en ;',
        '  void:sparqlEndpoint <https://query.wikidata.org/sparql> ; void:uriSpace "http://www.wikidata.org/entity/" .',
        "",
        f"{dataset[:-1]}/gso-codes> a void:Linkset ;",
        "  void:linkPredicate skos:notation ;",
        f"  void:subjectsTarget {dataset} ;",
        f"  void:objectsTarget {_iri(GSO_LIST)} ;",
        f"  void:triples {_number(store, _GSO_LINKS)} .",
        f'{_iri(GSO_LIST)} a void:Dataset ; dcterms:title "Danh mục hành chính Việt Nam (GSO / NSO codes)"@vi .',
    ]
    return "\n".join(lines) + "\n"


__all__ = ["DEFAULT_LICENSE", "GSO_LIST", "WIKIDATA", "void_turtle"]

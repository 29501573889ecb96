"""The one prefix table of antq-kg: every namespace the project writes, and the prefix it goes by.

Turtle and TriG exports write these as prefixed names (:func:`antq_kg.store.serialize_quads`),
rdflib graphs bind them (:mod:`antq_kg.vocab` builds its namespaces from this table), and SPARQL
text the library writes opens with :func:`sparql_prologue`. Plain strings, no rdflib: the store
and the CLI import this without loading rdflib.

Why each vocabulary is reused is in ``docs/VOCABULARY.md``.

>>> PREFIXES["antq"]
'https://w3id.org/antq/ontology#'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

#: Prefix → namespace IRI. The ontology's namespace does not move with the configurable base IRI.
PREFIXES: Final[dict[str, str]] = {
    "antq": "https://w3id.org/antq/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "gaf": "http://groundedannotationframework.org/gaf#",
    "oa": "http://www.w3.org/ns/oa#",
    "qb": "http://purl.org/linked-data/cube#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "sdmx-code": "http://purl.org/linked-data/sdmx/2009/code#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "time": "http://www.w3.org/2006/time#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
}


def sparql_prologue(prefixes: Mapping[str, str] = PREFIXES) -> str:
    """``PREFIX`` declarations for SPARQL text, one per line.

    >>> print(sparql_prologue({"antq": PREFIXES["antq"]}), end="")
    PREFIX antq: <https://w3id.org/antq/ontology#>
    """
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items())

"""The ontology is published as a versioned vocabulary: version IRI, prior version, licence, creator,
dates, preferred prefix and namespace, and a changelog entry for each version it names."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = URIRef("https://w3id.org/antq/ontology")
VANN = ns.Namespace("http://purl.org/vocab/vann/")
OWL, DCTERMS, FOAF = ns.OWL, ns.DCTERMS, ns.FOAF
#: The project's licence (pyproject.toml: license = "MIT") as an SPDX IRI.
MIT = URIRef("https://spdx.org/licenses/MIT")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ROOT / "ontology" / "antq.ttl", format="turtle")


def one(g: Graph, p: URIRef) -> object:
    values = list(g.objects(ONTOLOGY, p))
    assert len(values) == 1, (p, values)
    return values[0]


def test_the_version_iri_names_the_version(onto: Graph) -> None:
    version = str(one(onto, OWL.versionInfo))
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert one(onto, OWL.versionIRI) == URIRef(f"{ONTOLOGY}/{version}")


def test_the_prior_version_is_an_earlier_release(onto: Graph) -> None:
    prior = str(one(onto, OWL.priorVersion))
    assert prior.startswith(f"{ONTOLOGY}/")
    older = tuple(int(x) for x in prior.rsplit("/", 1)[1].split("."))
    assert older < tuple(int(x) for x in str(one(onto, OWL.versionInfo)).split("."))


def test_licence_and_creator(onto: Graph) -> None:
    import tomllib

    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"] == "MIT"
    assert one(onto, DCTERMS.license) == MIT
    creator = one(onto, DCTERMS.creator)
    assert isinstance(creator, URIRef)
    assert {n.language for n in onto.objects(creator, FOAF.name) if isinstance(n, Literal)} == {"vi", "en"}


def test_created_before_modified(onto: Graph) -> None:
    created, modified = one(onto, DCTERMS.created), one(onto, DCTERMS.modified)
    assert isinstance(created, Literal) and isinstance(modified, Literal)
    assert created.datatype == modified.datatype == ns.XSD.date
    assert isinstance(created.value, date) and isinstance(modified.value, date)
    assert created.value <= modified.value


def test_preferred_prefix_and_namespace_are_the_ones_the_file_uses(onto: Graph) -> None:
    assert str(one(onto, VANN.preferredNamespacePrefix)) == "antq"
    uri = str(one(onto, VANN.preferredNamespaceUri))
    assert dict(onto.namespaces())["antq"] == URIRef(uri)
    assert uri == f"{ONTOLOGY}#"


def test_the_changelog_has_an_entry_for_this_version_and_the_prior_one(onto: Graph) -> None:
    changelog = (ROOT / "ontology" / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[(\d+\.\d+\.\d+)\] — (\d{4}-\d{2}-\d{2})$", changelog, flags=re.M)
    versions = [v for v, _ in headings]
    assert versions[0] == str(one(onto, OWL.versionInfo))
    assert str(one(onto, OWL.priorVersion)).rsplit("/", 1)[1] in versions[1:]
    assert dict(headings)[versions[0]] == str(one(onto, DCTERMS.modified))


def test_the_shapes_name_the_ontology_version_they_check(onto: Graph) -> None:
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    header = URIRef("https://w3id.org/antq/shapes")
    assert shapes.value(header, OWL.versionInfo) == one(onto, OWL.versionInfo)
    assert (header, ns.RDFS.seeAlso, one(onto, OWL.versionIRI)) in shapes
    assert shapes.value(header, DCTERMS.license) == MIT

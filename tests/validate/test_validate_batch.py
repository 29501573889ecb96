"""The compiled checks of one target run as one query: each solution goes back to its own check, so two
constraints failing on one node are two results, each with its own shape and message, and a node that
fails one constraint of the batch gets that result only — as pySHACL reports them.
"""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Dataset, Graph, URIRef

from antq_kg.validate import Shapes, validate
from antq_kg.validate.checks import Batch, batched
from antq_kg.validate.report import ValidationReport

EX = "https://example.org/"
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix ex: <https://example.org/> .

ex:Person a sh:NodeShape ; sh:targetClass foaf:Person ;
    sh:property ex:Name, ex:Age, ex:Nick .
ex:Name sh:path foaf:name ; sh:datatype xsd:string ; sh:maxCount 1 ; sh:message "A name is one plain string."@en .
ex:Age sh:path foaf:age ; sh:minInclusive 0 ; sh:minCount 1 ; sh:message "An age is given, not negative."@en .
ex:Nick sh:path foaf:nick ; sh:maxLength 3 ; sh:severity sh:Warning ; sh:message "A nick is short."@en .
"""
DATA = """
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix ex: <https://example.org/> .

ex:both a foaf:Person ; foaf:name "Lan"@vi ; foaf:age -1 .
ex:age a foaf:Person ; foaf:name "Minh" ; foaf:age -2 .
ex:fine a foaf:Person ; foaf:name "Hoa" ; foaf:age 30 ; foaf:nick "Hoa" .
ex:counts a foaf:Person ; foaf:name "An", "Ân" ; foaf:nick "Anh Ân" .
"""


@pytest.fixture(scope="module")
def rules() -> Shapes:
    return Shapes.load(Graph().parse(data=SHAPES, format="turtle"))


def failures(report: ValidationReport) -> set[tuple[str, str, str, str | None]]:
    return {
        (r.focus_node.removeprefix(EX), r.shape.removeprefix(EX), r.message, r.value) for r in report.results
    }


def test_the_checks_of_one_target_are_batched_by_kind(rules: Shapes) -> None:
    checks, _ = rules.compiled
    batches = [u for u in batched(checks) if isinstance(u, Batch)]
    kinds = {b.kind: sorted((c.shape.removeprefix(EX), c.component) for c in b.checks) for b in batches}
    assert kinds == {
        "rows": [("Age", "minInclusive"), ("Name", "datatype"), ("Nick", "maxLength")],
        "counts": [("Age", "minCount"), ("Name", "maxCount")],
    }


def test_a_check_on_a_path_of_any_length_stays_alone() -> None:
    """Read on its own, ``foaf:knows*`` would miss the zero-length step from a focus node the graph lacks."""
    rules = Shapes.load(
        Graph().parse(
            data=SHAPES
            + "ex:Person sh:property ex:Known . ex:Known sh:path [ sh:zeroOrMorePath foaf:knows ] ; "
            "sh:nodeKind sh:IRI ; sh:maxCount 9 .",
            format="turtle",
        )
    )
    known = [c for c in rules.compiled[0] if c.shape == f"{EX}Known"]
    assert {c.component for c in known} == {"nodeKind", "maxCount"}
    assert all(c.where is None and c.tally is None for c in known)
    assert not any(isinstance(u, Batch) and set(u.checks) & set(known) for u in batched(rules.compiled[0]))


def test_two_constraints_failing_on_one_node_are_two_results_with_their_own_shape_and_message(
    rules: Shapes,
) -> None:
    data = Graph().parse(data=DATA, format="turtle")
    report = validate(data, shapes=rules)
    reference = validate(data, shapes=rules, engine="pyshacl")  # a single graph's results in its own order
    assert Counter(report.results) == Counter(reference.results)
    found = failures(report)
    name, age, nick = "A name is one plain string.", "An age is given, not negative.", "A nick is short."
    assert {f for f in found if f[0] == "both"} == {
        ("both", "Name", name, '"Lan"@vi'),
        ("both", "Age", age, '"-1"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    }
    assert {f for f in found if f[0] == "age"} == {
        ("age", "Age", age, '"-2"^^<http://www.w3.org/2001/XMLSchema#integer>')
    }
    assert {f for f in found if f[0] == "counts"} == {
        ("counts", "Name", name, None),  # two names: sh:maxCount 1
        ("counts", "Age", age, None),  # no age: sh:minCount 1
        ("counts", "Nick", nick, '"Anh Ân"'),
    }
    assert not any(f[0] == "fine" for f in found)
    warning = next(r for r in report.results if r.shape == f"{EX}Nick")
    assert warning.severity == "Warning" and warning.path == "http://xmlns.com/foaf/0.1/nick"


def test_a_batch_judges_each_graph_of_a_store_on_its_own(rules: Shapes) -> None:
    """The same person in two graphs: each graph's results name it, and only what fails there."""
    ds = Dataset()
    first, second = URIRef(f"{EX}graph/first"), URIRef(f"{EX}graph/second")
    ds.graph(first).parse(data=DATA, format="turtle")
    ds.graph(second).parse(
        data='@prefix foaf: <http://xmlns.com/foaf/0.1/> . <https://example.org/both> a foaf:Person ; foaf:age 5 ; foaf:name "Lan" .',
        format="turtle",
    )
    report = validate(ds, shapes=rules)
    assert report == validate(ds, shapes=rules, engine="pyshacl")
    in_second = {(r.shape.removeprefix(EX), r.graphs) for r in report.results if r.graphs == (str(second),)}
    assert in_second == set()
    in_first = {r.shape.removeprefix(EX) for r in report.results if r.focus_node == f"{EX}both"}
    assert in_first == {"Name", "Age"}


def test_the_details_of_a_failing_sh_node_are_reported_and_only_then_looked_for() -> None:
    """The nested shape's results on a value node failing ``sh:node`` are reported as pySHACL reports
    them; where no value node fails, the checks that look for them are not run and nothing is lost."""
    rules = Shapes.load(
        Graph().parse(
            data=SHAPES
            + """
ex:Person sh:property ex:Friend .
ex:Friend sh:path foaf:knows ; sh:node ex:Named ; sh:message "A friend is named."@en .
ex:Named sh:property ex:NamedName .
ex:NamedName sh:path foaf:name ; sh:minCount 1 ; sh:message "A name is given."@en .
""",
            format="turtle",
        )
    )
    checks, _ = rules.compiled
    (node,) = [c for c in checks if c.shape == f"{EX}Friend"]
    (detail,) = [c for c in checks if c.shape == f"{EX}NamedName"]
    assert node.name and detail.needs == (node.name,)
    clean = Graph().parse(data=DATA + "ex:fine foaf:knows ex:age .", format="turtle")
    assert not {f for f in failures(validate(clean, shapes=rules)) if f[1] in ("Friend", "NamedName")}
    broken = Graph().parse(data=DATA + "ex:fine foaf:knows ex:nameless .", format="turtle")
    report = validate(broken, shapes=rules)
    assert Counter(report.results) == Counter(validate(broken, shapes=rules, engine="pyshacl").results)
    assert {f[:3] for f in failures(report) if f[1] in ("Friend", "NamedName")} == {
        ("fine", "Friend", "A friend is named."),
        ("nameless", "NamedName", "A name is given."),
    }

"""Data Cube IC-12 on every built graph (https://www.w3.org/TR/vocab-data-cube/#ic-12): two counts
of one article that agree on every dimension stay two observations.

Development articles 02 and 12 (``tests/data/dev``) state such pairs: "3 tập thể" and "24
tập thể" (praised by different bodies, a note the cube does not model) and "19 vụ" and "3 vụ".
They are extracted here from their text, as ``make serve`` builds them.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from antq_kg.gazetteer import Gazetteer
from antq_kg.graph import add_ontology, build_graph
from antq_kg.model import Count, Facts
from antq_kg.text import Span
from antq_kg.vocab import ANTQ, NIF, SOLE_STATEMENT
from test_graph import _QB, INTEGRITY_CONSTRAINTS

DEV = Path(__file__).resolve().parent / "data" / "dev" / "articles"
IC12 = INTEGRITY_CONSTRAINTS["IC-12 no duplicate observations"]


def cube_store(ds: Dataset) -> ox.Store:
    """``ds`` with the ontology in a pyoxigraph store, QB-normalised as in ``test_graph``."""
    add_ontology(ds)
    store = ox.Store()
    store.load(ds.serialize(format="nquads").encode(), format=ox.RdfFormat.N_QUADS)
    store.update(
        _QB + "INSERT { GRAPH <urn:qb-normalised> { ?cs qb:componentProperty ?p } } "
        "WHERE { GRAPH ?g { ?cs qb:dimension|qb:measure|qb:attribute ?p } }"
    )
    return store


def violated(store: ox.Store, name: str) -> bool:
    return bool(store.query(_QB + INTEGRITY_CONSTRAINTS[name], use_default_graph_as_union=True))


def two_counts(text: str, *counts: Count) -> Facts:
    return Facts(path="t.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), counts=counts)


def test_two_counts_that_differ_only_by_their_value_are_told_apart_by_their_phrase() -> None:
    text = "Bộ Công an tặng 3 tập thể; UBND tỉnh tặng 24 tập thể."
    facts = two_counts(
        text,
        Count(Decimal(3), "tập thể", spans=(Span(16, 25),), note="Bộ Công an tặng"),
        Count(Decimal(24), "tập thể", spans=(Span(41, 51),)),
    )
    ds = build_graph([facts])
    store = cube_store(ds)
    assert not violated(store, "IC-12 no duplicate observations")
    assert not violated(store, "IC-11 all dimensions required")
    contexts = {str(o) for _, _, o, _ in ds.quads((None, ANTQ.statementContext, None, None))}
    assert {c.rsplit("#", 1)[1] for c in contexts} == {"char=16,25", "char=41,51"}
    notes = [str(o) for _, _, o, _ in ds.quads((None, ANTQ.note, None, None))]
    assert notes == ["Bộ Công an tặng"]


def test_a_count_alone_in_its_dimensions_gets_the_sole_statement_value() -> None:
    text = "Có 3 tập thể và 4 cá nhân."
    facts = two_counts(
        text,
        Count(Decimal(3), "tập thể", spans=(Span(3, 12),)),
        Count(Decimal(4), "cá nhân", spans=(Span(16, 25),)),
    )
    ds = build_graph([facts])
    assert {o for _, _, o, _ in ds.quads((None, ANTQ.statementContext, None, None))} == {SOLE_STATEMENT}


def test_two_counts_sharing_their_phrase_are_numbered_instead() -> None:
    text = "3 vụ và 3 vụ"
    facts = two_counts(
        text, Count(Decimal(3), "vụ", spans=(Span(0, 4),)), Count(Decimal(19), "vụ", spans=(Span(0, 4),))
    )
    ds = build_graph([facts])
    contexts = sorted(
        str(o).rsplit("#", 1)[1] for _, _, o, _ in ds.quads((None, ANTQ.statementContext, None, None))
    )
    assert contexts == ["count-1", "count-2"]
    assert not violated(cube_store(ds), "IC-12 no duplicate observations")


@pytest.mark.parametrize(
    ("name", "pair"), [("02.txt", {"3 tập thể", "24 tập thể"}), ("12.txt", {"19 vụ", "3 vụ"})]
)
def test_ic12_holds_on_dev_articles_with_look_alike_counts(name: str, pair: set[str]) -> None:
    from antq_kg.mentions import extract
    from antq_kg.text import read_document

    gazetteer = Gazetteer.load()
    facts = extract(read_document(DEV / name), gazetteer=gazetteer)
    ds = build_graph([facts], gazetteer=gazetteer)
    store = cube_store(ds)
    for ic in ("IC-1 unique data set", "IC-11 all dimensions required", "IC-12 no duplicate observations"):
        assert not violated(store, ic), ic
    separated = {
        o for _, _, o, _ in ds.quads((None, ANTQ.statementContext, None, None)) if o != SOLE_STATEMENT
    }
    quotes = {str(q) for phrase in separated for _, _, q, _ in ds.quads((phrase, NIF.anchorOf, None, None))}
    assert pair <= quotes, "each look-alike count is told apart by the phrase stating it"

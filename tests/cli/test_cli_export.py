"""``antq-kg export --annotations``: the evidence of the article graphs as W3C Web Annotations
(https://www.w3.org/TR/annotation-model/, TextPositionSelector + TextQuoteSelector), written from
the store built from the seed article's text."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF
from typer.testing import CliRunner

from antq_kg.cli import app
from antq_kg.formats import by_name
from antq_kg.store import open_store
from antq_kg.text import read_document
from antq_kg.vocab import OA


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """A store built by ``antq-kg build`` from the seed article (with the reference graphs)."""
    store = tmp_path_factory.mktemp("annotations") / "store"
    result = CliRunner().invoke(app, ["--store", str(store), "build", str(seed_path)])
    assert result.exit_code == 0, result.stderr
    return store


def export(store: Path, out: Path, *extra: str) -> rdflib.Graph:
    result = CliRunner().invoke(
        app, ["--store", str(store), "export", "-o", str(out), "--annotations", *extra]
    )
    assert result.exit_code == 0, result.stderr
    g = rdflib.Graph()
    g.parse(out, format=rdflib.util.guess_format(str(out)) or "nt")
    return g


def one(g: rdflib.Graph, s: rdflib.term.Node, p: rdflib.URIRef) -> rdflib.term.Node:
    [value] = list(g.objects(s, p))
    return value


def test_every_exact_quote_is_the_article_text_at_its_start_and_end(
    seed_store: Path, seed_path: Path, tmp_path: Path
) -> None:
    text = read_document(seed_path).text
    g = export(seed_store, tmp_path / "annotations.ttl")
    annotations = set(g.subjects(RDF.type, OA.Annotation))
    assert len(annotations) >= 30  # the seed names dozens of persons, places, initiatives and counts
    checked = 0
    for anno in annotations:
        assert one(g, anno, OA.motivatedBy) == OA.identifying
        target = one(g, anno, OA.hasTarget)
        selectors = set(g.objects(target, OA.hasSelector))
        [position] = [s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g]
        [quote] = [s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g]
        start, end = int(one(g, position, OA.start)), int(one(g, position, OA.end))  # type: ignore[call-overload]
        exact = str(one(g, quote, OA.exact))
        assert 0 <= start < end <= len(text)
        assert exact == text[start:end]
        prefix = g.value(quote, OA.prefix)
        assert prefix is None or text[:start].endswith(str(prefix))
        suffix = g.value(quote, OA.suffix)
        assert suffix is None or text[end:].startswith(str(suffix))
        checked += 1
    assert checked == len(annotations)
    assert len({one(g, one(g, a, OA.hasTarget), OA.hasSource) for a in annotations}) == 1  # one article


def test_the_file_holds_the_annotation_view_not_the_whole_store(seed_store: Path, tmp_path: Path) -> None:
    g = export(seed_store, tmp_path / "annotations.nt")
    assert {p for p in g.predicates() if p != RDF.type} <= set(
        map(
            rdflib.URIRef,
            (
                OA.hasBody,
                OA.hasTarget,
                OA.motivatedBy,
                OA.hasSource,
                OA.hasSelector,
                OA.start,
                OA.end,
                OA.exact,
                OA.prefix,
                OA.suffix,
            ),
        )
    )
    with open_store(seed_store, read_only=True) as store:
        everything = len(store)
        for body in set(g.objects(None, OA.hasBody)):  # each body is a node of the built graph
            assert store.query(f"ASK {{ GRAPH ?g {{ <{body}> ?p ?o }} }}").boolean, body
    assert len(g) < everything


def test_the_format_follows_the_extension_or_format_option(seed_store: Path, tmp_path: Path) -> None:
    def triples(out: Path, *extra: str) -> set[str]:
        result = CliRunner().invoke(
            app, ["--store", str(seed_store), "export", "-o", str(out), "--annotations", *extra]
        )
        assert result.exit_code == 0, result.stderr
        with open_store(None) as mem:
            mem.load_file(out, by_name(extra[-1]) if extra else None)
            return {str(q.triple) for q in mem}  # the view has no blank nodes: plain set equality

    turtle = triples(tmp_path / "a.ttl")
    assert len(turtle) > 100
    assert triples(tmp_path / "a.jsonld") == turtle
    assert triples(tmp_path / "a.data", "--format", "ntriples") == turtle
    assert "@prefix oa: <http://www.w3.org/ns/oa#>" in (tmp_path / "a.ttl").read_text(encoding="utf-8")


def test_an_empty_store_gives_an_empty_view(tmp_path: Path) -> None:
    store = tmp_path / "store"
    open_store(store).close()
    out = tmp_path / "a.nt"
    result = CliRunner().invoke(app, ["--store", str(store), "export", "-o", str(out), "--annotations"])
    assert result.exit_code == 0
    assert result.stderr == f"Wrote 0 annotation(s), 0 triples as ntriples → {out}\n"
    assert out.read_bytes() == b""

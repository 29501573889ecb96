"""Data Cube IC-12 over one cube for a whole corpus: prints figures, asserts nothing.

The development corpus and the seed article (plus any folders given) are built into an in-memory store;
the union of the article graphs and the ontology is what ``antq_kg.validate.validate_store`` gives its
cross-graph shapes. To see how the check grows with the corpus, the cube is also scaled ``--scale`` times:
each extra copy repeats every observation as if stated by another article (a new observation IRI and a
new ``antq:sourceArticle``, every other dimension value kept), so the copies are distinct observations
that share all dimensions but one — the hardest case for a duplicate check. On each cube, the project's
IC-12 constraint (``ontology/shapes.ttl``: observations grouped by a signature of their dimension values,
then compared within a group) and the pairwise form of the Data Cube specification (every pair of
observations of a data set, dimension by dimension) run as plain SPARQL on Oxigraph, bound to the one data
set ``id/dataset/counts`` as pySHACL binds ``$this``. Printed: observations, seconds per query (best of
``--repeat``) and the duplicate pairs each found; the pairwise form is skipped beyond ``--pairwise-max``
observations.

Run: ``.venv/bin/python bench/bench_cube.py [FOLDER…] [--scale 1 4 16] [--repeat 3] [--pairwise-max 1000]``
(``make bench``).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "hung-yen-antq.txt"
DATASET = "<https://w3id.org/antq/id/dataset/counts>"

#: The pairwise IC-12 (the shape before the corpus-wide cube): each pair of observations, reported once.
PAIRWISE = """
SELECT DISTINCT $this ?value WHERE {
    ?value qb:dataSet $this .
    ?other qb:dataSet $this .
    FILTER (STR(?value) < STR(?other))
    FILTER NOT EXISTS {
        $this qb:structure/qb:component/(qb:dimension|qb:componentProperty) ?dim .
        ?dim a qb:DimensionProperty .
        ?value ?dim ?v .
        FILTER NOT EXISTS { ?other ?dim ?v }
    }
    FILTER NOT EXISTS {
        $this qb:structure/qb:component/(qb:dimension|qb:componentProperty) ?dim .
        ?dim a qb:DimensionProperty .
        ?other ?dim ?v .
        FILTER NOT EXISTS { ?value ?dim ?v }
    }
}"""
PREFIXES = "PREFIX qb: <http://purl.org/linked-data/cube#>\n"


def ic12_text() -> str:
    """The SELECT of ``shape:IC12`` in ``ontology/shapes.ttl``."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import SH

    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    return str(shapes.value(URIRef("https://w3id.org/antq/shapes#IC12"), SH.select))


def scaled(union: ox.Store, copies: int) -> ox.Store:
    """``union`` with every observation of the cube repeated ``copies - 1`` times, each copy as if
    stated by another article (see the module docstring)."""
    source = ox.NamedNode("https://w3id.org/antq/ontology#sourceArticle")
    rows = union.query(PREFIXES + f"SELECT ?o ?p ?v {{ ?o qb:dataSet {DATASET} ; ?p ?v }}")
    triples = [(r[0], r[1], r[2]) for r in rows]
    out = ox.Store()
    out.extend(ox.Quad(q.subject, q.predicate, q.object) for q in union)
    for k in range(1, copies):
        out.extend(
            ox.Quad(
                ox.NamedNode(f"{o.value}-copy{k}"),
                p,
                ox.NamedNode(f"{v.value}-copy{k}") if p == source and isinstance(v, ox.NamedNode) else v,
            )
            for o, p, v in triples
        )
    return out


def timed(store: ox.Store, sparql: str, repeat: int) -> tuple[float, int]:
    """Best wall-clock seconds of ``repeat`` runs and the rows found."""
    this = {ox.Variable("this"): ox.NamedNode(DATASET.strip("<>"))}  # as pySHACL binds $this
    times, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = len(list(store.query(PREFIXES + sparql, substitutions=this)))
        times.append(time.perf_counter() - start)
    return min(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="more articles to build")
    parser.add_argument(
        "--scale", type=int, nargs="+", default=[1, 4, 16], help="copies of the cube to check"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pairwise-max", type=int, default=1000)
    args = parser.parse_args()

    from antq_kg.gazetteer import Gazetteer
    from antq_kg.graph import ontology_quads
    from antq_kg.pipeline import build
    from antq_kg.store import open_store

    with open_store(None) as store:
        result = build(
            [ROOT / "tests" / "data" / "dev" / "articles", SEED, *args.folders],
            gazetteer=Gazetteer.load(),
            store=store,
        )
        union = ox.Store()
        articles = [
            g
            for g in store.graphs()
            if "/id/graph/" in g and "/graph/run/" not in g and not g.endswith(("/gazetteer", "/links"))
        ]
        union.extend(ox.Quad(q.subject, q.predicate, q.object) for g in articles for q in store.quads(g))
        union.extend(ox.Quad(q.subject, q.predicate, q.object) for q in ontology_quads())
    print(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (figures are noisy when busy); "
        f"{len(result.articles)} articles built, {len(union):,} triples in their union"
    )
    grouped = ic12_text()
    for copies in args.scale:
        cube = scaled(union, copies)
        [(n,)] = [
            (int(r[0].value),)
            for r in cube.query(PREFIXES + f"SELECT (COUNT(*) AS ?n) {{ ?o qb:dataSet {DATASET} }}")
        ]
        seconds, found = timed(cube, grouped, args.repeat)
        line = f"x{copies}: {n} observations; IC-12 grouped (shapes.ttl) {seconds:.3f} s, {found} duplicate pairs"
        if n <= args.pairwise_max:
            seconds, found = timed(cube, PAIRWISE, args.repeat)
            line += f"; pairwise (QB spec) {seconds:.3f} s, {found} duplicate pairs"
        else:
            line += f"; pairwise (QB spec) skipped (> --pairwise-max {args.pairwise_max})"
        print(line + f" (best of {args.repeat})")


if __name__ == "__main__":
    main()

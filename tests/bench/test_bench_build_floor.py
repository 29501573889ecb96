"""The store's floor in ``bench/bench_build.py``: what the build wrote, dumped and bulk-loaded into a fresh store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import bench_build  # noqa: E402  (bench/ is not a package)


def built_store(tmp_path: Path) -> Path:
    """A store written by ``antq-kg build`` of two articles (two commits: two generations)."""
    store = tmp_path / "store"
    for article in ("hung-yen-antq.txt", "hai-duong-2024-10-15.txt"):
        subprocess.run(
            [
                *bench_build.harness.antq(),
                "--store",
                str(store),
                "build",
                "--quiet",
                str(ROOT / "data" / "articles" / article),
            ],
            check=True,
            capture_output=True,
        )
    return store


def without_blank_nodes(quads: set[ox.Quad]) -> set[ox.Quad]:
    return {
        q for q in quads if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
    }


def test_the_floor_loads_exactly_what_the_build_committed(tmp_path: Path) -> None:
    store = built_store(tmp_path)
    generation = bench_build.generation(store)
    assert generation.parent == store / "gens"
    assert generation.name == (store / "HEAD").read_text(encoding="ascii").strip()

    quads = bench_build.dump(store, tmp_path / "build.nq")
    subprocess.run(
        [sys.executable, "-c", bench_build.BULK_LOAD, str(tmp_path / "build.nq"), str(tmp_path / "floor")],
        check=True,
    )

    built = set(ox.Store.read_only(str(generation)))
    loaded = set(ox.Store.read_only(str(tmp_path / "floor")))
    assert quads == len(built) == len(loaded) > 1000
    # the loader names the ontology's blank nodes afresh; every other quad is the same
    assert without_blank_nodes(loaded) == without_blank_nodes(built)
    assert len(without_blank_nodes(built)) > 0.9 * len(built)


def test_a_store_without_generations_is_its_own_folder(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    ox.Store(str(plain)).add(
        ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o"))
    )
    assert bench_build.generation(plain) == plain
    assert bench_build.dump(plain, tmp_path / "plain.nq") == 1
    assert (tmp_path / "plain.nq").read_text(encoding="utf-8").count("\n") == 1

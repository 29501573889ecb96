"""Build, store and validation benchmark (what ``make serve`` pays): prints figures, asserts nothing.

1. the gazetteer graph (~200k quads) built as pyoxigraph quads and bulk-loaded into a fresh
   on-disk store (target < 5 s);
2. ``antq_kg.pipeline.build`` of the seed article, then of the seed and the 14 development
   articles, each into a fresh on-disk store (reference graphs included, as ``antq-kg build``);
3. ``antq-kg validate`` on those two stores, split into reading the store into rdflib
   (``antq_kg.export.to_rdflib``) and the SHACL run (``antq_kg.validate.validate``).

Run: ``.venv/bin/python bench/bench_store.py [--shared ../shared]`` (``make bench``). Wall clock
and CPU time of this process and its threads (RocksDB writes in background threads) are printed:
on a shared machine the wall clock moves with the load.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


@contextmanager
def timed(label: str, note: Callable[[], str] = lambda: "") -> Iterator[None]:
    wall, cpu = time.perf_counter(), _cpu()
    yield
    print(f"{label:<44}: {time.perf_counter() - wall:6.2f} s wall, {_cpu() - cpu:6.2f} s CPU  {note()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()

    from antq_kg.export import to_rdflib
    from antq_kg.gazetteer import Gazetteer
    from antq_kg.gazetteer_rdf import gazetteer_quads
    from antq_kg.pipeline import build, reference_graph_names
    from antq_kg.store import open_store
    from antq_kg.validate import validate

    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    with timed("gazetteer load (CSV)"):
        gaz = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        with timed("gazetteer quads (no store)"):
            gazetteer_quads(gaz)
        loaded = [0]
        with timed("gazetteer quads into a fresh store", lambda: f"({loaded[0]:,} quads, on disk)"):
            store = open_store(Path(tmp) / "gaz")
            loaded[0] = store.add_quads(gazetteer_quads(gaz), bulk=True)
            store.close()

        seed = [ROOT / "data" / "articles"]
        dev = args.shared / "corpus" / "dev" / "articles"
        corpora = [("seed", seed)] + ([("seed + 14 dev articles", [*seed, dev])] if dev.is_dir() else [])
        for name, paths in corpora:
            directory = Path(tmp) / name.replace(" ", "")
            with open_store(directory) as store:
                with timed(f"build {name} (fresh store)"):
                    result = build(paths, gazetteer=gaz, store=store)
                print(f"{'':44}  {len(store):,} quads in the store, {result.quads:,} from the articles")
                assert result.ok, result.errors
            with open_store(directory, read_only=True) as store:
                with timed(f"validate {name}: store -> rdflib"):
                    ds = to_rdflib(store, exclude=reference_graph_names())
                with timed(f"validate {name}: SHACL"):
                    report = validate(ds)
                print(f"{'':44}  {len(ds):,} quads validated, conforms: {report.conforms}")


if __name__ == "__main__":
    main()

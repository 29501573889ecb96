"""Build, store and validation benchmark (what ``make serve`` pays): prints figures, asserts nothing.

1. the gazetteer graph (~200k quads) built as pyoxigraph quads and bulk-loaded into a fresh
   on-disk store (target < 5 s);
2. ``antq_kg.pipeline.build`` of the seed article, then of the seed and the 14 development
   articles, each into a fresh on-disk store (reference graphs included, as ``antq-kg build``);
3. ``antq-kg validate`` on those two stores, split into reading the store into rdflib
   (``antq_kg.export.to_rdflib``) and the SHACL run (``antq_kg.validate.validate``);
4. build throughput: the development corpus repeated ``--copies`` times into a fresh store with
   ``jobs=1`` (CPU per article split into extraction, graph builder (straight to quads), store write)
   and ``jobs=2`` (the workers extract and build the graphs, the parent writes).

Run: ``.venv/bin/python bench/bench_store.py [--dev tests/data/dev/articles]`` (``make bench``). Wall clock
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
    parser.add_argument(
        "--dev",
        type=Path,
        default=ROOT / "tests" / "data" / "dev" / "articles",
        help="folder of development articles (default: the repository's 14)",
    )
    parser.add_argument("--copies", type=int, default=10, help="dev corpus copies for the build throughput")
    args = parser.parse_args()

    from antq_kg.export import to_rdflib
    from antq_kg.gazetteer import Gazetteer
    from antq_kg.gazetteer_rdf import gazetteer_quads
    from antq_kg.pipeline import build
    from antq_kg.reference import reference_graph_names
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

        seed = [ROOT / "data" / "articles" / "hung-yen-antq.txt"]
        dev = args.dev
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
    if dev.is_dir() and args.copies:
        build_throughput(dev, args.copies)


def build_throughput(dev: Path, copies: int) -> None:
    """Figures 4: the dev corpus ``copies`` times, built with one and with two processes."""
    import shutil

    import antq_kg.graph
    import antq_kg.pipeline
    import antq_kg.store
    from antq_kg.gazetteer import Gazetteer
    from antq_kg.pipeline import build
    from antq_kg.store import open_store

    gaz = Gazetteer.load()
    build([ROOT / "data" / "articles"], gazetteer=gaz)  # warm the stages' caches
    spent: dict[str, float] = {}

    def clocked(name: str, fn: Callable[..., object]) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            t = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - t

        return wrapper

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i in range(copies):
            for f in sorted(dev.glob("*.txt")):
                shutil.copyfile(f, corpus / f"{i:03d}-{f.name}")
        for jobs in (1, 2):
            patches = (
                [
                    (antq_kg.pipeline.workers, "extract_article", "extract"),
                    (antq_kg.graph, "article_quads", "graph → quads"),
                ]
                if jobs == 1
                else []
            )
            originals = [getattr(module, attr) for module, attr, _ in patches]
            for (module, attr, name), original in zip(patches, originals, strict=True):
                setattr(module, attr, clocked(name, original))
            store = open_store(Path(tmp) / f"store{jobs}")
            if jobs == 1:  # the build writes through its session (antq_kg.store.StoreWriter)
                patches.append((antq_kg.store.StoreWriter, "replace_graphs", "store write"))
                originals.append(antq_kg.store.StoreWriter.replace_graphs)
                antq_kg.store.StoreWriter.replace_graphs = clocked(  # type: ignore[method-assign]
                    "store write", antq_kg.store.StoreWriter.replace_graphs
                )
            r = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall, cpu, child = time.perf_counter(), _cpu(), r.ru_utime + r.ru_stime
            result = build([corpus], gazetteer=gaz, store=store, reference=False, jobs=jobs)
            wall, cpu = time.perf_counter() - wall, _cpu() - cpu
            r = resource.getrusage(resource.RUSAGE_CHILDREN)
            child = r.ru_utime + r.ru_stime - child
            store.close()
            for (module, attr, _), original in zip(patches, originals, strict=True):
                setattr(module, attr, original)
            n = len(result.articles)
            print(
                f"{f'build {n} dev articles, jobs={jobs}':<44}: {wall:6.2f} s wall = {n / wall:5.1f} articles/s; "
                f"CPU per article {1000 * cpu / n:.1f} ms here"
                + (
                    f", {1000 * child / n:.1f} ms in workers; on 2 idle cores ~{n / max(cpu, child / 2):.0f} articles/s"
                    if child
                    else ""
                )
            )
            if spent:
                print(f"{'':44}  " + ", ".join(f"{k} {1000 * v / n:.1f} ms" for k, v in spent.items()))
                spent.clear()


if __name__ == "__main__":
    main()

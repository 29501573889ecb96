"""Load benchmark: ``antq-kg load`` against pyoxigraph's own bulk loader and rdflib, same file, one run.

A deterministic 1M-triple N-Triples file (IRIs, Vietnamese language-tagged literals, integers,
blank nodes; ``--triples`` to change the size) is loaded

1. by the library path of ``antq-kg load`` (``EmbeddedStore.load_file``: a full syntax pass with
   Oxigraph's parser, then ``bulk_load`` into a new generation, committed) into a fresh on-disk
   store, and by the command itself (``antq-kg load``, process start included);
2. by pyoxigraph's own ``Store.bulk_load`` into a fresh on-disk store (the floor: the target is
   within 1.3× of it);
3. by rdflib's N-Triples parser into an in-memory ``Graph`` (what a Python RDF tool pays);

and, for gzip input, 1. again on the gzip-compressed file. The fast loads run ``--repeat`` times
interleaved, best time kept (the machine is shared). Prints figures and ratios; asserts nothing.

Run: ``.venv/bin/python bench/bench_load.py [--triples N] [--repeat N] [--no-rdflib]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Minh Dũng", "Hoàng Thu Hà")


def generate(path: Path, triples: int) -> None:
    """``triples`` N-Triples lines, the same bytes for the same count (five per subject)."""
    base = "https://w3id.org/antq/id/bench"
    with path.open("w", encoding="utf-8") as f:
        for i in range(triples // 5):
            s = f"<{base}/person/{i}>"
            f.write(
                f"{s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Person> .\n"
                f'{s} <http://xmlns.com/foaf/0.1/name> "{NAMES[i % 5]} {i}"@vi .\n'
                f"{s} <http://www.w3.org/ns/org#memberOf> <{base}/org/{i % 997}> .\n"
                f'{s} <https://w3id.org/antq/ontology#statedValue> "{i * 7 % 1000}"'
                "^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                f"{s} <https://w3id.org/antq/ontology#note> _:n{i % 5000} .\n"
            )


def best(runs: list[float]) -> float:
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib's parse (the slowest)")
    args = parser.parse_args()

    import pyoxigraph as ox

    from antq_kg.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "data.nt"
        t = time.perf_counter()
        generate(data, args.triples)
        zipped = root / "data.nt.gz"
        with data.open("rb") as src, gzip.open(zipped, "wb", compresslevel=6) as dst:
            shutil.copyfileobj(src, dst)
        print(
            f"{args.triples} triples, {data.stat().st_size / 2**20:.0f} MiB N-Triples "
            f"({zipped.stat().st_size / 2**20:.0f} MiB gzip), written in {time.perf_counter() - t:.1f} s"
        )
        counter = iter(range(10**6))

        def fresh() -> Path:
            return root / f"store-{next(counter)}"

        def ours(path: Path = data) -> float:
            target = fresh()
            t0 = time.perf_counter()
            with open_store(target) as store:
                n = store.load_file(path)
            elapsed = time.perf_counter() - t0
            assert n == args.triples, n
            shutil.rmtree(target)
            return elapsed

        def theirs() -> float:
            target = fresh()
            t0 = time.perf_counter()
            store = ox.Store(str(target))
            store.bulk_load(path=data, format=ox.RdfFormat.N_TRIPLES)
            store.flush()
            elapsed = time.perf_counter() - t0
            assert len(store) == args.triples
            del store
            shutil.rmtree(target)
            return elapsed

        def command() -> float:
            target = fresh()
            exe = Path(sys.executable).with_name("antq-kg")
            t0 = time.perf_counter()
            subprocess.run(
                [str(exe), "--store", str(target), "load", str(data)], check=True, capture_output=True
            )
            elapsed = time.perf_counter() - t0
            shutil.rmtree(target)
            return elapsed

        def syntax_pass() -> float:
            t0 = time.perf_counter()
            for _ in ox.parse(path=data, format=ox.RdfFormat.N_TRIPLES):
                pass
            return time.perf_counter() - t0

        timings: dict[str, list[float]] = {}
        runs: list[tuple[str, Callable[[], float]]] = [
            ("pyoxigraph Store.bulk_load (on disk)", theirs),
            ("antq-kg load, library path (on disk)", ours),
            ("antq-kg load, the command (on disk)", command),
            ("antq-kg load of the .gz, library path", lambda: ours(zipped)),
            ("  of which: Oxigraph's parser alone", syntax_pass),
        ]
        for _ in range(args.repeat):
            for label, fn in runs:
                timings.setdefault(label, []).append(fn())
        floor = best(timings["pyoxigraph Store.bulk_load (on disk)"])
        for label, times in timings.items():
            secs = best(times)
            print(
                f"{label:<40}: {secs:6.2f} s  {args.triples / secs / 1000:6.0f}k triples/s  "
                f"{secs / floor:4.2f}× bulk_load"
            )
        if not args.no_rdflib:
            import rdflib

            t0 = time.perf_counter()
            g = rdflib.Graph()
            g.parse(data, format="nt")
            secs = time.perf_counter() - t0
            assert len(g) == args.triples
            del g
            lib = best(timings["antq-kg load, library path (on disk)"])
            print(
                f"{'rdflib Graph.parse (in memory)':<40}: {secs:6.2f} s  {args.triples / secs / 1000:6.0f}k triples/s  "
                f"{secs / floor:4.2f}× bulk_load; antq-kg load is {secs / lib:.1f}× faster"
            )


if __name__ == "__main__":
    main()

"""Incremental build benchmark: a re-build over an unchanged corpus against extraction alone, one run.

The development corpus (``tests/data/dev/articles``, 14 articles) is copied ``--copies`` times (560
articles by default) and

1. extracted alone (``antq_kg.pipeline.iter_facts``, one process: the floor of any build);
2. built into a fresh on-disk store (``antq_kg.pipeline.build``, reference graphs left out);
3. built again, unchanged: every article is skipped after hashing its text and sidecar (target
   ≤ 0.3× of 1.);
4. the same two as commands (``antq-kg extract`` and ``antq-kg build`` over the unchanged corpus,
   process start and the gazetteer included).

Prints figures and ratios; asserts nothing. Run: ``.venv/bin/python bench/bench_incremental.py
[--copies 40]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    args = parser.parse_args()

    from antq_kg.gazetteer import Gazetteer
    from antq_kg.pipeline import build, iter_facts
    from antq_kg.store import open_store

    sources = sorted((ROOT / "tests" / "data" / "dev" / "articles").glob("*.txt"))
    gaz = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i in range(args.copies):
            for f in sources:
                shutil.copyfile(f, corpus / f"{i:03d}-{f.name}")
        n = len(sources) * args.copies
        list(iter_facts([sources[0]], gazetteer=gaz))  # warm the stages' caches

        t = time.perf_counter()
        facts = sum(1 for _ in iter_facts([corpus], gazetteer=gaz))
        extract = time.perf_counter() - t
        assert facts == n
        print(
            f"{f'extract {n} articles (library, 1 process)':<48}: {extract:6.2f} s  {n / extract:6.1f} articles/s"
        )

        store = open_store(Path(tmp) / "store")
        t = time.perf_counter()
        first = build([corpus], gazetteer=gaz, store=store, reference=False)
        built = time.perf_counter() - t
        assert first.counts["added"] == n, first.counts
        print(f"{'first build (library, 1 process)':<48}: {built:6.2f} s  {built / extract:5.2f}× extraction")
        t = time.perf_counter()
        again = build([corpus], gazetteer=gaz, store=store, reference=False)
        unchanged = time.perf_counter() - t
        assert again.counts["unchanged"] == n, again.counts
        store.close()
        print(
            f"{'unchanged re-build (library)':<48}: {unchanged:6.2f} s  {unchanged / extract:5.2f}× extraction "
            "(target ≤ 0.3×)"
        )

        exe = str(Path(sys.executable).with_name("antq-kg"))
        t = time.perf_counter()
        subprocess.run([exe, "extract", str(corpus)], check=True, capture_output=True)
        extract_cmd = time.perf_counter() - t
        t = time.perf_counter()
        done = subprocess.run(
            [exe, "--store", str(Path(tmp) / "store"), "build", "--no-reference", "--quiet", str(corpus)],
            check=True,
            capture_output=True,
            text=True,
        )
        rebuild_cmd = time.perf_counter() - t
        assert f" {n} unchanged," in done.stderr, done.stderr
        print(f"{'antq-kg extract (command)':<48}: {extract_cmd:6.2f} s")
        print(
            f"{'antq-kg build, unchanged corpus (command)':<48}: {rebuild_cmd:6.2f} s  "
            f"{rebuild_cmd / extract_cmd:5.2f}× the extract command"
        )


if __name__ == "__main__":
    main()

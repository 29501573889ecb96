"""Extraction benchmark (issue 3, "Figures it must reach"): prints figures, asserts nothing.

1. characters per second of the full extraction (``read_document`` + ``antq_kg.mentions.extract``
   with the gazetteer) over the development corpus repeated to >= 5 MB, one process
   (target >= 300,000 chars/s per core);
2. seed-sized articles per second through ``antq_kg.pipeline.iter_facts(..., jobs=2)``
   (target >= 100 articles/s on 2 cores);
3. peak RSS of a child process extracting N and 4N seed copies (memory must stay flat).

Run: ``.venv/bin/python bench/bench_extract.py [--mb 5] [--articles 400] [--shared ../shared]``.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "hung-yen-antq.txt"


def chars_per_second(dev: Path, megabytes: float) -> tuple[int, int, float]:
    """(characters, bytes, seconds) for extracting the dev corpus repeated to ``megabytes`` MB."""
    from antq_kg.gazetteer import Gazetteer
    from antq_kg.mentions import extract
    from antq_kg.text import read_document

    files = sorted(dev.glob("*.txt"))
    if not files:
        raise SystemExit(f"no articles in {dev}")
    gazetteer = Gazetteer.load()
    extract(read_document(files[0]), gazetteer=gazetteer)  # warm caches (lexicons, regexes)
    target = int(megabytes * 1_000_000)
    chars = size = 0
    started = time.perf_counter()
    while size < target:
        for f in files:
            doc = read_document(f)
            extract(doc, gazetteer=gazetteer)
            chars += len(doc.text)
            size += f.stat().st_size
    return chars, size, time.perf_counter() - started


def make_copies(directory: Path, count: int) -> None:
    for i in range(count):
        shutil.copyfile(SEED, directory / f"seed-{i:05d}.txt")


def articles_per_second(count: int, jobs: int) -> tuple[int, float, int]:
    """(articles, seconds, errors) for ``count`` seed copies through the pipeline with ``jobs``."""
    from antq_kg.errors import AntqError
    from antq_kg.gazetteer import Gazetteer
    from antq_kg.pipeline import iter_facts

    gazetteer = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        make_copies(Path(tmp), count)
        started = time.perf_counter()
        done = errors = 0
        for item in iter_facts([tmp], gazetteer=gazetteer, jobs=jobs):
            done += 1
            errors += isinstance(item, AntqError)
        return done, time.perf_counter() - started, errors


def rss_child(count: int) -> None:
    """In a child process: extract ``count`` seed copies one by one, print peak RSS in KiB."""
    from antq_kg.gazetteer import Gazetteer
    from antq_kg.pipeline import iter_facts

    gazetteer = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        make_copies(Path(tmp), count)
        for _ in iter_facts([tmp], gazetteer=gazetteer, jobs=1):
            pass
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def peak_rss(count: int) -> int:
    out = subprocess.run(
        [sys.executable, __file__, "--rss-child", str(count)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size for the chars/s figure")
    parser.add_argument("--articles", type=int, default=400, help="seed copies for the --jobs 2 figure")
    parser.add_argument("--rss", type=int, default=100, help="N for the peak-RSS figure (N and 4N)")
    parser.add_argument("--rss-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child is not None:
        rss_child(args.rss_child)
        return

    dev = args.shared / "corpus" / "dev" / "articles"
    chars, size, secs = chars_per_second(dev, args.mb)
    print(f"extract, 1 process : {chars:,} chars ({size / 1e6:.1f} MB) in {secs:.2f} s "
          f"= {chars / secs:,.0f} chars/s (target >= 300,000)")

    n, secs, errors = articles_per_second(args.articles, jobs=2)
    print(f"pipeline, --jobs 2 : {n} seed-sized articles in {secs:.2f} s = {n / secs:,.1f} articles/s "
          f"(target >= 100){f', {errors} errors' if errors else ''}")
    n1, secs1, _ = articles_per_second(args.articles // 2, jobs=1)
    print(f"pipeline, --jobs 1 : {n1} seed-sized articles in {secs1:.2f} s = {n1 / secs1:,.1f} articles/s")

    small, large = peak_rss(args.rss), peak_rss(4 * args.rss)
    print(f"peak RSS           : {args.rss} articles {small / 1024:.1f} MiB, {4 * args.rss} articles "
          f"{large / 1024:.1f} MiB (growth {100 * (large - small) / small:+.1f}%)")


if __name__ == "__main__":
    main()

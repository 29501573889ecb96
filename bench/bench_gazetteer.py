"""Benchmark of the gazetteer (targets: load < 1 s, lookup ≥ 100,000/s). Not a test.

Run: ``.venv/bin/python bench/bench_gazetteer.py`` (``make bench``). Lookups cycle through every
name of the gazetteer written in several ways (with a type word, upper case, old tone placement),
so the name-key cache sees each written form only once per cycle of 30k+ forms; the figure with a
warm cache (the same 1,000 names again and again, as in a corpus) is printed beside it.
"""

from __future__ import annotations

import time
from datetime import date

from antq_kg.gazetteer import Gazetteer, name_key


def main() -> None:
    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    load_s = time.perf_counter() - t0
    print(f"load: {load_s:.3f} s for {len(gaz):,} units (target < 1 s)")

    units = [u for u in gaz.units() if u.level]
    names: list[str] = []
    for u in units:
        names += [u.name, f"{u.type} {u.name}", u.name.upper(), u.name.replace("òa", "oà")]
    day = date(2020, 1, 1)

    def run(forms: list[str], rounds: int) -> float:
        t = time.perf_counter()
        n = 0
        for _ in range(rounds):
            for s in forms:
                gaz.lookup(s)
                gaz.lookup(s, on=day)
                n += 2
        return n / (time.perf_counter() - t)

    name_key.cache_clear()
    cold = run(names, 1)
    warm = run(names[:1000], 50)
    print(f"lookup, {len(names):,} distinct written forms: {cold:,.0f}/s (target ≥ 100,000/s)")
    print(f"lookup, 1,000 forms repeated (warm cache): {warm:,.0f}/s")

    chains = [
        [("xã", "Nhân Hòa"), ("huyện", "Mỹ Hào"), ("tỉnh", "Hưng Yên")],
        [("xã", "Quang Hưng"), ("huyện", "Phù Cừ"), ("tỉnh", "Hưng Yên")],
        [("phường", "5"), ("thành phố", "Đông Hà"), ("tỉnh", "Quảng Trị")],
        [("xã", "Ô Lâm"), ("tỉnh", "An Giang")],
    ]
    t = time.perf_counter()
    n = 0
    for _ in range(5000):
        for c in chains:
            gaz.resolve_chain(c)
            n += 1
    print(f"resolve_chain: {n / (time.perf_counter() - t):,.0f} chains/s")


if __name__ == "__main__":
    main()

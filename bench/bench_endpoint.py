"""Endpoint throughput: ``antq-kg serve`` beside the in-memory Oxigraph server, same data, same query mix.

1. a deterministic dataset of the project's shape, ~1M quads (:mod:`endpoint_data`: the repo's
   articles built by the real pipeline, article graphs copied with renamed IRIs, plus the
   ontology and the gazetteer graph), written once as N-Quads;
2. ``antq-kg serve`` on an on-disk store of it (bulk-loaded), and ``oxigraph serve`` (the
   ``oxigraph`` PyPI package, in memory, ``--union-default-graph``) loaded over its Graph Store
   endpoint, both on 127.0.0.1;
3. warm-up alike for both: every query once, then the mix below for ``--warmup`` seconds, not
   counted (every client connection and query worker has run before the clock starts);
4. for each server in turn (four rounds, alternating, so machine load drifts alike for both), 4
   client threads send the 8-query mix (competency queries of ``queries/``) in a loop for a fixed
   duration, each client starting at a different query, ``Accept: application/sparql-results+json``,
   reading each body to its end;
5. prints completed requests per second, each query's median latency, the server CPU time per
   request (the server process and its workers, from /proc: what the machine's load does not
   move), and the ratios antq-kg / Oxigraph (throughput: higher is better; latency and CPU: lower).

Run: ``.venv/bin/python bench/bench_endpoint.py [--quads 1000000] [--seconds 15] [--rounds 4] [--clients 4] [--warmup 5]``
(``make bench``). The goal: throughput ratio ≥ 1.0 (never below 0.8), per-query median ratio ≤ 1.1
(never above 1.3). On a shared machine the absolute figures move with the load; the ratios less.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

#: The 8-query mix: competency queries from cheap lookups to joins over every article (6 ms to ~1 s each
#: in memory at 1M quads, one with a 650 KB answer); the slowest ones (several seconds each) are left out,
#: so that a 15 s round holds enough requests for a median.
MIX = [
    "01-provincial-police-leader",
    "02-grassroots-unit-counts",
    "03-mediation-total",
    "06-residential-areas-by-criterion",
    "08-places-replaced-after-2025",
    "10-persons-by-rank",
    "14-approximate-quantities",
    "15-counts-with-period",
]
ACCEPT = "application/sparql-results+json"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, *, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if (
                httpx.get(url, params={"query": "ASK {}"}, headers={"Accept": ACCEPT}, timeout=5).status_code
                == 200
            ):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up")


def _tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by process ``root`` and all its descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo += [child for child, parent in parents.items() if parent == pid]
    return total


def _run_mix(
    url: str, queries: dict[str, str], *, clients: int, seconds: float
) -> tuple[int, dict[str, list[float]], int]:
    """(completed requests, latencies per query, errors) of ``clients`` threads for ``seconds``."""
    latencies: dict[str, list[float]] = {name: [] for name in queries}
    done = [0]
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    names = list(queries)

    def client(offset: int) -> None:
        with httpx.Client(timeout=120) as http:
            i = offset
            while time.monotonic() < stop:
                name = names[i % len(names)]
                i += 1
                t = time.perf_counter()
                r = http.post(
                    url,
                    content=queries[name].encode(),
                    headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT},
                )
                _ = r.content
                elapsed = time.perf_counter() - t
                with lock:
                    if r.status_code == 200:
                        done[0] += 1
                        latencies[name].append(elapsed)
                    else:
                        errors[0] += 1

    threads = [threading.Thread(target=client, args=(k * len(names) // clients,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0], latencies, errors[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=15.0, help="per server and round")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument(
        "--warmup", type=float, default=5.0, help="seconds of the mix per server, not counted"
    )
    parser.add_argument("--workdir", type=Path, default=None, help="keep the dataset and store here")
    args = parser.parse_args()

    import pyoxigraph as ox
    from endpoint_data import write_dataset

    work = args.workdir or Path(tempfile.mkdtemp(prefix="antq-bench-endpoint-"))
    work.mkdir(parents=True, exist_ok=True)
    data, store = work / f"data-{args.quads}.nq", work / f"store-{args.quads}"
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    if not data.exists():
        t = time.perf_counter()
        n = write_dataset(data, target=args.quads)
        print(f"dataset: {n} quads written in {time.perf_counter() - t:.1f} s → {data}")
    if not store.exists():
        s = ox.Store(str(store))
        s.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        s.flush()
        del s
    queries = {name: (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8") for name in MIX}

    ours_port, ox_port = _free_port(), _free_port()
    antq = [
        str(Path(sys.executable).parent / "antq-kg"),
        "--store",
        str(store),
        "serve",
        "--port",
        str(ours_port),
    ]
    oxigraph = [
        str(Path(sys.executable).parent / "oxigraph"),
        "serve",
        "--bind",
        f"127.0.0.1:{ox_port}",
        "--union-default-graph",
    ]
    procs = [
        subprocess.Popen(antq, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen(oxigraph, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]
    try:
        urls = {
            "antq-kg": f"http://127.0.0.1:{ours_port}/sparql",
            "oxigraph": f"http://127.0.0.1:{ox_port}/query",
        }
        t = time.perf_counter()
        _wait(urls["oxigraph"])
        with data.open("rb") as body:
            r = httpx.post(
                f"http://127.0.0.1:{ox_port}/store",
                content=body,
                headers={"Content-Type": "application/n-quads"},
                timeout=600,
            )
            r.raise_for_status()
        _wait(urls["antq-kg"])
        print(f"servers up and loaded in {time.perf_counter() - t:.1f} s")
        for url in urls.values():  # warm-up: every query once, then the mix as measured (not counted)
            for q in queries.values():
                httpx.post(
                    url,
                    content=q.encode(),
                    headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT},
                    timeout=120,
                ).raise_for_status()
            _run_mix(url, queries, clients=args.clients, seconds=args.warmup)
        totals = {name: 0 for name in urls}
        errors = {name: 0 for name in urls}
        cpu = {name: 0.0 for name in urls}
        pids = {"antq-kg": procs[0].pid, "oxigraph": procs[1].pid}
        lat: dict[str, dict[str, list[float]]] = {name: {q: [] for q in MIX} for name in urls}
        for rnd in range(args.rounds):
            for name, url in urls.items() if rnd % 2 == 0 else reversed(urls.items()):
                before = _tree_cpu(pids[name])
                done, latencies, errs = _run_mix(url, queries, clients=args.clients, seconds=args.seconds)
                cpu[name] += _tree_cpu(pids[name]) - before
                totals[name] += done
                errors[name] += errs
                for q, values in latencies.items():
                    lat[name][q] += values
        seconds = args.seconds * args.rounds
        rate = {name: totals[name] / seconds for name in urls}
        print(
            f"\n{args.clients} clients, {args.rounds} × {args.seconds:g} s per server, "
            f"{args.quads} quads; load average now {os.getloadavg()[0]:.1f}"
        )
        print(f"{'':<36}{'antq-kg':>12}{'oxigraph':>12}{'ratio':>9}")
        print(
            f"{'mix throughput (req/s)':<36}{rate['antq-kg']:>12.2f}{rate['oxigraph']:>12.2f}"
            f"{rate['antq-kg'] / rate['oxigraph']:>9.2f}"
        )
        ratios = []
        for q in MIX:
            a, o = (
                statistics.median(lat[n][q]) * 1000 if lat[n][q] else float("nan")
                for n in ("antq-kg", "oxigraph")
            )
            ratios.append(a / o)
            print(f"{'median ms ' + q:<36}{a:>12.1f}{o:>12.1f}{a / o:>9.2f}")
        geo = statistics.geometric_mean(ratios)
        print(f"{'per-query median ratio (geo. mean)':<36}{'':>24}{geo:>9.2f}")
        per = {name: cpu[name] / max(totals[name], 1) * 1000 for name in urls}
        print(
            f"{'server CPU per request (ms)':<36}{per['antq-kg']:>12.1f}{per['oxigraph']:>12.1f}"
            f"{per['antq-kg'] / per['oxigraph']:>9.2f}"
        )
        print(f"{'errors':<36}{errors['antq-kg']:>12}{errors['oxigraph']:>12}")
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=30)
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

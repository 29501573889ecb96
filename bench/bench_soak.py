"""Soak: ``antq-kg serve`` answering the competency queries from 4 clients while a build writes to the same store.

1. A store of ``--articles`` synthetic articles (corpus A, in a folder of its own) is built once per
   version of the builder (cached under ``.antq/bench/``) and copied to a scratch store.
2. Corpus B is written over corpus A's folder, as a user edits files in place: ``--edit`` of its
   articles rewritten (same file names, other text: ``bench/synth.py --variant 1``) and ``--new``
   articles more.
3. ``antq-kg serve`` starts on 127.0.0.1 (a free port) over the scratch store. Each query (and the
   probe) runs once alone: the baseline of its latency under load (``--no-at-rest`` skips it). Then ``--clients`` threads
   send the competency queries of ``queries/`` (not the federated one) round and round over HTTP
   keep-alive connections for ``--duration`` seconds, each client from its own starting point; after
   ``--build-after`` seconds ``antq-kg build --jobs 1`` of corpus B starts writing to the same store.
   One more thread sends the *probe* (below) again and again; a request that takes more than
   ``--request-timeout`` seconds counts as an error.
   When the build is still running at the end, the clients go on until it ends (at most ``--grace``
   more seconds; then the build is stopped).
4. The server's memory (RSS summed over its process tree) is sampled every second.

The probe asks, for every article graph, which article file it holds (``antq:sourcePath``), its
triples and the total length of its literals. An article's *state* is the set of ``(graph, triples,
literal length)`` of the graphs holding that file. Its *old* state is what the server answered before
the build; its *new* state is what the store holds after it (asked with ``antq-kg query`` once the
server is stopped). An answer **mixes** an article's old and new graph when the article's state in it is
neither the old nor the new one (half an article written, or both versions visible where the build
replaces one by the other). The benchmark also says whether the server ever showed the build's work
(an answer with an article in its new state), since a server that never sees it is consistent but stale.

Printed: requests and errors (with the first few), per-query latency percentiles, the build's
outcome (a build refused because the store is in use is reported as the figure it is), mixed
answers, and the server's RSS over time (goal: zero errors, no mixed answers, memory steady).

Run: ``.venv/bin/python bench/bench_soak.py [--quick] [--duration 60] [--clients 4] [--articles 300]``.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import harness
import synth
from harness import Run, seconds

PROBE = """PREFIX schema: <https://schema.org/>
PREFIX antq: <https://w3id.org/antq/ontology#>
SELECT ?path ?g (COUNT(*) AS ?n) (SUM(IF(isLiteral(?o), STRLEN(STR(?o)), 0)) AS ?len)
WHERE { GRAPH ?g { ?a a schema:NewsArticle ; antq:sourcePath ?path . ?s ?p ?o } }
GROUP BY ?path ?g"""

State = frozenset[tuple[str, int, int]]


def states(rows: list[dict[str, str]]) -> dict[str, State]:
    """Probe rows → article file → its state."""
    acc: dict[str, set[tuple[str, int, int]]] = {}
    for r in rows:
        acc.setdefault(r["path"], set()).add((r["g"], int(r["n"]), int(r["len"])))
    return {path: frozenset(s) for path, s in acc.items()}


def queries(exclude: tuple[str, ...] = ()) -> dict[str, str]:
    """The competency queries of ``queries/`` but those whose name starts with one of ``exclude``
    (the federated one calls the internet: always left out)."""
    return {
        p.stem: p.read_text(encoding="utf-8")
        for p in sorted((harness.ROOT / "queries").glob("*.rq"))
        if "federated" not in p.stem and not p.stem.startswith(exclude)
    }


@dataclass
class Log:
    """What the clients saw, shared by their threads."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[tuple[float, str, str]] = field(default_factory=list)
    probes: list[tuple[float, dict[str, State]]] = field(default_factory=list)
    reopened: int = 0  # kept-alive connections found closed by the server and reopened
    lock: threading.Lock = field(default_factory=threading.Lock)


class Client(threading.Thread):
    """One client: the queries of ``work`` in turn, from the ``k``-th of ``of`` starting points."""

    def __init__(
        self,
        k: int,
        of: int,
        port: int,
        work: list[tuple[str, str]],
        log: Log,
        *,
        halt: threading.Event,
        t0: float,
        timeout: float,
    ) -> None:
        super().__init__(daemon=True)
        self.k, self.of, self.port, self.work, self.log = k, of, port, work, log
        self.halt, self.t0, self.timeout = halt, t0, timeout
        self.current: tuple[str, float] | None = None  # the request in flight: (query, when it was sent)

    def send(self, query: str) -> tuple[int, bytes]:
        """POST the query; a kept-alive connection the server closed meanwhile is reopened once, as HTTP
        client pools do (urllib3): the request never reached the server, so it is no error of the server."""
        for retry in (False, True):
            reused = self.conn.sock is not None
            try:
                self.conn.request(
                    "POST",
                    "/sparql",
                    body=query.encode("utf-8"),
                    headers={
                        "Content-Type": "application/sparql-query",
                        "Accept": "application/sparql-results+json",
                    },
                )
                response = self.conn.getresponse()
                return response.status, response.read()
            except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
                self.conn.close()
                if retry or not reused:
                    raise
                with self.log.lock:
                    self.log.reopened += 1
        raise AssertionError("unreachable")

    def run(self) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        i = self.k * len(self.work) // self.of
        while not self.halt.is_set():
            name, text = self.work[i % len(self.work)]
            i += 1
            started = time.perf_counter()
            self.current = (name, started)
            try:
                status, body = self.send(text)
            except (OSError, http.client.HTTPException) as exc:
                self.conn.close()
                self.error(started, name, f"{type(exc).__name__}: {exc}")
                continue
            took = time.perf_counter() - started
            self.current = None
            if status != 200:
                self.error(started, name, f"HTTP {status}: {body[:200].decode('utf-8', 'replace')}")
                continue
            with self.log.lock:
                self.log.latencies.setdefault(name, []).append(took)
            if name == "probe":
                rows = [
                    {k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]
                ]
                with self.log.lock:
                    self.log.probes.append((started - self.t0, states(rows)))
        self.conn.close()

    def error(self, started: float, name: str, message: str) -> None:
        self.current = None
        with self.log.lock:
            self.log.errors.append((started - self.t0, name, " ".join(message.split())))


def get(port: int, query: str, timeout: float = 60) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(
            "GET",
            "/sparql?" + urllib.parse.urlencode({"query": query}),
            headers={"Accept": "application/sparql-results+json"},
        )
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def at_rest(port: int, work: list[tuple[str, str]], timeout: float) -> dict[str, float | None]:
    """Each query once, alone, before the load: seconds, or ``None`` for an error or a timeout."""
    alone: dict[str, float | None] = {}
    for name, text in work:
        started = time.perf_counter()
        try:
            status, _ = get(port, text, timeout=timeout)
        except OSError:
            status = 0
        alone[name] = time.perf_counter() - started if status == 200 else None
        if status != 200:  # the server may still be working on it: let it finish before the next one
            settle(port, within=10 * timeout)
    return alone


def settle(port: int, *, within: float) -> None:
    """Wait until the server answers ``ASK {}`` within a second again (at most ``within`` seconds)."""
    deadline = time.perf_counter() + within
    while time.perf_counter() < deadline:
        with contextlib.suppress(OSError):
            if get(port, "ASK {}", timeout=1)[0] == 200:
                return
        time.sleep(1)


def wait_ready(port: int, server: subprocess.Popen[bytes], within: float = 180) -> None:
    deadline = time.perf_counter() + within
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited (code {server.returncode}) before answering")
        try:
            if get(port, "ASK {}", timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the server did not answer within {within:.0f} s")


def pristine_store(n: int, *, seed: int) -> tuple[Path, Path]:
    """``(store, corpus folder)``: corpus A copied to a folder of its own and built there, once per
    version of the builder. Corpus B is written over the same folder, as a user edits files in place."""
    folder = harness.CACHE / f"soak-{harness.content_hash(harness.BUILD_INPUTS)}-s{seed}-n{n}"
    store, corpus, done = folder / "store", folder / "corpus", folder / "BUILT"
    if done.is_file():
        return store, corpus
    for old in harness.CACHE.glob(f"soak-*-s{seed}-n{n}"):
        shutil.rmtree(old)
    harness.copy_corpus(harness.corpus(n, seed=seed), range(n), corpus)
    print(f"store A: building {n:,} articles into {harness.rel(store)} …", flush=True)
    run = harness.measure([*harness.antq(), "--store", str(store), "build", "--jobs", "2", str(corpus)])
    if not run.ok:
        sys.exit(f"the build of corpus A failed (exit {run.returncode}): {run.last_line()}")
    print(f"  built in {seconds(run.wall)} (load {run.load:.1f})")
    done.write_text(run.last_line())
    return store, corpus


def write_corpus_b(corpus: Path, n: int, edit: int, new: int, *, seed: int) -> None:
    """Corpus A's folder made corpus B: its first ``edit`` articles rewritten, ``new`` articles more."""
    source = harness.corpus(n + new, seed=seed)
    shutil.rmtree(corpus)
    harness.copy_corpus(source, range(n + new), corpus)
    synth.write_corpus(corpus, n=edit, seed=seed, variant=1)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def final_states(store: Path) -> dict[str, State]:
    out = subprocess.run(
        [*harness.antq(), "--store", str(store), "query", PROBE, "--format", "json"],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"cannot read the store after the soak: {out.stderr.strip()}")
    data = json.loads(out.stdout)
    return states([{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]])


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # the server's own session: it and any workers it started
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 s over 60 articles (make bench)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--articles", type=int, default=200, help="articles of corpus A")
    parser.add_argument(
        "--request-timeout", type=float, default=60.0, help="seconds before a request is an error"
    )
    parser.add_argument("--edit", type=float, default=0.5, help="share of corpus A rewritten in corpus B")
    parser.add_argument("--new", type=float, default=0.1, help="articles added in corpus B, as a share of A")
    parser.add_argument("--build-after", type=float, default=3.0, help="seconds before the build starts")
    parser.add_argument(
        "--grace", type=float, default=None, help="most seconds to wait for the build (default: --duration)"
    )
    parser.add_argument(
        "--no-at-rest",
        dest="at_rest",
        action="store_false",
        help="skip timing each query alone before the load",
    )
    parser.add_argument(
        "--exclude", default="", help="leave out the queries whose names start so, e.g. 05,07"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.quick:
        args.duration, args.articles = 20.0, 60
    grace = args.duration if args.grace is None else args.grace
    n, edit, new = args.articles, int(args.articles * args.edit), int(args.articles * args.new)

    print(harness.machine())
    store_a, corpus = pristine_store(n, seed=args.seed)
    write_corpus_b(corpus, n, edit, new, seed=args.seed)
    store = harness.CACHE / "soak" / "store"
    shutil.rmtree(store, ignore_errors=True)
    shutil.copytree(store_a, store)
    port = harness.free_port()
    server_log = (harness.CACHE / "soak" / "server.log").open("wb")
    server = subprocess.Popen(
        [*harness.antq(), "--store", str(store), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=server_log,
        stderr=server_log,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    build_result: list[Run] = []
    try:
        wait_ready(port, server)
        work = list(queries(tuple(x for x in args.exclude.split(",") if x)).items())
        alone = at_rest(port, [*work, ("probe", PROBE)], args.request_timeout) if args.at_rest else {}
        status, body = get(port, PROBE, timeout=args.request_timeout)
        if status != 200:
            raise SystemExit(f"the probe fails at rest: HTTP {status}: {body[:200]!r}")
        old = states([{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]])
        print(
            f"soak: {args.clients} clients × {len(work)} competency queries and a probe, {args.duration:.0f} s, "
            f"http://127.0.0.1:{port}/sparql over {len(old):,} articles; build of corpus B "
            f"({edit:,} rewritten, {new:,} new, {n - edit:,} unchanged) after {args.build_after:.0f} s"
        )
        log, halt = Log(), threading.Event()
        memory = harness.Sampler(server.pid, interval=1.0, field_name="Rss")
        memory.start()
        t0 = time.perf_counter()
        clients = [
            Client(k, args.clients, port, work, log, halt=halt, t0=t0, timeout=args.request_timeout)
            for k in range(args.clients)
        ]
        clients.append(
            Client(0, 1, port, [("probe", PROBE)], log, halt=halt, t0=t0, timeout=args.request_timeout)
        )
        for c in clients:
            c.start()
        time.sleep(args.build_after)
        build_argv = [*harness.antq(), "--store", str(store), "build", "--jobs", "1", str(corpus)]
        builder = threading.Thread(
            target=lambda: build_result.append(
                harness.measure(build_argv, timeout=args.duration + grace - args.build_after)
            ),
            daemon=True,
        )
        build_started = time.perf_counter() - t0
        builder.start()
        while time.perf_counter() - t0 < args.duration or (
            builder.is_alive() and time.perf_counter() - t0 < args.duration + grace
        ):
            time.sleep(0.2)
            if server.poll() is not None:
                break
        halt.set()
        in_flight = [(c.current[0], time.perf_counter() - c.current[1]) for c in clients if c.current]
        for c in clients:  # a request in flight is answered (or times out) before its client stops
            c.join()
        elapsed = time.perf_counter() - t0
        builder.join()
        memory.stop()
        server_alive = server.poll() is None
    finally:
        stop_server(server)
        server_log.close()
    new_states = final_states(store)
    report(
        log,
        alone,
        elapsed,
        in_flight,
        build_result[0] if build_result else None,
        build_started,
        old,
        new_states,
        memory,
        server_alive,
    )


def report(
    log: Log,
    alone: dict[str, float | None],
    elapsed: float,
    in_flight: list[tuple[str, float]],
    build: Run | None,
    build_started: float,
    old: dict[str, State],
    new: dict[str, State],
    memory: harness.Sampler,
    server_alive: bool,
) -> None:
    answered = {name: len(v) for name, v in log.latencies.items()}
    failed = Counter(q for _, q, _ in log.errors)
    total = sum(answered.values()) + len(log.errors)
    probes = answered.get("probe", 0) + failed.get("probe", 0)
    print(
        f"\nrequests: {total:,} in {elapsed:.1f} s ({total / elapsed:.1f}/s; {total - probes:,} competency "
        f"queries, {probes:,} probes), errors: {len(log.errors):,} (goal: 0); "
        f"server {'up' if server_alive else 'DIED'} at the end; {log.reopened} kept-alive connection(s) "
        "found closed by the server and reopened"
    )
    for kind, count in Counter(f"{q}: {m[:100]}" for _, q, m in log.errors).most_common(3):
        print(f"  {count:>5} × {kind}")
    if in_flight:
        print(
            "  still running when the time was up: "
            + ", ".join(f"{q} (for {t:.0f} s)" for q, t in sorted(in_flight, key=lambda x: -x[1]))
        )
    print(
        f"  {'query':<38} {'alone ms':>9} {'ok':>5} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8}"
    )
    for name in sorted(answered.keys() | failed.keys() | alone.keys()):
        ms = [1000 * v for v in log.latencies.get(name, [])]
        figures = (
            f"{percentile(ms, 0.5):>8.0f} {percentile(ms, 0.95):>8.0f} {percentile(ms, 0.99):>8.0f} "
            f"{max(ms):>8.0f}"
            if ms
            else f"{'—':>8} {'—':>8} {'—':>8} {'—':>8}"
        )
        rest = alone.get(name)
        rest_text = "—" if name not in alone else "failed" if rest is None else f"{1000 * rest:.0f}"
        print(f"  {name:<38} {rest_text:>9} {len(ms):>5} {failed.get(name, 0):>6} {figures}")
    if build is None:
        print("build: did not run")
    else:
        outcome = (
            "timed out: stopped"
            if build.timed_out
            else "succeeded"
            if build.ok
            else f"FAILED (exit {build.returncode})"
        )
        print(
            f"build while serving: {outcome} after {build.wall:.1f} s (started at {build_started:.0f} s; "
            f"load {build.load:.1f}): {build.last_line()[:200]}"
        )
    changed = {p for p in old.keys() | new.keys() if old.get(p, frozenset()) != new.get(p, frozenset())}
    mixed_answers, mixed_articles, fresh = 0, Counter[str](), 0
    for _, seen in log.probes:
        bad = [
            p
            for p in old.keys() | new.keys() | seen.keys()
            if seen.get(p, frozenset()) not in (old.get(p, frozenset()), new.get(p, frozenset()))
        ]
        mixed_answers += bool(bad)
        mixed_articles.update(bad)
        fresh += any(seen.get(p, frozenset()) == new.get(p, frozenset()) for p in changed)
    print(
        f"consistency: {len(log.probes):,} probe answers over {len(old):,} articles; {len(changed):,} articles "
        f"changed by the build; {mixed_answers:,} answers mixed an article's old and new graph "
        f"({len(mixed_articles):,} articles; goal: 0)"
    )
    if mixed_articles:
        example = next(iter(mixed_articles))
        print(f"  e.g. {example}: old {sorted(old.get(example, ()))} new {sorted(new.get(example, ()))}")
    if changed:
        print(
            f"  {fresh:,} answers showed some of the build's work"
            + ("" if fresh else " — none: the server kept answering from the store as it was when it started")
        )
    samples = memory.samples
    if samples:
        mb = [k / 1024 for _, k in samples]
        half = mb[len(mb) // 2]  # past the warm-up: every query has run, caches are filled
        step = max(1, len(samples) // 12)
        series = ", ".join(f"{t:.0f}s {k / 1024:.0f}" for t, k in samples[::step])
        print(
            f"server RSS: start {mb[0]:.0f} MB, peak {max(mb):.0f} MB, end {mb[-1]:.0f} MB; over the second half "
            f"of the run {half:.0f} → {mb[-1]:.0f} MB ({100 * (mb[-1] - half) / half:+.0f}%; goal: steady)"
        )
        print(f"  over time (s MB): {series}")


if __name__ == "__main__":
    main()

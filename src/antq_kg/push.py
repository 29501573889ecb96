"""Push: copy a local store into a remote SPARQL 1.1 server, graph by graph, resumable.

Each graph goes to the target as one Graph Store ``PUT`` followed by ``POST`` s, or one ``DROP`` +
``INSERT DATA`` followed by ``INSERT DATA`` s (:meth:`antq_kg.remote.RemoteStore.send_batch`), in
bounded batches; so the target holds every graph either as it was, or — while the graph is being
sent — partly, never a mix with the next push.

Resuming: a journal (:class:`PushJournal`, ``push/<target>.json`` in the store directory) records,
after each graph that arrived whole, its content digest (SHA-256 of its sorted N-Triples lines) and
its triple count. A later push skips a graph whose digest is unchanged **and** whose triple count on
the target (one ``COUNT … GROUP BY ?g`` query at the start) is still the journal's; anything else —
a graph cut off by an interrupted push, a changed graph, a target emptied since — is sent again. A
re-push of an unchanged store sends nothing. Graphs the target holds and the store does not are
left alone (and counted in the summary).

The corpus graph (one ``skos:prefLabel`` per organisation, initiative and person, chosen over every
article graph: :mod:`antq_kg.pipeline.corpus`) is not sent: it is chosen on the target, over every article graph
it holds (:meth:`~antq_kg.pipeline.corpus.CorpusLabels.recompute`, through the store protocol: SPARQL
queries, then, when anything changed, the graph dropped and written anew): two stores pushed into one
server give it the labels a build of both would state, not the last push's. It runs at the end of every push, so an
interrupted one is mended by the next; it writes nothing when the target's labels are right (a mirror
of one store), and is not atomic on the target (each request is).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import StoreError
from .formats import RDF_FORMATS
from .iris import DEFAULT_BASE_IRI, corpus_graph_iri
from .remote import RemoteStore, batched
from .store import Store, serialize_quads

#: Where in a store directory the push journals live.
JOURNAL_DIR = "push"

Action = Literal["sending", "sent", "skipped"]


@dataclass(frozen=True, slots=True)
class PushEvent:
    """Progress of a push: one event per batch sent and per graph finished or skipped."""

    action: Action
    graph: str | None
    graphs_done: int
    graphs: int
    triples_done: int
    triples: int


@dataclass(slots=True)
class PushSummary:
    """What a push did: graphs sent and skipped, triples and requests sent, seconds taken."""

    target: str
    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    triples: int = 0
    requests: int = 0
    seconds: float = 0.0
    untouched: int = 0
    union_default_graph: bool | None = None
    #: entities whose preferred label on the target the push changed (chose, dropped or chose again)
    relabelled: int = 0

    def text(self) -> str:
        """One line for people.

        >>> PushSummary("http://h/sparql", sent=["a"], skipped=["b", "c"], triples=10, requests=1, seconds=0.5).text()
        'Pushed 1 graph(s), 10 triples in 1 request(s), 2 unchanged graph(s) skipped, in 0.5 s → http://h/sparql'
        """
        extra = f", {self.untouched} other graph(s) on the target left as they are" if self.untouched else ""
        if self.relabelled:
            extra += f", the preferred labels of {self.relabelled} entities chosen over the target's articles"
        return (
            f"Pushed {len(self.sent)} graph(s), {self.triples} triples in {self.requests} request(s), "
            f"{len(self.skipped)} unchanged graph(s) skipped{extra}, in {self.seconds:.1f} s → {self.target}"
        )


def graph_digest(ntriples: bytes) -> str:
    r"""SHA-256 of a graph's N-Triples lines, sorted (so the order a store lists them in does not count).

    >>> a, b = b"<http://e/a> <http://e/p> 1 .\n", b"<http://e/b> <http://e/p> 2 .\n"
    >>> graph_digest(a + b) == graph_digest(b + a.rstrip()), graph_digest(a) == graph_digest(b)
    (True, False)
    """
    lines = [line for line in ntriples.splitlines() if line.strip()]
    lines.sort()
    return hashlib.sha256(b"\n".join(lines) + b"\n").hexdigest()


def graph_ntriples(store: Store, graph: str | None) -> bytes:
    """One graph of a store as N-Triples, serialized by the store itself (a ``CONSTRUCT``)."""
    if graph is None:
        return serialize_quads(store.quads(None), RDF_FORMATS["ntriples"])
    return store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").payload


def target_key(target: RemoteStore) -> str:
    """The journal name of a target: its host and a digest of its URLs.

    >>> target_key(RemoteStore("http://127.0.0.1:7878/query", update_url="http://127.0.0.1:7878/update"))[:15]
    '127.0.0.1_7878-'
    """
    import urllib.parse

    urls = "\n".join(u or "" for u in (target.url, target.update_url, target.graph_store_url))
    host = urllib.parse.urlsplit(target.url).netloc.replace(":", "_") or "target"
    return f"{host}-{hashlib.sha256(urls.encode()).hexdigest()[:12]}"


class PushJournal:
    """What earlier pushes to one target delivered: graph → (digest, triples), saved after each graph."""

    def __init__(self, path: Path | None, *, target: str) -> None:
        self.path = path
        self.target = target
        self.graphs: dict[str, dict[str, object]] = {}
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.graphs = dict(data.get("graphs", {}))
            except (OSError, ValueError, AttributeError):
                self.graphs = {}  # an unreadable journal only costs a full push

    @classmethod
    def for_store(cls, directory: Path | None, target: RemoteStore) -> PushJournal:
        """The journal of ``target`` in a store directory (none for an in-memory store)."""
        path = directory / JOURNAL_DIR / f"{target_key(target)}.json" if directory is not None else None
        return cls(path, target=target.url)

    def delivered(self, graph: str, digest: str, remote_triples: int | None) -> bool:
        """Whether ``graph`` with this digest arrived whole and the target still holds as many triples."""
        entry = self.graphs.get(graph)
        return entry is not None and entry.get("sha256") == digest and entry.get("triples") == remote_triples

    def record(self, graph: str, digest: str, triples: int) -> None:
        """Note a graph that arrived whole, and save the journal (write a sibling, then rename)."""
        self.graphs[graph] = {
            "sha256": digest,
            "triples": triples,
            "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(
                json.dumps({"target": self.target, "graphs": self.graphs}, indent=1, sort_keys=True),
                encoding="utf-8",
            )
            os.replace(tmp, self.path)
        except OSError as exc:
            raise StoreError(
                f"cannot write the push journal: {exc.strerror or exc}", path=self.path
            ) from None


def push(
    store: Store,
    target: RemoteStore,
    *,
    journal: PushJournal | None = None,
    force: bool = False,
    on_progress: Callable[[PushEvent], None] | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
) -> PushSummary:
    """Send every graph of ``store`` that the target does not already hold as it is (all with ``force``),
    but the corpus graph of ``base_iri``, which is chosen again over the target's article graphs.

    The default graph goes too when it holds triples (the project's builds leave it empty).
    """
    from .pipeline.corpus import CorpusLabels

    started = time.monotonic()
    journal = journal or PushJournal(None, target=target.url)
    summary = PushSummary(target=target.url)
    remote = target.graph_sizes()
    corpus = corpus_graph_iri(base_iri=base_iri)
    names: list[str | None] = [g for g in store.graphs() if g != corpus]
    if next(iter(store.quads(None)), None) is not None:
        names.insert(0, None)
    summary.untouched = len(set(remote) - {n for n in names if n is not None})
    done = 0

    def report(action: Action, graph: str | None) -> None:
        if on_progress is not None:
            on_progress(
                PushEvent(action, graph, len(summary.sent) + len(summary.skipped), len(names), done, total)
            )

    total = len(store) - sum(1 for _ in store.quads(corpus))
    for name in names:
        data = graph_ntriples(store, name)
        triples = data.count(b"\n") + (0 if not data or data.endswith(b"\n") else 1)
        key = name if name is not None else ""
        digest = graph_digest(data)
        on_target = remote.get(name) if name is not None else None
        if not force and name is not None and journal.delivered(key, digest, on_target):
            done += triples
            summary.skipped.append(key)
            report("skipped", name)
            continue
        for i, batch in enumerate(batched(data, target.batch_size)):
            target.send_batch(name, batch, replace=i == 0)
            sent = batch.count(b"\n")
            summary.requests += 1
            summary.triples += sent
            done += sent
            report("sending", name)
        journal.record(key, digest, triples)
        summary.sent.append(key)
        report("sent", name)
    if names:  # do queries see the named graphs as the default graph, as they do on the local store?
        summary.union_default_graph = target.query("ASK { ?s ?p ?o }").boolean
    summary.relabelled = CorpusLabels(target, base_iri=base_iri).recompute()
    summary.seconds = time.monotonic() - started
    return summary


__all__ = ["JOURNAL_DIR", "PushEvent", "PushJournal", "PushSummary", "graph_digest", "push", "target_key"]

"""What a build records about itself: its run (start, end, outcome, counts) and, per article, the
hashes that let the next build skip an article whose inputs did not change.

All of it lives in the run's named graph (``{base}id/graph/run/{id}``, :func:`antq_kg.graph.run_graph_iri`),
beside the ``prov:wasGeneratedBy`` links the graph builder writes there, so article graphs stay
byte-identical across runs:

- the run, a ``prov:Activity`` and ``antq:BuildRun``: ``prov:startedAtTime``, ``prov:endedAtTime``,
  ``antq:toolVersion``, ``antq:pipelineVersion``, ``antq:outcome`` (``completed``: every article
  built; ``failed``: some article failed, or the run stopped on an error and nothing it wrote was
  kept; ``incomplete``: the run was killed before it committed) and the counts
  ``antq:articlesAdded`` / ``Replaced`` / ``Unchanged`` / ``Removed`` / ``Failed``. A run that did
  not commit left no graph behind (its store generation was discarded): the store's journal
  remembers it and the next build records it (:func:`unfinished_run_quads`);
- per article file, an ``antq:ArticleSource`` (``{base}id/source/{hash of the path}``) with the
  file's absolute path (``antq:filePath``), the article graph built from it (``antq:articleGraph``),
  the SHA-256 of the NFC text (``antq:textSha256``, as :mod:`antq_kg.text` ingests it), of the
  sidecar's bytes (``antq:sidecarSha256``, absent without one) and the pipeline version
  (``antq:pipelineVersion``, :func:`pipeline_version`). Only the newest record of a file is kept.

Reference graphs (ontology, gazetteer, links) have their content hashes in a small graph of their
own, ``{base}id/graph/reference-hashes`` (``<graph> antq:contentSha256 "…"``, :func:`content_hash_quad`),
so that a build reloads one only when what it is made from changed (or the graph is gone).
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import pyoxigraph as ox

from .iris import Minter
from .version import __version__

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .store import JournalEntry, Store

ANTQ: Final = "https://w3id.org/antq/ontology#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_PROV = "http://www.w3.org/ns/prov#"
_XSD = "http://www.w3.org/2001/XMLSchema#"

Outcome = Literal["completed", "failed", "incomplete"]
#: The counts of a run, in the order the summary line says them.
COUNTS: Final = ("added", "replaced", "unchanged", "removed", "failed")


def _antq(name: str) -> ox.NamedNode:
    return ox.NamedNode(ANTQ + name)


#: The ``antq:`` terms this module writes (each declared in ``ontology/antq.ttl``).
RUN_TERMS: Final[tuple[str, ...]] = (
    "ArticleSource",
    "filePath",
    "articleGraph",
    "textSha256",
    "sidecarSha256",
    "pipelineVersion",
    "outcome",
    "runError",
    "contentSha256",
    *(f"articles{c.capitalize()}" for c in COUNTS),
)


# -- versions and hashes ------------------------------------------------------------------------------

#: Modules whose code does not change what an article graph holds (input/output layers).
_NOT_PIPELINE: Final = (
    "cli/",
    "__main__.py",
    "pipeline/",
    "runs.py",
    "progress.py",
    "export.py",
    "explain.py",
    "link.py",
    "validate.py",
    "formats.py",
    "store/",
    "web/",
)


@cache
def _package_digest() -> str:
    """SHA-256 over the package files that shape article graphs: the lexicons and the code of the
    text, mention, graph, IRI and gazetteer stages (everything but :data:`_NOT_PIPELINE`)."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.suffix not in (".py", ".tsv") or not p.is_file() or rel.startswith(_NOT_PIPELINE):
            continue
        h.update(rel.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


_gazetteer_digests: weakref.WeakKeyDictionary[Gazetteer, str] = weakref.WeakKeyDictionary()


def gazetteer_digest(gazetteer: Gazetteer) -> str:
    """SHA-256 of a gazetteer's content (units, successions, ISO and LCC codes), once per object."""
    found = _gazetteer_digests.get(gazetteer)
    if found is None:
        units = gazetteer.units()
        content = (
            units,
            [gazetteer.succession(u) for u in units],
            sorted(gazetteer.iso3166_2.items()),
            sorted(gazetteer.lcc.items()),
        )
        found = _gazetteer_digests[gazetteer] = hashlib.sha256(repr(content).encode()).hexdigest()
    return found


def pipeline_version(*, base_iri: str, gazetteer: Gazetteer | None) -> str:
    """``<package version>+<12 hex digits>``: the digits change with the lexicons, the pipeline's
    code, the gazetteer's content and the base IRI, so an article built before any of them changed
    is built again."""
    h = hashlib.sha256()
    for part in (base_iri, _package_digest(), gazetteer_digest(gazetteer) if gazetteer else "no gazetteer"):
        h.update(part.encode() + b"\0")
    return f"{__version__}+{h.hexdigest()[:12]}"


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


# -- reference graphs --------------------------------------------------------------------------------


def reference_hashes_graph(*, base_iri: str) -> str:
    """The named graph holding the content hashes of the reference graphs."""
    return f"{Minter(base_iri, '').base}id/graph/reference-hashes"


def content_hash_quad(graph: str, digest: str, *, base_iri: str) -> ox.Quad:
    """``<graph> antq:contentSha256 "digest"`` in :func:`reference_hashes_graph`."""
    return ox.Quad(
        ox.NamedNode(graph),
        _antq("contentSha256"),
        ox.Literal(digest),
        ox.NamedNode(reference_hashes_graph(base_iri=base_iri)),
    )


def recorded_content_hashes(store: Store, *, base_iri: str) -> dict[str, str]:
    """Reference graph IRI → the content hash recorded when it was loaded (one query)."""
    q = (
        f"SELECT ?g ?h {{ GRAPH <{reference_hashes_graph(base_iri=base_iri)}> "
        f"{{ ?g <{ANTQ}contentSha256> ?h }} }}"
    )
    return {
        str(g.value): str(h.value)  # type: ignore[union-attr]
        for g, h in store.query(q).rows()
        if g is not None and h is not None
    }


# -- article sources ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """What the store recorded about the last build of one article file."""

    path: str
    graph: str
    text_sha256: str
    sidecar_sha256: str | None
    pipeline: str

    def same_inputs(self, text_sha256: str, sidecar_sha256: str | None, pipeline: str) -> bool:
        """True when the file, its sidecar and the pipeline are as they were."""
        return (self.text_sha256, self.sidecar_sha256, self.pipeline) == (
            text_sha256,
            sidecar_sha256,
            pipeline,
        )


def source_iri(path: str, *, base_iri: str) -> str:
    """The ``antq:ArticleSource`` node of an (absolute) article path."""
    return f"{Minter(base_iri, '').base}id/source/{sha256_hex(path.encode())[:16]}"


def source_quads(record: SourceRecord, run_graph: str, *, base_iri: str) -> list[ox.Quad]:
    """The source record of one article file, in the run's graph."""
    s, g = ox.NamedNode(source_iri(record.path, base_iri=base_iri)), ox.NamedNode(run_graph)
    quads = [
        ox.Quad(s, _RDF_TYPE, _antq("ArticleSource"), g),
        ox.Quad(s, _antq("filePath"), ox.Literal(record.path), g),
        ox.Quad(s, _antq("articleGraph"), ox.NamedNode(record.graph), g),
        ox.Quad(s, _antq("textSha256"), ox.Literal(record.text_sha256), g),
        ox.Quad(s, _antq("pipelineVersion"), ox.Literal(record.pipeline), g),
    ]
    if record.sidecar_sha256 is not None:
        quads.append(ox.Quad(s, _antq("sidecarSha256"), ox.Literal(record.sidecar_sha256), g))
    return quads


def read_sources(store: Store) -> dict[str, SourceRecord]:
    """Absolute article path → its source record, for every article file the store was built from (one query)."""
    q = f"""SELECT ?file ?graph ?text ?sidecar ?version {{
      ?s a <{ANTQ}ArticleSource> ; <{ANTQ}filePath> ?file ; <{ANTQ}articleGraph> ?graph ;
         <{ANTQ}textSha256> ?text ; <{ANTQ}pipelineVersion> ?version .
      OPTIONAL {{ ?s <{ANTQ}sidecarSha256> ?sidecar }}
    }}"""
    out: dict[str, SourceRecord] = {}
    for file, graph, text, sidecar, version in store.query(q).rows():
        if file is None or graph is None or text is None or version is None:
            continue
        out[file.value] = SourceRecord(  # type: ignore[union-attr]
            file.value,  # type: ignore[union-attr]
            graph.value,  # type: ignore[union-attr]
            text.value,  # type: ignore[union-attr]
            sidecar.value if sidecar is not None else None,  # type: ignore[union-attr]
            version.value,  # type: ignore[union-attr]
        )
    return out


# -- runs ----------------------------------------------------------------------------------------------


def _time(when: datetime | str) -> ox.Literal:
    return ox.Literal(
        when if isinstance(when, str) else when.isoformat(), datatype=ox.NamedNode(_XSD + "dateTime")
    )


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(_XSD + "integer"))


def run_quads(
    run_id: str,
    *,
    base_iri: str,
    started: datetime | str,
    ended: datetime | str | None,
    outcome: Outcome,
    counts: Mapping[str, int] | None = None,
    tool_version: str = __version__,
    pipeline: str | None = None,
    error: str | None = None,
) -> list[ox.Quad]:
    """The record of one run in its own graph (see the module docstring)."""
    m = Minter(base_iri, "")
    act, g = ox.NamedNode(str(m.run(run_id))), ox.NamedNode(f"{m.run_graph_prefix}{run_id}")
    quads = [
        ox.Quad(act, _RDF_TYPE, ox.NamedNode(_PROV + "Activity"), g),
        ox.Quad(act, _RDF_TYPE, _antq("BuildRun"), g),
        ox.Quad(act, _RDFS_LABEL, ox.Literal(f"antq-kg build {run_id}", language="en"), g),
        ox.Quad(act, ox.NamedNode(_PROV + "startedAtTime"), _time(started), g),
        ox.Quad(act, _antq("toolVersion"), ox.Literal(tool_version), g),
        ox.Quad(act, _antq("outcome"), ox.Literal(outcome), g),
    ]
    if ended is not None:
        quads.append(ox.Quad(act, ox.NamedNode(_PROV + "endedAtTime"), _time(ended), g))
    if pipeline is not None:
        quads.append(ox.Quad(act, _antq("pipelineVersion"), ox.Literal(pipeline), g))
    if error:
        quads.append(ox.Quad(act, _antq("runError"), ox.Literal(error), g))
    for name, n in (counts or {}).items():
        quads.append(ox.Quad(act, _antq(f"articles{name.capitalize()}"), _int(n), g))
    return quads


def unfinished_run_quads(entries: Iterable[JournalEntry], *, base_iri: str) -> list[ox.Quad]:
    """Records of build runs that never committed (from the store's journal): ``incomplete`` for a
    killed run, ``failed`` with the error for one that stopped on an error; no end, no counts."""
    quads: list[ox.Quad] = []
    for e in entries:
        if e.run:
            outcome: Outcome = "failed" if e.outcome == "failed" else "incomplete"
            quads += run_quads(
                e.run,
                base_iri=base_iri,
                started=e.started,
                ended=None,
                outcome=outcome,
                tool_version=e.tool or __version__,
                error=e.error,
            )
    return quads


__all__ = [
    "COUNTS",
    "RUN_TERMS",
    "SourceRecord",
    "content_hash_quad",
    "gazetteer_digest",
    "pipeline_version",
    "read_sources",
    "recorded_content_hashes",
    "reference_hashes_graph",
    "run_quads",
    "sha256_hex",
    "source_iri",
    "source_quads",
    "unfinished_run_quads",
]

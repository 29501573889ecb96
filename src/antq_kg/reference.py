"""Reference graphs beside the articles: the ontology, the gazetteer and the Wikidata links.

The competency queries read them (labels, rank order, level depths, unit hierarchy, links), so a
build loads them into the store, each into its own named graph, and reloads one only when what it
is made from changed: its content hash (the ontology file; the gazetteer's content; the link files;
with the tool version and base IRI) is recorded in ``{base}id/graph/reference-hashes``
(:func:`antq_kg.runs.content_hash_quad`) and compared on the next build.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from .runs import content_hash_quad, gazetteer_digest, recorded_content_hashes, reference_hashes_graph
from .version import __version__
from .vocab import DEFAULT_BASE_IRI

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .store import Store


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in (__version__, *parts):
        h.update((part.encode() if isinstance(part, str) else part) + b"\0")
    return h.hexdigest()


def _links_files(links: Path | None) -> tuple[Path, list[Path]]:
    from .link import default_links_directory

    folder = default_links_directory() if links is None else links
    files = sorted(p for p in folder.glob("*.ttl") if p.is_file()) if folder.is_dir() else []
    return folder, files


def load_reference_graphs(
    store: Store,
    *,
    base_iri: str,
    gazetteer: Gazetteer | None,
    links: Path | None = None,
    ontology: Path | None = None,
) -> dict[str, int]:
    """Load the reference graphs into ``store`` where they changed; returns quads loaded per graph.

    * the ontology graph (``antq.ttl`` of the ``ontology`` folder, default the packaged one);
    * when a gazetteer is given, the gazetteer graph (~200k quads built without rdflib and
      bulk-loaded);
    * the links graph (:func:`antq_kg.link.links_graph_iri`): every ``*.ttl`` of ``links`` (default
      :func:`antq_kg.link.default_links_directory`, the repo's ``data/links``), the links to Wikidata
      that ``antq-kg link --wikidata`` wrote and that are reused offline. A changed file replaces the
      whole graph (a re-reconciled file never leaves stale links behind); a folder without ``*.ttl``
      loads nothing and leaves the store's links graph as it is.

    A graph is reloaded when its recorded content hash differs or the graph is missing.
    """
    from .graph import ONTOLOGY_GRAPH, add_ontology, new_dataset
    from .resources import ontology_file
    from .store import dataset_quads

    recorded = recorded_content_hashes(store, base_iri=base_iri)
    present = set(store.graphs())

    def stale(name: str, digest: str) -> bool:
        return recorded.get(name) != digest or name not in present

    loaded: dict[str, int] = {}
    name = str(ONTOLOGY_GRAPH)
    source = ontology_file(ontology)
    digest = _digest(source.read_bytes())
    if stale(name, digest):
        ds = new_dataset()
        add_ontology(ds, path=source)
        loaded[name] = store.replace_graphs(dataset_quads(ds))
        store.add_quads([content_hash_quad(name, digest, base_iri=base_iri)])
    if gazetteer is not None:
        from .gazetteer_rdf import gazetteer_graph_iri, gazetteer_quads

        name = str(gazetteer_graph_iri(base_iri=base_iri))
        digest = _digest(base_iri, gazetteer_digest(gazetteer))
        if stale(name, digest):
            store.drop_graphs([name], default=False)
            loaded[name] = store.add_quads(gazetteer_quads(gazetteer, base_iri=base_iri), bulk=True)
            store.add_quads([content_hash_quad(name, digest, base_iri=base_iri)])
    folder, files = _links_files(links)
    if files:
        from .link import links_graph_iri

        name = str(links_graph_iri(base_iri=base_iri))
        digest = _digest(base_iri, *(part for p in files for part in (p.name, p.read_bytes())))
        if stale(name, digest):
            loaded[name] = _replace_links(store, folder, base_iri=base_iri)
            store.add_quads([content_hash_quad(name, digest, base_iri=base_iri)])
    return loaded


def _replace_links(store: Store, folder: Path | None, *, base_iri: str) -> int:
    """Parse the link files (a bad one is an ``InputError`` before anything is dropped), then replace the graph."""
    import rdflib

    from .link import links_graph_iri, load_links

    name = links_graph_iri(base_iri=base_iri)
    links_ds = rdflib.Dataset()
    load_links(folder, base_iri=base_iri, into=links_ds.graph(name))
    store.drop_graphs([str(name)], default=False)  # replaced even when the files now hold no link
    return store.load_dataset(links_ds)


def load_gazetteer_graphs(
    store: Store, gazetteer: Gazetteer, *, base_iri: str, links: Path | None = None, record: bool = True
) -> dict[str, int]:
    """Replace the gazetteer graph and the links graph in ``store`` (``antq-kg gazetteer export``).

    The links (every ``*.ttl`` of ``links``, default the repo's ``data/links``) are parsed before anything
    is dropped, so a bad links file leaves the store as it was. With ``record`` (for a store, not a
    file to hand out) their content hashes are recorded, so the next build does not load them again.
    Returns quads loaded per graph name.
    """
    from .gazetteer_rdf import gazetteer_graph_iri, gazetteer_quads
    from .link import links_graph_iri

    gazetteer_name, links_name = (
        str(gazetteer_graph_iri(base_iri=base_iri)),
        str(links_graph_iri(base_iri=base_iri)),
    )
    _, files = _links_files(links)
    n_links = _replace_links(store, links, base_iri=base_iri)
    store.drop_graphs([gazetteer_name], default=False)
    n_gazetteer = store.add_quads(gazetteer_quads(gazetteer, base_iri=base_iri), bulk=True)
    if record:
        links_digest = _digest(base_iri, *(part for p in files for part in (p.name, p.read_bytes())))
        store.add_quads(
            [
                content_hash_quad(
                    gazetteer_name, _digest(base_iri, gazetteer_digest(gazetteer)), base_iri=base_iri
                ),
                content_hash_quad(links_name, links_digest, base_iri=base_iri),
            ]
        )
    return {gazetteer_name: n_gazetteer, links_name: n_links}


def reference_graph_names(*, base_iri: str = DEFAULT_BASE_IRI) -> set[str]:
    """The named graphs :func:`load_reference_graphs` writes (the ontology, the gazetteer, the links,
    and the record of their content hashes).

    ``antq-kg validate`` leaves them out: the shapes judge what the builder made, and the
    validator reads the ontology itself.
    """
    from .gazetteer_rdf import gazetteer_graph_iri
    from .iris import ONTOLOGY_GRAPH
    from .link import links_graph_iri

    return {
        str(ONTOLOGY_GRAPH),
        str(gazetteer_graph_iri(base_iri=base_iri)),
        str(links_graph_iri(base_iri=base_iri)),
        reference_hashes_graph(base_iri=base_iri),
    }


def reset_store(store: Store, *, base_iri: str = DEFAULT_BASE_IRI) -> None:
    """Empty ``store`` for a fresh build, keeping only the gazetteer graph (and its content hash).

    The gazetteer graph depends only on the gazetteer data and takes far longer to rebuild than
    any article, so ``build --replace`` keeps it; it is reloaded by the next build when the
    gazetteer changed.
    """
    from .gazetteer_rdf import gazetteer_graph_iri

    keep = str(gazetteer_graph_iri(base_iri=base_iri))
    recorded = recorded_content_hashes(store, base_iri=base_iri)
    store.drop_graphs([g for g in store.graphs() if g != keep])
    if keep in recorded and keep in store.graphs():
        store.add_quads([content_hash_quad(keep, recorded[keep], base_iri=base_iri)])


__all__ = ["load_gazetteer_graphs", "load_reference_graphs", "reference_graph_names", "reset_store"]

"""Loading RDF files into a store (``antq-kg load``) with the corpus graph kept right.

The graphs a file writes are known from its checked parse (:func:`antq_kg.store.check_rdf_file` with
``graphs=True``), so the preferred labels of the entities they name are chosen again in the same write
session as the load (:func:`antq_kg.pipeline.corpus.labels_kept`): a load that fails or is killed leaves
the store, corpus graph included, as it was. A file built elsewhere (``antq-kg build -o``) carries its
own corpus graph, chosen over its own articles only; it is never kept as a second opinion: after the
load the corpus graph is what a build of every article in the store states.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..iris import DEFAULT_BASE_IRI, run_graph_prefix
from .corpus import labels_kept

if TYPE_CHECKING:
    from ..store import CheckedRdf, StoreWriter

__all__ = ["load_files"]


def load_files(
    session: StoreWriter,
    files: Sequence[CheckedRdf],
    *,
    replace: bool = False,
    base_iri: str = DEFAULT_BASE_IRI,
) -> int:
    """Bulk-load ``files`` (each checked with ``graphs=True``) in ``session`` and choose again the
    preferred labels of what their graphs name. With ``replace`` the named graphs the files hold replace
    the stored ones, and what the stored runs say of them goes (the corpus graph excepted: it is chosen
    again). Returns the quads read."""
    graphs: set[str] = set()
    for f in files:
        if f.graphs is None:
            raise ValueError(f"{f.file.path}: checked without its graphs (check_rdf_file(…, graphs=True))")
        graphs |= f.graphs
    with labels_kept(session, graphs, base_iri=base_iri) as labels:
        if replace:
            replaced = sorted(graphs - {labels.graph})
            # what the stored runs say of a replaced graph goes with it (the file's run says its own)
            session.remove_about(replaced, graph_prefix=run_graph_prefix(base_iri=base_iri))
            session.drop_graphs(replaced, default=False)
        for f in files:
            session.bulk_load(f)
    return sum(f.quads for f in files)

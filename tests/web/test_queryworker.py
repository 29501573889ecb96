"""The query zygote's in-memory copy of a snapshot: every quad of the store on disk, nothing else."""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest

from antq_kg import queryworker

EX = "https://antq.example/"


def _store_on_disk(path: Path) -> ox.Store:
    store = ox.Store(str(path))
    graph = ox.NamedNode(f"{EX}graph/article-1")
    person, node = ox.NamedNode(f"{EX}id/person/p1"), ox.BlankNode("b1")
    store.extend(
        [
            ox.Quad(person, ox.NamedNode(f"{EX}def/name"), ox.Literal("Nguyễn Văn An", language="vi"), graph),
            ox.Quad(person, ox.NamedNode(f"{EX}def/rank"), node, graph),
            ox.Quad(
                node,
                ox.NamedNode(f"{EX}def/count"),
                ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                graph,
            ),
            ox.Quad(
                ox.NamedNode(f"{EX}def/Person"),
                ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                ox.Literal('người "trích dẫn"\nhai dòng'),
                ox.DefaultGraph(),
            ),
        ]
    )
    store.flush()
    return store


def _without_blank_nodes(store: ox.Store) -> set[str]:
    """The quads without a blank node (a copy may relabel blank nodes)."""
    return {str(q) for q in store if "_:" not in str(q)}


def test_the_copy_holds_every_quad_of_the_snapshot(tmp_path: Path) -> None:
    _store_on_disk(tmp_path / "store")
    disk = ox.Store.read_only(str(tmp_path / "store"))
    copy = queryworker.in_memory_copy(disk)
    assert len(copy) == len(disk) == 4
    assert {str(q.graph_name) for q in copy} == {str(q.graph_name) for q in disk}
    assert _without_blank_nodes(copy) == _without_blank_nodes(disk)
    # the blank node still links the person to the count
    answer = copy.query(
        f"SELECT ?n {{ GRAPH ?g {{ <{EX}id/person/p1> <{EX}def/rank>/<{EX}def/count> ?n }} }}"
    )
    assert isinstance(answer, ox.QuerySolutions)
    assert [row["n"].value for row in answer] == ["42"]


def test_without_room_for_the_temporary_file_the_copy_is_still_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store_on_disk(tmp_path / "store")
    disk = ox.Store.read_only(str(tmp_path / "store"))

    def full(*args: object, **kwargs: object) -> object:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    copy = queryworker.in_memory_copy(disk)
    assert len(copy) == 4
    assert _without_blank_nodes(copy) == _without_blank_nodes(disk)

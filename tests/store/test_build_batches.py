"""A build gathers article graphs into batches for the bulk loader: whatever the batch size, the store
it leaves is the one that writing each article on its own would have left.

The scenario goes through what makes batching delicate: an article whose graph is replaced under the
same IRI (only its sidecar changed), two files giving one graph in the same run, one file named twice,
a changed text (new graph, the old one dropped), a file gone from a folder, and ``--force``.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from antq_kg.pipeline import BuildResult, build, builder
from antq_kg.store import EmbeddedStore, open_store

ARTICLE = 'Công an huyện Phù Cừ ra mắt mô hình "Camera an ninh" ở thôn {place}.\n\nPhương Thủy\n'
_DATETIME = re.compile(r'"[^"]*"\^\^<http://www\.w3\.org/2001/XMLSchema#dateTime>')


def write(path: Path, place: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(place=place), encoding="utf-8")
    return path


def dump(store: EmbeddedStore, runs: list[BuildResult]) -> list[str]:
    """The store's quads as sorted N-Quads lines, each run's id replaced by its number and times left out."""
    text = "\n".join(str(q) for q in store)
    for i, run in enumerate(runs):
        text = text.replace(run.run_id, f"RUN{i}")
    return sorted(_DATETIME.sub('"TIME"', text).splitlines())


def scenario(root: Path, store: EmbeddedStore) -> Iterator[list[str]]:
    shutil.rmtree(root, ignore_errors=True)  # the same files at the same paths on every call
    corpus = root / "in"
    for i, place in enumerate(("Lỗ Xá", "Nhân Hòa", "Xóm Đông")):
        write(corpus / f"{i}.txt", place)
    twins = [write(root / d / f"{d}.txt", "Thôn Đoài") for d in ("a", "b")]  # one text: one graph
    runs = [build([corpus, *twins, corpus / "0.txt"], store=store, reference=False)]
    yield dump(store, runs)
    write(corpus / "1.txt", "Nhân Hòa mới")  # new text: a new graph, the old one dropped
    (corpus / "2.meta.json").write_text(
        json.dumps({"author": "Phương Thủy"}), encoding="utf-8"
    )  # same graph IRI
    (corpus / "0.txt").unlink()
    runs.append(build([corpus, *twins], store=store, reference=False))
    yield dump(store, runs)
    runs.append(build([corpus, *twins], store=store, reference=False, force=True))
    yield dump(store, runs)
    assert [r.counts for r in runs] == [
        {"added": 5, "replaced": 0, "unchanged": 1, "removed": 0, "failed": 0},  # 0.txt again: as just built
        {"added": 0, "replaced": 2, "unchanged": 2, "removed": 1, "failed": 0},
        {"added": 0, "replaced": 4, "unchanged": 0, "removed": 0, "failed": 0},
    ]


def test_the_store_is_the_same_whatever_the_batch_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(tmp_path / "whole") as store:
        whole = list(scenario(tmp_path / "articles", store))
    loads: list[int] = []
    real = builder._Batch.flush

    def flush(self: builder._Batch, *, wait: bool = True) -> None:
        loads.append(len(self.parts))
        real(self, wait=wait)

    monkeypatch.setattr(builder._Batch, "flush", flush)
    # every article loaded at once, as many loads at a time as a build makes
    monkeypatch.setattr(builder._Batch.__init__, "__defaults__", (1, builder.LOADERS))
    with open_store(tmp_path / "single") as store:
        single = list(scenario(tmp_path / "articles", store))
    assert max(loads) <= 2  # an article's graph and its source record, nothing else waited
    assert single == whole
    assert any("Thôn Đoài" in line for line in whole[0])


def test_an_in_memory_store_is_loaded_in_the_builds_own_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyoxigraph's in-memory store can deadlock when one thread writes it while another reads it, so a
    build into memory (``build -o FILE``) loads its batches and the reference graphs in its own thread;
    on disk they load beside it."""
    import antq_kg.reference
    from antq_kg.store.session import StoreWriter

    threads: list[str] = []
    real_load, real_reference = StoreWriter.load_nquads, antq_kg.reference.load_reference_graphs

    def load_nquads(self: StoreWriter, data: bytes) -> None:
        threads.append(threading.current_thread().name)
        real_load(self, data)

    def load_reference_graphs(*args: object, **kwargs: object) -> dict[str, int]:
        threads.append(threading.current_thread().name)
        return real_reference(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(StoreWriter, "load_nquads", load_nquads)
    monkeypatch.setattr(antq_kg.reference, "load_reference_graphs", load_reference_graphs)
    monkeypatch.setattr(builder._Batch.__init__, "__defaults__", (1, builder.LOADERS))
    paths = [write(tmp_path / "in" / f"{i}.txt", place) for i, place in enumerate(("Lỗ Xá", "Nhân Hòa"))]
    here = threading.current_thread().name
    with EmbeddedStore(None) as memory:
        in_memory = dump(memory, [build(paths, store=memory, gazetteer=None)])
    assert len(threads) == 3 and set(threads) == {here}  # two articles, the reference graphs
    threads.clear()
    with open_store(tmp_path / "disk") as disk:
        on_disk = dump(disk, [build(paths, store=disk, gazetteer=None)])
    assert len(threads) == 3 and here not in threads
    blank = re.compile(r"_:\w+")  # the ontology's blank nodes are labelled afresh by each load
    assert sorted(blank.sub("_:b", x) for x in in_memory) == sorted(blank.sub("_:b", x) for x in on_disk)
    assert any("Nhân Hòa" in line for line in in_memory)

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

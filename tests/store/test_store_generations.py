"""Generations on disk: one writer under a lock, readers on snapshots, kills that leave no trace.

Real on-disk stores; the kills, the concurrent reader and the competing writers are real processes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from antq_kg.errors import StoreError
from antq_kg.formats import RDF_FORMATS
from antq_kg.store import EmbeddedStore, open_store

EX = "http://example.org/"
NQ = RDF_FORMATS["nquads"]


def version(k: int, n: int = 50) -> bytes:
    """Graph <g> at version ``k``: ``n`` triples, every one saying ``k``."""
    return "".join(f'<{EX}s{i}> <{EX}v> "{k}" <{EX}g> .\n' for i in range(n)).encode()


def value_of_g(store: EmbeddedStore) -> list[list[str]]:
    q = f"SELECT (COUNT(*) AS ?n) (MIN(?v) AS ?lo) (MAX(?v) AS ?hi) {{ GRAPH <{EX}g> {{ ?s <{EX}v> ?v }} }}"
    return store.query(q).table()[1]


def tmp_generations(path: Path) -> list[str]:
    return sorted(p.name for p in (path / "gens").glob("*.tmp"))


def committed(path: Path) -> list[str]:
    return sorted(p.name for p in (path / "gens").iterdir() if p.is_dir() and not p.name.endswith(".tmp"))


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", textwrap.dedent(code), *args]


def wait_for(cond: object, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


# -- layout --------------------------------------------------------------------------------------------


def test_each_write_commits_a_new_generation_named_by_head(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with open_store(path) as store:
        assert json.loads((path / "antq-store.json").read_text()) == {"format": 1}
        first = store.snapshot()
        assert first.name == (path / "HEAD").read_text().strip() == "g000001"
        store.load_bytes(version(1), NQ)
        second = store.snapshot()
        assert second.name == store.generation == "g000002"
        assert second.path == path / "gens" / "g000002"
        assert len(ox.Store.read_only(str(second.path))) == 50
        first.release()
        second.release()


def test_old_generations_are_removed_keeping_head_and_the_previous_one(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with open_store(path) as store:
        for k in range(4):
            store.load_bytes(version(k), NQ, replace=True)
        assert committed(path) == ["g000004", "g000005"]
        assert value_of_g(store) == [["50", "3", "3"]]


def test_a_pinned_generation_outlives_later_commits_until_released(tmp_path: Path) -> None:
    path = tmp_path / "s"
    store = open_store(path)
    store.load_bytes(version(1), NQ)
    snap = store.snapshot()
    old = ox.Store.read_only(str(snap.path))
    for k in range(2, 6):
        store.load_bytes(version(k), NQ, replace=True)
    assert snap.name in committed(path)  # three commits later, still there: a reader holds it
    assert {q.object.value for q in old} == {"1"}
    snap.release()
    store.load_bytes(version(6), NQ, replace=True)
    assert snap.name not in committed(path)
    store.close()


def test_the_snapshot_api_on_disk_and_in_memory(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="in-memory store has no snapshot"):
        open_store(None).snapshot()
    with open_store(tmp_path / "s") as store:
        before = store.snapshot()
        store.load_bytes(version(1), NQ)
        after = store.snapshot()
        assert before.name != after.name
        assert len(ox.Store.read_only(str(before.path))) == 0
        assert len(ox.Store.read_only(str(after.path))) == 50


def test_a_reader_keeps_its_snapshot_until_it_refreshes(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with open_store(path) as writer:
        writer.load_bytes(version(1), NQ)
        reader = open_store(path, read_only=True)
        writer.load_bytes(version(2), NQ, replace=True)
        assert value_of_g(reader) == [["50", "1", "1"]]
        assert reader.refresh() is True
        assert value_of_g(reader) == [["50", "2", "2"]]
        assert reader.refresh() is False
        reader.close()


def test_a_failing_session_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with open_store(path) as store:
        store.load_bytes(version(1), NQ)
        head = store.generation
        with pytest.raises(RuntimeError), store.writer() as w:
            w.load_bytes(version(2), NQ, replace=True)
            assert value_of_g(w) == [["50", "2", "2"]]  # the session reads its own writes
            raise RuntimeError("stop")
        assert store.generation == head
        assert value_of_g(store) == [["50", "1", "1"]]
        assert tmp_generations(path) == []


def test_a_write_inside_a_session_of_the_same_thread_is_refused_not_a_deadlock(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        with store.writer() as w:
            w.load_bytes(version(1), NQ)
            with pytest.raises(
                StoreError, match="a write session is already open on this store in this thread"
            ):
                store.load_bytes(version(2), NQ)
            with pytest.raises(StoreError, match="already open"):
                open_store(tmp_path / "s").clear()
        assert value_of_g(store) == [["50", "1", "1"]]


def test_a_folder_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match=r"not an antq-kg store \(it holds notes\.txt\)"):
        open_store(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "writer.lock"]


# -- migration of a plain RocksDB directory ------------------------------------------------------------


def _plain(path: Path) -> None:
    old = ox.Store(str(path))
    old.load(version(1), ox.RdfFormat.N_QUADS)
    old.flush()
    del old


def test_a_plain_rocksdb_directory_is_read_as_is_and_migrated_on_first_write(tmp_path: Path) -> None:
    path = tmp_path / "old"
    _plain(path)
    with open_store(path, read_only=True) as ro:
        assert ro.generation == "plain"
        assert value_of_g(ro) == [["50", "1", "1"]]
    assert not (path / "gens").exists()  # reading changes nothing
    with open_store(path) as store:
        store.load_bytes(f'<{EX}x> <{EX}p> "new" <{EX}h> .'.encode(), NQ)
        assert committed(path) == ["g000001", "g000002"]
        assert not (path / "CURRENT").exists()
        assert value_of_g(store) == [["50", "1", "1"]]
        assert len(store) == 51


def test_an_interrupted_migration_is_finished_by_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "old"
    _plain(path)
    half = path / "gens" / "g000001.tmp"
    half.mkdir(parents=True)
    for p in sorted(path.glob("*.sst"))[:2]:
        p.rename(half / p.name)  # killed while moving the files
    with open_store(path) as store:
        store.load_bytes(f'<{EX}x> <{EX}p> "new" <{EX}h> .'.encode(), NQ)
        assert value_of_g(store) == [["50", "1", "1"]]


# -- killed writers ------------------------------------------------------------------------------------

KILLED_WRITER = """
    import sys, time
    from antq_kg.store import open_store
    from antq_kg.formats import RDF_FORMATS
    store = open_store(sys.argv[1])
    with store.writer(op="build", run="run-killed") as w:
        w.load_bytes(b'<http://example.org/x> <http://example.org/p> "half-written" .', RDF_FORMATS["nquads"])
        print("writing", flush=True)
        time.sleep(60)
"""


def test_a_writer_killed_mid_write_leaves_the_store_as_before_and_the_next_open_cleans_up(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s"
    with open_store(path) as store:
        store.load_bytes(version(1), NQ)
        head = store.generation
    proc = subprocess.Popen(python(KILLED_WRITER, str(path)), stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert tmp_generations(path) == ["g000003.tmp"]  # what the killed writer left
    assert (path / "HEAD").read_text().strip() == head
    with open_store(path, read_only=True) as again:
        assert tmp_generations(path) == []  # removed on opening (no writer holds the lock)
        assert [e.describe().split(" (")[0] for e in again.recovered] == ["build run run-killed"]
        assert value_of_g(again) == [["50", "1", "1"]]
        assert again.query('ASK { ?s ?p "half-written" }').boolean is False
    with open_store(path) as store, store.writer() as w:
        assert [(e.run, e.outcome) for e in w.unfinished] == [("run-killed", "incomplete")]


def test_a_load_killed_in_the_bulk_loader_is_rolled_back(tmp_path: Path) -> None:
    path = tmp_path / "s"
    big = tmp_path / "big.nt"
    with big.open("w") as f:
        for i in range(300_000):
            f.write(f'<{EX}s{i}> <{EX}p> "{i}" .\n')
    with open_store(path) as store:
        store.load_bytes(version(1), NQ)
    exe = Path(sys.executable).with_name("antq-kg")
    proc = subprocess.Popen([str(exe), "--store", str(path), "load", str(big)], stderr=subprocess.PIPE)
    wait_for(lambda: tmp_generations(path) or proc.poll() is not None)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(path) as again:
        assert tmp_generations(path) == []
        assert len(again) == 50
        assert [e.op for e in again.recovered] == ["load"]


# -- readers and writers in other processes -------------------------------------------------------------

READER = """
    import json, sys, time
    from antq_kg.store import open_store
    store = open_store(sys.argv[1], read_only=True)
    q = "SELECT (COUNT(*) AS ?n) (MIN(?v) AS ?lo) (MAX(?v) AS ?hi) { GRAPH <http://example.org/g> { ?s ?p ?v } }"
    pinned, fresh = set(), set()
    print("ready", flush=True)
    deadline = time.monotonic() + float(sys.argv[2])
    while time.monotonic() < deadline:
        pinned.add(tuple(store.query(q).table()[1][0]))
        other = open_store(sys.argv[1], read_only=True)
        fresh.add(tuple(other.query(q).table()[1][0]))
        other.close()
    print(json.dumps({"pinned": sorted(pinned), "fresh": sorted(fresh)}))
"""


def test_a_reader_process_keeps_a_consistent_answer_while_a_writer_commits(tmp_path: Path) -> None:
    path = tmp_path / "s"
    store = open_store(path)
    store.load_bytes(version(0), NQ)
    reader = subprocess.Popen(python(READER, str(path), "4"), stdout=subprocess.PIPE, text=True)
    assert reader.stdout is not None and reader.stdout.readline() == "ready\n"
    k = 0
    while reader.poll() is None and k < 200:
        k += 1
        store.load_bytes(version(k), NQ, replace=True)
    out, _ = reader.communicate(timeout=60)
    seen = json.loads(out)
    assert seen["pinned"] == [["50", "0", "0"]]  # its snapshot never changed under it
    assert len(seen["fresh"]) > 1  # it did see the writer's commits when it opened anew …
    assert all(n == "50" and lo == hi for n, lo, hi in seen["fresh"])  # … each one whole, never mixed
    store.close()


HOLDER = """
    import sys, time
    from antq_kg.store import open_store
    from antq_kg.formats import RDF_FORMATS
    store = open_store(sys.argv[1], on_wait=lambda m: print("waiting: " + m, file=sys.stderr, flush=True))
    with store.writer(op=sys.argv[2]) as w:
        print(f"in {time.monotonic()}", flush=True)
        w.load_bytes(('<http://example.org/%s> <http://example.org/p> "1" .' % sys.argv[2]).encode(), RDF_FORMATS["nquads"])
        time.sleep(float(sys.argv[3]))
        print(f"out {time.monotonic()}", flush=True)
"""


def test_two_writers_serialise_and_the_second_says_it_waits(tmp_path: Path) -> None:
    path = tmp_path / "s"
    open_store(path).close()
    first = subprocess.Popen(python(HOLDER, str(path), "first", "1.5"), stdout=subprocess.PIPE, text=True)
    assert first.stdout is not None
    t_in1 = float(first.stdout.readline().split()[1])
    second = subprocess.Popen(
        python(HOLDER, str(path), "second", "0"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    out1, _ = first.communicate(timeout=60)
    out2, err2 = second.communicate(timeout=60)
    t_out1 = float(out1.split()[1])
    t_in2 = float(out2.split()[1])
    assert t_in1 < t_out1 <= t_in2  # the second began after the first had finished
    assert err2.startswith(
        f"waiting: {path}: waiting for another writer to finish (pid {first.pid}, antq-kg first since "
    )
    with open_store(path, read_only=True) as done:
        assert len(done) == 2


def test_a_writer_that_will_not_wait_fails_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "s"
    ttl = tmp_path / "x.ttl"
    ttl.write_text(f'<{EX}a> <{EX}p> "x" .\n')
    exe = str(Path(sys.executable).with_name("antq-kg"))
    with open_store(path) as store, store.writer(op="build"):
        busy = subprocess.run(
            [exe, "--store", str(path), "load", "--no-wait", str(ttl)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert busy.returncode == 2
        assert busy.stderr.count("\n") == 1
        assert busy.stderr.startswith(
            f"Error: {path}: another writer is using the store (pid {os.getpid()}, antq-kg build since "
        )
    with open_store(path, read_only=True) as after:
        assert len(after) == 0


# -- scratch folders -----------------------------------------------------------------------------------

KILLED_VALIDATOR = """
    import sys, time
    from antq_kg.store import open_store
    store = open_store(sys.argv[1], read_only=True)
    with store.scratch("validate") as folder:
        store.checkpoint(folder / "store")
        print(folder, flush=True)
        time.sleep(60)
"""


def scratch_folders(path: Path) -> list[str]:
    return sorted(p.name for p in (path / "scratch").iterdir()) if (path / "scratch").is_dir() else []


def test_a_checkpoint_to_work_on_is_made_inside_the_store_and_removed_after(tmp_path: Path) -> None:
    """On the store's own file system a checkpoint is hard links (into a /tmp on tmpfs RocksDB would
    copy the whole store into memory)."""
    path = tmp_path / "s"
    with open_store(path) as store:
        store.load_bytes(version(1), NQ)
        with store.scratch("validate") as folder:
            assert folder.parent == path / "scratch" and folder.name.startswith("validate-")
            store.checkpoint(folder / "store")
            ssts = [p for p in (folder / "store").iterdir() if p.suffix == ".sst"]
            assert ssts and all(p.stat().st_nlink > 1 for p in ssts)  # hard links to the generation's
            assert value_of_g(EmbeddedStore(folder / "store", read_only=True)) == [["50", "1", "1"]]
        assert scratch_folders(path) == []


def test_the_scratch_folder_of_a_killed_owner_goes_and_a_live_one_stays(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with open_store(path) as store:
        store.load_bytes(version(1), NQ)
    proc = subprocess.Popen(python(KILLED_VALIDATOR, str(path)), stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    killed = Path(proc.stdout.readline().strip())
    assert (killed / "store").is_dir()
    with open_store(path, read_only=True) as store, store.scratch("validate") as mine:
        assert killed.is_dir()  # its owner is alive: kept
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        with store.scratch("validate") as second:  # the next caller removes what the killed one left
            assert not killed.exists()
            assert scratch_folders(path) == sorted(
                [mine.name, f"{mine.name}.lock", second.name, f"{second.name}.lock"]
            )
        assert mine.is_dir()
    assert scratch_folders(path) == []


def test_a_store_whose_scratch_folder_cannot_be_made_works_in_a_temporary_folder(tmp_path: Path) -> None:
    """Where the store's directory gives no room (read-only, or here a file in the way), the work
    goes to a temporary folder instead, removed after as well."""
    path = tmp_path / "s"
    with open_store(path) as store:
        store.load_bytes(version(1), NQ)
    (path / "scratch").write_text("in the way")
    with open_store(path, read_only=True) as store:
        with store.scratch("validate") as folder:
            assert not folder.is_relative_to(path) and folder.is_dir()
            store.checkpoint(folder / "store")
        assert not folder.exists()

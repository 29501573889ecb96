"""``antq-kg build``/``load``/``remove`` as a person runs them: real processes, real terminals, real kills."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import pty
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from antq_kg.progress import Progress
from antq_kg.store import open_store

EXE = str(Path(sys.executable).with_name("antq-kg"))
EX = "http://example.org/"
ARTICLE = 'Công an huyện Phù Cừ ra mắt mô hình "Camera an ninh" ở thôn {place}.\n\nPhương Thủy\n'


def corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(ARTICLE.format(place=f"Xóm {i}"), encoding="utf-8")
    return folder


def antq(store: Path, *args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXE, "--store", str(store), *map(str, args)], capture_output=True, text=True, timeout=timeout
    )


def ask(store: Path, query: str) -> bool:
    with open_store(store, read_only=True) as s:
        return s.query(query).boolean


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(c) for c in found]


def wait_gone(pids: list[int], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while any(Path(f"/proc/{p}").exists() and "zombie" not in _state(p) for p in pids):
        if time.monotonic() > deadline:
            for p in pids:  # the test's own stray processes, ended by their ids
                with contextlib.suppress(ProcessLookupError):
                    os.kill(p, signal.SIGKILL)
            raise AssertionError(f"workers {pids} outlived their build")
        time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:", 1)[1].split("\n", 1)[0].lower()
    except (OSError, IndexError):
        return "gone"


# -- build ----------------------------------------------------------------------------------------------


def test_a_killed_build_leaves_the_store_as_it_was_and_the_next_build_says_so(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = antq(store, "build", "--no-reference", corpus(tmp_path / "a", 2))
    assert first.returncode == 0, first.stderr
    with open_store(store, read_only=True) as s:
        before = sorted(map(str, s))
    proc = subprocess.Popen(
        [
            EXE,
            "--store",
            str(store),
            "build",
            "--no-reference",
            "--jobs",
            "2",
            str(corpus(tmp_path / "b", 1000)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not list((store / "gens").glob("*.tmp")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    while not children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # the new generation open, until the workers started
    time.sleep(0.3)  # a few articles into it (the whole corpus takes several seconds)
    workers = children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert workers  # the pool was running …
    wait_gone(workers)  # … and its workers ended with the build (they would otherwise idle for ever)
    killed = json.loads((store / "journal.json").read_text())["current"]["run"]
    with open_store(store, read_only=True) as s:
        assert sorted(map(str, s)) == before
    after = antq(store, "build", "--no-reference", tmp_path / "a")
    assert after.returncode == 0, after.stderr
    notes = [line for line in after.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1
    assert notes[0].startswith(f"note: the earlier build run {killed} (started ")
    assert notes[0].endswith(
        "did not complete (it was killed or interrupted); nothing it wrote was kept, "
        "and it is recorded as incomplete"
    )
    assert ask(
        store,
        f"ASK {{ <https://w3id.org/antq/id/run/{killed}> "
        f'<https://w3id.org/antq/ontology#outcome> "incomplete" }}',
    )
    assert list((store / "gens").glob("*.tmp")) == []


def test_a_build_that_is_not_on_a_terminal_prints_plain_lines_and_quiet_prints_only_the_summary(
    tmp_path: Path,
) -> None:
    articles = corpus(tmp_path / "a", 3)
    (articles / "bad.txt").write_bytes(b"")
    loud = antq(tmp_path / "s1", "build", "--no-reference", articles)
    quiet = antq(tmp_path / "s2", "build", "--no-reference", "--quiet", articles)
    for result in (loud, quiet):
        assert result.returncode == 2
        assert "\x1b[" not in result.stderr  # no terminal control sequences in a log
        assert result.stderr.splitlines()[0] == f"Error: {articles / 'bad.txt'}: empty file"
        assert re.fullmatch(
            r"Build \S+: 3 added, 0 replaced, 0 unchanged, 0 removed, 1 failed \(\d+ quads\) → \S+",
            result.stderr.splitlines()[-1],
        )
    assert len(quiet.stderr.splitlines()) == 2


def test_plain_progress_lines_say_done_total_rate_and_time_left() -> None:
    out = io.StringIO()
    with Progress("build", stream=out, terminal=False, interval=0) as p:
        for done in range(1, 5):
            time.sleep(0.01)
            p.update(done, 4)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3  # not at the end: the summary line says that
    assert re.fullmatch(r"build: 2/4 articles \(50%\), [\d.]+ articles/s, 0:00:00 left", lines[1])
    assert lines[-1].startswith("build: 3/4 articles (75%), ")
    quiet = io.StringIO()
    with Progress("build", stream=quiet, terminal=False, interval=0, quiet=True) as p:
        p.update(1, 4)
    assert quiet.getvalue() == ""


def test_on_a_terminal_a_build_shows_a_bar_with_rate_and_time_left(tmp_path: Path) -> None:
    articles = corpus(tmp_path / "a", 5)
    main, side = pty.openpty()
    proc = subprocess.Popen(
        [EXE, "--store", str(tmp_path / "s"), "build", "--no-reference", str(articles)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=side,
        env={**os.environ, "COLUMNS": "120"},
    )
    os.close(side)
    chunks = []
    while True:
        try:
            data = os.read(main, 4096)
        except OSError:  # the other end closed
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(main)
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "\x1b[" in screen  # drawn in place
    assert "5/5" in screen and "articles/s" in screen and "━" in screen
    assert "Build " in screen and ": 5 added," in screen


def test_remove_from_the_command_line(tmp_path: Path) -> None:
    store = tmp_path / "store"
    articles = corpus(tmp_path / "a", 2)
    assert antq(store, "build", "--no-reference", articles).returncode == 0
    gone = antq(store, "remove", articles / "000.txt", tmp_path / "never.txt")
    assert gone.returncode == 2
    assert gone.stderr.splitlines() == [
        f"Error: {tmp_path / 'never.txt'}: no article built from this file or folder is in the store",
        f"Removed 1 article(s) → {store}",
    ]
    rebuilt = antq(store, "build", "--no-reference", articles)
    assert ": 1 added, 0 replaced, 1 unchanged, 0 removed, 0 failed" in rebuilt.stderr
    missing = antq(tmp_path / "nothing", "remove", articles / "000.txt")
    assert missing.returncode == 2
    assert (
        missing.stderr
        == f"Error: {tmp_path / 'nothing'}: no store here (run `antq-kg build` or `antq-kg load` first)\n"
    )


# -- load -----------------------------------------------------------------------------------------------

NT = "".join(f'<{EX}s{i}> <{EX}p> "Hòa {i}"@vi .\n' for i in range(100)) + f"_:b <{EX}p> <{EX}o> .\n"


@pytest.mark.parametrize("name", ["data.nt.gz", "data.nt"])
def test_load_reads_gzip_by_extension_or_by_its_magic_bytes(tmp_path: Path, name: str) -> None:
    f = tmp_path / name
    f.write_bytes(gzip.compress(NT.encode()))  # data.nt: gzip without the suffix
    result = antq(tmp_path / "s", "load", f)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"Loaded 101 quads from {f}\n"
    again = antq(tmp_path / "s", "load", f)  # blank nodes of each load stay apart
    assert again.returncode == 0
    with open_store(tmp_path / "s", read_only=True) as s:
        assert len(s) == 102


def test_a_bad_line_anywhere_names_file_line_and_column_and_loads_nothing(tmp_path: Path) -> None:
    store = tmp_path / "s"
    good = tmp_path / "good.nt"
    good.write_text(NT, encoding="utf-8")
    assert antq(store, "load", good).returncode == 0
    head = (store / "HEAD").read_text()
    bad = tmp_path / "bad.nt.gz"
    lines = NT.splitlines(keepends=True)
    lines.insert(80, f'<{EX}x> <{EX}p> "unterminated .\n')
    bad.write_bytes(gzip.compress("".join(lines).encode()))
    result = antq(store, "load", bad)
    assert result.returncode == 2
    assert result.stderr.startswith(f"Error: {bad}: N-Triples syntax error at line 81, column ")
    assert result.stderr.count("\n") == 1
    assert (store / "HEAD").read_text() == head  # not even a new generation
    broken = tmp_path / "cut.nt.gz"
    broken.write_bytes(gzip.compress(NT.encode())[:-12])
    cut = antq(store, "load", broken)
    assert cut.returncode == 2
    assert cut.stderr.startswith(f"Error: {broken}: not a readable gzip file: ")

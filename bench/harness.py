"""What the corpus-scale benchmarks share: synthetic corpora cached under ``.antq/bench/``, the ``antq-kg``
command, and a measured run of it (wall time, CPU time and peak memory of its whole process tree).

The benchmarks drive the command line, not library internals, so they run the same on every version
of the builder and store. Memory is measured two ways:

* ``tree`` — the sum over the command's process tree (the command and its pool workers) of each
  process's proportional set size (``Pss`` in ``/proc/PID/smaps_rollup``: pages shared by forked
  workers counted once), sampled every ``interval`` seconds: the memory the command costs;
* ``largest`` — the peak resident set of the largest single process of the tree, exact, from the
  kernel's ``ru_maxrss`` as ``os.wait4`` reports it for the reaped command (which includes its
  reaped children), the figure ``/usr/bin/time -v`` prints.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".antq" / "bench"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402  (bench/ is not a package)

#: The files whose content decides what a build writes: a cached store is rebuilt when one changes.
BUILD_INPUTS = ("src/antq_kg", "ontology", "data/gazetteer", "data/links", "bench/synth.py")


def antq() -> list[str]:
    """The ``antq-kg`` command of this environment (the console script beside the interpreter)."""
    script = Path(sys.executable).with_name("antq-kg")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "antq_kg"]


def load() -> str:
    """The 1, 5 and 15-minute load averages, e.g. ``7.2/6.9/5.1``."""
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def machine() -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"machine: {cpus} CPUs, load average {load()} (1/5/15 min); wall figures move with the load, CPU figures less"


def content_hash(paths: Iterable[str], *, root: Path = ROOT, skip: tuple[str, ...] = ()) -> str:
    """A short digest of the content of the files under ``paths`` (relative to ``root``), but for
    those under the folders ``skip`` (relative to ``root``)."""
    digest = hashlib.sha256()
    for rel in paths:
        base = root / rel
        files = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else [base]
        for p in files:
            if (
                p.exists()
                and "__pycache__" not in p.parts
                and not any(p.is_relative_to(root / s) for s in skip)
            ):
                digest.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes())
    return digest.hexdigest()[:10]


# -- corpora ---------------------------------------------------------------------------------------------


def corpus(n: int, *, seed: int = 1, variant: int = 0) -> Path:
    """A folder holding (at least) the first ``n`` synthetic articles of ``seed``, generated once.

    Article ``i`` does not depend on ``n`` (``bench/synth.py``), so a folder made for 1,000 articles
    is topped up to 10,000; a build over it is asked for exactly ``n`` of them by :func:`corpus_paths`.
    """
    folder = (
        CACHE
        / f"corpus-{content_hash(['bench/synth.py', 'src/antq_kg/lexicons', 'data/gazetteer/units.csv'])}-s{seed}-v{variant}"
    )
    for old in CACHE.glob(f"corpus-*-s{seed}-v{variant}"):
        if old != folder:
            shutil.rmtree(old)  # written by another version of the generator
    count_file = folder / "COUNT"
    have = int(count_file.read_text()) if count_file.is_file() else 0
    if have < n:
        t = time.perf_counter()
        synth.write_corpus(folder, n=n - have, seed=seed, variant=variant, start=have)
        count_file.write_text(str(n))
        print(
            f"  (generated articles {have:,}–{n - 1:,} into {rel(folder)} in {time.perf_counter() - t:.1f} s)"
        )
    return folder


def corpus_paths(folder: Path, n: int) -> list[Path]:
    """What to hand ``antq-kg`` for the first ``n`` articles of ``folder``: whole 1,000-article
    sub-folders while they fit, then single files."""
    full, rest = divmod(n, 1000)
    paths = [folder / f"{k:03d}" for k in range(full)]
    return paths + [synth.article_path(folder, full * 1000 + i) for i in range(rest)]


def copy_corpus(source: Path, indices: range, target: Path) -> Path:
    """Articles ``indices`` of ``source`` (with their sidecars) copied into ``target``."""
    for i in indices:
        src = synth.article_path(source, i)
        dst = synth.article_path(target, i)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        meta = src.with_name(src.stem + ".meta.json")
        shutil.copyfile(meta, dst.with_name(meta.name))
    return target


def corpus_bytes(paths: Sequence[Path]) -> int:
    """Bytes of article text under ``paths``; reading them also warms the page cache for every command."""
    total = 0
    for p in paths:
        for f in sorted(p.rglob("*")) if p.is_dir() else [p, p.with_name(p.stem + ".meta.json")]:
            if f.is_file():
                data = f.read_bytes()
                total += len(data) if f.suffix == ".txt" else 0
    return total


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


# -- measured runs ---------------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    """Parent pid → child pids, from ``/proc/*/stat``."""
    out: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        out.setdefault(ppid, []).append(int(entry.name))
    return out


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants now."""
    children, found, todo = _children(), [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo += children.get(p, [])
    return found


def memory_kib(pid: int, field_name: str = "Pss") -> int:
    """``Pss`` (or ``Rss``) of one process in KiB, 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class Sampler(threading.Thread):
    """Samples the memory of a process tree (the sum of ``Pss`` or ``Rss``) every ``interval`` seconds."""

    def __init__(self, pid: int, *, interval: float = 0.25, field_name: str = "Pss") -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.field_name = pid, interval, field_name
        self.samples: list[tuple[float, int]] = []  # (seconds since start, KiB)
        self._done = threading.Event()
        self._t0 = time.perf_counter()

    def run(self) -> None:
        while not self._done.is_set():
            kib = sum(memory_kib(p, self.field_name) for p in tree(self.pid))
            if kib:
                self.samples.append((time.perf_counter() - self._t0, kib))
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()

    @property
    def peak_mb(self) -> float:
        return max((k for _, k in self.samples), default=0) / 1024


@dataclass
class Run:
    """One measured command: wall and CPU seconds, peak memory, exit code, what it wrote on stderr."""

    argv: list[str]
    returncode: int = 0
    wall: float = 0.0
    cpu: float = 0.0  # user + system, the command and its reaped children
    largest_mb: float = 0.0
    tree_mb: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0
    stderr: str = ""
    timed_out: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    @property
    def load(self) -> float:
        """The mean of the 1-minute load average before and after the run."""
        return (self.load_before + self.load_after) / 2

    def last_line(self) -> str:
        lines = [ln for ln in self.stderr.splitlines() if ln.strip()]
        return lines[-1] if lines else ""


def measure(
    argv: list[str],
    *,
    stdout: IO[bytes] | int | None = subprocess.DEVNULL,
    timeout: float | None = None,
    interval: float = 0.25,
) -> Run:
    """Run ``argv`` to completion (killed after ``timeout`` seconds), measuring it (see the module doc)."""
    run = Run(argv, load_before=os.getloadavg()[0])
    err_path = CACHE / f"stderr-{os.getpid()}-{time.monotonic_ns()}.txt"
    err_path.parent.mkdir(parents=True, exist_ok=True)
    with err_path.open("wb") as err:
        t = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdout=stdout, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True
        )
        sampler = Sampler(proc.pid, interval=interval)
        sampler.start()
        deadline = None if timeout is None else t + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                run.timed_out = True
                os.killpg(proc.pid, 9)  # the command's own session: it and its workers, nothing else
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        run.wall = time.perf_counter() - t
        sampler.stop()
    proc.returncode = run.returncode = os.waitstatus_to_exitcode(status)
    run.cpu = usage.ru_utime + usage.ru_stime
    run.largest_mb = usage.ru_maxrss / 1024
    run.tree_mb = sampler.peak_mb
    run.load_after = os.getloadavg()[0]
    run.stderr = err_path.read_text(encoding="utf-8", errors="replace")
    err_path.unlink()
    return run


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def help_text(*command: str) -> str:
    """``antq-kg COMMAND --help`` (to see which options this version has)."""
    out = subprocess.run(
        [*antq(), *command, "--help"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}
    )
    return out.stdout + out.stderr


class Mallinfo2(ctypes.Structure):
    """glibc's ``struct mallinfo2`` (malloc.h)."""

    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def mallinfo2() -> Mallinfo2 | None:
    """glibc's ``mallinfo2()`` of this process (what its C heap holds); ``None`` without glibc."""
    try:
        f = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return None
    f.restype = Mallinfo2
    info: Mallinfo2 = f()
    return info


def seconds(s: float) -> str:
    """A duration for people: ``12.3 s``, ``4 min 05 s``, ``1 h 32 min``."""
    if s < 60:
        return f"{s:.1f} s"
    if s < 3600:
        return f"{int(s // 60)} min {int(s % 60):02d} s"
    return f"{int(s // 3600)} h {int(s % 3600 // 60):02d} min"

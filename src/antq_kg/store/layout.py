"""The on-disk layout of an embedded store: immutable generations named by ``HEAD``, one writer.

::

    STORE/
      antq-store.json        {"format": 1}: the layout marker, written once
      HEAD                   the committed generation's name, e.g. "g000007" (replaced by rename)
      gens/g000007/          a RocksDB directory, never written again once HEAD names it
      gens/g000007.pin       readers hold a shared flock on it while they read g000007
      gens/g000008.tmp/      the writer's generation in progress (read by no one else)
      writer.lock            flock(2) of the one writer; its text names the holder
      journal.json           the write in progress, and build runs that did not complete
      scratch/validate-x1y2/ a reader's private copy of a generation (e.g. what validation works on)
      scratch/validate-x1y2.lock  flock(2) of its owner; the next caller removes a folder whose
                             lock is free (its owner died)

Why: a RocksDB directory has one read-write opener at a time, and opening it read-only while
another process writes it is undefined behaviour (pyoxigraph ``Store.read_only``). So no one ever
writes a directory a reader may have open. The writer checkpoints HEAD's generation
(``Store.backup``: hard links, cheap) into ``gens/<next>.tmp``, writes there, closes it, renames it
and then replaces ``HEAD`` atomically (write ``HEAD.tmp``, fsync, rename, fsync the folder). Readers
see the whole change or none of it. A writer killed half-way leaves only ``gens/*.tmp``, which the
next writer (or any opener, when no writer holds the lock) removes; ``journal.json`` tells it what
was interrupted.

Old generations are removed after each commit except HEAD, the previous one, and any a reader
still pins (a shared ``flock`` on ``gens/<name>.pin``: the writer removes a generation only when it
can lock that file exclusively, so a long-lived reader is never pulled from under).

A plain RocksDB directory made by earlier versions (``CURRENT`` at the top, no marker) is read as it
is, and moved into ``gens/g000001`` on the first write (resumable if interrupted).

Locks are ``flock(2)`` locks: released by the kernel when their holder dies, and shared with forked
children, so this module closes its lock descriptors in every child forked while they are held
(``os.register_at_fork``): a worker process outliving a killed writer must not keep the lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from ..version import __version__

FORMAT = 1
MARKER = "antq-store.json"
HEAD = "HEAD"
GENS = "gens"
LOCK = "writer.lock"
JOURNAL = "journal.json"
SCRATCH = "scratch"
#: Names at the top of a store directory that belong to the layout (everything else in a plain
#: RocksDB directory is moved into the first generation on migration).
OWN_NAMES = frozenset({MARKER, HEAD, f"{HEAD}.tmp", GENS, LOCK, JOURNAL, f"{JOURNAL}.tmp", SCRATCH})
#: The name a plain RocksDB directory is served under (it has no generations yet).
PLAIN = "plain"
#: The files of a RocksDB directory (what a plain directory's migration moves into its first generation;
#: anything else there, such as ``push/``, stays where it is).
ROCKSDB_FILE = re.compile(
    r"^(CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+|\d+\.(sst|log|blob))(\.dbtmp)?$"
)

_GEN = re.compile(r"^g(\d{6,})$")

# -- descriptors closed in forked children ----------------------------------------------------------

_held_fds: set[int] = set()
#: ``(lock file, thread)`` of the writer locks this process holds: a thread asking again for a lock
#: it holds would wait for itself for ever, so it is told instead.
_held_locks: set[tuple[Path, int]] = set()


def _close_held_in_child() -> None:
    for fd in list(_held_fds):
        with contextlib.suppress(OSError):
            os.close(fd)
    _held_fds.clear()
    _held_locks.clear()


os.register_at_fork(after_in_child=_close_held_in_child)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text``: write a sibling ``.tmp``, fsync, rename, fsync the folder."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def now_iso() -> str:
    """The current UTC time, to the second, ISO 8601."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# -- the writer lock --------------------------------------------------------------------------------


class WriterLock:
    """``flock(LOCK_EX)`` on ``writer.lock``; while held, the file says who holds it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._key: tuple[Path, int] | None = None

    def acquire(self, *, what: str, wait: bool, on_wait: Callable[[str], None] | None = None) -> None:
        """Take the lock; when another writer holds it, fail (``wait=False``) or say so and wait."""
        key = (self.path.resolve(), threading.get_ident())
        if key in _held_locks:
            raise StoreError(
                "a write session is already open on this store in this thread: write through it",
                path=self.path.parent,
            )
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                holder = self.holder()
                if not wait:
                    raise StoreError(
                        f"another writer is using the store ({holder}); try again when it "
                        "has finished, or leave out --no-wait to wait for it",
                        path=self.path.parent,
                    ) from exc
                if on_wait is not None:
                    on_wait(f"{self.path.parent}: waiting for another writer to finish ({holder})")
                fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        self._fd, self._key = fd, key
        _held_fds.add(fd)
        _held_locks.add(key)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "what": what, "since": now_iso()}).encode(), 0)

    def holder(self) -> str:
        """Who holds the lock, as its holder wrote it (``pid 12, build since …``)."""
        try:
            info = json.loads(self.path.read_text(encoding="utf-8"))
            return f"pid {info['pid']}, {info['what']} since {info['since']}"
        except (OSError, ValueError, KeyError, TypeError):
            return "pid unknown"

    def release(self) -> None:
        """Let the next writer in."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            _held_fds.discard(fd)
            _held_locks.discard(self._key)
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            os.close(fd)

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def free(self) -> bool:
        """True when no writer holds the lock now (taking and dropping it at once)."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return not self.path.exists()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
        finally:
            os.close(fd)


# -- reader pins ------------------------------------------------------------------------------------


class Pin:
    """A shared ``flock`` on ``gens/<name>.pin``: the writer does not remove a pinned generation."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd
        if fd is not None:
            _held_fds.add(fd)

    def release(self) -> None:
        """Unpin (the generation may then be removed once it is neither HEAD nor the previous one)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            _held_fds.discard(fd)
            os.close(fd)

    def __del__(self) -> None:
        self.release()


@dataclass(frozen=True, slots=True, eq=False)
class Snapshot:
    """A committed generation to read: ``name`` changes on every commit; open ``path`` with
    ``pyoxigraph.Store.read_only``. While the object lives (until :meth:`release`), the writer
    does not remove its generation; after that, HEAD and the previous generation are still kept."""

    name: str
    path: Path
    pin: Pin = field(default_factory=lambda: Pin(None), repr=False)

    def release(self) -> None:
        """Let the writer remove this generation when it is old."""
        self.pin.release()


# -- the journal ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """A write: what (``build``, ``load``…), when, by which process and antq-kg version, into which
    generation; for a build, its run id. ``outcome`` is ``incomplete`` (killed) or ``failed``
    (stopped on an error)."""

    op: str
    started: str
    pid: int
    generation: str
    run: str | None = None
    outcome: str = "incomplete"
    error: str | None = None
    tool: str = __version__

    @classmethod
    def from_json(cls, data: object) -> JournalEntry | None:
        """An entry read back (``None`` for anything malformed)."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(**{k: data[k] for k in cls.__slots__ if k in data})
        except TypeError:
            return None

    def describe(self) -> str:
        """``build run 20250101T…-ab12cd34 (started …, pid 12)`` / ``load (started …, pid 12)``."""
        what = f"{self.op} run {self.run}" if self.run else self.op
        return f"{what} (started {self.started}, pid {self.pid})"


@dataclass(slots=True)
class Journal:
    """``journal.json``: the write in progress, and build runs that ended without recording their run."""

    current: JournalEntry | None = None
    unfinished: list[JournalEntry] = field(default_factory=list)


# -- the layout -------------------------------------------------------------------------------------


class Layout:
    """Paths and file operations of one store directory (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.gens = root / GENS
        self.lock = WriterLock(root / LOCK)

    # reading ----------------------------------------------------------------------------------------

    @property
    def marked(self) -> bool:
        """True when the directory has the generation layout (the marker file)."""
        return (self.root / MARKER).is_file()

    @property
    def migrating(self) -> bool:
        """True when a plain directory's move into ``gens/g000001`` was interrupted."""
        return not self.marked and (self.gens / "g000001.tmp").is_dir()

    @property
    def plain(self) -> bool:
        """True for a plain RocksDB directory of an earlier version (no marker, ``CURRENT`` on top)."""
        return not self.marked and (self.root / "CURRENT").is_file() and not self.migrating

    def head(self) -> str | None:
        """The committed generation HEAD names (``None`` when there is none)."""
        try:
            name = (self.root / HEAD).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return name if _GEN.match(name) else None

    def current(self) -> tuple[str, Path] | None:
        """``(name, path)`` of what readers open now, or ``None`` when there is no store here."""
        if self.plain:
            return PLAIN, self.root
        name = self.head()
        if name is not None and (self.gens / name).is_dir():
            return name, self.gens / name
        return None

    def snapshot(self) -> Snapshot:
        """The current generation, pinned (``StoreError`` when there is no store here)."""
        for _ in range(100):  # a commit between reading HEAD and pinning: read HEAD again
            found = self.current()
            if found is None and self.migrating:
                raise StoreError(
                    "the move of this store into generations was interrupted; "
                    "the next write (e.g. `antq-kg load`) finishes it",
                    path=self.root,
                )
            if found is None:
                raise StoreError(
                    "no store here (run `antq-kg build` or `antq-kg load` first)", path=self.root
                )
            name, path = found
            if name == PLAIN:
                return Snapshot(name, path)
            pin = self._pin(name)
            if path.is_dir():
                return Snapshot(name, path, pin)
            pin.release()
        raise StoreError("the store keeps changing under this reader", path=self.root)

    def _pin(self, name: str) -> Pin:
        try:
            fd = os.open(self.gens / f"{name}.pin", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:  # a read-only copy of a store: nobody can remove its generations either
            return Pin(None)
        fcntl.flock(fd, fcntl.LOCK_SH)
        return Pin(fd)

    @contextlib.contextmanager
    def scratch(self, prefix: str) -> Iterator[Path]:
        """A new empty folder ``scratch/<prefix>-…`` of this store's own, removed afterwards.

        It is on the store's file system, so a checkpoint of a generation written there is hard
        links (RocksDB's checkpoint copies the files only across file systems: into a ``/tmp`` on
        tmpfs it would copy the whole store into memory). Its owner holds an exclusive ``flock`` on
        ``scratch/<name>.lock`` while it lives, so the folders of killed owners are told apart and
        removed by the next caller. ``OSError`` when the store's directory cannot be written.
        """
        base = self.root / SCRATCH
        base.mkdir(exist_ok=True)
        self._sweep_scratch(base)
        while True:
            fd, lock = tempfile.mkstemp(prefix=f"{prefix}-", suffix=".lock", dir=base)
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.fstat(fd).st_nlink:
                break
            os.close(fd)  # another caller swept it between its creation and this lock: a new one
        _held_fds.add(fd)
        folder = Path(lock).with_suffix("")
        try:
            folder.mkdir()
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            Path(lock).unlink(missing_ok=True)
            _held_fds.discard(fd)
            os.close(fd)

    @staticmethod
    def _sweep_scratch(base: Path) -> None:
        """Remove the scratch folders (and their locks) whose owner is gone: the lock is taken and
        unlinked before it is let go, so an owner that locks it afterwards sees it unlinked."""
        for lock in base.glob("*.lock"):
            with contextlib.suppress(OSError):
                fd = os.open(lock, os.O_RDWR)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    shutil.rmtree(lock.with_suffix(""), ignore_errors=True)
                    lock.unlink(missing_ok=True)
                except BlockingIOError:
                    pass  # its owner is alive
                finally:
                    os.close(fd)
        for folder in base.iterdir():  # a folder whose lock went first (killed between the two)
            if folder.is_dir() and not folder.with_suffix(".lock").exists():
                shutil.rmtree(folder, ignore_errors=True)

    def generations(self) -> list[str]:
        """Committed generations, oldest first."""
        if not self.gens.is_dir():
            return []
        names = [p.name for p in self.gens.iterdir() if _GEN.match(p.name) and p.is_dir()]
        return sorted(names, key=lambda n: int(n[1:]))

    def next_name(self) -> str:
        """A generation name after every one present, committed or not."""
        numbers = [int(m.group(1)) for p in self.gens.iterdir() if (m := re.match(r"^g(\d+)", p.name))]
        return f"g{max(numbers, default=0) + 1:06d}"

    # the journal ------------------------------------------------------------------------------------

    def read_journal(self) -> Journal:
        """``journal.json`` (an empty journal when it is missing or unreadable)."""
        try:
            data = json.loads((self.root / JOURNAL).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Journal()
        if not isinstance(data, dict):
            return Journal()
        unfinished = [e for e in map(JournalEntry.from_json, data.get("unfinished") or []) if e is not None]
        return Journal(JournalEntry.from_json(data.get("current")), unfinished)

    def write_journal(self, journal: Journal) -> None:
        """Replace ``journal.json`` atomically (removed when it has nothing to say)."""
        path = self.root / JOURNAL
        if journal.current is None and not journal.unfinished:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            return
        data = {
            "current": asdict(journal.current) if journal.current else None,
            "unfinished": [asdict(e) for e in journal.unfinished],
        }
        _write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")

    # writing (only with the writer lock held) ------------------------------------------------------------

    def ensure(self) -> None:
        """Give the directory the generation layout: a new empty store, or a plain RocksDB directory
        moved into ``gens/g000001`` (both resumable if interrupted)."""
        if self.marked:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        first, tmp = self.gens / "g000001", self.gens / "g000001.tmp"
        if (self.root / "CURRENT").is_file() or (tmp / "CURRENT").is_file():
            tmp.mkdir(parents=True, exist_ok=True)
            rest = sorted(
                (p for p in self.root.iterdir() if ROCKSDB_FILE.match(p.name)),
                key=lambda p: p.name == "CURRENT",
            )
            for entry in rest:  # CURRENT last: while it is on top, the move is not finished
                entry.rename(tmp / entry.name)
            _fsync_dir(tmp)
            tmp.rename(first)
        elif not first.is_dir():
            others = sorted(p.name for p in self.root.iterdir() if p.name not in OWN_NAMES)
            if others:
                raise StoreError(
                    f"not an antq-kg store (it holds {', '.join(others[:3])}); "
                    "choose an empty or new folder for --store",
                    path=self.root,
                )
            if tmp.exists():
                shutil.rmtree(tmp)
            tmp.mkdir(parents=True)
            store = ox.Store(str(tmp))
            store.flush()
            del store
            tmp.rename(first)
        _fsync_dir(self.gens)
        if self.head() is None:
            _write_atomic(self.root / HEAD, "g000001\n")
        _write_atomic(self.root / MARKER, json.dumps({"format": FORMAT}) + "\n")

    def remove_unfinished(self) -> list[str]:
        """Remove the ``gens/*.tmp`` generations of killed writers; their names."""
        removed = []
        if self.gens.is_dir():
            for p in sorted(self.gens.glob("*.tmp")):
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p.name)
        return removed

    def commit(self, name: str) -> None:
        """Make ``gens/<name>.tmp`` (closed, flushed) the committed generation HEAD names."""
        tmp = self.gens / f"{name}.tmp"
        _fsync_dir(tmp)
        tmp.rename(self.gens / name)
        _fsync_dir(self.gens)
        _write_atomic(self.root / HEAD, f"{name}\n")

    def collect(self) -> list[str]:
        """Remove committed generations older than HEAD and the previous one that no reader pins."""
        names = self.generations()
        head = self.head()
        keep = set(names[-2:]) | ({head} if head else set())
        removed = []
        for name in names:
            if name in keep:
                continue
            pin = self.gens / f"{name}.pin"
            fd = os.open(pin, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a reader still has it open
                shutil.rmtree(self.gens / name, ignore_errors=True)
                pin.unlink(missing_ok=True)
                removed.append(name)
            finally:
                os.close(fd)
        for pin in self.gens.glob("*.pin"):  # pins of generations removed earlier
            if not (self.gens / pin.stem).is_dir():
                with contextlib.suppress(OSError):
                    fd = os.open(pin, os.O_RDWR)
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        pin.unlink(missing_ok=True)
                    finally:
                        os.close(fd)
        return removed


__all__ = ["FORMAT", "PLAIN", "Journal", "JournalEntry", "Layout", "Pin", "Snapshot", "WriterLock", "now_iso"]

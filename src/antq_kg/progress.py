"""Progress of a long command on stderr, for a person watching it or a log reading it.

On a terminal: a live bar with done/total, articles per second and the time left (rich's
``Progress``, redrawn in place). Otherwise (a pipe, a file, CI): a plain line every ``interval``
seconds, ``build: 120/560 articles (21%), 95.2 articles/s, 0:00:05 left``, so logs stay readable
and short. ``quiet``: nothing at all (errors and the summary are printed by the caller, through
:meth:`Progress.echo` so that they do not tear the bar).
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text

#: Seconds between two plain progress lines.
DEFAULT_INTERVAL = 5.0


class _Rate(ProgressColumn):
    """``95.2 articles/s`` (rich's own speed estimate over the last updates)."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(
            f"{speed:.1f} {self.unit}/s" if speed else f"– {self.unit}/s", style="progress.data.speed"
        )


def _eta(seconds: float) -> str:
    """``0:01:05``.

    >>> _eta(65.4)
    '0:01:05'
    """
    return str(timedelta(seconds=round(seconds)))


class Progress:
    """Reports ``done/total`` of ``what`` (a command name) counted in ``unit`` (see the module docstring)."""

    def __init__(
        self,
        what: str,
        *,
        unit: str = "articles",
        stream: TextIO | None = None,
        quiet: bool = False,
        terminal: bool | None = None,
        interval: float = DEFAULT_INTERVAL,
    ) -> None:
        self.what, self.unit, self.quiet, self.interval = what, unit, quiet, interval
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None
        self._first: tuple[float, int] | None = None
        self._last = time.monotonic()

    def __enter__(self) -> Progress:
        if self.terminal and not self.quiet:
            console = Console(file=self.stream, force_terminal=True)
            self._bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                _Rate(self.unit),
                TimeRemainingColumn(),
                console=console,
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.what, total=None)
        self._last = time.monotonic()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def update(self, done: int, total: int) -> None:
        """``done`` of ``total`` are through."""
        if self.quiet:
            return
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=done, total=total)
            return
        now = time.monotonic()
        if self._first is None:  # the rate and the interval count from the first article, not the set-up
            self._first = (now, done)
            self._last = now
        if now - self._last < self.interval or done >= total:  # the caller's summary says the end
            return
        self._last = now
        t0, d0 = self._first
        rate = (done - d0) / (now - t0) if now > t0 and done > d0 else 0.0
        left = f", {_eta((total - done) / rate)} left" if rate and total > done else ""
        percent = f" ({100 * done // total}%)" if total else ""
        self.echo(f"{self.what}: {done}/{total} {self.unit}{percent}, {rate:.1f} {self.unit}/s{left}")

    def echo(self, line: str) -> None:
        """Print one line (an error, a note, the summary) above the bar, or plainly."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream, flush=True)


__all__ = ["DEFAULT_INTERVAL", "Progress"]

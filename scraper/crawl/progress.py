"""The run's counts (the summary line cron mails) and, on a terminal, a live progress display.

The display is rich's: log lines go through its handler on the same console, so warnings print above a bar
that stays whole. When output is not a terminal there is no display at all, only the summary line, and rich is
not even imported: a cron crawl's first request waits for every import before it.
"""
from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.logging import RichHandler
    from rich.progress import Progress as RichProgress

REFRESH_EVERY = 0.2  # seconds between two updates of the display
UNREACHABLE_NAMED = 5  # sites named in the summary line; the rest are counted
RATE_AFTER = 1.0  # seconds of crawling before a rate is shown: over less, it means nothing


@dataclass
class Summary:
    fetched: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    duration: float = 0.0
    interrupted: bool = False
    unreachable: list[str] = field(default_factory=list)  # sites skipped this run: robots.txt could not be read

    def counts(self) -> dict:
        return {"fetched": self.fetched, "new": self.new, "changed": self.changed, "unchanged": self.unchanged,
                "failed": self.failed}

    @property
    def exit_status(self) -> int:
        """1 when the crawl reached nothing at all: every site it tried was unreachable (DNS, refused, robots.txt
        erroring). Page-level failures are counted, not fatal."""
        return 1 if self.unreachable and not self.fetched else 0

    def line(self) -> str:
        tail = " (stopped by signal)" if self.interrupted else ""
        named = ", ".join(self.unreachable[:UNREACHABLE_NAMED]) + (", ..." if len(self.unreachable) >
                                                                   UNREACHABLE_NAMED else "")
        unreachable = f"; sites unreachable: {len(self.unreachable)} ({named})" if self.unreachable else ""
        return (f"crawl: fetched {self.fetched}, new {self.new}, changed {self.changed}, unchanged {self.unchanged}, "
                f"failed {self.failed}, skipped {self.skipped} in {self.duration:.1f}s{unreachable}{tail}")


class Progress:
    """Done against done + queued (which grows as links are found), elapsed time and articles per second."""

    def __init__(self, enabled: bool = False, stream: TextIO | None = None):
        self.enabled = enabled
        self.stream = stream
        self._display: RichProgress | None = None
        self._task = None
        self._last = 0.0
        self._started = time.monotonic()

    @functools.cached_property
    def console(self) -> Console:
        from rich.console import Console
        return Console(file=self.stream, stderr=self.stream is None, force_terminal=self.enabled or None)

    def log_handler(self) -> RichHandler:
        """Log records printed above the display, never into it."""
        from rich.logging import RichHandler
        return RichHandler(console=self.console, show_path=False, rich_tracebacks=False)

    def update(self, summary: Summary, queued: Callable[[], int]) -> None:
        now = time.monotonic()
        if not self.enabled or now - self._last < REFRESH_EVERY:
            return
        self._last = now
        if self._display is None:
            self._display = self._start_display()
        done = summary.fetched + summary.failed + summary.skipped
        elapsed = now - self._started
        rate = (summary.new + summary.changed) / elapsed if elapsed >= RATE_AFTER else 0.0
        self._display.update(self._task, completed=done, total=done + queued(),
                             counts=f"{summary.new} new · {summary.changed} changed · {summary.failed} failed · "
                                    f"{rate:.1f} articles/s")
        self._display.refresh()

    def _start_display(self) -> RichProgress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn
        from rich.progress import TimeElapsedColumn
        display = RichProgress(TextColumn("crawl"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                               TextColumn("{task.fields[counts]}"), console=self.console, transient=True)
        self._task = display.add_task("crawl", total=None, counts="")
        display.start()
        return display

    def close(self) -> None:
        if self._display is not None:
            self._display.stop()
            self._display = None

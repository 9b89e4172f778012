"""What became of one claimed URL, as one type per case, and `Recorder.record()`, the one place that writes a
case into the archive, the frontier and the run's summary (inside the loop's open batch, as a savepoint).

Why types, not one record with optional fields: each case carries just what it needs (a Failed has an error,
a Fetched a response and what parsing made of it), and `record` reads as the list of cases.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from scraper.crawl.progress import Summary
from scraper.crawl.scheduler import Scheduler, Slot
from scraper.crawl.scope import Scopes
from scraper.errors import ScraperError, TransientError
from scraper.fetch import RetryPolicy
from scraper.models import Response
from scraper.parse import Parsed
from scraper.pipeline import ingest
from scraper.robots import RobotsRules
from scraper.store import Outcome
from scraper.store.contracts import ArchiveStore, FrontierStore
from scraper.store.frontier import FrontierEntry

log = logging.getLogger("scraper.crawl")
FAILED_RETRY_AFTER = 86400.0  # a page that failed for good is tried again a day later
GONE_STATUSES = frozenset({404, 410})


@dataclass(frozen=True)
class Result:
    entry: FrontierEntry
    rules: RobotsRules | None


@dataclass(frozen=True)
class Fetched(Result):
    response: Response
    parsed: Parsed | None = None  # None only between the fetch and the parsing step, inside the worker


@dataclass(frozen=True)
class NotModified(Result):
    """A 304: the stored page is still current."""


@dataclass(frozen=True)
class Failed(Result):
    error: ScraperError
    response: Response | None = None  # the page, when it was fetched and then could not be parsed


@dataclass(frozen=True)
class Disallowed(Result):
    """robots.txt forbids the URL."""


@dataclass(frozen=True)
class Unreachable(Result):
    """robots.txt could not be read (5xx, no answer): the whole site waits for the next run (RFC 9309)."""


def error_text(error: ScraperError) -> str:
    return getattr(error, "reason", None) or str(error)


class Recorder:
    def __init__(self, archive: ArchiveStore, frontier: FrontierStore, scheduler: Scheduler, scopes: Scopes,
                 retry: RetryPolicy, summary: Summary, run_id: int):
        self.archive = archive
        self.frontier = frontier
        self.scheduler = scheduler
        self.scopes = scopes
        self.retry = retry
        self.summary = summary
        self.run_id = run_id
        self._sitemaps_seen: set[str] = set()

    def record(self, result: Result, slot: Slot) -> None:
        self.scheduler.finished(result.entry, isinstance(result, (Fetched, NotModified)), slot)
        with self.archive.batch():
            if isinstance(result, Unreachable):
                return self._unreachable(slot)
            if result.rules is not None:
                self._add_sitemaps(result.rules)
            now = time.time()
            if isinstance(result, Disallowed):
                self.summary.skipped += 1
                self.frontier.finish(result.entry.url, "skipped", now, self.run_id, error="disallowed by robots.txt")
            elif isinstance(result, Failed):
                self._failed(result, slot, now)
            elif isinstance(result, NotModified):
                self.summary.fetched += 1
                self.summary.unchanged += 1
                self.archive.touch_page(result.entry.url)
                self.frontier.finish(result.entry.url, "done", now, self.run_id)
            else:
                self.summary.fetched += 1
                self._fetched(result, now)

    def _unreachable(self, slot: Slot) -> None:
        if not slot.blocked:
            log.warning("%s: robots.txt unreachable; site skipped this run", slot.name)
            self.summary.unreachable.append(slot.name)
        slot.blocked = True

    def _fetched(self, result: Fetched, now: float) -> None:
        entry, parsed = result.entry, result.parsed
        done = ingest(self.archive, result.response, parsed)
        kind = None
        if parsed.discovered is not None:
            sitemaps = parsed.discovered.sitemaps
            self.enqueue([*parsed.discovered.pages, *sitemaps], entry, {u: "sitemap" for u in sitemaps})
        elif done.article is not None:
            self._count(done.saved.outcome)
            self.enqueue(done.article.links, entry)
            if entry.kind in ("article", "listing"):  # the URL's shape guessed; the page has told
                kind = "article" if done.article.is_article else "listing"
        self.frontier.finish(entry.url, "done", now, self.run_id, kind=kind)

    def _failed(self, result: Failed, slot: Slot, now: float) -> None:
        entry, error = result.entry, result.error
        attempts = entry.attempts + 1
        if isinstance(error, TransientError) and self.retry.should_retry(attempts):
            wait_for = self.retry.delay(attempts, error.retry_after)
            slot.idle_until = 0.0
            log.info("%s: %s; retry %d in %.1fs", entry.url, error.reason, attempts, wait_for)
            self.frontier.finish(entry.url, "pending", now, self.run_id, error=error_text(error),
                                 next_attempt_at=now + wait_for, attempts=attempts)
            return
        status = getattr(error, "status", None)
        self.summary.failed += 1
        page = result.response or Response(entry.url, status=status)
        self.archive.record_page(page.failed(error_text(error)))
        if status in GONE_STATUSES:
            self.archive.mark_gone(entry.url)
            self.frontier.finish(entry.url, "gone", now, self.run_id, error=error_text(error), attempts=attempts)
            return
        log.warning("%s: %s", entry.url, error_text(error))
        self.frontier.finish(entry.url, "failed", now, self.run_id, error=error_text(error),
                             next_attempt_at=now + FAILED_RETRY_AFTER, attempts=attempts)

    def _count(self, outcome: Outcome) -> None:
        if outcome == Outcome.NEW:
            self.summary.new += 1
        elif outcome == Outcome.CHANGED:
            self.summary.changed += 1
        elif outcome in (Outcome.UNCHANGED, Outcome.ALIAS):
            self.summary.unchanged += 1

    def _add_sitemaps(self, rules: RobotsRules) -> None:
        fresh = [u for u in rules.sitemaps() if u not in self._sitemaps_seen]
        if fresh:
            self._sitemaps_seen.update(fresh)
            self.enqueue(fresh, None, {u: "sitemap" for u in fresh})

    def enqueue(self, urls, parent: FrontierEntry | None, kinds: dict[str, str] | None = None) -> None:
        for key, rows in self.scopes.route(urls, parent, kinds).items():
            if self.frontier.add(rows):
                self.scheduler.woken(key)

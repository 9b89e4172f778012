"""The scheduler: frontier in SQLite, one request at a time per site, many sites in parallel, resumable.

Worker threads fetch and hand pages to the parsing processes (parse_pool.py). The main thread owns the database:
it applies finished pages (raw page, article, new links, frontier state) inside a transaction committed every
half second, so a kill -9 at any moment loses at most the pages in flight and those of the open transaction,
and all of them are still pending in the frontier when the next run starts. It also claims each busy site's
next URL ahead of time, so that a worker goes straight on to it when the site's response has been read.
"""
from __future__ import annotations

import logging
import os
import queue
import signal
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, TextIO
from datetime import datetime

from scraper.config import CrawlConfig, SiteConfig
from scraper.discover import KIND_PRIORITY, Discovered, classify
from scraper.errors import ExtractionError, FetchError, InvalidURL, ScraperError, TransientError
from scraper.fetch import FEED_TYPES, HTML_TYPES, Fetcher
from scraper.lock import RunLock
from scraper.models import Article, Response
from scraper.netguard import is_internal_url
from scraper.parse import analyse
from scraper.parse_pool import ParsePool
from scraper.pipeline import page_record, store_article, store_unparsable
from scraper.robots import RobotsCache, RobotsRules
from scraper.store import Archive, FetchedPage, Outcome
from scraper.store.archive import GroupCommit, writing
from scraper.store.frontier import Frontier, FrontierEntry
from scraper.urls import is_non_html, site_of

log = logging.getLogger("scraper.crawl")
CRAWL_TYPES = HTML_TYPES | FEED_TYPES
FAILED_RETRY_AFTER = 86400.0
GONE_STATUSES = frozenset({404, 410})
OFFERED_MEMORY = 100_000  # links remembered as already offered to the frontier (a few MB)
MAX_CHAINED_WAIT = 5.0  # a worker waits this long at most for a site's next turn; longer waits go back to the loop
BACKLOG_PER_SITE = 3  # pages fetched or parsed but not yet stored, per concurrent site, before fetching pauses


class RecentSet:
    """Membership of the most recently added `size` keys; older ones are forgotten, so memory stays flat on a
    crawl of any length (the frontier in SQLite remains the authority, this only saves asking it again)."""

    def __init__(self, size: int):
        self.size = size
        self._keys: dict[str, None] = {}

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def add(self, key: str) -> None:
        self._keys[key] = None
        if len(self._keys) > self.size:
            del self._keys[next(iter(self._keys))]


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
        unreachable = (f"; sites unreachable: {len(self.unreachable)} ({', '.join(self.unreachable[:5])}"
                       f"{', ...' if len(self.unreachable) > 5 else ''})") if self.unreachable else ""
        return (f"crawl: fetched {self.fetched}, new {self.new}, changed {self.changed}, unchanged {self.unchanged}, "
                f"failed {self.failed}, skipped {self.skipped} in {self.duration:.1f}s{unreachable}{tail}")


class Progress:
    """A live progress bar on a terminal (done against done + queued, which grows as links are found), with
    counts and rate; nothing at all when output goes to a log."""

    WIDTH = 24

    def __init__(self, enabled: bool = False, stream: TextIO | None = None):
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self._last = 0.0
        self._started = time.monotonic()

    def update(self, summary: Summary, queued: Callable[[], int]) -> None:
        now = time.monotonic()
        if not self.enabled or now - self._last < 0.2:
            return
        self._last = now
        waiting = queued()
        done = summary.fetched + summary.failed + summary.skipped
        filled = int(self.WIDTH * done / max(done + waiting, 1))
        rate = summary.fetched / max(now - self._started, 1e-6)
        self.stream.write(f"\r\x1b[K[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{done + waiting} · "
                          f"{summary.new} new · {summary.changed} changed · {summary.failed} failed · "
                          f"{rate:.1f} pages/s")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


@dataclass
class SiteState:
    """What the scheduler knows of a site between two database reads."""
    config: SiteConfig
    internal: bool
    next_start: float = 0.0
    busy: bool = False
    fetched: int = 0
    idle_until: float = 0.0
    blocked: bool = False
    crawl_delay: float = 0.0
    queued: Claim | None = None  # the site's next URL, claimed while the current one is fetched


@dataclass(frozen=True)
class Claim:
    """A frontier entry handed to a worker, with the stored validators for a conditional request."""
    entry: FrontierEntry
    validators: tuple[str | None, str | None]


@dataclass
class Work:
    """What a worker brings back; exactly one of error, response (with article or discovery) or robots verdict."""
    entry: FrontierEntry
    response: Response | None = None
    article: Article | None = None
    discovered: Discovered | None = None
    error: ScraperError | None = None
    robots: RobotsRules | None = None
    disallowed: bool = False


class Crawler:
    def __init__(self, archive: Archive, sites: list[SiteConfig], config: CrawlConfig = CrawlConfig(),
                 fetcher: Fetcher | None = None, progress: Progress | None = None):
        self.archive = archive
        self.progress = progress or Progress()
        self.frontier = Frontier(archive.db)
        self.config = config
        self.fetcher = fetcher or Fetcher(config.fetch)
        self.robots = RobotsCache(self.fetcher)
        self.parsers = ParsePool(config.parse_processes, preload=("scraper.parse", "scraper.extract.article"),
                                 timeout=config.parse_timeout)
        self.sites = {site.key: SiteState(site, internal=_seed_is_internal(site)) for site in sites}
        self.summary = Summary()
        self.stopping = threading.Event()
        self.run_id = 0
        self._sitemaps_seen: set[str] = set()
        self._claimed: set[str] = set()
        self._wake = threading.Event()
        self._chained: queue.SimpleQueue = queue.SimpleQueue()
        self._done: queue.SimpleQueue = queue.SimpleQueue()
        self._offered = RecentSet(OFFERED_MEMORY)
        self._pool: ThreadPoolExecutor | None = None

    # -- setup -----------------------------------------------------------------------------------------------

    def _seed(self) -> None:
        now = time.time()
        before = {key: now - (s.config.recrawl_after or self.config.recrawl_after) for key, s in self.sites.items()}
        self.frontier.prepare_run(now, before)
        with writing(self.archive.db):
            for key, state in self.sites.items():
                rows = [self._row(url, key, 0, None, kind="listing") for url in state.config.start_urls]
                self.frontier.add(rows)
                self.frontier.requeue(state.config.start_urls)

    def _row(self, url: str, site: str, depth: int, found_on: str | None, kind: str | None = None) -> dict:
        kind = kind or classify(url)
        return {"url": url, "site": site, "kind": kind, "depth": depth, "priority": KIND_PRIORITY[kind],
                "found_on": found_on}

    # -- the loop ----------------------------------------------------------------------------------------------

    def run(self) -> Summary:
        started = time.monotonic()
        self.run_id = self.frontier.start_run({"sites": [s.config.name for s in self.sites.values()],
                                               "config": self.config}, os.getpid(), time.time())
        self._seed()
        workers = max(1, self.config.concurrency) * 2  # half may be parsing while the other half fetch
        self.parsers.start()
        with self.parsers, ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool, \
                GroupCommit(self.archive.db, self.config.commit_every) as batch:
            self._pool = pool
            try:
                self._loop(pool, batch)
            finally:
                self._pool = None  # workers stop chaining: the pool is about to shut down
        self.progress.close()
        self.summary.duration = time.monotonic() - started
        self.summary.interrupted = self.stopping.is_set()
        return self.summary

    def _loop(self, pool: ThreadPoolExecutor, batch: GroupCommit) -> None:
        in_flight: dict[Future, SiteState] = {}
        while True:
            self._wake.clear()
            finished = self._finished()  # before adopting: a chained future is queued before it can finish
            self._adopt_chained(in_flight)
            for future in [None, *finished]:  # between two pages' writes, released sites start again
                if future is not None:
                    batch.begin()
                    self._apply(future.result(), in_flight.pop(future))
                if not self.stopping.is_set():
                    self._start_due(pool, in_flight)
            batch.commit_if_due()
            if finished:
                self.progress.update(self.summary, lambda: len(in_flight) + self.frontier.pending())
                continue
            pause = self._pause_before_more()
            self._adopt_chained(in_flight)
            if not in_flight and (pause is None or self.stopping.is_set()):
                return
            timeouts = [t for t in (pause, batch.due_in()) if t is not None]
            self._wake.wait(min(timeouts) if timeouts else 1.0)

    def finish(self, exit_status: int) -> None:
        self.frontier.finish_run(self.run_id, self.summary.counts(), exit_status, time.time())

    def _has_budget(self, state: SiteState) -> bool:
        total = self.summary.fetched + len(self._claimed)
        if self.config.max_pages is not None and total >= self.config.max_pages:
            return False
        return state.config.max_pages is None or state.fetched < state.config.max_pages

    def _start_due(self, pool: ThreadPoolExecutor, in_flight: dict) -> None:
        """Start idle sites that are due, and claim the next URL of busy ones so that their worker can go on
        to it the moment the current response is read, without waiting for this thread."""
        if len(in_flight) >= BACKLOG_PER_SITE * self.config.concurrency:
            return  # pages wait to be stored: fetch no more until they are, or memory grows without bound
        now = time.monotonic()
        fetching = sum(1 for s in self.sites.values() if s.busy)
        for key, state in self.sites.items():
            if state.blocked or now < state.idle_until:
                continue
            if state.busy:
                if state.queued is None and self._has_budget(state):
                    state.queued = self._claim(key, state, now)
                continue
            if fetching >= self.config.concurrency or now < state.next_start:
                continue
            if not self._has_budget(state) and state.queued is None:
                state.blocked = True
                continue
            claim, state.queued = state.queued or self._claim(key, state, now), None
            if claim is None:
                continue
            state.busy = True
            fetching += 1
            in_flight[self._submit(pool, claim, state)] = state

    def _claim(self, key: str, state: SiteState, now: float) -> Claim | None:
        entry = self.frontier.next_for(key, time.time(), exclude=self._claimed)
        if entry is None:  # nothing due: not asked again until links are added or a retry falls due
            state.idle_until = self._retry_time(key, now)
            return None
        self._claimed.add(entry.url)
        return Claim(entry, self.archive.validators(entry.url))

    def _submit(self, pool: ThreadPoolExecutor, claim: Claim, state: SiteState) -> Future:
        future = self._future()
        pool.submit(self._run_site, claim, state, future)
        return future

    def _future(self) -> Future:
        """A page's result, set by whichever worker thread finishes it; the loop wakes when it is, and finds it
        among the finished ones (scanning every future in flight on each turn cost the loop a tenth of its CPU)."""
        future: Future = Future()
        future.add_done_callback(self._on_done)
        return future

    def _on_done(self, future: Future) -> None:
        self._done.put(future)
        self._wake.set()

    def _finished(self) -> list[Future]:
        finished = []
        while True:
            try:
                finished.append(self._done.get_nowait())
            except queue.Empty:
                return finished

    def _adopt_chained(self, in_flight: dict) -> None:
        """Fetches that workers started on their own (see _release) join the loop's bookkeeping."""
        while True:
            try:
                future, state = self._chained.get_nowait()
            except queue.Empty:
                return
            in_flight[future] = state

    def _retry_time(self, site: str, now: float) -> float:
        soonest = self.frontier.soonest_retry(site)
        if soonest is None:
            return float("inf")
        delay = datetime.fromisoformat(soonest).timestamp() - time.time()
        return now + max(delay, 0.0) if delay <= self.config.max_retry_wait else float("inf")

    def _pause_before_more(self) -> float | None:
        """Seconds until some idle site may start again; None when no site has anything left to do."""
        now = time.monotonic()
        times = [max(s.next_start, s.idle_until) for s in self.sites.values() if not s.busy and not s.blocked]
        times = [t for t in times if t != float("inf")]
        return max(min(times) - now, 0.0) + 0.001 if times else None

    # -- worker side (threads) ---------------------------------------------------------------------------------

    def _run_site(self, claim: Claim | None, state: SiteState, future: Future) -> None:
        """Runs in a worker thread: network and parsing only, never the database. A site's requests follow one
        another in this thread for as long as the loop has claimed the next URL by the time a response is read:
        waking another thread for it would add that hand-off to every request's turnaround. The page just read
        is then parsed by another thread, overlapping the next request."""
        while claim is not None:
            work = self._fetch(claim.entry, state, claim.validators)
            claim = self._release(state, work.robots, self._backoff(work))
            following = self._future() if claim is not None else None
            if following is not None:
                self._chained.put((following, state))  # before this page's result: the loop must never see
                # the site with nothing in flight while it is still fetching
            if work.response is None or work.response.not_modified:  # nothing to parse
                future.set_result(work)
            elif following is None or not self._parse_elsewhere(work, state, future):
                future.set_result(self._parse(work, state))
            future = following

    def _fetch(self, entry: FrontierEntry, state: SiteState, validators: tuple[str | None, str | None]) -> Work:
        rules = None
        try:
            self.stopping.wait(max(state.next_start - time.monotonic(), 0.0))
            rules, requested = self.robots.rules_for(entry.url, state.internal)
            if rules.unreachable or not rules.allowed(entry.url):
                return Work(entry, robots=rules, disallowed=True)
            if requested:
                self.stopping.wait(self._delay(state, rules))
            etag, modified = validators
            response = self.fetcher.fetch(entry.url, etag=etag, last_modified=modified,
                                          allow_internal=state.internal, accept=CRAWL_TYPES)
            return Work(entry, response=response, robots=rules)
        except (FetchError, InvalidURL) as e:
            return Work(entry, robots=rules, error=e)
        except Exception as e:  # a bug of ours on one odd page must not end a crawl of thousands
            return _unexpected(entry, rules, e)

    def _backoff(self, work: Work) -> float:
        """429 and 503 slow the whole site down, not just this URL's retry."""
        error = work.error
        if isinstance(error, TransientError) and error.status in (429, 503):
            return self.config.fetch.retry.delay(work.entry.attempts + 1, error.retry_after)
        return 0.0

    def _parse_elsewhere(self, work: Work, state: SiteState, future: Future) -> bool:
        pool = self._pool
        if pool is None:
            return False
        try:
            pool.submit(lambda: future.set_result(self._parse(work, state)))
        except RuntimeError:  # the pool began shutting down in between
            return False
        return True

    def _parse(self, work: Work, state: SiteState) -> Work:
        """The fetched page to an article or a sitemap's or feed's links, in a parsing process."""
        try:
            parsed = self.parsers.call(analyse, work.response, state.config.timezone, state.config.profile)
        except (FetchError, ExtractionError) as e:  # FetchError: the parsing process died with the page
            return Work(work.entry, robots=work.robots, error=e)
        except Exception as e:
            return _unexpected(work.entry, work.robots, e)
        if isinstance(parsed, Discovered):
            return Work(work.entry, response=work.response, discovered=parsed, robots=work.robots)
        return Work(work.entry, response=work.response, article=parsed, robots=work.robots)

    def _release(self, state: SiteState, rules: RobotsRules | None, backoff: float = 0.0) -> Claim | None:
        """The site may take its next request: the claim returned, for the calling worker to fetch right away,
        when the loop has already claimed one and the wait is short (the site stays busy); else the loop starts
        the site again when it is due."""
        wait = max(self._delay(state, rules), backoff)
        state.next_start = time.monotonic() + wait
        claim = state.queued
        if claim is not None and self._pool is not None and not self.stopping.is_set() and wait <= MAX_CHAINED_WAIT:
            state.queued = None
        else:
            claim, state.busy = None, False
        self._wake.set()  # the loop claims the site's next URL ahead again, or starts the site when due
        return claim

    # -- main-thread side ------------------------------------------------------------------------------------

    def _apply(self, work: Work, state: SiteState) -> None:
        self._claimed.discard(work.entry.url)
        rules = work.robots
        now = time.time()
        with writing(self.archive.db):
            if rules is not None and rules.unreachable:
                if not state.blocked:
                    log.warning("%s: robots.txt unreachable; site skipped this run", state.config.name)
                    self.summary.unreachable.append(state.config.name)
                state.blocked = True
                return
            if rules is not None:
                self._add_sitemaps(rules, state)
            if work.disallowed:
                self.summary.skipped += 1
                self.frontier.finish(work.entry.url, "skipped", now, self.run_id, error="disallowed by robots.txt")
            elif work.error is not None:
                self._apply_error(work, state, now)
            else:
                state.fetched += 1
                self.summary.fetched += 1
                self._apply_response(work, state, now)

    def _delay(self, state: SiteState, rules: RobotsRules | None) -> float:
        """--delay (or the site's own) or robots Crawl-delay, whichever is larger."""
        own = state.config.delay if state.config.delay is not None else self.config.delay
        return max(own, (rules.crawl_delay() or 0.0) if rules else 0.0)

    def _apply_response(self, work: Work, state: SiteState, now: float) -> None:
        response, entry = work.response, work.entry
        kind = None
        if response.not_modified:
            self.archive.touch_page(entry.url)
            self.summary.unchanged += 1
        elif work.discovered is not None:
            self.archive.record_page(page_record(response))
            links = [*work.discovered.pages, *work.discovered.sitemaps]
            self._enqueue(links, entry, state, kinds={u: "sitemap" for u in work.discovered.sitemaps})
        elif work.article is None:
            store_unparsable(self.archive, response, ExtractionError("no article could be read"))
        else:
            stored = store_article(self.archive, response, work.article)
            self._count(stored.saved.outcome)
            self._enqueue(work.article.links, entry, state)
            if entry.kind in ("article", "listing", "page"):
                kind = "article" if work.article.is_article else "listing"
        self.frontier.finish(entry.url, "done", now, self.run_id, kind=kind)

    def _apply_error(self, work: Work, state: SiteState, now: float) -> None:
        entry, error = work.entry, work.error
        attempts = entry.attempts + 1
        policy = self.config.fetch.retry
        if isinstance(error, TransientError) and policy.should_retry(attempts):
            wait_for = policy.delay(attempts, error.retry_after)
            state.idle_until = 0.0
            log.info("%s: %s; retry %d in %.1fs", entry.url, error.reason, attempts, wait_for)
            self.frontier.finish(entry.url, "pending", now, self.run_id, error=error_text(error),
                                 next_attempt_at=now + wait_for, attempts=attempts)
            return
        status = getattr(error, "status", None)
        self.summary.failed += 1
        self.archive.record_page(FetchedPage(url=entry.url, status=status, error=error_text(error)))
        if status in GONE_STATUSES:
            self.archive.mark_gone(entry.url)
            self.frontier.finish(entry.url, "gone", now, self.run_id, error=error_text(error), attempts=attempts)
        else:
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

    def _add_sitemaps(self, rules: RobotsRules, state: SiteState) -> None:
        fresh = [u for u in rules.sitemaps() if u not in self._sitemaps_seen]
        if fresh:
            self._sitemaps_seen.update(fresh)
            self._enqueue(fresh, None, state, kinds={u: "sitemap" for u in fresh})

    def _enqueue(self, urls, parent: FrontierEntry | None, state: SiteState, kinds: dict | None = None) -> None:
        depth = parent.depth + 1 if parent else 1
        if depth > self.config.max_depth:
            return
        site = state.config
        rows = []
        for url in urls:
            if url in self._offered:  # menus and sidebars repeat on every page: decided once per run
                continue
            self._offered.add(url)
            kind = (kinds or {}).get(url)
            if site_of(url) != site.key or len(url) > self.config.max_url_length or not site.accepts(url):
                continue
            if kind is None and is_non_html(url):
                continue
            rows.append(self._row(url, site.key, depth, parent.url if parent else None, kind))
        if rows and self.frontier.add(rows):
            state.idle_until = 0.0


def error_text(error: ScraperError) -> str:
    return getattr(error, "reason", None) or str(error)


def _unexpected(entry: FrontierEntry, rules: RobotsRules | None, error: Exception) -> Work:
    log.exception("%s: unexpected error while processing", entry.url)
    return Work(entry, robots=rules, error=ScraperError(f"unexpected {type(error).__name__}: {error}"))


def _seed_is_internal(site: SiteConfig) -> bool:
    try:
        return is_internal_url(site.start_urls[0])
    except InvalidURL:
        return False


def crawl(db_path: str, sites: list[SiteConfig], config: CrawlConfig = CrawlConfig(),
          fetcher: Fetcher | None = None, handle_signals: bool = True, progress: Progress | None = None) -> Summary:
    """Run one crawl under the database's lock. Raises LockHeld (exit 3) when another crawl holds it."""
    with RunLock(db_path), Archive(db_path) as archive:
        crawler = Crawler(archive, sites, config, fetcher, progress)
        restore = _install_signal_handlers(crawler) if handle_signals else None
        exit_status = 1
        try:
            summary = crawler.run()
            exit_status = summary.exit_status
            return summary
        finally:
            if restore:
                restore()
            try:
                crawler.finish(exit_status)
            finally:
                if fetcher is None:
                    crawler.fetcher.close()


def _install_signal_handlers(crawler: Crawler):
    """SIGTERM and Ctrl-C finish the pages in hand, then stop; the frontier keeps the rest for next time."""
    if threading.current_thread() is not threading.main_thread():
        return None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def stop(signum, frame) -> None:
        log.warning("signal %d: finishing pages in hand, then stopping", signum)
        crawler.stopping.set()
    for sig in previous:
        signal.signal(sig, stop)

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return restore

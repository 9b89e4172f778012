"""The crawl loop: frontier in the store, one request at a time per site, many sites in parallel, resumable.

Worker threads fetch (worker.py) and hand pages to the parsing processes (parse_pool.py). The loop thread owns
the store: it records finished pages (outcome.py) inside a batch committed every `commit_every` seconds, so a
kill -9 at any moment loses at most the pages in flight and those of the open batch, all of them still pending
in the frontier when the next run starts; and it claims work (scheduler.py) between two pages' writes.
"""
from __future__ import annotations

import os
import queue
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

from scraper.config import CrawlConfig, SiteConfig
from scraper.crawl.outcome import Recorder
from scraper.crawl.progress import Progress, Summary
from scraper.crawl.scheduler import Scheduler, Slot
from scraper.crawl.scope import Scopes, frontier_row
from scraper.crawl.worker import Handoff, Worker
from scraper.errors import FetchError, InvalidURL
from scraper.fetch import Fetcher
from scraper.netguard import is_internal_url
from scraper.parse_pool import CRAWL_PRELOAD, ParsePool
from scraper.store.contracts import ArchiveStore, FrontierStore

BACKLOG_PER_SITE = 3  # pages fetched or parsed but not yet stored, per concurrent site, before fetching pauses
IDLE_WAKE = 1.0  # seconds the loop sleeps at most when nothing is due and nothing has a time


class Crawler:
    def __init__(self, archive: ArchiveStore, frontier: FrontierStore, sites: list[SiteConfig],
                 config: CrawlConfig = CrawlConfig(), fetcher: Fetcher | None = None,
                 progress: Progress | None = None):
        self.archive = archive
        self.frontier = frontier
        self.config = config
        self.progress = progress or Progress()
        self.fetcher = fetcher or Fetcher(config.fetch)
        self.parsers = ParsePool(config.parse_processes, preload=CRAWL_PRELOAD,
                                 timeout=config.parse_timeout)
        self.sites = sites
        self.slots = [Slot(site, config.delay, internal=_seed_is_internal(site)) for site in sites]
        self.scheduler = Scheduler(frontier, archive, self.slots, config)
        self.scopes = Scopes(sites, config.max_depth)
        self.summary = Summary()
        self.stopping = threading.Event()
        self.run_id = 0
        self._wake = threading.Event()
        self._chained: queue.SimpleQueue = queue.SimpleQueue()
        self._done: queue.SimpleQueue = queue.SimpleQueue()
        self._pool: ThreadPoolExecutor | None = None
        self.worker = Worker(self.fetcher, self.parsers, config.fetch.retry, self.stopping,
                             Handoff(self._future, self._adopt, self._submit))
        self.recorder: Recorder | None = None

    def run(self) -> Summary:
        started = time.monotonic()
        self.run_id = self.frontier.start_run({"sites": [s.name for s in self.sites], "config": self.config},
                                              os.getpid(), time.time())
        self.recorder = Recorder(self.archive, self.frontier, self.scheduler, self.scopes, self.config.fetch.retry,
                                 self.summary, self.run_id)
        self._seed()
        threads = max(1, self.config.concurrency) * 2  # half may be parsing while the other half fetch
        self.parsers.start()
        with self.parsers, ThreadPoolExecutor(max_workers=threads, thread_name_prefix="fetch") as pool:
            self._pool = pool
            try:
                self._loop()
            finally:
                self._pool = None
                self.worker.chaining = False  # the pool is about to shut down
        self.progress.close()
        self.summary.duration = time.monotonic() - started
        self.summary.interrupted = self.stopping.is_set()
        return self.summary

    def finish(self, exit_status: int) -> None:
        self.frontier.finish_run(self.run_id, self.summary.counts(), exit_status, time.time())

    def _seed(self) -> None:
        now = time.time()
        before = {s.key: now - (s.recrawl_after or self.config.recrawl_after) for s in self.sites}
        self.frontier.prepare_run(now, before)
        with self.archive.batch():
            for site in self.sites:
                self.frontier.add([frontier_row(url, site.key, 0, None, kind="listing") for url in site.start_urls])
                self.frontier.requeue(site.start_urls)

    def _loop(self) -> None:
        in_flight: dict[Future, Slot] = {}
        while in_flight or not self._finished_all():
            with self.archive.batch():
                self._turns(in_flight, time.monotonic() + self.config.commit_every)

    def _finished_all(self) -> bool:
        return self.stopping.is_set() or self.scheduler.pause() is None

    def _turns(self, in_flight: dict, commit_at: float) -> None:
        """Turns of the loop until the batch is due to commit: record what finished, start what is due, wait."""
        while time.monotonic() < commit_at:
            finished = self._drain(self._done)  # before adopting: a chained future is queued before it finishes
            self._adopt_chained(in_flight)
            self._wake.clear()
            for future in [None, *finished]:  # between two pages' writes, released sites start again
                if future is not None:
                    self.recorder.record(future.result(), in_flight.pop(future))
                if not self.stopping.is_set():
                    self._start_due(in_flight)
            if finished:
                self.progress.update(self.summary, lambda: len(in_flight) + self.frontier.pending())
                continue
            pause = self.scheduler.pause()
            self._adopt_chained(in_flight)
            if not in_flight and (pause is None or self.stopping.is_set()):
                return
            self._wake.wait(min(pause if pause is not None else IDLE_WAKE, max(commit_at - time.monotonic(), 0)))

    def _start_due(self, in_flight: dict) -> None:
        if len(in_flight) >= BACKLOG_PER_SITE * self.config.concurrency:
            return  # pages wait to be stored: fetch no more until they are, or memory grows without bound
        for claim, slot in self.scheduler.due():
            future = self._future()
            self._pool.submit(self.worker.run_site, claim, slot, future)
            in_flight[future] = slot

    # -- the hand-off with worker threads ---------------------------------------------------------------------

    def _future(self) -> Future:
        """A page's result, set by whichever worker thread finishes it; the loop wakes when it is, and finds it
        among the finished ones (scanning every future in flight on each turn cost the loop a tenth of its CPU)."""
        future: Future = Future()
        future.add_done_callback(self._on_done)
        return future

    def _on_done(self, future: Future) -> None:
        self._done.put(future)
        self._wake.set()

    def _adopt(self, future: Future, slot: Slot) -> None:
        self._chained.put((future, slot))
        self._wake.set()

    def _submit(self, task) -> bool:
        pool = self._pool
        if pool is None:
            return False
        try:
            pool.submit(task)
        except RuntimeError:  # the pool began shutting down in between
            return False
        return True

    def _adopt_chained(self, in_flight: dict) -> None:
        """Fetches that workers started on their own join the loop's bookkeeping."""
        for future, slot in self._drain(self._chained):
            in_flight[future] = slot

    @staticmethod
    def _drain(source: queue.SimpleQueue) -> list:
        items = []
        while True:
            try:
                items.append(source.get_nowait())
            except queue.Empty:
                return items


def _seed_is_internal(site: SiteConfig) -> bool:
    try:
        return is_internal_url(site.start_urls[0])
    except (InvalidURL, FetchError):  # unresolvable now: its robots.txt request will say so
        return False

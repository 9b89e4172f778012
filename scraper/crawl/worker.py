"""The worker threads' side: robots.txt, the fetch, handing the page to a parsing process, and going straight
on to the site's next URL when the loop has claimed it in time. Network and parsing only, never the database.

Why chaining: waking another thread for a site's next request would add that hand-off to every request's
turnaround. The page just read is parsed by another thread meanwhile, overlapping the next request.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future

from scraper.crawl.outcome import Disallowed, Failed, Fetched, NotModified, Result, Unreachable
from scraper.crawl.scheduler import Claim, Slot
from scraper.errors import ExtractionError, FetchError, InvalidURL, ScraperError, TransientError
from scraper.fetch import FEED_TYPES, HTML_TYPES, Fetcher, RetryPolicy
from scraper.parse import analyse
from scraper.parse_pool import ParsePool
from scraper.robots import RobotsCache
from scraper.store.frontier import FrontierEntry

log = logging.getLogger("scraper.crawl")
CRAWL_TYPES = HTML_TYPES | FEED_TYPES
THROTTLE_STATUSES = frozenset({429, 503})


class Handoff:
    """What a worker needs of the loop: a future the loop will collect, a way to tell it of a fetch the worker
    started on its own, and a thread for parsing (None once the pool is shutting down)."""

    def __init__(self, new_future: Callable[[], Future], adopt: Callable[[Future, Slot], None],
                 submit: Callable[[Callable[[], None]], bool]):
        self.new_future = new_future
        self.adopt = adopt
        self.submit = submit


class Worker:
    def __init__(self, fetcher: Fetcher, parsers: ParsePool, retry: RetryPolicy, stopping: threading.Event,
                 handoff: Handoff):
        self.fetcher = fetcher
        self.robots = RobotsCache(fetcher)
        self.parsers = parsers
        self.retry = retry
        self.stopping = stopping
        self.handoff = handoff
        self.chaining = True  # false once the loop is done: workers stop going on to queued claims

    def run_site(self, claim: Claim | None, slot: Slot, future: Future) -> None:
        """A site's requests, one after another, for as long as the next one is claimed in time."""
        while claim is not None:
            result = self.fetch(claim, slot)
            claim = slot.release(result.rules, self._backoff(result),
                                 may_chain=self.chaining and not self.stopping.is_set())
            following = self.handoff.new_future() if claim is not None else None
            if following is not None:
                self.handoff.adopt(following, slot)  # before this page's result: the loop must never see the
                # site with nothing in flight while it is still fetching
            if not isinstance(result, Fetched):
                future.set_result(result)
            elif following is None or not self._parse_elsewhere(result, slot, future):
                future.set_result(self.parse(result, slot))
            future = following

    def fetch(self, claim: Claim, slot: Slot) -> Result:
        entry, rules = claim.entry, None
        try:
            self.stopping.wait(slot.wait())
            rules, requested = self.robots.rules_for(entry.url, slot.internal)
            if rules.unreachable:
                return Unreachable(entry, rules)
            if not rules.allowed(entry.url):
                return Disallowed(entry, rules)
            if requested:
                self.stopping.wait(slot.delay(rules))
            etag, modified = claim.validators
            response = self.fetcher.fetch(entry.url, etag=etag, last_modified=modified,
                                          allow_internal=slot.internal, accept=CRAWL_TYPES)
        except (FetchError, InvalidURL) as e:
            return Failed(entry, rules, e)
        except Exception as e:  # a bug of ours on one odd page must not end a crawl of thousands
            return Failed(entry, rules, unexpected(entry, e))
        if response.not_modified:
            return NotModified(entry, rules)
        return Fetched(entry, rules, response)

    def _parse_elsewhere(self, result: Fetched, slot: Slot, future: Future) -> bool:
        return self.handoff.submit(lambda: future.set_result(self.parse(result, slot)))

    def parse(self, result: Fetched, slot: Slot) -> Result:
        """The fetched page to an article or a sitemap's or feed's links, in a parsing process."""
        config = slot.config
        try:
            parsed = self.parsers.call(analyse, result.response, config.timezone, config.profile)
        except ExtractionError as e:  # the parsing process died with the page, or was stopped
            return Failed(result.entry, result.rules, e, result.response)
        except Exception as e:
            return Failed(result.entry, result.rules, unexpected(result.entry, e), result.response)
        return Fetched(result.entry, result.rules, result.response, parsed)

    def _backoff(self, result: Result) -> float:
        """429 and 503 slow the whole site down, not just this URL's retry."""
        error = result.error if isinstance(result, Failed) else None
        if isinstance(error, TransientError) and error.status in THROTTLE_STATUSES:
            return self.retry.delay(result.entry.attempts + 1, error.retry_after)
        return 0.0


def unexpected(entry: FrontierEntry, error: Exception) -> ScraperError:
    """A bug of ours, recorded against the page; the traceback only in a debug log (-vv), never to a user."""
    log.error("%s: unexpected %s: %s", entry.url, type(error).__name__, error,
              exc_info=log.isEnabledFor(logging.DEBUG))
    return ScraperError(f"unexpected {type(error).__name__}: {error}")


"""Whose turn it is: one Slot per site (its delay, backoff, Retry-After and page budget, under a lock, since
the loop claims while worker threads release) and the Scheduler that hands out claims from the frontier.

Politeness is a Slot's whole job: a site has at most one request in flight, and the next one starts no sooner
than the site's delay (or robots Crawl-delay, or a 429/503's backoff) after the previous response was read.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from scraper.config import CrawlConfig, SiteConfig
from scraper.robots import RobotsRules
from scraper.store.contracts import ArchiveStore, FrontierStore
from scraper.store.frontier import FrontierEntry

MAX_CHAINED_WAIT = 5.0  # a worker waits this long at most for a site's next turn; longer waits go back to the loop
NEVER = float("inf")
SATURATED_WAIT = 1.0  # the loop's longest sleep while every fetch slot is taken: a finishing page wakes it sooner


@dataclass(frozen=True)
class Claim:
    """A frontier entry handed to a worker, with the stored validators for a conditional request."""
    entry: FrontierEntry
    validators: tuple[str | None, str | None]


class Slot:
    """One site's turn-taking. `clock` is monotonic seconds; tests give a fake one."""

    def __init__(self, config: SiteConfig, default_delay: float, internal: bool,
                 clock: Callable[[], float] = time.monotonic):
        self.config = config
        self.internal = internal  # the seed is on a private network: its links may be too
        self.clock = clock
        self.own_delay = config.delay if config.delay is not None else default_delay
        self.lock = threading.Lock()
        self.next_start = 0.0
        self.idle_until = 0.0  # nothing due before this (the soonest retry), unless links are added
        self.busy = False
        self.blocked = False  # robots unreachable, or budget spent: no more this run
        self.fetched = 0
        self.queued: Claim | None = None  # the next URL, claimed while the current one is fetched

    @property
    def name(self) -> str:
        return self.config.name

    def delay(self, rules: RobotsRules | None) -> float:
        """The site's delay (or the run's) or robots Crawl-delay, whichever is larger."""
        return max(self.own_delay, (rules.crawl_delay() or 0.0) if rules else 0.0)

    def wait(self) -> float:
        """Seconds until the site's next request may start."""
        return max(self.next_start - self.clock(), 0.0)

    def release(self, rules: RobotsRules | None, backoff: float = 0.0, may_chain: bool = True) -> Claim | None:
        """A response was read: the next request waits the delay (or the backoff, if longer). Returns the claim
        queued ahead for the calling worker to go on with, when the wait is short (the site stays busy);
        otherwise the site is free and the loop starts it again when due."""
        with self.lock:
            wait = max(self.delay(rules), backoff)
            self.next_start = self.clock() + wait
            claim = self.queued
            if claim is not None and may_chain and wait <= MAX_CHAINED_WAIT:
                self.queued = None
                return claim
            self.busy = False
            return None

    def startable(self, now: float) -> bool:
        with self.lock:
            return not self.busy and not self.blocked and now >= self.next_start and now >= self.idle_until

    def take_queued_or(self, claim: Callable[[], Claim | None]) -> Claim | None:
        """The claim to start the site with (queued ahead, else a new one); marks the site busy when there is."""
        with self.lock:
            chosen, self.queued = self.queued or claim(), None
            self.busy = chosen is not None
            return chosen

    def has_budget(self) -> bool:
        return self.config.max_pages is None or self.fetched < self.config.max_pages

    def next_time(self) -> float:
        """When the site may be started again, if it is idle (NEVER when it is busy, blocked or has nothing)."""
        with self.lock:
            return NEVER if self.busy or self.blocked else max(self.next_start, self.idle_until)


class Scheduler:
    """Claims for the loop thread: which idle sites start now, and the next URL of busy ones, claimed ahead so
    that their worker goes on to it the moment a response is read."""

    def __init__(self, frontier: FrontierStore, archive: ArchiveStore, slots: list[Slot], config: CrawlConfig):
        self.frontier = frontier
        self.archive = archive
        self.slots = slots
        self.by_key = {slot.config.key: slot for slot in slots}
        self.config = config
        self.claimed: set[str] = set()
        self.fetched = 0

    def due(self) -> list[tuple[Claim, Slot]]:
        """Claims to start now, at most `concurrency` sites fetching at once."""
        now = time.monotonic()
        fetching = sum(1 for slot in self.slots if slot.busy)
        starts = []
        for slot in self.slots:
            if slot.busy:
                with slot.lock:
                    if slot.busy and slot.queued is None and self._has_budget(slot):
                        slot.queued = self.claim(slot)
                continue
            if fetching >= self.config.concurrency or not slot.startable(now):
                continue
            if not self._has_budget(slot) and slot.queued is None:
                slot.blocked = True
                continue
            claim = slot.take_queued_or(lambda: self.claim(slot))
            if claim is not None:
                fetching += 1
                starts.append((claim, slot))
        return starts

    def claim(self, slot: Slot) -> Claim | None:
        entry = self.frontier.next_for(slot.config.key, time.time(), exclude=self.claimed)
        if entry is None:  # nothing due: not asked again until links are added or a retry falls due
            slot.idle_until = self._retry_time(slot)
            return None
        self.claimed.add(entry.url)
        return Claim(entry, self.archive.validators(entry.url))

    def finished(self, entry: FrontierEntry, fetched: bool, slot: Slot) -> None:
        self.claimed.discard(entry.url)
        if fetched:
            self.fetched += 1
            slot.fetched += 1

    def _has_budget(self, slot: Slot) -> bool:
        limit = self.config.max_pages
        if limit is not None and self.fetched + len(self.claimed) >= limit:
            return False
        return slot.has_budget()

    def _retry_time(self, slot: Slot) -> float:
        soonest = self.frontier.soonest_retry(slot.config.key)
        if soonest is None:
            return NEVER
        delay = datetime.fromisoformat(soonest).timestamp() - time.time()
        return time.monotonic() + max(delay, 0.0) if delay <= self.config.max_retry_wait else NEVER

    def pause(self) -> float | None:
        """Seconds until some idle site may start again; None when no site has anything left to do. While as many
        sites fetch as the concurrency allows, no idle one can start before a page finishes (which wakes the loop),
        so the loop does not wake at each idle site's time only to find no free slot."""
        times = [t for t in (slot.next_time() for slot in self.slots) if t != NEVER]
        if not times:
            return None
        if sum(1 for slot in self.slots if slot.busy) >= self.config.concurrency:
            return SATURATED_WAIT
        return max(min(times) - time.monotonic(), 0.0) + 0.001

    def woken(self, key: str) -> None:
        """Links were added for this site: it has something due again."""
        if slot := self.by_key.get(key):
            slot.idle_until = 0.0

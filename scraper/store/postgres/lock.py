"""Crawls on one PostgreSQL server: workers join one another; an `--exclusive` crawl runs alone.

Advisory locks held by the session, so a worker that dies (kill -9, a lost machine) drops its lock with its
connection, as the SQLite file lock is dropped with its process.
"""
from __future__ import annotations

from scraper.errors import LockHeld
from scraper.store.postgres.connection import connect, redacted

CRAWL_LOCK = 7_362_515  # pg advisory lock key of crawls: shared by joining workers, exclusive for --exclusive


class CrawlLock:
    def __init__(self, url: str, exclusive: bool = False):
        self.url = url
        self.exclusive = exclusive
        self.conn = None
        self.joined = False  # another crawl was running: this one joins it as a worker

    def __enter__(self) -> CrawlLock:
        """The exclusive lock first: who gets it starts the crawl (and keeps it when `exclusive`); the others
        hold the shared one and join."""
        self.conn = connect(self.url)
        first = self._try("pg_try_advisory_lock")
        if self.exclusive and not first:
            self.conn.close()
            raise LockHeld(f"other crawls are running on {redacted(self.url)}")
        if not self.exclusive:
            shared = self._try("pg_try_advisory_lock_shared")
            if first:
                self.conn.execute("SELECT pg_advisory_unlock(%s)", [CRAWL_LOCK])
            elif not shared:
                self.conn.close()
                raise LockHeld(f"an --exclusive crawl is running on {redacted(self.url)}")
            self.joined = not first
        return self

    def _try(self, function: str) -> bool:
        return self.conn.execute(f"SELECT {function}(%s)", [CRAWL_LOCK]).fetchone()[0]

    def __exit__(self, *exc) -> None:
        if self.conn is not None:
            self.conn.close()

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

    def __enter__(self) -> CrawlLock:
        self.conn = connect(self.url)
        function = "pg_try_advisory_lock" if self.exclusive else "pg_try_advisory_lock_shared"
        if not self.conn.execute(f"SELECT {function}(%s)", [CRAWL_LOCK]).fetchone()[0]:
            self.conn.close()
            held = "other crawls are running" if self.exclusive else "an --exclusive crawl is running"
            raise LockHeld(f"{held} on {redacted(self.url)}")
        return self

    def __exit__(self, *exc) -> None:
        if self.conn is not None:
            self.conn.close()

"""Crawls on one PostgreSQL server: workers join one another; an `--exclusive` crawl runs alone.

Advisory locks held by the session, so a worker that dies (kill -9, a lost machine) drops its lock with its
connection, as the SQLite file lock is dropped with its process.
"""
from __future__ import annotations

from scraper.errors import LockHeld
from scraper.store.postgres.connection import connect, redacted

CRAWL_LOCK = 7_362_515  # pg advisory lock key of crawls: shared by joining workers, exclusive for --exclusive
STARTING_LOCK = 7_362_516  # taken for the moment of deciding who starts the crawl, so that exactly one does
_HOLDERS = ("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = %s "
            "AND objsubid = 1 AND granted AND pid <> pg_backend_pid()")


class CrawlLock:
    def __init__(self, url: str, exclusive: bool = False):
        self.url = url
        self.exclusive = exclusive
        self.conn = None
        self.joined = False  # another crawl was running: this one joins it as a worker

    def __enter__(self) -> CrawlLock:
        """Workers starting together decide one at a time: the first finds nobody holding the crawl lock and
        starts the crawl; the others join it. An exclusive crawl holds the lock alone for its whole run."""
        self.conn = connect(self.url)
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", [STARTING_LOCK])
            others = self.conn.execute(_HOLDERS, [CRAWL_LOCK]).fetchone()[0]
            function = "pg_try_advisory_lock" if self.exclusive else "pg_try_advisory_lock_shared"
            taken = self.conn.execute(f"SELECT {function}(%s)", [CRAWL_LOCK]).fetchone()[0]
        if not taken:
            self.conn.close()
            held = "other crawls are running" if self.exclusive else "an --exclusive crawl is running"
            raise LockHeld(f"{held} on {redacted(self.url)}")
        self.joined = others > 0
        return self

    def __exit__(self, *exc) -> None:
        if self.conn is not None:
            self.conn.close()

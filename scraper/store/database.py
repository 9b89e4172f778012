"""Opening the SQLite file and the one way to write to it: `batch()`, a transaction that nests as savepoints.

Why one helper: the crawl groups many pages into one transaction (each commit writes the WAL and adds a
full-text index segment to merge later), while each archive method must also be atomic on its own when called
alone. A batch inside a batch is a savepoint: a failing step rolls back only itself when its caller catches
the error, and everything when nobody does. Any SQLite failure becomes a StoreError with the batch rolled back.
"""
from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from scraper.errors import StoreError

BUSY_TIMEOUT_MS = 30_000
# SQLite's page cache per connection, in KiB: the hot index pages of a large archive stay in memory, while a
# long crawl (one connection, writing for hours) stays within its memory budget
CACHE_KIB = 32_768
_SAVEPOINTS = itertools.count()


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def open_database(path: str | Path) -> Database:
    """WAL so analysts can read while a crawl writes; foreign keys on; waits instead of failing on a busy lock."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
                           isolation_level=None)  # transactions are ours (batch), never implicit
    db = Database(conn, recursive_triggers=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    db.execute("PRAGMA temp_store=MEMORY")
    return db


@contextlib.contextmanager
def batch(db: Database) -> Iterator[Database]:
    """A transaction (BEGIN IMMEDIATE: the write lock is taken, or waited for, up front, so two writers never
    deadlock upgrading), or a savepoint when one is already open."""
    conn = db.conn
    if conn.in_transaction:
        name = f"batch_{next(_SAVEPOINTS)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            _quietly(conn, f"ROLLBACK TO {name}")
            _quietly(conn, f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as e:  # another process kept the write lock past the busy timeout
        raise StoreError(f"archive cannot be written: {e}") from e
    try:
        yield db
        conn.execute("COMMIT")
    except BaseException as e:
        _quietly(conn, "ROLLBACK")
        if isinstance(e, sqlite3.Error):
            raise StoreError(f"archive write failed and was rolled back: {e}") from e
        raise


def _quietly(conn: sqlite3.Connection, statement: str) -> None:
    """A rollback after a failure: if SQLite already rolled back (disk full does), there is nothing to undo."""
    with contextlib.suppress(sqlite3.Error):
        conn.execute(statement)

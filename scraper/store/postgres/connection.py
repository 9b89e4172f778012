"""Connecting to PostgreSQL and the one way to write: `batch()`, a transaction that nests as savepoints.

psycopg is an optional extra (`scraper[postgres]`); a missing extra or an unreachable server is a one-line
error naming what to do, never a traceback.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

from scraper.errors import StoreError

CONNECT_TIMEOUT_S = 10


def redacted(url: str) -> str:
    """The URL without its password, for messages and logs."""
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    return f"{scheme}://{credentials.split(':')[0]}@{host}" if at else url


def connect(url: str):
    """An autocommit connection: transactions are ours (`batch`), never implicit."""
    try:
        import psycopg
    except ImportError:
        raise StoreError("PostgreSQL needs the postgres extra: pip install 'scraper[postgres]'") from None
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                               application_name="scraper")
    except psycopg.Error as e:
        reason = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
        raise StoreError(f"cannot connect to PostgreSQL at {redacted(url)}: {reason}") from None


def server_failure(error: BaseException) -> str | None:
    """What to tell the user when `error` is PostgreSQL's (a server restarted or gone mid-command): psycopg's
    errors reach us from reads outside any batch too. None for any other error."""
    import sys
    psycopg = sys.modules.get("psycopg")  # never imported for an SQLite archive
    if psycopg is None or not isinstance(error, psycopg.Error):
        return None
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"PostgreSQL failed: {reason}; the crawl's frontier keeps what was not done"


@contextlib.contextmanager
def batch(conn) -> Iterator[None]:
    """One transaction for everything inside; a savepoint when nested (psycopg's own nesting). Any database
    failure becomes a StoreError with the transaction (or savepoint) rolled back."""
    import psycopg
    try:
        with conn.transaction():
            yield
    except psycopg.Error as e:
        raise StoreError(f"archive write failed and was rolled back: {e}") from e

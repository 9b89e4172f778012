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

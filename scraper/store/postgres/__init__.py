"""The archive and the shared frontier on PostgreSQL, for many crawlers on many machines (`--db postgresql://…`).
Imported only when a PostgreSQL URL is named: SQLite users never load psycopg."""
from scraper.store.postgres.archive import PgArchive
from scraper.store.postgres.connection import connect
from scraper.store.postgres.frontier import PgFrontier
from scraper.store.postgres.lock import CrawlLock

__all__ = ["CrawlLock", "PgArchive", "PgFrontier", "connect"]

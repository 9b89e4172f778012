"""Which store a `--db` names: a file path is the SQLite archive (the default); a `postgresql://` URL is the
shared PostgreSQL archive and frontier. The crawler and the commands see only the contracts (contracts.py)."""
from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from scraper.lock import RunLock
from scraper.store.archive import Archive
from scraper.store.contracts import ArchiveStore, FrontierStore
from scraper.store.frontier import Frontier

if TYPE_CHECKING:  # the configuration pulls in the HTTP stack, which a search or an export never needs
    from scraper.config import CrawlConfig, SiteConfig

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(target: str) -> bool:
    return str(target).startswith(POSTGRES_SCHEMES)


def open_archive(target: str) -> ArchiveStore:
    if is_postgres(target):
        from scraper.store.postgres import PgArchive
        return PgArchive(target)
    return Archive(target)


def open_frontier(archive: ArchiveStore, sites: list[SiteConfig], config: CrawlConfig,
                  joining: bool = False) -> FrontierStore:
    """The frontier beside the archive: in its database, sharing its transactions for a URL's final state.
    `joining`: a crawl is running on the shared frontier, and this process becomes one more of its workers."""
    if archive.engine == "postgresql":
        from scraper.store.postgres import PgFrontier, connect
        delays = {site.key: site.delay if site.delay is not None else config.delay for site in sites}
        return PgFrontier(archive.conn, connect(archive.url), delays=delays, lease_s=config.lease,
                          joining=joining)
    return Frontier(archive.db)


def search(archive: ArchiveStore, query: str, filters, limit: int, rank_newest: int | None):
    """Ranked full-text hits from the archive's own index (FTS5 on SQLite, tsvector on PostgreSQL)."""
    if archive.engine == "postgresql":
        from scraper.store.postgres.search import search as search_postgres
        return search_postgres(archive, query, filters, limit)
    from scraper.store.queries import search as search_sqlite
    return search_sqlite(archive, query, filters, limit, rank_newest)


def crawl_lock(target: str, exclusive: bool = False) -> contextlib.AbstractContextManager:
    """One crawl per SQLite file; on PostgreSQL, workers join (unless one runs `exclusive`)."""
    if is_postgres(target):
        from scraper.store.postgres import CrawlLock
        return CrawlLock(target, exclusive)
    return RunLock(target)

"""One crawl of a database: under its run lock, with signals that stop it gently, its run row finished."""
from __future__ import annotations

import logging
import signal
import threading

from scraper.config import CrawlConfig, SiteConfig
from scraper.crawl.crawler import Crawler
from scraper.crawl.progress import Progress, Summary
from scraper.fetch import Fetcher
from scraper.store.backend import crawl_lock, open_archive, open_frontier
from scraper.store.contracts import ArchiveStore, FrontierStore

log = logging.getLogger("scraper.crawl")


def crawl(db_path: str, sites: list[SiteConfig], config: CrawlConfig = CrawlConfig(),
          fetcher: Fetcher | None = None, handle_signals: bool = True, progress: Progress | None = None,
          exclusive: bool = False) -> Summary:
    """Run one crawl under the database's lock. Raises LockHeld (exit 3) when another crawl holds it (on
    PostgreSQL: when an `exclusive` crawl meets any other)."""
    with crawl_lock(db_path, exclusive) as lock, open_archive(db_path) as archive:
        frontier = open_frontier(archive, sites, config, joining=getattr(lock, "joined", False))
        try:
            return _run(archive, frontier, sites, config, fetcher, handle_signals, progress)
        finally:
            frontier.close()


def _run(archive: ArchiveStore, frontier: FrontierStore, sites: list[SiteConfig], config: CrawlConfig,
         fetcher: Fetcher | None, handle_signals: bool, progress: Progress | None) -> Summary:
    crawler = Crawler(archive, frontier, sites, config, fetcher, progress)
    restore = _install_signal_handlers(crawler) if handle_signals else None
    exit_status = 1
    try:
        summary = crawler.run()
        exit_status = summary.exit_status
        return summary
    finally:
        if restore:
            restore()
        try:
            crawler.finish(exit_status)
        finally:
            if fetcher is None:
                crawler.fetcher.close()


def _install_signal_handlers(crawler: Crawler):
    """SIGTERM and Ctrl-C finish the pages in hand, then stop; the frontier keeps the rest for next time."""
    if threading.current_thread() is not threading.main_thread():
        return None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def stop(signum, frame) -> None:
        log.warning("signal %d: finishing pages in hand, then stopping", signum)
        crawler.stopping.set()
    for sig in previous:
        signal.signal(sig, stop)

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return restore
